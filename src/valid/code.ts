/**
 * Function body validation: one pass over the flat instruction list with an operand stack and a
 * control stack (the algorithm of the spec's validation appendix), producing the FuncInfo side
 * table on the way.
 *
 * Instructions with a fixed signature in the opcode table are typed from it here; the others
 * (`*` rows) are typed by small rule functions keyed by mnemonic (rules-*.ts).
 */
import { CompileError } from '../errors.js';
import type { FeatureSet } from '../features.js';
import { checkArrayAccess } from './rules-multibyte.js';
import { instrLocation, type Instr, type MemArg } from '../syntax/module.js';
import { OPCODES, type OpInfo } from '../syntax/opcodes.js';
import type { BlockType, MemType, ValType, HeapType, RefType } from '../syntax/types.js';
import type { CGlobalType, CHeapType, CRefType, CTableType, CValType, DefType } from './canon-types.js';
import { canonHeapType, canonRefType, canonValType, cvalTypeToString, mkRef } from './canon.js';
import type { BlockSig, BranchTarget, FuncInfo, ValidModule } from './info.js';
import { isSubValType } from './subtype.js';
import { BOT_REF } from './bot-ref.js';
import { Kind } from './kind.js';
import { RULES, type Rule } from './rules.js';
import type { SideTableScratch } from './scratch.js';

/**
 * Everything about the module that code validation looks up: what validation hands on (the
 * ValidModule, whose function side tables are what is being built) plus a few checker-only facts.
 */
export interface ModuleCtx extends Omit<ValidModule, 'funcs'> {
  /** Globals visible to the code being checked (a prefix of the index space in constant exprs). */
  readonly globals: readonly CGlobalType[];
  /** Number of data segments (memory.init and data.drop indices are checked against it). */
  readonly dataCount: number;
  /** Functions imported with an exact type (custom descriptors). */
  readonly exactFuncs: Uint8Array;
  /** For messages: the module-relative index of a canonical type. */
  readonly typeIndexOf: (d: DefType) => number;
}

/** A value on the operand stack; `undefined` is the unknown type of unreachable code. */
export type VT = CValType | undefined;


/** A branch target whose pc is patched when the label's `end` is reached. */
interface MutableTarget { pc: number; arity: number; height: number }

export interface Ctrl {
  kind: Kind;
  readonly params: readonly CValType[];
  readonly results: readonly CValType[];
  /** Operand stack height at the start of the construct, below its parameters. */
  readonly height: number;
  unreachable: boolean;
  /** Index of the opening instruction (-1 for the function body). */
  readonly pc: number;
  /** Length of the local-initialisation log when the frame was entered. */
  readonly initHeight: number;
  /** Targets to patch with pc = end + 1 (not used for loops, whose pc is known). */
  readonly fixups: MutableTarget[];
  /** else/catch/catch_all instructions of this construct, whose endOf is patched at `end`. */
  readonly middles: number[];
}

const EMPTY: readonly CValType[] = Object.freeze([]);

/** What `target` gives when the side table is not being kept: nothing reads it. */
const UNRECORDED_TARGET: BranchTarget = Object.freeze({ pc: -1, arity: 0, height: 0 });

const EMPTY_SIG: BlockSig = Object.freeze({ params: EMPTY, results: EMPTY });

/** Shared `[] -> [t]` signatures (block types are mostly these); weak for reference types. */
const numSigs = new Map<string, BlockSig>();
const refSigs = new WeakMap<CRefType, BlockSig>();

function singleResultSig(t: CValType): BlockSig {
  let sig = typeof t === 'string' ? numSigs.get(t) : refSigs.get(t);
  if (!sig) {
    sig = Object.freeze({ params: EMPTY, results: Object.freeze([t]) });
    if (typeof t === 'string') numSigs.set(t, sig); else refSigs.set(t, sig);
  }
  return sig;
}

const LETTER_TYPES: Record<string, CValType | null> = { i: 'i32', I: 'i64', f: 'f32', F: 'f64', v: 'v128', a: null };

/** Per opcode row: the signature as types (null = address type of the instruction's memory). */
const MONO_PARAMS = OPCODES.map(o => o.params?.map(l => LETTER_TYPES[l]) ?? null);
const MONO_RESULTS = OPCODES.map(o => o.results?.map(l => LETTER_TYPES[l]) ?? null);
/** Per opcode row: position of the memarg or mem immediate, or -1. */
const MEM_IMM = OPCODES.map(o => o.imms.findIndex(k => k === 'memarg' || k === 'mem'));
/** Per opcode row: number of lanes a `lane` immediate indexes (0 if none). */
const LANES = OPCODES.map(laneCount);

function laneCount(o: OpInfo): number {
  if (!o.imms.includes('lane')) return 0;
  const shape = /^(i8x16|i16x8|i32x4|f32x4|i64x2|f64x2)\./.exec(o.name);
  if (shape) return ({ i8x16: 16, i16x8: 8, i32x4: 4, f32x4: 4, i64x2: 2, f64x2: 2 } as Record<string, number>)[shape[1]];
  const bits = /(load|store)(\d+)_lane/.exec(o.name);
  return bits ? 128 / Number(bits[2]) : 0;
}

const RULE_BY_OP: readonly (Rule | undefined)[] = OPCODES.map(o => RULES[o.name]);

export class CodeChecker {
  // ---- operand and control stacks ----
  vals: VT[] = [];
  vh = 0;
  ctrls: Ctrl[] = [];
  // ---- locals ----
  readonly locals: readonly CValType[];
  /** 1 when a local is known to be initialised here; only tracked if some local needs it. */
  private readonly init: Uint8Array;
  private readonly initLog: number[] = [];
  private readonly trackInit: boolean;
  // ---- the instruction being checked ----
  pc = 0;
  ins!: Instr;
  /** Per opcode row, 1 if its feature is on. */
  private readonly enabled: Uint8Array;
  // ---- side table ----
  maxHeight = 0;
  readonly endOf: Int32Array;
  readonly elseOf: Int32Array;
  readonly heights: Int32Array;
  readonly branches: (readonly BranchTarget[] | undefined)[];
  readonly blockTypes: (BlockSig | undefined)[];
  readonly refTypes: (CRefType | undefined)[];

  constructor(
    readonly ctx: ModuleCtx,
    readonly funcIndex: number,
    readonly body: readonly Instr[],
    readonly funcType: { readonly params: readonly CValType[]; readonly results: readonly CValType[] },
    locals: readonly CValType[],
    /** Set for constant expressions: ref.func there declares the function instead of needing it. */
    readonly constExpr = false,
    /** Shared-everything: a shared function may only touch shared functions, globals, tables, memories, GC types. */
    readonly sharedFunc = false,
    /**
     * Check only: the side table goes to these reused buffers and `info` cannot be called.
     * Without it the side table is recorded (built for this function and kept).
     */
    private readonly scratch: SideTableScratch | null = null,
  ) {
    this.locals = locals;
    this.enabled = enabledOps(ctx.features);
    const n = body.length;
    if (scratch === null) {
      this.endOf = new Int32Array(n).fill(-1);
      this.elseOf = new Int32Array(n).fill(-1);
      this.heights = new Int32Array(n);
      this.branches = new Array(n);
      this.blockTypes = new Array(n);
      this.refTypes = new Array(n);
    } else {
      scratch.reserve(n);
      ({ endOf: this.endOf, elseOf: this.elseOf, heights: this.heights } = scratch);
      ({ branches: this.branches, blockTypes: this.blockTypes, refTypes: this.refTypes } = scratch);
    }
    this.init = new Uint8Array(locals.length);
    let track = false;
    for (let i = 0; i < locals.length; i++) {
      const t = locals[i];
      if (i < funcType.params.length || typeof t === 'string' || t.nullable) this.init[i] = 1;
      else track = true;
    }
    this.trackInit = track;
  }

  // ---- errors ----

  fail(reason: string): never {
    throw new CompileError('invalid', reason, this.where(), this.funcIndex);
  }

  /** The location of the instruction being checked (a byte offset, or a text position). */
  private where(): number {
    return this.ins ? instrLocation(this.ctx.module, this.ins) : -1;
  }

  typeName(t: VT): string {
    return cvalTypeToString(t, this.ctx.typeIndexOf);
  }

  // ---- operand stack ----

  push(t: VT): void {
    this.vals[this.vh++] = t;
    if (this.vh > this.maxHeight) this.maxHeight = this.vh;
  }

  pushVals(ts: readonly VT[]): void {
    for (let i = 0; i < ts.length; i++) this.push(ts[i]);
  }

  /** Pops any value. */
  pop(): VT {
    const c = this.ctrls[this.ctrls.length - 1];
    if (this.vh === c.height) {
      if (c.unreachable) return undefined;
      this.fail('type mismatch: instruction requires [any] but stack has []');
    }
    return this.vals[--this.vh];
  }

  /** Pops a value that must match `expect`; returns the actual type (undefined if unknown). */
  popT(expect: CValType): VT {
    const c = this.ctrls[this.ctrls.length - 1];
    if (this.vh === c.height) {
      if (c.unreachable) return undefined;
      this.fail(`type mismatch: instruction requires [${this.typeName(expect)}] but stack has []`);
    }
    const actual = this.vals[--this.vh];
    if (actual === BOT_REF && typeof expect !== 'string') return actual;
    if (actual !== expect && actual !== undefined && !isSubValType(actual, expect)) {
      this.fail(`type mismatch: instruction requires [${this.typeName(expect)}] but stack has [${this.typeName(actual)}]`);
    }
    return actual;
  }

  popVals(ts: readonly CValType[]): void {
    for (let i = ts.length - 1; i >= 0; i--) this.popT(ts[i]);
  }

  /** Pops a reference value; undefined when its type is unknown (including BOT_REF). */
  popRef(): CRefType | undefined {
    const t = this.pop();
    if (t !== undefined && typeof t === 'string') {
      this.fail(`type mismatch: instruction requires reference type but stack has [${t}]`);
    }
    return t === BOT_REF ? undefined : t;
  }

  // ---- control stack ----

  pushCtrl(kind: Kind, sig: BlockSig): Ctrl {
    const c: Ctrl = {
      kind, params: sig.params, results: sig.results, height: this.vh, unreachable: false,
      pc: kind === Kind.Func ? -1 : this.pc, initHeight: this.initLog.length, fixups: [], middles: [],
    };
    this.ctrls.push(c);
    this.pushVals(sig.params);
    return c;
  }

  /** Checks the frame's results are exactly what is on the stack and pops it (spec pop_ctrl). */
  popCtrl(): Ctrl {
    const c = this.ctrls[this.ctrls.length - 1];
    this.checkFrameResults(c);
    this.ctrls.pop();
    this.resetInit(c);
    return c;
  }

  /** Pops the frame's results and checks nothing else is left above its height. */
  checkFrameResults(c: Ctrl): void {
    const rs = c.results;
    for (let i = rs.length - 1; i >= 0; i--) this.popT(rs[i]);
    if (this.vh !== c.height) {
      this.fail(`type mismatch: block requires [${rs.map(t => this.typeName(t)).join(' ')}] but stack has [${this.stackString(c, this.vh - c.height)}]`);
    }
  }

  private stackString(c: Ctrl, n: number): string {
    const from = Math.max(c.height, this.vh - n);
    return this.vals.slice(from, this.vh).map(t => this.typeName(t)).join(' ');
  }

  /** Resets the stack to the frame's start, e.g. for `else`, `catch`. */
  resetFrame(c: Ctrl): void {
    this.vh = c.height;
    c.unreachable = false;
    this.resetInit(c);
  }

  /** The control frame `depth` labels out; fails with "unknown label". */
  label(depth: number): Ctrl {
    const i = this.ctrls.length - 1 - depth;
    if (depth < 0 || i < 0) this.fail(`unknown label ${depth}`);
    return this.ctrls[i];
  }

  labelTypes(c: Ctrl): readonly CValType[] {
    return c.kind === Kind.Loop ? c.params : c.results;
  }

  /** A branch target record for label `depth` (its pc is patched at the label's end). */
  target(depth: number): BranchTarget {
    const c = this.label(depth);
    if (this.scratch !== null) return UNRECORDED_TARGET;
    const arity = this.labelTypes(c).length;
    if (c.kind === Kind.Loop) return { pc: c.pc + 1, arity, height: c.height };
    const t: MutableTarget = { pc: -1, arity, height: c.height };
    c.fixups.push(t);
    return t;
  }

  setUnreachable(): void {
    const c = this.ctrls[this.ctrls.length - 1];
    this.vh = c.height;
    c.unreachable = true;
  }

  /** Closes frame `c` whose `end` (or delegate) is at `endPc`: patches the side table. */
  closeFrame(c: Ctrl, endPc: number): void {
    if (c.pc >= 0) this.endOf[c.pc] = endPc;
    for (const m of c.middles) this.endOf[m] = endPc;
    for (const t of c.fixups) t.pc = endPc + 1;
  }

  // ---- locals ----

  local(idx: number): CValType {
    if (idx >= this.locals.length) this.fail(`unknown local ${idx}`);
    return this.locals[idx];
  }

  checkLocalInit(idx: number): void {
    if (this.init[idx] === 0) this.fail('uninitialized local');
  }

  markLocalInit(idx: number): void {
    if (this.trackInit && this.init[idx] === 0) {
      this.init[idx] = 1;
      this.initLog.push(idx);
    }
  }

  private resetInit(c: Ctrl): void {
    if (!this.trackInit) return;
    while (this.initLog.length > c.initHeight) this.init[this.initLog.pop()!] = 0;
  }

  // ---- module lookups (with the reference interpreter's messages) ----

  type(idx: number): DefType {
    const t = this.ctx.types[idx];
    if (t === undefined) this.fail(`unknown type ${idx}`);
    return t;
  }

  funcTypeAt(idx: number): { readonly params: readonly CValType[]; readonly results: readonly CValType[] } {
    const t = this.type(idx);
    if (t.comp.kind !== 'func') this.fail(`non-function type ${idx}`);
    return t.comp;
  }

  /** Shared-everything: fails when a shared function reaches for something unshared. */
  requireShared(shared: boolean | undefined, what: string): void {
    if (this.sharedFunc && !shared) this.fail(`shared functions cannot access unshared ${what}`);
  }

  func(idx: number): DefType {
    const t = this.ctx.funcTypes[idx];
    if (t === undefined) this.fail(`unknown function ${idx}`);
    this.requireShared(t.shared, 'functions');
    return t;
  }

  table(idx: number): CTableType {
    const t = this.ctx.tables[idx];
    if (t === undefined) this.fail(`unknown table ${idx}`);
    this.requireShared(t.shared, 'tables');
    return t;
  }

  mem(idx: number): MemType {
    const m = this.ctx.mems[idx];
    if (m === undefined) this.fail(`unknown memory ${idx}`);
    this.requireShared(m.shared, 'memories');
    return m;
  }

  global(idx: number): CGlobalType {
    const g = this.ctx.globals[idx];
    if (g === undefined) this.fail(`unknown global ${idx}`);
    this.requireShared(g.shared, 'globals');
    return g;
  }

  tag(idx: number): DefType {
    const t = this.ctx.tags[idx];
    if (t === undefined) this.fail(`unknown tag ${idx}`);
    return t;
  }

  elemType(idx: number): CRefType {
    const t = this.ctx.elemTypes[idx];
    if (t === undefined) this.fail(`unknown elem segment ${idx}`);
    this.requireShared(this.ctx.module.elems[idx]?.shared, 'element segments');
    return t;
  }

  data(idx: number): void {
    if (idx >= this.ctx.dataCount) this.fail(`unknown data segment ${idx}`);
    this.requireShared(this.ctx.module.datas[idx]?.shared, 'data segments');
  }

  blockSig(bt: BlockType): BlockSig {
    if (bt === null) return EMPTY_SIG;
    if (typeof bt === 'number') return this.funcTypeAt(bt);
    return singleResultSig(this.valType(bt));
  }

  valType(t: ValType): CValType {
    if (typeof t === 'string') return t;
    return this.refType(t);
  }

  refType(t: RefType): CRefType {
    if (typeof t.heap === 'number') this.type(t.heap);
    return canonRefType(t, this.ctx.types);
  }

  /**
   * The reference type a `heaptype` immediate denotes with the given nullability. The immediate is
   * a HeapType, or a RefType when the heap type is exact or shared (which HeapType cannot say).
   */
  heapImm(imm: HeapType | RefType, nullable: boolean): CRefType {
    if (typeof imm === 'object') return mkRef(this.heapType(imm.heap), nullable, !!imm.exact, !!imm.shared);
    return mkRef(this.heapType(imm), nullable);
  }

  heapType(h: HeapType): CHeapType {
    if (typeof h === 'number') this.type(h);
    return canonHeapType(h, this.ctx.types);
  }

  // ---- memory immediates ----

  memArg(ma: MemArg, natural: number, atomic: boolean): MemType {
    const m = this.mem(ma.mem);
    if (atomic) {
      if (ma.align !== natural) this.fail('atomic alignment must be natural');
    } else if (ma.align > natural) {
      this.fail('alignment must not be larger than natural');
    }
    if (m.addr === 'i32' && ma.offset > 0xffffffffn) this.fail('offset out of range');
    return m;
  }

  // ---- the main loop ----

  /** Checks the whole body: `begin`, `step` per instruction, `finish`. */
  run(): void {
    const body = this.body;
    const n = body.length;
    this.begin();
    for (let pc = 0; pc < n; pc++) if (!this.step(body[pc])) break;
    this.finish(n);
  }

  /** Starts a body: the function's own frame. Then `step` takes the instructions in order. */
  begin(): void {
    this.pushCtrl(Kind.Func, { params: EMPTY, results: this.funcType.results });
    this.pc = -1;
  }

  /**
   * Checks the next instruction; false once it has closed the function's frame (the body's
   * final `end`). `ins` is only read during the call (the decoder may reuse the object).
   */
  step(ins: Instr): boolean {
    const pc = ++this.pc;
    this.ins = ins;
    this.heights[pc] = this.vh;
    const op = ins.op;
    if (this.enabled[op] === 0 && !this.constExpr) this.fail(`${OPCODES[op].name} requires feature ${OPCODES[op].feature}`);
    // A rule takes precedence over the table's signature (e.g. data.drop checks its index).
    const rule = RULE_BY_OP[op];
    if (rule !== undefined) rule(this, ins);
    else {
      const params = MONO_PARAMS[op];
      if (params === null) this.fail(`no typing rule for ${OPCODES[op].name}`);
      this.mono(ins, op, params);
    }
    return this.ctrls.length !== 0;
  }

  /** Ends a body of `n` instructions: the function's frame must have closed at the last one. */
  finish(n = this.pc + 1): void {
    this.scratch?.release(this.pc + 1);
    if (this.ctrls.length !== 0 || this.pc !== n - 1) {
      throw new CompileError('malformed', this.ctrls.length !== 0 ? 'unexpected end of section or function' : 'END opcode expected',
        this.where(), this.funcIndex);
    }
  }

  /** A monomorphic instruction: typed straight from its opcode-table signature. */
  private mono(ins: Instr, op: number, params: readonly (CValType | null)[]): void {
    const info = OPCODES[op];
    let addr: CValType = 'i32';
    const mi = MEM_IMM[op];
    if (mi >= 0) {
      const imm = ins.imm[mi];
      if (typeof imm === 'object' && (imm as MemArg).array !== undefined) {
        checkArrayAccess(this, imm as MemArg, params, MONO_RESULTS[op]!);
        return;
      }
      const m = typeof imm === 'number' ? this.mem(imm) : this.memArg(imm as MemArg, info.align, info.prefix === 0xfe);
      addr = m.addr;
    }
    const lanes = LANES[op];
    if (lanes > 0) {
      const lane = ins.imm[info.imms.indexOf('lane')] as number;
      if (lane >= lanes) this.fail('invalid lane index');
    } else if (info.imms.length === 1 && info.imms[0] === 'shuffle') {
      for (const l of ins.imm[0] as Uint8Array) if (l >= 32) this.fail('invalid lane index');
    }
    for (let i = params.length - 1; i >= 0; i--) this.popT(params[i] ?? addr);
    const results = MONO_RESULTS[op]!;
    for (let i = 0; i < results.length; i++) this.push(results[i] ?? addr);
  }

  /** Builds the side table once `run` has succeeded (recording checkers only). */
  info(type: DefType): FuncInfo {
    if (this.scratch !== null) throw new Error('side table not recorded');
    return {
      funcIndex: this.funcIndex, type, locals: this.locals, maxHeight: this.maxHeight,
      endOf: this.endOf, elseOf: this.elseOf, heights: this.heights, branches: this.branches,
      blockTypes: this.blockTypes, refTypes: this.refTypes,
    };
  }
}

const EMPTY_OFFSETS: readonly number[] = Object.freeze([]);

/** The offset of the declaration of declared local `i`, from (locals so far, offset) pairs. */
function localOffset(groups: readonly number[], i: number): number {
  for (let g = 0; g < groups.length; g += 2) if (i < groups[g]) return groups[g + 1];
  return -1;
}

const enabledCache = new WeakMap<FeatureSet, Uint8Array>();

function enabledOps(f: FeatureSet): Uint8Array {
  let e = enabledCache.get(f);
  if (!e) {
    e = Uint8Array.from(OPCODES, o => (f[o.feature] ? 1 : 0));
    enabledCache.set(f, e);
  }
  return e;
}

/**
 * Validates one defined function's body and returns its side table. For decoded modules,
 * `typeAt` is the offset of the function's type index and `localsAt` locates its local
 * declarations (see ModuleOffsets.locals), so that errors there name a byte offset.
 */
export function checkFunction(
  ctx: ModuleCtx, funcIndex: number, type: DefType, declaredLocals: readonly ValType[], body: readonly Instr[],
  typeAt = -1, localsAt: readonly number[] = EMPTY_OFFSETS,
): FuncInfo {
  const locals = funcLocals(ctx, funcIndex, type, declaredLocals, typeAt, localsAt);
  const c = new CodeChecker(ctx, funcIndex, body, funcSig(type), locals, false, type.shared);
  c.run();
  return c.info(type);
}

/** The signature of a function's type, which `funcLocals` has checked to be a function type. */
export function funcSig(type: DefType): { readonly params: readonly CValType[]; readonly results: readonly CValType[] } {
  if (type.comp.kind !== 'func') throw new Error('not a function type');
  return type.comp;
}

/**
 * A defined function's parameters then declared locals, canonical. Errors: a non-function type
 * (at `typeAt`), an invalid local type (at its declaration, see checkFunction).
 */
export function funcLocals(
  ctx: ModuleCtx, funcIndex: number, type: DefType, declaredLocals: readonly ValType[],
  typeAt = -1, localsAt: readonly number[] = EMPTY_OFFSETS,
): CValType[] {
  if (type.comp.kind !== 'func') throw new CompileError('invalid', `non-function type`, typeAt, funcIndex);
  // Exactly sized: every validated function keeps this array (grown by push it would be ~5x).
  const params = type.comp.params;
  const locals: CValType[] = new Array(params.length + declaredLocals.length);
  for (let i = 0; i < params.length; i++) locals[i] = params[i];
  for (let i = 0; i < declaredLocals.length; i++) {
    try {
      locals[params.length + i] = canonValType(declaredLocals[i], ctx.types);
    } catch (e) {
      throw e instanceof CompileError ? new CompileError('invalid', e.reason, localOffset(localsAt, i), funcIndex) : e;
    }
  }
  return locals;
}

/** Validates a constant expression's typing as a body producing `[result]` (constness is checked by the caller). */
export function checkConstExprType(
  ctx: ModuleCtx, expr: readonly Instr[], result: CValType, scratch: SideTableScratch | null = null,
): void {
  const c = new CodeChecker(ctx, -1, expr, { params: EMPTY, results: [result] }, EMPTY, true, false, scratch);
  c.run();
}
