/**
 * Module validation (spec chapter 3): types and their declared subtyping, imports, functions,
 * tables, memories, globals, tags, segments, exports and the start function. Function bodies are
 * checked by code.ts, which also produces the per-function side tables.
 *
 * Errors are CompileError('invalid', reason, offset, funcIndex) with the reference interpreter's
 * reasons, so that spec tests can match them.
 */
import { CompileError } from '../errors.js';
import { DEFAULT_FEATURES, type FeatureSet } from '../features.js';
import { OPCODES } from '../syntax/opcodes.js';
import { instrLocation, unpackPosition, type Expr, type Module, type ModuleOffsets } from '../syntax/module.js';
import type { GlobalType, Limits, MemType, RefType, TableType, ValType } from '../syntax/types.js';
import type { CGlobalType, CRefType, CStorageType, CTableType, CValType, DefType } from './canon-types.js';
import { canonicalizeTypes, canonRefType, canonValType } from './canon.js';
import { checkConstExprType, type ModuleCtx } from './code.js';
import type { FuncInfo, ValidModule } from './info.js';
import { checkFunctionLazily } from './lazy-info.js';
import { SideTableScratch } from './scratch.js';
import { isSharedRef, isSubCompType, isSubDefType, isSubRefType } from './subtype.js';

function invalid(reason: string, offset: number, funcIndex = -1): never {
  throw new CompileError('invalid', reason, offset, funcIndex);
}

/** Instructions allowed in constant expressions (extended-const and GC ones included). */
const CONST_OPS = new Set([
  'i32.const', 'i64.const', 'f32.const', 'f64.const', 'v128.const', 'ref.null', 'ref.func', 'global.get', 'end',
  'struct.new', 'struct.new_default', 'array.new', 'array.new_default', 'array.new_fixed', 'ref.i31', 'ref.i31_shared',
  'any.convert_extern', 'extern.convert_any', 'struct.new_desc', 'struct.new_default_desc',
]);
const EXTENDED_CONST_OPS = new Set(['i32.add', 'i32.sub', 'i32.mul', 'i64.add', 'i64.sub', 'i64.mul']);

/** Offsets of a module built from text: every lookup gives -1. */
const NO_OFFSETS: ModuleOffsets = {
  types: [], typeRefs: [], funcs: [], tables: [], tableLimits: [], mems: [], globals: [], tags: [], exports: [],
  exportIndices: [], start: -1, elems: [], elemTables: [], elemTypes: [], datas: [], dataMems: [], locals: [],
};

/** Entry `i` of an offset table, -1 when unknown. */
function at(table: readonly number[], i: number): number {
  return table[i] ?? -1;
}

/** Where an error about a type is: at its reference to type `ref`, or (no `ref`) at the type. */
type TypeLocator = (ref?: number) => number;

/** The offset of type `i`'s reference to type `ref` if it has one, else of type `i` itself. */
function typeAt(o: ModuleOffsets, i: number, ref?: number): number {
  const refs = o.typeRefs[i];
  if (refs !== undefined && ref !== undefined) {
    for (let k = 0; k < refs.length; k += 2) if (refs[k] === ref) return refs[k + 1];
  }
  return at(o.types, i);
}

const GLOBAL_GET = OPCODES.findIndex(o => o.name === 'global.get');
const REF_FUNC = OPCODES.findIndex(o => o.name === 'ref.func');

export function validateModule(m: Module, features: FeatureSet = DEFAULT_FEATURES): ValidModule {
  if (!m.text) return new ModuleValidator(m, features).run();
  try {
    return new ModuleValidator(m, features).run();
  } catch (e) {
    throw e instanceof CompileError ? atTextPosition(e) : e;
  }
}

/**
 * A module parsed from text has no byte offsets: its errors carried packed source positions through
 * the offset channel (see TextPositions); say them as line:column instead.
 */
function atTextPosition(e: CompileError): CompileError {
  if (e.offset < 0 || e.line !== undefined) return e;
  return new CompileError(e.phase, e.reason, -1, e.funcIndex, unpackPosition(e.offset));
}

class ModuleValidator {
  private types: DefType[] = [];
  private readonly typeIndex = new Map<DefType, number>();
  /** Where entities sit in the binary, for error offsets. */
  private readonly o: ModuleOffsets;
  /** Side-table buffers of the checks whose tables are not kept (bodies, constant expressions). */
  private readonly scratch = new SideTableScratch();

  constructor(private readonly m: Module, private readonly features: FeatureSet) {
    this.o = m.offsets ?? m.text?.fields ?? NO_OFFSETS;
  }

  run(): ValidModule {
    const { m, features, o } = this;
    checkDescriptorClauses(m, o);
    this.types = canonicalizeTypes(m, (i, ref) => typeAt(o, i, ref));
    this.types.forEach((d, i) => { if (!this.typeIndex.has(d)) this.typeIndex.set(d, i); });
    this.checkTypes();
    const { importedGlobals, exactFuncs, ...spaces } = this.indexSpaces();
    // What validation hands on, less the function side tables; the code checker's context is
    // this plus what only the checker needs.
    const checked: Omit<ValidModule, 'funcs'> = {
      module: m, features, types: this.types, ...spaces, declaredRefs: declaredRefs(m, spaces.funcTypes.length),
    };
    const ctx: ModuleCtx = {
      ...checked, dataCount: m.datas.length, exactFuncs, typeIndexOf: d => this.typeIndex.get(d) ?? -1,
    };
    this.checkInitializers(ctx, importedGlobals);
    this.checkStartAndExports(ctx);
    const nImported = ctx.funcTypes.length - m.funcs.length;
    // Every body is checked now; side tables are recorded for the functions that get used.
    const funcs: FuncInfo[] = m.funcs.map((f, i) => {
      const idx = nImported + i;
      return checkFunctionLazily(ctx, idx, ctx.funcTypes[idx], f, this.scratch, at(o.funcs, idx), o.locals[i]);
    });
    return { ...checked, funcs };
  }

  /** Canonical types of every index space, imports first. */
  private indexSpaces() {
    const { m, features, o } = this;
    const funcTypes: DefType[] = [];
    const exact: number[] = [];
    const tables: CTableType[] = [];
    const mems: MemType[] = [];
    const globals: CGlobalType[] = [];
    const tags: DefType[] = [];
    for (const imp of m.imports) {
      const d = imp.desc;
      switch (d.kind) {
        case 'func': funcTypes.push(this.funcType(d.type, at(o.funcs, funcTypes.length))); exact.push(d.exact ? 1 : 0); break;
        case 'table': tables.push(this.tableType(d.type, tables.length)); break;
        case 'memory': mems.push(this.memType(d.type, at(o.mems, mems.length))); break;
        case 'global': globals.push(this.globalType(d.type, at(o.globals, globals.length))); break;
        case 'tag': tags.push(this.tagType(d.type, at(o.tags, tags.length))); break;
      }
    }
    const importedGlobals = globals.length;
    // Defined functions have exactly their declared type (custom descriptors' exact references).
    for (const f of m.funcs) { funcTypes.push(this.funcType(f.type, at(o.funcs, funcTypes.length))); exact.push(1); }
    for (const t of m.tables) tables.push(this.tableType(t.type, tables.length));
    for (const mt of m.mems) mems.push(this.memType(mt, at(o.mems, mems.length)));
    if (mems.length > 1 && !features['multi-memory']) invalid('multiple memories', at(o.mems, 1));
    if (tables.length > 1 && !features['reference-types']) invalid('multiple tables', at(o.tables, 1));
    for (const t of m.tags) tags.push(this.tagType(t.type, at(o.tags, tags.length)));
    for (const g of m.globals) globals.push(this.globalType(g.type, at(o.globals, globals.length)));
    const elemTypes = m.elems.map((e, i) => this.refType(e.type, at(o.elemTypes, i)));
    return { funcTypes, exactFuncs: Uint8Array.from(exact), tables, mems, globals, tags, elemTypes, importedGlobals };
  }

  /**
   * Constant expressions: table initialisers see the imported globals, each global initialiser
   * the globals before it, segments all of them.
   */
  private checkInitializers(ctx: ModuleCtx, importedGlobals: number): void {
    const { m, o } = this;
    const { tables, mems, globals, elemTypes } = ctx;
    const importCtx: ModuleCtx = { ...ctx, globals: globals.slice(0, importedGlobals) };
    m.tables.forEach((t, i) => {
      const idx = tables.length - m.tables.length + i;
      const tt = tables[idx];
      if (t.init) this.constExpr(importCtx, t.init, tt.elem);
      else if (!tt.elem.nullable) invalid('type mismatch: non-nullable table requires an initializer', at(o.tables, idx));
    });
    m.globals.forEach((g, i) => {
      const idx = importedGlobals + i;
      this.constExpr({ ...ctx, globals: globals.slice(0, idx) }, g.init, globals[idx].type, !!globals[idx].shared);
    });
    m.elems.forEach((e, i) => {
      const et = elemTypes[i];
      if (e.shared && !isSharedRef(et)) invalid('shared element segments must have a shared element type', at(o.elemTypes, i));
      for (const item of e.init) this.constExpr(ctx, item, et, isSharedRef(et));
      if (e.mode.kind === 'active') {
        const t = tables[e.mode.table];
        if (t === undefined) invalid(`unknown table ${e.mode.table}`, at(o.elemTables, i));
        this.constExpr(ctx, e.mode.offset, t.addr);
        if (!isSubRefType(et, t.elem)) invalid('type mismatch: element segment does not match table', at(o.elemTypes, i));
      }
    });
    m.datas.forEach((d, i) => {
      if (d.mode.kind !== 'active') return;
      const mt = mems[d.mode.mem];
      if (mt === undefined) invalid(`unknown memory ${d.mode.mem}`, at(o.dataMems, i));
      this.constExpr(ctx, d.mode.offset, mt.addr);
    });
  }

  private checkStartAndExports(ctx: ModuleCtx): void {
    const { m, o } = this;
    if (m.start !== null) {
      const t = ctx.funcTypes[m.start];
      if (t === undefined) invalid(`unknown function ${m.start}`, o.start);
      if (t.comp.kind !== 'func' || t.comp.params.length !== 0 || t.comp.results.length !== 0) {
        invalid('start function must have type [] -> []', o.start);
      }
    }
    const names = new Set<string>();
    const spaces = { func: ctx.funcTypes, table: ctx.tables, memory: ctx.mems, global: ctx.globals, tag: ctx.tags };
    m.exports.forEach((x, i) => {
      if (names.has(x.name)) invalid('duplicate export name', at(o.exports, i));
      names.add(x.name);
      if (x.index >= spaces[x.kind].length) {
        invalid(`unknown ${x.kind === 'func' ? 'function' : x.kind} ${x.index}`, at(o.exportIndices, i));
      }
    });
  }

  // ---- types ----

  /** Declared supertypes must be non-final and structurally compatible (with equal sharedness). */
  private checkTypes(): void {
    const { m, types, o } = this;
    m.types.forEach((s, i) => {
      // Errors about a reference to another type point at that reference, others at the type.
      const where: TypeLocator = ref => typeAt(o, i, ref);
      if (s.supers.length > 1) invalid(`sub type ${i} has too many supertypes`, where());
      const d = types[i];
      if (d.comp.kind === 'cont' && d.comp.type.comp.kind !== 'func') {
        const x = (m.types[i].comp as { type: number }).type;
        invalid(`non-function type ${x}`, where(x));
      }
      if (s.descriptor !== undefined || s.describes !== undefined) this.checkDescriptorTypes(i, where);
      if (d.shared && !compIsShared(d)) invalid('shared composite type must contain shared types', where());
      if (d.super) {
        const j = s.supers[0];
        if (d.shared !== d.super.shared) invalid(`sub type must match super type: ${i} and ${j} differ in sharedness`, where(j));
        if (d.super.final || !isSubCompType(d.comp, d.super.comp)) invalid(`sub type ${i} does not match super type ${j}`, where(j));
        this.checkDescriptorSubtyping(i, j, where);
      }
    });
  }

  /** Custom descriptors: a descriptor and the type it describes are structs naming each other. */
  private checkDescriptorTypes(i: number, where: TypeLocator): void {
    const s = this.m.types[i];
    const d = this.types[i];
    if (s.descriptor !== undefined) {
      if (d.comp.kind !== 'struct') invalid('descriptor type must be a struct', where());
      if (d.descriptor!.describes !== d) invalid('type is not described by its descriptor', where(s.descriptor));
    }
    if (s.describes !== undefined) {
      if (d.comp.kind !== 'struct') invalid('described type must be a struct', where());
      if (d.describes!.descriptor !== d) invalid('described type is not described by descriptor', where(s.describes));
    }
  }

  /** Custom descriptors: subtypes keep descriptor/describes clauses in step with their supertype. */
  private checkDescriptorSubtyping(i: number, j: number, where: TypeLocator): void {
    const sub = this.types[i], sup = this.types[j];
    const s = this.m.types[i];
    if (sub.descriptor) {
      if (sup.descriptor && !isSubDefType(sub.descriptor, sup.descriptor)) {
        invalid(`descriptor type ${s.descriptor} does not match`, where(s.descriptor));
      }
    } else if (sup.descriptor) invalid(`sub type ${i} does not match super type ${j}`, where(j));
    if (sub.describes) {
      if (!sup.describes) invalid(`sub type ${i} does not match super type ${j}`, where(j));
      if (!isSubDefType(sub.describes, sup.describes)) invalid(`described type ${s.describes} does not match`, where(s.describes));
    } else if (sup.describes) invalid(`sub type ${i} does not match super type ${j}`, where(j));
  }

  // `where`: the offset of the type, table... being checked, for errors.

  private type(idx: number, where: number): DefType {
    const t = this.types[idx];
    if (t === undefined) invalid(`unknown type ${idx}`, where);
    return t;
  }

  private funcType(idx: number, where: number): DefType {
    const t = this.type(idx, where);
    if (t.comp.kind !== 'func') invalid(`non-function type ${idx}`, where);
    return t;
  }

  private tagType(idx: number, where: number): DefType {
    const t = this.funcType(idx, where);
    // Stack switching allows tags with results (for suspend); throw still requires none.
    if (!this.features['stack-switching'] && t.comp.kind === 'func' && t.comp.results.length > 0) {
      invalid('non-empty tag result type', where);
    }
    return t;
  }

  private valType(t: ValType, where: number): CValType {
    if (typeof t !== 'string' && typeof t.heap === 'number') this.type(t.heap, where);
    return canonValType(t, this.types);
  }

  private refType(t: RefType, where: number): CRefType {
    if (typeof t.heap === 'number') this.type(t.heap, where);
    return canonRefType(t, this.types);
  }

  private globalType(g: GlobalType, where: number): CGlobalType {
    const type = this.valType(g.type, where);
    if (g.shared) {
      if (!isSharedValType(type)) invalid('shared globals must have a shared value type', where);
      return { type, mutable: g.mutable, shared: true };
    }
    return { type, mutable: g.mutable };
  }

  /** `idx`: the table's index, to find its offsets. */
  private tableType(t: TableType, idx: number): CTableType {
    const where = at(this.o.tables, idx);
    const elem = this.refType(t.elem, where);
    const limit = t.addr === 'i64' ? 0xffff_ffff_ffff_ffffn : 0xffff_ffffn;
    checkLimits(t.limits, limit, `table size must be at most ${t.addr === 'i64' ? '2^64-1' : '2^32-1'}`,
      at(this.o.tableLimits, idx));
    if (t.shared) {
      if (!isSharedRef(elem)) invalid('shared tables must have a shared element type', where);
      return { elem, min: t.limits.min, max: t.limits.max, addr: t.addr, shared: true };
    }
    return { elem, min: t.limits.min, max: t.limits.max, addr: t.addr };
  }

  private memType(mt: MemType, where: number): MemType {
    if (mt.pageSizeLog2 !== 16 && mt.pageSizeLog2 !== 0) invalid('invalid custom page size', where);
    // At most 2^addrBits bytes, and a page count that itself fits the address type.
    const addrBits = mt.addr === 'i64' ? 64 : 32;
    const byPages = 1n << BigInt(addrBits - mt.pageSizeLog2);
    const maxPages = byPages < (1n << BigInt(addrBits)) - 1n ? byPages : (1n << BigInt(addrBits)) - 1n;
    const msg = mt.addr === 'i32' && mt.pageSizeLog2 === 16
      ? 'memory size must be at most 65536 pages (4GiB)'
      : `memory size must be at most ${maxPages} pages`;
    checkLimits(mt.limits, maxPages, msg, where);
    if (mt.shared && mt.limits.max === null) invalid('shared memory must have maximum', where);
    return mt;
  }

  // ---- constant expressions ----

  /** `shared`: the value initialises something shared, so it may only read shared globals. */
  private constExpr(ctx: ModuleCtx, e: Expr, type: CValType, shared = false): void {
    for (const ins of e) {
      const name = OPCODES[ins.op].name;
      if (ins.op === GLOBAL_GET) {
        const idx = ins.imm[0] as number;
        const g = ctx.globals[idx];
        if (g === undefined) invalid(`unknown global ${idx}`, instrLocation(this.m, ins));
        if (g.mutable) invalid('constant expression required', instrLocation(this.m, ins));
        if (shared && !g.shared) invalid('invalid type: shared initializer reads an unshared global', instrLocation(this.m, ins));
      } else if (!CONST_OPS.has(name) && !(this.features['extended-const'] && EXTENDED_CONST_OPS.has(name))) {
        invalid('constant expression required', instrLocation(this.m, ins));
      }
    }
    checkConstExprType(ctx, e, type, this.scratch);
  }
}

/**
 * C.refs: the functions `ref.func` may name inside function bodies, i.e. those referenced from
 * outside any function (initialisers, segments, exports).
 */
function declaredRefs(m: Module, nFuncs: number): Uint8Array {
  const refs = new Uint8Array(nFuncs);
  const declare = (e: Expr): void => {
    for (const ins of e) {
      if (ins.op !== REF_FUNC) continue;
      const idx = ins.imm[0] as number;
      if (idx < nFuncs) refs[idx] = 1;
    }
  };
  for (const g of m.globals) declare(g.init);
  for (const t of m.tables) if (t.init) declare(t.init);
  for (const e of m.elems) {
    for (const i of e.init) declare(i);
    if (e.mode.kind === 'active') declare(e.mode.offset);
  }
  for (const d of m.datas) if (d.mode.kind === 'active') declare(d.mode.offset);
  for (const x of m.exports) if (x.kind === 'func' && x.index < nFuncs) refs[x.index] = 1;
  return refs;
}

/** Descriptor clauses must stay inside their rec group, and `describes` must point backwards. */
function checkDescriptorClauses(m: Module, o: ModuleOffsets): void {
  const groups = m.recGroups.length > 0 ? m.recGroups : m.types.map((_, i) => ({ start: i, size: 1, explicit: false }));
  for (const g of groups) {
    for (let i = g.start; i < g.start + g.size; i++) {
      const s = m.types[i];
      const inGroup = (x: number): boolean => x >= g.start && x < g.start + g.size;
      if (s.describes !== undefined) {
        if (!inGroup(s.describes)) invalid('described type is outside rec group', typeAt(o, i, s.describes));
        if (s.describes >= i) invalid('forward use of described type', typeAt(o, i, s.describes));
      }
      if (s.descriptor !== undefined && !inGroup(s.descriptor)) {
        invalid('descriptor type is outside rec group', typeAt(o, i, s.descriptor));
      }
    }
  }
}

/** Shared-everything: numeric and vector types are shared; references only to shared heap types. */
function isSharedValType(t: CStorageType): boolean {
  return typeof t === 'string' || isSharedRef(t);
}

function compIsShared(d: DefType): boolean {
  const c = d.comp;
  switch (c.kind) {
    case 'func': return c.params.every(isSharedValType) && c.results.every(isSharedValType);
    case 'struct': return c.fields.every(f => isSharedValType(f.type));
    case 'array': return isSharedValType(c.field.type);
    case 'cont': return c.type.shared;
  }
}

function checkLimits(l: Limits, range: bigint, msg: string, where: number): void {
  if (l.min > range) invalid(msg, where);
  if (l.max !== null) {
    if (l.max > range) invalid(msg, where);
    if (l.min > l.max) invalid('size minimum must not be greater than maximum', where);
  }
}
