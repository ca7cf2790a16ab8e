/**
 * i64 multiplications, shifts and rotations with a constant operand (specialised at translation
 * time, see src/jit/i64-const.ts) and the general multiplication, checked under the forced compiled
 * tier against a BigInt reference on edge and random values.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Store, invoke } from '../../src/runtime/index.js';
import { load, exportedFunc } from '../exec/helpers.js';
import { isCompiled, rng } from './helpers.js';

const M64 = (1n << 64n) - 1n;
const u64 = (x: bigint): bigint => x & M64;
const s64 = (x: bigint): bigint => BigInt.asIntN(64, x);

const CONSTANTS = [
  0n, 1n, 2n, 3n, 7n, 31n, 32n, 33n, 63n, 64n, 65n, 127n, 0x1b3n, 0x100000001b3n, 0x1fffffn, 0x200000n,
  0xffffn, 0x10000n, 0x7fffffffn, 0x80000000n, 0xffffffffn, 0x100000000n, 0x100000001n, 0x1234567800000000n,
  0x9e3779b185ebca87n, 0xc2b2ae3d27d4eb4fn, 0x165667b19e3779f9n, 0x85ebca77c2b2ae63n, 0x27d4eb2f165667c5n,
  0x5851f42d4c957f2dn, 0x7fffffffffffffffn, 0x8000000000000000n, M64, M64 - 1n,
];

const INPUTS = [
  0n, 1n, 2n, M64, M64 - 1n, 0x7fffffffn, 0x80000000n, 0xffffffffn, 0x100000000n, 0xfffffffffffn,
  0x7fffffffffffffffn, 0x8000000000000000n, 0x8000000000000001n, 0xffffffff00000000n, 0x00000000fffffffen,
  0x123456789abcdef0n, 0xfedcba9876543210n, 0xdeadbeefcafebaben,
];

function reference(op: string, a: bigint, b: bigint): bigint {
  const n = b & 63n;
  switch (op) {
    case 'mul': return u64(a * b);
    case 'shl': return u64(a << n);
    case 'shr_u': return a >> n;
    case 'shr_s': return u64(s64(a) >> n);
    case 'rotl': return u64((a << n) | (a >> ((64n - n) & 63n)));
    case 'rotr': return u64((a >> n) | (a << ((64n - n) & 63n)));
    default: throw new Error(op);
  }
}

const OPS = ['mul', 'shl', 'shr_u', 'shr_s', 'rotl', 'rotr'];
const funcs: string[] = [];
const names: { name: string; op: string; c: bigint | null; left: boolean }[] = [];
for (const op of OPS) {
  for (const [k, c] of CONSTANTS.entries()) {
    const name = `${op}_${k}`;
    funcs.push(`(func (export "${name}") (param i64) (result i64) local.get 0 i64.const ${s64(c)} i64.${op})`);
    names.push({ name, op, c, left: false });
    if (op === 'mul') {
      funcs.push(`(func (export "${name}_l") (param i64) (result i64) i64.const ${s64(c)} local.get 0 i64.${op})`);
      names.push({ name: `${name}_l`, op, c, left: true });
    }
  }
  funcs.push(`(func (export "${op}") (param i64 i64) (result i64) local.get 0 local.get 1 i64.${op})`);
  names.push({ name: op, op, c: null, left: false });
}

const store = new Store({ tier: 'compiled' });
const inst = load(store, `(module ${funcs.join('\n')})`);

function run(name: string, args: bigint[]): bigint {
  return u64(invoke(store, exportedFunc(inst, name), args.map(s64))[0] as bigint);
}

test('i64 operations with a constant operand match BigInt', () => {
  const next = rng(4242);
  const rand = (): bigint => (BigInt(next()) << 32n) | BigInt(next());
  for (const { name, op, c } of names) {
    if (c === null) continue;
    const xs = [...INPUTS, ...Array.from({ length: 40 }, rand)];
    for (const x of xs) assert.equal(run(name, [x]), reference(op, x, c), `${name}: ${x} ${op} ${c}`);
    assert.ok(isCompiled(inst, name), `${name} compiled`);
  }
});

test('general i64 operations match BigInt (mul high words near rounding edges)', () => {
  const next = rng(99);
  const rand = (): bigint => (BigInt(next()) << 32n) | BigInt(next());
  for (const op of OPS) {
    const pairs: [bigint, bigint][] = [];
    for (const a of INPUTS) for (const b of [...INPUTS, ...CONSTANTS]) pairs.push([a, b]);
    for (let k = 0; k < 400; k++) pairs.push([rand(), rand()]);
    // Low words whose product is just below / above a multiple of 2^32.
    for (let k = 0; k < 200; k++) {
      const a = BigInt(next()) | 1n, inv = modInverse32(a);
      const b = (inv * BigInt(next() & 0xff)) & 0xffffffffn;
      pairs.push([a | (BigInt(next()) << 32n), b], [a, (b + 1n) & 0xffffffffn], [a, (b - 1n) & 0xffffffffn]);
    }
    for (const [a, b] of pairs) assert.equal(run(op, [a, b]), reference(op, a, b), `${a} ${op} ${b}`);
  }
});

/** The inverse of odd `a` modulo 2^32 (so a * inv * k has a low word of k). */
function modInverse32(a: bigint): bigint {
  let x = 1n;
  for (let k = 0; k < 5; k++) x = (x * (2n - a * x)) & 0xffffffffn;
  return x;
}
