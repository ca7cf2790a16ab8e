/**
 * Typing rules of the shared-everything-threads atomic accessors (global/table/struct/array
 * `.atomic.*`) and `ref.i31_shared`. Each atomic accessor types like its plain counterpart once the
 * leading memory-order immediate is dropped, plus a restriction on which value types may be accessed
 * atomically (i32/i64 and references below (shared) anyref; arithmetic only on i32/i64; cmpxchg
 * only on equality-comparable types).
 */
import type { Instr } from '../syntax/module.js';
import { OPCODES } from '../syntax/opcodes.js';
import type { CStorageType, CValType } from './canon-types.js';
import { mkRef } from './canon.js';
import type { CodeChecker } from './code.js';
import { REF_RULES } from './rules-ref.js';
import type { Rule } from './rules.js';
import { VARIABLE_RULES } from './rules-var.js';
import { isSharedRef, isSubRefType } from './subtype.js';

/** Which family of atomic access an instruction is; decides the allowed value types. */
type Access = 'get' | 'packed' | 'set' | 'arith' | 'xchg' | 'cmpxchg';

function below(t: CValType | CStorageType, top: 'any' | 'eq'): boolean {
  if (typeof t === 'string') return false;
  return isSubRefType(t, mkRef(top, true, false, isSharedRef(t)));
}

function allowed(t: CStorageType, access: Access): boolean {
  const num = t === 'i32' || t === 'i64';
  switch (access) {
    case 'get': case 'xchg': return num || below(t, 'any');
    case 'packed': return t === 'i8' || t === 'i16';
    case 'set': return num || t === 'i8' || t === 'i16' || below(t, 'any');
    case 'arith': return num;
    case 'cmpxchg': return num || below(t, 'eq');
  }
}

function accessOf(name: string): Access {
  if (name.endsWith('.get_s') || name.endsWith('.get_u')) return 'packed';
  if (name.endsWith('.get')) return 'get';
  if (name.endsWith('.set')) return 'set';
  if (name.endsWith('.xchg')) return 'xchg';
  if (name.endsWith('.cmpxchg')) return 'cmpxchg';
  return 'arith';
}

function checkAccess(c: CodeChecker, t: CStorageType, name: string): void {
  if (!allowed(t, accessOf(name))) c.fail(`invalid type: ${name} does not allow ${c.typeName(t as CValType)}`);
}

/** Drops the order immediate so a plain rule can type the rest. */
function plain(ins: Instr): Instr {
  return { op: ins.op, imm: ins.imm.slice(1), offset: ins.offset };
}

function unpack(t: CStorageType): CValType {
  return t === 'i8' || t === 'i16' ? 'i32' : t;
}

/** The expected-value operand of a cmpxchg: the field type for numbers, else (shared) eqref. */
function expectedType(t: CValType): CValType {
  return typeof t === 'string' ? t : mkRef('eq', true, false, isSharedRef(t));
}

/**
 * An RMW given how to locate the accessed slot: `slot` pops the slot operands (after the value
 * operands have been popped) and returns the slot's type, having checked mutability.
 */
function rmw(slotType: (c: CodeChecker, ins: Instr) => CStorageType, popSlot: (c: CodeChecker, ins: Instr) => void): Rule {
  return (c, ins) => {
    const name = OPCODES[ins.op].name;
    const st = slotType(c, ins);
    checkAccess(c, st, name);
    const t = unpack(st);
    c.popT(t);
    if (name.endsWith('.cmpxchg')) c.popT(expectedType(t));
    popSlot(c, ins);
    c.push(t);
  };
}

function structField(c: CodeChecker, ins: Instr) {
  const d = c.type(ins.imm[1] as number);
  if (d.comp.kind !== 'struct') c.fail(`type mismatch: type ${ins.imm[1]} is not a struct type`);
  c.requireShared(d.shared, 'structs');
  const f = d.comp.fields[ins.imm[2] as number];
  if (f === undefined) c.fail(`unknown field ${ins.imm[2]}`);
  return f;
}

function arrayField(c: CodeChecker, ins: Instr) {
  const d = c.type(ins.imm[1] as number);
  if (d.comp.kind !== 'array') c.fail(`type mismatch: type ${ins.imm[1]} is not an array type`);
  c.requireShared(d.shared, 'arrays');
  return d.comp.field;
}

/** Rule for a get/set accessor: the plain rule, plus the atomic type restriction. */
function viaPlain(plainName: string, slotType: (c: CodeChecker, ins: Instr) => CStorageType): Rule {
  const base = REF_RULES[plainName] ?? VARIABLE_RULES[plainName];
  return (c, ins) => {
    checkAccess(c, slotType(c, ins), OPCODES[ins.op].name);
    base(c, plain(ins));
  };
}

const globalType = (c: CodeChecker, ins: Instr): CStorageType => c.global(ins.imm[1] as number).type;
const tableType = (c: CodeChecker, ins: Instr): CStorageType => c.table(ins.imm[1] as number).elem;
const structType = (c: CodeChecker, ins: Instr): CStorageType => structField(c, ins).type;
const arrayType = (c: CodeChecker, ins: Instr): CStorageType => arrayField(c, ins).type;

function mutableGlobal(c: CodeChecker, ins: Instr): CStorageType {
  const g = c.global(ins.imm[1] as number);
  if (!g.mutable) c.fail('global is immutable');
  return g.type;
}
function mutableField(c: CodeChecker, ins: Instr): CStorageType {
  const f = structField(c, ins);
  if (!f.mutable) c.fail('field is immutable');
  return f.type;
}
function mutableElem(c: CodeChecker, ins: Instr): CStorageType {
  const f = arrayField(c, ins);
  if (!f.mutable) c.fail('array is immutable');
  return f.type;
}

const RMW_OPS = ['add', 'sub', 'and', 'or', 'xor', 'xchg', 'cmpxchg'];

function rmwRules(prefix: string, rule: Rule, ops = RMW_OPS): Record<string, Rule> {
  return Object.fromEntries(ops.map(o => [`${prefix}.atomic.rmw.${o}`, rule]));
}

export const SHARED_RULES: Record<string, Rule> = {
  'ref.i31_shared': c => {
    c.popT('i32');
    c.push(mkRef('i31', false, false, true));
  },

  'global.atomic.get': viaPlain('global.get', globalType),
  'global.atomic.set': viaPlain('global.set', globalType),
  ...rmwRules('global', rmw(mutableGlobal, () => {})),

  'table.atomic.get': viaPlain('table.get', tableType),
  'table.atomic.set': viaPlain('table.set', tableType),
  ...rmwRules('table', rmw(tableType, (c, ins) => { c.popT(c.table(ins.imm[1] as number).addr); }), ['xchg', 'cmpxchg']),

  'struct.atomic.get': viaPlain('struct.get', structType),
  'struct.atomic.get_s': viaPlain('struct.get_s', structType),
  'struct.atomic.get_u': viaPlain('struct.get_u', structType),
  'struct.atomic.set': viaPlain('struct.set', structType),
  ...rmwRules('struct', rmw(mutableField, (c, ins) => { c.popT(mkRef(c.type(ins.imm[1] as number), true)); })),

  'array.atomic.get': viaPlain('array.get', arrayType),
  'array.atomic.get_s': viaPlain('array.get_s', arrayType),
  'array.atomic.get_u': viaPlain('array.get_u', arrayType),
  'array.atomic.set': viaPlain('array.set', arrayType),
  ...rmwRules('array', rmw(mutableElem, (c, ins) => {
    c.popT('i32');
    c.popT(mkRef(c.type(ins.imm[1] as number), true));
  })),
};

