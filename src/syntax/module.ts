/**
 * The module AST (spec chapter 2.5): what the binary decoder and the text parser both produce, and
 * what the validator, encoder, printer and runtime consume.
 *
 * Indices are numeric and module-relative; symbolic names live in `names`. Instruction sequences are
 * flat, exactly as in the binary format: `block`/`loop`/`if`/`try_table`/`try` open a construct,
 * `else`/`catch`/`catch_all`/`delegate` separate or close one, and `end` closes one. Every
 * expression (function body, constant expression) ends with its own `end` instruction, so the
 * offset of a function's final `end` is known (breakpoints and traces use it).
 */
import type {
  AddrType, BlockType, ExternKind, GlobalType, HeapType, MemType, RecGroup, RefType, SubType,
  TableType, ValType,
} from './types.js';

// ---- instructions ------------------------------------------------------------------------------

export interface MemArg {
  /** log2 of the alignment, as written in the binary format. */
  readonly align: number;
  /** The static offset: u64 for memory64, hence bigint. */
  readonly offset: bigint;
  readonly mem: number;
  /**
   * Multi-byte array access (memarg bit 7): the `(array i8)` type index the load/store operates on
   * instead of a memory. Such a memarg has no memory index and no alignment (align 0, offset 0).
   */
  readonly array?: number;
}

/** A clause of `try_table`. `tag` is absent for `catch_all`/`catch_all_ref`. */
export interface Catch {
  readonly kind: 'catch' | 'catch_ref' | 'catch_all' | 'catch_all_ref';
  readonly tag?: number;
  readonly label: number;
}

/** A handler of `resume`/`resume_throw`: `(on $tag $label)`, or `(on $tag switch)` when label is null. */
export interface Handler {
  readonly tag: number;
  readonly label: number | null;
}

/** Immediate of `br_on_cast`/`br_on_cast_fail` (and the descriptor variants). */
export interface BrCast {
  readonly label: number;
  readonly from: RefType;
  readonly to: RefType;
}

/**
 * Immediate values. Which ones an instruction has, and in which order, is given by the `imms` column
 * of its row in the opcode table (`OPCODES[op].imms`); `imm[i]` holds the value of kind `imms[i]`:
 *
 *  kind        value                                     kind        value
 *  blocktype   BlockType                                 memarg      MemArg
 *  label/func/type/table/mem/global/local/tag/elem/data/field/lane/u32   number
 *  labels      number[] (br_table targets, default last) i32         number (signed)
 *  i64         bigint (signed)                           f32         number (raw IEEE bits, u32)
 *  f64         bigint (raw IEEE bits, u64)               v128        Uint8Array (16 bytes)
 *  shuffle     Uint8Array (16 lane indices)              heaptype    HeapType
 *  valtypes    ValType[] (typed select)                  catches     Catch[]
 *  handlers    Handler[]                                 brcast      BrCast
 *  zero        0 (a reserved zero byte, e.g. atomic.fence)
 */
export type Imm =
  | number | bigint | Uint8Array | BlockType | MemArg | HeapType | readonly number[]
  | readonly ValType[] | readonly Catch[] | readonly Handler[] | BrCast;

export interface Instr {
  /** Index of the instruction's row in `OPCODES`. */
  readonly op: number;
  readonly imm: readonly Imm[];
  /** Byte offset of the opcode in the module binary; -1 for instructions that came from text. */
  readonly offset: number;
}

/** A constant or body expression; always ends with an `end` instruction. */
export type Expr = readonly Instr[];

// ---- module fields -----------------------------------------------------------------------------

export type ImportDesc =
  | { readonly kind: 'func'; readonly type: number; readonly exact?: boolean }
  | { readonly kind: 'table'; readonly type: TableType }
  | { readonly kind: 'memory'; readonly type: MemType }
  | { readonly kind: 'global'; readonly type: GlobalType }
  | { readonly kind: 'tag'; readonly type: number };

export interface Import {
  readonly module: string;
  readonly name: string;
  readonly desc: ImportDesc;
}

export interface Func {
  /** Type index of the function's type. */
  readonly type: number;
  /** Declared locals (not the parameters), expanded one entry per local. */
  readonly locals: readonly ValType[];
  /**
   * The instructions. For decoded modules an accessor that decodes the body's bytes on first use
   * and keeps the result (see LazyBody); a plain array otherwise.
   */
  readonly body: Expr;
  /** Set (not enumerable) on decoded functions whose body is decoded on demand. */
  readonly [LAZY_BODY]?: LazyBody;
  /**
   * For decoded modules: offset of the body's size LEB (`offset`), of the first instruction
   * (`codeStart`) and one past the body's last byte (`end`) in the module binary; -1 from text.
   */
  readonly offset: number;
  readonly codeStart: number;
  readonly end: number;
}

/**
 * Decoded modules keep function bodies as bytes until something reads `Func.body`: a big module
 * would otherwise hold one Instr object per instruction of every function, most of which never
 * run. The decoder has checked the bytes already (binary/lazy-body.ts).
 */
export const LAZY_BODY: unique symbol = Symbol('weft.lazyBody');

export interface LazyBody {
  /** The body, once `Func.body` has been read. */
  readonly cached: Expr | undefined;
  /**
   * Decodes the body afresh, handing the instructions to `visit` one by one in a single reused
   * Instr object (valid during the call only): one pass over a body, nothing allocated per
   * instruction (validation).
   */
  visit(visit: (ins: Instr) => void): void;
}

export interface Table {
  readonly type: TableType;
  /** Initialiser expression (the `0x40 0x00` table form); null means ref.null of the element type. */
  readonly init: Expr | null;
}

export interface Global {
  readonly type: GlobalType;
  readonly init: Expr;
}

export interface Tag {
  /** Type index of the tag's function type (results must be empty for exception tags). */
  readonly type: number;
}

export interface Export {
  readonly name: string;
  readonly kind: ExternKind;
  readonly index: number;
}

export type ElemMode =
  | { readonly kind: 'passive' }
  | { readonly kind: 'declarative' }
  | { readonly kind: 'active'; readonly table: number; readonly offset: Expr };

export interface Elem {
  readonly type: RefType;
  readonly mode: ElemMode;
  /** Each item is a constant expression (function-index items become `ref.func i; end`). */
  readonly init: readonly Expr[];
  /** Whether the binary form uses expressions (flags 4-7) rather than function indices (0-3). */
  readonly usesExprs: boolean;
  /** Shared-everything threads: a shared segment (flag bit 3), usable from shared functions. */
  readonly shared?: boolean;
}

export type DataMode =
  | { readonly kind: 'passive' }
  | { readonly kind: 'active'; readonly mem: number; readonly offset: Expr };

export interface Data {
  readonly mode: DataMode;
  readonly init: Uint8Array;
  /** Shared-everything threads: a shared segment (flag bit 3), usable from shared functions. */
  readonly shared?: boolean;
}

/** Known section ids, in their required order (data count before code; tag after memory). */
export const enum SectionId {
  Custom = 0, Type = 1, Import = 2, Function = 3, Table = 4, Memory = 5, Global = 6, Export = 7,
  Start = 8, Element = 9, Code = 10, Data = 11, DataCount = 12, Tag = 13,
}

export interface CustomSection {
  readonly name: string;
  readonly data: Uint8Array;
  /**
   * Where it sits: after the last known section of this id (0 = before all known sections).
   * Lets the encoder put custom sections back where they were.
   */
  readonly after: SectionId;
  /** Byte offset of the section's contents in the module binary; -1 from text. */
  readonly offset: number;
}

/** The `name` custom section, parsed. Maps are keyed by index. */
export interface Names {
  module?: string;
  funcs: Map<number, string>;
  locals: Map<number, Map<number, string>>;
  labels: Map<number, Map<number, string>>;
  types: Map<number, string>;
  fields: Map<number, Map<number, string>>;
  tables: Map<number, string>;
  memories: Map<number, string>;
  globals: Map<number, string>;
  elems: Map<number, string>;
  datas: Map<number, string>;
  tags: Map<number, string>;
}

export interface Module {
  readonly types: readonly SubType[];
  readonly recGroups: readonly RecGroup[];
  readonly imports: readonly Import[];
  /** Defined functions only; function index space = imported funcs, then these. */
  readonly funcs: readonly Func[];
  readonly tables: readonly Table[];
  readonly mems: readonly MemType[];
  readonly globals: readonly Global[];
  readonly tags: readonly Tag[];
  readonly exports: readonly Export[];
  readonly start: number | null;
  readonly elems: readonly Elem[];
  readonly datas: readonly Data[];
  /** The data count section's value, or null if absent. */
  readonly dataCount: number | null;
  readonly customs: readonly CustomSection[];
  /** Parsed `name` section (or names gathered from `$id`s in text). */
  readonly names: Names | null;
  /**
   * The binary this module was decoded from, if any (function bodies' offsets refer to it, and
   * bodies not read yet are decoded from it: it must not change).
   */
  readonly bytes: Uint8Array | null;
  /** For decoded modules: where module-level entities sit in `bytes`, for error messages. */
  readonly offsets?: ModuleOffsets;
  /** For modules parsed from text: where their parts were written, for error messages. */
  readonly text?: TextPositions;
}

/**
 * Source positions of a module parsed from text. Instructions keep `offset: -1` (they have no byte
 * offset, and traps and monitors speak in byte offsets), so their positions live beside them, keyed
 * by the Instr object. Positions are packed line/column numbers (`packPosition`); the validator
 * reports them through the same channel as byte offsets and `validateModule` turns them into
 * line:column before the error leaves it.
 */
export interface TextPositions {
  readonly instrs: WeakMap<Instr, number>;
  /** Module-level entities, in the shape of ModuleOffsets (the field each entity was written in). */
  readonly fields: ModuleOffsets;
}

/** Columns get 24 bits: one-line (minified) text modules stay exact up to 16 M characters a line. */
const COLUMN_SPAN = 0x1000000;

export function packPosition(line: number, column: number): number {
  return line * COLUMN_SPAN + Math.min(column, COLUMN_SPAN - 1);
}

export function unpackPosition(p: number): { line: number; column: number } {
  return { line: Math.floor(p / COLUMN_SPAN), column: p % COLUMN_SPAN };
}

/** Where an instruction is, for an error: its byte offset, else its packed text position, else -1. */
export function instrLocation(m: Module, ins: Instr): number {
  return ins.offset >= 0 ? ins.offset : m.text?.instrs.get(ins) ?? -1;
}

/**
 * Byte offsets of module-level entities in the binary a module was decoded from, so that the
 * validator can say where an invalid entity is. Arrays follow the index spaces (imports first),
 * each entry pointing at the field an error is most likely about. Modules built from text have none;
 * a missing entry means "unknown" (-1).
 */
export interface ModuleOffsets {
  /** Per type index: the sub type's first byte (after any `rec` header). */
  readonly types: readonly number[];
  /**
   * Per type index: the type indices it refers to (supertypes, descriptor clauses, heap types),
   * as pairs (index, offset of the reference), flattened, in binary order.
   */
  readonly typeRefs: readonly (readonly number[])[];
  /** Per function index: its type index (in the import, or in the function section). */
  readonly funcs: readonly number[];
  /** Per table index: its table type (its reference type). */
  readonly tables: readonly number[];
  /** Per table index: its limits (the flags byte). */
  readonly tableLimits: readonly number[];
  /** Per memory index: its memory type (the limits flags byte). */
  readonly mems: readonly number[];
  /** Per global index: its global type. */
  readonly globals: readonly number[];
  /** Per tag index: its type index. */
  readonly tags: readonly number[];
  /** Per export: its name, and the index it exports. */
  readonly exports: readonly number[];
  readonly exportIndices: readonly number[];
  /** The start section's function index (-1 if none). */
  readonly start: number;
  /** Per element segment: its flags, its table index (the flags if implicit), its reference type (likewise). */
  readonly elems: readonly number[];
  readonly elemTables: readonly number[];
  readonly elemTypes: readonly number[];
  /** Per data segment: its flags, and its memory index (the flags if implicit). */
  readonly datas: readonly number[];
  readonly dataMems: readonly number[];
  /**
   * Per defined function: its local declarations as pairs (number of locals declared up to and
   * including the group, offset of the group's value type), flattened.
   */
  readonly locals: readonly (readonly number[])[];
}

export function emptyNames(): Names {
  return {
    funcs: new Map(), locals: new Map(), labels: new Map(), types: new Map(), fields: new Map(),
    tables: new Map(), memories: new Map(), globals: new Map(), elems: new Map(), datas: new Map(),
    tags: new Map(),
  };
}

// ---- index spaces ------------------------------------------------------------------------------

/** Counts of imported entities, per kind: the first indices of each index space. */
export interface ImportCounts {
  readonly func: number;
  readonly table: number;
  readonly memory: number;
  readonly global: number;
  readonly tag: number;
}

export function importCounts(m: Pick<Module, 'imports'>): ImportCounts {
  const c = { func: 0, table: 0, memory: 0, global: 0, tag: 0 };
  for (const i of m.imports) c[i.desc.kind]++;
  return c;
}

/** The type index of function `idx` (imported or defined). */
export function funcTypeIndex(m: Module, idx: number): number {
  let n = 0;
  for (const i of m.imports) {
    if (i.desc.kind === 'func') {
      if (n === idx) return i.desc.type;
      n++;
    }
  }
  return m.funcs[idx - n].type;
}

/** All memory types in index order (imports first). */
export function allMems(m: Module): MemType[] {
  const r: MemType[] = [];
  for (const i of m.imports) if (i.desc.kind === 'memory') r.push(i.desc.type);
  return r.concat(m.mems);
}

export function allTables(m: Module): TableType[] {
  const r: TableType[] = [];
  for (const i of m.imports) if (i.desc.kind === 'table') r.push(i.desc.type);
  return r.concat(m.tables.map(t => t.type));
}

export function allGlobals(m: Module): GlobalType[] {
  const r: GlobalType[] = [];
  for (const i of m.imports) if (i.desc.kind === 'global') r.push(i.desc.type);
  return r.concat(m.globals.map(g => g.type));
}

export function allTags(m: Module): number[] {
  const r: number[] = [];
  for (const i of m.imports) if (i.desc.kind === 'tag') r.push(i.desc.type);
  return r.concat(m.tags.map(t => t.type));
}

export type { AddrType, HeapType };
