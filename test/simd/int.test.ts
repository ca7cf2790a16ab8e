/** i8x16 / i16x8 / i32x4 integer families, with edge values from the spec's simd_i*_*.wast tests. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lanes, run } from './harness.js';

const rep = <T>(n: number, x: T): T[] => Array(n).fill(x);

test('wrapping add/sub/mul/neg/abs', () => {
  assert.deepEqual(lanes('i8x16.add', [['i8', rep(16, 127)], ['i8', rep(16, 1)]], 'i8'), rep(16, -128));
  assert.deepEqual(lanes('i16x8.sub', [['i16', rep(8, -32768)], ['i16', rep(8, 1)]], 'i16'), rep(8, 32767));
  assert.deepEqual(lanes('i16x8.mul', [['i16', rep(8, 0x4000)], ['i16', rep(8, 4)]], 'i16'), rep(8, 0));
  assert.deepEqual(lanes('i32x4.mul', [['i32', rep(4, 0x7fffffff)], ['i32', rep(4, 0x7fffffff)]], 'i32'), rep(4, 1));
  assert.deepEqual(lanes('i32x4.mul', [['i32', [123456789, -2, 65536, -1]], ['i32', [987654321, 3, 65536, -1]]], 'i32'),
    [Math.imul(123456789, 987654321), -6, 0, 1]);
  assert.deepEqual(lanes('i32x4.add', [['i32', rep(4, 0x7fffffff)], ['i32', rep(4, 1)]], 'i32'), rep(4, -0x80000000));
  assert.deepEqual(lanes('i8x16.neg', [['i8', [-128, 127, 0, 1, ...rep(12, -1)]]], 'i8'), [-128, -127, 0, -1, ...rep(12, 1)]);
  assert.deepEqual(lanes('i8x16.abs', [['i8', [-128, 127, 0, -1, ...rep(12, -5)]]], 'i8'), [-128, 127, 0, 1, ...rep(12, 5)]);
  assert.deepEqual(lanes('i32x4.abs', [['i32', [-0x80000000, -1, 7, 0]]], 'i32'), [-0x80000000, 1, 7, 0]);
  assert.deepEqual(lanes('i16x8.neg', [['i16', [-32768, 32767, 0, 1, 2, 3, 4, 5]]], 'i16'), [-32768, -32767, 0, -1, -2, -3, -4, -5]);
});

test('saturating add/sub', () => {
  assert.deepEqual(lanes('i8x16.add_sat_s', [['i8', [127, -128, 100, -100, ...rep(12, 0)]], ['i8', [1, -1, 100, -100, ...rep(12, 0)]]], 'i8'),
    [127, -128, 127, -128, ...rep(12, 0)]);
  assert.deepEqual(lanes('i8x16.add_sat_u', [['u8', rep(16, 255)], ['u8', rep(16, 1)]], 'u8'), rep(16, 255));
  assert.deepEqual(lanes('i8x16.sub_sat_u', [['u8', rep(16, 1)], ['u8', rep(16, 2)]], 'u8'), rep(16, 0));
  assert.deepEqual(lanes('i16x8.sub_sat_s', [['i16', rep(8, -32768)], ['i16', rep(8, 1)]], 'i16'), rep(8, -32768));
  assert.deepEqual(lanes('i16x8.add_sat_u', [['u16', rep(8, 65535)], ['u16', rep(8, 65535)]], 'u16'), rep(8, 65535));
});

test('min/max/avgr signedness', () => {
  assert.deepEqual(lanes('i8x16.min_s', [['i8', rep(16, -1)], ['i8', rep(16, 1)]], 'i8'), rep(16, -1));
  assert.deepEqual(lanes('i8x16.min_u', [['i8', rep(16, -1)], ['i8', rep(16, 1)]], 'i8'), rep(16, 1));
  assert.deepEqual(lanes('i32x4.max_u', [['i32', rep(4, -1)], ['i32', rep(4, 1)]], 'i32'), rep(4, -1));
  assert.deepEqual(lanes('i32x4.max_s', [['i32', rep(4, -1)], ['i32', rep(4, 1)]], 'i32'), rep(4, 1));
  assert.deepEqual(lanes('i8x16.avgr_u', [['u8', rep(16, 255)], ['u8', rep(16, 254)]], 'u8'), rep(16, 255));
  assert.deepEqual(lanes('i16x8.avgr_u', [['u16', rep(8, 65535)], ['u16', rep(8, 65535)]], 'u16'), rep(8, 65535));
  assert.deepEqual(lanes('i16x8.avgr_u', [['u16', rep(8, 0)], ['u16', rep(8, 1)]], 'u16'), rep(8, 1));
});

test('comparisons give all-ones or zero lanes', () => {
  assert.deepEqual(lanes('i8x16.lt_s', [['i8', rep(16, -1)], ['i8', rep(16, 0)]], 'i8'), rep(16, -1));
  assert.deepEqual(lanes('i8x16.lt_u', [['i8', rep(16, -1)], ['i8', rep(16, 0)]], 'i8'), rep(16, 0));
  assert.deepEqual(lanes('i16x8.ge_u', [['i16', rep(8, -1)], ['i16', rep(8, 0)]], 'i16'), rep(8, -1));
  assert.deepEqual(lanes('i32x4.ne', [['i32', [1, 2, 3, 4]], ['i32', [1, 0, 3, 0]]], 'i32'), [0, -1, 0, -1]);
  assert.deepEqual(lanes('i32x4.gt_u', [['i32', [-0x80000000, 0, 5, 5]], ['i32', [0x7fffffff, 0, 4, 6]]], 'i32'), [-1, 0, -1, 0]);
  assert.deepEqual(lanes('i32x4.le_s', [['i32', [-0x80000000, 0, 5, 5]], ['i32', [0x7fffffff, 0, 4, 6]]], 'i32'), [-1, -1, 0, -1]);
});

test('shifts take the count modulo the lane width', () => {
  assert.deepEqual(lanes('i8x16.shl', [['i8', rep(16, 1)], ['int32', 9]], 'i8'), rep(16, 2));
  assert.deepEqual(lanes('i8x16.shr_s', [['i8', rep(16, -128)], ['int32', 7]], 'i8'), rep(16, -1));
  assert.deepEqual(lanes('i8x16.shr_u', [['i8', rep(16, -128)], ['int32', 7]], 'i8'), rep(16, 1));
  assert.deepEqual(lanes('i16x8.shr_u', [['i16', rep(8, -1)], ['int32', -1]], 'u16'), rep(8, 1));
  assert.deepEqual(lanes('i32x4.shl', [['i32', rep(4, 1)], ['int32', 32]], 'i32'), rep(4, 1));
  assert.deepEqual(lanes('i32x4.shr_u', [['i32', rep(4, -1)], ['int32', 31]], 'i32'), rep(4, 1));
  assert.deepEqual(lanes('i32x4.shr_s', [['i32', rep(4, -0x80000000)], ['int32', 33]], 'i32'), rep(4, -0x40000000));
});

test('popcnt, bitmask, all_true', () => {
  assert.deepEqual(lanes('i8x16.popcnt', [['u8', [0, 1, 255, 0x55, 0x80, 0x0f, 3, 7, ...rep(8, 0xaa)]]], 'u8'),
    [0, 1, 8, 4, 1, 4, 2, 3, ...rep(8, 4)]);
  assert.equal(run('i8x16.bitmask', [['i8', [-1, 0, -128, 127, ...rep(11, 0), -1]]]).i32[0], 0x8005);
  assert.equal(run('i16x8.bitmask', [['i16', [-1, 0, 0, 0, 0, 0, 0, -32768]]]).i32[0], 0x81);
  assert.equal(run('i32x4.bitmask', [['i32', [-1, 0, -1, 0x7fffffff]]]).i32[0], 5);
  assert.equal(run('i8x16.all_true', [['i8', rep(16, 1)]]).i32[0], 1);
  assert.equal(run('i8x16.all_true', [['i8', [...rep(15, 1), 0]]]).i32[0], 0);
  assert.equal(run('i16x8.all_true', [['i16', [256, 1, 1, 1, 1, 1, 1, 1]]]).i32[0], 1);
  assert.equal(run('i32x4.all_true', [['i32', [1, 1, 0, 1]]]).i32[0], 0);
});

test('narrow saturates signed input', () => {
  assert.deepEqual(lanes('i8x16.narrow_i16x8_s', [['i16', [128, -129, 127, -128, 0, 1, -1, 32767]], ['i16', [-32768, 5, 6, 7, 8, 9, 10, 11]]], 'i8'),
    [127, -128, 127, -128, 0, 1, -1, 127, -128, 5, 6, 7, 8, 9, 10, 11]);
  assert.deepEqual(lanes('i8x16.narrow_i16x8_u', [['i16', [256, -1, 255, 0, 1, 2, 3, 4]], ['i16', rep(8, 300)]], 'u8'),
    [255, 0, 255, 0, 1, 2, 3, 4, ...rep(8, 255)]);
  assert.deepEqual(lanes('i16x8.narrow_i32x4_u', [['i32', [65536, -1, 65535, 7]], ['i32', [0, 1, 2, -0x80000000]]], 'u16'),
    [65535, 0, 65535, 7, 0, 1, 2, 0]);
  assert.deepEqual(lanes('i16x8.narrow_i32x4_s', [['i32', [65536, -65536, 32767, -32768]], ['i32', [0, 1, 2, 3]]], 'i16'),
    [32767, -32768, 32767, -32768, 0, 1, 2, 3]);
});

test('extend, extmul, extadd_pairwise, dot', () => {
  const bytes = [-1, -128, 127, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, -2, -3];
  assert.deepEqual(lanes('i16x8.extend_low_i8x16_s', [['i8', bytes]], 'i16'), bytes.slice(0, 8));
  assert.deepEqual(lanes('i16x8.extend_high_i8x16_u', [['i8', bytes]], 'i16'), [5, 6, 7, 8, 9, 10, 254, 253]);
  assert.deepEqual(lanes('i32x4.extend_high_i16x8_s', [['i16', [0, 0, 0, 0, -1, -32768, 32767, 1]]], 'i32'), [-1, -32768, 32767, 1]);
  assert.deepEqual(lanes('i32x4.extend_low_i16x8_u', [['i16', [-1, -32768, 32767, 1, 0, 0, 0, 0]]], 'i32'), [65535, 32768, 32767, 1]);
  assert.deepEqual(lanes('i16x8.extmul_low_i8x16_s', [['i8', rep(16, -128)], ['i8', rep(16, -128)]], 'i16'), rep(8, 16384));
  assert.deepEqual(lanes('i16x8.extmul_high_i8x16_u', [['i8', rep(16, -1)], ['i8', rep(16, -1)]], 'u16'), rep(8, 65025));
  assert.deepEqual(lanes('i32x4.extmul_low_i16x8_s', [['i16', rep(8, -32768)], ['i16', rep(8, -32768)]], 'i32'), rep(4, 0x40000000));
  assert.deepEqual(lanes('i32x4.extmul_high_i16x8_u', [['i16', rep(8, -1)], ['i16', rep(8, -1)]], 'u32'), rep(4, 4294836225));
  assert.deepEqual(lanes('i16x8.extadd_pairwise_i8x16_s', [['i8', rep(16, -128)]], 'i16'), rep(8, -256));
  assert.deepEqual(lanes('i16x8.extadd_pairwise_i8x16_u', [['i8', rep(16, -1)]], 'i16'), rep(8, 510));
  assert.deepEqual(lanes('i32x4.extadd_pairwise_i16x8_u', [['i16', rep(8, -1)]], 'i32'), rep(4, 131070));
  assert.deepEqual(lanes('i32x4.extadd_pairwise_i16x8_s', [['i16', rep(8, -32768)]], 'i32'), rep(4, -65536));
  assert.deepEqual(lanes('i32x4.dot_i16x8_s', [['i16', rep(8, -32768)], ['i16', rep(8, -32768)]], 'i32'), rep(4, -0x80000000));
  assert.deepEqual(lanes('i32x4.dot_i16x8_s', [['i16', [1, 2, 3, 4, 5, 6, 7, 8]], ['i16', [1, 2, 3, 4, 5, 6, 7, 8]]], 'i32'), [5, 25, 61, 113]);
});

test('q15mulr_sat_s rounds and saturates', () => {
  assert.deepEqual(lanes('i16x8.q15mulr_sat_s', [['i16', [-32768, 16384, 1, -1, 32767, -32768, 0x4000, 3]], ['i16', [-32768, 16384, 16384, 16384, 32767, 32767, -1, -16384]]], 'i16'),
    [32767, 8192, 1, 0, 32766, -32767, 0, -1]);
});
