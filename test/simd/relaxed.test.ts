/** Relaxed SIMD: weft's chosen deterministic behaviours (documented in src/exec/simd-relaxed.ts). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CANON_F32, lanes, run, words } from './harness.js';

const rep = <T>(n: number, x: T): T[] => Array(n).fill(x);
const FLT_MAX = 3.4028234663852886e38, DBL_MAX = 1.7976931348623157e308;

test('madd/nmadd are unfused (two roundings)', () => {
  assert.deepEqual(lanes('f32x4.relaxed_madd', [['f32', rep(4, FLT_MAX)], ['f32', rep(4, 2)], ['f32', rep(4, -FLT_MAX)]], 'f32'), rep(4, Infinity));
  const x = 1 + 2 ** -22, y = 1 + 2 ** -15, z = -(1 + 2 ** -15 + 2 ** -22);
  assert.deepEqual(lanes('f32x4.relaxed_madd', [['f32', rep(4, x)], ['f32', rep(4, y)], ['f32', rep(4, z)]], 'f32'), rep(4, 0));
  assert.deepEqual(lanes('f32x4.relaxed_nmadd', [['f32', rep(4, -x)], ['f32', rep(4, y)], ['f32', rep(4, z)]], 'f32'), rep(4, 0));
  assert.deepEqual(lanes('f64x2.relaxed_madd', [['f64', [DBL_MAX, 1]], ['f64', [2, 2]], ['f64', [-DBL_MAX, 3]]], 'f64'), [Infinity, 5]);
  const X = 1 + 2 ** -30, Y = 1 + 2 ** -23, Z = -(1 + 2 ** -23 + 2 ** -30);
  assert.deepEqual(lanes('f64x2.relaxed_nmadd', [['f64', [X, 2]], ['f64', [-Y, 3]], ['f64', [Z, 7]]], 'f64'), [0, 1]);
  assert.deepEqual(words(run('f32x4.relaxed_madd', [['f32', [0, 1, 1, 1]], ['f32', [Infinity, 1, 1, 1]], ['f32', [1, 1, 1, NaN]]]), 0),
    [CANON_F32, 0x40000000, 0x40000000, CANON_F32]);
});

test('laneselect is bitselect; min/max, swizzle, trunc, q15mulr are their strict versions', () => {
  for (const shape of ['i8x16', 'i16x8', 'i32x4', 'i64x2']) {
    assert.deepEqual(words(run(`${shape}.relaxed_laneselect`, [['u32', [0xaaaaaaaa, 1, 2, 3]], ['u32', [0x55555555, 4, 5, 6]], ['u32', [0xffff0000, 0, 0xffffffff, 1]]]), 0),
      [0xaaaa5555, 4, 2, 7]);
  }
  assert.deepEqual(words(run('f32x4.relaxed_min', [['f32', [NaN, 0, -0, 1]], ['f32', [0, NaN, 0, 2]]]), 0), [CANON_F32, CANON_F32, 0x80000000, 0x3f800000]);
  assert.deepEqual(lanes('f64x2.relaxed_max', [['f64', [-0, 1]], ['f64', [0, 2]]], 'f64'), [0, 2]);
  assert.deepEqual(lanes('i8x16.relaxed_swizzle', [['u8', Array.from({ length: 16 }, (_, i) => i + 1)], ['u8', [0, 16, 200, 15, ...rep(12, 1)]]], 'u8'), [1, 0, 0, 16, ...rep(12, 2)]);
  assert.deepEqual(lanes('i32x4.relaxed_trunc_f32x4_s', [['f32', [NaN, 3e9, -3e9, -1.5]]], 'i32'), [0, 0x7fffffff, -0x80000000, -1]);
  assert.deepEqual(lanes('i32x4.relaxed_trunc_f32x4_u', [['f32', [NaN, 5e9, -3, 1.5]]], 'u32'), [0, 0xffffffff, 0, 1]);
  assert.deepEqual(lanes('i32x4.relaxed_trunc_f64x2_s_zero', [['f64', [NaN, -1e10]]], 'i32'), [0, -0x80000000, 0, 0]);
  assert.deepEqual(lanes('i32x4.relaxed_trunc_f64x2_u_zero', [['f64', [1e10, 2.5]]], 'u32'), [0xffffffff, 2, 0, 0]);
  assert.deepEqual(lanes('i16x8.relaxed_q15mulr_s', [['i16', rep(8, -32768)], ['i16', rep(8, -32768)]], 'i16'), rep(8, 32767));
});

test('relaxed dot products treat both operands as signed', () => {
  const iota = Array.from({ length: 16 }, (_, i) => i);
  assert.deepEqual(lanes('i16x8.relaxed_dot_i8x16_i7x16_s', [['i8', iota], ['i8', iota]], 'i16'), [1, 13, 41, 85, 145, 221, 313, 421]);
  assert.deepEqual(lanes('i16x8.relaxed_dot_i8x16_i7x16_s', [['i8', [-128, -128, 127, 127, ...rep(12, 0)]], ['i8', [127, 127, 127, 127, ...rep(12, 0)]]], 'i16'),
    [-32512, 32258, 0, 0, 0, 0, 0, 0]);
  assert.deepEqual(lanes('i16x8.relaxed_dot_i8x16_i7x16_s', [['i8', [-128, -128, ...rep(14, 0)]], ['i8', [-127, -127, ...rep(14, 0)]]], 'i16'), [32512, ...rep(7, 0)]);
  assert.deepEqual(lanes('i32x4.relaxed_dot_i8x16_i7x16_add_s', [['i8', iota], ['i8', iota], ['i32', [0, 1, 2, 3]]], 'i32'), [14, 127, 368, 737]);
  assert.deepEqual(lanes('i32x4.relaxed_dot_i8x16_i7x16_add_s',
    [['i8', [-128, -128, -128, -128, 127, 127, 127, 127, ...rep(8, 0)]], ['i8', rep(8, 127).concat(rep(8, 0))], ['i32', [1, 2, 3, 4]]], 'i32'), [-65023, 64518, 3, 4]);
  assert.deepEqual(lanes('i32x4.relaxed_dot_i8x16_i7x16_add_s',
    [['i8', [-128, -128, -128, -128, ...rep(12, 0)]], ['i8', [-127, -127, -127, -127, ...rep(12, 0)]], ['i32', [1, 2, 3, 4]]], 'i32'), [65025, 2, 3, 4]);
});
