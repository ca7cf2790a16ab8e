/**
 * Builders for lane-wise v128 handlers on the 8/16/32-bit integer shapes: one closure per
 * instruction, made from a description (which typed view, lane size, per-lane function), so the
 * families in simd-int.ts are tables of tiny lane functions rather than copies of loops.
 *
 * Signedness is a property of the *view*: a lane function like `(x, y) => x < y ? -1 : 0` is lt_s
 * over Int8Array and lt_u over Uint8Array. Writes go through the same view and so wrap modulo the
 * lane width for free (typed-array stores are modular), which gives wrapping add/sub/neg/abs/shl.
 */
import type { SimdOp, SimdViews } from './simd-types.js';

export type IntViewKey = 'i8' | 'u8' | 'i16' | 'u16' | 'i32' | 'u32';
export type IntView = SimdViews[IntViewKey];
export type Lane1 = (x: number) => number;
export type Lane2 = (x: number, y: number) => number;

/** The typed view for lanes of 2^log2 bytes. */
export function intView(log2: number, unsigned: boolean): IntViewKey {
  const keys: readonly IntViewKey[] = unsigned ? ['u8', 'u16', 'u32'] : ['i8', 'i16', 'i32'];
  const k = keys[log2];
  if (k === undefined) throw new Error(`no integer view for lanes of 2^${log2} bytes`);
  return k;
}

export function intMap1(key: IntViewKey, log2: number, f: Lane1): SimdOp {
  const n = 16 >> log2;
  return (v, a) => {
    const x = v[key];
    const p = (a << 2) >> log2;
    for (let i = 0; i < n; i++) x[p + i] = f(x[p + i]);
  };
}

export function intMap2(key: IntViewKey, log2: number, f: Lane2): SimdOp {
  const n = 16 >> log2;
  return (v, a, b) => {
    const x = v[key];
    const p = (a << 2) >> log2, q = (b << 2) >> log2;
    for (let i = 0; i < n; i++) x[p + i] = f(x[p + i], x[q + i]);
  };
}

/** Shifts: the count is the i32 in slot b, taken modulo the lane width in bits. */
export function intShift(key: IntViewKey, log2: number, f: Lane2): SimdOp {
  const n = 16 >> log2, mask = (8 << log2) - 1;
  return (v, a, b) => {
    const x = v[key];
    const s = v.i32[b] & mask;
    const p = (a << 2) >> log2;
    for (let i = 0; i < n; i++) x[p + i] = f(x[p + i], s);
  };
}

/** all_true: 1 if every lane is non-zero. */
export function intAllTrue(key: IntViewKey, log2: number): SimdOp {
  const n = 16 >> log2;
  return (v, a) => {
    const x = v[key];
    const p = (a << 2) >> log2;
    let r = 1;
    for (let i = 0; i < n; i++) if (x[p + i] === 0) { r = 0; break; }
    v.i32[a] = r;
  };
}

/** bitmask: bit i of the i32 result is the sign bit of lane i (read through a signed view). */
export function intBitmask(key: IntViewKey, log2: number): SimdOp {
  const n = 16 >> log2;
  return (v, a) => {
    const x = v[key];
    const p = (a << 2) >> log2;
    let r = 0;
    for (let i = 0; i < n; i++) if (x[p + i] < 0) r |= 1 << i;
    v.i32[a] = r;
  };
}
