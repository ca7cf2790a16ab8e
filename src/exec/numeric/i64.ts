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

export function divS64(w: Int32Array, a: number, b: number): void {
  checkZero(w, b);
  if (isMinByMinusOne(w, a, b)) throw new RuntimeError('int-overflow', 'integer overflow');
  put(w, a, get(w, a, true) / get(w, b, true));
}

export function divU64(w: Int32Array, a: number, b: number): void {
  checkZero(w, b);
  put(w, a, get(w, a, false) / get(w, b, false));
}

export function remS64(w: Int32Array, a: number, b: number): void {
  checkZero(w, b);
  if (isMinByMinusOne(w, a, b)) { w[a] = 0; w[a + 1] = 0; return; }
  put(w, a, get(w, a, true) % get(w, b, true));
}

export function remU64(w: Int32Array, a: number, b: number): void {
  checkZero(w, b);
  put(w, a, get(w, a, false) % get(w, b, false));
}
