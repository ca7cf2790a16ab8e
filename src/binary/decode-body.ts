/**
 * One function body in the code section's format: local declarations, then the instructions up to
 * the closing `end`. The module decoder reads every body of the code section with `readLocals`
 * and its CodeReader; `decodeFunctionBody` reads a body on its own (func.new: code a running
 * module wrote into its memory), with offsets relative to the body's first byte.
 */
import type { FeatureSet } from '../features.js';
import type { Expr } from '../syntax/module.js';
import type { ValType } from '../syntax/types.js';
import { CodeReader } from './decode-code.js';
import { TypeReader } from './decode-types.js';
import { Reader } from './reader.js';

/** Implementation limit on declared locals per function (the JS API's limit), so that a few bytes
 * cannot make the decoder allocate billions of entries. */
export const MAX_LOCALS = 50000;

/** Shared by every function without local declarations. */
const NO_LOCALS: readonly number[] = Object.freeze([]);

export interface DecodedLocals {
  /** Declared locals, expanded one entry per local. */
  readonly locals: ValType[];
  /**
   * Per declaration group: (number of locals declared up to and including it, offset of its value
   * type), flattened; what ModuleOffsets.locals keeps for validation messages.
   */
  readonly where: readonly number[];
}

/** Reads the local declarations at `r`'s position (the vector of (count, type) groups). */
export function readLocals(r: Reader, t: TypeReader): DecodedLocals {
  const at = r.pos;
  const groups = r.len();
  const counts: number[] = [];
  const types: ValType[] = [];
  const where: number[] = [];
  let total = 0;
  for (let g = 0; g < groups; g++) {
    const c = r.u32();
    total += c;
    counts.push(c);
    where.push(total, r.pos);
    types.push(t.valType());
  }
  if (total >= 2 ** 32) r.fail('too many locals', at);
  if (total > MAX_LOCALS) r.fail('too many locals', at);
  const out: ValType[] = new Array(total);
  let k = 0;
  for (let g = 0; g < groups; g++) for (let j = 0; j < counts[g]; j++) out[k++] = types[g];
  // A copy of exactly its size: the module keeps one per function (grown by push: ~4x).
  return { locals: out, where: groups === 0 ? NO_LOCALS : where.slice() };
}

export interface DecodedBody extends DecodedLocals {
  readonly body: Expr;
}

/**
 * Decodes `bytes` as exactly one function body (no size prefix: the length is the body's size).
 * `hasDataCount` says whether the module the body joins has a data count section, which
 * memory.init and data.drop need, as in the code section. Throws CompileError('malformed') with
 * an offset into `bytes`.
 */
export function decodeFunctionBody(bytes: Uint8Array, features: FeatureSet, hasDataCount: boolean): DecodedBody {
  const r = new Reader(bytes);
  const t = new TypeReader(r, features);
  const code = new CodeReader(r, t, features);
  const { locals, where } = readLocals(r, t);
  const body = code.expr();
  // Bytes after the closing `end` are what a code section entry with a wrong size would have.
  if (r.pos !== r.end) r.fail('section size mismatch', r.pos);
  if (!hasDataCount && code.dataCountUse >= 0) r.fail('data count section required', code.dataCountUse);
  return { locals, where, body };
}
