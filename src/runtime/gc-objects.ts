/**
 * GC heap objects. Both carry their canonical DefType, which is their RTT: casts compare it with
 * the target type through `DefType.supers` (one array lookup, see canon-types.ts).
 */
import type { CStorageType, DefType } from '../valid/canon-types.js';
import type { Value } from './values.js';

/** Fields in Value form (see values.ts); packed fields hold the already-truncated unsigned value. */
export class StructObj {
  /** `desc`: the custom descriptor (custom-descriptors proposal), itself a struct, or null. */
  constructor(readonly type: DefType, readonly fields: Value[], readonly desc: StructObj | null = null) {}
}

/**
 * Array elements are kept in the value stack's word layout so that get/set/copy/fill are word
 * copies: `data` has `stride` int32 words per element (i32/f32: 1, i64/f64: 2, v128: 4), packed
 * i8/i16 elements use Int8Array/Int16Array (stride 1), and references a plain JS array.
 */
export type ArrayData = Int8Array | Int16Array | Int32Array | unknown[];

export class ArrayObj {
  constructor(readonly type: DefType, readonly data: ArrayData, readonly length: number, readonly stride: number) {}
}

export function elemStride(t: CStorageType): number {
  return t === 'i64' || t === 'f64' ? 2 : t === 'v128' ? 4 : 1;
}

/** Allocates the zero/null-initialised storage for `n` elements of type `t`. */
export function allocArrayData(t: CStorageType, n: number): ArrayData {
  if (t === 'i8') return new Int8Array(n);
  if (t === 'i16') return new Int16Array(n);
  if (typeof t === 'object') return new Array<unknown>(n).fill(null);
  return new Int32Array(n * elemStride(t));
}
