/**
 * Dynamic execution counts of every instruction of an instance's defined functions, from one probe
 * per basic block (see basic-blocks.ts): an instruction ran as often as its block was entered.
 *
 * Exactness: blocks end after calls, branches and throws, so frames left by returns, tail calls,
 * exceptions or exits end on a block boundary. A trap stops a block part-way; `finish` takes the
 * trap's innermost frame (function index and byte offset of the trapping instruction) and does not
 * count the instructions after it in that one execution of its block. The trapping instruction
 * itself counts as executed. (Traps are identified by function index only: with several instances
 * of modules sharing function indices the correction may land on the wrong one.)
 */
import type { ModuleInstance } from '../runtime/instance.js';
import { basicBlocks, type FuncBlocks } from './basic-blocks.js';
import { definedFuncs, moduleOf } from './module-info.js';
import type { RunOutcome } from './monitor.js';
import { probeAt } from './probe-hub.js';
import { trapSite } from './trap-site.js';

export class BlockCounter {
  readonly funcs: FuncBlocks[] = [];
  /** Per function (same order as `funcs`), entries of each block. */
  readonly counts: Float64Array[] = [];
  /** The instruction a trap stopped at: position in `funcs`, instruction index. */
  private trap: { fi: number; instr: number } | null = null;

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
    const instr = this.funcs[fi]!.func.body.findIndex((ins) => ins.offset === site.offset);
    if (instr >= 0) this.trap = { fi, instr };
  }

  /** How many times instruction `i` of function `fi` (position in `funcs`) ran. */
  instrCount(fi: number, i: number): number {
    const fb = this.funcs[fi]!;
    const b = fb.blockOf[i]!;
    const n = this.counts[fi]![b]!;
    const t = this.trap;
    return t !== null && t.fi === fi && i > t.instr && fb.blockOf[t.instr] === b ? n - 1 : n;
  }
}
