/**
 * Integer v128 instructions on the i8x16, i16x8 and i32x4 shapes (i64x2 lives in simd-i64.ts because
 * 64-bit lanes are handled as pairs of 32-bit words to avoid BigInt allocation).
 *
 * `intHandler(shape, op)` resolves a mnemonic to a handler: lane-wise operations come from the
 * tables below (lane function per operation name, view signedness from the `_s`/`_u` suffix),
 * the cross-lane ones (narrow, extend, extmul, extadd, dot) from small builders that stage their
 * inputs in the shared scratch area because result lanes overlap input lanes still to be read.
 */
import type { Shape, SimdOp } from './simd-types.js';
import { LOG2_BYTES } from './simd-types.js';
import {
  intAllTrue, intBitmask, intMap1, intMap2, intShift, intView, type IntViewKey, type Lane1, type Lane2,
} from './simd-lanes.js';
import { S, toScratch } from './simd-scratch.js';

const clamp = (r: number, lo: number, hi: number): number => (r < lo ? lo : r > hi ? hi : r);
const minS = (bits: number): number => -(2 ** (bits - 1));
const maxS = (bits: number): number => 2 ** (bits - 1) - 1;
const maxU = (bits: number): number => 2 ** bits - 1;

const lt: Lane2 = (x, y) => (x < y ? -1 : 0);
const gt: Lane2 = (x, y) => (x > y ? -1 : 0);
const le: Lane2 = (x, y) => (x <= y ? -1 : 0);
const ge: Lane2 = (x, y) => (x >= y ? -1 : 0);
const min: Lane2 = (x, y) => (x < y ? x : y);
const max: Lane2 = (x, y) => (x > y ? x : y);

/** Q15 rounding multiply: (x*y + 2^14) >> 15; only -32768 * -32768 overflows, saturating to 32767. */
export const q15mulr: Lane2 = (x, y) => {
  const r = (x * y + 0x4000) >> 15;
  return r > 0x7fff ? 0x7fff : r;
};

/** x + sign*y clamped to [lo, hi]; the bounds are computed once, when the handler is built. */
function saturating(sign: 1 | -1, lo: number, hi: number): Lane2 {
  return (x, y) => {
    const r = x + sign * y;
    return r < lo ? lo : r > hi ? hi : r;
  };
}

/** Lane-wise binary operations by name; the factory gets the lane width in bits. */
const BINARY: Readonly<Record<string, (bits: number) => Lane2>> = {
  add: () => (x, y) => x + y,
  sub: () => (x, y) => x - y,
  // 16-bit products are exact in a double; 32-bit ones are not, so use imul's wrapping product.
  mul: bits => (bits === 32 ? Math.imul : (x, y) => x * y),
  add_sat_s: bits => saturating(1, minS(bits), maxS(bits)),
  add_sat_u: bits => saturating(1, 0, maxU(bits)),
  sub_sat_s: bits => saturating(-1, minS(bits), maxS(bits)),
  sub_sat_u: bits => saturating(-1, 0, maxU(bits)),
  min_s: () => min, min_u: () => min, max_s: () => max, max_u: () => max,
  avgr_u: () => (x, y) => (x + y + 1) >>> 1,
  q15mulr_sat_s: () => q15mulr,
  eq: () => (x, y) => (x === y ? -1 : 0),
  ne: () => (x, y) => (x !== y ? -1 : 0),
  lt_s: () => lt, lt_u: () => lt, gt_s: () => gt, gt_u: () => gt,
  le_s: () => le, le_u: () => le, ge_s: () => ge, ge_u: () => ge,
};

const UNARY: Readonly<Record<string, Lane1>> = {
  abs: x => (x < 0 ? -x : x),
  neg: x => -x,
  popcnt: x => {
    x = x - ((x >> 1) & 0x55);
    x = (x & 0x33) + ((x >> 2) & 0x33);
    return (x + (x >> 4)) & 0x0f;
  },
};

const SHIFT: Readonly<Record<string, Lane2>> = {
  shl: (x, s) => x << s,
  shr_s: (x, s) => x >> s,
  shr_u: (x, s) => x >>> s,
};

const isUnsigned = (op: string): boolean => op.endsWith('_u');

/** narrow_*: two vectors of signed 2^(log2+1)-byte lanes saturated into one of 2^log2-byte lanes. */
function narrow(log2: number, unsigned: boolean): SimdOp {
  const n = 16 >> log2;
  const src = intView(log2 + 1, false), dst = intView(log2, unsigned);
  const bits = 8 << log2;
  const lo = unsigned ? 0 : minS(bits), hi = unsigned ? maxU(bits) : maxS(bits);
  return (v, a, b) => {
    toScratch(v.i32, a, 0);
    toScratch(v.i32, b, 4);
    const s = S[src], x = v[dst];
    const p = (a << 2) >> log2;
    for (let i = 0; i < n; i++) x[p + i] = clamp(s[i], lo, hi);
  };
}

/** Half-width view and first half-lane index for the `_low`/`_high` widening instructions. */
function halfOf(log2: number, unsigned: boolean, high: boolean): { key: IntViewKey; off: number } {
  return { key: intView(log2 - 1, unsigned), off: high ? 16 >> log2 : 0 };
}

/** extend_{low,high}: widen half the lanes of one vector. */
function extend(log2: number, unsigned: boolean, high: boolean): SimdOp {
  const n = 16 >> log2, { key, off } = halfOf(log2, unsigned, high), dst = intView(log2, false);
  return (v, a) => {
    toScratch(v.i32, a, 0);
    const s = S[key], x = v[dst];
    const p = (a << 2) >> log2;
    for (let i = 0; i < n; i++) x[p + i] = s[off + i];
  };
}

/** extmul_{low,high}: widening lane-wise product of half the lanes of two vectors. */
function extmul(log2: number, unsigned: boolean, high: boolean): SimdOp {
  const n = 16 >> log2, { key, off } = halfOf(log2, unsigned, high), dst = intView(log2, unsigned);
  const second = 2 * n; // b's half-width lanes start after a's in the scratch area
  return (v, a, b) => {
    toScratch(v.i32, a, 0);
    toScratch(v.i32, b, 4);
    const s = S[key], x = v[dst];
    const p = (a << 2) >> log2;
    for (let i = 0; i < n; i++) x[p + i] = s[off + i] * s[second + off + i];
  };
}

/** extadd_pairwise: each wide lane is the sum of two adjacent narrow lanes. */
function extaddPairwise(log2: number, unsigned: boolean): SimdOp {
  const n = 16 >> log2, key = intView(log2 - 1, unsigned), dst = intView(log2, false);
  return (v, a) => {
    toScratch(v.i32, a, 0);
    const s = S[key], x = v[dst];
    const p = (a << 2) >> log2;
    for (let i = 0; i < n; i++) x[p + i] = s[2 * i] + s[2 * i + 1];
  };
}

/** i32x4.dot_i16x8_s: sums of adjacent signed 16-bit products; only 2 * (-32768)^2 wraps. */
const dotI16x8: SimdOp = (v, a, b) => {
  toScratch(v.i32, a, 0);
  toScratch(v.i32, b, 4);
  const s = S.i16, x = v.i32;
  for (let i = 0; i < 4; i++) x[a + i] = s[2 * i] * s[8 + 2 * i] + s[2 * i + 1] * s[8 + 2 * i + 1];
};

/** Resolve an i8x16/i16x8/i32x4 instruction (minus the memory ones) to its handler. */
export function intHandler(shape: Shape, op: string): SimdOp | undefined {
  if (shape !== 'i8x16' && shape !== 'i16x8' && shape !== 'i32x4') return undefined;
  const log2 = LOG2_BYTES[shape], bits = 8 << log2, u = isUnsigned(op);
  const binary = BINARY[op];
  if (binary) return intMap2(intView(log2, u), log2, binary(bits));
  const unary = UNARY[op];
  if (unary) return intMap1(intView(log2, op === 'popcnt'), log2, unary);
  const shift = SHIFT[op];
  if (shift) return intShift(intView(log2, u), log2, shift);
  if (op === 'all_true') return intAllTrue(intView(log2, false), log2);
  if (op === 'bitmask') return intBitmask(intView(log2, false), log2);
  if (op.startsWith('narrow_')) return narrow(log2, u);
  if (op.startsWith('extend_')) return extend(log2, u, op.startsWith('extend_high'));
  if (op.startsWith('extmul_')) return extmul(log2, u, op.startsWith('extmul_high'));
  if (op.startsWith('extadd_pairwise_')) return extaddPairwise(log2, u);
  if (op === 'dot_i16x8_s') return dotI16x8;
  return undefined;
}
