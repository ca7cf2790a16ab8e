/**
 * Coverage monitor: which instructions and basic blocks of each defined function ran, with the byte
 * ranges that did not. Probes only block leaders; the rest is inferred (block-counter.ts).
 */
import type { ModuleInstance } from '../runtime/instance.js';
import { offsetAfter } from './basic-blocks.js';
import { BlockCounter } from './block-counter.js';
import { funcLabel, hex } from './module-info.js';
import type { Monitor, RunOutcome } from './monitor.js';

/** Byte range [start, end) of the module binary. */
export interface OffsetRange {
  readonly start: number;
  readonly end: number;
}

export interface FuncCoverage {
  readonly funcIndex: number;
  readonly name: string | null;
  readonly instructions: number;
  readonly coveredInstructions: number;
  readonly blocks: number;
  readonly coveredBlocks: number;
  /** Maximal runs of instructions that never ran. */
  readonly uncovered: readonly OffsetRange[];
}

export interface CoverageReport {
  readonly instructions: number;
  readonly coveredInstructions: number;
  readonly blocks: number;
  readonly coveredBlocks: number;
  readonly functions: readonly FuncCoverage[];
}

export class CoverageMonitor implements Monitor<CoverageReport> {
  readonly name = 'coverage';
  private readonly counter = new BlockCounter();

  attach(inst: ModuleInstance): void {
    this.counter.attach(inst);
  }

  finish(outcome?: RunOutcome): void {
    this.counter.finish(outcome);
  }

  report(): CoverageReport {
    const functions: FuncCoverage[] = [];
    const c = this.counter;
    c.funcs.forEach((fb, fi) => {
      const body = fb.func.body;
      const uncovered: OffsetRange[] = [];
      let covered = 0;
      for (let i = 0; i < body.length; i++) {
        if (c.instrCount(fi, i) > 0) {
          covered++;
          continue;
        }
        const start = body[i]!.offset, end = offsetAfter(fb.func, i);
        const last = uncovered[uncovered.length - 1];
        if (last !== undefined && last.end === start) uncovered[uncovered.length - 1] = { start: last.start, end };
        else uncovered.push({ start, end });
      }
      functions.push({
        funcIndex: fb.func.index, name: fb.func.name, instructions: body.length, coveredInstructions: covered,
        blocks: fb.blocks.length, coveredBlocks: c.counts[fi]!.reduce((n, k) => n + (k > 0 ? 1 : 0), 0), uncovered,
      });
    });
    const sum = (k: 'instructions' | 'coveredInstructions' | 'blocks' | 'coveredBlocks') => functions.reduce((n, f) => n + f[k], 0);
    return {
      instructions: sum('instructions'), coveredInstructions: sum('coveredInstructions'),
      blocks: sum('blocks'), coveredBlocks: sum('coveredBlocks'), functions,
    };
  }

  format(): string {
    const r = this.report();
    const lines = [`coverage: ${r.coveredInstructions}/${r.instructions} instructions (${percent(r.coveredInstructions, r.instructions)}), ` +
      `${r.coveredBlocks}/${r.blocks} blocks, ${r.functions.length} functions`];
    for (const f of r.functions) {
      const ranges = f.uncovered.map((u) => `${hex(u.start)}-${hex(u.end)}`);
      const shown = ranges.length > 8 ? [...ranges.slice(0, 8), `... ${ranges.length - 8} more`] : ranges;
      lines.push(`  ${funcLabel({ index: f.funcIndex, name: f.name })}: ${f.coveredInstructions}/${f.instructions} instrs ` +
        `(${percent(f.coveredInstructions, f.instructions)}), ${f.coveredBlocks}/${f.blocks} blocks` +
        (shown.length > 0 ? `; uncovered ${shown.join(' ')}` : ''));
    }
    return lines.join('\n');
  }
}

function percent(n: number, total: number): string {
  return total === 0 ? '-' : `${((100 * n) / total).toFixed(1)}%`;
}
