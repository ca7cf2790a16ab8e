/**
 * Calls monitor: a trace of function entries with their arguments (read from the callee's frame
 * slots as the first instruction is about to run), and a call graph (caller -> callee counts).
 *
 * The caller is the tracked frame just below the callee (frame-tracker.ts); a function entered from
 * the host, from another instance or as the first function of a continuation has caller -1. A tail call (`return_call*`, probed so the frame
 * can be marked) is recorded as an edge from the function that made it, flagged `tail`, and its
 * callee appears in the trace at the depth of the frame it replaced.
 */
import type { ModuleInstance } from '../runtime/instance.js';
import { basicBlocks, isTailCall } from './basic-blocks.js';
import { FrameTracker } from './frame-tracker.js';
import { formatValue, readLocals, type TypedValue } from './frame-values.js';
import { definedFuncs, funcLabel, moduleOf } from './module-info.js';
import type { Monitor } from './monitor.js';
import { probeAt } from './probe-hub.js';

export interface CallEntry {
  readonly funcIndex: number;
  /** Nesting depth among tracked frames (0: entered from outside). */
  readonly depth: number;
  readonly args: readonly TypedValue[];
  readonly tail: boolean;
}

export interface CallEdge {
  /** -1: the host or another instance. */
  readonly caller: number;
  readonly callee: number;
  readonly count: number;
  readonly tail: boolean;
}

export interface CallsReport {
  readonly calls: number;
  /** Entries in call order; limited by `maxTrace` and `maxDepth`. */
  readonly trace: readonly CallEntry[];
  /** Entries not kept in `trace` because of the limits. */
  readonly omitted: number;
  readonly graph: readonly CallEdge[];
}

export interface CallsOptions {
  /** Keep only entries at tracked depth <= maxDepth (default: all). */
  readonly maxDepth?: number;
  /** Keep at most this many trace entries (default 10000); the graph counts every call. */
  readonly maxTrace?: number;
}

export class CallsMonitor implements Monitor<CallsReport> {
  readonly name = 'calls';
  private readonly trace: CallEntry[] = [];
  private omitted = 0;
  private calls = 0;
  private readonly edges = new Map<string, { caller: number; callee: number; count: number; tail: boolean }>();
  private readonly names = new Map<number, string | null>();
  private readonly tracker = new FrameTracker(() => {});
  private readonly maxDepth: number;
  private readonly maxTrace: number;

  constructor(options: CallsOptions = {}) {
    this.maxDepth = options.maxDepth ?? Infinity;
    this.maxTrace = options.maxTrace ?? 10000;
  }

  attach(inst: ModuleInstance): void {
    for (const f of definedFuncs(moduleOf(inst))) {
      this.names.set(f.index, f.name);
      const index = f.index, params = f.params;
      for (const b of basicBlocks(f).blocks) {
        if (b.first !== 0) {
          probeAt(inst, b.offset, (ctx) => { this.tracker.reconcile(ctx.thread, ctx.thread.depth, 0); });
          continue;
        }
        probeAt(inst, b.offset, (ctx) => {
          const t = ctx.thread, depth = t.depth;
          const { replaced } = this.tracker.enter(t, index, depth, 0);
          const stack = this.tracker.stackOf(t);
          const tail = replaced !== undefined && replaced.tailing;
          const below = stack[stack.length - 2];
          const caller = tail ? replaced.funcIndex : below !== undefined && below.depth === depth - 1 ? below.funcIndex : -1;
          this.edge(caller, index, tail);
          this.calls++;
          const d = stack.length - 1;
          if (d > this.maxDepth) return;
          if (this.trace.length >= this.maxTrace) {
            this.omitted++;
            return;
          }
          this.trace.push({ funcIndex: index, depth: d, args: readLocals(t, ctx.fp, params), tail });
        });
      }
      // mark frames leaving by a tail call, so the callee's entry can tell
      for (const ins of f.body) {
        if (!isTailCall(ins)) continue;
        probeAt(inst, ins.offset, (ctx) => {
          const top = this.tracker.top(ctx.thread);
          if (top !== undefined && top.depth === ctx.thread.depth) top.tailing = true;
        });
      }
    }
  }

  private edge(caller: number, callee: number, tail: boolean): void {
    const key = `${caller}>${callee}${tail ? 't' : ''}`;
    const e = this.edges.get(key);
    if (e) e.count++;
    else this.edges.set(key, { caller, callee, count: 1, tail });
  }

  finish(): void {
    this.tracker.closeAll(0);
  }

  report(): CallsReport {
    const graph = [...this.edges.values()].map((e) => ({ ...e }))
      .sort((a, b) => b.count - a.count || a.caller - b.caller || a.callee - b.callee);
    return { calls: this.calls, trace: this.trace.slice(), omitted: this.omitted, graph };
  }

  private label(i: number): string {
    return i < 0 ? '<host>' : funcLabel({ index: i, name: this.names.get(i) ?? null });
  }

  format(): string {
    const r = this.report();
    const lines = [`calls: ${r.calls} calls, ${r.graph.length} call edges`];
    for (const e of r.trace) {
      lines.push(`  ${'  '.repeat(e.depth)}${e.tail ? 'tail ' : ''}${this.label(e.funcIndex)}(${e.args.map(formatValue).join(', ')})`);
    }
    if (r.omitted > 0) lines.push(`  ... ${r.omitted} more calls not traced`);
    lines.push('  call graph (caller -> callee: count):');
    for (const e of r.graph) lines.push(`    ${this.label(e.caller)} -> ${this.label(e.callee)}${e.tail ? ' (tail)' : ''}: ${e.count}`);
    return lines.join('\n');
  }
}
