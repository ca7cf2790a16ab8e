/**
 * Modules in the text format (spec 6.6): all fields and their abbreviations, producing the module
 * AST of syntax/module.ts.
 *
 * Parsing is two passes over the tokens: `collectIds` binds every `$id` to its index; then the type
 * definitions are parsed (so that type uses can find and append function types), then all other
 * fields in order.
 */
import type { FeatureSet } from '../features.js';
import type {
  CustomSection, Data, Elem, Export, Expr, Func, Global, Import, Instr, Module, Table, Tag,
} from '../syntax/module.js';
import { OP } from '../syntax/opcodes.js';
import type { AddrType, ExternKind, MemType, RefType, TableType, ValType } from '../syntax/types.js';
import type { Annotations } from './annotations.js';
import { stripAnnotations } from './annotations.js';
import { priorityHints } from './parse-hints.js';
import { concatBytes } from './concat-bytes.js';
import { collectIds } from './collect-ids.js';
import { ModuleContext } from './context.js';
import { FieldPositions } from './field-positions.js';
import { Cursor } from './cursor.js';
import { tokenize } from './lexer.js';
import { parseCustomAnnotation } from './parse-custom.js';
import {
  parseAddrType, parseGlobalType, parseMemType, parsePageSize, parseTablePrefix, parseTableType,
} from './parse-extern-types.js';
import { InstrParser } from './parse-instr.js';
import { parseRefType, parseSubType, parseTypeUse, parseValType } from './parse-types.js';

/** The element type of segments written as function indices (`func $f...`), per Wasm 3.0. */
const FUNC_INDEX_ELEM: RefType = { kind: 'ref', nullable: false, heap: 'func' };
const NO_LOCALS = { localIds: new Map<string, number>() };
const EXPORT_KINDS: ReadonlySet<string> = new Set(['func', 'table', 'memory', 'global', 'tag']);
/** Instructions whose binary form requires the data count section. */
const NEEDS_DATA_COUNT: ReadonlySet<number> = new Set(
  ['memory.init', 'data.drop', 'array.new_data', 'array.init_data'].map(k => OP[k]),
);

/** Parses a module: `(module $id? field*)` or just the fields. */
export function parseModule(text: string, features?: FeatureSet, source?: string): Module {
  const stripped = stripAnnotations(tokenize(text, source), source);
  const cur: Cursor = new Cursor(stripped.tokens, source);
  let module: Module;
  if (cur.peekParen('module')) {
    cur.open('module');
    const id = cur.eatId();
    const name = stripped.names.get(cur.pos) ?? id;
    module = parseModuleFromTokens(cur, stripped, features);
    if (name !== null) module.names!.module = name;
    cur.rparen();
  } else {
    module = parseModuleFromTokens(cur, stripped, features);
  }
  if (!cur.atEnd()) cur.unexpected();
  return module;
}

/**
 * Parses module fields from the cursor up to (not including) the closing `)` of the enclosing
 * `(module ...)` or the end of input. `annotations` are those of the whole token array (see
 * annotations.ts): `@custom` ones standing between this module's fields become custom sections,
 * `@name` ones after a definition's id name it in `names`.
 */
export function parseModuleFromTokens(
  cur: Cursor, annotations: Partial<Annotations> = {}, features?: FeatureSet,
): Module {
  try {
    return parseFields(cur, annotations, features);
  } catch (e) {
    // Folded expressions are parsed recursively: absurd nesting is a syntax error, not a crash.
    if (e instanceof RangeError && /call stack/i.test(e.message)) cur.fail('nesting too deep');
    throw e;
  }
}

function parseFields(cur: Cursor, annotations: Partial<Annotations>, features?: FeatureSet): Module {
  const customs = annotations.customs ?? [];
  const ctx = new ModuleContext(cur, annotations.names);
  ctx.vectors = features?.simd !== false;
  const begin = cur.pos;
  const { starts } = collectIds(ctx);
  const end = cur.pos;
  if (cur.peek().kind !== ')' && !cur.atEnd()) cur.unexpected();
  const b = new ModuleBuilder(ctx, features);
  const positions = new FieldPositions({
    types: ctx.types, imports: b.imports, funcs: b.funcs, tables: b.tables, mems: b.mems, globals: b.globals,
    tags: b.tags, exports: b.exports, elems: b.elems, datas: b.datas,
  });

  // Type definitions first: type uses elsewhere may match them or append after them.
  for (const s of starts) {
    cur.pos = s;
    const kw = cur.parenKeyword();
    if (kw === 'type') b.typeField(false);
    else if (kw === 'rec') b.recField();
    positions.field(cur.tokens[s]);
  }
  const funcFields: [number, number][] = [];
  for (const s of starts) {
    cur.pos = s;
    const kw = cur.parenKeyword();
    const defined = b.funcs.length;
    if (kw !== 'type' && kw !== 'rec') b.field(kw!);
    if (kw === 'start') positions.startField(cur.tokens[s]);
    positions.field(cur.tokens[s]);
    if (b.funcs.length > defined) funcFields.push([s, defined]);
  }
  cur.pos = end;

  const fieldPositions = new Set([...starts, end]);
  const sections: CustomSection[] = [];
  for (const c of customs) {
    if (c.at >= begin && c.at <= end && fieldPositions.has(c.at)) sections.push(parseCustomAnnotation(c, cur.source));
  }
  // Function indices: imported functions come first (imports precede definitions in the text).
  const imported = b.imports.filter(i => i.desc.kind === 'func').length;
  const hints = (annotations.hints ?? []).filter(h => h.at >= begin && h.at <= end);
  const hintSection = priorityHints(hints, funcFields.map(([s, d]) => [s, imported + d] as const), starts, end, cur.source);
  if (hintSection) sections.push(hintSection);
  return { ...b.finish(sections), text: { instrs: ctx.instrPositions, fields: positions.finish() } };
}

class ModuleBuilder {
  private readonly cur: Cursor;
  readonly imports: Import[] = [];
  readonly funcs: Func[] = [];
  readonly tables: Table[] = [];
  readonly mems: MemType[] = [];
  readonly globals: Global[] = [];
  readonly tags: Tag[] = [];
  readonly exports: Export[] = [];
  readonly elems: Elem[] = [];
  readonly datas: Data[] = [];
  start: number | null = null;
  /** Next index per entity kind (imports and definitions, in text order = index order). */
  private readonly next = { func: 0, table: 0, memory: 0, global: 0, tag: 0 };
  private needsDataCount = false;

  constructor(private readonly ctx: ModuleContext, private readonly features?: FeatureSet) {
    this.cur = ctx.cur;
  }

  finish(customs: CustomSection[]): Module {
    const ctx = this.ctx;
    return {
      types: ctx.types, recGroups: ctx.recGroups, imports: this.imports, funcs: this.funcs,
      tables: this.tables, mems: this.mems, globals: this.globals, tags: this.tags,
      exports: this.exports, start: this.start, elems: this.elems, datas: this.datas,
      dataCount: this.needsDataCount ? this.datas.length : null,
      customs, names: ctx.names, bytes: null,
    };
  }

  private instrs(localIds: ReadonlyMap<string, number> = NO_LOCALS.localIds, labelNames?: Map<number, string>): InstrParser {
    return new InstrParser(this.ctx, { localIds, labelNames }, this.features);
  }

  /** Instructions up to the closing paren, noting whether the data count section is needed. */
  private expr(localIds?: ReadonlyMap<string, number>, labelNames?: Map<number, string>): Expr {
    return this.note(this.instrs(localIds, labelNames).parseExpr());
  }

  private note(e: Instr[]): Instr[] {
    if (!this.needsDataCount && e.some(i => NEEDS_DATA_COUNT.has(i.op))) this.needsDataCount = true;
    return e;
  }

  // ---- types ----------------------------------------------------------------------------------

  /** `(type $id? ...)`; inside `rec`, the group is recorded by the caller. */
  typeField(inRec: boolean): void {
    const cur: Cursor = this.cur; const ctx = this.ctx;
    cur.open('type');
    const id = ctx.nameHere(cur.eatId());
    const index = ctx.types.length;
    const fieldIds = new Map<string, number>();
    ctx.types.push(parseSubType(ctx, fieldIds));
    if (!inRec) ctx.recGroups.push({ start: index, size: 1, explicit: false });
    if (id !== null) ctx.names.types.set(index, id);
    if (fieldIds.size) {
      ctx.fieldIds.set(index, fieldIds);
      ctx.names.fields.set(index, new Map([...fieldIds].map(([n, i]) => [i, n])));
    }
    cur.rparen();
  }

  recField(): void {
    const cur: Cursor = this.cur; const ctx = this.ctx;
    cur.open('rec');
    const start = ctx.types.length;
    while (cur.peekParen('type')) this.typeField(true);
    ctx.recGroups.push({ start, size: ctx.types.length - start, explicit: true });
    cur.rparen();
  }

  // ---- other fields ---------------------------------------------------------------------------

  field(kw: string): void {
    switch (kw) {
      case 'func': return this.entity('func');
      case 'table': return this.entity('table');
      case 'memory': return this.entity('memory');
      case 'global': return this.entity('global');
      case 'tag': return this.entity('tag');
      case 'import': return this.importField();
      case 'export': return this.exportField();
      case 'start': return this.startField();
      case 'elem': return this.elemField();
      case 'data': return this.dataField();
    }
  }

  /** A func/table/memory/global/tag definition, with inline exports and possibly an inline import. */
  private entity(kind: 'func' | 'table' | 'memory' | 'global' | 'tag'): void {
    const cur: Cursor = this.cur;
    cur.open(kind);
    const id = this.ctx.nameHere(cur.eatId());
    const index = this.next[kind]++;
    if (id !== null) this.nameMap(kind).set(index, id);
    let imported: { module: string; name: string } | null = null;
    for (;;) {
      if (cur.peekParen('export')) {
        cur.open('export');
        this.exports.push({ name: cur.name(), kind, index });
        cur.rparen();
      } else if (cur.peekParen('import') && imported === null) {
        cur.open('import');
        imported = { module: cur.name(), name: cur.name() };
        cur.rparen();
      } else break;
    }
    if (imported) {
      this.imports.push({ ...imported, desc: this.importDesc(kind, index) });
    } else {
      switch (kind) {
        case 'func': this.funcDef(index); break;
        case 'table': this.tableDef(index); break;
        case 'memory': this.memoryDef(index); break;
        case 'global': this.globals.push({ type: parseGlobalType(this.ctx), init: this.expr() }); break;
        case 'tag': this.tags.push({ type: parseTypeUse(this.ctx, true).index }); break;
      }
    }
    cur.rparen();
  }

  private nameMap(kind: ExternKind): Map<number, string> {
    const n = this.ctx.names;
    switch (kind) {
      case 'func': return n.funcs;
      case 'table': return n.tables;
      case 'memory': return n.memories;
      case 'global': return n.globals;
      case 'tag': return n.tags;
    }
  }

  /** The description of an imported entity, after its id (and inline import). */
  private importDesc(kind: ExternKind, index: number): Import['desc'] {
    switch (kind) {
      case 'func': {
        if (this.cur.peekParen('exact')) {
          this.cur.open('exact');
          const use = parseTypeUse(this.ctx, true);
          this.cur.rparen();
          this.paramNames(index, use.paramNames);
          return { kind, type: use.index, exact: true };
        }
        const use = parseTypeUse(this.ctx, true);
        this.paramNames(index, use.paramNames);
        return { kind, type: use.index };
      }
      case 'table': return { kind, type: parseTableType(this.ctx, null) };
      case 'memory': return { kind, type: parseMemType(this.cur, parseAddrType(this.cur), this.features) };
      case 'global': return { kind, type: parseGlobalType(this.ctx) };
      case 'tag': return { kind, type: parseTypeUse(this.ctx, true).index };
    }
  }

  private paramNames(func: number, names: ReadonlyMap<number, string>): void {
    if (names.size) this.ctx.names.locals.set(func, new Map(names));
  }

  private importField(): void {
    const cur: Cursor = this.cur;
    cur.open('import');
    const module = cur.name();
    const name = cur.name();
    const kw = cur.parenKeyword();
    if (kw === null || !EXPORT_KINDS.has(kw)) cur.unexpected(cur.peek(1));
    const kind = kw as ExternKind;
    cur.open(kind);
    const id = this.ctx.nameHere(cur.eatId());
    const index = this.next[kind]++;
    if (id !== null) this.nameMap(kind).set(index, id);
    this.imports.push({ module, name, desc: this.importDesc(kind, index) });
    cur.rparen();
    cur.rparen();
  }

  private exportField(): void {
    const cur: Cursor = this.cur;
    cur.open('export');
    const name = cur.name();
    const kw = cur.parenKeyword();
    if (kw === null || !EXPORT_KINDS.has(kw)) cur.unexpected(cur.peek(1));
    cur.open(kw);
    const index = this.ctx.index(kw as ExternKind);
    cur.rparen();
    this.exports.push({ name, kind: kw as ExternKind, index });
    cur.rparen();
  }

  private startField(): void {
    const cur: Cursor = this.cur;
    cur.open('start');
    if (this.start !== null) cur.fail('multiple start sections');
    this.start = this.ctx.index('func');
    cur.rparen();
  }

  // ---- functions ------------------------------------------------------------------------------

  private funcDef(index: number): void {
    const cur: Cursor = this.cur; const ctx = this.ctx;
    const use = parseTypeUse(ctx, true);
    const localIds = new Map<string, number>();
    const localNames = new Map<number, string>();
    const bindLocal = (name: string, i: number): void => {
      if (localIds.has(name)) cur.fail(`duplicate local $${name}`);
      localIds.set(name, i);
      localNames.set(i, name);
    };
    for (const [i, name] of use.paramNames) bindLocal(name, i);
    const nparams = use.params.length;
    const locals: ValType[] = [];
    while (cur.peekParen('local')) {
      cur.open('local');
      const id = cur.eatId();
      if (id !== null) {
        bindLocal(id, nparams + locals.length);
        locals.push(parseValType(ctx));
      } else {
        while (cur.peek().kind !== ')') locals.push(parseValType(ctx));
      }
      cur.rparen();
    }
    if (localNames.size) ctx.names.locals.set(index, localNames);
    const labelNames = new Map<number, string>();
    const body = this.expr(localIds, labelNames);
    if (labelNames.size) ctx.names.labels.set(index, labelNames);
    this.funcs.push({ type: use.index, locals, body, offset: -1, codeStart: -1, end: -1 });
  }

  // ---- tables and memories --------------------------------------------------------------------

  private tableDef(index: number): void {
    const cur: Cursor = this.cur;
    const prefix = parseTablePrefix(cur);
    if (!cur.isNat()) {
      // `(table reftype (elem ...))`: the table is sized by its inline segment.
      const elem = parseRefType(this.ctx);
      cur.open('elem');
      const { init, usesExprs } = this.elemItems();
      cur.rparen();
      const n = BigInt(init.length);
      const type: TableType = { elem, limits: { min: n, max: n }, addr: prefix.addr, ...(prefix.shared ? { shared: true } : {}) };
      this.tables.push({ type, init: null });
      // Function indices are `(ref func)` items: the index form when the table holds plain
      // function references, else expressions typed as the table (e.g. `(ref null $ft)`).
      const indexForm = !usesExprs && elem.heap === 'func' && !elem.shared && !elem.exact;
      this.elems.push({
        type: indexForm ? FUNC_INDEX_ELEM : elem, init, usesExprs: !indexForm,
        mode: { kind: 'active', table: index, offset: constZero(prefix.addr) },
      });
      return;
    }
    const type = parseTableType(this.ctx, prefix);
    const init = cur.peek().kind === ')' ? null : this.expr();
    this.tables.push({ type, init });
  }

  private memoryDef(index: number): void {
    const cur: Cursor = this.cur;
    const addr = parseAddrType(cur);
    let pageSizeLog2 = 16;
    if (cur.peekParen('pagesize') && cur.parenKeyword(4) === 'data') pageSizeLog2 = parsePageSize(cur);
    if (cur.peekParen('data')) {
      // `(memory (data ...))`: sized to hold the data, exactly.
      cur.open('data');
      const init = this.dataStrings();
      cur.rparen();
      const pages = BigInt(Math.ceil(init.length / 2 ** pageSizeLog2));
      this.mems.push({ limits: { min: pages, max: pages }, addr, shared: false, pageSizeLog2 });
      this.datas.push({ init, mode: { kind: 'active', mem: index, offset: constZero(addr) } });
      return;
    }
    this.mems.push(parseMemType(cur, addr, this.features));
  }

  // ---- segments -------------------------------------------------------------------------------

  /** An offset: `(offset instr*)` or one folded instruction. */
  private offsetExpr(): Expr {
    const cur: Cursor = this.cur;
    if (cur.peekParen('offset')) {
      cur.open('offset');
      const e = this.expr();
      cur.rparen();
      return e;
    }
    return this.note(this.instrs().parseFoldedExpr());
  }

  /**
   * An element list: `func x*`, `reftype item*`, or (MVP abbreviation, `funcsOnly`) bare function
   * indices. `func` lists type as `(ref func)`, as in Wasm 3.0.
   */
  private elemList(bareFuncsAllowed: boolean): { type: RefType; init: Expr[]; usesExprs: boolean } {
    const cur: Cursor = this.cur;
    if (cur.eatKeyword('func') || (bareFuncsAllowed && (this.ctx.isIndex() || cur.peek().kind === ')'))) {
      return { type: FUNC_INDEX_ELEM, init: this.funcIndices(), usesExprs: false };
    }
    const type = parseRefType(this.ctx);
    const init: Expr[] = [];
    while (cur.peek().kind === '(') init.push(this.elemExpr());
    return { type, init, usesExprs: true };
  }

  /** Items of an inline `(table ... (elem ...))`: function indices or expressions. */
  private elemItems(): { init: Expr[]; usesExprs: boolean } {
    if (this.cur.peek().kind === '(') {
      const init: Expr[] = [];
      while (this.cur.peek().kind === '(') init.push(this.elemExpr());
      return { init, usesExprs: true };
    }
    return { init: this.funcIndices(), usesExprs: false };
  }

  private funcIndices(): Expr[] {
    const init: Expr[] = [];
    while (this.ctx.isIndex()) {
      const f = this.ctx.index('func');
      init.push([{ op: OP['ref.func'], imm: [f], offset: -1 }, { op: OP['end'], imm: [], offset: -1 }]);
    }
    return init;
  }

  private elemExpr(): Expr {
    const cur: Cursor = this.cur;
    if (cur.peekParen('item')) {
      cur.open('item');
      const e = this.expr();
      cur.rparen();
      return e;
    }
    return this.note(this.instrs().parseFoldedExpr());
  }

  private elemField(): void {
    const cur: Cursor = this.cur; const ctx = this.ctx;
    cur.open('elem');
    const id = cur.eatId();
    const index = this.elems.length;
    if (id !== null) ctx.names.elems.set(index, id);
    let elem: Elem;
    if (cur.eatKeyword('declare')) {
      const l = this.elemList(false);
      elem = { ...l, mode: { kind: 'declarative' } };
    } else {
      let table: number | null = null;
      if (cur.peekParen('table')) {
        cur.open('table');
        table = ctx.index('table');
        cur.rparen();
      } else if (ctx.isIndex()) {
        table = ctx.index('table');
      }
      const active = table !== null || cur.peekParen('offset') ||
        (cur.peek().kind === '(' && !cur.peekParen('ref') && !cur.peekParen('item'));
      if (active) {
        const offset = this.offsetExpr();
        const l = this.elemList(true);
        elem = { ...l, mode: { kind: 'active', table: table ?? 0, offset } };
      } else {
        elem = { ...this.elemList(false), mode: { kind: 'passive' } };
      }
    }
    this.elems.push(elem);
    cur.rparen();
  }

  private dataStrings(): Uint8Array {
    const parts: Uint8Array[] = [];
    while (this.cur.peek().kind === 'string') parts.push(this.cur.string());
    return concatBytes(parts);
  }

  private dataField(): void {
    const cur: Cursor = this.cur; const ctx = this.ctx;
    cur.open('data');
    const id = cur.eatId();
    const index = this.datas.length;
    if (id !== null) ctx.names.datas.set(index, id);
    let mem: number | null = null;
    if (cur.peekParen('memory')) {
      cur.open('memory');
      mem = ctx.index('memory');
      cur.rparen();
    } else if (ctx.isIndex()) {
      mem = ctx.index('memory');
    }
    // Shared-everything threads: `shared` before the strings marks a shared segment.
    const sharedFlag = (): { shared?: true } => (cur.eatKeyword('shared') ? { shared: true } : {});
    if (mem !== null || cur.peek().kind === '(') {
      const offset = this.offsetExpr();
      const shared = sharedFlag();
      this.datas.push({ init: this.dataStrings(), mode: { kind: 'active', mem: mem ?? 0, offset }, ...shared });
    } else {
      const shared = sharedFlag();
      this.datas.push({ init: this.dataStrings(), mode: { kind: 'passive' }, ...shared });
    }
    cur.rparen();
  }
}

function constZero(addr: AddrType): Expr {
  const op = addr === 'i64' ? OP['i64.const'] : OP['i32.const'];
  return [{ op, imm: [addr === 'i64' ? 0n : 0], offset: -1 }, { op: OP['end'], imm: [], offset: -1 }];
}

