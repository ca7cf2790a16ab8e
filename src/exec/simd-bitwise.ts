/**
 * Whole-vector bit operations (v128.*), the byte permutations (i8x16.shuffle/swizzle) and
 * v128.const: everything that treats a v128 as 128 plain bits.
 */
import type { SimdOp } from './simd-types.js';
import { S, toScratch } from './simd-scratch.js';

type W2 = (x: number, y: number) => number;

function words2(f: W2): SimdOp {
  return (v, a, b) => {
    const s = v.i32;
    for (let i = 0; i < 4; i++) s[a + i] = f(s[a + i], s[b + i]);
  };
}

const not: SimdOp = (v, a) => {
  const s = v.i32;
  for (let i = a; i < a + 4; i++) s[i] = ~s[i];
};

/** bitselect(v1, v2, mask): bits of v1 where mask is 1, of v2 where it is 0. */
export const bitselect: SimdOp = (v, a, b, c) => {
  const s = v.i32;
  for (let i = 0; i < 4; i++) s[a + i] = (s[a + i] & s[c + i]) | (s[b + i] & ~s[c + i]);
};

const anyTrue: SimdOp = (v, a) => {
  const s = v.i32;
  s[a] = (s[a] | s[a + 1] | s[a + 2] | s[a + 3]) !== 0 ? 1 : 0;
};

const constant: SimdOp = (v, a, _b, _c, imm) => {
  v.u8.set(imm as Uint8Array, a << 2);
};

/** swizzle: result byte i is a[b[i]], or 0 when the index is out of range (>= 16). */
export const swizzle: SimdOp = (v, a, b) => {
  toScratch(v.i32, a, 0);
  const m = v.u8, p = a << 2, q = b << 2, s = S.u8;
  for (let i = 0; i < 16; i++) {
    const j = m[q + i];
    m[p + i] = j < 16 ? s[j] : 0;
  }
};

/** shuffle: result byte i is byte imm[i] of the 32-byte concatenation a ++ b (validated < 32). */
const shuffle: SimdOp = (v, a, b, _c, imm) => {
  toScratch(v.i32, a, 0);
  toScratch(v.i32, b, 4);
  const lanes = imm as Uint8Array, m = v.u8, p = a << 2, s = S.u8;
  for (let i = 0; i < 16; i++) m[p + i] = s[lanes[i]];
};

const OPS: Readonly<Record<string, SimdOp>> = {
  'v128.not': not,
  'v128.and': words2((x, y) => x & y),
  'v128.andnot': words2((x, y) => x & ~y),
  'v128.or': words2((x, y) => x | y),
  'v128.xor': words2((x, y) => x ^ y),
  'v128.bitselect': bitselect,
  'v128.any_true': anyTrue,
  'v128.const': constant,
  'i8x16.swizzle': swizzle,
  'i8x16.shuffle': shuffle,
};

export function bitwiseHandler(name: string): SimdOp | undefined {
  return OPS[name];
}
