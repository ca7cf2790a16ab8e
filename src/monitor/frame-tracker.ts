/**
 * A shadow call stack built from probes, for monitors that need frame exits (profile, calls). The
 * interpreter has no exit hook, so exits are inferred: every probe sees the thread's frame depth,
 * and a probe in a frame at depth d proves that every tracked frame deeper than d has left —
 * by return, end of body, tail call, trap or exception unwinding alike. Monitors probe function
 * entries and the block leaders (which include the instruction after every call and every handler),
 * so an exit is noticed at the first instruction the caller runs afterwards. Frames still open
 * when the run ends (trap, exit) are closed by `closeAll`.
 *
 * Each Thread (stack-switching continuations run on their own) has its own shadow stack.
 */
import type { Thread } from '../exec/thread.js';

export interface TrackedFrame {
  readonly funcIndex: number;
  readonly depth: number;
  readonly start: number;
  /** Inclusive time of the frames it called, for self time. */
  childTime: number;
  /** Set when the frame is about to leave by a tail call. */
  tailing: boolean;
}

export type ExitFn = (frame: TrackedFrame, now: number, parent: TrackedFrame | undefined) => void;

export class FrameTracker {
  private readonly stacks = new Map<Thread, TrackedFrame[]>();

  constructor(private readonly onExit: ExitFn) {}

  stackOf(t: Thread): TrackedFrame[] {
    let s = this.stacks.get(t);
    if (!s) this.stacks.set(t, (s = []));
    return s;
  }

  /** A probe ran in the frame at `depth`: frames deeper than `keepDepth` have exited. */
  reconcile(t: Thread, keepDepth: number, now: number): TrackedFrame | undefined {
    const s = this.stackOf(t);
    let popped: TrackedFrame | undefined;
    while (s.length > 0 && s[s.length - 1]!.depth > keepDepth) {
      popped = s.pop()!;
      this.onExit(popped, now, s[s.length - 1]);
    }
    return popped;
  }

  /**
   * Function entry at `depth`: closes frames at that depth or deeper (a frame at the same depth is
   * the one a tail call replaced); returns the innermost frame closed, if any, and the new one.
   */
  enter(t: Thread, funcIndex: number, depth: number, now: number): { replaced: TrackedFrame | undefined; frame: TrackedFrame } {
    const replaced = this.reconcile(t, depth - 1, now);
    const frame: TrackedFrame = { funcIndex, depth, start: now, childTime: 0, tailing: false };
    this.stackOf(t).push(frame);
    return { replaced: replaced?.depth === depth ? replaced : undefined, frame };
  }

  top(t: Thread): TrackedFrame | undefined {
    const s = this.stacks.get(t);
    return s?.[s.length - 1];
  }

  closeAll(now: number): void {
    for (const t of this.stacks.keys()) this.reconcile(t, -Infinity, now);
  }
}
