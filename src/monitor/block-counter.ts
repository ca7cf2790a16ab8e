/**
 * Dynamic execution counts of every instruction of an instance's defined functions, from one probe
 * per basic block (see basic-blocks.ts): an instruction ran as often as its block was entered.
 *
 * Exactness: blocks end after calls, branches and throws, so frames left by returns, tail calls,
 * exceptions or exits end on a block boundary. A trap stops a block part-way; `finish` takes the
 * trap's innermost frame (function index and byte offset of the trapping instruction) and does not
 * count the instructions after it in that one execution of its block. The trapping instruction
 * itself counts as executed. `finish` may be called after each call into the instance (a test
 * harness calling exports one by one): each trap is taken into account once. (Traps are identified by function index only: with several instances
 * of modules sharing function indices the correction may land on the wrong one.)
 */
import type { ModuleInstance } from '../runtime/instance.js';
import { basicBlocks, type FuncBlocks } from './basic-blocks.js';
import { definedFuncs, moduleOf } from './module-info.js';
import type { Monitor, RunOutcome } from './monitor.js';
import { probeAt } from './probe-hub.js';
import { trapSite } from './trap-site.js';

export class BlockCounter {
  readonly funcs: FuncBlocks[] = [];
  /** Per function (same order as `funcs`), entries of each block. */
  readonly counts: Float64Array[] = [];
  /** Per function: executions to take off each instruction, for the blocks traps cut short. */
  private readonly cut = new Map<number, Map<number, number>>();

  attach(inst: ModuleInstance): void {
    for (const f of definedFuncs(moduleOf(inst))) {
      const fb = basicBlocks(f);
      const counts = new Float64Array(fb.blocks.length);
      this.funcs.push(fb);
      this.counts.push(counts);
      for (const b of fb.blocks) {
        const k = b.index;
        probeAt(inst, b.offset, () => { counts[k]++; });
      }
    }
  }

  finish(outcome?: RunOutcome): void {
    const site = trapSite(outcome);
    if (site === null) return;
    const fi = this.funcs.findIndex((fb) => fb.func.index === site.funcIndex);
    if (fi < 0) return;
    const fb = this.funcs[fi]!;
    const instr = fb.func.body.findIndex((ins) => ins.offset === site.offset);
    if (instr < 0) return;
    let cuts = this.cut.get(fi);
    if (!cuts) this.cut.set(fi, (cuts = new Map()));
    const last = fb.blocks[fb.blockOf[instr]!]!.last;
    for (let i = instr + 1; i <= last; i++) cuts.set(i, (cuts.get(i) ?? 0) + 1);
  }

  /** How many times instruction `i` of function `fi` (position in `funcs`) ran. */
  instrCount(fi: number, i: number): number {
    const n = this.counts[fi]![this.funcs[fi]!.blockOf[i]!]!;
    return n - (this.cut.get(fi)?.get(i) ?? 0);
  }
}

/**
 * Base of the monitors that derive their reports from block counts (coverage, opcodes, loops,
 * branches, hotness): attaching and finishing go to one BlockCounter; subclasses only report.
 */
export abstract class BlockCountMonitor<R> implements Monitor<R> {
  abstract readonly name: string;
  protected readonly counter = new BlockCounter();

  attach(inst: ModuleInstance): void {
    this.counter.attach(inst);
  }

  finish(outcome?: RunOutcome): void {
    this.counter.finish(outcome);
  }

  abstract report(): R;
  abstract format(): string;
}
