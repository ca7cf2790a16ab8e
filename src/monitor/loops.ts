/**
 * Loops monitor: per `loop` instruction, how often it was entered and how many iterations ran
 * (arrivals at its label: the entry plus every back-edge), from the same block counts as coverage —
 * the loop instruction ends a block and the first instruction of its body leads one.
 */
import { OPCODES } from '../syntax/opcodes.js';
import { BlockCountMonitor } from './block-counter.js';
import { funcLabel, hex } from './module-info.js';

export interface LoopStats {
  readonly funcIndex: number;
  readonly name: string | null;
  /** Byte offset of the `loop` instruction. */
  readonly offset: number;
  readonly entries: number;
  readonly iterations: number;
}

export interface LoopsReport {
  /** Loops that ran, most iterations first. */
  readonly loops: readonly LoopStats[];
  /** Loops in the module, run or not. */
  readonly total: number;
}

const LOOP = OPCODES.findIndex((o) => o.name === 'loop');

export class LoopsMonitor extends BlockCountMonitor<LoopsReport> {
  readonly name = 'loops';

  report(): LoopsReport {
    const c = this.counter;
    const loops: LoopStats[] = [];
    let total = 0;
    c.funcs.forEach((fb, fi) => {
      fb.func.body.forEach((ins, i) => {
        if (ins.op !== LOOP) return;
        total++;
        const entries = c.instrCount(fi, i);
        if (entries === 0) return;
        // the body's first instruction (a loop body always has one: at least its `end`)
        loops.push({ funcIndex: fb.func.index, name: fb.func.name, offset: ins.offset, entries, iterations: c.instrCount(fi, i + 1) });
      });
    });
    loops.sort((a, b) => b.iterations - a.iterations || a.offset - b.offset);
    return { loops, total };
  }

  format(): string {
    const r = this.report();
    const lines = [`loops: ${r.loops.length} of ${r.total} loops ran`,
      `  ${'iterations'.padStart(12)} ${'entries'.padStart(10)} ${'avg'.padStart(10)}  loop`];
    for (const l of r.loops.slice(0, 30)) {
      lines.push(`  ${String(l.iterations).padStart(12)} ${String(l.entries).padStart(10)} ${(l.iterations / l.entries).toFixed(1).padStart(10)}  ` +
        `${hex(l.offset)} in ${funcLabel({ index: l.funcIndex, name: l.name })}`);
    }
    if (r.loops.length > 30) lines.push(`  ... ${r.loops.length - 30} more`);
    return lines.join('\n');
  }
}
