/**
 * Structural invariants of the side tables, checked on every module the spec tests expect valid:
 * what an interpreter relies on without re-checking.
 */
import type { Module } from '../../src/syntax/module.js';
import { OPCODES } from '../../src/syntax/opcodes.js';
import type { ValidModule } from '../../src/valid/index.js';

const OPENERS = new Set(['block', 'loop', 'if', 'try', 'try_table']);
const BRANCHING = new Set(['br', 'br_if', 'br_table', 'br_on_null', 'br_on_non_null', 'br_on_cast', 'br_on_cast_fail', 'try_table']);

/** Returns a description of the first broken invariant, or null. */
export function sideTableProblem(m: Module, vm: ValidModule): string | null {
  for (const fi of vm.funcs) {
    const body = m.funcs[fi.funcIndex - (vm.funcTypes.length - m.funcs.length)].body;
    const n = body.length;
    const where = (pc: number, what: string): string => `func ${fi.funcIndex} instr ${pc} (${OPCODES[body[pc].op].key}): ${what}`;
    for (let pc = 0; pc < n; pc++) {
      const name = OPCODES[body[pc].op].name;
      const end = fi.endOf[pc];
      if (OPENERS.has(name)) {
        if (end <= pc || end >= n) return where(pc, `endOf ${end}`);
        const closer = OPCODES[body[end].op].name;
        if (closer !== 'end' && closer !== 'delegate') return where(pc, `endOf points at ${closer}`);
        if (!fi.blockTypes[pc]) return where(pc, 'no block type');
      }
      if (name === 'if' && fi.elseOf[pc] >= 0 && OPCODES[body[fi.elseOf[pc]].op].name !== 'else') return where(pc, 'elseOf is not an else');
      if (BRANCHING.has(name)) {
        const ts = fi.branches[pc];
        if (!ts) return where(pc, 'no branch targets');
        for (const t of ts) {
          if (t.pc < 0 || t.pc > n) return where(pc, `target pc ${t.pc}`);
          const before = t.pc > 0 ? OPCODES[body[t.pc - 1].op].name : '';
          if (before !== 'end' && before !== 'loop' && before !== 'delegate') return where(pc, `target after ${before}`);
          if (t.height < 0 || t.height > fi.maxHeight) return where(pc, `target height ${t.height}`);
        }
      }
      if (fi.heights[pc] > fi.maxHeight) return where(pc, 'height above maxHeight');
    }
  }
  return null;
}
