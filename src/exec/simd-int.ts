/**
 * Integer v128 instructions on the i8x16, i16x8 and i32x4 shapes (i64x2 lives in simd-i64.ts because
 * 64-bit lanes are handled as pairs of 32-bit words to avoid BigInt allocation).
 *
 * `intHandler(shape, op)` resolves a mnemonic to a handler: lane-wise operations come from the
 * kernel tables below (one lane loop per operation name, view signedness from the `_s`/`_u` suffix),
 * the cross-lane ones (narrow, extend, extmul, extadd, dot) from small builders that stage their
 * inputs in the shared scratch area because result lanes overlap input lanes still to be read.
 */
import type { Shape, SimdOp } from './simd-types.js';
import { LOG2_BYTES } from './simd-types.js';
import {
  intAllTrue, intBitmask, intMap1, intMap2, intShift, intView, type IntViewKey, type Kernel1, type Kernel2,
  type ShiftKernel, type SignedViewKey,
} from './simd-lanes.js';
import { S, toScratch } from './simd-scratch.js';

const clamp = (r: number, lo: number, hi: number): number => (r < lo ? lo : r > hi ? hi : r);
const minS = (bits: number): number => -(2 ** (bits - 1));
const maxS = (bits: number): number => 2 ** (bits - 1) - 1;
const maxU = (bits: number): number => 2 ** bits - 1;
const isUnsigned = (op: string): boolean => op.endsWith('_u');

/** Q15 rounding multiply: (x*y + 2^14) >> 15; only -32768 * -32768 overflows, saturating to 32767. */
const q15: Kernel2 = (x, p, d, n) => {
  for (let i = p; i < p + n; i++) { const r = (x[i] * x[i + d] + 0x4000) >> 15; x[i] = r > 0x7fff ? 0x7fff : r; }
};
export const q15mulr = (key: IntViewKey): SimdOp => intMap2(key, q15);

// One kernel literal per operation name (see simd-lanes.ts for why the loops are not shared);
// `_s`/`_u` variants have the same body but run over signed/unsigned views.
const BINARY: Readonly<Record<string, Kernel2>> = {
  add: (x, p, d, n) => { for (let i = p; i < p + n; i++) x[i] = x[i] + x[i + d]; },
  sub: (x, p, d, n) => { for (let i = p; i < p + n; i++) x[i] = x[i] - x[i + d]; },
  // imul: 32-bit products are not exact in a double; its low bits are all a narrower lane keeps.
  mul: (x, p, d, n) => { for (let i = p; i < p + n; i++) x[i] = Math.imul(x[i], x[i + d]); },
  add_sat_s: (x, p, d, n, lo, hi) => { for (let i = p; i < p + n; i++) { const r = x[i] + x[i + d]; x[i] = r < lo ? lo : r > hi ? hi : r; } },
  add_sat_u: (x, p, d, n, lo, hi) => { for (let i = p; i < p + n; i++) { const r = x[i] + x[i + d]; x[i] = r < lo ? lo : r > hi ? hi : r; } },
  sub_sat_s: (x, p, d, n, lo, hi) => { for (let i = p; i < p + n; i++) { const r = x[i] - x[i + d]; x[i] = r < lo ? lo : r > hi ? hi : r; } },
  sub_sat_u: (x, p, d, n, lo, hi) => { for (let i = p; i < p + n; i++) { const r = x[i] - x[i + d]; x[i] = r < lo ? lo : r > hi ? hi : r; } },
  min_s: (x, p, d, n) => { for (let i = p; i < p + n; i++) { const y = x[i + d]; if (y < x[i]) x[i] = y; } },
  min_u: (x, p, d, n) => { for (let i = p; i < p + n; i++) { const y = x[i + d]; if (y < x[i]) x[i] = y; } },
  max_s: (x, p, d, n) => { for (let i = p; i < p + n; i++) { const y = x[i + d]; if (y > x[i]) x[i] = y; } },
  max_u: (x, p, d, n) => { for (let i = p; i < p + n; i++) { const y = x[i + d]; if (y > x[i]) x[i] = y; } },
  avgr_u: (x, p, d, n) => { for (let i = p; i < p + n; i++) x[i] = (x[i] + x[i + d] + 1) >>> 1; },
  q15mulr_sat_s: q15,
  eq: (x, p, d, n) => { for (let i = p; i < p + n; i++) x[i] = x[i] === x[i + d] ? -1 : 0; },
  ne: (x, p, d, n) => { for (let i = p; i < p + n; i++) x[i] = x[i] !== x[i + d] ? -1 : 0; },
  lt_s: (x, p, d, n) => { for (let i = p; i < p + n; i++) x[i] = x[i] < x[i + d] ? -1 : 0; },
  lt_u: (x, p, d, n) => { for (let i = p; i < p + n; i++) x[i] = x[i] < x[i + d] ? -1 : 0; },
  gt_s: (x, p, d, n) => { for (let i = p; i < p + n; i++) x[i] = x[i] > x[i + d] ? -1 : 0; },
  gt_u: (x, p, d, n) => { for (let i = p; i < p + n; i++) x[i] = x[i] > x[i + d] ? -1 : 0; },
  le_s: (x, p, d, n) => { for (let i = p; i < p + n; i++) x[i] = x[i] <= x[i + d] ? -1 : 0; },
  le_u: (x, p, d, n) => { for (let i = p; i < p + n; i++) x[i] = x[i] <= x[i + d] ? -1 : 0; },
  ge_s: (x, p, d, n) => { for (let i = p; i < p + n; i++) x[i] = x[i] >= x[i + d] ? -1 : 0; },
  ge_u: (x, p, d, n) => { for (let i = p; i < p + n; i++) x[i] = x[i] >= x[i + d] ? -1 : 0; },
};

/** Saturation bounds [lo, hi] of a saturating operation on `bits`-wide lanes ([0, 0] otherwise). */
function bounds(op: string, bits: number): [number, number] {
  if (!op.includes('_sat_')) return [0, 0];
  return isUnsigned(op) ? [0, maxU(bits)] : [minS(bits), maxS(bits)];
}

const UNARY: Readonly<Record<string, Kernel1>> = {
  abs: (x, p, n) => { for (let i = p; i < p + n; i++) if (x[i] < 0) x[i] = -x[i]; },
  neg: (x, p, n) => { for (let i = p; i < p + n; i++) x[i] = -x[i]; },
  popcnt: (x, p, n) => {
    for (let i = p; i < p + n; i++) {
      const b = x[i], c = b - ((b >> 1) & 0x55), c2 = (c & 0x33) + ((c >> 2) & 0x33);
      x[i] = (c2 + (c2 >> 4)) & 0x0f;
    }
  },
};

const SHIFT: Readonly<Record<string, ShiftKernel>> = {
  shl: (x, p, n, s) => { for (let i = p; i < p + n; i++) x[i] = x[i] << s; },
  shr_s: (x, p, n, s) => { for (let i = p; i < p + n; i++) x[i] = x[i] >> s; },
  shr_u: (x, p, n, s) => { for (let i = p; i < p + n; i++) x[i] = x[i] >>> s; },
};

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
  if (binary) return intMap2(intView(log2, u), binary, ...bounds(op, bits));
  const unary = UNARY[op];
  if (unary) return intMap1(intView(log2, op === 'popcnt'), unary);
  const shift = SHIFT[op];
  if (shift) return intShift(intView(log2, u), shift);
  const signed = intView(log2, false) as SignedViewKey;
  if (op === 'all_true') return intAllTrue(signed);
  if (op === 'bitmask') return intBitmask(signed);
  if (op.startsWith('narrow_')) return narrow(log2, u);
  if (op.startsWith('extend_')) return extend(log2, u, op.startsWith('extend_high'));
  if (op.startsWith('extmul_')) return extmul(log2, u, op.startsWith('extmul_high'));
  if (op.startsWith('extadd_pairwise_')) return extaddPairwise(log2, u);
  if (op === 'dot_i16x8_s') return dotI16x8;
  return undefined;
}
