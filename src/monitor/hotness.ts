/**
 * Hotness monitor: the basic blocks that ran the most instructions (entries x length), with their
 * byte ranges — where a program spends its interpreted time, at finer grain than a profile.
 */
import { offsetAfter } from './basic-blocks.js';
import { BlockCountMonitor } from './block-counter.js';
import { funcLabel, hex } from './module-info.js';

export interface HotBlock {
  readonly funcIndex: number;
  readonly name: string | null;
  /** Byte range [start, end) of the block. */
  readonly start: number;
  readonly end: number;
  readonly entries: number;
  /** Instructions executed in the block (after trap corrections). */
  readonly instructions: number;
}

export interface HotnessReport {
  /** All instructions executed. */
  readonly total: number;
  /** The hottest blocks, most instructions first (at most `top`). */
  readonly blocks: readonly HotBlock[];
}

export class HotnessMonitor extends BlockCountMonitor<HotnessReport> {
  readonly name = 'hotness';

  constructor(private readonly top = 20) {
    super();
  }

  report(): HotnessReport {
    const c = this.counter;
    const all: HotBlock[] = [];
    let total = 0;
    c.funcs.forEach((fb, fi) => {
      for (const b of fb.blocks) {
        const entries = c.counts[fi]![b.index]!;
        if (entries === 0) continue;
        let instructions = 0;
        for (let i = b.first; i <= b.last; i++) instructions += c.instrCount(fi, i);
        total += instructions;
        all.push({
          funcIndex: fb.func.index, name: fb.func.name, start: b.offset, end: offsetAfter(fb.func, b.last), entries, instructions,
        });
      }
    });
    all.sort((a, b) => b.instructions - a.instructions || a.start - b.start);
    return { total, blocks: all.slice(0, this.top) };
  }

  format(): string {
    const r = this.report();
    const lines = [`hotness: ${r.total} instructions executed; hottest blocks:`,
      `  ${'instrs'.padStart(12)} ${'%'.padStart(6)} ${'entries'.padStart(10)}  block`];
    for (const b of r.blocks) {
      lines.push(`  ${String(b.instructions).padStart(12)} ${((100 * b.instructions) / r.total).toFixed(1).padStart(6)} ` +
        `${String(b.entries).padStart(10)}  ${hex(b.start)}-${hex(b.end)} in ${funcLabel({ index: b.funcIndex, name: b.name })}`);
    }
    return lines.join('\n');
  }
}
