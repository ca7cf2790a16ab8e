/**
 * Conversions between integers and floats, bit-exact to the spec: trapping truncations
 * ("invalid conversion to integer", "integer overflow"), saturating truncations, and correctly
 * rounded int -> float conversions (i64 -> f32 must not round twice through f64).
 */
import { RuntimeError } from '../../errors.js';

const TWO32 = 4294967296;

function invalid(): never {
  throw new RuntimeError('invalid-conversion', 'invalid conversion to integer');
}
function overflow(): never {
  throw new RuntimeError('int-overflow', 'integer overflow');
}

export function truncI32S(x: number): number {
  if (x !== x) invalid();
  const t = Math.trunc(x);
  if (t < -2147483648 || t > 2147483647) overflow();
  return t | 0;
}

export function truncI32U(x: number): number {
  if (x !== x) invalid();
  const t = Math.trunc(x);
  if (t < 0 && t !== 0 || t > 4294967295) overflow();
  return t | 0;
}

export function truncSatI32S(x: number): number {
  if (x !== x) return 0;
  const t = Math.trunc(x);
  return t < -2147483648 ? -2147483648 : t > 2147483647 ? 2147483647 : t | 0;
}

export function truncSatI32U(x: number): number {
  if (x !== x) return 0;
  const t = Math.trunc(x);
  return t <= 0 ? 0 : t > 4294967295 ? -1 : t | 0;
}

/** Writes an integral double |t| < 2^64 as (lo, hi) words of its two's complement at w[i]. */
function putIntegral(w: Int32Array, i: number, t: number): void {
  const neg = t < 0;
  let m = neg ? -t : t;
  let hi = Math.floor(m / TWO32);
  let lo = m - hi * TWO32;
  if (neg) {
    // two's complement negate of (hi, lo)
    lo = (~lo + 1) >>> 0;
    hi = (~hi + (lo === 0 ? 1 : 0)) >>> 0;
  }
  w[i] = lo | 0;
  w[i + 1] = hi | 0;
}

export function truncI64S(x: number, w: Int32Array, i: number): void {
  if (x !== x) invalid();
  const t = Math.trunc(x);
  if (t < -9223372036854775808 || t >= 9223372036854775808) overflow();
  putIntegral(w, i, t);
}

export function truncI64U(x: number, w: Int32Array, i: number): void {
  if (x !== x) invalid();
  const t = Math.trunc(x);
  if (t < 0 && t !== 0 || t >= 18446744073709551616) overflow();
  putIntegral(w, i, t === 0 ? 0 : t);
}

export function truncSatI64S(x: number, w: Int32Array, i: number): void {
  if (x !== x) { w[i] = 0; w[i + 1] = 0; return; }
  const t = Math.trunc(x);
  if (t < -9223372036854775808) { w[i] = 0; w[i + 1] = -0x80000000; return; }
  if (t >= 9223372036854775808) { w[i] = -1; w[i + 1] = 0x7fffffff; return; }
  putIntegral(w, i, t === 0 ? 0 : t);
}

export function truncSatI64U(x: number, w: Int32Array, i: number): void {
  if (x !== x) { w[i] = 0; w[i + 1] = 0; return; }
  const t = Math.trunc(x);
  if (t <= 0) { w[i] = 0; w[i + 1] = 0; return; }
  if (t >= 18446744073709551616) { w[i] = -1; w[i + 1] = -1; return; }
  putIntegral(w, i, t);
}

/** i64 (lo, hi) -> f64, correctly rounded: the exact value hi*2^32 + lo is rounded once. */
export function i64ToF64(lo: number, hi: number, signed: boolean): number {
  return (signed ? hi : hi >>> 0) * TWO32 + (lo >>> 0);
}

/**
 * i64 (lo, hi) -> f32, correctly rounded. Magnitudes of more than 53 bits are first reduced to 53
 * bits with round-to-odd (the dropped bits collapse into a sticky low bit), which makes the final
 * rounding to 24 bits exact.
 */
export function i64ToF32(lo: number, hi: number, signed: boolean): number {
  let mlo = lo >>> 0, mhi = hi >>> 0;
  const neg = signed && hi < 0;
  if (neg) {
    mlo = (~mlo + 1) >>> 0;
    mhi = (~mhi + (mlo === 0 ? 1 : 0)) >>> 0;
  }
  let mag: number;
  if (mhi < 0x200000) {
    mag = mhi * TWO32 + mlo; // < 2^53: exact
  } else {
    const bits = 64 - Math.clz32(mhi);
    const k = bits - 53; // drop k low bits (1..11) to keep 53
    const dropped = mlo & ((1 << k) - 1);
    let kept = mhi * 2 ** (32 - k) + (mlo >>> k);
    if (dropped !== 0 && kept % 2 === 0) kept += 1;
    mag = kept * 2 ** k;
  }
  return Math.fround(neg ? -mag : mag);
}
