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
import { branchFusedOps, branchLoadOp, COLD_OPS, fusedOp, fusesAsInner, loopCloser, memFusedOp, MEM_LOWERING, returnFusedOp, REG_LOWERING, type MemLowering, type RegLowering } from './reg-lower.js';
import type { CatchEntry, Compiled, Handler } from './compiled.js';
import { NAN_BLIND, NAN_RESULT, NanResult } from './nan-results.js';

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

/** How many words a local's value occupies, which picks the specialised move op. */
const enum LocalKind { W1 = 0, W2 = 1, V128 = 2, Ref = 3 }

function localKind(t: ValType): LocalKind {
  switch (t) {
    case 'i32': case 'f32': return LocalKind.W1;
    case 'i64': case 'f64': return LocalKind.W2;
    case 'v128': return LocalKind.V128;
    default: return LocalKind.Ref;
  }
}

/** Register moves by LocalKind (d, s). */
const MOV_OPS: readonly number[] = [Op.mov_w1, Op.mov_w2, Op.mov_slot, Op.mov_ref];
/** Pushes of a local by LocalKind (x), used when sp is known to be at the slot being filled. */
const PUSH_LOCAL_OPS: readonly number[] = [Op.local_get_w1, Op.local_get_w2, Op.local_get, Op.local_get_ref];

/** `i32.add` with a constant (d, a, k): materialises a deferred addend. */
const ADD_RI = REG_LOWERING[Op.i32_add]!.ri;
const ADD_RR = REG_LOWERING[Op.i32_add]!.rr;
const LOAD_X = MEM_LOWERING[Op.i32_load]!.x;
/** d, i, s, c: c + (i << s); d, i, s, k: (i << s) + k (materialising deferred addresses). */
const ADD_SHLI_R = fusedOp(Op.i32_shl, Op.i32_add, 'R', true, false);
const ADD_SHLI_LI = fusedOp(Op.i32_shl, Op.i32_add, 'L', true, true);

/** The kind of the (single) result of a fixed-signature operator, or -1. */
const LETTER_KIND: Record<string, number> = { i: LocalKind.W1, f: LocalKind.W1, I: LocalKind.W2, F: LocalKind.W2, v: LocalKind.V128 };
const RESULT_KIND: readonly number[] = OPCODES.map(o =>
  o.results !== null && o.results.length === 1 ? LETTER_KIND[o.results[0]] ?? -1 : -1);

/**
 * A value on the translator's virtual operand stack that is not in its slot yet: a `local.get`
 * (local >= 0) or a constant (local -1, its words), see README "Register operands".
 */
interface Deferred {
  /** The slot read: a local, or (with an addend) the entry's own stack slot. -1: a constant. */
  readonly local: number;
  readonly words: readonly number[];
  readonly kind: LocalKind;
  /** `i32.add` of a constant not done yet: memory ops fold it into their address. */
  readonly addend?: number;
  /** An address not computed yet: `local` + (index slot << shift) + addend (a[i] in C). */
  readonly index?: Index;
  /** A binary op not done yet (local -2): a fused pair's inner op, waiting for its consumer. */
  readonly expr?: DeferredOp;
}

/** A deferred binary op: operands are locals, constants, or `a` in the entry's own slot. */
interface DeferredOp {
  readonly op: number;
  readonly lower: RegLowering;
  readonly a: Operand;
  readonly b: Operand;
}

/** The index part of a deferred address: a local, shifted left by `shift`. */
interface Index {
  readonly slot: number;
  readonly shift: number;
}

function isConst(o: Operand): boolean {
  return o.slot === -1;
}

/** An operand of a register op: a slot (fp-relative: a local or a stack slot) or a constant. */
interface Operand {
  readonly slot: number;
  readonly words: readonly number[];
  readonly kind: number;
  /** A constant still to be added to the slot's i32 (see Deferred). */
  readonly addend?: number;
  /** A scaled index still to be added (see Deferred). */
  readonly index?: Index;
  /** A deferred op computing the value (slot -2). */
  readonly expr?: DeferredOp;
}

/** The canonicalising op for each NanResult kind (deterministic profile). */
const CANON_OPS: readonly number[] = [-1, Op.canon_f32, Op.canon_f64, Op.canon_f32x4, Op.canon_f64x2];

const PLAIN_LOADSTORE = new Set(OPCODES.filter(o => o.prefix === 0 && o.imms[0] === 'memarg').map(o => o.index));

class Translator {
  readonly code: number[] = [];
  readonly pcs: number[] = [];
  readonly offs: number[] = [];
  /** Body index of each translated instruction (the compiled tier's OSR finds loops by it). */
  readonly idxs: number[] = [];
  readonly handlers: Handler[] = [];
  readonly imms: unknown[] = [];
  readonly ctrls: Ctrl[] = [];
  height: number;
  maxHeight: number;
  nextExnSlot: number;
  /** Nesting depth inside unreachable code (constructs opened there are skipped whole). */
  deadDepth = 0;
  /** Start of the instruction being translated, and the instruction after it (for lookahead). */
  next: Instr | undefined = undefined;
  /** The instruction after `next`. */
  next2: Instr | undefined = undefined;
  /** The body index of the instruction being translated. */
  at = 0;
  /** Byte offsets of instructions to put a `probe` op in front of (see probes.ts). */
  probes: ReadonlySet<number> | undefined = undefined;
  /** Virtual operand stack: deferred values by slot (undefined: the value is in its slot). */
  readonly deferred: (Deferred | undefined)[] = [];
  /** The kind of value each materialised stack slot holds (-1: unknown). */
  readonly slotKinds: number[] = [];
  /** The height the run-time `sp` holds at the current code position (-1: unknown). */
  spAt: number;
  /** The last i32.add into a local (code range, op, destination word): a loop closer candidate. */
  lastAdd: { pos: number; end: number; op: number; d: number } | null = null;
  /** The last register op emitted (code range): a return of its result may fuse with it. */
  lastReg: { pos: number; end: number } | null = null;
  /**
   * `lastReg` as the control instruction being translated found it, for the ops it emits before
   * it binds any label (returns, tests); null during other instructions.
   */
  heldReg: { pos: number; end: number } | null = null;
  /** A hidden local that stays 0: the base slot of loads and stores at constant addresses (-1: none). */
  zeroSlot = -1;
  /** Deterministic profile: canonicalise the NaNs every NaN-producing instruction generates. */
  deterministic = false;
  /**
   * Set while translating a NaN-producing instruction in the deterministic profile: its result
   * must be written at once (no deferral into a fused pair), into its stack slot or a local.set's
   * local, so that the canonicalising op after it finds it there.
   */
  noFold = false;
  /**
   * Deterministic profile: slots (locals or stack) holding a scalar float result whose NaN, if it
   * is one, is not canonical yet. Arithmetic, float comparisons and local.get/consts cannot
   * observe a NaN's bits (NAN_BLIND), so canonicalisation waits for anything else.
   */
  readonly rawNaNs: { slot: number; kind: NanResult }[] = [];

  constructor(readonly f: ModuleFacts, readonly nlocals: number, firstExnSlot: number, readonly localKinds: Uint8Array) {
    this.height = nlocals;
    this.maxHeight = nlocals;
    this.nextExnSlot = firstExnSlot;
    this.spAt = nlocals;
  }

  emit(...words: number[]): void {
    for (const w of words) this.code.push(w | 0);
  }

  setHeight(h: number): void {
    if (h < this.deferred.length) this.deferred.length = h;
    this.height = h;
    if (h > this.maxHeight) this.maxHeight = h;
  }

  top(): Ctrl {
    return this.ctrls[this.ctrls.length - 1];
  }

  pushCtrl(kind: CtrlKind, nparams: number, nresults: number): Ctrl {
    const c: Ctrl = {
      kind, height: this.height - nparams, nparams, nresults, start: this.code.length, fixups: [],
      ifJump: -1, unreachable: false, handler: null, exnSlot: -1,
    };
    this.ctrls.push(c);
    return c;
  }

  // ---- the virtual operand stack ----

  /** Pushes a deferred value (local.get, a constant) without emitting code. */
  pushDeferred(d: Deferred): void {
    this.deferred[this.height] = d;
    this.setHeight(this.height + 1);
  }

  /** Pushes the value a register op just wrote to slot `height`. */
  pushWritten(kind: number): void {
    this.slotKinds[this.height] = kind;
    this.setHeight(this.height + 1);
  }

  /** Pops the top value as an operand (slot or constant); emits nothing. */
  pop(): Operand {
    const s = this.height - 1;
    const d = this.deferred[s];
    this.setHeight(s);
    if (d === undefined) return { slot: s, words: [], kind: this.slotKinds[s] ?? -1 };
    if (d.expr !== undefined) return { slot: -2, words: [], kind: d.kind, expr: d.expr };
    return d.local >= 0 ? { slot: d.local, words: [], kind: d.kind, addend: d.addend, index: d.index } : { slot: -1, words: d.words, kind: d.kind };
  }

  /** A popped operand's slot: a constant is first written to its own (now free) stack slot. */
  inSlot(o: Operand, at: number): number {
    if (o.addend !== undefined || o.index !== undefined) {
      this.emitSum(at, o.slot, o.index, o.addend ?? 0);
      return at;
    }
    if (o.expr !== undefined) {
      this.emitOp(o.expr, at);
      return at;
    }
    if (o.slot >= 0) return o.slot;
    this.emitConst(at, o.words);
    return at;
  }

  /** Emits an i32.add (rr/ri: d, a, b|k) into a local, which a following branch testing it may fuse with. */
  emitAdd(op: number, ...words: number[]): void {
    const pos = this.code.length;
    this.emit(op, ...words);
    this.lastAdd = { pos, end: this.code.length, op, d: words[0] };
  }

  /**
   * Emits conditional branch `op` with `operands` and a target word (last, patched later); a
   * branch testing the local that the op just before added to becomes one loop-closer op.
   */
  emitTest(op: number, operands: number[]): void {
    const la = this.lastAdd;
    this.lastAdd = null;
    const lr = this.lastReg ?? this.heldReg;
    if (lr !== null && lr.end === this.code.length && operands.length === 1 && operands[0] === this.code[lr.pos + 1] &&
        operands[0] >= this.nlocals << 2) {
      // a load into the (dead after this) stack slot tested: one op loads and branches
      const fop = branchLoadOp(this.code[lr.pos], op);
      if (fop >= 0) {
        const addr = this.code.slice(lr.pos + 2, lr.end);
        this.code.length = lr.pos;
        this.emit(fop, ...addr, 0);
        return;
      }
    }
    if (la !== null && la.end === this.code.length && operands[0] === la.d) {
      const fop = loopCloser(la.op, op);
      if (fop >= 0) {
        const add = this.code.slice(la.pos + 1, la.end);
        this.code.length = la.pos;
        this.emit(fop, ...add, ...operands.slice(1), 0);
        return;
      }
    }
    this.emit(op, ...operands, 0);
  }

  /** Emits a generated register op; the cold ones go behind `reg_cold` (reg-cold.ts). */
  emitReg(op: number, ...operands: number[]): void {
    if (COLD_OPS.has(op)) this.emit(Op.reg_cold);
    const pos = this.code.length;
    this.emit(op, ...operands);
    this.lastReg = { pos, end: this.code.length };
  }

  /**
   * Emits the return of `n` values at height h; one i32 result that the op just before computed
   * into slot h (no label in between: `heldReg`) makes that op return it itself.
   */
  emitReturn(n: number, h: number): void {
    // lastReg: an op the flush before this return emitted (same position, no label between)
    const lr = this.lastReg ?? this.heldReg;
    if (n === 1 && lr !== null && lr.end === this.code.length && this.code[lr.pos + 1] === h << 2 &&
        this.kindAt(h) === LocalKind.W1) {
      const rop = returnFusedOp(this.code[lr.pos]);
      if (rop >= 0) {
        this.code[lr.pos] = rop;
        return;
      }
    }
    this.emit(Op.return_x, n, h);
  }

  emitConst(slot: number, words: readonly number[]): void {
    if (words.length === 1) this.emit(Op.const_w1, slot << 2, words[0]);
    else this.emit(Op.const_w2, slot << 2, words[0], words[1]);
  }

  /** Writes the deferred value at `slot` into the slot. */
  materialise(slot: number): void {
    const d = this.deferred[slot]!;
    this.deferred[slot] = undefined;
    this.slotKinds[slot] = d.kind;
    if (d.addend !== undefined || d.index !== undefined) {
      this.emitSum(slot, d.local, d.index, d.addend ?? 0);
      return;
    }
    if (d.expr !== undefined) {
      this.emitOp(d.expr, slot);
      return;
    }
    if (this.spAt === slot) {
      // sp points at the slot: the push form is as cheap and keeps sp known
      if (d.local >= 0) this.emit(PUSH_LOCAL_OPS[d.kind], d.local);
      else if (d.words.length === 1) this.emit(Op.i32_const, d.words[0]);
      else this.emit(Op.i64_const, d.words[0], d.words[1]);
      this.spAt = slot + 1;
      return;
    }
    if (d.local >= 0) this.emit(MOV_OPS[d.kind], slot << 2, d.local << 2);
    else this.emitConst(slot, d.words);
  }

  /** Materialises every deferred value (before control flow and stack-form ops). */
  flush(): void {
    const ds = this.deferred;
    for (let s = this.nlocals; s < ds.length; s++) if (ds[s] !== undefined) this.materialise(s);
    ds.length = 0;
  }

  /** Materialises the deferred `local.get x` values: local x is about to be written. */
  flushLocal(x: number): void {
    const ds = this.deferred;
    for (let s = this.nlocals; s < ds.length; s++) {
      const d = ds[s];
      if (d !== undefined && (d.local === x || d.index?.slot === x ||
          (d.expr !== undefined && (d.expr.a.slot === x || d.expr.b.slot === x)))) {
        this.materialise(s);
      }
    }
  }

  /** Makes the run-time sp equal fp + height (stack-form ops read and move it). */
  syncSp(): void {
    if (this.spAt !== this.height) {
      this.emit(Op.sp_set, this.height);
      this.spAt = this.height;
    }
  }

  /**
   * Where a register op puts its result: into local y when the next instruction is
   * `local.set/tee y` (consumed: returns true in `into[1]`), else the slot at the top.
   */
  dest(): [number, boolean] {
    if (this.foldsIntoLocal()) {
      const y = this.next!.imm[0] as number;
      this.flushLocal(y);
      return [y, true];
    }
    return [this.height, false];
  }

  /** After a register op wrote `slot` (from `dest`): pushes the result unless a local.set took it. */
  finishDest(slot: number, consumed: boolean, kind: number): void {
    if (!consumed) { this.pushWritten(kind); return; }
    if (this.next!.op === Op.local_tee) this.pushDeferred({ local: slot, words: [], kind: this.localKinds[slot] });
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
      this.emit(Op.return_x, arity, this.height - arity);
      return;
    }
    if (this.height - arity === c.height) {
      const la = this.lastAdd;
      this.lastAdd = null;
      const fop = la !== null && la.end === this.code.length ? loopCloser(la.op, Op.jump) : -1;
      if (fop >= 0) {
        // `local.set x (i32.add ...)` just before: one op adds and jumps
        const add = this.code.slice(la!.pos + 1, la!.end);
        this.code.length = la!.pos;
        this.emit(fop, ...add, 0);
      } else {
        this.emit(c.kind === 'loop' ? Op.loop_jump : Op.jump, 0);
      }
    } else {
      this.syncSp(); // br_copy moves the values below sp
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
    for (let i = 0; i < body.length; i++) {
      const ins = body[i];
      if (this.top().unreachable) {
        if (this.skipDead(ins)) continue;
      }
      if (this.probes !== undefined && this.probes.has(ins.offset)) {
        // a probe sees the stack as the stack-form code would have it
        this.flush();
        this.syncSp();
        this.emit(Op.probe, ins.offset);
      }
      this.pcs.push(this.code.length);
      this.offs.push(ins.offset);
      this.idxs.push(i);
      this.next = body[i + 1];
      this.next2 = body[i + 2];
      this.at = i;
      i += this.instr(ins); // instructions after this one that were folded into it
    }
  }

  /** The next instruction, unless a probe must run in front of it (then nothing may absorb it). */
  foldable(): Instr | undefined {
    const n = this.next;
    return n !== undefined && (this.probes === undefined || !this.probes.has(n.offset)) ? n : undefined;
  }

  /** The instruction after `next`, if it too may be folded in (no probe on it). */
  foldable2(): Instr | undefined {
    const n = this.next2;
    return n !== undefined && (this.probes === undefined || !this.probes.has(n.offset)) ? n : undefined;
  }

  /**
   * Register form of `ins` (see README "Register operands"): returns -1 if `ins` has none (the
   * caller emits the stack form), 0 if translated, 1 if the next instruction was folded in too.
   */
  regInstr(ins: Instr): number {
    const op = ins.op, imm = ins.imm;
    switch (op) {
      case Op.local_get: {
        const x = imm[0] as number;
        this.pushDeferred({ local: x, words: [], kind: this.localKinds[x] });
        return 0;
      }
      case Op.local_set: case Op.local_tee: {
        const x = imm[0] as number;
        const o = this.pop();
        this.flushLocal(x);
        if (o.index !== undefined) this.emitSum(x, o.slot, o.index, o.addend ?? 0);
        else if (o.addend !== undefined) this.emitAdd(ADD_RI, x << 2, o.slot << 2, o.addend);
        else if (o.expr !== undefined) this.emitOp(o.expr, x);
        else if (isConst(o)) this.emitConst(x, o.words);
        else if (o.slot !== x) {
          const pos = this.code.length;
          this.emit(MOV_OPS[this.localKinds[x]], x << 2, o.slot << 2);
          // a copy into a local may close a loop iteration with the `br` after it (loop closers)
          if (this.localKinds[x] === LocalKind.W1 && o.slot < this.nlocals) {
            this.lastAdd = { pos, end: this.code.length, op: Op.mov_w1, d: x << 2 };
          }
        }
        if (op === Op.local_tee) this.pushDeferred({ local: x, words: [], kind: this.localKinds[x] });
        return 0;
      }
      case Op.i32_const: case Op.f32_const:
        this.pushDeferred({ local: -1, words: [(imm[0] as number) | 0], kind: LocalKind.W1 });
        return 0;
      case Op.i64_const: case Op.f64_const: {
        const v = BigInt.asUintN(64, imm[0] as bigint);
        this.pushDeferred({ local: -1, words: [Number(v & 0xffffffffn) | 0, Number(v >> 32n) | 0], kind: LocalKind.W2 });
        return 0;
      }
      case Op.drop:
        this.pop();
        return 0;
      case Op.i32_wrap_i64: case Op.i32_reinterpret_f32: case Op.f32_reinterpret_i32:
      case Op.i64_reinterpret_f64: case Op.f64_reinterpret_i64:
        // The result is the operand's low word(s): same slot, nothing to do.
        this.retype(this.pop(), RESULT_KIND[op]);
        return 0;
      case Op.global_get: {
        const [d, folded] = this.dest();
        this.emit(Op.global_get_r, d << 2, imm[0] as number);
        this.finishDest(d, folded, -1);
        return folded ? 1 : 0;
      }
      case Op.global_set: {
        const a = this.inSlot(this.pop(), this.height);
        this.emit(Op.global_set_r, imm[0] as number, a << 2);
        return 0;
      }
      case Op.select: case Op.select$typed: {
        const h = this.height;
        const typed = Array.isArray(imm[0]) ? (imm[0] as ValType[]) : null;
        const kind = typed !== null && typed.length === 1 && typeof typed[0] === 'string' ? localKind(typed[0])
          : this.kindAt(h - 3) === this.kindAt(h - 2) ? this.kindAt(h - 3) : -1;
        if (kind !== LocalKind.W1 && kind !== LocalKind.W2) return -1;
        const c = this.pop(), b = this.pop(), a = this.pop();
        const h0 = this.height;
        const as = this.inSlot(a, h0), bs = this.inSlot(b, h0 + 1);
        const x = c.expr;
        if (kind === LocalKind.W1 && x !== undefined && x.op === Op.i32_and && isConst(x.b)) {
          // the condition is a deferred `x & k` (see regBinary): tested inside the select
          const [d, folded] = this.dest();
          this.emit(Op.select_w1_andi, d << 2, as << 2, bs << 2, x.a.slot << 2, x.b.words[0]);
          this.finishDest(d, folded, kind);
          return folded ? 1 : 0;
        }
        const cs = this.inSlot(c, h0 + 2);
        const [d, folded] = this.dest();
        this.emit(kind === LocalKind.W1 ? Op.select_w1 : Op.select_w2, d << 2, as << 2, bs << 2, cs << 2);
        this.finishDest(d, folded, kind);
        return folded ? 1 : 0;
      }
    }
    const lower = REG_LOWERING[op];
    if (lower !== undefined) return lower.binary ? this.regBinary(op, lower) : this.regUnary(op, lower);
    const mop = MEM_LOWERING[op];
    if (mop !== undefined) return this.regMemory(op, mop, imm[0] as MemArg);
    return -1;
  }

  /** The kind of the value at stack slot `s` (deferred or written by a register op), or -1. */
  kindAt(s: number): number {
    if (s < this.nlocals) return -1;
    const d = this.deferred[s];
    return d !== undefined ? d.kind : this.slotKinds[s] ?? -1;
  }

  /** Pushes a popped operand back, seen as another type with the same low word(s). */
  retype(o: Operand, kind: number): void {
    if (o.addend !== undefined || o.expr !== undefined || o.index !== undefined) {
      this.inSlot(o, this.height);
      this.pushWritten(kind);
      return;
    }
    if (isConst(o)) this.pushDeferred({ local: -1, words: o.words.slice(0, kind === LocalKind.W1 ? 1 : 2), kind });
    else if (o.slot < this.nlocals) this.pushDeferred({ local: o.slot, words: [], kind });
    else this.pushWritten(kind);
  }

  regUnary(op: number, lower: RegLowering): number {
    const a = this.inSlot(this.pop(), this.height);
    if (op === Op.i32_eqz && this.fuseBranch(Op.br_eqz, Op.br_nez, [a << 2])) return 1;
    const [d, folded] = this.dest();
    this.emitReg(lower.r, d << 2, a << 2);
    this.finishDest(d, folded, RESULT_KIND[op]);
    return folded ? 1 : 0;
  }

  regBinary(op: number, lower: RegLowering): number {
    let b = this.pop(), a = this.pop();
    if (op === Op.i32_sub && isConst(b)) {
      // x - k is x + (-k) in wrapping arithmetic: one form for counters (loop closers, addresses)
      op = Op.i32_add;
      lower = REG_LOWERING[op]!;
      b = { slot: -1, words: [-b.words[0] | 0], kind: b.kind };
    }
    if (isConst(a) && !isConst(b) && lower.swapped >= 0) {
      // constant on the left: swap the operands (mirrored comparison) to use the _ri form
      [a, b] = [b, a];
      lower = REG_LOWERING[lower.swapped]!;
    }
    const fused = this.tryFused(op, a, b);
    if (fused >= 0) return fused;
    if (this.tryStoreOf(op, a, b)) return 1;
    if (op === Op.i32_add && !isConst(a) && !isConst(b) && !this.foldsIntoLocal() &&
        (this.deferIndex(a, b, 0) || this.deferIndex(b, a, 0, false))) {
      return 0; // base + index stays deferred: a load or store takes it as an indexed address
    }
    if (op === Op.i32_add && isConst(b) && a.slot >= 0 && a.expr === undefined && !this.foldsIntoLocal()) {
      // x + k stays deferred: a load or store takes it as its address for free
      const k = b.words[0];
      this.pushDeferred({ local: a.slot, words: [], kind: LocalKind.W1, addend: ((a.addend ?? 0) + k) | 0, index: a.index });
      return 0;
    }
    const fb = this.tryFusedBranch(op, a, b);
    if (fb >= 0) return fb;
    const h = this.height;
    const as = this.inSlot(a, h) << 2;
    // `x & k` may also be a select's condition (select_w1_andi)
    const inner = fusesAsInner(op, isConst(b)) || (op === Op.i32_and && isConst(b) && this.foldable()?.op !== Op.i32_eqz);
    if (!this.noFold && inner && (this.deferrable(a, b) || this.fusedJustAfter(op, a, b)) && !this.foldsIntoLocal()) {
      this.pushDeferred({ local: -2, words: [], kind: RESULT_KIND[op], expr: { op, lower, a, b } });
      return 0;
    }
    const useImm = isConst(b) && lower.ri >= 0;
    const bw = useImm ? b.words : [this.inSlot(b, h + 1) << 2];
    if (lower.brRr >= 0) {
      // comparison: fold into a following br_if / if
      const inv = lower.brnRr >= 0 ? lower : REG_LOWERING[lower.inverse]!;
      const whenTrue = useImm ? lower.brRi : lower.brRr;
      const whenFalse = lower.brnRr >= 0 ? (useImm ? lower.brnRi : lower.brnRr) : (useImm ? inv.brRi : inv.brRr);
      if (whenTrue >= 0 && whenFalse >= 0) {
        const folded = this.fuseBranchEither(whenTrue, whenFalse, [as, ...bw]);
        if (folded >= 0) return folded;
      }
    }
    const [d, folded] = this.dest();
    if (op === Op.i32_add && folded) this.emitAdd(useImm ? lower.ri : lower.rr, d << 2, as, ...bw);
    else this.emitReg(useImm ? lower.ri : lower.rr, d << 2, as, ...bw);
    this.finishDest(d, folded, RESULT_KIND[op]);
    return folded ? 1 : 0;
  }

  /**
   * If an operand of binary `op` is a deferred op that forms a fused pair with it (reg-table.ts
   * FUSED_SPEC), emits the fused op and returns 0/1 like regInstr; else -1.
   */
  tryFused(op: number, a: Operand, b: Operand): number {
    const h = this.height;
    for (const [e, c, pos] of [[a, b, 'L'], [b, a, 'R']] as const) {
      if (e.expr === undefined) continue;
      const x = e.expr, innerImm = isConst(x.b);
      let cImm = isConst(c);
      let fop = fusedOp(x.op, op, pos, innerImm, cImm);
      if (fop < 0 && cImm) {
        cImm = false;
        fop = fusedOp(x.op, op, pos, innerImm, false);
      }
      if (fop < 0) continue;
      if (op === Op.i32_add && x.op === Op.i32_shl && innerImm && !this.foldsIntoLocal() &&
          this.deferIndex(c, x.a, x.b.words[0] & 31, pos === 'R')) {
        return 0;
      }
      const cw = cImm ? c.words : [this.inSlot(c, pos === 'L' ? h + 1 : h) << 2];
      const [d, folded] = this.dest();
      this.emitReg(fop, d << 2, x.a.slot << 2, ...(innerImm ? x.b.words : [x.b.slot << 2]), ...cw);
      this.finishDest(d, folded, RESULT_KIND[op]);
      return folded ? 1 : 0;
    }
    return -1;
  }

  /**
   * If the next instruction stores the result of binary `op` on (a, b) and a register-memory op
   * does both (reg-table.ts MEM_FUSED_SPEC), emits it and returns true (the store is folded).
   * The store's address is below the operands; an indexed one keeps the separate ops.
   */
  tryStoreOf(op: number, a: Operand, b: Operand): boolean {
    const n = this.foldable();
    if (n === undefined || this.deterministic) return false;
    const fop = memFusedOp(op, n.op);
    if (fop < 0 || !this.plainMemArg(n.imm[0]) || this.deferred[this.height - 1]?.index !== undefined) return false;
    const h = this.height - 1;
    const [as, k] = this.address(this.pop(), h);
    const xs = this.inSlot(a, h + 1), ys = this.inSlot(b, h + 2);
    const start = this.code.length;
    this.emit(fop, as << 2, k, xs << 2, ys << 2, Number((n.imm[0] as MemArg).offset));
    // only the store part can trap: its position maps to the store (traces, README "Traps")
    this.pcs.push(start + 1);
    this.offs.push(n.offset);
    this.idxs.push(this.at + 1);
    return true;
  }

  /**
   * Load `op` from address `a` (popped), then a binary op on (x, the load) whose result the
   * next instruction stores: if a register-memory op does all three (MEM_FUSED_SPEC), emits it
   * and returns true. The store's address is below x; an indexed one keeps separate ops.
   */
  storeOfLoad(op: number, a: Operand, off: number): boolean {
    const n = this.next!, n2 = this.foldable2();
    if (n2 === undefined) return false;
    const fop = memFusedOp(n.op, n2.op, op);
    const h = this.height;
    if (fop < 0 || !this.plainMemArg(n2.imm[0]) || this.deferred[h - 2]?.index !== undefined) return false;
    const [las, lk] = this.address(a, h);
    const x = this.pop();
    const [sas, sk] = this.address(this.pop(), h - 2);
    const xs = this.inSlot(x, h - 1);
    const start = this.code.length;
    this.emit(fop, sas << 2, sk, xs << 2, las << 2, lk, off, Number((n2.imm[0] as MemArg).offset));
    // the store's words (from soff's predecessor on) map to the store: its trap reports it
    this.pcs.push(start + 6);
    this.offs.push(n2.offset);
    this.idxs.push(this.at + 2);
    return true;
  }

  /** Whether memarg `m` takes the fast register path: memory 0, 32-bit, offset below 2^31. */
  plainMemArg(m: unknown): m is MemArg {
    const ma = m as MemArg | undefined;
    return typeof ma === 'object' && ma !== null && ma.array === undefined && ma.mem === 0 && !this.f.memIs64[0] &&
      ma.offset < 0x80000000n;
  }

  /**
   * Comparison `op` of a deferred inner op's result with a constant, tested by the next
   * br_if/if (or i32.eqz then br_if/if): one compare-and-branch op (BRANCH_FUSED_SPEC). Returns
   * the instructions folded like regInstr, or -1.
   */
  tryFusedBranch(op: number, a: Operand, b: Operand): number {
    const x = a.expr;
    if (x === undefined || !isConst(b) || isConst(x.b)) return -1;
    const ops = branchFusedOps(x.op, op);
    if (ops === null) return -1;
    return this.fuseBranchEither(ops[0], ops[1], [x.a.slot << 2, x.b.slot << 2, ...b.words]);
  }

  /**
   * Whether binary `op` on stack slots (a: its own, b: the one above it) may still wait for its
   * consumer: when the next instruction only pushes a constant or a local (no code, so nothing
   * writes those slots) and the one after is an op it forms a fused pair with.
   */
  fusedJustAfter(op: number, a: Operand, b: Operand): boolean {
    const n = this.foldable(), n2 = this.foldable2();
    if (n === undefined || n2 === undefined) return false;
    if (n.op !== Op.local_get && n.op !== Op.i32_const && n.op !== Op.i64_const && n.op !== Op.f32_const && n.op !== Op.f64_const) return false;
    const plain = (o: Operand) => o.addend === undefined && o.expr === undefined && o.index === undefined && o.slot >= 0;
    if (!plain(a) || !plain(b) || (a.slot !== this.height && a.slot >= this.nlocals) ||
        (b.slot !== this.height + 1 && b.slot >= this.nlocals)) return false;
    const ko = n.op !== Op.local_get;
    return fusedOp(op, n2.op, 'L', false, ko) >= 0 || fusedOp(op, n2.op, 'R', false, ko) >= 0;
  }

  /**
   * Whether a binary op on (a, b) may wait for its consumer: its operands must keep their values
   * until then, so `a` is a local or the result's own slot and `b` a local or a constant.
   */
  deferrable(a: Operand, b: Operand): boolean {
    const plain = (o: Operand) => o.addend === undefined && o.expr === undefined && o.index === undefined;
    return plain(a) && plain(b) && a.slot >= 0 && (a.slot < this.nlocals || a.slot === this.height) &&
      (isConst(b) || (b.slot >= 0 && b.slot < this.nlocals));
  }

  /**
   * Pushes base + (index << shift) as a deferred address if the parts keep their values until it
   * is used: the index a local, the base a local, a constant (on the zero slot), possibly plus a
   * constant, or (`ownBase`) in the result's own slot. Returns whether it did.
   */
  deferIndex(base: Operand, index: Operand, shift: number, ownBase = true): boolean {
    if (this.zeroSlot < 0 || index.slot < 0 || index.slot >= this.nlocals || index.addend !== undefined ||
        index.expr !== undefined || index.index !== undefined) return false;
    let slot: number, disp = 0;
    if (isConst(base)) {
      slot = this.zeroSlot;
      disp = base.words[0];
    } else {
      if (base.expr !== undefined || base.index !== undefined || base.slot < 0) return false;
      if (base.slot >= this.nlocals && !(ownBase && base.slot === this.height)) return false;
      slot = base.slot;
      disp = base.addend ?? 0;
    }
    this.pushDeferred({ local: slot, words: [], kind: LocalKind.W1, addend: disp, index: { slot: index.slot, shift } });
    return true;
  }

  /** Writes slot + (index << shift) + disp into slot `d`. */
  emitSum(d: number, slot: number, index: Index | undefined, disp: number): void {
    if (index === undefined) {
      this.emitReg(ADD_RI, d << 2, slot << 2, disp);
      return;
    }
    if (slot === this.zeroSlot) {
      this.emitReg(ADD_SHLI_LI, d << 2, index.slot << 2, index.shift, disp);
      return;
    }
    if (index.shift === 0) this.emitReg(ADD_RR, d << 2, slot << 2, index.slot << 2);
    else this.emitReg(ADD_SHLI_R, d << 2, index.slot << 2, index.shift, slot << 2);
    if (disp !== 0) this.emitReg(ADD_RI, d << 2, d << 2, disp);
  }

  /** Emits deferred op `x` with its result in slot `d`. */
  emitOp(x: DeferredOp, d: number): void {
    if (isConst(x.b)) this.emitReg(x.lower.ri, d << 2, x.a.slot << 2, ...x.b.words);
    else this.emitReg(x.lower.rr, d << 2, x.a.slot << 2, x.b.slot << 2);
  }

  regMemory(op: number, lower: MemLowering, m: MemArg): number {
    if (!this.plainMemArg(m)) return -1;
    const off = Number(m.offset);
    if (lower.store) {
      const v = this.pop(), a = this.pop();
      const h = this.height;
      if (a.index !== undefined && lower.x >= 0) {
        this.emit(lower.x, a.slot << 2, a.index.slot << 2, a.index.shift, a.addend ?? 0, this.inSlot(v, h + 1) << 2, off);
        return 0;
      }
      const [as, k] = this.address(a, h);
      if (isConst(v)) {
        this.emit(lower.ri, as << 2, k, ...v.words.slice(0, lower.wide ? 2 : 1), off);
      } else {
        this.emit(lower.r, as << 2, k, this.inSlot(v, h + 1) << 2, off);
      }
      return 0;
    }
    const a = this.pop();
    const n = this.foldable();
    const rm = n !== undefined && !this.deterministic && a.index === undefined ? memFusedOp(n.op, op) : -1;
    if (rm >= 0 && this.storeOfLoad(op, a, off)) return 2;
    if (rm >= 0) {
      // the next instruction is a binary op taking this load as its right operand: one op
      const [bs, k] = this.address(a, this.height);
      const ls = this.inSlot(this.pop(), this.height);
      this.next = this.next2; // the result may go to a local.set/tee after the binary op
      this.next2 = undefined;
      const [d, folded] = this.dest();
      this.emit(rm, d << 2, ls << 2, bs << 2, k, off);
      this.finishDest(d, folded, RESULT_KIND[n!.op]);
      return folded ? 2 : 1;
    }
    if (a.index !== undefined && lower.x >= 0) {
      const [d, folded] = this.dest();
      this.emitReg(lower.x, d << 2, a.slot << 2, a.index.slot << 2, a.index.shift, a.addend ?? 0, off);
      this.finishDest(d, folded, RESULT_KIND[op]);
      return folded ? 1 : 0;
    }
    const [as, k] = this.address(a, this.height);
    const [d, folded] = this.dest();
    this.emitReg(lower.r, d << 2, as << 2, k, off);
    this.finishDest(d, folded, RESULT_KIND[op]);
    return folded ? 1 : 0;
  }

  /** A memory op's address operand as (slot, constant to add). */
  address(a: Operand, at: number): [number, number] {
    if (a.index !== undefined) return [this.inSlot(a, at), 0];
    if (a.addend !== undefined) return [a.slot, a.addend];
    if (isConst(a) && this.zeroSlot >= 0) return [this.zeroSlot, a.words[0]];
    return [this.inSlot(a, at), 0];
  }

  /** Whether the next instruction is a local.set/tee that a register op's result can go to. */
  foldsIntoLocal(): boolean {
    const n = this.foldable();
    return n !== undefined && (n.op === Op.local_set || n.op === Op.local_tee);
  }

  /**
   * A test whose result only feeds the next instruction's branch: if that is a `br_if` moving no
   * values or an `if`, emits `whenTrue` (br_if) or `whenFalse` (if: skip the then-branch when the
   * test fails) with `operands` and the target, and returns true.
   */
  /**
   * A test fused into the br_if/if after it (returns 1), or the opposite test into the one after
   * a following i32.eqz (returns 2: both folded); -1 if neither.
   */
  fuseBranchEither(whenTrue: number, whenFalse: number, operands: number[]): number {
    if (this.fuseBranch(whenTrue, whenFalse, operands)) return 1;
    const n2 = this.foldable2();
    if (this.foldable()?.op === Op.i32_eqz && n2 !== undefined && this.fuseBranch(whenFalse, whenTrue, operands, n2)) return 2;
    return -1;
  }

  fuseBranch(whenTrue: number, whenFalse: number, operands: number[], n = this.foldable()): boolean {
    if (n === undefined) return false;
    if (n.op === Op.br_if) {
      const depth = n.imm[0] as number;
      const c = this.ctrls[this.ctrls.length - 1 - depth];
      if (c.kind === 'func' || this.height - this.labelArity(c) !== c.height) return false;
      this.flush();
      this.emitTest(whenTrue, operands);
      const at = this.code.length - 1;
      this.target(depth, pc => { this.code[at] = pc; });
      return true;
    }
    if (n.op === Op.if) {
      this.flush();
      this.emitTest(whenFalse, operands);
      this.openIf(n.imm[0] as BlockType);
      return true;
    }
    return false;
  }

  /** Opens an `if` whose conditional jump (past the then-branch) was just emitted, target last. */
  openIf(bt: BlockType): void {
    const [p, r] = this.f.blockArity(bt);
    const c = this.pushCtrl('if', p, r);
    c.ifJump = this.code.length - 1;
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

  /**
   * Translates `ins`; returns how many following instructions were folded into it. The
   * deterministic profile (only) adds cold ops that canonicalise NaN results (see `rawNaNs`).
   */
  instr(ins: Instr): number {
    return this.deterministic ? this.instrDeterministic(ins) : this.instrAny(ins);
  }

  /**
   * A NaN-producing instruction's result goes on `rawNaNs`; the canonicalising ops for those are
   * emitted in front of the next instruction that could observe a NaN's bits (outside NAN_BLIND),
   * so chains of scalar arithmetic pay once. Vector results are canonicalised at once.
   */
  instrDeterministic(ins: Instr): number {
    const op = ins.op, nan = NAN_RESULT[op] as NanResult, info = OPCODES[op];
    const pops = info.params?.length ?? 0;
    // a comparison may absorb the branch after it, which must not leave with raw NaNs
    const comparison = NAN_BLIND[op] === 1 && nan === NanResult.None && pops === 2;
    const next = this.foldable();
    if (!NAN_BLIND[op] || (comparison && (next === undefined || !NAN_BLIND[next.op]))) this.settleNaNs();
    const h0 = this.height;
    this.noFold = nan !== NanResult.None;
    const folded = this.instrAny(ins);
    this.noFold = false;
    if (nan === NanResult.None) {
      if (NAN_BLIND[op]) this.dropRawNaNs(h0 - pops); // popped: those slots hold other values now
      return folded;
    }
    this.dropRawNaNs(h0 - pops);
    // the result went to the local of a folded local.set/tee, or to the top slot
    const s = folded === 1 ? next!.imm[0] as number : this.height - 1;
    if (folded !== 1 && this.deferred[s] !== undefined) this.materialise(s);
    if (nan === NanResult.F32 || nan === NanResult.F64) this.rawNaNs.push({ slot: s, kind: nan });
    else this.emit(Op.reg_cold, CANON_OPS[nan], s << 2);
    return folded;
  }

  /** Emits the canonicalising ops for every raw NaN result still live. */
  settleNaNs(): void {
    for (const r of this.rawNaNs) {
      if (r.slot < this.nlocals || r.slot < this.height) this.emit(Op.reg_cold, CANON_OPS[r.kind], r.slot << 2);
    }
    this.rawNaNs.length = 0;
  }

  /** Forgets raw results in stack slots `from` and up (popped). Locals stay. */
  dropRawNaNs(from: number): void {
    const keep = this.rawNaNs.filter(r => r.slot < this.nlocals || r.slot < from);
    this.rawNaNs.length = 0;
    this.rawNaNs.push(...keep);
  }

  instrAny(ins: Instr): number {
    if (isSharedOp(ins.op)) {
      // shared-everything-threads: atomic get/set run as the plain ops; RMWs get one handler
      // (op, two immediate words, operand count).
      const plain = lowerShared(ins);
      if (plain !== null) return this.instrAny(plain);
      this.flush();
      this.syncSp();
      const pops = rmwPops(ins);
      this.emit(ins.op, ...rmwWords(ins, this.f.tableIs64), pops);
      this.setHeight(this.height - pops + 1);
      this.spAt = this.height;
      return 0;
    }
    this.heldReg = null;
    const r = this.regInstr(ins);
    if (r >= 0) return r;
    if (this.control(ins)) return 0;
    // Stack form: operands in their slots, sp right; afterwards sp is right again.
    const base = this.top().height;
    this.flush();
    this.syncSp();
    this.stackForm(ins);
    this.spAt = this.height;
    if (this.slotKinds.length > base) this.slotKinds.length = base;
    return 0;
  }

  /**
   * Control instructions. Every one materialises the deferred values first (labels and handlers
   * expect values in their slots); labels make sp unknown (branches reach them with any sp).
   * Returns false if `ins` is not one of them.
   */
  control(ins: Instr): boolean {
    const imm = ins.imm;
    // labels may follow: no loop closer may reach back over them (a block binds none at its start)
    const lastAdd = this.lastAdd;
    if (ins.op !== Op.br_if && ins.op !== Op.if && ins.op !== Op.br && ins.op !== Op.block) this.lastAdd = null;
    const lastReg = this.lastReg;
    this.heldReg = lastReg;
    this.lastReg = null;
    switch (ins.op) {
      case Op.nop: return true;
      case Op.unreachable:
        this.emit(Op.unreachable);
        this.markDead();
        return true;
      case Op.block: {
        this.flush();
        const [p, r] = this.f.blockArity(imm[0] as BlockType);
        this.pushCtrl('block', p, r);
        return true;
      }
      case Op.loop: {
        this.flush();
        const [p, r] = this.f.blockArity(imm[0] as BlockType);
        this.pushCtrl('loop', p, r);
        this.spAt = -1;
        return true;
      }
      case Op.if: {
        const cond = this.inSlot(this.pop(), this.height);
        this.flush();
        this.emitTest(Op.br_eqz, [cond << 2]);
        this.openIf(imm[0] as BlockType);
        return true;
      }
      case Op.else: {
        this.flush();
        const c = this.top();
        if (!c.unreachable) {
          this.emit(Op.jump, 0);
          const at = this.code.length - 1;
          c.fixups.push(pc => { this.code[at] = pc; });
        }
        this.code[c.ifJump] = this.code.length;
        c.ifJump = -1;
        c.kind = 'else';
        c.unreachable = false;
        this.setHeight(c.height + c.nparams);
        this.spAt = -1;
        return true;
      }
      case Op.end:
        this.flush();
        this.end();
        return true;
      case Op.try: {
        this.flush();
        const [p, r] = this.f.blockArity(imm[0] as BlockType);
        const parent = this.enclosingHandler(0);
        const c = this.pushCtrl('try', p, r);
        c.handler = this.newHandler(parent);
        c.exnSlot = this.nextExnSlot++;
        return true;
      }
      case Op.catch: case Op.catch_all: {
        this.flush();
        const c = this.top();
        if (!c.unreachable) {
          this.emit(Op.jump, 0);
          const at = this.code.length - 1;
          c.fixups.push(pc => { this.code[at] = pc; });
        }
        const h = c.handler!;
        if (c.kind === 'try') h.end = this.code.length;
        c.kind = 'catch';
        c.unreachable = false;
        const tag = ins.op === Op.catch ? (imm[0] as number) : -1;
        const n = tag >= 0 ? this.f.tagParams[tag] : 0;
        h.catches.push({ tag, ref: false, target: this.code.length, height: c.height, exnSlot: c.exnSlot, legacy: true });
        this.setHeight(c.height + n);
        this.spAt = -1;
        return true;
      }
      case Op.delegate: {
        this.flush();
        const c = this.top();
        const h = c.handler!;
        h.end = this.code.length;
        // The label is relative to the context outside the try: depth 0 is the enclosing block.
        h.delegateTo = this.enclosingHandler(1 + (imm[0] as number));
        this.closeBlock(c);
        return true;
      }
      case Op.try_table: {
        this.flush();
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
        return true;
      }
      case Op.throw:
        this.flush();
        this.syncSp();
        this.emit(Op.throw, imm[0] as number);
        this.markDead();
        return true;
      case Op.throw_ref:
        this.flush();
        this.syncSp();
        this.emit(Op.throw_ref);
        this.markDead();
        return true;
      case Op.rethrow: {
        const c = this.ctrls[this.ctrls.length - 1 - (imm[0] as number)];
        this.emit(Op.rethrow, c.exnSlot);
        this.markDead();
        return true;
      }
      case Op.br:
        this.flush();
        this.branch(imm[0] as number);
        this.markDead();
        return true;
      case Op.br_if: {
        const depth = imm[0] as number;
        const c = this.ctrls[this.ctrls.length - 1 - depth];
        const arity = this.labelArity(c);
        if (c.kind !== 'func' && this.height - 1 - arity === c.height) {
          // no values move: test the condition where it is
          const cond = this.inSlot(this.pop(), this.height);
          this.flush();
          this.emitTest(Op.br_nez, [cond << 2]);
          const at = this.code.length - 1;
          this.target(depth, pc => { this.code[at] = pc; });
          return true;
        }
        this.flush();
        this.syncSp();
        this.setHeight(this.height - 1);
        this.emit(Op.br_if_copy);
        this.branchOperands(depth);
        this.spAt = this.height;
        return true;
      }
      case Op.br_table: {
        const labels = imm[0] as readonly number[];
        const h = this.height - 1;
        if (labels.every(l => { const c = this.ctrls[this.ctrls.length - 1 - l]; return h - this.labelArity(c) === c.height; })) {
          // no values move on any edge: index from its slot, one target word per label
          const a = this.inSlot(this.pop(), h);
          this.flush();
          const lr = this.lastReg ?? lastReg;
          if (lr !== null && lr.end === this.code.length && this.code[lr.pos] === LOAD_X && this.code[lr.pos + 1] === a << 2 && a >= this.nlocals) {
            // the index is an indexed i32.load just before, into the index's own slot: one op
            // (the load's code position stays first, so a trap reports the load)
            const addr = this.code.slice(lr.pos + 2, lr.end);
            if (lastAdd !== null && lastAdd.end === lr.pos && lastAdd.op === ADD_RI) {
              // and an i32.add of a constant into a local just before it (the interpreter's pc++)
              const add = this.code.slice(lastAdd.pos + 1, lastAdd.end);
              this.code.length = lastAdd.pos;
              this.emit(Op.br_table_load_addi, ...add, ...addr, labels.length - 1);
            } else {
              this.code.length = lr.pos;
              this.emit(Op.br_table_load, ...addr, labels.length - 1);
            }
          } else {
            this.emit(Op.br_table_r, a << 2, labels.length - 1);
          }
          for (const l of labels) {
            const at = this.code.length;
            this.emit(0);
            const c = this.ctrls[this.ctrls.length - 1 - l];
            if (c.kind === 'func') c.fixups.push(pc => { this.code[at] = pc; });
            else this.target(l, pc => { this.code[at] = pc; });
          }
          this.markDead();
          return true;
        }
        this.flush();
        this.syncSp();
        this.setHeight(this.height - 1);
        this.emit(Op.br_table_x, labels.length - 1);
        for (const l of labels) this.branchOperands(l);
        this.markDead();
        return true;
      }
      case Op.return: {
        this.flush();
        const n = this.ctrls[0].nresults;
        this.emitReturn(n, this.height - n);
        this.markDead();
        return true;
      }
      // Calls carry the height after their arguments, so they set sp themselves.
      case Op.call: {
        this.flush();
        const ft = this.f.funcTypeOfFunc(imm[0] as number);
        const lr = this.lastReg ?? lastReg;
        if (lr !== null && lr.end === this.code.length && this.code[lr.pos] === ADD_RI && ft.params.length > 0 &&
            this.code[lr.pos + 1] === (this.height - 1) << 2) {
          // the last argument was just computed as x + k: one op computes it and calls
          const add = this.code.slice(lr.pos + 1, lr.end);
          this.code.length = lr.pos;
          this.emit(Op.call_addi, ...add, imm[0] as number, this.height);
        } else {
          this.emit(Op.call, imm[0] as number, this.height);
        }
        this.setHeight(this.height - ft.params.length + ft.results.length);
        this.spAt = this.height;
        return true;
      }
      case Op.return_call:
        this.flush();
        this.emit(Op.return_call, imm[0] as number, this.height);
        this.markDead();
        return true;
      case Op.call_indirect: case Op.return_call_indirect: {
        this.flush();
        const ft = this.f.funcType(imm[0] as number);
        const table = imm[1] as number;
        this.emit(ins.op, imm[0] as number, table, this.f.tableIs64[table] ? 1 : 0, this.height);
        if (ins.op === Op.return_call_indirect) {
          this.markDead();
          return true;
        }
        this.setHeight(this.height - 1 - ft.params.length + ft.results.length);
        this.spAt = this.height;
        return true;
      }
      case Op.call_ref: case Op.return_call_ref: {
        this.flush();
        const ft = this.f.funcType(imm[0] as number);
        this.emit(ins.op, imm[0] as number, this.height);
        if (ins.op === Op.return_call_ref) {
          this.markDead();
          return true;
        }
        this.setHeight(this.height - 1 - ft.params.length + ft.results.length);
        this.spAt = this.height;
        return true;
      }
    }
    this.lastReg = lastReg; // not a control instruction
    return false;
  }

  /** Instructions that only exist in stack form (operands on top of the stack, sp right). */
  stackForm(ins: Instr): void {
    const imm = ins.imm;
    const info = OPCODES[ins.op];
    switch (ins.op) {
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
    }
    if (PLAIN_LOADSTORE.has(ins.op) && (imm[0] as MemArg).array !== undefined) {
      // Multi-byte access to an (array i8): the array reference sits below the usual operands.
      this.emit(Op.array_mem, ins.op);
      this.setHeight(this.height - 1 - info.params!.length + info.results!.length);
      return;
    }
    if (info.params !== null && info.results !== null) {
      this.fixedSignature(ins);
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
      if (!c.unreachable) this.emitReturn(c.nresults, this.height - c.nresults);
      // Conditional branches to the function label land on a return (values moved to c.height).
      const ret = this.code.length;
      this.emit(Op.return_x, c.nresults, c.height);
      for (const fx of c.fixups) fx(ret);
      this.ctrls.pop();
      return;
    }
    if (c.kind === 'try' && c.handler) c.handler.end = this.code.length;
    if (c.kind === 'try_table' && c.handler) c.handler.end = this.code.length;
    this.closeBlock(c);
  }

  closeBlock(c: Ctrl): void {
    this.spAt = -1; // a label: branches arrive with any sp
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
      instrOffsets: Int32Array.from(this.offs), instrIndices: Int32Array.from(this.idxs), handlers: this.handlers, imms: this.imms, funcIndex,
    };
  }
}

function countTries(body: Expr): number {
  let n = 0;
  for (const i of body) if (i.op === Op.try) n++;
  return n;
}

/** Translates defined function `funcIndex` (function index space) of module `m`. */
export function compileFunction(m: Module, funcIndex: number, probes?: ReadonlySet<number>, deterministic = false): Compiled {
  const f = factsOf(m);
  const nImported = funcIndexBase(m);
  const fn = m.funcs[funcIndex - nImported];
  const ft = f.funcType(fn.type);
  const nparams = ft.params.length;
  // Hidden locals after the declared ones: legacy exception slots, then the zero slot.
  const nlocals = nparams + fn.locals.length + countTries(fn.body) + 1;
  const kinds = new Uint8Array(nlocals).fill(LocalKind.Ref);
  [...ft.params, ...fn.locals].forEach((ty, i) => { kinds[i] = localKind(ty); });
  kinds[nlocals - 1] = LocalKind.W1;
  const t = new Translator(f, nlocals, nparams + fn.locals.length, kinds);
  t.zeroSlot = nlocals - 1;
  t.probes = probes;
  t.deterministic = deterministic;
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

