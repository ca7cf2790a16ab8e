/** v128 loads and stores: plain, extending, splat, zero, lane; unaligned addresses. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { get, runMem } from './harness.js';

const rep = <T>(n: number, x: T): T[] => Array(n).fill(x);
function memory(): Uint8Array {
  const m = new Uint8Array(64);
  for (let i = 0; i < 64; i++) m[i] = (i * 17 + 0x80) & 0xff; // bytes with high bits set, to catch sign errors
  return m;
}

test('v128.load and v128.store at unaligned addresses', () => {
  const m = memory();
  assert.deepEqual(get(runMem('v128.load', m, 3), 0, 'u8'), Array.from(m.subarray(3, 19)));
  const out = new Uint8Array(40);
  runMem('v128.store', out, 5, ['u8', Array.from({ length: 16 }, (_, i) => i + 1)]);
  assert.deepEqual(Array.from(out.subarray(4, 22)), [0, ...Array.from({ length: 16 }, (_, i) => i + 1), 0]);
});

test('extending loads', () => {
  const m = new Uint8Array([0xff, 0x80, 0x7f, 0x01, 0xfe, 0xff, 0x00, 0x80, 0, 0]);
  assert.deepEqual(get(runMem('v128.load8x8_s', m, 0), 0, 'i16'), [-1, -128, 127, 1, -2, -1, 0, -128]);
  assert.deepEqual(get(runMem('v128.load8x8_u', m, 0), 0, 'i16'), [255, 128, 127, 1, 254, 255, 0, 128]);
  assert.deepEqual(get(runMem('v128.load16x4_s', m, 0), 0, 'i32'), [-32513, 383, -2, -32768]);
  assert.deepEqual(get(runMem('v128.load16x4_u', m, 0), 0, 'i32'), [0x80ff, 0x017f, 0xfffe, 0x8000]);
  assert.deepEqual(get(runMem('v128.load32x2_s', m, 0), 0, 'i64'), [0x017f80ffn, -0x7fff0002n]);
  assert.deepEqual(get(runMem('v128.load32x2_u', m, 0), 0, 'i64'), [0x017f80ffn, 0x8000fffen]);
  assert.deepEqual(get(runMem('v128.load32x2_s', m, 2), 0, 'i64'), [-0x1fe81n, 0x8000n]);
});

test('splat and zero loads', () => {
  const m = new Uint8Array([0x81, 0x82, 0x83, 0x84, 0x85, 0x86, 0x87, 0x88, 0x89]);
  assert.deepEqual(get(runMem('v128.load8_splat', m, 1), 0, 'u8'), rep(16, 0x82));
  assert.deepEqual(get(runMem('v128.load16_splat', m, 1), 0, 'u16'), rep(8, 0x8382));
  assert.deepEqual(get(runMem('v128.load32_splat', m, 1), 0, 'u32'), rep(4, 0x85848382));
  assert.deepEqual(get(runMem('v128.load64_splat', m, 1), 0, 'u64'), rep(2, 0x8988878685848382n));
  assert.deepEqual(get(runMem('v128.load32_zero', m, 0), 0, 'u32'), [0x84838281, 0, 0, 0]);
  assert.deepEqual(get(runMem('v128.load64_zero', m, 1), 0, 'u64'), [0x8988878685848382n, 0n]);
});

test('lane loads replace one lane of the vector operand; lane stores write one lane', () => {
  const m = new Uint8Array([0xa1, 0xa2, 0xa3, 0xa4, 0xa5, 0xa6, 0xa7, 0xa8]);
  const vec = ['u8', Array.from({ length: 16 }, (_, i) => i)] as ['u8', number[]];
  const expect = (at: number, bytes: number[]) => { const r = vec[1].slice(); r.splice(at, bytes.length, ...bytes); return r; };
  assert.deepEqual(get(runMem('v128.load8_lane', m, 2, vec, 15), 0, 'u8'), expect(15, [0xa3]));
  assert.deepEqual(get(runMem('v128.load16_lane', m, 1, vec, 3), 0, 'u8'), expect(6, [0xa2, 0xa3]));
  assert.deepEqual(get(runMem('v128.load32_lane', m, 0, vec, 2), 0, 'u8'), expect(8, [0xa1, 0xa2, 0xa3, 0xa4]));
  assert.deepEqual(get(runMem('v128.load64_lane', m, 0, vec, 1), 0, 'u8'), expect(8, Array.from(m)));
  const out = new Uint8Array(12);
  runMem('v128.store8_lane', out, 0, vec, 9);
  runMem('v128.store16_lane', out, 1, vec, 7);
  runMem('v128.store32_lane', out, 3, vec, 1);
  assert.deepEqual(Array.from(out.subarray(0, 8)), [9, 14, 15, 4, 5, 6, 7, 0]);
  runMem('v128.store64_lane', out, 4, vec, 1);
  assert.deepEqual(Array.from(out.subarray(4, 12)), [8, 9, 10, 11, 12, 13, 14, 15]);
});
