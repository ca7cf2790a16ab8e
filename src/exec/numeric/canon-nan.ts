/**
 * NaN canonicalisation for the deterministic profile (Wasm 3.0 numerics, "NaN propagation": under
 * the deterministic profile every NaN an operator generates is the *positive canonical* NaN,
 * f32 0x7fc00000, f64 0x7ff8000000000000). Both tiers call these on raw words after a NaN-producing
 * instruction (see nan-results.ts for which ones), so the full profile pays nothing.
 */

export const F32_CANONICAL_NAN = 0x7fc00000;
/** High word of the f64 canonical NaN (the low word is 0). */
export const F64_CANONICAL_NAN_HI = 0x7ff80000;

/** f32 bits at word `w` of `i32` -> the positive canonical NaN if they are any NaN. */
export function canonF32(i32: Int32Array, w: number): void {
  if ((i32[w] & 0x7fffffff) > 0x7f800000) i32[w] = F32_CANONICAL_NAN;
}

/** f64 as (lo, hi) words at `w`, `w + 1` -> the positive canonical NaN if they are any NaN. */
export function canonF64(i32: Int32Array, w: number): void {
  const hi = i32[w + 1] & 0x7fffffff;
  if (hi > 0x7ff00000 || (hi === 0x7ff00000 && i32[w] !== 0)) {
    i32[w] = 0;
    i32[w + 1] = F64_CANONICAL_NAN_HI;
  }
}

/** The four f32 lanes of the v128 at word `w`. */
export function canonF32x4(i32: Int32Array, w: number): void {
  for (let k = 0; k < 4; k++) canonF32(i32, w + k);
}

/** The two f64 lanes of the v128 at word `w`. */
export function canonF64x2(i32: Int32Array, w: number): void {
  canonF64(i32, w);
  canonF64(i32, w + 2);
}
