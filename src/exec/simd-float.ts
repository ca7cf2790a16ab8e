/**
 * f32x4 / f64x2 instructions and the float<->int conversions.
 *
 * NaN rules: arithmetic results that are NaN are written as the canonical NaN (positive, quiet, zero
 * payload). The spec allows a canonical NaN whenever it allows any NaN (it is also an "arithmetic"
 * NaN), and writing it explicitly makes results independent of how the host engine moves NaN
 * payloads between doubles and Float32Array. Operations the spec defines bit-wise (abs, neg, pmin,
 * pmax, and the raw-bit lane accesses) never go through a JS number: they copy or mask integer words,
 * so signalling NaNs and payloads survive.
 *
 * f32 lanes: a double result is stored through a Float32Array, which rounds to nearest-even; since
 * f32 operands are exact in double and double has more than 2*24+2 bits, add/sub/mul/div/sqrt
 * computed in double and then rounded once to f32 give the correctly rounded f32 result.
 */
import type { Shape, SimdOp, SimdViews } from './simd-types.js';

export const CANON_F32 = 0x7fc00000;
/** High word of the canonical f64 NaN (the low word is 0). */
export const CANON_F64_HI = 0x7ff80000;

type F1 = (x: number) => number;

/** Round half to even; Math.round rounds halves up, so step back when that landed on an odd number. */
export const nearest: F1 = x => {
  if (!Number.isFinite(x) || x === 0) return x;
  const r = Math.round(x);
  return r - x === 0.5 && r % 2 !== 0 ? r - 1 : r;
};

type FloatView = Float32Array | Float64Array;
/** Float kernels: lanes p..p+n-1 of x in place (binary: combined with x[i + d]); shared by f32x4 and f64x2. */
type FKernel1 = (x: FloatView, p: number, n: number) => void;
type FKernel2 = (x: FloatView, p: number, d: number, n: number) => void;

// One loop literal per operation (see simd-lanes.ts on why loops are not shared through a lane
// function). NaN results are canonicalised afterwards by the binders below.
const UNARY: Readonly<Record<string, FKernel1>> = {
  sqrt: (x, p, n) => { for (let i = p; i < p + n; i++) x[i] = Math.sqrt(x[i]); },
  ceil: (x, p, n) => { for (let i = p; i < p + n; i++) x[i] = Math.ceil(x[i]); },
  floor: (x, p, n) => { for (let i = p; i < p + n; i++) x[i] = Math.floor(x[i]); },
  trunc: (x, p, n) => { for (let i = p; i < p + n; i++) x[i] = Math.trunc(x[i]); },
  nearest: (x, p, n) => { for (let i = p; i < p + n; i++) x[i] = nearest(x[i]); },
};

// Math.min/max already order -0 below +0 and propagate NaN.
const BINARY: Readonly<Record<string, FKernel2>> = {
  add: (x, p, d, n) => { for (let i = p; i < p + n; i++) x[i] = x[i] + x[i + d]; },
  sub: (x, p, d, n) => { for (let i = p; i < p + n; i++) x[i] = x[i] - x[i + d]; },
  mul: (x, p, d, n) => { for (let i = p; i < p + n; i++) x[i] = x[i] * x[i + d]; },
  div: (x, p, d, n) => { for (let i = p; i < p + n; i++) x[i] = x[i] / x[i + d]; },
  min: (x, p, d, n) => { for (let i = p; i < p + n; i++) x[i] = Math.min(x[i], x[i + d]); },
  max: (x, p, d, n) => { for (let i = p; i < p + n; i++) x[i] = Math.max(x[i], x[i + d]); },
};

const COMPARE: Readonly<Record<string, (x: number, y: number) => boolean>> = {
  eq: (x, y) => x === y, ne: (x, y) => x !== y, lt: (x, y) => x < y,
  gt: (x, y) => x > y, le: (x, y) => x <= y, ge: (x, y) => x >= y,
};

/** Replace any NaN among the lanes of the slot at word a by the canonical NaN. */
function canonF32(v: SimdViews, a: number): void {
  const x = v.f32;
  for (let i = a; i < a + 4; i++) if (x[i] !== x[i]) v.u32[i] = CANON_F32;
}

function canonF64(v: SimdViews, a: number): void {
  const x = v.f64, p = a >> 1;
  if (x[p] !== x[p]) { v.u32[a] = 0; v.u32[a + 1] = CANON_F64_HI; }
  if (x[p + 1] !== x[p + 1]) { v.u32[a + 2] = 0; v.u32[a + 3] = CANON_F64_HI; }
}

function floatUnary(f32: boolean, k: FKernel1): SimdOp {
  return f32
    ? (v, a) => { k(v.f32, a, 4); canonF32(v, a); }
    : (v, a) => { k(v.f64, a >> 1, 2); canonF64(v, a); };
}

/** An f32x4/f64x2 binary arithmetic handler by operation name (also used by relaxed min/max). */
export function floatBinary(f32: boolean, op: string): SimdOp {
  const k = BINARY[op];
  if (!k) throw new Error(`no float kernel ${op}`);
  return f32
    ? (v, a, b) => { k(v.f32, a, b - a, 4); canonF32(v, a); }
    : (v, a, b) => { k(v.f64, a >> 1, (b - a) >> 1, 2); canonF64(v, a); };
}

// ---- f32x4 ----------------------------------------------------------------------------------------

export function f32Map3(f: (x: number, y: number, z: number) => number): SimdOp {
  return (v, a, b, c) => {
    const x = v.f32, u = v.u32;
    for (let i = 0; i < 4; i++) {
      const r = f(x[a + i], x[b + i], x[c + i]);
      if (r !== r) u[a + i] = CANON_F32; else x[a + i] = r;
    }
  };
}

function f32Compare(test: (x: number, y: number) => boolean): SimdOp {
  return (v, a, b) => {
    const x = v.f32, s = v.i32;
    for (let i = 0; i < 4; i++) s[a + i] = test(x[a + i], x[b + i]) ? -1 : 0;
  };
}

/** pmin/pmax select one operand's lane bit-exactly: `pick(x, y)` says whether to take b's lane. */
function f32Select(pick: (x: number, y: number) => boolean): SimdOp {
  return (v, a, b) => {
    const x = v.f32, u = v.u32;
    for (let i = 0; i < 4; i++) if (pick(x[a + i], x[b + i])) u[a + i] = u[b + i];
  };
}

function f32Bits(f: (w: number) => number): SimdOp {
  return (v, a) => {
    const u = v.u32;
    for (let i = a; i < a + 4; i++) u[i] = f(u[i]);
  };
}

// ---- f64x2 ----------------------------------------------------------------------------------------

function f64Put(v: { f64: Float64Array; u32: Uint32Array }, i: number, r: number): void {
  if (r === r) v.f64[i] = r;
  else { v.u32[2 * i] = 0; v.u32[2 * i + 1] = CANON_F64_HI; }
}

export function f64Map3(f: (x: number, y: number, z: number) => number): SimdOp {
  return (v, a, b, c) => {
    const x = v.f64, p = a >> 1, q = b >> 1, r = c >> 1;
    f64Put(v, p, f(x[p], x[q], x[r]));
    f64Put(v, p + 1, f(x[p + 1], x[q + 1], x[r + 1]));
  };
}

function f64Compare(test: (x: number, y: number) => boolean): SimdOp {
  return (v, a, b) => {
    const x = v.f64, s = v.i32, p = a >> 1, q = b >> 1;
    const r0 = test(x[p], x[q]) ? -1 : 0, r1 = test(x[p + 1], x[q + 1]) ? -1 : 0;
    s[a] = r0; s[a + 1] = r0; s[a + 2] = r1; s[a + 3] = r1;
  };
}

function f64Select(pick: (x: number, y: number) => boolean): SimdOp {
  return (v, a, b) => {
    const x = v.f64, u = v.u32;
    for (let k = 0; k < 2; k++) {
      if (pick(x[(a >> 1) + k], x[(b >> 1) + k])) { u[a + 2 * k] = u[b + 2 * k]; u[a + 2 * k + 1] = u[b + 2 * k + 1]; }
    }
  };
}

/** abs/neg touch only the sign bit, which for f64 lanes lives in the high words (a+1, a+3). */
function f64SignBits(f: (hi: number) => number): SimdOp {
  return (v, a) => {
    const u = v.u32;
    u[a + 1] = f(u[a + 1]);
    u[a + 3] = f(u[a + 3]);
  };
}

const clearSign = (w: number): number => w & 0x7fffffff;
const flipSign = (w: number): number => w ^ 0x80000000;
const pminPick = (x: number, y: number): boolean => y < x;
const pmaxPick = (x: number, y: number): boolean => x < y;

// ---- conversions ----------------------------------------------------------------------------------

/** Saturating truncation (NaN -> 0), as in i32.trunc_sat_f*_{s,u}. */
export const truncSatS: F1 = x => (x !== x ? 0 : x <= -2147483648 ? -2147483648 : x >= 2147483647 ? 2147483647 : Math.trunc(x));
export const truncSatU: F1 = x => (x !== x || x <= 0 ? 0 : x >= 4294967295 ? 4294967295 : Math.trunc(x));

/** i32x4.trunc_sat_f32x4_*: in place, lane i reads f32 lane i then writes i32 lane i. */
export function truncF32x4(f: F1): SimdOp {
  return (v, a) => {
    for (let i = a; i < a + 4; i++) v.i32[i] = f(v.f32[i]);
  };
}

/** i32x4.trunc_sat_f64x2_*_zero: two f64 lanes to the low i32 lanes, high lanes zero. */
export function truncF64x2Zero(f: F1): SimdOp {
  return (v, a) => {
    const p = a >> 1, x0 = v.f64[p], x1 = v.f64[p + 1];
    v.i32[a] = f(x0); v.i32[a + 1] = f(x1); v.i32[a + 2] = 0; v.i32[a + 3] = 0;
  };
}

/** f32x4.convert_i32x4_*: storing an exact integer double into Float32Array rounds it once. */
function convertI32x4(unsigned: boolean): SimdOp {
  return unsigned
    ? (v, a) => { for (let i = a; i < a + 4; i++) v.f32[i] = v.u32[i]; }
    : (v, a) => { for (let i = a; i < a + 4; i++) v.f32[i] = v.i32[i]; };
}

function convertLowI32x4(unsigned: boolean): SimdOp {
  return (v, a) => {
    const w = unsigned ? v.u32 : v.i32;
    const x0 = w[a], x1 = w[a + 1];
    v.f64[a >> 1] = x0; v.f64[(a >> 1) + 1] = x1;
  };
}

const demote: SimdOp = (v, a) => {
  const p = a >> 1, x0 = v.f64[p], x1 = v.f64[p + 1];
  if (x0 === x0) v.f32[a] = x0; else v.u32[a] = CANON_F32;
  if (x1 === x1) v.f32[a + 1] = x1; else v.u32[a + 1] = CANON_F32;
  v.u32[a + 2] = 0; v.u32[a + 3] = 0;
};

const promote: SimdOp = (v, a) => {
  const x0 = v.f32[a], x1 = v.f32[a + 1];
  f64Put(v, a >> 1, x0);
  f64Put(v, (a >> 1) + 1, x1);
};

/** Resolve an f32x4/f64x2 instruction (and the i32x4 trunc_sat conversions) to its handler. */
export function floatHandler(shape: Shape, op: string): SimdOp | undefined {
  if (shape === 'i32x4') {
    switch (op) {
      case 'trunc_sat_f32x4_s': return truncF32x4(truncSatS);
      case 'trunc_sat_f32x4_u': return truncF32x4(truncSatU);
      case 'trunc_sat_f64x2_s_zero': return truncF64x2Zero(truncSatS);
      case 'trunc_sat_f64x2_u_zero': return truncF64x2Zero(truncSatU);
    }
    return undefined;
  }
  if (shape !== 'f32x4' && shape !== 'f64x2') return undefined;
  const f32 = shape === 'f32x4';
  if (UNARY[op]) return floatUnary(f32, UNARY[op]);
  if (BINARY[op]) return floatBinary(f32, op);
  if (COMPARE[op]) return (f32 ? f32Compare : f64Compare)(COMPARE[op]);
  switch (op) {
    case 'abs': return f32 ? f32Bits(clearSign) : f64SignBits(clearSign);
    case 'neg': return f32 ? f32Bits(flipSign) : f64SignBits(flipSign);
    case 'pmin': return (f32 ? f32Select : f64Select)(pminPick);
    case 'pmax': return (f32 ? f32Select : f64Select)(pmaxPick);
    case 'convert_i32x4_s': return f32 ? convertI32x4(false) : undefined;
    case 'convert_i32x4_u': return f32 ? convertI32x4(true) : undefined;
    case 'convert_low_i32x4_s': return f32 ? undefined : convertLowI32x4(false);
    case 'convert_low_i32x4_u': return f32 ? undefined : convertLowI32x4(true);
    case 'demote_f64x2_zero': return f32 ? demote : undefined;
    case 'promote_low_f32x4': return f32 ? undefined : promote;
  }
  return undefined;
}
