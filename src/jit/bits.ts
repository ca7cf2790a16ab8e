/**
 * Float representation in compiled code. f64 values are JS numbers (their bits survive moves,
 * DataView and Float64Array accesses). f32 values are JS numbers too (so arithmetic is cheap), but
 * an f32 NaN is carried as the f64 NaN with the same sign, quiet bit and payload (payload shifted
 * into the top of the f64 mantissa). A plain Float32Array/DataView conversion would quiet a
 * signalling NaN, so every place where f32 bits are observable (loads, stores, reinterpret, the
 * boundary with the interpreter) goes through `f32FromBits` / `f32ToBits`.
 */

const scratch = new ArrayBuffer(8);
const SI = new Int32Array(scratch);
const SF32 = new Float32Array(scratch);
const SF64 = new Float64Array(scratch);

/** f32 bits (int32) -> compiled-code f32 value. */
export function f32FromBits(b: number): number {
  if ((b & 0x7f800000) === 0x7f800000 && (b & 0x7fffff) !== 0) {
    SI[0] = (b & 7) << 29;
    SI[1] = (b & 0x80000000) | 0x7ff00000 | ((b & 0x7fffff) >>> 3);
    return SF64[0];
  }
  SI[0] = b;
  return SF32[0];
}

/** Compiled-code f32 value -> f32 bits (int32). */
export function f32ToBits(x: number): number {
  if (x !== x) {
    SF64[0] = x;
    const lo = SI[0], hi = SI[1];
    return (hi & 0x80000000) | 0x7f800000 | ((hi & 0xfffff) << 3) | (lo >>> 29);
  }
  SF32[0] = x;
  return SI[0];
}

/** f64 from (lo, hi) words, bit-exact. */
export function f64FromWords(lo: number, hi: number): number {
  SI[0] = lo;
  SI[1] = hi;
  return SF64[0];
}

/** Low / high word of an f64's bits. */
export function f64Lo(x: number): number {
  SF64[0] = x;
  return SI[0];
}
export function f64Hi(x: number): number {
  SF64[0] = x;
  return SI[1];
}

/** copysign on the sign bit (works for NaN magnitudes and signs, and for f32-as-f64 values). */
export function copysign(a: number, b: number): number {
  SF64[0] = b;
  const neg = SI[1] < 0;
  SF64[0] = a;
  SI[1] = neg ? SI[1] | 0x80000000 : SI[1] & 0x7fffffff;
  return SF64[0];
}

/** Sign-bit abs and neg (payload-preserving regardless of how the host compiles `-x`). */
export function fabs(a: number): number {
  SF64[0] = a;
  SI[1] &= 0x7fffffff;
  return SF64[0];
}
export function fneg(a: number): number {
  SF64[0] = a;
  SI[1] ^= 0x80000000;
  return SF64[0];
}
