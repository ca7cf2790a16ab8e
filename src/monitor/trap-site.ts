/** Where a run that ended by a trap stopped, from the trap's wasm stack (innermost frame first). */
import type { RunOutcome } from './monitor.js';

export interface TrapSite {
  readonly funcIndex: number;
  readonly offset: number;
}

/**
 * The innermost wasm frame of a trap, or null. weft's traps are RuntimeErrors carrying `wasmStack`;
 * stack exhaustion reaches the JS API as a RangeError with the same field, hence the duck typing.
 */
export function trapSite(outcome: RunOutcome | undefined): TrapSite | null {
  const stack = (outcome?.error as { wasmStack?: unknown } | null | undefined)?.wasmStack;
  if (!Array.isArray(stack) || stack.length === 0) return null;
  const top = stack[0] as { funcIndex?: unknown; offset?: unknown };
  if (typeof top.funcIndex !== 'number' || typeof top.offset !== 'number' || top.offset < 0) return null;
  return { funcIndex: top.funcIndex, offset: top.offset };
}
