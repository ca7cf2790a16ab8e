/**
 * Canonical (module-independent) types: the contract between the validator, which builds them, and
 * the runtime, which uses them for call_indirect checks, casts and import matching.
 *
 * Type indices in a module are resolved to `DefType` objects; iso-recursive canonicalisation
 * (implemented in `canon.ts`) interns them so that two structurally equivalent types, from the same
 * or different modules, are the very same object: type equivalence is `===`.
 */
import type { AbsHeapType, AddrType, PackedType } from '../syntax/types.js';

/** A value type whose heap types are canonical. */
export type CValType = 'i32' | 'i64' | 'f32' | 'f64' | 'v128' | CRefType;
export type CStorageType = CValType | PackedType;
export type CHeapType = AbsHeapType | DefType;

export interface CRefType {
  readonly kind: 'ref';
  readonly nullable: boolean;
  readonly heap: CHeapType;
  readonly exact?: boolean;
  readonly shared?: boolean;
}

export interface CFieldType { readonly type: CStorageType; readonly mutable: boolean }

export type CCompType =
  | { readonly kind: 'func'; readonly params: readonly CValType[]; readonly results: readonly CValType[] }
  | { readonly kind: 'struct'; readonly fields: readonly CFieldType[] }
  | { readonly kind: 'array'; readonly field: CFieldType }
  | { readonly kind: 'cont'; readonly type: DefType };

export interface DefType {
  /** Unique per canonical type; equal ids <=> equivalent types. */
  readonly id: number;
  readonly final: boolean;
  /** Direct supertype, if any (Wasm 3.0 allows at most one). */
  readonly super: DefType | null;
  /** Length of the supertype chain: lets `isSubDefType` check one slot instead of walking. */
  readonly depth: number;
  /** All supertypes by depth, self last: `supers[b.depth] === b` iff this <: b. */
  readonly supers: readonly DefType[];
  readonly comp: CCompType;
  readonly shared: boolean;
  readonly describes: DefType | null;
  readonly descriptor: DefType | null;
}

export interface CTableType {
  readonly elem: CRefType; readonly min: bigint; readonly max: bigint | null; readonly addr: AddrType;
  /** Shared-everything threads. */
  readonly shared?: boolean;
}
export interface CGlobalType {
  readonly type: CValType; readonly mutable: boolean;
  /** Shared-everything threads. */
  readonly shared?: boolean;
}
