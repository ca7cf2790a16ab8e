/**
 * 64-bit integer arithmetic on (lo, hi) int32 word pairs, so that the common i64 operations do not
 * allocate BigInts. Each operation reads its operands at word indices `a` and `b` of `w` (lo at the
 * index, hi at index + 1) and writes the result at `a`, which is exactly the value-stack layout of
 * the interpreter. Division and remainder go through BigInt (rare, and they trap anyway).
 */
import { RuntimeError } from '../../errors.js';

/** High 32 bits of the unsigned 64-bit product of two u32s. */
export function mulHiU32(a: number, b: number): number {
  const a0 = a & 0xffff, a1 = a >>> 16, b0 = b & 0xffff, b1 = b >>> 16;
  const lo = a0 * b0, m1 = a1 * b0, m2 = a0 * b1;
  const carry = ((lo >>> 16) + (m1 & 0xffff) + (m2 & 0xffff)) >>> 16;
  return (a1 * b1 + (m1 >>> 16) + (m2 >>> 16) + carry) >>> 0;
}

export function add64(w: Int32Array, a: number, b: number): void {
  const lo = (w[a] >>> 0) + (w[b] >>> 0);
  w[a] = lo | 0;
  w[a + 1] = (w[a + 1] + w[b + 1] + (lo > 0xffffffff ? 1 : 0)) | 0;
}

export function sub64(w: Int32Array, a: number, b: number): void {
  const lo = (w[a] >>> 0) - (w[b] >>> 0);
  w[a] = lo | 0;
  w[a + 1] = (w[a + 1] - w[b + 1] - (lo < 0 ? 1 : 0)) | 0;
}

export function mul64(w: Int32Array, a: number, b: number): void {
  const a0 = w[a], a1 = w[a + 1], b0 = w[b], b1 = w[b + 1];
  w[a] = Math.imul(a0, b0);
  w[a + 1] = (mulHiU32(a0, b0) + Math.imul(a0, b1) + Math.imul(a1, b0)) | 0;
}

export function shl64(w: Int32Array, a: number, b: number): void {
  const s = w[b] & 63, lo = w[a], hi = w[a + 1];
  if (s === 0) return;
  if (s < 32) {
    w[a + 1] = (hi << s) | (lo >>> (32 - s));
    w[a] = lo << s;
  } else {
    w[a + 1] = lo << (s - 32);
    w[a] = 0;
  }
}

export function shrS64(w: Int32Array, a: number, b: number): void {
  const s = w[b] & 63, lo = w[a], hi = w[a + 1];
  if (s === 0) return;
  if (s < 32) {
    w[a] = (lo >>> s) | (hi << (32 - s));
    w[a + 1] = hi >> s;
  } else {
    w[a] = hi >> (s - 32);
    w[a + 1] = hi >> 31;
  }
}

export function shrU64(w: Int32Array, a: number, b: number): void {
  const s = w[b] & 63, lo = w[a], hi = w[a + 1];
  if (s === 0) return;
  if (s < 32) {
    w[a] = (lo >>> s) | (hi << (32 - s));
    w[a + 1] = hi >>> s;
  } else {
    w[a] = hi >>> (s - 32);
    w[a + 1] = 0;
  }
}

export function rotl64(w: Int32Array, a: number, b: number): void {
  let s = w[b] & 63;
  let lo = w[a], hi = w[a + 1];
  if (s >= 32) { const t = lo; lo = hi; hi = t; s -= 32; }
  if (s === 0) { w[a] = lo; w[a + 1] = hi; return; }
  w[a] = (lo << s) | (hi >>> (32 - s));
  w[a + 1] = (hi << s) | (lo >>> (32 - s));
}

export function rotr64(w: Int32Array, a: number, b: number): void {
  let s = w[b] & 63;
  let lo = w[a], hi = w[a + 1];
  if (s >= 32) { const t = lo; lo = hi; hi = t; s -= 32; }
  if (s === 0) { w[a] = lo; w[a + 1] = hi; return; }
  w[a] = (lo >>> s) | (hi << (32 - s));
  w[a + 1] = (hi >>> s) | (lo << (32 - s));
}

export function ctz32(x: number): number {
  return x === 0 ? 32 : 31 - Math.clz32(x & -x);
}

export function popcnt32(x: number): number {
  x = x - ((x >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24);
}

export function clz64(lo: number, hi: number): number {
  return hi !== 0 ? Math.clz32(hi) : 32 + Math.clz32(lo);
}

export function ctz64(lo: number, hi: number): number {
  return lo !== 0 ? ctz32(lo) : 32 + ctz32(hi);
}

/** Signed comparison of two word pairs: negative, zero or positive. */
export function cmpS64(w: Int32Array, a: number, b: number): number {
  const ah = w[a + 1], bh = w[b + 1];
  if (ah !== bh) return ah < bh ? -1 : 1;
  const al = w[a] >>> 0, bl = w[b] >>> 0;
  return al === bl ? 0 : al < bl ? -1 : 1;
}

export function cmpU64(w: Int32Array, a: number, b: number): number {
  const ah = w[a + 1] >>> 0, bh = w[b + 1] >>> 0;
  if (ah !== bh) return ah < bh ? -1 : 1;
  const al = w[a] >>> 0, bl = w[b] >>> 0;
  return al === bl ? 0 : al < bl ? -1 : 1;
}

function get(w: Int32Array, i: number, signed: boolean): bigint {
  const v = (BigInt(w[i + 1] >>> 0) << 32n) | BigInt(w[i] >>> 0);
  return signed ? BigInt.asIntN(64, v) : v;
}

function put(w: Int32Array, i: number, v: bigint): void {
  w[i] = Number(BigInt.asIntN(32, v));
  w[i + 1] = Number(BigInt.asIntN(32, v >> 32n));
}

function checkZero(w: Int32Array, b: number): void {
  if (w[b] === 0 && w[b + 1] === 0) throw new RuntimeError('div-by-zero', 'integer divide by zero');
}

function isMinByMinusOne(w: Int32Array, a: number, b: number): boolean {
  return w[a] === 0 && w[a + 1] === -0x80000000 && w[b] === -1 && w[b + 1] === -1;
}

/**
 * Division without BigInt in the common cases: when both operands are below 2^52 in magnitude
 * (counts, sizes, milliseconds) they are exact doubles whose quotient `floor`s exactly (a rounded
 * quotient of integers below 2^52 cannot reach the next integer; the remainder check keeps even
 * that safe); when only the divisor is below 2^32 (formatting by 10, ns -> s, hashes mod a table
 * size) a three-step long division on doubles, each step's numerator below 2^48. Larger divisors
 * take BigInt (allocating, ~50x slower).
 */
const TWO32 = 4294967296;

/** Whether a high word belongs to a signed value in [-2^52, 2^52). */
function smallS(hi: number): boolean {
  return ((hi + 0x100000) >>> 21) === 0;
}

/** The exact double of words (lo, hi) when |value| < 2^53. */
function wide(lo: number, hi: number): number {
  return hi * TWO32 + (lo >>> 0);
}

/** Stores a double integer in [-2^63, 2^63) as words. */
function putDouble(w: Int32Array, i: number, v: number): void {
  w[i] = v | 0;
  w[i + 1] = Math.floor(v / TWO32) | 0;
}

/** Truncating quotient of doubles x, y (|x|, |y| < 2^52, y != 0), corrected to the exact one. */
function quotS(x: number, y: number): number {
  const q = Math.trunc(x / y), r = x - q * y;
  if (r !== 0 && (r < 0) !== (x < 0)) return (x < 0) === (y < 0) ? q - 1 : q + 1;
  return q;
}

/** Results of `longDiv` (no allocation per division). */
let qLo = 0, qHi = 0, rem = 0;

/**
 * Unsigned (xh:xl) / y for 0 < y < 2^32: 32 then 16 then 16 bits of quotient, each step dividing
 * a number below 2^48 (the previous remainder shifted, plus the next digits), exact in doubles.
 */
function longDiv(xl: number, xh: number, y: number): void {
  const hi = xh >>> 0;
  const q2 = Math.floor(hi / y);
  let r = hi - q2 * y;
  const a1 = r * 65536 + (xl >>> 16);
  const q1 = Math.floor(a1 / y);
  r = a1 - q1 * y;
  const a0 = r * 65536 + (xl & 0xffff);
  const q0 = Math.floor(a0 / y);
  qLo = (q1 * 65536 + q0) | 0;
  qHi = q2 | 0;
  rem = a0 - q0 * y;
}

/** (lo, hi) negated, into qLo/qHi. */
function negate(lo: number, hi: number): void {
  qLo = -lo | 0;
  qHi = (~hi + (lo === 0 ? 1 : 0)) | 0;
}

/** Signed (xl, xh) by a divisor with |y| < 2^32 given as `ay` = |y|: quotient in qLo/qHi, remainder in rem (of |x|). */
function longDivS(xl: number, xh: number, ay: number, negY: boolean): void {
  const negX = xh < 0;
  if (negX) { negate(xl, xh); xl = qLo; xh = qHi; }
  longDiv(xl, xh, ay);
  if (negX !== negY) negate(qLo, qHi);
}

/** |y| when the divisor (yl, yh) is within (-2^32, 2^32), else -1. */
function smallDivisor(yl: number, yh: number): number {
  if (yh === 0) return yl >>> 0;
  if (yh === -1 && yl !== 0) return -yl >>> 0;
  return -1;
}

export function divS64(w: Int32Array, a: number, b: number): void {
  checkZero(w, b);
  if (smallS(w[a + 1]) && smallS(w[b + 1])) {
    putDouble(w, a, quotS(wide(w[a], w[a + 1]), wide(w[b], w[b + 1])));
    return;
  }
  if (isMinByMinusOne(w, a, b)) throw new RuntimeError('int-overflow', 'integer overflow');
  const ay = smallDivisor(w[b], w[b + 1]);
  if (ay > 0) {
    longDivS(w[a], w[a + 1], ay, w[b + 1] < 0);
    w[a] = qLo; w[a + 1] = qHi;
    return;
  }
  put(w, a, get(w, a, true) / get(w, b, true));
}

export function divU64(w: Int32Array, a: number, b: number): void {
  checkZero(w, b);
  if (((w[a + 1] | w[b + 1]) >>> 20) === 0) {
    const x = wide(w[a], w[a + 1]), y = wide(w[b], w[b + 1]);
    const q = Math.floor(x / y);
    putDouble(w, a, x - q * y < 0 ? q - 1 : q);
    return;
  }
  if (w[b + 1] === 0) {
    longDiv(w[a], w[a + 1], w[b] >>> 0);
    w[a] = qLo; w[a + 1] = qHi;
    return;
  }
  put(w, a, get(w, a, false) / get(w, b, false));
}

export function remS64(w: Int32Array, a: number, b: number): void {
  checkZero(w, b);
  if (smallS(w[a + 1]) && smallS(w[b + 1])) {
    const x = wide(w[a], w[a + 1]), y = wide(w[b], w[b + 1]);
    putDouble(w, a, x - quotS(x, y) * y);
    return;
  }
  if (isMinByMinusOne(w, a, b)) { w[a] = 0; w[a + 1] = 0; return; }
  const ay = smallDivisor(w[b], w[b + 1]);
  if (ay > 0) {
    const negX = w[a + 1] < 0;
    longDivS(w[a], w[a + 1], ay, false);
    // The remainder has the dividend's sign.
    if (negX) negate(rem | 0, 0); else { qLo = rem | 0; qHi = 0; }
    w[a] = qLo; w[a + 1] = rem === 0 ? 0 : qHi;
    return;
  }
  put(w, a, get(w, a, true) % get(w, b, true));
}

export function remU64(w: Int32Array, a: number, b: number): void {
  checkZero(w, b);
  if (((w[a + 1] | w[b + 1]) >>> 20) === 0) {
    const x = wide(w[a], w[a + 1]), y = wide(w[b], w[b + 1]);
    const r = x - Math.floor(x / y) * y;
    putDouble(w, a, r < 0 ? r + y : r);
    return;
  }
  if (w[b + 1] === 0) {
    longDiv(w[a], w[a + 1], w[b] >>> 0);
    w[a] = rem | 0; w[a + 1] = 0;
    return;
  }
  put(w, a, get(w, a, false) % get(w, b, false));
}
