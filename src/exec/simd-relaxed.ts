/**
 * Relaxed SIMD handlers. The spec lets each of these instructions return one of a set of results,
 * selected by a global parameter R (numerics, "Relaxed operations"); weft always takes R = 0, the
 * deterministic profile's prescribed choice, so one behaviour serves every profile at no cost. The
 * choices are tabled at the top of simd.ts (test/profiles/relaxed-choices.test.ts checks them).
 *
 * Unfused madd was chosen because JS has no fused multiply-add for f64; for f32 the product of two
 * f32 values is exact in double, so rounding it to f32 first (Math.fround) gives the unfused result.
 */
import type { SimdOp } from './simd-types.js';
import { bitselect, swizzle } from './simd-bitwise.js';
import { f32Map3, f64Map3, floatBinary, truncF32x4, truncF64x2Zero, truncSatS, truncSatU } from './simd-float.js';
import { q15mulr } from './simd-int.js';
import { S, toScratch } from './simd-scratch.js';

const fround = Math.fround;

/**
 * The signed-saturated i16 sum of the signed products of bytes 2i and 2i+1 (scratch holds a at
 * 0..15 and b at 16..31): the spec's `ivdotsat` with both operands signed, its choice 0 and so the
 * deterministic profile's. Only (-128 * -128) * 2 = 32768 saturates (to 32767).
 */
function pairDot(i: number): number {
  const s = S.i8;
  const sum = s[2 * i] * s[16 + 2 * i] + s[2 * i + 1] * s[16 + 2 * i + 1];
  return sum > 32767 ? 32767 : sum;
}

const dot: SimdOp = (v, a, b) => {
  toScratch(v.i32, a, 0);
  toScratch(v.i32, b, 4);
  const x = v.i16, p = a << 1;
  for (let i = 0; i < 8; i++) x[p + i] = pairDot(i);
};

const dotAdd: SimdOp = (v, a, b, c) => {
  toScratch(v.i32, a, 0);
  toScratch(v.i32, b, 4);
  const x = v.i32;
  for (let i = 0; i < 4; i++) x[a + i] = pairDot(2 * i) + pairDot(2 * i + 1) + x[c + i];
};

const OPS: Readonly<Record<string, SimdOp>> = {
  'i8x16.relaxed_swizzle': swizzle,
  'i32x4.relaxed_trunc_f32x4_s': truncF32x4(truncSatS),
  'i32x4.relaxed_trunc_f32x4_u': truncF32x4(truncSatU),
  'i32x4.relaxed_trunc_f64x2_s_zero': truncF64x2Zero(truncSatS),
  'i32x4.relaxed_trunc_f64x2_u_zero': truncF64x2Zero(truncSatU),
  'f32x4.relaxed_madd': f32Map3((x, y, z) => fround(x * y) + z),
  'f32x4.relaxed_nmadd': f32Map3((x, y, z) => -fround(x * y) + z),
  'f64x2.relaxed_madd': f64Map3((x, y, z) => x * y + z),
  'f64x2.relaxed_nmadd': f64Map3((x, y, z) => -(x * y) + z),
  'i8x16.relaxed_laneselect': bitselect,
  'i16x8.relaxed_laneselect': bitselect,
  'i32x4.relaxed_laneselect': bitselect,
  'i64x2.relaxed_laneselect': bitselect,
  'f32x4.relaxed_min': floatBinary(true, 'min'),
  'f32x4.relaxed_max': floatBinary(true, 'max'),
  'f64x2.relaxed_min': floatBinary(false, 'min'),
  'f64x2.relaxed_max': floatBinary(false, 'max'),
  'i16x8.relaxed_q15mulr_s': q15mulr('i16'),
  'i16x8.relaxed_dot_i8x16_i7x16_s': dot,
  'i32x4.relaxed_dot_i8x16_i7x16_add_s': dotAdd,
};

export function relaxedHandler(name: string): SimdOp | undefined {
  return OPS[name];
}
