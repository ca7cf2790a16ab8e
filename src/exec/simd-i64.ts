/**
 * i64x2 instructions. A 64-bit lane is handled as a (lo, hi) pair of 32-bit words rather than through
 * BigInt64Array, because every BigInt operation allocates and these run in the interpreter's loop.
 * Lane k of the vector at word w is lo = word w+2k (unsigned), hi = word w+2k+1 (signed).
 */
import type { SimdOp } from './simd-types.js';
import { S, toScratch } from './simd-scratch.js';

/** Outputs of the word-pair helpers below (module-level so that nothing allocates). */
let rlo = 0, rhi = 0;

/** 64-bit product modulo 2^64 of (alo, ahi) * (blo, bhi); lo words unsigned. */
function mul64(alo: number, ahi: number, blo: number, bhi: number): void {
  // Full 64-bit product of the two low words from 16-bit limbs (every partial product is exact),
  // then the cross terms, which only affect the high word.
  const a0 = alo & 0xffff, a1 = alo >>> 16, b0 = blo & 0xffff, b1 = blo >>> 16;
  const p00 = a0 * b0, p01 = a0 * b1, p10 = a1 * b0, p11 = a1 * b1;
  const mid = (p00 >>> 16) + (p01 & 0xffff) + (p10 & 0xffff);
  rlo = (((mid & 0xffff) << 16) | (p00 & 0xffff)) >>> 0;
  const hi = p11 + (p01 >>> 16) + (p10 >>> 16) + (mid >>> 16);
  rhi = (hi + Math.imul(alo, bhi) + Math.imul(ahi, blo)) | 0;
}

type PairOp = (alo: number, ahi: number, blo: number, bhi: number) => void;

const add: PairOp = (alo, ahi, blo, bhi) => {
  const lo = alo + blo;
  rlo = lo >>> 0;
  rhi = (ahi + bhi + (lo > 0xffffffff ? 1 : 0)) | 0;
};
const sub: PairOp = (alo, ahi, blo, bhi) => {
  const lo = alo - blo;
  rlo = lo >>> 0;
  rhi = (ahi - bhi - (lo < 0 ? 1 : 0)) | 0;
};
const neg = (lo: number, hi: number): void => sub(0, 0, lo, hi);

/** Signed 64-bit comparison: -1, 0 or 1. */
function cmp(alo: number, ahi: number, blo: number, bhi: number): number {
  if (ahi !== bhi) return ahi < bhi ? -1 : 1;
  return alo === blo ? 0 : alo < blo ? -1 : 1;
}

/** Apply a pair operation to both lanes of the vectors at words a and b, result to a. */
function lanes2(f: PairOp): SimdOp {
  return (v, a, b) => {
    const u = v.u32, s = v.i32;
    for (let k = 0; k < 4; k += 2) {
      f(u[a + k], s[a + k + 1], u[b + k], s[b + k + 1]);
      u[a + k] = rlo; s[a + k + 1] = rhi;
    }
  };
}

function compare(test: (c: number) => boolean): SimdOp {
  return (v, a, b) => {
    const u = v.u32, s = v.i32;
    for (let k = 0; k < 4; k += 2) {
      const r = test(cmp(u[a + k], s[a + k + 1], u[b + k], s[b + k + 1])) ? -1 : 0;
      s[a + k] = r; s[a + k + 1] = r;
    }
  };
}

/** Shifts by the i32 in slot b, modulo 64. */
type Shift = (lo: number, hi: number, n: number) => void;
const shl: Shift = (lo, hi, n) => {
  if (n === 0) { rlo = lo; rhi = hi; } else if (n < 32) { rhi = (hi << n) | (lo >>> (32 - n)); rlo = lo << n; } else { rhi = lo << (n - 32); rlo = 0; }
};
const shrS: Shift = (lo, hi, n) => {
  if (n === 0) { rlo = lo; rhi = hi; } else if (n < 32) { rlo = (lo >>> n) | (hi << (32 - n)); rhi = hi >> n; } else { rlo = hi >> (n - 32); rhi = hi >> 31; }
};
const shrU: Shift = (lo, hi, n) => {
  if (n === 0) { rlo = lo; rhi = hi; } else if (n < 32) { rlo = (lo >>> n) | (hi << (32 - n)); rhi = hi >>> n; } else { rlo = hi >>> (n - 32); rhi = 0; }
};

function shift(f: Shift): SimdOp {
  return (v, a, b) => {
    const s = v.i32, n = s[b] & 63;
    for (let k = 0; k < 4; k += 2) {
      f(s[a + k], s[a + k + 1], n);
      s[a + k] = rlo; s[a + k + 1] = rhi;
    }
  };
}

const abs: SimdOp = (v, a) => {
  const s = v.i32;
  for (let k = 0; k < 4; k += 2) {
    if (s[a + k + 1] < 0) { neg(v.u32[a + k], s[a + k + 1]); s[a + k] = rlo; s[a + k + 1] = rhi; }
  }
};

const negate: SimdOp = (v, a) => {
  const s = v.i32;
  for (let k = 0; k < 4; k += 2) { neg(v.u32[a + k], s[a + k + 1]); s[a + k] = rlo; s[a + k + 1] = rhi; }
};

const allTrue: SimdOp = (v, a) => {
  const s = v.i32;
  v.i32[a] = (s[a] | s[a + 1]) !== 0 && (s[a + 2] | s[a + 3]) !== 0 ? 1 : 0;
};

const bitmask: SimdOp = (v, a) => {
  const s = v.i32;
  s[a] = (s[a + 1] >>> 31) | ((s[a + 3] >>> 31) << 1);
};

/** extend_{low,high}_i32x4_{s,u}: two i32 lanes widened to i64. */
function extend(unsigned: boolean, high: boolean): SimdOp {
  const off = high ? 2 : 0;
  return (v, a) => {
    const s = v.i32;
    const x0 = s[a + off], x1 = s[a + off + 1];
    s[a] = x0; s[a + 1] = unsigned ? 0 : x0 >> 31;
    s[a + 2] = x1; s[a + 3] = unsigned ? 0 : x1 >> 31;
  };
}

/** extmul_{low,high}_i32x4_{s,u}: full 64-bit products of two i32 lanes of each vector. */
function extmul(unsigned: boolean, high: boolean): SimdOp {
  const off = high ? 2 : 0;
  return (v, a, b) => {
    toScratch(v.i32, a, 0);
    toScratch(v.i32, b, 4);
    const s = S.i32, w = S.u32;
    for (let k = 0; k < 2; k++) {
      const x = s[off + k], y = s[4 + off + k];
      mul64(w[off + k], unsigned ? 0 : x >> 31, w[4 + off + k], unsigned ? 0 : y >> 31);
      v.u32[a + 2 * k] = rlo; v.i32[a + 2 * k + 1] = rhi;
    }
  };
}

const OPS: Readonly<Record<string, SimdOp>> = {
  add: lanes2(add), sub: lanes2(sub), mul: lanes2(mul64),
  neg: negate, abs, all_true: allTrue, bitmask,
  eq: compare(c => c === 0), ne: compare(c => c !== 0),
  lt_s: compare(c => c < 0), gt_s: compare(c => c > 0), le_s: compare(c => c <= 0), ge_s: compare(c => c >= 0),
  shl: shift(shl), shr_s: shift(shrS), shr_u: shift(shrU),
};

/** Resolve an i64x2 instruction (minus splat/lane access and memory) to its handler. */
export function i64Handler(op: string): SimdOp | undefined {
  const known = OPS[op];
  if (known) return known;
  const m = /^(extend|extmul)_(low|high)_i32x4_([su])$/.exec(op);
  if (!m) return undefined;
  const make = m[1] === 'extend' ? extend : extmul;
  return make(m[3] === 'u', m[2] === 'high');
}
