/**
 * The types of WebAssembly (spec chapter 2.3), as plain data.
 *
 * Type indices stay module-relative here (as in the binary and text formats). The validator turns
 * them into canonical, module-independent types (iso-recursive canonicalisation) for subtyping and
 * for matching across modules at link time.
 */

export type NumType = 'i32' | 'i64' | 'f32' | 'f64';
export type VecType = 'v128';

/** Abstract heap types. `cont`/`nocont` come from stack switching. */
export type AbsHeapType =
  | 'func' | 'nofunc'
  | 'extern' | 'noextern'
  | 'any' | 'eq' | 'i31' | 'struct' | 'array' | 'none'
  | 'exn' | 'noexn'
  | 'cont' | 'nocont';

export const ABS_HEAP_TYPES: readonly AbsHeapType[] = [
  'func', 'nofunc', 'extern', 'noextern', 'any', 'eq', 'i31', 'struct', 'array', 'none',
  'exn', 'noexn', 'cont', 'nocont',
];

/** A heap type: abstract, or a (module-relative) type index. */
export type HeapType = AbsHeapType | number;

export interface RefType {
  readonly kind: 'ref';
  readonly nullable: boolean;
  readonly heap: HeapType;
  /** Custom descriptors: an exact reference `(ref exact $t)` admits no strict subtypes. */
  readonly exact?: boolean;
  /** Shared-everything threads: `(ref (shared any))`; only meaningful for abstract heap types. */
  readonly shared?: boolean;
}

export type ValType = NumType | VecType | RefType;

/** Packed storage types are only allowed in struct and array fields. */
export type PackedType = 'i8' | 'i16';
export type StorageType = ValType | PackedType;

export interface FieldType {
  readonly type: StorageType;
  readonly mutable: boolean;
}

export interface FuncType {
  readonly kind: 'func';
  readonly params: readonly ValType[];
  readonly results: readonly ValType[];
}

export interface StructType {
  readonly kind: 'struct';
  readonly fields: readonly FieldType[];
}

export interface ArrayType {
  readonly kind: 'array';
  readonly field: FieldType;
}

/** Stack switching: `(cont $ft)`, a continuation of the function type at index `type`. */
export interface ContType {
  readonly kind: 'cont';
  readonly type: number;
}

export type CompType = FuncType | StructType | ArrayType | ContType;

/** A sub type: one entry of the type section, inside a recursion group. */
export interface SubType {
  readonly final: boolean;
  /** Declared supertypes (at most one in Wasm 3.0), as type indices. */
  readonly supers: readonly number[];
  readonly comp: CompType;
  /** Shared-everything threads. */
  readonly shared?: boolean;
  /** Custom descriptors: `(describes $t)` / `(descriptor $t)`, as type indices. */
  readonly describes?: number;
  readonly descriptor?: number;
}

/**
 * A recursion group covers `size` consecutive entries of `Module.types`, from `start`.
 * `explicit` records whether it was written as `rec` (binary 0x4e) rather than as a lone type, so
 * that encoding is byte-for-byte stable; canonically, a lone type and a `rec` of one are the same.
 */
export interface RecGroup {
  readonly start: number;
  readonly size: number;
  readonly explicit: boolean;
}

/** Limits. Values are u64 in the binary format (memory64/table64), hence bigint. */
export interface Limits {
  readonly min: bigint;
  readonly max: bigint | null;
}

export type AddrType = 'i32' | 'i64';

export interface MemType {
  readonly limits: Limits;
  readonly addr: AddrType;
  readonly shared: boolean;
  /** Custom page sizes: log2 of the page size (16 = 64 KiB, the default; 0 = 1 byte). */
  readonly pageSizeLog2: number;
}

export interface TableType {
  readonly elem: RefType;
  readonly limits: Limits;
  readonly addr: AddrType;
  readonly shared?: boolean;
}

export interface GlobalType {
  readonly type: ValType;
  readonly mutable: boolean;
  readonly shared?: boolean;
}

/** Block types: none, one value type, or a type index of a function type. */
export type BlockType = null | ValType | number;

export type ExternKind = 'func' | 'table' | 'memory' | 'global' | 'tag';

// ---- convenience constructors and predicates -------------------------------------------------

export function ref(heap: HeapType, nullable = true, exact = false): RefType {
  return exact ? { kind: 'ref', nullable, heap, exact } : { kind: 'ref', nullable, heap };
}

export const FUNCREF: RefType = ref('func');
export const EXTERNREF: RefType = ref('extern');
export const ANYREF: RefType = ref('any');
export const EXNREF: RefType = ref('exn');

export function isRefType(t: StorageType): t is RefType {
  return typeof t === 'object';
}

export function isNumType(t: StorageType): t is NumType {
  return t === 'i32' || t === 'i64' || t === 'f32' || t === 'f64';
}

export function isPackedType(t: StorageType): t is PackedType {
  return t === 'i8' || t === 'i16';
}

/** Unpacks a storage type to the value type it is read as. */
export function unpacked(t: StorageType): ValType {
  return t === 'i8' || t === 'i16' ? 'i32' : t;
}

/** Text-format rendering of value types, for error messages and the printer. */
export function heapTypeToString(h: HeapType, shared = false): string {
  const s = typeof h === 'number' ? String(h) : h;
  return shared ? `(shared ${s})` : s;
}

export function valTypeToString(t: StorageType): string {
  if (typeof t === 'string') return t;
  const exact = t.exact ? 'exact ' : '';
  const heap = heapTypeToString(t.heap, t.shared);
  if (t.nullable && !t.exact && !t.shared && typeof t.heap === 'string') {
    // Use the short forms where they exist.
    const short: Partial<Record<AbsHeapType, string>> = {
      func: 'funcref', extern: 'externref', any: 'anyref', eq: 'eqref', i31: 'i31ref',
      struct: 'structref', array: 'arrayref', none: 'nullref', nofunc: 'nullfuncref',
      noextern: 'nullexternref', exn: 'exnref', noexn: 'nullexnref', cont: 'contref',
      nocont: 'nullcontref',
    };
    const s = short[t.heap];
    if (s) return s;
  }
  return `(ref ${t.nullable ? 'null ' : ''}${exact}${heap})`;
}
