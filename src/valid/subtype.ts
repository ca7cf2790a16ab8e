/**
 * Subtyping over canonical types (spec 3.0 "matching"), and the import matching rules the runtime
 * uses at instantiation. Canonical types are interned, so type equivalence is `===` and declared
 * subtyping between defined types is one array lookup in `supers`.
 */
import type { AbsHeapType, AddrType, MemType } from '../syntax/types.js';
import type {
  CCompType, CFieldType, CGlobalType, CHeapType, CRefType, CStorageType, CTableType, CValType, DefType,
} from './canon-types.js';

/** `a <: b` for defined types: b is on a's declared supertype chain. O(1). */
export function isSubDefType(a: DefType, b: DefType): boolean {
  return a === b || (b.depth < a.depth && a.supers[b.depth] === b);
}

/** Strict abstract supertypes of each abstract heap type. */
const ABS_SUPERS: Record<AbsHeapType, readonly AbsHeapType[]> = {
  any: [], eq: ['any'], i31: ['eq', 'any'], struct: ['eq', 'any'], array: ['eq', 'any'],
  none: ['i31', 'struct', 'array', 'eq', 'any'],
  func: [], nofunc: ['func'],
  extern: [], noextern: ['extern'],
  exn: [], noexn: ['exn'],
  cont: [], nocont: ['cont'],
};

/** The top of the hierarchy a heap type lives in (any, func, extern, exn or cont). */
export function topOf(h: CHeapType): AbsHeapType {
  if (typeof h !== 'string') {
    switch (h.comp.kind) {
      case 'func': return 'func';
      case 'cont': return 'cont';
      default: return 'any';
    }
  }
  switch (h) {
    case 'func': case 'nofunc': return 'func';
    case 'extern': case 'noextern': return 'extern';
    case 'exn': case 'noexn': return 'exn';
    case 'cont': case 'nocont': return 'cont';
    default: return 'any';
  }
}

/** The bottom of the hierarchy a heap type lives in. */
export function bottomOf(h: CHeapType): AbsHeapType {
  switch (topOf(h)) {
    case 'func': return 'nofunc';
    case 'extern': return 'noextern';
    case 'exn': return 'noexn';
    case 'cont': return 'nocont';
    default: return 'none';
  }
}

export function isBottomHeapType(h: CHeapType): boolean {
  return h === 'none' || h === 'nofunc' || h === 'noextern' || h === 'noexn' || h === 'nocont';
}

/** `a <: b` for heap types (ignoring sharedness, which `isSubRefType` checks). */
export function isSubHeapType(a: CHeapType, b: CHeapType): boolean {
  if (a === b) return true;
  if (typeof a === 'string') {
    if (typeof b === 'string') return ABS_SUPERS[a].includes(b);
    return a === bottomOf(b);
  }
  if (typeof b !== 'string') return isSubDefType(a, b);
  switch (a.comp.kind) {
    case 'func': return b === 'func';
    case 'cont': return b === 'cont';
    case 'struct': return b === 'struct' || b === 'eq' || b === 'any';
    case 'array': return b === 'array' || b === 'eq' || b === 'any';
  }
}

/** Whether a reference type is shared (shared-everything threads). */
export function isSharedRef(t: CRefType): boolean {
  return typeof t.heap === 'string' ? !!t.shared : t.heap.shared;
}

/** Whether two reference types share a supertype (same hierarchy, same sharedness). */
export function sameHierarchy(a: CRefType, b: CRefType): boolean {
  return topOf(a.heap) === topOf(b.heap) && isSharedRef(a) === isSharedRef(b);
}

export function isSubRefType(a: CRefType, b: CRefType): boolean {
  if (a === b) return true;
  if (a.nullable && !b.nullable) return false;
  if (isSharedRef(a) !== isSharedRef(b)) return false;
  if (b.exact) {
    // Only the bottom types and the very same defined type inhabit an exact type.
    if (isBottomHeapType(a.heap)) return isSubHeapType(a.heap, b.heap);
    return !!a.exact && a.heap === b.heap;
  }
  return isSubHeapType(a.heap, b.heap);
}

export function isSubValType(a: CValType, b: CValType): boolean {
  if (a === b) return true;
  if (typeof a === 'string' || typeof b === 'string') return false;
  return isSubRefType(a, b);
}

export function isSubStorageType(a: CStorageType, b: CStorageType): boolean {
  if (a === b) return true;
  if (typeof a === 'string' || typeof b === 'string') return false;
  return isSubRefType(a, b);
}

/** Mutable fields are invariant, immutable ones covariant. */
export function isSubFieldType(a: CFieldType, b: CFieldType): boolean {
  if (a.mutable !== b.mutable) return false;
  if (!isSubStorageType(a.type, b.type)) return false;
  return !a.mutable || isSubStorageType(b.type, a.type);
}

export function isSubValTypes(a: readonly CValType[], b: readonly CValType[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!isSubValType(a[i], b[i])) return false;
  return true;
}

/**
 * Structural subtyping of composite types, as required between a type and its declared supertype
 * (the declaration itself is then what makes the DefTypes subtypes).
 */
export function isSubCompType(a: CCompType, b: CCompType): boolean {
  switch (a.kind) {
    case 'func':
      return b.kind === 'func' && isSubValTypes(b.params, a.params) && isSubValTypes(a.results, b.results);
    case 'struct':
      if (b.kind !== 'struct' || a.fields.length < b.fields.length) return false;
      for (let i = 0; i < b.fields.length; i++) if (!isSubFieldType(a.fields[i], b.fields[i])) return false;
      return true;
    case 'array':
      return b.kind === 'array' && isSubFieldType(a.field, b.field);
    case 'cont':
      return b.kind === 'cont' && isSubDefType(a.type, b.type);
  }
}

// ---- import matching (spec "external types") ------------------------------------------------

/** Limits subsumption: the provided range must lie within the required one. */
export function matchLimits(aMin: bigint, aMax: bigint | null, bMin: bigint, bMax: bigint | null): boolean {
  if (aMin < bMin) return false;
  if (bMax === null) return true;
  return aMax !== null && aMax <= bMax;
}

/** A provided function of type `a` matches an import of type `b` (exactly `b` if `exact`). */
export function matchFuncType(a: DefType, b: DefType, exact = false): boolean {
  return exact ? a === b : isSubDefType(a, b);
}

export function matchTableType(a: CTableType, b: CTableType): boolean {
  return a.addr === b.addr && !!a.shared === !!b.shared && matchLimits(a.min, a.max, b.min, b.max) &&
    isSubRefType(a.elem, b.elem) && isSubRefType(b.elem, a.elem);
}

export function matchMemType(a: MemType, b: MemType): boolean {
  return a.addr === b.addr && a.shared === b.shared && a.pageSizeLog2 === b.pageSizeLog2 &&
    matchLimits(a.limits.min, a.limits.max, b.limits.min, b.limits.max);
}

export function matchGlobalType(a: CGlobalType, b: CGlobalType): boolean {
  if (a.mutable !== b.mutable || !!a.shared !== !!b.shared) return false;
  if (!isSubValType(a.type, b.type)) return false;
  return !a.mutable || isSubValType(b.type, a.type);
}

/** Tags match only when their types are equivalent. */
export function matchTagType(a: DefType, b: DefType): boolean {
  return a === b;
}

/** Canonical external types: what an export provides and what an import requires. */
export type CExternType =
  | { readonly kind: 'func'; readonly type: DefType; readonly exact?: boolean }
  | { readonly kind: 'table'; readonly type: CTableType }
  | { readonly kind: 'memory'; readonly type: MemType }
  | { readonly kind: 'global'; readonly type: CGlobalType }
  | { readonly kind: 'tag'; readonly type: DefType };

/** Whether a provided external `a` can satisfy an import of type `b`. */
export function matchExternType(a: CExternType, b: CExternType): boolean {
  switch (b.kind) {
    case 'func': return a.kind === 'func' && matchFuncType(a.type, b.type, b.exact);
    case 'table': return a.kind === 'table' && matchTableType(a.type, b.type);
    case 'memory': return a.kind === 'memory' && matchMemType(a.type, b.type);
    case 'global': return a.kind === 'global' && matchGlobalType(a.type, b.type);
    case 'tag': return a.kind === 'tag' && matchTagType(a.type, b.type);
  }
}

/** The smaller of two address types (memory.copy/table.copy lengths). */
export function minAddr(a: AddrType, b: AddrType): AddrType {
  return a === 'i64' && b === 'i64' ? 'i64' : 'i32';
}
