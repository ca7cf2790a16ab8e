/**
 * Translates a validated function body (flat `Instr` list) into interpreter code: an Int32Array of
 * internal opcodes (see ops.ts) and inline operands, with every branch resolved to an absolute code
 * position plus the stack height/arity needed to move the carried values. Structured control
 * (block/loop/end) disappears; exception handlers become a side table of code ranges.
 *
 * Every value takes one 16-byte slot, so the translator only needs to count values, never to type
 * them. Heights are slot counts above the frame pointer (locals included). Unreachable code is not
 * translated at all.
 */
import type { Catch, Expr, Instr, MemArg, Module, BrCast, Handler as SwitchHandler } from '../syntax/module.js';
import { funcTypeIndex, allMems, allTables, allTags } from '../syntax/module.js';
import type { BlockType, FuncType, HeapType, RefType, ValType } from '../syntax/types.js';
import { ABS_HEAP_TYPES } from '../syntax/types.js';
import { OPCODES } from '../syntax/opcodes.js';
import { Op } from './ops.js';
import { isSharedOp, lowerShared, rmwPops, rmwWords } from './shared-ops.js';
import type { CatchEntry, Compiled, Handler } from './compiled.js';

/** Module-level facts the translator needs; built once per module. */
export class ModuleFacts {
  readonly memIs64: boolean[];
  readonly tableIs64: boolean[];
  readonly tagParams: number[];
  readonly tagResults: number[];
  constructor(readonly module: Module) {
    this.memIs64 = allMems(module).map(m => m.addr === 'i64');
    this.tableIs64 = allTables(module).map(t => t.addr === 'i64');
    this.tagParams = allTags(module).map(t => this.funcType(t).params.length);
    this.tagResults = allTags(module).map(t => this.funcType(t).results.length);
  }
  funcType(typeIdx: number): FuncType {
    const c = this.module.types[typeIdx].comp;
    if (c.kind !== 'func') throw new Error(`type ${typeIdx} is not a function type`);
    return c;
  }
  /** The function type of continuation type `ct`. */
  contFunc(ct: number): FuncType {
    const c = this.module.types[ct].comp;
    if (c.kind !== 'cont') throw new Error(`type ${ct} is not a continuation type`);
    return this.funcType(c.type);
  }
  contParams(ct: number): number {
    return this.contFunc(ct).params.length;
  }
  contResults(ct: number): number {
    return this.contFunc(ct).results.length;
  }
  /** `switch $ct1`: the results are the params of $ct2, the type of $ct1's last parameter. */
  switchResults(ct1: number): number {
    const ps = this.contFunc(ct1).params;
    const last = ps[ps.length - 1];
    if (typeof last !== 'object' || typeof last.heap !== 'number') return 0;
    return this.contParams(last.heap);
  }
  funcTypeOfFunc(funcIdx: number): FuncType {
    return this.funcType(funcTypeIndex(this.module, funcIdx));
  }
  blockArity(bt: BlockType): [number, number] {
    if (bt === null) return [0, 0];
    if (typeof bt === 'number') {
      const f = this.funcType(bt);
      return [f.params.length, f.results.length];
    }
    return [0, 1];
  }
}

const facts = new WeakMap<Module, ModuleFacts>();
export function factsOf(m: Module): ModuleFacts {
  let f = facts.get(m);
  if (!f) facts.set(m, (f = new ModuleFacts(m)));
  return f;
}

/** Encodes a heap type as one word: type index (>= 0) or -1 - index of an abstract heap type. */
export function encodeHeap(h: HeapType): number {
  return typeof h === 'number' ? h : -1 - ABS_HEAP_TYPES.indexOf(h);
}

/** Cast flags word: bit 0 = the target admits null, bit 1 = the target is exact. */
function castFlags(nullable: boolean, exact: boolean | undefined): number {
  return (nullable ? 1 : 0) | (exact ? 2 : 0);
}

/**
 * A cast target as (heap word, flags word). `heaptype` immediates are a plain HeapType, or a
 * RefType when the target is exact or shared (see the decoder).
 */
function castTarget(imm: HeapType | RefType, nullable: boolean): [number, number] {
  if (typeof imm === 'object') return [encodeHeap(imm.heap), castFlags(nullable || imm.nullable, imm.exact)];
  return [encodeHeap(imm), castFlags(nullable, false)];
}

type CtrlKind = 'func' | 'block' | 'loop' | 'if' | 'else' | 'try' | 'catch' | 'try_table';

interface Ctrl {
  kind: CtrlKind;
  /** Height below the block's params. */
  height: number;
  nparams: number;
  nresults: number;
  /** Loop start (branch target of a loop). */
  start: number;
  /** Callbacks patching forward references to this block's end. */
  fixups: ((pc: number) => void)[];
  /** Position of an `if`'s conditional jump operand (patched at else/end). */
  ifJump: number;
  unreachable: boolean;
  /** For try/try_table: its handler. */
  handler: Handler | null;
  exnSlot: number;
}

/** How many words a local's value occupies, which picks the specialised local op. */
const enum LocalKind { W1 = 0, W2 = 1, V128 = 2, Ref = 3 }

function localKind(t: ValType): LocalKind {
  switch (t) {
    case 'i32': case 'f32': return LocalKind.W1;
    case 'i64': case 'f64': return LocalKind.W2;
    case 'v128': return LocalKind.V128;
    default: return LocalKind.Ref;
  }
}

/** Specialised local ops by LocalKind; v128 uses the generic (4 words + ref) table op. */
const LOCAL_OPS: Partial<Record<number, readonly number[]>> = {
  [Op.local_get]: [Op.local_get_w1, Op.local_get_w2, Op.local_get, Op.local_get_ref],
  [Op.local_set]: [Op.local_set_w1, Op.local_set_w2, Op.local_set, Op.local_set_ref],
  [Op.local_tee]: [Op.local_tee_w1, Op.local_tee_w2, Op.local_tee, Op.local_tee_ref],
};

/** The MVP loads and stores (single-byte opcodes with a memarg): candidates for the inline fast path. */
/** i32 binary ops with a constant right operand (`i32.const k; op`) that have a one-op form. */
const IMM_FORMS: ReadonlyMap<number, number> = new Map([
  [Op.i32_shl, Op.i32_shl_imm], [Op.i32_shr_s, Op.i32_shr_s_imm], [Op.i32_shr_u, Op.i32_shr_u_imm],
  [Op.i32_and, Op.i32_and_imm], [Op.i32_mul, Op.i32_mul_imm],
  [Op.i32_eq, Op.i32_eq_imm], [Op.i32_ne, Op.i32_ne_imm], [Op.i32_lt_s, Op.i32_lt_s_imm],
  [Op.i32_lt_u, Op.i32_lt_u_imm], [Op.i32_gt_s, Op.i32_gt_s_imm], [Op.i32_gt_u, Op.i32_gt_u_imm],
  [Op.i32_le_s, Op.i32_le_s_imm], [Op.i32_le_u, Op.i32_le_u_imm], [Op.i32_ge_s, Op.i32_ge_s_imm],
  [Op.i32_ge_u, Op.i32_ge_u_imm],
]);
/** i32 binary ops whose right operand is a local (`local.get x; op`) that have a one-op form. */
const LOCAL_FORMS: ReadonlyMap<number, number> = new Map([
  [Op.i32_add, Op.i32_add_local], [Op.i32_sub, Op.i32_sub_local], [Op.i32_and, Op.i32_and_local],
  [Op.i32_or, Op.i32_or_local], [Op.i32_xor, Op.i32_xor_local],
]);
/** f64 ops with a local right operand: [local.get x; op, local.get a; local.get b; op]. */
const F64_LOCAL_FORMS: ReadonlyMap<number, readonly [number, number]> = new Map([
  [Op.f64_add, [Op.f64_add_local, Op.f64_add_ll]], [Op.f64_sub, [Op.f64_sub_local, Op.f64_sub_ll]],
  [Op.f64_mul, [Op.f64_mul_local, Op.f64_mul_ll]],
]);
/** The comparisons with a constant (`IMM_FORMS`) that a following branch absorbs. */
const IMM_TESTS: ReadonlySet<number> = new Set([
  Op.i32_eq_imm, Op.i32_ne_imm, Op.i32_lt_s_imm, Op.i32_lt_u_imm, Op.i32_gt_s_imm, Op.i32_gt_u_imm,
  Op.i32_le_s_imm, Op.i32_le_u_imm, Op.i32_ge_s_imm, Op.i32_ge_u_imm,
]);
/** The variants of the `*_imm_test` branches that read their operand from a local. */
const LOCAL_IMM_TEST: ReadonlyMap<number, number> = new Map([
  [Op.br_if_imm_test, Op.br_if_local_imm_test], [Op.br_unless_imm_test, Op.br_unless_local_imm_test],
  [Op.loop_br_if_imm_test, Op.loop_br_if_local_imm_test],
]);
/** i64 binary ops with a constant right operand (`i64.const k; op`) that have a one-op form. */
const I64_IMM_FORMS: ReadonlyMap<number, number> = new Map([
  [Op.i64_mul, Op.i64_mul_imm], [Op.i64_add, Op.i64_add_imm], [Op.i64_xor, Op.i64_xor_imm],
  [Op.i64_and, Op.i64_and_imm], [Op.i64_shl, Op.i64_shl_imm], [Op.i64_shr_u, Op.i64_shr_u_imm],
  [Op.i64_rotl, Op.i64_rotl_imm],
]);
/** Loads with a one-op form taking their address from a local (`Translator.fuseLoad`). */
const LOAD_FROM_LOCAL: ReadonlyMap<number, number> = new Map([
  [Op.i32_load, Op.i32_load_local], [Op.f32_load, Op.i32_load_local],
  [Op.i64_load, Op.load_w2_local], [Op.f64_load, Op.load_w2_local],
]);
/** Test just before `if`: the fused op jumps past the then-branch. */
const IF_AFTER_TEST: ReadonlyMap<number, number> = new Map([[Op.i32_eqz, Op.br_if_jump]]);
/** Test just before a forward `br_if` that moves no values. */
const BR_AFTER_TEST: ReadonlyMap<number, number> = new Map([[Op.i32_eqz, Op.if_false]]);
/** Test just before a `br_if` back to a loop header (the loop's condition, in compiled C). */
const LOOP_BR_AFTER_TEST: ReadonlyMap<number, number> = new Map([
  [Op.i32_eqz, Op.loop_br_unless], [Op.i32_ne, Op.loop_br_if_ne], [Op.i32_lt_u, Op.loop_br_if_lt_u],
  [Op.i32_le_u, Op.loop_br_if_le_u], [Op.i32_gt_u, Op.loop_br_if_gt_u], [Op.i32_lt_s, Op.loop_br_if_lt_s],
]);
const PLAIN_LOADSTORE = new Set(OPCODES.filter(o => o.prefix === 0 && o.imms[0] === 'memarg').map(o => o.index));

class Translator {
  readonly code: number[] = [];
  readonly pcs: number[] = [];
  readonly offs: number[] = [];
  readonly handlers: Handler[] = [];
  readonly imms: unknown[] = [];
  readonly ctrls: Ctrl[] = [];
  height: number;
  maxHeight: number;
  nextExnSlot: number;
  /** Nesting depth inside unreachable code (constructs opened there are skipped whole). */
  deadDepth = 0;
  /** Start of the last emitted instruction (-1: none), and the last branch target position. */
  prevStart = -1;
  /** Start of the instruction before that (-1 if unknown). */
  prev2Start = -1;
  barrier = 0;
  /** Set by `fuse`: where the fused group that absorbed the current instruction starts. */
  fusedAt = -1;
  /** Byte offsets of instructions to put a `probe` op in front of (see probes.ts). */
  probes: ReadonlySet<number> | undefined = undefined;

  constructor(readonly f: ModuleFacts, readonly nlocals: number, firstExnSlot: number, readonly localKinds: Uint8Array) {
    this.height = nlocals;
    this.maxHeight = nlocals;
    this.nextExnSlot = firstExnSlot;
  }

  emit(...words: number[]): void {
    for (const w of words) this.code.push(w | 0);
  }

  setHeight(h: number): void {
    this.height = h;
    if (h > this.maxHeight) this.maxHeight = h;
  }

  top(): Ctrl {
    return this.ctrls[this.ctrls.length - 1];
  }

  pushCtrl(kind: CtrlKind, nparams: number, nresults: number): Ctrl {
    this.barrier = this.code.length;
    const c: Ctrl = {
      kind, height: this.height - nparams, nparams, nresults, start: this.code.length, fixups: [],
      ifJump: -1, unreachable: false, handler: null, exnSlot: -1,
    };
    this.ctrls.push(c);
    return c;
  }

  /** The nearest enclosing handler whose protected body we are in, at or outside ctrl depth `from`. */
  enclosingHandler(from: number): number {
    for (let i = this.ctrls.length - 1 - from; i >= 0; i--) {
      const c = this.ctrls[i];
      if ((c.kind === 'try' || c.kind === 'try_table') && c.handler) return c.handler.id;
    }
    return -1;
  }

  newHandler(parent: number): Handler {
    const h: Handler = { id: this.handlers.length, start: this.code.length, end: -1, catches: [], parent, delegateTo: null };
    this.handlers.push(h);
    return h;
  }

  labelArity(c: Ctrl): number {
    return c.kind === 'loop' ? c.nparams : c.nresults;
  }

  /** Registers `set(pc)` to be called with the code position a branch to label `depth` goes to. */
  target(depth: number, set: (pc: number) => void): void {
    const c = this.ctrls[this.ctrls.length - 1 - depth];
    if (c.kind === 'loop') set(c.start);
    else c.fixups.push(set);
  }

  /** Emits an unconditional branch to label `depth` (a return for the function label). */
  branch(depth: number): void {
    const c = this.ctrls[this.ctrls.length - 1 - depth];
    const arity = this.labelArity(c);
    if (c.kind === 'func') {
      this.emit(Op.return_x, arity);
      return;
    }
    if (this.height - arity === c.height) {
      this.emit(c.kind === 'loop' ? Op.loop_jump : Op.jump, 0);
    } else {
      this.emit(Op.br_copy, 0, c.height, arity);
    }
    const at = this.code.length - (this.height - arity === c.height ? 1 : 3);
    this.target(depth, pc => { this.code[at] = pc; });
  }

  /** Emits (target, height, arity) operands for a branch taken from inside another instruction. */
  branchOperands(depth: number): void {
    const c = this.ctrls[this.ctrls.length - 1 - depth];
    const at = this.code.length;
    this.emit(0, c.height, this.labelArity(c));
    if (c.kind === 'func') {
      // A conditional branch to the function label: jump to the final return.
      c.fixups.push(pc => { this.code[at] = pc; });
    } else {
      this.target(depth, pc => { this.code[at] = pc; });
    }
  }

  markDead(): void {
    const c = this.top();
    c.unreachable = true;
    this.setHeight(c.height);
  }

  memarg(opIndex: number, m: MemArg, fast: boolean, synthetic: number, extra: number[]): void {
    const is64 = this.f.memIs64[m.mem];
    const off = m.offset;
    if (fast && m.mem === 0 && !is64 && off < 0x80000000n) {
      this.emit(opIndex, Number(off));
      return;
    }
    this.emit(synthetic, opIndex, m.mem, Number(off & 0xffffffffn), Number(off >> 32n), ...extra);
  }

  translate(body: Expr): void {
    for (const ins of body) {
      if (this.top().unreachable) {
        if (this.skipDead(ins)) continue;
      }
      if (this.probes !== undefined && this.probes.has(ins.offset)) this.emit(Op.probe, ins.offset);
      const start = this.code.length;
      this.pcs.push(start);
      this.offs.push(ins.offset);
      this.fusedAt = -1;
      this.instr(ins);
      if (this.fusedAt >= 0) {
        if (this.fusedAt !== this.prevStart) this.prev2Start = -1; // a group reaching further back
        this.prevStart = this.fusedAt;
      } else if (this.code.length > start) {
        this.prev2Start = this.prevStart;
        this.prevStart = start;
      }
    }
  }

  /**
   * Peephole fusion of the most frequent instruction pairs into superinstructions (they account
   * for a large share of dispatches in compiled C). Only fuses with the instruction just emitted,
   * and never across a branch target (`barrier`), so no jump can land inside a fused group.
   * Returns true when `ins` was absorbed.
   */
  fuse(op: number, x: number): boolean {
    const p = this.prevStart, code = this.code, len = code.length;
    if (p < 0 || p < this.barrier) return false;
    const last = code[p];
    if (op === Op.local_get_w1 && last === Op.local_get_w1 && p + 2 === len) {
      code[p] = Op.local_get2_w1;
      this.emit(x);
      this.fusedAt = p;
      return true;
    }
    if ((op === Op.local_set_w1 || op === Op.local_tee_w1) && last === Op.i32_add_imm && p + 2 === len) {
      // local.get x; i32.const k; i32.add; local.set/tee x: the loop counter update.
      const q = this.prev2Start;
      if (q >= this.barrier && q >= 0 && q + 2 === p && code[q] === Op.local_get_w1 && code[q + 1] === x) {
        code[q] = op === Op.local_set_w1 ? Op.local_add_imm : Op.local_add_imm_tee;
        code[q + 2] = code[p + 1];
        code.length = q + 3;
        for (let i = this.pcs.length - 1; i >= 0 && this.pcs[i] > q; i--) this.pcs[i] = q;
        this.fusedAt = q;
        return true;
      }
    }
    if (op === Op.local_get_w2 && last === Op.local_get_w2 && p + 2 === len) {
      code[p] = Op.local_get2_w2;
      this.emit(x);
      this.fusedAt = p;
      return true;
    }
    const f64Forms = F64_LOCAL_FORMS.get(op);
    if (f64Forms !== undefined) {
      if (last === Op.local_get_w2 && p + 2 === len) {
        code[p] = f64Forms[0];
        this.fusedAt = p;
        return true;
      }
      if (last === Op.local_get2_w2 && p + 3 === len) {
        code[p] = f64Forms[1];
        this.fusedAt = p;
        return true;
      }
    }
    if ((op === Op.local_set_w1 || op === Op.local_tee_w1) && last === Op.local_get_add_imm && p + 3 === len && code[p + 1] === x) {
      // local.get x; i32.const k; i32.add; local.set/tee x: the loop counter update.
      code[p] = op === Op.local_set_w1 ? Op.local_add_imm : Op.local_add_imm_tee;
      this.fusedAt = p;
      return true;
    }
    if (op === Op.local_set_w1 && last === Op.local_get_add_imm && p + 3 === len) {
      // the same into another local (pointer bumps, derived indices)
      code[p] = Op.local_add_imm_to;
      this.emit(x);
      this.fusedAt = p;
      return true;
    }
    if (op === Op.i32_sub && last === Op.i32_const && p + 2 === len) {
      // x - k = x + (-k) in wrapping arithmetic: continue as an add of a constant
      code[p + 1] = -code[p + 1] | 0;
      op = Op.i32_add;
    }
    if (op === Op.i32_shl && last === Op.i32_const && p + 2 === len) {
      const q = this.prev2Start;
      if (q >= 0 && q >= this.barrier && q + 2 === p && code[q] === Op.local_get_w1) {
        // local.get x; i32.const k; i32.shl
        code[q] = Op.local_get_shl_imm;
        code[q + 2] = code[p + 1];
        code.length = q + 3;
        for (let i = this.pcs.length - 1; i >= 0 && this.pcs[i] > q; i--) this.pcs[i] = q;
        this.fusedAt = q;
        return true;
      }
    }
    if (last === Op.i32_const && p + 2 === len) {
      const withImm = IMM_FORMS.get(op);
      if (withImm !== undefined) {
        code[p] = withImm;
        this.fusedAt = p;
        return true;
      }
    }
    if (last === Op.local_get_w1 && p + 2 === len) {
      const withLocal = LOCAL_FORMS.get(op);
      if (withLocal !== undefined) {
        code[p] = withLocal;
        this.fusedAt = p;
        return true;
      }
    }
    if (last === Op.i64_const && p + 3 === len && I64_IMM_FORMS.has(op)) {
      code[p] = I64_IMM_FORMS.get(op)!;
      this.fusedAt = p;
      return true;
    }
    if (op === Op.i32_add) {
      const q = this.prev2Start;
      if (last === Op.i32_const && p + 2 === len && q >= 0 && q >= this.barrier && q + 2 === p && code[q] === Op.local_get_w1) {
        // local.get x; i32.const k; i32.add
        code[q] = Op.local_get_add_imm;
        code[q + 2] = code[p + 1];
        code.length = q + 3;
        for (let i = this.pcs.length - 1; i >= 0 && this.pcs[i] > q; i--) this.pcs[i] = q;
        this.fusedAt = q;
        return true;
      }
      if ((last === Op.i32_const || last === Op.local_get_w1) && p + 2 === len) {
        code[p] = last === Op.i32_const ? Op.i32_add_imm : Op.i32_add_local;
        this.fusedAt = p;
        return true;
      }
      if (last === Op.local_get2_w1 && p + 3 === len) {
        code[p] = Op.i32_add_ll;
        this.fusedAt = p;
        return true;
      }
    }
    return false;
  }

  /**
   * A conditional branch about to be emitted: if the instruction just emitted is a test in
   * `fusions` (i32.eqz or an i32 comparison), removes it and emits the fused branch op that
   * tests and branches in one dispatch; a comparison with a constant (`IMM_FORMS`) becomes
   * `withImm` (test op, k). Returns true when it emitted the op: the caller adds the target.
   * Same rules as `fuse`.
   */
  absorbTest(fusions: ReadonlyMap<number, number>, withImm: number): boolean {
    const p = this.prevStart, code = this.code;
    if (p < 0 || p < this.barrier) return false;
    const test = code[p];
    if (p + 1 === code.length && fusions.has(test)) {
      code[p] = fusions.get(test)!;
    } else if (p + 2 === code.length && IMM_TESTS.has(test)) {
      const k = code[p + 1], q = this.prev2Start;
      if (q >= 0 && q >= this.barrier && q + 2 === p && code[q] === Op.local_get_w1) {
        // local.get x; i32.const k; test: the operand is read from the local
        code[q] = LOCAL_IMM_TEST.get(withImm)!;
        code[q + 2] = test; code[q + 3] = k;
        for (let i = this.pcs.length - 1; i >= 0 && this.pcs[i] > q; i--) this.pcs[i] = q;
        this.fusedAt = q;
        return true;
      }
      code[p] = withImm; code[p + 1] = test; code.push(k);
    } else {
      return false;
    }
    for (let i = this.pcs.length - 1; i >= 0 && this.pcs[i] > p; i--) this.pcs[i] = p;
    this.fusedAt = p;
    return true;
  }

  /**
   * `local.get x; load` with a fast-path memarg becomes one op reading its address from the local
   * (the address computation of most C array and field accesses). Returns true when fused.
   */
  fuseLoad(op: number, m: MemArg): boolean {
    const fused = LOAD_FROM_LOCAL.get(op);
    if (fused === undefined || m.mem !== 0 || this.f.memIs64[0] || m.offset >= 0x80000000n) return false;
    const p = this.prevStart, code = this.code, len = code.length;
    if (p < 0 || p < this.barrier) return false;
    if (code[p] === Op.local_get_w1 && p + 2 === len) {
      code[p] = fused;
      this.emit(Number(m.offset));
      this.fusedAt = p;
      return true;
    }
    if (code[p] === Op.local_get2_w1 && p + 3 === len) {
      // local.get a; local.get b; load: push a, then load through b
      const b = code[p + 2];
      code[p] = Op.local_get_w1;
      code[p + 2] = fused;
      this.emit(b, Number(m.offset));
      this.fusedAt = p + 2;
      return true;
    }
    return false;
  }

  /** In unreachable code: returns true if `ins` is skipped. */
  skipDead(ins: Instr): boolean {
    switch (ins.op) {
      case Op.block: case Op.loop: case Op.if: case Op.try: case Op.try_table:
        this.deadDepth++;
        return true;
      case Op.end: case Op.delegate:
        if (this.deadDepth > 0) { this.deadDepth--; return true; }
        return false;
      case Op.else: case Op.catch: case Op.catch_all:
        return this.deadDepth > 0;
      default:
        return true;
    }
  }

  instr(ins: Instr): void {
    if (isSharedOp(ins.op)) {
      // shared-everything-threads: atomic get/set run as the plain ops; RMWs get one handler
      // (op, two immediate words, operand count).
      const plain = lowerShared(ins);
      if (plain !== null) { this.instr(plain); return; }
      const pops = rmwPops(ins);
      this.emit(ins.op, ...rmwWords(ins, this.f.tableIs64), pops);
      this.setHeight(this.height - pops + 1);
      return;
    }
    const imm = ins.imm;
    const info = OPCODES[ins.op];
    switch (ins.op) {
      case Op.nop: return;
      case Op.unreachable:
        this.emit(Op.unreachable);
        this.markDead();
        return;
      case Op.block: {
        const [p, r] = this.f.blockArity(imm[0] as BlockType);
        this.pushCtrl('block', p, r);
        return;
      }
      case Op.loop: {
        const [p, r] = this.f.blockArity(imm[0] as BlockType);
        this.pushCtrl('loop', p, r);
        return;
      }
      case Op.if: {
        const [p, r] = this.f.blockArity(imm[0] as BlockType);
        this.setHeight(this.height - 1);
        // i32.eqz; if: skip the then-branch when the operand is non-zero.
        if (!this.absorbTest(IF_AFTER_TEST, Op.br_unless_imm_test)) this.emit(Op.if_false);
        this.emit(0);
        const c = this.pushCtrl('if', p, r);
        c.ifJump = this.code.length - 1;
        return;
      }
      case Op.else: {
        const c = this.top();
        if (!c.unreachable) {
          this.emit(Op.jump, 0);
          const at = this.code.length - 1;
          c.fixups.push(pc => { this.code[at] = pc; });
        }
        this.code[c.ifJump] = this.code.length;
        this.barrier = this.code.length;
        c.ifJump = -1;
        c.kind = 'else';
        c.unreachable = false;
        this.setHeight(c.height + c.nparams);
        return;
      }
      case Op.end:
        this.end();
        return;
      case Op.try: {
        const [p, r] = this.f.blockArity(imm[0] as BlockType);
        const parent = this.enclosingHandler(0);
        const c = this.pushCtrl('try', p, r);
        c.handler = this.newHandler(parent);
        c.exnSlot = this.nextExnSlot++;
        return;
      }
      case Op.catch: case Op.catch_all: {
        const c = this.top();
        if (!c.unreachable) {
          this.emit(Op.jump, 0);
          const at = this.code.length - 1;
          c.fixups.push(pc => { this.code[at] = pc; });
        }
        const h = c.handler!;
        this.barrier = this.code.length;
        if (c.kind === 'try') h.end = this.code.length;
        c.kind = 'catch';
        c.unreachable = false;
        const tag = ins.op === Op.catch ? (imm[0] as number) : -1;
        const n = tag >= 0 ? this.f.tagParams[tag] : 0;
        h.catches.push({ tag, ref: false, target: this.code.length, height: c.height, exnSlot: c.exnSlot, legacy: true });
        this.setHeight(c.height + n);
        return;
      }
      case Op.delegate: {
        const c = this.top();
        const h = c.handler!;
        h.end = this.code.length;
        // The label is relative to the context outside the try: depth 0 is the enclosing block.
        h.delegateTo = this.enclosingHandler(1 + (imm[0] as number));
        this.closeBlock(c);
        return;
      }
      case Op.try_table: {
        const [p, r] = this.f.blockArity(imm[0] as BlockType);
        const parent = this.enclosingHandler(0);
        const h = this.newHandler(parent);
        // Catch labels are relative to the context outside the try_table.
        for (const k of imm[1] as readonly Catch[]) {
          const ref = k.kind === 'catch_ref' || k.kind === 'catch_all_ref';
          const tag = k.kind === 'catch' || k.kind === 'catch_ref' ? k.tag! : -1;
          const lc = this.ctrls[this.ctrls.length - 1 - k.label];
          const e: CatchEntry = { tag, ref, target: 0, height: lc.height, exnSlot: -1, legacy: false };
          h.catches.push(e);
          if (lc.kind === 'func') lc.fixups.push(pc => { e.target = pc; });
          else this.target(k.label, pc => { e.target = pc; });
        }
        const c = this.pushCtrl('try_table', p, r);
        c.handler = h;
        h.start = this.code.length;
        return;
      }
      case Op.throw: {
        this.emit(Op.throw, imm[0] as number);
        this.markDead();
        return;
      }
      case Op.throw_ref:
        this.emit(Op.throw_ref);
        this.markDead();
        return;
      case Op.rethrow: {
        const c = this.ctrls[this.ctrls.length - 1 - (imm[0] as number)];
        this.emit(Op.rethrow, c.exnSlot);
        this.markDead();
        return;
      }
      case Op.br:
        this.branch(imm[0] as number);
        this.markDead();
        return;
      case Op.br_if: {
        this.setHeight(this.height - 1);
        const depth = imm[0] as number;
        const c = this.ctrls[this.ctrls.length - 1 - depth];
        const arity = this.labelArity(c);
        if (c.kind !== 'func' && this.height - arity === c.height) {
          const loop = c.kind === 'loop';
          if (!this.absorbTest(loop ? LOOP_BR_AFTER_TEST : BR_AFTER_TEST, loop ? Op.loop_br_if_imm_test : Op.br_if_imm_test)) {
            this.emit(loop ? Op.loop_br_if : Op.br_if_jump);
          }
          this.emit(0);
          const at = this.code.length - 1;
          this.target(depth, pc => { this.code[at] = pc; });
        } else {
          this.emit(Op.br_if_copy);
          this.branchOperands(depth);
        }
        return;
      }
      case Op.br_table: {
        this.setHeight(this.height - 1);
        const labels = imm[0] as readonly number[];
        this.emit(Op.br_table_x, labels.length - 1);
        for (const l of labels) this.branchOperands(l);
        this.markDead();
        return;
      }
      case Op.return:
        this.emit(Op.return_x, this.ctrls[0].nresults);
        this.markDead();
        return;
      case Op.br_on_null: case Op.br_on_non_null: {
        this.emit(ins.op);
        this.branchOperands(imm[0] as number);
        if (ins.op === Op.br_on_non_null) this.setHeight(this.height - 1);
        return;
      }
      case Op.br_on_cast: case Op.br_on_cast_fail:
      case Op.br_on_cast_desc_eq: case Op.br_on_cast_desc_eq_fail: {
        const bc = imm[0] as BrCast;
        const desc = ins.op === Op.br_on_cast_desc_eq || ins.op === Op.br_on_cast_desc_eq_fail;
        if (desc) this.setHeight(this.height - 1); // the descriptor operand
        this.emit(ins.op);
        this.branchOperands(bc.label);
        this.emit(encodeHeap(bc.to.heap), castFlags(bc.to.nullable, bc.to.exact));
        return;
      }
      case Op.call: {
        const ft = this.f.funcTypeOfFunc(imm[0] as number);
        this.emit(Op.call, imm[0] as number);
        this.setHeight(this.height - ft.params.length + ft.results.length);
        return;
      }
      case Op.return_call:
        this.emit(Op.return_call, imm[0] as number);
        this.markDead();
        return;
      case Op.call_indirect: {
        const ft = this.f.funcType(imm[0] as number);
        const table = imm[1] as number;
        this.emit(Op.call_indirect, imm[0] as number, table, this.f.tableIs64[table] ? 1 : 0);
        this.setHeight(this.height - 1 - ft.params.length + ft.results.length);
        return;
      }
      case Op.return_call_indirect: {
        const table = imm[1] as number;
        this.emit(Op.return_call_indirect, imm[0] as number, table, this.f.tableIs64[table] ? 1 : 0);
        this.markDead();
        return;
      }
      case Op.call_ref: {
        const ft = this.f.funcType(imm[0] as number);
        this.emit(Op.call_ref, imm[0] as number);
        this.setHeight(this.height - 1 - ft.params.length + ft.results.length);
        return;
      }
      case Op.return_call_ref:
        this.emit(Op.return_call_ref, imm[0] as number);
        this.markDead();
        return;
      case Op.select: case Op.select$typed:
        this.emit(Op.select);
        this.setHeight(this.height - 2);
        return;
      case Op.cont_new:
        this.emit(Op.cont_new, imm[0] as number);
        return;
      case Op.cont_bind: {
        const n = this.f.contParams(imm[0] as number) - this.f.contParams(imm[1] as number);
        this.emit(Op.cont_bind, n, imm[1] as number);
        this.setHeight(this.height - n);
        return;
      }
      case Op.resume: {
        const ct = imm[0] as number;
        this.emit(Op.resume, this.f.contParams(ct));
        this.handlerTable(imm[1] as readonly SwitchHandler[]);
        this.setHeight(this.height - this.f.contParams(ct) - 1 + this.f.contResults(ct));
        return;
      }
      case Op.resume_throw: {
        const ct = imm[0] as number, tag = imm[1] as number;
        this.emit(Op.resume_throw, tag);
        this.handlerTable(imm[2] as readonly SwitchHandler[]);
        this.setHeight(this.height - this.f.tagParams[tag] - 1 + this.f.contResults(ct));
        return;
      }
      case Op.resume_throw_ref: {
        const ct = imm[0] as number;
        this.emit(Op.resume_throw_ref);
        this.handlerTable(imm[1] as readonly SwitchHandler[]);
        this.setHeight(this.height - 2 + this.f.contResults(ct));
        return;
      }
      case Op.suspend: {
        const tag = imm[0] as number;
        this.emit(Op.suspend, tag);
        this.setHeight(this.height - this.f.tagParams[tag] + this.f.tagResults[tag]);
        return;
      }
      case Op.switch: {
        const ct1 = imm[0] as number, tag = imm[1] as number;
        const n = this.f.contParams(ct1);
        this.emit(Op.switch, n - 1, tag);
        this.setHeight(this.height - n + this.f.switchResults(ct1));
        return;
      }
      case Op.local_get: case Op.local_set: case Op.local_tee: {
        const x = imm[0] as number;
        const op = LOCAL_OPS[ins.op]![this.localKinds[x]];
        if (!this.fuse(op, x)) this.emit(op, x);
        this.setHeight(this.height + (ins.op === Op.local_get ? 1 : ins.op === Op.local_set ? -1 : 0));
        return;
      }
    }
    if (PLAIN_LOADSTORE.has(ins.op) && (imm[0] as MemArg).array !== undefined) {
      // Multi-byte access to an (array i8): the array reference sits below the usual operands.
      this.emit(Op.array_mem, ins.op);
      this.setHeight(this.height - 1 - info.params!.length + info.results!.length);
      return;
    }
    if (info.params !== null && info.results !== null) {
      if (!this.fuse(ins.op, 0)) this.fixedSignature(ins);
      this.setHeight(this.height - info.params.length + info.results.length);
      return;
    }
    const [pop, push] = this.otherEffect(ins);
    this.emitGeneric(ins);
    this.setHeight(this.height - pop + push);
  }

  end(): void {
    const c = this.top();
    if (c.kind === 'func') {
      if (!c.unreachable) this.emit(Op.return_x, c.nresults);
      // Conditional branches to the function label land on a return.
      const ret = this.code.length;
      this.emit(Op.return_x, c.nresults);
      for (const fx of c.fixups) fx(ret);
      this.ctrls.pop();
      return;
    }
    if (c.kind === 'try' && c.handler) c.handler.end = this.code.length;
    if (c.kind === 'try_table' && c.handler) c.handler.end = this.code.length;
    this.closeBlock(c);
  }

  closeBlock(c: Ctrl): void {
    this.barrier = this.code.length;
    if (c.ifJump >= 0) this.code[c.ifJump] = this.code.length;
    for (const fx of c.fixups) fx(this.code.length);
    this.ctrls.pop();
    this.setHeight(c.height + c.nresults);
  }

  /** Instructions with a fixed signature: numeric, memory, SIMD, atomics. */
  fixedSignature(ins: Instr): void {
    const info = OPCODES[ins.op];
    const imm = ins.imm;
    if (info.prefix === 0xfd) {
      const m = info.imms[0] === 'memarg' ? (imm[0] as MemArg) : null;
      const rest = m ? imm[1] : imm[0];
      const immIdx = rest === undefined ? -1 : this.imms.push(rest) - 1;
      if (m) this.memarg(ins.op, m, false, Op.simd_mem, [immIdx]);
      else this.emit(Op.simd, ins.op, info.params!.length, immIdx);
      return;
    }
    if (info.prefix === 0xfe) {
      if (info.imms[0] === 'memarg') this.memarg(ins.op, imm[0] as MemArg, false, Op.atomic, []);
      return; // atomic.fence: nothing to do single-threaded
    }
    if (PLAIN_LOADSTORE.has(ins.op)) {
      if (this.fuseLoad(ins.op, imm[0] as MemArg)) return;
      this.memarg(ins.op, imm[0] as MemArg, true, Op.mem_slow, []);
      return;
    }
    switch (ins.op) {
      case Op.memory_size: case Op.memory_grow: {
        const m = imm[0] as number;
        this.emit(ins.op, m, this.f.memIs64[m] ? 1 : 0);
        return;
      }
      case Op.i32_const: case Op.f32_const:
        this.emit(ins.op, imm[0] as number);
        return;
      case Op.i64_const: case Op.f64_const: {
        const v = BigInt.asUintN(64, imm[0] as bigint);
        this.emit(ins.op, Number(v & 0xffffffffn), Number(v >> 32n));
        return;
      }
    }
    this.emit(ins.op);
    for (const k of imm) this.emit(k as number);
  }

  /** A resume handler table: count, then per handler (tag, is-switch, target, height, arity). */
  handlerTable(hs: readonly SwitchHandler[]): void {
    this.emit(hs.length);
    for (const h of hs) {
      if (h.label === null) {
        this.emit(h.tag, 1, 0, 0, 0);
      } else {
        this.emit(h.tag, 0);
        this.branchOperands(h.label);
      }
    }
  }

  /** Stack effect [pops, pushes] of instructions typed by name (variables, tables, refs, GC...). */
  otherEffect(ins: Instr): [number, number] {
    const imm = ins.imm;
    const types = this.f.module.types;
    switch (ins.op) {
      case Op.drop: return [1, 0];
      case Op.local_get: case Op.global_get: case Op.ref_null: case Op.ref_func: case Op.table_size:
      case Op.struct_new_default:
        return [0, 1];
      case Op.local_set: case Op.global_set: return [1, 0];
      case Op.local_tee: case Op.table_get: case Op.ref_is_null: case Op.ref_as_non_null:
      case Op.struct_get: case Op.struct_get_s: case Op.struct_get_u: case Op.array_new_default:
      case Op.array_len: case Op.ref_test: case Op.ref_test$null: case Op.ref_cast: case Op.ref_cast$null:
      case Op.any_convert_extern: case Op.extern_convert_any: case Op.ref_i31: case Op.i31_get_s:
      case Op.i31_get_u:
        return [1, 1];
      case Op.table_set: return [2, 0];
      case Op.ref_eq: return [2, 1];
      case Op.table_grow: return [2, 1];
      case Op.table_fill: case Op.table_copy: case Op.table_init: case Op.memory_init: case Op.memory_copy:
      case Op.memory_fill:
        return [3, 0];
      case Op.data_drop: case Op.elem_drop: return [0, 0];
      case Op.struct_new: {
        const c = types[imm[0] as number].comp;
        return [c.kind === 'struct' ? c.fields.length : 0, 1];
      }
      case Op.struct_new_desc: {
        const c = types[imm[0] as number].comp;
        return [(c.kind === 'struct' ? c.fields.length : 0) + 1, 1];
      }
      case Op.struct_new_default_desc: case Op.ref_get_desc: return [1, 1];
      case Op.ref_cast_desc_eq: case Op.ref_cast_desc_eq$null: return [2, 1];
      case Op.struct_set: return [2, 0];
      case Op.cont_new: return [1, 1];
      case Op.array_new: case Op.array_new_data: case Op.array_new_elem: return [2, 1];
      case Op.array_new_fixed: return [imm[1] as number, 1];
      case Op.array_get: case Op.array_get_s: case Op.array_get_u: return [2, 1];
      case Op.array_set: return [3, 0];
      case Op.array_fill: case Op.array_init_data: case Op.array_init_elem: return [4, 0];
      case Op.array_copy: return [5, 0];
    }
    throw new Error(`interpreter: unsupported instruction ${OPCODES[ins.op].name}`);
  }

  /** Default encoding: the op, then one word per immediate, plus address-type flags where needed. */
  emitGeneric(ins: Instr): void {
    const imm = ins.imm;
    switch (ins.op) {
      case Op.ref_null: this.emit(Op.ref_null); return;
      case Op.ref_test: case Op.ref_test$null: case Op.ref_cast: case Op.ref_cast$null:
      case Op.ref_cast_desc_eq: case Op.ref_cast_desc_eq$null: {
        const nullable = ins.op === Op.ref_test$null || ins.op === Op.ref_cast$null || ins.op === Op.ref_cast_desc_eq$null;
        this.emit(ins.op, ...castTarget(imm[0] as HeapType | RefType, nullable));
        return;
      }
      case Op.table_get: case Op.table_set: case Op.table_size: case Op.table_grow: case Op.table_fill: {
        const t = imm[0] as number;
        this.emit(ins.op, t, this.f.tableIs64[t] ? 1 : 0);
        return;
      }
      case Op.table_copy: {
        const d = imm[0] as number, s = imm[1] as number;
        this.emit(ins.op, d, s, this.f.tableIs64[d] ? 1 : 0, this.f.tableIs64[s] ? 1 : 0);
        return;
      }
      case Op.table_init: {
        const t = imm[1] as number;
        this.emit(ins.op, imm[0] as number, t, this.f.tableIs64[t] ? 1 : 0);
        return;
      }
      case Op.memory_init: {
        const m = imm[1] as number;
        this.emit(ins.op, imm[0] as number, m, this.f.memIs64[m] ? 1 : 0);
        return;
      }
      case Op.memory_copy: {
        const d = imm[0] as number, s = imm[1] as number;
        this.emit(ins.op, d, s, this.f.memIs64[d] ? 1 : 0, this.f.memIs64[s] ? 1 : 0);
        return;
      }
      case Op.memory_fill: {
        const m = imm[0] as number;
        this.emit(ins.op, m, this.f.memIs64[m] ? 1 : 0);
        return;
      }
    }
    this.emit(ins.op);
    for (const k of imm) {
      if (typeof k === 'number') this.emit(k);
      else if (k === null || typeof k === 'object') continue; // typed select etc. need nothing at run time
    }
  }

  finish(nparams: number, nresults: number, funcIndex: number): Compiled {
    return {
      code: Int32Array.from(this.code), nparams, nlocals: this.nlocals, nresults,
      frameSlots: this.maxHeight + 4, instrPcs: Int32Array.from(this.pcs),
      instrOffsets: Int32Array.from(this.offs), handlers: this.handlers, imms: this.imms, funcIndex,
    };
  }
}

function countTries(body: Expr): number {
  let n = 0;
  for (const i of body) if (i.op === Op.try) n++;
  return n;
}

/** Translates defined function `funcIndex` (function index space) of module `m`. */
export function compileFunction(m: Module, funcIndex: number, probes?: ReadonlySet<number>): Compiled {
  const f = factsOf(m);
  const nImported = funcIndexBase(m);
  const fn = m.funcs[funcIndex - nImported];
  const ft = f.funcType(fn.type);
  const nparams = ft.params.length;
  const nlocals = nparams + fn.locals.length + countTries(fn.body);
  const kinds = new Uint8Array(nlocals).fill(LocalKind.Ref);
  [...ft.params, ...fn.locals].forEach((ty, i) => { kinds[i] = localKind(ty); });
  const t = new Translator(f, nlocals, nparams + fn.locals.length, kinds);
  t.probes = probes;
  t.ctrls.push({
    kind: 'func', height: nlocals, nparams: 0, nresults: ft.results.length, start: 0, fixups: [],
    ifJump: -1, unreachable: false, handler: null, exnSlot: -1,
  });
  t.translate(fn.body);
  return t.finish(nparams, ft.results.length, funcIndex);
}

/** Translates a constant expression into a 0-parameter, 1-result function. */
export function compileConstExpr(m: Module, expr: Expr): Compiled {
  const t = new Translator(factsOf(m), 0, 0, new Uint8Array(0));
  t.ctrls.push({
    kind: 'func', height: 0, nparams: 0, nresults: 1, start: 0, fixups: [], ifJump: -1,
    unreachable: false, handler: null, exnSlot: -1,
  });
  t.translate(expr);
  return t.finish(0, 1, -1);
}

const importBase = new WeakMap<Module, number>();
function funcIndexBase(m: Module): number {
  let n = importBase.get(m);
  if (n === undefined) {
    n = m.imports.filter(i => i.desc.kind === 'func').length;
    importBase.set(m, n);
  }
  return n;
}

