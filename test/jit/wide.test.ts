/**
 * Differential tests of wide arithmetic (i64.add128/sub128/mul_wide_s/mul_wide_u) in the compiled
 * tier: the forced compiled tier against the interpreter (bit-exact, BigInt-based) on random and
 * edge i64 operands, plus a BigInt reference for the products.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Value } from '../../src/runtime/index.js';
import { pair, outcome, isCompiled, rng, randomArg } from './helpers.js';

const N = 3000;
const EDGES = [0n, 1n, -1n, 2n, 0x7fffffffffffffffn, -0x8000000000000000n, 0xffffffffn, 0x100000000n, 0x100000001n,
  -0x100000000n, -0xffffffffn, -0x100000001n, 0xffffn, 0x10000n, 0x7fffffffn, 0x80000000n, -0x80000000n, 0xffffffff00000000n - (1n << 64n)];

const p = pair(`(module
  (func (export "add128") (param i64 i64 i64 i64) (result i64 i64)
    local.get 0 local.get 1 local.get 2 local.get 3 i64.add128)
  (func (export "sub128") (param i64 i64 i64 i64) (result i64 i64)
    local.get 0 local.get 1 local.get 2 local.get 3 i64.sub128)
  (func (export "mul_wide_s") (param i64 i64) (result i64 i64)
    local.get 0 local.get 1 i64.mul_wide_s)
  (func (export "mul_wide_u") (param i64 i64) (result i64 i64)
    local.get 0 local.get 1 i64.mul_wide_u)
  ;; Operands in stack slots (not local atoms), results consumed by further instructions.
  (func (export "chain") (param i64 i64) (result i64 i64)
    (i64.mul_wide_u (i64.add (local.get 0) (i64.const 0)) (i64.xor (local.get 1) (i64.const 0)))
    (i64.mul_wide_s (local.get 0) (local.get 1))
    i64.sub128
    (i64.mul_wide_s (local.get 1) (i64.const -3))
    i64.add128)
  ;; Constant operands and the same local twice.
  (func (export "square") (param i64) (result i64 i64)
    local.get 0 local.get 0 i64.mul_wide_s)
  (func (export "consts") (param i64) (result i64 i64)
    local.get 0 i64.const -1 i64.const 0x100000001 i64.const -0x8000000000000000 i64.add128))`);

/** Random i64: an edge value a third of the time, else randomArg's mix (edges and random words). */
function arg(next: () => number): Value {
  return next() % 3 === 0 ? EDGES[next() % EDGES.length] : randomArg('I', next);
}

function check(name: string, arity: number, seed: number): void {
  const next = rng(seed);
  for (let r = 0; r < N; r++) {
    const args = Array.from({ length: arity }, () => arg(next));
    const want = outcome(p.interp, name, args);
    const got = outcome(p.jit, name, args);
    assert.equal(got, want, `${name}(${args.join(', ')})`);
  }
  // Every edge pair too.
  if (arity === 2) {
    for (const a of EDGES) for (const b of EDGES) assert.equal(outcome(p.jit, name, [a, b]), outcome(p.interp, name, [a, b]), `${name}(${a}, ${b})`);
  }
  assert.ok(isCompiled(p.jit.inst, name), `${name} compiled`);
}

for (const [k, [name, arity]] of ([['add128', 4], ['sub128', 4], ['mul_wide_s', 2], ['mul_wide_u', 2], ['chain', 2], ['square', 1], ['consts', 1]] as const).entries()) {
  test(`${name}: compiled == interpreted`, () => check(name, arity, 1000 + k));
}

test('mul_wide: compiled against a BigInt reference', () => {
  const next = rng(77);
  const u = (v: bigint) => `${BigInt.asUintN(64, v)}n`;
  for (let r = 0; r < N; r++) {
    const a = arg(next) as bigint, b = arg(next) as bigint;
    const pu = BigInt.asUintN(64, a) * BigInt.asUintN(64, b), ps = BigInt.asUintN(128, a * b);
    assert.equal(outcome(p.jit, 'mul_wide_u', [a, b]), `${u(pu)},${u(pu >> 64n)}`, `mul_wide_u(${a}, ${b})`);
    assert.equal(outcome(p.jit, 'mul_wide_s', [a, b]), `${u(ps)},${u(ps >> 64n)}`, `mul_wide_s(${a}, ${b})`);
  }
});
