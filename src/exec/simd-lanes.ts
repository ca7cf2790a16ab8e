/**
 * How lane-wise handlers on the 8/16/32-bit integer shapes are assembled: an operation is a *kernel*
 * (the lane loop over one typed view, see simd-int.ts) and this file binds a kernel to a view and a
 * lane count, turning it into a SimdOp.
 *
 * Signedness is a property of the view: one loop body is lt_s over Int8Array and lt_u over
 * Uint8Array. Writes go through the same view and so wrap modulo the lane width for free (typed-array
 * stores are modular), which gives wrapping add/sub/mul/neg/abs/shl.
 *
 * Performance shapes this design. V8 keeps type feedback per function *literal*, shared by every
 * closure made from it. A typed-array access in a literal that sees more than four array kinds goes
 * megamorphic (measured 10-20x slower), and a lane function called per lane from a shared loop can
 * not be inlined. So kernels are whole loops, one literal per operation name (signed and unsigned
 * variants are distinct names, hence distinct literals seeing at most three kinds), and the binders
 * below are one literal per view.
 */
import type { SimdOp, SimdViews } from './simd-types.js';

export type IntViewKey = 'i8' | 'u8' | 'i16' | 'u16' | 'i32' | 'u32';
export type SignedViewKey = 'i8' | 'i16' | 'i32';
export type IntView = SimdViews[IntViewKey];

/** Unary kernel: lanes p..p+n-1 of x, in place. */
export type Kernel1 = (x: IntView, p: number, n: number) => void;
/**
 * Binary kernel: lane i of the result (x[i], p <= i < p+n) combines x[i] and x[i + d], where d is the
 * distance between the operand slots in lanes. lo/hi are the saturation bounds of saturating
 * operations (unused by the others), fixed per instruction.
 */
export type Kernel2 = (x: IntView, p: number, d: number, n: number, lo: number, hi: number) => void;

/** The typed view for lanes of 2^log2 bytes. */
export function intView(log2: number, unsigned: boolean): IntViewKey {
  const keys: readonly IntViewKey[] = unsigned ? ['u8', 'u16', 'u32'] : ['i8', 'i16', 'i32'];
  const k = keys[log2];
  if (k === undefined) throw new Error(`no integer view for lanes of 2^${log2} bytes`);
  return k;
}

// Element index of lane 0 of the slot at word w: w << 2 for bytes, w << 1 for 16-bit lanes, w for 32.

const BIND1: Readonly<Record<IntViewKey, (k: Kernel1) => SimdOp>> = {
  i8: k => (v, a) => k(v.i8, a << 2, 16),
  u8: k => (v, a) => k(v.u8, a << 2, 16),
  i16: k => (v, a) => k(v.i16, a << 1, 8),
  u16: k => (v, a) => k(v.u16, a << 1, 8),
  i32: k => (v, a) => k(v.i32, a, 4),
  u32: k => (v, a) => k(v.u32, a, 4),
};

const BIND2: Readonly<Record<IntViewKey, (k: Kernel2, lo: number, hi: number) => SimdOp>> = {
  i8: (k, lo, hi) => (v, a, b) => k(v.i8, a << 2, (b - a) << 2, 16, lo, hi),
  u8: (k, lo, hi) => (v, a, b) => k(v.u8, a << 2, (b - a) << 2, 16, lo, hi),
  i16: (k, lo, hi) => (v, a, b) => k(v.i16, a << 1, (b - a) << 1, 8, lo, hi),
  u16: (k, lo, hi) => (v, a, b) => k(v.u16, a << 1, (b - a) << 1, 8, lo, hi),
  i32: (k, lo, hi) => (v, a, b) => k(v.i32, a, b - a, 4, lo, hi),
  u32: (k, lo, hi) => (v, a, b) => k(v.u32, a, b - a, 4, lo, hi),
};

/** Shift kernel: lanes p..p+n-1 of x shifted by s (already reduced modulo the lane width). */
export type ShiftKernel = (x: IntView, p: number, n: number, s: number) => void;

/** Shifts: the count is the i32 in slot b, taken modulo the lane width in bits. */
const BIND_SHIFT: Readonly<Record<IntViewKey, (k: ShiftKernel) => SimdOp>> = {
  i8: k => (v, a, b) => k(v.i8, a << 2, 16, v.i32[b] & 7),
  u8: k => (v, a, b) => k(v.u8, a << 2, 16, v.i32[b] & 7),
  i16: k => (v, a, b) => k(v.i16, a << 1, 8, v.i32[b] & 15),
  u16: k => (v, a, b) => k(v.u16, a << 1, 8, v.i32[b] & 15),
  i32: k => (v, a, b) => k(v.i32, a, 4, v.i32[b] & 31),
  u32: k => (v, a, b) => k(v.u32, a, 4, v.i32[b] & 31),
};

/** all_true: 1 if every lane is non-zero. */
const ALL_TRUE: Readonly<Record<SignedViewKey, SimdOp>> = {
  i8: (v, a) => { const x = v.i8, p = a << 2; let r = 1; for (let i = p; i < p + 16; i++) if (x[i] === 0) r = 0; v.i32[a] = r; },
  i16: (v, a) => { const x = v.i16, p = a << 1; let r = 1; for (let i = p; i < p + 8; i++) if (x[i] === 0) r = 0; v.i32[a] = r; },
  i32: (v, a) => { const x = v.i32; v.i32[a] = x[a] !== 0 && x[a + 1] !== 0 && x[a + 2] !== 0 && x[a + 3] !== 0 ? 1 : 0; },
};

/** bitmask: bit i of the i32 result is the sign bit of lane i. */
const BITMASK: Readonly<Record<SignedViewKey, SimdOp>> = {
  i8: (v, a) => { const x = v.i8, p = a << 2; let r = 0; for (let i = 15; i >= 0; i--) r = (r << 1) | (x[p + i] >>> 31); v.i32[a] = r; },
  i16: (v, a) => { const x = v.i16, p = a << 1; let r = 0; for (let i = 7; i >= 0; i--) r = (r << 1) | (x[p + i] >>> 31); v.i32[a] = r; },
  i32: (v, a) => { const x = v.i32; v.i32[a] = (x[a] >>> 31) | ((x[a + 1] >>> 31) << 1) | ((x[a + 2] >>> 31) << 2) | ((x[a + 3] >>> 31) << 3); },
};

export const intMap1 = (key: IntViewKey, k: Kernel1): SimdOp => BIND1[key](k);
export const intMap2 = (key: IntViewKey, k: Kernel2, lo = 0, hi = 0): SimdOp => BIND2[key](k, lo, hi);
export const intShift = (key: IntViewKey, k: ShiftKernel): SimdOp => BIND_SHIFT[key](k);
export const intAllTrue = (key: SignedViewKey): SimdOp => ALL_TRUE[key];
export const intBitmask = (key: SignedViewKey): SimdOp => BITMASK[key];
