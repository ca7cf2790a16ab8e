/**
 * Profile monitor: calls, self time and inclusive time per function (performance.now()).
 *
 * Entries are probed at each function's first instruction; exits are inferred by the frame tracker
 * at the caller's next probe (the block leader right after the call, or a handler for an exception),
 * or at the end of the run. Inclusive time of a recursive function counts its outermost activation
 * only. Times include the probes' own cost (a callback and a clock read per block and per call,
 * roughly a microsecond): read them as relative, and expect short functions to look slower.
 */
import type { ModuleInstance } from '../runtime/instance.js';
import { basicBlocks } from './basic-blocks.js';
import { FrameTracker, type TrackedFrame } from './frame-tracker.js';
import { definedFuncs, funcLabel, moduleOf } from './module-info.js';
import type { Monitor } from './monitor.js';
import { probeAt } from './probe-hub.js';

export interface FuncProfile {
  readonly funcIndex: number;
  readonly name: string | null;
  readonly calls: number;
  /** Milliseconds in the function itself, and including its callees. */
  readonly selfMs: number;
  readonly inclusiveMs: number;
}

export interface ProfileReport {
  readonly totalMs: number;
  /** Functions that were called, most self time first. */
  readonly functions: readonly FuncProfile[];
}

interface Stats { calls: number; self: number; inclusive: number; active: number }

export class ProfileMonitor implements Monitor<ProfileReport> {
  readonly name = 'profile';
  private readonly stats = new Map<number, Stats>();
  private readonly names = new Map<number, string | null>();
  private readonly tracker = new FrameTracker((f, now, parent) => this.exit(f, now, parent));
  private first = -1;
  private last = -1;

  constructor(private readonly clock: () => number = () => performance.now()) {}

  attach(inst: ModuleInstance): void {
    for (const f of definedFuncs(moduleOf(inst))) {
      this.names.set(f.index, f.name);
      const index = f.index;
      for (const b of basicBlocks(f).blocks) {
        if (b.first === 0) {
          probeAt(inst, b.offset, (ctx) => {
            const now = this.clock();
            if (this.first < 0) this.first = now;
            this.tracker.enter(ctx.thread, index, ctx.thread.depth, now);
            const s = this.statsOf(index);
            s.calls++;
            s.active++;
          });
        } else {
          probeAt(inst, b.offset, (ctx) => { this.tracker.reconcile(ctx.thread, ctx.thread.depth, this.clock()); });
        }
      }
    }
  }

  private statsOf(i: number): Stats {
    let s = this.stats.get(i);
    if (!s) this.stats.set(i, (s = { calls: 0, self: 0, inclusive: 0, active: 0 }));
    return s;
  }

  private exit(f: TrackedFrame, now: number, parent: TrackedFrame | undefined): void {
    const inclusive = now - f.start;
    const s = this.statsOf(f.funcIndex);
    s.self += inclusive - f.childTime;
    if (--s.active === 0) s.inclusive += inclusive;
    if (parent) parent.childTime += inclusive;
    this.last = now;
  }

  finish(): void {
    this.tracker.closeAll(this.clock());
  }

  report(): ProfileReport {
    const functions = [...this.stats].map(([funcIndex, s]) => ({
      funcIndex, name: this.names.get(funcIndex) ?? null, calls: s.calls, selfMs: s.self, inclusiveMs: s.inclusive,
    })).sort((a, b) => b.selfMs - a.selfMs || a.funcIndex - b.funcIndex);
    return { totalMs: this.first < 0 ? 0 : Math.max(0, this.last - this.first), functions };
  }

  format(): string {
    const r = this.report();
    const lines = [`profile: ${r.functions.length} functions called, ${r.totalMs.toFixed(3)} ms (probe overhead included)`,
      `  ${'calls'.padStart(10)} ${'self ms'.padStart(10)} ${'self%'.padStart(6)} ${'incl ms'.padStart(10)}  function`];
    for (const f of r.functions) {
      const pct = r.totalMs > 0 ? ((100 * f.selfMs) / r.totalMs).toFixed(1) : '-';
      lines.push(`  ${String(f.calls).padStart(10)} ${f.selfMs.toFixed(3).padStart(10)} ${pct.padStart(6)} ${f.inclusiveMs.toFixed(3).padStart(10)}  ${funcLabel({ index: f.funcIndex, name: f.name })}`);
    }
    return lines.join('\n');
  }
}
