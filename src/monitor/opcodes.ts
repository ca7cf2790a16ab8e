/**
 * Opcode monitor: the dynamic instruction mix. Counts basic-block entries and multiplies them by
 * each block's static mix (mnemonics from the opcode table), so the cost is one probe per block
 * however long it is. Exact for returns, tail calls, exceptions and exits; after a trap the
 * instructions behind the trapping one are not counted (block-counter.ts).
 */
import { OPCODES } from '../syntax/opcodes.js';
import { BlockCountMonitor } from './block-counter.js';
import { funcLabel } from './module-info.js';

export interface OpcodeReport {
  /** All instructions executed. */
  readonly total: number;
  /** Executions per mnemonic, most frequent first (mnemonics that never ran are left out). */
  readonly counts: readonly { readonly op: string; readonly count: number }[];
  readonly functions: readonly { readonly funcIndex: number; readonly name: string | null; readonly total: number }[];
}

export class OpcodeMonitor extends BlockCountMonitor<OpcodeReport> {
  readonly name = 'opcodes';

  report(): OpcodeReport {
    const c = this.counter;
    const byOp = new Map<string, number>();
    const functions: { funcIndex: number; name: string | null; total: number }[] = [];
    let total = 0;
    c.funcs.forEach((fb, fi) => {
      let ft = 0;
      fb.func.body.forEach((ins, i) => {
        const n = c.instrCount(fi, i);
        if (n === 0) return;
        const name = OPCODES[ins.op]!.name;
        byOp.set(name, (byOp.get(name) ?? 0) + n);
        ft += n;
      });
      functions.push({ funcIndex: fb.func.index, name: fb.func.name, total: ft });
      total += ft;
    });
    const counts = [...byOp].map(([op, count]) => ({ op, count })).sort((a, b) => b.count - a.count || (a.op < b.op ? -1 : 1));
    return { total, counts, functions };
  }

  format(): string {
    const r = this.report();
    const lines = [`opcodes: ${r.total} instructions executed, ${r.counts.length} distinct`];
    const width = Math.max(8, ...r.counts.map((e) => e.op.length));
    for (const e of r.counts) {
      lines.push(`  ${e.op.padEnd(width)} ${String(e.count).padStart(12)}  ${((100 * e.count) / r.total).toFixed(2).padStart(6)}%`);
    }
    const ran = r.functions.filter((f) => f.total > 0).sort((a, b) => b.total - a.total);
    if (ran.length > 0) lines.push('  by function:');
    for (const f of ran.slice(0, 20)) lines.push(`    ${funcLabel({ index: f.funcIndex, name: f.name })} ${f.total}`);
    if (ran.length > 20) lines.push(`    ... ${ran.length - 20} more`);
    return lines.join('\n');
  }
}
