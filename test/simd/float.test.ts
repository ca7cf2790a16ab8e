/** f32x4 / f64x2: NaN rules, signed zeros, rounding, pmin/pmax bit-exactness, conversions. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CANON_F32, f32bits, lanes, run, words } from './harness.js';

const rep = <T>(n: number, x: T): T[] => Array(n).fill(x);
const SNAN32 = 0x7fa00000, NEG_NAN_PAYLOAD32 = 0xff812345;
const CANON_F64 = 0x7ff8000000000000n, SNAN64 = 0x7ff4000000000001n;

test('f32x4 arithmetic rounds each lane to f32 and canonicalises NaN', () => {
  const one = 1, tiny = 2 ** -24 + 2 ** -47;
  assert.deepEqual(lanes('f32x4.add', [['f32', [one, one, 3.4028234663852886e38, -0]], ['f32', [2 ** -24, tiny, 3.4028234663852886e38, 0]]], 'f32'),
    [1, 1 + 2 ** -23, Infinity, 0]);
  assert.deepEqual(lanes('f32x4.div', [['f32', [1, -1, 0, 1]], ['f32', [3, 0, 0, -0]]], 'f32').slice(0, 2), [Math.fround(1 / 3), -Infinity]);
  const r = run('f32x4.add', [['u32', [SNAN32, NEG_NAN_PAYLOAD32, CANON_F32, f32bits(1)]], ['f32', [1, 1, 1, Infinity]]]);
  assert.deepEqual(words(r, 0), [CANON_F32, CANON_F32, CANON_F32, f32bits(Infinity)]);
  const s = run('f32x4.sub', [['f32', [Infinity, 0, 0, 1]], ['f32', [Infinity, 0, -0, 1]]]);
  assert.deepEqual(words(s, 0), [CANON_F32, 0, 0, 0]);
  assert.deepEqual(words(run('f32x4.sqrt', [['f32', [-1, 4, -0, 2]]]), 0), [CANON_F32, f32bits(2), 0x80000000, f32bits(Math.fround(Math.SQRT2))]);
  assert.deepEqual(words(run('f32x4.mul', [['f32', [0, Infinity, -0, 2]], ['f32', [Infinity, 0, 5, -3]]]), 0),
    [CANON_F32, CANON_F32, 0x80000000, f32bits(-6)]);
});

test('abs and neg are sign-bit operations that keep NaN payloads', () => {
  assert.deepEqual(words(run('f32x4.neg', [['u32', [SNAN32, NEG_NAN_PAYLOAD32, 0, 0x80000000]]]), 0),
    [0xffa00000, 0x7f812345, 0x80000000, 0]);
  assert.deepEqual(words(run('f32x4.abs', [['u32', [0xffa00000, NEG_NAN_PAYLOAD32, 0x80000000, 0xbf800000]]]), 0),
    [SNAN32, 0x7f812345, 0, 0x3f800000]);
  assert.deepEqual(lanes('f64x2.neg', [['u64', [SNAN64, 0n]]], 'u64'), [SNAN64 | (1n << 63n), 1n << 63n]);
  assert.deepEqual(lanes('f64x2.abs', [['u64', [SNAN64 | (1n << 63n), 0xbff0000000000000n]]], 'u64'), [SNAN64, 0x3ff0000000000000n]);
});

test('min/max: NaN wins, -0 < +0', () => {
  assert.deepEqual(words(run('f32x4.min', [['f32', [-0, 0, NaN, 1]], ['f32', [0, -0, 1, NaN]]]), 0), [0x80000000, 0x80000000, CANON_F32, CANON_F32]);
  assert.deepEqual(words(run('f32x4.max', [['f32', [-0, 0, -Infinity, 1]], ['f32', [0, -0, -1, 2]]]), 0), [0, 0, f32bits(-1), f32bits(2)]);
  assert.deepEqual(lanes('f64x2.min', [['f64', [-0, NaN]], ['f64', [0, 3]]], 'u64'), [1n << 63n, CANON_F64]);
  assert.deepEqual(lanes('f64x2.max', [['u64', [SNAN64, 0n]], ['f64', [1, -0]]], 'u64'), [CANON_F64, 0n]);
});

test('pmin/pmax are exact selects (NaN in a stays, bits preserved)', () => {
  // pmin(a, b) = b < a ? b : a
  assert.deepEqual(words(run('f32x4.pmin', [['u32', [SNAN32, f32bits(1), 0x80000000, 0]], ['u32', [f32bits(1), SNAN32, 0, 0x80000000]]]), 0),
    [SNAN32, f32bits(1), 0x80000000, 0]);
  assert.deepEqual(words(run('f32x4.pmax', [['u32', [SNAN32, f32bits(1), 0x80000000, f32bits(1)]], ['u32', [f32bits(1), SNAN32, 0, f32bits(2)]]]), 0),
    [SNAN32, f32bits(1), 0x80000000, f32bits(2)]);
  assert.deepEqual(lanes('f64x2.pmin', [['u64', [SNAN64, 0n]], ['f64', [1, -0]]], 'u64'), [SNAN64, 0n]);
  assert.deepEqual(lanes('f64x2.pmax', [['f64', [1, -1]], ['u64', [SNAN64, 0n]]], 'u64'), [0x3ff0000000000000n, 0n]);
});

test('rounding: ceil, floor, trunc, nearest (ties to even)', () => {
  assert.deepEqual(words(run('f32x4.ceil', [['f32', [-0.5, 0.5, 2 ** -149, -1.5]]]), 0), [0x80000000, f32bits(1), f32bits(1), f32bits(-1)]);
  assert.deepEqual(words(run('f32x4.floor', [['f32', [-0.5, 0.5, -(2 ** -149), NaN]]]), 0), [f32bits(-1), 0, f32bits(-1), CANON_F32]);
  assert.deepEqual(words(run('f32x4.trunc', [['f32', [-0.5, 1.9, -1.9, 8388609]]]), 0), [0x80000000, f32bits(1), f32bits(-1), f32bits(8388609)]);
  assert.deepEqual(lanes('f32x4.nearest', [['f32', [0.5, 1.5, 2.5, -0.5]]], 'f32'), [0, 2, 2, -0]);
  assert.ok(Object.is(lanes('f32x4.nearest', [['f32', [-0.5, -0.4, 0, 0]]], 'f32')[1], -0));
  assert.deepEqual(lanes('f32x4.nearest', [['f32', [-1.5, -2.5, 6.283185482025146, 8388607.5]]], 'f32'), [-2, -2, 6, 8388608]);
  assert.deepEqual(lanes('f64x2.nearest', [['f64', [4503599627370495.5, -3.5]]], 'f64'), [4503599627370496, -4]);
  assert.deepEqual(lanes('f64x2.nearest', [['f64', [0.49999999999999994, 2 ** 52 + 1]]], 'f64'), [0, 2 ** 52 + 1]);
  assert.deepEqual(lanes('f64x2.ceil', [['f64', [-0.1, 1e300]]], 'f64'), [-0, 1e300]);
  assert.deepEqual(lanes('f64x2.floor', [['f64', [-0.1, Infinity]]], 'f64'), [-1, Infinity]);
  assert.deepEqual(lanes('f64x2.trunc', [['f64', [-0.9, NaN]]], 'u64'), [1n << 63n, CANON_F64]);
});

test('comparisons: NaN is unordered, -0 == +0', () => {
  assert.deepEqual(lanes('f32x4.eq', [['f32', [NaN, 0, 1, 2]], ['f32', [NaN, -0, 1, 3]]], 'i32'), [0, -1, -1, 0]);
  assert.deepEqual(lanes('f32x4.ne', [['f32', [NaN, 0, 1, 2]], ['f32', [NaN, -0, 1, 3]]], 'i32'), [-1, 0, 0, -1]);
  assert.deepEqual(lanes('f32x4.le', [['f32', [NaN, 0, 1, 4]], ['f32', [1, -0, 1, 3]]], 'i32'), [0, -1, -1, 0]);
  assert.deepEqual(lanes('f64x2.lt', [['f64', [-Infinity, NaN]], ['f64', [0, 0]]], 'i64'), [-1n, 0n]);
  assert.deepEqual(lanes('f64x2.ge', [['f64', [-0, 1]], ['f64', [0, 2]]], 'i64'), [-1n, 0n]);
});

test('int <-> float conversions', () => {
  assert.deepEqual(lanes('i32x4.trunc_sat_f32x4_s', [['f32', [NaN, -3e9, 3e9, -1.9]]], 'i32'), [0, -0x80000000, 0x7fffffff, -1]);
  assert.deepEqual(lanes('i32x4.trunc_sat_f32x4_u', [['f32', [NaN, -1.9, 5e9, 4294967040]]], 'u32'), [0, 0, 0xffffffff, 4294967040]);
  assert.deepEqual(lanes('i32x4.trunc_sat_f64x2_s_zero', [['f64', [2147483647.9, -2147483648.9]]], 'i32'), [0x7fffffff, -0x80000000, 0, 0]);
  assert.deepEqual(lanes('i32x4.trunc_sat_f64x2_u_zero', [['f64', [4294967295.5, -0.9]]], 'u32'), [0xffffffff, 0, 0, 0]);
  assert.deepEqual(lanes('f32x4.convert_i32x4_s', [['i32', [-0x80000000, 16777217, -1, 0]]], 'f32'), [-2147483648, 16777216, -1, 0]);
  assert.deepEqual(lanes('f32x4.convert_i32x4_u', [['i32', [-1, 16777219, 0, 1]]], 'f32'), [4294967296, 16777220, 0, 1]);
  assert.deepEqual(lanes('f64x2.convert_low_i32x4_s', [['i32', [-1, -0x80000000, 7, 8]]], 'f64'), [-1, -2147483648]);
  assert.deepEqual(lanes('f64x2.convert_low_i32x4_u', [['i32', [-1, 1, 7, 8]]], 'f64'), [4294967295, 1]);
  assert.deepEqual(words(run('f32x4.demote_f64x2_zero', [['f64', [1e300, NaN]]]), 0), [f32bits(Infinity), CANON_F32, 0, 0]);
  assert.deepEqual(lanes('f32x4.demote_f64x2_zero', [['f64', [1 + 2 ** -24, 2 ** -150]]], 'f32'), [1, 0, 0, 0]);
  assert.deepEqual(lanes('f64x2.promote_low_f32x4', [['u32', [SNAN32, f32bits(0.1), 1, 2]]], 'u64'),
    [CANON_F64, BigInt.asUintN(64, new BigInt64Array(new Float64Array([Math.fround(0.1)]).buffer)[0])]);
});

test('f64x2 arithmetic', () => {
  assert.deepEqual(lanes('f64x2.add', [['f64', [0.1, 1.7976931348623157e308]], ['f64', [0.2, 1.7976931348623157e308]]], 'f64'), [0.1 + 0.2, Infinity]);
  assert.deepEqual(lanes('f64x2.div', [['f64', [0, 1]], ['f64', [0, 0]]], 'u64'), [CANON_F64, 0x7ff0000000000000n]);
  assert.deepEqual(lanes('f64x2.sqrt', [['f64', [2, -0]]], 'f64'), [Math.SQRT2, -0]);
  assert.deepEqual(lanes('f64x2.mul', [['u64', [SNAN64, 3n]], ['f64', [1, 0]]], 'u64'), [CANON_F64, 0n]);
});
