import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as I64 from '../../src/exec/numeric/i64.js';
import * as CV from '../../src/exec/numeric/convert.js';
import { nearest } from '../../src/exec/numeric/float.js';
import { divS32, remS32, rotl32, rotr32 } from '../../src/exec/numeric/i32.js';
import { RuntimeError } from '../../src/errors.js';

/** Runs a word-pair i64 op on two bigints and returns the bigint result. */
function op64(f: (w: Int32Array, a: number, b: number) => void, x: bigint, y: bigint): bigint {
  const w = new Int32Array(8);
  const b = new BigInt64Array(w.buffer);
  b[0] = x; b[2] = y;
  f(w, 0, 4);
  return b[0];
}

const samples = [0n, 1n, -1n, 2n, 0x7fffffffn, 0x80000000n, 0xffffffffn, 0x100000000n, -0x8000000000000000n,
  0x7fffffffffffffffn, 0x123456789abcdef0n, -0x123456789abcdefn, 63n, 64n, 65n];

test('i64 add/sub/mul on word pairs agree with BigInt', () => {
  for (const x of samples) for (const y of samples) {
    assert.equal(op64(I64.add64, x, y), BigInt.asIntN(64, x + y));
    assert.equal(op64(I64.sub64, x, y), BigInt.asIntN(64, x - y));
    assert.equal(op64(I64.mul64, x, y), BigInt.asIntN(64, x * y), `${x} * ${y}`);
  }
});

test('i64 shifts and rotations use the count mod 64', () => {
  for (const x of samples) for (const s of [0n, 1n, 31n, 32n, 33n, 63n, 64n, 65n, -1n]) {
    const k = BigInt.asUintN(6, s);
    const u = BigInt.asUintN(64, x);
    assert.equal(op64(I64.shl64, x, s), BigInt.asIntN(64, x << k));
    assert.equal(op64(I64.shrS64, x, s), BigInt.asIntN(64, x >> k));
    assert.equal(op64(I64.shrU64, x, s), BigInt.asIntN(64, u >> k));
    assert.equal(op64(I64.rotl64, x, s), BigInt.asIntN(64, (u << k) | (u >> ((64n - k) % 64n))));
    assert.equal(op64(I64.rotr64, x, s), BigInt.asIntN(64, (u >> k) | (u << ((64n - k) % 64n))));
  }
});

test('i64 division traps', () => {
  assert.throws(() => op64(I64.divS64, 1n, 0n), (e: unknown) => e instanceof RuntimeError && e.reason === 'integer divide by zero');
  assert.throws(() => op64(I64.divS64, -0x8000000000000000n, -1n), (e: unknown) => e instanceof RuntimeError && e.reason === 'integer overflow');
  assert.equal(op64(I64.remS64, -0x8000000000000000n, -1n), 0n);
  assert.equal(op64(I64.divU64, -1n, 2n), 0x7fffffffffffffffn);
  assert.equal(op64(I64.remS64, -7n, 2n), -1n);
});

test('i32 division, remainder and rotations', () => {
  assert.throws(() => divS32(-0x80000000, -1), /integer overflow/);
  assert.equal(remS32(-0x80000000, -1), 0);
  assert.equal(Object.is(remS32(-4, 2), 0), true);
  assert.equal(rotl32(0x80000001 | 0, 1), 3);
  assert.equal(rotr32(1, 1), 0x80000000 | 0);
  assert.equal(rotl32(0x12345678, 0), 0x12345678);
});

test('nearest rounds ties to even and keeps signed zeros', () => {
  assert.equal(nearest(2.5), 2);
  assert.equal(nearest(3.5), 4);
  assert.equal(nearest(-2.5), -2);
  assert.ok(Object.is(nearest(-0.5), -0));
  assert.ok(Object.is(nearest(-0.2), -0));
  assert.ok(Object.is(nearest(0.5), 0));
  assert.equal(nearest(4503599627370497), 4503599627370497);
});

test('float -> int truncation traps and saturates', () => {
  assert.throws(() => CV.truncI32S(NaN), /invalid conversion to integer/);
  assert.throws(() => CV.truncI32S(2147483648), /integer overflow/);
  assert.equal(CV.truncI32S(-2147483648.9), -2147483648);
  assert.equal(CV.truncI32U(-0.9), 0);
  assert.throws(() => CV.truncI32U(-1), /integer overflow/);
  assert.equal(CV.truncSatI32U(5e9), -1);
  const w = new Int32Array(2), b = new BigInt64Array(w.buffer);
  CV.truncI64S(-9223372036854775808, w, 0);
  assert.equal(b[0], -0x8000000000000000n);
  assert.throws(() => CV.truncI64S(9223372036854775808, w, 0), /integer overflow/);
  CV.truncI64U(18446744073709549568, w, 0);
  assert.equal(BigInt.asUintN(64, b[0]), 18446744073709549568n);
  CV.truncSatI64S(-Infinity, w, 0);
  assert.equal(b[0], -0x8000000000000000n);
  CV.truncI64S(-1.5, w, 0);
  assert.equal(b[0], -1n);
});

/** Reference: correctly rounded u64/i64 -> f32 via exact rational rounding with BigInt. */
function refToF32(v: bigint): number {
  const neg = v < 0n;
  let m = neg ? -v : v;
  if (m === 0n) return 0;
  const bits = m.toString(2).length;
  if (bits <= 24) return neg ? -Number(m) : Number(m);
  const shift = BigInt(bits - 24);
  let q = m >> shift;
  const rem = m - (q << shift), half = 1n << (shift - 1n);
  if (rem > half || (rem === half && (q & 1n) === 1n)) q += 1n;
  const r = Number(q) * 2 ** Number(shift);
  return neg ? -r : r;
}

test('i64 -> f32 conversion rounds once (no double rounding through f64)', () => {
  const cases = [
    0x7fffff4000000001n, 0x8000008000000001n, 0xffffff7fffffffffn, 0x20000010000000001n & 0xffffffffffffffffn,
    (1n << 53n) + 1n, (1n << 54n) + 3n, 0x0020000020000001n, 0x7fffffffffffffffn, 1n << 63n, 0xffffffffffffffffn,
  ];
  for (const u of cases) {
    const lo = Number(u & 0xffffffffn) | 0, hi = Number(u >> 32n) | 0;
    assert.equal(CV.i64ToF32(lo, hi, false), Math.fround(refToF32(u)), `u64 ${u.toString(16)}`);
    const s = BigInt.asIntN(64, u);
    assert.equal(CV.i64ToF32(lo, hi, true), Math.fround(refToF32(s)), `s64 ${s}`);
  }
  // The classic double-rounding case: via f64 this would round to 0x1p53 + 2^30 neighbours wrongly.
  assert.equal(CV.i64ToF32(0x00000001 | 0, 0x00200000, false), 9007199254740992);
});

test('i64 -> f64 conversion', () => {
  assert.equal(CV.i64ToF64(-1, -1, true), -1);
  assert.equal(CV.i64ToF64(-1, -1, false), 18446744073709551616);
  assert.equal(CV.i64ToF64(0x401 | 0, 0x00200000, false), 9007199254742016); // 2^53 + 1025: a tie, to even
});
