/**
 * Float operations beyond a single JS operator. Inputs and outputs are JS numbers (already rounded
 * to f32 by the caller's Float32Array where applicable). Sign/bit operations (abs, neg, copysign)
 * are done on the raw words by the interpreter instead, so they preserve NaN payloads exactly.
 */

/** Round to nearest, ties to even; keeps -0 and the sign of results that round to zero. */
export function nearest(x: number): number {
  if (!Number.isFinite(x) || x === 0) return x;
  const r = Math.abs(x % 1) === 0.5 ? 2 * Math.round(x / 2) : Math.round(x);
  return r === 0 ? (x < 0 ? -0 : 0) : r;
}

/** Wasm min/max: NaN if either is NaN, and -0 < +0 (JS Math.min/max already agree). */
export const fmin = Math.min;
export const fmax = Math.max;

/**
 * Returns a NaN result as the canonical quiet NaN. Math.floor & co. may hand back a signalling NaN
 * input unchanged, and a Float64Array keeps its bits, while wasm requires an arithmetic NaN.
 */
export function quiet(x: number): number {
  return x === x ? x : NaN;
}
