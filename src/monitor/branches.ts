/**
 * Branches monitor: for every conditional branch site, how often it ran and which way it went.
 *
 * Mostly free, from the block counts: the instruction after an `if`, `br_if` or `br_on_*` is reached
 * only by not branching (for `if`: by the condition being true, entering the then-arm), so its count
 * is the fall-through count. A `br_table` gets its own probe, which reads the index operand on top of
 * the stack (probes see the stack with sp in place) and counts each target.
 */
import type { ModuleInstance } from '../runtime/instance.js';
import { OPCODES } from '../syntax/opcodes.js';
import { BlockCountMonitor } from './block-counter.js';
import { funcLabel, hex } from './module-info.js';
import { probeAt } from './probe-hub.js';

export interface BranchSite {
  readonly funcIndex: number;
  readonly name: string | null;
  readonly offset: number;
  /** Mnemonic: if, br_if, br_table, br_on_null... */
  readonly op: string;
  readonly executions: number;
  /** Branched (for `if`: condition true, the then-arm ran). */
  readonly taken: number;
  readonly notTaken: number;
  /** br_table only: how often each label was chosen (the default last). */
  readonly targets?: readonly number[];
}

export interface BranchesReport {
  /** Sites that ran, most executed first. */
  readonly sites: readonly BranchSite[];
}

const IF = OPCODES.findIndex((o) => o.name === 'if');
const BR_TABLE = OPCODES.findIndex((o) => o.name === 'br_table');

function isConditional(name: string): boolean {
  return name === 'if' || name === 'br_if' || name.startsWith('br_on');
}

export class BranchesMonitor extends BlockCountMonitor<BranchesReport> {
  readonly name = 'branches';
  /** br_table counts by byte offset. */
  private readonly tables = new Map<number, Float64Array>();

  override attach(inst: ModuleInstance): void {
    super.attach(inst);
    for (const fb of this.counter.funcs) {
      for (const ins of fb.func.body) {
        if (ins.op !== BR_TABLE) continue;
        const labels = ins.imm[0] as readonly number[];
        const counts = new Float64Array(labels.length);
        const last = labels.length - 1;
        this.tables.set(ins.offset, counts);
        probeAt(inst, ins.offset, (ctx) => {
          const index = ctx.thread.u32[(ctx.sp - 1) * 4]!;
          counts[index < last ? index : last]++;
        });
      }
    }
  }

  report(): BranchesReport {
    const c = this.counter;
    const sites: BranchSite[] = [];
    c.funcs.forEach((fb, fi) => {
      fb.func.body.forEach((ins, i) => {
        const op = OPCODES[ins.op]!.name;
        const executions = c.instrCount(fi, i);
        if (executions === 0) return;
        const site = { funcIndex: fb.func.index, name: fb.func.name, offset: ins.offset, op, executions };
        if (ins.op === BR_TABLE) {
          const targets = [...(this.tables.get(ins.offset) ?? [])];
          sites.push({ ...site, taken: executions, notTaken: 0, targets });
        } else if (isConditional(op)) {
          const fallThrough = c.instrCount(fi, i + 1);
          sites.push(ins.op === IF
            ? { ...site, taken: fallThrough, notTaken: executions - fallThrough }
            : { ...site, taken: executions - fallThrough, notTaken: fallThrough });
        }
      });
    });
    sites.sort((a, b) => b.executions - a.executions || a.offset - b.offset);
    return { sites };
  }

  format(): string {
    const r = this.report();
    const lines = [`branches: ${r.sites.length} conditional branch sites ran (if: taken = condition true)`,
      `  ${'executions'.padStart(12)} ${'taken'.padStart(12)} ${'%'.padStart(6)}  site`];
    for (const s of r.sites.slice(0, 30)) {
      const targets = s.targets ? ` targets [${s.targets.join(' ')}]` : '';
      lines.push(`  ${String(s.executions).padStart(12)} ${String(s.taken).padStart(12)} ${((100 * s.taken) / s.executions).toFixed(1).padStart(6)}  ` +
        `${s.op} ${hex(s.offset)} in ${funcLabel({ index: s.funcIndex, name: s.name })}${targets}`);
    }
    if (r.sites.length > 30) lines.push(`  ... ${r.sites.length - 30} more`);
    return lines.join('\n');
  }
}
