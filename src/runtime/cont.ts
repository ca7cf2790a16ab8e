/**
 * Continuations (stack switching proposal). A continuation is one-shot: resuming (or binding) it
 * takes its state, leaving the object consumed.
 *
 * The state is either a function not started yet, or a suspended chain of stacks: `top` is the
 * stack that executed `suspend`/`switch`, `bottom` the stack the handling `resume` had started
 * (they are the same unless continuations were resumed inside the continuation). Arguments bound
 * with cont.bind are kept as raw slots (words + refs), prepended to the resume arguments.
 */
import type { DefType } from '../valid/canon-types.js';
import type { FuncInst } from './func.js';
import type { Thread } from '../exec/thread.js';

export interface ContState {
  readonly fn: FuncInst | null;
  readonly top: Thread | null;
  readonly bottom: Thread | null;
  readonly boundWords: Int32Array;
  readonly boundRefs: readonly unknown[];
}

export class ContObj {
  constructor(readonly type: DefType | null, public state: ContState | null) {}
}

export const NO_WORDS = new Int32Array(0);
/** No bound references; shared, since every suspension makes a state (and memory counts, see exec/thread.ts). */
export const NO_REFS: readonly unknown[] = Object.freeze([]);
