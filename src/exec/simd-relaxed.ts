/**
 * Relaxed SIMD. The proposal lets each of these instructions return one of a set of results; weft
 * picks ONE fixed behaviour per instruction so that results are deterministic, identical across
 * runs and hosts, and always inside the set the spec tests (core/relaxed_*.wast) accept:
 *
 *   instruction                               weft's behaviour
 *   i8x16.relaxed_swizzle                     = i8x16.swizzle (index >= 16 gives 0)
 *   i32x4.relaxed_trunc_f32x4_{s,u}           = i32x4.trunc_sat_f32x4_{s,u} (NaN -> 0, saturate)
 *   i32x4.relaxed_trunc_f64x2_{s,u}_zero      = i32x4.trunc_sat_f64x2_{s,u}_zero
 *   f32x4/f64x2.relaxed_madd                  unfused: round(round(a*b) + c)
 *   f32x4/f64x2.relaxed_nmadd                 unfused: round(-round(a*b) + c)
 *   i{8x16,16x8,32x4,64x2}.relaxed_laneselect = v128.bitselect (bit-wise, whatever the mask)
 *   f32x4/f64x2.relaxed_{min,max}             = f32x4/f64x2.{min,max} (NaN -> canonical NaN, -0 < +0)
 *   i16x8.relaxed_q15mulr_s                   = i16x8.q15mulr_sat_s (saturates to 32767)
 *   i16x8.relaxed_dot_i8x16_i7x16_s           both operands signed; pair sums wrap to 16 bits
 *   i32x4.relaxed_dot_i8x16_i7x16_add_s       the i16 pair sums above (wrapped), sign-extended,
 *                                             added in pairs and to c, wrapping to 32 bits
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

/** The wrapped i16 sum of products of bytes 2i and 2i+1 (scratch holds a at 0..15 and b at 16..31). */
function pairDot(i: number): number {
  const s = S.i8;
  return ((s[2 * i] * s[16 + 2 * i] + s[2 * i + 1] * s[16 + 2 * i + 1]) << 16) >> 16;
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
