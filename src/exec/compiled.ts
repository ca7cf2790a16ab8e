/**
 * A function translated for the interpreter (see compile.ts for the translation, interp.ts for the
 * loop that runs it). Everything here is module-level: it holds indices, never instance objects,
 * so all instances of one module share the translation.
 */

/** One catch clause of a handler. */
export interface CatchEntry {
  /** Tag index in the module's tag space, or -1 for catch_all(_ref). */
  readonly tag: number;
  /** Whether an exnref is pushed after the payload (catch_ref, catch_all_ref). */
  readonly ref: boolean;
  /** Where execution continues, the stack height (slots above fp) and the values pushed. */
  target: number;
  readonly height: number;
  /** For legacy catch clauses: the hidden local that keeps the caught exception (for rethrow). */
  readonly exnSlot: number;
  /** Legacy catch clauses push the payload only; try_table branches carry the label's arity. */
  readonly legacy: boolean;
}

/**
 * An exception handler: a try_table, a legacy try (catch clauses), or a legacy try...delegate.
 * It covers code positions `start < pc <= end` (pc being the position after the instruction that
 * threw or called). Ids are allocated in pre-order, so among the handlers covering a pc the one
 * with the greatest id is the innermost.
 */
export interface Handler {
  readonly id: number;
  start: number;
  end: number;
  readonly catches: CatchEntry[];
  /** The next handler to try (enclosing try in its body), or -1: unwind to the caller. */
  readonly parent: number;
  /** For delegate: where the search continues instead of `parent` (-1: the caller). */
  delegateTo: number | null;
}

export interface Compiled {
  readonly code: Int32Array;
  readonly nparams: number;
  /** Params, declared locals and hidden locals (legacy exception slots): the frame's fixed slots. */
  readonly nlocals: number;
  readonly nresults: number;
  /** nlocals + the deepest operand stack: the slots a frame may use. */
  readonly frameSlots: number;
  /** Start positions of translated instructions and their byte offsets, for stack traces. */
  readonly instrPcs: Int32Array;
  readonly instrOffsets: Int32Array;
  /** Index in the function body of each of those instructions (text modules have no offsets). */
  readonly instrIndices: Int32Array;
  readonly handlers: readonly Handler[];
  /** Immediates the code cannot hold inline (v128 constants, shuffles, lane indices). */
  readonly imms: readonly unknown[];
  /** Function index in the module (for traces); -1 for constant expressions. */
  readonly funcIndex: number;
}

/** The byte offset of the instruction at or before code position `pc`. */
export function offsetAt(c: Compiled, pc: number): number {
  const pcs = c.instrPcs;
  let lo = 0, hi = pcs.length - 1, best = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (pcs[mid] <= pc) { best = mid; lo = mid + 1; } else hi = mid - 1;
  }
  return best < 0 ? -1 : c.instrOffsets[best];
}
