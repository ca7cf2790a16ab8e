/**
 * SIMD semantics for the interpreter: every v128 instruction of the opcode table (features 'simd'
 * and 'relaxed-simd', prefix 0xfd) as a pure function over the interpreter's value stack.
 *
 * The tables are built from OPCODES: each 0xfd row's mnemonic is split into shape and operation and
 * resolved by the family modules (bit-wise, lane access, integer, i64, float, relaxed, memory). A
 * row that no family knows stays undefined, and the unit tests fail loudly on that.
 *
 *   simd-types.ts        the contract (SimdViews, SimdOp, SimdMemOp, simdViews)
 *   simd-bitwise.ts      v128.not/and/or/xor/andnot/bitselect/any_true/const, shuffle, swizzle
 *   simd-lane-access.ts  splat, extract_lane, replace_lane
 *   simd-lanes.ts        binding per-operation lane loops (kernels) to typed views
 *   simd-scratch.ts      the preallocated scratch area for cross-lane operations
 *   simd-int.ts          i8x16/i16x8/i32x4 arithmetic, comparisons, shifts, narrow/extend/extmul/dot
 *   simd-i64.ts          i64x2, on pairs of 32-bit words
 *   simd-float.ts        f32x4/f64x2 arithmetic, comparisons, rounding, conversions, NaN rules
 *   simd-relaxed.ts      relaxed SIMD (the behaviours chosen are tabled below)
 *   simd-memory.ts       loads, stores, splat/zero/extend loads, lane loads and stores
 *
 * Relaxed SIMD: where the spec allows several results, weft always gives choice 0 of its
 * `relaxed(R)[...]`, which is what the deterministic profile prescribes:
 *
 *   instruction                               weft's behaviour
 *   i8x16.relaxed_swizzle                     = i8x16.swizzle (index >= 16 gives 0)
 *   i32x4.relaxed_trunc_f32x4_{s,u}           = i32x4.trunc_sat_f32x4_{s,u} (NaN -> 0, saturate)
 *   i32x4.relaxed_trunc_f64x2_{s,u}_zero      = i32x4.trunc_sat_f64x2_{s,u}_zero
 *   f32x4/f64x2.relaxed_madd                  unfused: round(round(a*b) + c)
 *   f32x4/f64x2.relaxed_nmadd                 unfused: round(-round(a*b) + c)
 *   i{8x16,16x8,32x4,64x2}.relaxed_laneselect = v128.bitselect (bit-wise, whatever the mask)
 *   f32x4/f64x2.relaxed_{min,max}             = f32x4/f64x2.{min,max} (NaN -> canonical NaN, -0 < +0)
 *   i16x8.relaxed_q15mulr_s                   = i16x8.q15mulr_sat_s (saturates to 32767)
 *   i16x8.relaxed_dot_i8x16_i7x16_s           both operands signed; pair sums saturate to i16
 *   i32x4.relaxed_dot_i8x16_i7x16_add_s       the i16 pair sums above (saturated), sign-extended,
 *                                             added in pairs and to c, wrapping to 32 bits
 */
import { OPCODES } from '../syntax/opcodes.js';
import type { SimdMemOp, SimdOp } from './simd-types.js';
import { splitMnemonic } from './simd-types.js';
import { bitwiseHandler } from './simd-bitwise.js';
import { laneAccessHandler } from './simd-lane-access.js';
import { intHandler } from './simd-int.js';
import { i64Handler } from './simd-i64.js';
import { floatHandler } from './simd-float.js';
import { relaxedHandler } from './simd-relaxed.js';
import { memoryHandler } from './simd-memory.js';

export type { SimdMemOp, SimdOp, SimdViews } from './simd-types.js';
export { simdViews } from './simd-types.js';

const SIMD_PREFIX = 0xfd;

function resolve(name: string): SimdOp | undefined {
  const named = bitwiseHandler(name) ?? relaxedHandler(name);
  if (named) return named;
  const { shape, op } = splitMnemonic(name);
  if (!shape) return undefined;
  return laneAccessHandler(shape, op)
    ?? (shape === 'i64x2' ? i64Handler(op) : intHandler(shape, op))
    ?? floatHandler(shape, op);
}

function buildTables(): { ops: (SimdOp | undefined)[]; mem: (SimdMemOp | undefined)[] } {
  const ops: (SimdOp | undefined)[] = new Array(OPCODES.length).fill(undefined);
  const mem: (SimdMemOp | undefined)[] = new Array(OPCODES.length).fill(undefined);
  for (const row of OPCODES) {
    if (row.prefix !== SIMD_PREFIX) continue;
    if (row.imms.includes('memarg')) mem[row.index] = memoryHandler(row.name);
    else ops[row.index] = resolve(row.name);
  }
  return { ops, mem };
}

const tables = buildTables();

/** Non-memory v128 instructions, indexed by OPCODES index (undefined for every other row). */
export const SIMD_OPS: readonly (SimdOp | undefined)[] = tables.ops;

/** Memory-touching v128 instructions, indexed by OPCODES index. */
export const SIMD_MEM_OPS: readonly (SimdMemOp | undefined)[] = tables.mem;
