/**
 * Coverage monitor: which instructions and basic blocks of each defined function ran, with the byte
 * ranges that did not. Probes only block leaders; the rest is inferred (block-counter.ts). Block
 * coverage is exact; instruction coverage also credits structure markers (see coveredInstrs).
 */
import type { Expr } from '../syntax/module.js';
import { OPCODES } from '../syntax/opcodes.js';
import { offsetAfter } from './basic-blocks.js';
import { BlockCountMonitor } from './block-counter.js';
import { funcLabel, hex } from './module-info.js';

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

export class CoverageMonitor extends BlockCountMonitor<CoverageReport> {
  readonly name = 'coverage';

  report(): CoverageReport {
    const functions: FuncCoverage[] = [];
    const c = this.counter;
    c.funcs.forEach((fb, fi) => {
      const body = fb.func.body;
      const uncovered: OffsetRange[] = [];
      const ran = coveredInstrs(body, (i) => c.instrCount(fi, i) > 0);
      let covered = 0;
      for (let i = 0; i < body.length; i++) {
        if (ran[i]) {
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
        // a block of markers only (the `end`s after a branch) is covered with its instructions
        blocks: fb.blocks.length,
        coveredBlocks: fb.blocks.reduce((n, b) => n + (c.counts[fi]![b.index]! > 0 || ran.slice(b.first, b.last + 1).every((x) => x) ? 1 : 0), 0),
        uncovered,
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
    // functions that never ran share one line: whole programs link in much they never call
    const never = r.functions.filter((f) => f.instructions > 0 && f.coveredInstructions === 0);
    for (const f of r.functions) {
      if (f.coveredInstructions === 0 && f.instructions > 0) continue;
      const ranges = f.uncovered.map((u) => `${hex(u.start)}-${hex(u.end)}`);
      const shown = ranges.length > 8 ? [...ranges.slice(0, 8), `... ${ranges.length - 8} more`] : ranges;
      lines.push(`  ${funcLabel({ index: f.funcIndex, name: f.name })}: ${f.coveredInstructions}/${f.instructions} instrs ` +
        `(${percent(f.coveredInstructions, f.instructions)}), ${f.coveredBlocks}/${f.blocks} blocks` +
        (shown.length > 0 ? `; uncovered ${shown.join(' ')}` : ''));
    }
    if (never.length > 0) {
      const names = never.map((f) => funcLabel({ index: f.funcIndex, name: f.name }));
      lines.push(`  never ran (${never.length}): ${names.length > 12 ? `${names.slice(0, 12).join(' ')} ...` : names.join(' ')}`);
    }
    return lines.join('\n');
  }
}

/** Structure markers: they run only when control falls into them, but mark a label or an arm. */
const MARKERS = new Set(['end', 'else', 'catch', 'catch_all', 'delegate']);

/**
 * Which instructions count as covered: those that ran, and also a structure marker (`end`, `else`,
 * `catch`...) when control reached the code right after it — the label it defines or the arm it
 * starts — since e.g. the `end` of a block left only by branches never runs itself, yet the block
 * is fully covered. (A function's final `end` counts only when it ran.)
 */
function coveredInstrs(body: Expr, ran: (i: number) => boolean): boolean[] {
  const covered = body.map((_, i) => ran(i));
  for (let i = body.length - 2; i >= 0; i--) {
    if (!covered[i] && covered[i + 1] && MARKERS.has(OPCODES[body[i]!.op]!.name)) covered[i] = true;
  }
  return covered;
}

function percent(n: number, total: number): string {
  return total === 0 ? '-' : `${((100 * n) / total).toFixed(1)}%`;
}
