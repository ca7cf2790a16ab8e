/**
 * Shared-everything-threads in the interpreter. GC objects, globals and tables live in one JS
 * heap per agent, so every access already is indivisible: atomic get/set are translated to the
 * plain instructions (the memory order only matters to a compiler reordering accesses), and
 * `ref.i31_shared` to `ref.i31` (i31 values carry no sharedness at run time). Only the
 * read-modify-write families need their own handler, `sharedRmw`.
 */
import type { Instr } from '../syntax/module.js';
import { OPCODES, OP } from '../syntax/opcodes.js';
import type { CStorageType, DefType } from '../valid/canon-types.js';
import type { ModuleInstance } from '../runtime/instance.js';
import type { ArrayObj, StructObj } from '../runtime/gc-objects.js';
import type { Value } from '../runtime/values.js';
import { cellToValue, valueToCell } from '../runtime/cells.js';
import { addrAt } from './mem-access.js';
import { tableOob } from './bulk.js';
import { arrayOob, nullArray, nullStruct } from './gc-ops.js';
import type { Thread } from './thread.js';

const FIRST_SHARED = OP['ref.i31_shared'];

/** Whether an instruction belongs to the shared-everything rows (all appended after the others). */
export function isSharedOp(op: number): boolean {
  return op >= FIRST_SHARED;
}

/** The plain instruction an atomic get/set (or ref.i31_shared) runs as; null for an RMW. */
export function lowerShared(ins: Instr): Instr | null {
  const name = OPCODES[ins.op].name;
  if (name === 'ref.i31_shared') return { op: OP['ref.i31'], imm: [], offset: ins.offset };
  if (name.includes('.rmw.')) return null;
  return { op: OP[name.replace('.atomic', '')], imm: ins.imm.slice(1), offset: ins.offset };
}

/** Operand count of an RMW: the slot's locating operands, plus the expected value of cmpxchg, plus the value. */
export function rmwPops(ins: Instr): number {
  const name = OPCODES[ins.op].name;
  const locate = name.startsWith('global') ? 0 : name.startsWith('array') ? 2 : 1;
  return locate + (name.endsWith('cmpxchg') ? 2 : 1);
}

/** The two code words after an RMW's opcode: (global | table, is64 | type, field | type, 0). */
export function rmwWords(ins: Instr, tableIs64: readonly boolean[]): [number, number] {
  const name = OPCODES[ins.op].name;
  const a = ins.imm[1] as number;
  if (name.startsWith('table')) return [a, tableIs64[a] ? 1 : 0];
  if (name.startsWith('struct')) return [a, ins.imm[2] as number];
  return [a, 0];
}

function combine(name: string, old: Value, v: Value): Value {
  const op = name.slice(name.lastIndexOf('.') + 1);
  if (typeof old === 'bigint') {
    const a = old, b = v as bigint;
    switch (op) {
      case 'add': return BigInt.asIntN(64, a + b);
      case 'sub': return BigInt.asIntN(64, a - b);
      case 'and': return a & b;
      case 'or': return a | b;
      case 'xor': return a ^ b;
    }
    return v;
  }
  if (typeof old === 'number' && typeof v === 'number' && op !== 'xchg') {
    switch (op) {
      case 'add': return (old + v) | 0;
      case 'sub': return (old - v) | 0;
      case 'and': return old & v;
      case 'or': return old | v;
      case 'xor': return old ^ v;
    }
  }
  return v;
}

/** Reads the value in stack slot `s` as a Value of type `ty`. */
function slot(t: Thread, ty: CStorageType, s: number): Value {
  return cellToValue(ty, t.i32, s * 4, t.refs[s]);
}

/**
 * Runs an RMW whose operands start at slot `s` (`words` from `rmwWords`); the old value goes to
 * slot `s`. cmpxchg compares by value for numbers and by identity for references.
 */
export function sharedRmw(t: Thread, inst: ModuleInstance, op: number, w0: number, w1: number, s: number): void {
  const name = OPCODES[op].name;
  const cmp = name.endsWith('cmpxchg');
  let ty: CStorageType;
  let read: () => Value;
  let write: (v: Value) => void;
  let at: number; // first value operand's slot
  if (name.startsWith('global')) {
    const g = inst.globals[w0];
    ty = g.type.type;
    read = () => g.get();
    write = v => g.set(v);
    at = s;
  } else if (name.startsWith('table')) {
    const tab = inst.tables[w0];
    const i = addrAt(t.i32, s * 4, w1 !== 0);
    if (i >= tab.elems.length) tableOob();
    ty = tab.type.elem;
    read = () => tab.elems[i];
    write = v => { tab.elems[i] = v as typeof tab.elems[number]; };
    at = s + 1;
  } else if (name.startsWith('struct')) {
    const o = t.refs[s] as StructObj | null;
    if (o === null) nullStruct();
    ty = fieldType(o.type, w1);
    read = () => o.fields[w1];
    write = v => { o.fields[w1] = v; };
    at = s + 1;
  } else {
    const a = t.refs[s] as ArrayObj | null;
    if (a === null) nullArray();
    const i = t.i32[(s + 1) * 4] >>> 0;
    if (i >= a.length) arrayOob();
    ty = a.type.comp.kind === 'array' ? a.type.comp.field.type : 'i32';
    const d = a.data, st = a.stride, elTy = ty;
    if (d instanceof Int32Array) {
      read = () => cellToValue(elTy, d, i * st, null);
      write = v => valueToCell(elTy, v, d, i * st);
    } else {
      const refs = d as Value[];
      read = () => refs[i];
      write = v => { refs[i] = v; };
    }
    at = s + 2;
  }
  const old = read();
  if (cmp) {
    const expected = slot(t, ty, at), replacement = slot(t, ty, at + 1);
    if (old === expected) write(replacement);
  } else {
    write(combine(name, old, slot(t, ty, at)));
  }
  if (typeof ty === 'object') t.refs[s] = old as typeof t.refs[number];
  else valueToCell(ty, old, t.i32, s * 4);
}

function fieldType(d: DefType, field: number): CStorageType {
  return d.comp.kind === 'struct' ? d.comp.fields[field].type : 'i32';
}
