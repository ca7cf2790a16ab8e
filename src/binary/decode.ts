/**
 * The binary module decoder (spec chapter 5): bytes in, the module AST of syntax/module.ts out.
 *
 * Only the binary grammar is checked here ("malformed"); everything the validator can check on the
 * AST ("invalid") is left to it. Sections are read in one pass; the reader's `end` is narrowed to
 * the section (or function body) being decoded so that overruns are caught where they happen.
 */
import { CompileError } from '../errors.js';
import { DEFAULT_FEATURES, type FeatureSet } from '../features.js';
import {
  SectionId, type CustomSection, type Data, type Elem, type ElemMode, type Export, type Expr,
  type Func, type Global, type Import, type ImportDesc, type Module, type ModuleOffsets, type Names,
  type Table, type Tag,
} from '../syntax/module.js';
import { OP } from '../syntax/opcodes.js';
import type { ExternKind, MemType, RecGroup, RefType, SubType, ValType } from '../syntax/types.js';
import { CodeReader, NO_IMMS } from './decode-code.js';
import { readLocals } from './decode-body.js';
import { decodeNames } from './decode-names.js';
import { BodySource, lazyFunc } from './lazy-body.js';
import { TypeReader } from './decode-types.js';
import { END_OF_MODULE, END_OF_SECTION, Reader } from './reader.js';

const MAGIC = 0x6d736100;
const VERSION = 1;

/**
 * Where each known section may appear: ids must come in strictly increasing rank. The data count
 * section sits before code, the tag section between memory and global.
 */
export const SECTION_RANK: Readonly<Record<number, number>> = {
  [SectionId.Type]: 1, [SectionId.Import]: 2, [SectionId.Function]: 3, [SectionId.Table]: 4,
  [SectionId.Memory]: 5, [SectionId.Tag]: 6, [SectionId.Global]: 7, [SectionId.Export]: 8,
  [SectionId.Start]: 9, [SectionId.Element]: 10, [SectionId.DataCount]: 11, [SectionId.Code]: 12,
  [SectionId.Data]: 13,
};

export { MAX_LOCALS } from './decode-body.js';

const EXTERN_KINDS: readonly ExternKind[] = ['func', 'table', 'memory', 'global', 'tag'];
const FUNCREF_NONNULL: RefType = { kind: 'ref', nullable: false, heap: 'func' };
const FUNCREF: RefType = { kind: 'ref', nullable: true, heap: 'func' };
const OP_REF_FUNC = OP['ref.func'];
const OP_END = OP['end'];

interface Mutable {
  types: SubType[];
  recGroups: RecGroup[];
  imports: Import[];
  funcTypes: number[];
  funcs: Func[];
  tables: Table[];
  mems: MemType[];
  globals: Global[];
  tags: Tag[];
  exports: Export[];
  start: number | null;
  elems: Elem[];
  datas: Data[];
  dataCount: number | null;
  customs: CustomSection[];
  names: Names | null;
}

/** ModuleOffsets while it is being filled in. */
type MutableOffsets = {
  -readonly [K in keyof ModuleOffsets]: K extends 'start' ? number
    : K extends 'locals' | 'typeRefs' ? (readonly number[])[] : number[]
};

/**
 * Decodes a module binary; throws CompileError('malformed') for any malformedness, function bodies
 * included. The module keeps `bytes` (not a copy): function bodies are decoded from it when first
 * read (lazy-body.ts), so the caller must not change those bytes afterwards.
 */
export function decodeModule(bytes: Uint8Array, features: FeatureSet = DEFAULT_FEATURES): Module {
  return new ModuleDecoder(bytes, features).decode();
}

class ModuleDecoder {
  private readonly r: Reader;
  private readonly t: TypeReader;
  private readonly code: CodeReader;
  /** Where the functions' bodies are decoded from when first read. */
  private readonly bodies: BodySource;
  // The body and section size checks happen after decoding (see Reader), so sizes are only compared.
  private readonly m: Mutable = {
    types: [], recGroups: [], imports: [], funcTypes: [], funcs: [], tables: [], mems: [],
    globals: [], tags: [], exports: [], start: null, elems: [], datas: [], dataCount: null,
    customs: [], names: null,
  };
  private readonly o: MutableOffsets = {
    types: [], typeRefs: [], funcs: [], tables: [], tableLimits: [], mems: [], globals: [], tags: [], exports: [],
    exportIndices: [], start: -1, elems: [], elemTables: [], elemTypes: [], datas: [], dataMems: [],
    locals: [],
  };
  /** Offsets of the function, code and data sections' counts and of the data count, for the
   * cross-section checks at the end (-1 while absent). */
  private funcCountAt = -1;
  private codeCountAt = -1;
  private dataCountAt = -1;
  private dataSectionAt = -1;

  constructor(private readonly bytes: Uint8Array, private readonly features: FeatureSet) {
    this.r = new Reader(bytes);
    this.t = new TypeReader(this.r, features);
    this.code = new CodeReader(this.r, this.t, features);
    this.bodies = new BodySource(bytes, features);
  }

  decode(): Module {
    const r = this.r;
    if (r.end - r.pos < 4) r.fail(END_OF_MODULE, r.end);
    if (r.fixedU32() !== MAGIC) r.fail('magic header not detected', 0);
    if (r.end - r.pos < 4) r.fail(END_OF_MODULE, r.end);
    if (r.fixedU32() !== VERSION) r.fail('unknown binary version', 4);

    let lastId = 0; // last known section seen, for placing custom sections
    let lastRank = 0;
    const total = this.bytes.length;
    while (r.pos < total) {
      const idAt = r.pos;
      const id = r.u8();
      if (id !== SectionId.Custom) {
        const rank = SECTION_RANK[id];
        if (rank === undefined || (id === SectionId.Tag && !this.features.exceptions)) {
          r.fail('malformed section id', idAt);
        }
        if (rank <= lastRank) r.fail('unexpected content after last section', idAt);
        lastRank = rank;
        lastId = id;
      }
      const size = r.size();
      const start = r.pos;
      this.section(id, size, lastId);
      if (r.pos !== start + size) r.fail('section size mismatch', r.pos);
    }

    const m = this.m;
    // Cross-section mismatches point at the later section's count (the one found wrong).
    if (m.funcTypes.length !== m.funcs.length) {
      r.fail('function and code section have inconsistent lengths', orPos(this.codeCountAt, this.funcCountAt, r.pos));
    }
    if (m.dataCount !== null && m.dataCount !== m.datas.length) {
      r.fail('data count and data section have inconsistent lengths', orPos(this.dataSectionAt, this.dataCountAt, r.pos));
    }
    if (m.dataCount === null && this.code.dataCountUse >= 0) {
      r.fail('data count section required', this.code.dataCountUse);
    }
    return {
      types: m.types, recGroups: m.recGroups, imports: m.imports, funcs: m.funcs, tables: m.tables,
      mems: m.mems, globals: m.globals, tags: m.tags, exports: m.exports, start: m.start,
      elems: m.elems, datas: m.datas, dataCount: m.dataCount, customs: m.customs, names: m.names,
      bytes: this.bytes, offsets: this.o,
    };
  }

  private section(id: number, size: number, lastId: SectionId): void {
    const { r, o } = this;
    switch (id) {
      case SectionId.Custom: return this.custom(size, lastId);
      case SectionId.Type: return this.vec(() => this.recGroup());
      case SectionId.Import: return this.vec(() => this.m.imports.push(this.import()));
      case SectionId.Function:
        this.funcCountAt = r.pos;
        return this.vec(() => {
          o.funcs.push(r.pos);
          this.m.funcTypes.push(r.u32());
        });
      case SectionId.Table: return this.vec(() => this.m.tables.push(this.table()));
      case SectionId.Memory:
        return this.vec(() => {
          o.mems.push(r.pos);
          this.m.mems.push(this.t.memType());
        });
      case SectionId.Tag: return this.vec(() => this.m.tags.push({ type: this.tagType() }));
      case SectionId.Global:
        return this.vec(() => {
          o.globals.push(r.pos);
          const type = this.t.globalType();
          this.m.globals.push({ type, init: this.code.expr() });
        });
      case SectionId.Export: return this.vec(() => this.m.exports.push(this.export()));
      case SectionId.Start:
        o.start = r.pos;
        this.m.start = r.u32();
        return;
      case SectionId.Element: return this.vec(() => this.m.elems.push(this.elem()));
      case SectionId.DataCount:
        this.dataCountAt = r.pos;
        this.m.dataCount = r.u32();
        return;
      case SectionId.Code: return this.codeSection();
      case SectionId.Data:
        this.dataSectionAt = r.pos;
        return this.vec(() => this.m.datas.push(this.data()));
    }
  }

  private vec(item: () => unknown): void {
    const n = this.r.len();
    for (let i = 0; i < n; i++) item();
  }

  private custom(size: number, after: SectionId): void {
    const r = this.r;
    const start = r.pos;
    const name = r.name();
    const offset = r.pos;
    const rest = size - (r.pos - start);
    if (rest < 0) r.fail(END_OF_SECTION, r.pos);
    const data = r.take(rest);
    this.m.customs.push({ name, data, after, offset });
    if (name === 'name') {
      // Custom sections are not validated: a broken name section keeps what parsed, nothing more.
      this.m.names = decodeNames(data);
    }
  }

  private recGroup(): void {
    const r = this.r;
    const m = this.m;
    const start = m.types.length;
    if (r.peek() === 0x4e && this.features.gc) {
      r.pos++;
      const n = r.len();
      for (let i = 0; i < n; i++) m.types.push(this.subType());
      m.recGroups.push({ start, size: n, explicit: true });
    } else {
      m.types.push(this.subType());
      m.recGroups.push({ start, size: 1, explicit: false });
    }
  }

  /** A sub type, noting where it starts and where its type indices are. */
  private subType(): SubType {
    const refs: number[] = [];
    this.o.types.push(this.r.pos);
    this.o.typeRefs.push(refs);
    this.t.typeRefs = refs;
    const st = this.t.subType();
    this.t.typeRefs = null;
    return st;
  }

  private import(): Import {
    const r = this.r;
    const module = r.name();
    const name = r.name();
    const at = r.pos;
    const kind = r.u8();
    const o = this.o;
    const descAt = r.pos;
    let desc: ImportDesc;
    switch (kind) {
      case 0x00: o.funcs.push(descAt); desc = { kind: 'func', type: r.u32() }; break;
      case 0x01: desc = { kind: 'table', type: this.tableType() }; break;
      case 0x02: o.mems.push(descAt); desc = { kind: 'memory', type: this.t.memType() }; break;
      case 0x03: o.globals.push(descAt); desc = { kind: 'global', type: this.t.globalType() }; break;
      case 0x04:
        if (!this.features.exceptions) r.fail('malformed import kind', at);
        desc = { kind: 'tag', type: this.tagType() };
        break;
      case 0x20:
        if (!this.features['custom-descriptors']) r.fail('malformed import kind', at);
        o.funcs.push(descAt);
        desc = { kind: 'func', type: r.u32(), exact: true };
        break;
      default:
        return r.fail('malformed import kind', at);
    }
    return { module, name, desc };
  }

  private tagType(): number {
    const r = this.r;
    const at = r.pos;
    if (r.u8() !== 0) r.fail('malformed tag attribute', at);
    this.o.tags.push(r.pos);
    return r.u32();
  }

  /** A table type, noting where it and its limits start. */
  private tableType() {
    this.o.tables.push(this.r.pos);
    const type = this.t.tableType();
    this.o.tableLimits.push(this.t.limitsAt);
    return type;
  }

  private table(): Table {
    const r = this.r;
    if (r.peek() === 0x40) {
      const at = r.pos;
      r.pos++;
      if (r.u8() !== 0) r.fail('malformed table', at);
      const type = this.tableType();
      return { type, init: this.code.expr() };
    }
    return { type: this.tableType(), init: null };
  }

  private export(): Export {
    const r = this.r;
    this.o.exports.push(r.pos);
    const name = r.name();
    const at = r.pos;
    const k = r.u8();
    const kind = EXTERN_KINDS[k];
    if (!kind || (kind === 'tag' && !this.features.exceptions)) r.fail('malformed export kind', at);
    this.o.exportIndices.push(r.pos);
    return { name, kind, index: r.u32() };
  }

  private elem(): Elem {
    const r = this.r;
    const at = r.pos;
    const raw = r.u32();
    // Shared-everything threads: bit 3 marks a shared segment.
    const shared = this.features['shared-everything'] && (raw & 8) !== 0;
    const flags = shared ? raw & ~8 : raw;
    if (flags > 7) r.fail('malformed elements segment kind', at);
    // Bit 0: passive or declarative; bit 1: explicit table index (active) or declarative;
    // bit 2: items are expressions rather than function indices.
    const usesExprs = (flags & 4) !== 0;
    const o = this.o;
    o.elems.push(at);
    let mode: ElemMode;
    if (flags & 1) {
      mode = flags & 2 ? { kind: 'declarative' } : { kind: 'passive' };
      o.elemTables.push(at);
    } else {
      o.elemTables.push(flags & 2 ? r.pos : at);
      const table = flags & 2 ? r.u32() : 0;
      mode = { kind: 'active', table, offset: this.code.expr() };
    }
    o.elemTypes.push((flags & 3) === 0 ? at : r.pos);
    let type: RefType;
    if ((flags & 3) === 0) {
      type = usesExprs ? FUNCREF : FUNCREF_NONNULL;
    } else if (usesExprs) {
      type = this.t.refType();
    } else {
      const kat = r.pos;
      if (r.u8() !== 0) r.fail('malformed element kind', kat);
      type = FUNCREF_NONNULL;
    }
    const n = r.len();
    const init: Expr[] = new Array(n);
    for (let i = 0; i < n; i++) {
      if (usesExprs) {
        init[i] = this.code.expr();
      } else {
        const offset = r.pos;
        const f = r.u32();
        init[i] = [{ op: OP_REF_FUNC, imm: [f], offset }, { op: OP_END, imm: NO_IMMS, offset: -1 }];
      }
    }
    return shared ? { type, mode, init, usesExprs, shared } : { type, mode, init, usesExprs };
  }

  private data(): Data {
    const r = this.r;
    const at = r.pos;
    const raw = r.u32();
    const shared = this.features['shared-everything'] && (raw & 8) !== 0;
    const flags = shared ? raw & ~8 : raw;
    if (flags > 2) r.fail('malformed data segment kind', at);
    this.o.datas.push(at);
    this.o.dataMems.push(flags === 2 ? r.pos : at);
    const mode: Data['mode'] = flags === 1
      ? { kind: 'passive' }
      : { kind: 'active', mem: flags === 2 ? r.u32() : 0, offset: this.code.expr() };
    const n = r.len();
    return shared ? { mode, init: r.take(n), shared } : { mode, init: r.take(n) };
  }

  private codeSection(): void {
    const r = this.r;
    this.codeCountAt = r.pos;
    const n = r.len();
    for (let i = 0; i < n; i++) {
      const offset = r.pos;
      const size = r.size();
      const end = r.pos + size;
      try {
        const locals = this.locals();
        const codeStart = r.pos;
        // Checked now (a CompileError must come from decodeModule), decoded on first use.
        this.code.skim();
        if (r.pos !== end) r.fail('section size mismatch', r.pos);
        this.m.funcs.push(lazyFunc(this.bodies, this.m.funcTypes[i] ?? 0, locals, offset, codeStart, end));
      } catch (e) {
        if (e instanceof CompileError && e.funcIndex < 0) {
          throw new CompileError(e.phase, e.reason, e.offset, this.funcIndexBase() + i);
        }
        throw e;
      }
    }
  }

  private funcIndexBase(): number {
    let n = 0;
    for (const i of this.m.imports) if (i.desc.kind === 'func') n++;
    return n;
  }

  private locals(): ValType[] {
    const { locals, where } = readLocals(this.r, this.t);
    this.o.locals.push(where);
    return locals;
  }
}

/** The first of two candidate offsets that is known, else `fallback`. */
function orPos(a: number, b: number, fallback: number): number {
  return a >= 0 ? a : b >= 0 ? b : fallback;
}
