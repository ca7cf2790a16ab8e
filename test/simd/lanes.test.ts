/** splat / extract_lane / replace_lane, v128.const, bit-wise ops, shuffle and swizzle. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { get, lanes, run, words } from './harness.js';

const rep = <T>(n: number, x: T): T[] => Array(n).fill(x);
const iota = (n: number, from = 0): number[] => Array.from({ length: n }, (_, i) => from + i);

test('splat wraps to the lane width and copies float bits', () => {
  assert.deepEqual(lanes('i8x16.splat', [['int32', 0x1ff]], 'i8'), rep(16, -1));
  assert.deepEqual(lanes('i16x8.splat', [['int32', 0x18000]], 'i16'), rep(8, -32768));
  assert.deepEqual(lanes('i32x4.splat', [['int32', -5]], 'i32'), rep(4, -5));
  assert.deepEqual(lanes('i64x2.splat', [['int64', -(2n ** 63n)]], 'i64'), [-(2n ** 63n), -(2n ** 63n)]);
  assert.deepEqual(words(run('f32x4.splat', [['f32bits', 0x7fa00001]]), 0), rep(4, 0x7fa00001));
  assert.deepEqual(lanes('f64x2.splat', [['f64bits', 0x7ff4000000000001n]], 'u64'), [0x7ff4000000000001n, 0x7ff4000000000001n]);
});

test('extract_lane sign/zero extends; float lanes keep their bits', () => {
  const bytes = iota(16, -8);
  assert.equal(run('i8x16.extract_lane_s', [['i8', bytes]], 3).i32[0], -5);
  assert.equal(run('i8x16.extract_lane_u', [['i8', bytes]], 3).i32[0], 251);
  assert.equal(run('i16x8.extract_lane_s', [['i16', [0, 0, 0, 0, 0, 0, 0, -2]]], 7).i32[0], -2);
  assert.equal(run('i16x8.extract_lane_u', [['i16', [0, 0, 0, 0, 0, 0, 0, -2]]], 7).i32[0], 65534);
  assert.equal(run('i32x4.extract_lane', [['i32', [1, 2, 3, 4]]], 2).i32[0], 3);
  assert.equal(run('i64x2.extract_lane', [['i64', [1n, -2n]]], 1).i64[0], -2n);
  assert.equal(run('f32x4.extract_lane', [['u32', [0, 0, 0, 0xffa00001]]], 3).u32[0], 0xffa00001);
  assert.equal(run('f64x2.extract_lane', [['u64', [0n, 0xfff4000000000001n]]], 1).u64[0], 0xfff4000000000001n);
});

test('replace_lane', () => {
  assert.deepEqual(lanes('i8x16.replace_lane', [['i8', rep(16, 0)], ['int32', 0x180]], 'i8', 15), [...rep(15, 0), -128]);
  assert.deepEqual(lanes('i16x8.replace_lane', [['i16', rep(8, 0)], ['int32', -1]], 'i16', 0), [-1, ...rep(7, 0)]);
  assert.deepEqual(lanes('i32x4.replace_lane', [['i32', [1, 2, 3, 4]], ['int32', 9]], 'i32', 2), [1, 2, 9, 4]);
  assert.deepEqual(lanes('i64x2.replace_lane', [['i64', [1n, 2n]], ['int64', -3n]], 'i64', 1), [1n, -3n]);
  assert.deepEqual(words(run('f32x4.replace_lane', [['u32', [1, 2, 3, 4]], ['f32bits', 0x7f800001]], 1), 0), [1, 0x7f800001, 3, 4]);
  assert.deepEqual(lanes('f64x2.replace_lane', [['f64', [1, 2]], ['f64bits', 0x7ff0000000000001n]], 'u64', 0), [0x7ff0000000000001n, 0x4000000000000000n]);
});

test('v128.const, bit-wise ops, any_true', () => {
  const bytes = new Uint8Array(iota(16, 240));
  assert.deepEqual(get(run('v128.const', [], bytes), 0, 'u8'), Array.from(bytes));
  const x = ['u32', [0xff00ff00, 0x0f0f0f0f, 0, 0xffffffff]] as const, y = ['u32', [0x0ff00ff0, 0xffffffff, 0xffffffff, 0]] as const;
  assert.deepEqual(words(run('v128.not', [['u32', x[1]]]), 0), [0x00ff00ff, 0xf0f0f0f0, 0xffffffff, 0]);
  assert.deepEqual(words(run('v128.and', [['u32', x[1]], ['u32', y[1]]]), 0), [0x0f000f00, 0x0f0f0f0f, 0, 0]);
  assert.deepEqual(words(run('v128.andnot', [['u32', x[1]], ['u32', y[1]]]), 0), [0xf000f000, 0, 0, 0xffffffff]);
  assert.deepEqual(words(run('v128.or', [['u32', x[1]], ['u32', y[1]]]), 0), [0xfff0fff0, 0xffffffff, 0xffffffff, 0xffffffff]);
  assert.deepEqual(words(run('v128.xor', [['u32', x[1]], ['u32', y[1]]]), 0), [0xf0f0f0f0, 0xf0f0f0f0, 0xffffffff, 0xffffffff]);
  assert.deepEqual(words(run('v128.bitselect', [['u32', [0xaaaaaaaa, 1, 2, 3]], ['u32', [0x55555555, 4, 5, 6]], ['u32', [0xffff0000, 0, 0xffffffff, 1]]]), 0),
    [0xaaaa5555, 4, 2, 7]);
  assert.equal(run('v128.any_true', [['u32', [0, 0, 0, 0x80000000]]]).i32[0], 1);
  assert.equal(run('v128.any_true', [['u32', [0, 0, 0, 0]]]).i32[0], 0);
});

test('swizzle and shuffle', () => {
  const a = iota(16, 100);
  assert.deepEqual(lanes('i8x16.swizzle', [['u8', a], ['u8', [15, 0, 16, 255, 128, 1, 2, 3, 4, 5, 6, 7, 8, 9, 17, 14]]], 'u8'),
    [115, 100, 0, 0, 0, 101, 102, 103, 104, 105, 106, 107, 108, 109, 0, 114]);
  const order = new Uint8Array([31, 0, 16, 15, 1, 17, 2, 18, 3, 19, 4, 20, 5, 21, 30, 14]);
  assert.deepEqual(lanes('i8x16.shuffle', [['u8', a], ['u8', iota(16, 200)]], 'u8', order),
    [215, 100, 200, 115, 101, 201, 102, 202, 103, 203, 104, 204, 105, 205, 214, 114]);
});
