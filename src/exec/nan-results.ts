/**
 * Which instructions generate NaNs, read off the opcode table: the spec's NaN propagation rule
 * (numerics, "NaN propagation") covers every floating-point operator except fneg, fabs and
 * fcopysign, which only touch the sign bit. Moves, loads, stores, constants, reinterpretations,
 * lane access and splats copy bits and are no operators at all; pmin/pmax return an operand as it
 * is (fpmin/fpmax are defined by a comparison, not by `nans`); comparisons return integer masks;
 * conversions from integers never make a NaN. The deterministic profile canonicalises the results
 * of the rest (numeric/canon-nan.ts), in both tiers.
 */
import { OPCODES } from '../syntax/opcodes.js';
import { splitMnemonic } from './simd-types.js';

/** The kind of NaN a result may be: none, a scalar, or the lanes of a v128. */
export const enum NanResult { None = 0, F32 = 1, F64 = 2, F32x4 = 3, F64x2 = 4 }

/** Operators that copy or select a NaN instead of generating one. */
const PASSES_NAN = new Set(['neg', 'abs', 'copysign', 'pmin', 'pmax']);
const COMPARISONS = new Set(['eq', 'ne', 'lt', 'gt', 'le', 'ge']);

function classify(name: string, params: readonly string[] | null, results: readonly string[] | null, imms: readonly string[]): NanResult {
  if (params === null || results === null || results.length !== 1 || imms.length > 0) return NanResult.None;
  const { shape, op } = splitMnemonic(name);
  if (PASSES_NAN.has(op)) return NanResult.None;
  const r = results[0];
  if (r === 'f' || r === 'F') {
    // float operands (f32.demote_f64 and f64.promote_f32 included); i32/i64/v128 operands are
    // conversions, reinterpretations or lane extraction
    if (!params.some(p => p === 'f' || p === 'F')) return NanResult.None;
    return r === 'f' ? NanResult.F32 : NanResult.F64;
  }
  if (r !== 'v' || (shape !== 'f32x4' && shape !== 'f64x2')) return NanResult.None;
  if (!params.every(p => p === 'v') || COMPARISONS.has(op) || op.startsWith('convert_')) return NanResult.None;
  return shape === 'f32x4' ? NanResult.F32x4 : NanResult.F64x2;
}

/** By OPCODES index: what each instruction's result must be canonicalised as in the deterministic profile. */
export const NAN_RESULT: Uint8Array = Uint8Array.from(OPCODES, o => classify(o.name, o.params, o.results, o.imms));

/** Instructions that read or push no value a NaN's bits could reach the outside through. */
const NEUTRAL = new Set(['nop', 'local.get', 'i32.const', 'i64.const', 'f32.const', 'f64.const']);

/**
 * By OPCODES index: instructions through which the payload and sign of a NaN on the stack cannot
 * be observed: the scalar NaN-producing operators (any NaN operand gives a NaN result, which gets
 * canonicalised in turn), scalar float comparisons (false for every NaN), and instructions that
 * leave the values on the stack alone (NEUTRAL). The compiled tier defers canonicalisation across
 * them (jit/codegen.ts `settleNaNs`).
 */
export const NAN_BLIND: Uint8Array = Uint8Array.from(OPCODES, o => {
  if (NEUTRAL.has(o.name)) return 1;
  const n = NAN_RESULT[o.index];
  if (n === NanResult.F32 || n === NanResult.F64) return 1;
  const { shape, op } = splitMnemonic(o.name);
  return shape === null && COMPARISONS.has(op) && o.params !== null && o.params.every(p => p === 'f' || p === 'F') ? 1 : 0;
});
