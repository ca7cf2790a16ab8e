/**
 * Which wasm operators the translator lowers to register ops (reg-table.ts), and the op numbers
 * it emits for them, indexed by opcode-table index. Built once from the two tables.
 */
import { OPCODES } from '../syntax/opcodes.js';
import { Op } from './ops.js';
import { FUSED_PAIRS, fusedName, isCold, LOOP_CLOSERS, loopCloserName, MEM_ALIASES, MEM_FUSED, memFusedName, MEM_ROWS, RETURN_FUSED, returnFusedName, BRANCH_LOADS, branchLoadName, BRANCH_FUSED, branchFusedName, REG_ROWS, regIdent, regOp, type RegRow } from './reg-table.js';

export interface RegLowering {
  readonly row: RegRow;
  readonly binary: boolean;
  /** Op numbers; -1 where the form does not exist. */
  readonly rr: number;
  readonly ri: number;
  /** Unary form. */
  readonly r: number;
  /** Compare and branch: jump when the test holds / fails (`brnRr` -1 for integer tests). */
  readonly brRr: number;
  readonly brRi: number;
  readonly brnRr: number;
  readonly brnRi: number;
  /** Integer comparisons: the opposite test (for `if`, which jumps when the test fails). */
  readonly inverse: number;
  /** Comparisons and commutative operators: the operator with the operands swapped. */
  readonly swapped: number;
  /** Whether the constant operand takes two code words. */
  readonly wide: boolean;
}

const INDEX = new Map(OPCODES.map(o => [o.key, o.index]));

/** Op numbers of the register ops that run through `reg_cold` (the translator emits that first). */
export const COLD_OPS = new Set<number>();

function opNum(name: string): number {
  const k = regOp(name);
  if (k < 0) return -1;
  if (isCold(name)) COLD_OPS.add(Op.FIRST_REG + k);
  return Op.FIRST_REG + k;
}

const INVERSE: Record<string, string> = {
  eq: 'ne', ne: 'eq', lt_s: 'ge_s', ge_s: 'lt_s', lt_u: 'ge_u', ge_u: 'lt_u', gt_s: 'le_s', le_s: 'gt_s', gt_u: 'le_u', le_u: 'gt_u',
};
const SWAPPED: Record<string, string> = {
  add: 'add', mul: 'mul', and: 'and', or: 'or', xor: 'xor', eq: 'eq', ne: 'ne',
  lt_s: 'gt_s', gt_s: 'lt_s', lt_u: 'gt_u', gt_u: 'lt_u', le_s: 'ge_s', ge_s: 'le_s', le_u: 'ge_u', ge_u: 'le_u',
  lt: 'gt', gt: 'lt', le: 'ge', ge: 'le',
};

/** Register lowering by wasm operator index (undefined: stack form only). */
export const REG_LOWERING: readonly (RegLowering | undefined)[] = (() => {
  const out: (RegLowering | undefined)[] = [];
  for (const row of REG_ROWS) {
    const n = regIdent(row.key);
    const [ty, name] = row.key.split('.');
    const inv = INVERSE[name], sw = SWAPPED[name];
    const binary = opNum(`${n}_rr`) >= 0;
    out[INDEX.get(row.key)!] = {
      row, binary,
      rr: opNum(`${n}_rr`), ri: opNum(`${n}_ri`), r: opNum(`${n}_r`),
      brRr: opNum(`br_${n}_rr`), brRi: opNum(`br_${n}_ri`), brnRr: opNum(`brn_${n}_rr`), brnRi: opNum(`brn_${n}_ri`),
      inverse: inv !== undefined && (ty === 'i32' || ty === 'i64') ? INDEX.get(`${ty}.${inv}`)! : -1,
      swapped: sw !== undefined ? INDEX.get(`${ty}.${sw}`) ?? -1 : -1,
      wide: row.ty === 'i64' || row.ty === 'f64',
    };
  }
  return out;
})();

/** A fast-path load or store: its register op, and for stores the constant-value form. */
export interface MemLowering {
  readonly r: number;
  readonly ri: number;
  /** The indexed form (address slot + (slot << s) + k), or -1. */
  readonly x: number;
  readonly store: boolean;
  readonly wide: boolean;
}

/** Fast-path register loads/stores by wasm operator index. */
export const MEM_LOWERING: readonly (MemLowering | undefined)[] = (() => {
  const out: (MemLowering | undefined)[] = [];
  const rows = new Map(MEM_ROWS.map(m => [m.key, m]));
  for (const key of [...rows.keys(), ...MEM_ALIASES.keys()]) {
    const m = rows.get(MEM_ALIASES.get(key) ?? key)!;
    const n = regIdent(m.key);
    const ri = m.constVia !== undefined ? regIdent(m.constVia) : n;
    out[INDEX.get(key)!] = { r: opNum(`${n}_r`), ri: opNum(`${ri}_ri`), x: opNum(`${n}_x`), store: m.store, wide: m.bytes === 8 };
  }
  return out;
})();

/** Fused pair ops by `fusedKey` (see reg-table.ts FUSED_SPEC). */
const FUSED = new Map<string, number>(FUSED_PAIRS.map(p =>
  [fusedKey(INDEX.get(p.inner)!, INDEX.get(p.outer)!, p.pos, p.innerImm, p.outerImm), opNum(fusedName(p))]));

/** Inner operators of fused pairs, with whether they take a constant there. */
const FUSED_INNER = new Set(FUSED_PAIRS.map(p => `${INDEX.get(p.inner)}|${p.innerImm}`));

function fusedKey(inner: number, outer: number, pos: 'L' | 'R', innerImm: boolean, outerImm: boolean): string {
  return `${inner}|${outer}|${pos}|${innerImm}|${outerImm}`;
}

/** The fused op computing outer(inner(a, b), c) (pos L) or outer(c, inner(a, b)) (R), or -1. */
export function fusedOp(inner: number, outer: number, pos: 'L' | 'R', innerImm: boolean, outerImm: boolean): number {
  return FUSED.get(fusedKey(inner, outer, pos, innerImm, outerImm)) ?? -1;
}

/** Whether operator `op` (with a constant right operand or not) is worth deferring for fusion. */
export function fusesAsInner(op: number, imm: boolean): boolean {
  return FUSED_INNER.has(`${op}|${imm}`);
}

/**
 * Loop closers by `${add op}|${branch op}`: the branch op is a compare-and-branch (`br_i32_*`),
 * `br_nez`, or `jump` (any unconditional branch), as the translator emits it after the add.
 */
const CLOSERS = new Map<string, number>(LOOP_CLOSERS.map(l => {
  const add = REG_LOWERING[INDEX.get('i32.add')!]!;
  const addOp = l.add === 'mv' ? Op.mov_w1 : l.add === 'ri' ? add.ri : add.rr;
  const br = l.test === 'nez' ? Op.br_nez : l.test === 'jump' ? Op.jump : opNum(`br_i32_${l.test}_${l.cmp}`);
  return [`${addOp}|${br}`, opNum(loopCloserName(l))];
}));

/** The loop closer fusing `addOp` (into a local) with the branch `brOp` testing it, or -1. */
export function loopCloser(addOp: number, brOp: number): number {
  return CLOSERS.get(`${addOp}|${brOp}`) ?? -1;
}

/** Register-memory ops (reg-table.ts MEM_FUSED_SPEC) by `${op}|${load or store}` operator indices. */
const MEM_FUSED_OPS = new Map<string, number>(MEM_FUSED.map(f =>
  [`${INDEX.get(f.op)}|${INDEX.get(f.mem)}|${f.load !== undefined ? INDEX.get(f.load) : -1}`, opNum(memFusedName(f))]));

/**
 * The op computing binary `op` with, as its right operand, the result of load `mem` (or storing
 * its result with store `mem`; with `load`, whose right operand is that load's result), or -1.
 */
export function memFusedOp(op: number, mem: number, load = -1): number {
  return MEM_FUSED_OPS.get(`${op}|${mem}|${load}`) ?? -1;
}

/** Register ops with a variant that also returns their result (reg-table.ts RETURN_SPEC). */
const RETURN_OPS = new Map<number, number>(RETURN_FUSED.map(f =>
  [opNum(`${regIdent(f.key)}_${f.form}`), opNum(returnFusedName(f.key, f.form))]));

/** The op doing register op `op` and returning its result, or -1. */
export function returnFusedOp(op: number): number {
  return RETURN_OPS.get(op) ?? -1;
}

/** Loads fused with a branch on their value (reg-table.ts BRANCH_LOAD_SPEC), by `${load op}|${br op}`. */
const BRANCH_LOAD_OPS = new Map<string, number>(BRANCH_LOADS.map(b =>
  [`${opNum(`${regIdent(b.load)}_r`)}|${b.test === 'nez' ? Op.br_nez : Op.br_eqz}`, opNum(branchLoadName(b.load, b.test))]));

/** The op doing load `loadOp` (its `_r` form) and branch `brOp` (br_nez/br_eqz) on its value, or -1. */
export function branchLoadOp(loadOp: number, brOp: number): number {
  return BRANCH_LOAD_OPS.get(`${loadOp}|${brOp}`) ?? -1;
}

/** Compare-and-branch on an inner op (reg-table.ts BRANCH_FUSED_SPEC): `${inner}|${cmp}` -> [br, brn]. */
const BRANCH_FUSED_OPS = new Map<string, readonly [number, number]>(BRANCH_FUSED.map(b =>
  [`${INDEX.get(b.inner)}|${INDEX.get(b.cmp)}`, [opNum(branchFusedName('br', b.cmp, b.inner)), opNum(branchFusedName('brn', b.cmp, b.inner))]]));

/** The ops branching when comparison `cmp` of inner op `inner`'s result with a constant holds / fails, or null. */
export function branchFusedOps(inner: number, cmp: number): readonly [number, number] | null {
  return BRANCH_FUSED_OPS.get(`${inner}|${cmp}`) ?? null;
}
