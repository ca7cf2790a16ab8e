/**
 * i64 division and remainder (exec/numeric/i64.ts), used by both tiers: the double path (operands
 * below 2^52), the long division (divisors below 2^32) and the BigInt path must all agree with
 * BigInt arithmetic: at the edges of each path (2^52 +- 1, 2^32, both signs, -2^63), on quotients
 * just below an integer, at random magnitudes, and in their traps.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { divS64, divU64, remS64, remU64 } from '../../src/exec/numeric/i64.js';
import { RuntimeError } from '../../src/errors.js';

const M64 = (1n << 64n) - 1n;

function run(f: (w: Int32Array, a: number, b: number) => void, x: bigint, y: bigint): bigint | string {
  const w = new Int32Array(4);
  const ux = BigInt.asUintN(64, x), uy = BigInt.asUintN(64, y);
  w[0] = Number(BigInt.asIntN(32, ux)); w[1] = Number(BigInt.asIntN(32, ux >> 32n));
  w[2] = Number(BigInt.asIntN(32, uy)); w[3] = Number(BigInt.asIntN(32, uy >> 32n));
  try {
    f(w, 0, 2);
  } catch (e) {
    if (e instanceof RuntimeError) return e.kind;
    throw e;
  }
  return (BigInt(w[1] >>> 0) << 32n) | BigInt(w[0] >>> 0);
}

function expected(op: string, x: bigint, y: bigint): bigint | string {
  const sx = BigInt.asIntN(64, x), sy = BigInt.asIntN(64, y), ux = BigInt.asUintN(64, x), uy = BigInt.asUintN(64, y);
  if (uy === 0n) return 'div-by-zero';
  switch (op) {
    case 'div_s': return sx === -(1n << 63n) && sy === -1n ? 'int-overflow' : BigInt.asUintN(64, sx / sy);
    case 'rem_s': return BigInt.asUintN(64, sx % sy);
    case 'div_u': return ux / uy;
    default: return ux % uy;
  }
}

const OPS = { div_s: divS64, rem_s: remS64, div_u: divU64, rem_u: remU64 } as const;

const P52 = 1n << 52n;
const EDGES = [0n, 1n, -1n, 2n, -2n, 3n, 7n, -7n, 10n, 0xffffffffn, 0x100000000n, -0x100000000n,
  0xfffffffen, 0x100000001n, -0xffffffffn, P52 - 1n, P52, P52 + 1n, -P52, -P52 + 1n, -P52 - 1n, (1n << 53n) - 1n, 1n << 53n, (1n << 63n) - 1n, -(1n << 63n), M64];

test('i64 div/rem: edges of the double fast path, both signs, traps', () => {
  for (const [name, f] of Object.entries(OPS)) {
    for (const x of EDGES) for (const y of EDGES) {
      assert.equal(run(f, x, y), expected(name, x, y), `${name} ${x} ${y}`);
    }
  }
});

test('i64 div/rem: quotients just below an integer, near 2^52', () => {
  for (const [name, f] of Object.entries(OPS)) {
    for (const y of [3n, 7n, 1000003n, 0x7fffffffn, (1n << 26n) + 1n]) {
      for (const k of [(P52 - 1n) / y, (P52 - 1n) / y - 1n, 12345n]) {
        for (const x of [k * y - 1n, k * y, k * y + 1n]) {
          for (const [sx, sy] of [[x, y], [-x, y], [x, -y], [-x, -y]]) assert.equal(run(f, sx, sy), expected(name, sx, sy), `${name} ${sx} ${sy}`);
        }
      }
    }
  }
});

test('i64 div/rem: random operands of every magnitude', () => {
  let s = 0x2545f491;
  const next = () => { s ^= s << 13; s ^= s >>> 17; s ^= s << 5; return BigInt(s >>> 0); };
  for (let i = 0; i < 20000; i++) {
    const bitsX = Number(next() % 65n), bitsY = Number(next() % 65n);
    const x = BigInt.asIntN(64, ((next() << 32n) | next()) & ((1n << BigInt(bitsX)) - 1n)) * (next() & 1n ? -1n : 1n);
    const y = BigInt.asIntN(64, ((next() << 32n) | next()) & ((1n << BigInt(bitsY)) - 1n)) * (next() & 1n ? -1n : 1n);
    for (const [name, f] of Object.entries(OPS)) assert.equal(run(f, x, y), expected(name, x, y), `${name} ${x} ${y}`);
  }
});
