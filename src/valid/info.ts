/**
 * What validation hands to the rest of the engine: canonical types for every index space and, per
 * defined function, a side table that lets an interpreter execute the flat instruction list
 * without re-deriving block structure or stack heights.
 */
import type { FeatureSet } from '../features.js';
import type { Module } from '../syntax/module.js';
import type { MemType } from '../syntax/types.js';
import type { CGlobalType, CRefType, CTableType, CValType, DefType } from './canon-types.js';

export interface BranchTarget {
  /**
   * Instruction index execution continues at: for a loop, the loop instruction's index + 1; for
   * block/if/try/try_table (and the function body), the index just after the matching `end`.
   * -1 for a `(on $t switch)` handler of `resume`, which is not a branch.
   */
  readonly pc: number;
  /** Number of values carried to the label. */
  readonly arity: number;
  /** Operand stack height (values, excluding locals) at the label's start, below the carried values. */
  readonly height: number;
}

/** Parameter and result types of a block opener (block/loop/if/try/try_table). */
export interface BlockSig {
  readonly params: readonly CValType[];
  readonly results: readonly CValType[];
}

export interface FuncInfo {
  /** Index in the function index space (imports first). */
  readonly funcIndex: number;
  readonly type: DefType;
  /** Parameters then declared locals. */
  readonly locals: readonly CValType[];
  /** Maximum operand stack height in values (locals not counted). */
  readonly maxHeight: number;
  /**
   * Per instruction: for block/loop/if/try/try_table/else/catch/catch_all, the index of the
   * construct's `end` (for a legacy `try` closed by `delegate`, and for `delegate` itself: the
   * `delegate`'s index); -1 otherwise.
   */
  readonly endOf: Int32Array;
  /** Per instruction: for `if`, the index of its `else`, or -1. */
  readonly elseOf: Int32Array;
  /** Per instruction: operand stack height before it (meaningless in unreachable code). */
  readonly heights: Int32Array;
  /**
   * Per instruction: br/br_if/br_on_null/br_on_non_null/br_on_cast(_fail): [target];
   * br_table: one per label, default last; try_table: one per catch clause; resume/resume_throw/
   * resume_throw_ref: one per handler (pc -1 for switch handlers); delegate: [the label it
   * delegates to] (pc = just after that label's end; the function label for the outermost depth);
   * return and return_call*: [function label]. Otherwise undefined.
   */
  readonly branches: (readonly BranchTarget[] | undefined)[];
  /** Per instruction: the signature of each block opener; undefined for other instructions. */
  readonly blockTypes: (BlockSig | undefined)[];
  /**
   * Per instruction: the canonical target type of ref.null (the null's type), ref.test, ref.cast,
   * br_on_cast and br_on_cast_fail (the cast target); undefined otherwise.
   */
  readonly refTypes: (CRefType | undefined)[];
}

export interface ValidModule {
  readonly module: Module;
  readonly features: FeatureSet;
  /** Canonical type of every type index. */
  readonly types: readonly DefType[];
  /** Defined functions only, in order (function index = imported function count + position). */
  readonly funcs: readonly FuncInfo[];
  /** The type of every function in the whole function index space. */
  readonly funcTypes: readonly DefType[];
  /** Whole index spaces (imports first), canonical. */
  readonly tables: readonly CTableType[];
  readonly mems: readonly MemType[];
  readonly globals: readonly CGlobalType[];
  readonly tags: readonly DefType[];
  /** Element type of each element segment. */
  readonly elemTypes: readonly CRefType[];
  /** Whether each function index may be referenced by ref.func (C.refs). */
  readonly declaredRefs: Uint8Array;
}
