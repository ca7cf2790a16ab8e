/**
 * Run-time type tests of references (ref.test, ref.cast, br_on_cast, call_indirect), against heap
 * types encoded as by `encodeHeap` in compile.ts. Objects carry their canonical DefType, so a test
 * against a defined type is one lookup in its supertype vector.
 */
import { ABS_HEAP_TYPES, type AbsHeapType } from '../syntax/types.js';
import type { DefType } from '../valid/canon-types.js';
import { FuncInst } from '../runtime/func.js';
import { StructObj, ArrayObj } from '../runtime/gc-objects.js';
import { WasmException } from '../runtime/tag.js';
import { ContObj } from '../runtime/cont.js';

export function isSubDef(a: DefType, b: DefType): boolean {
  return a === b || (b.depth < a.depth && a.supers[b.depth] === b);
}

function matchesAbs(v: unknown, h: AbsHeapType): boolean {
  switch (h) {
    case 'any': return !(v instanceof FuncInst) && !(v instanceof WasmException) && !(v instanceof ContObj);
    case 'eq': return typeof v === 'number' || v instanceof StructObj || v instanceof ArrayObj;
    case 'i31': return typeof v === 'number';
    case 'struct': return v instanceof StructObj;
    case 'array': return v instanceof ArrayObj;
    case 'func': return v instanceof FuncInst;
    case 'extern': return true;
    case 'exn': return v instanceof WasmException;
    case 'cont': return v instanceof ContObj;
    default: return false; // bottom types hold only null
  }
}

/**
 * Whether reference `v` has the reference type given by `heap` (encoded as by `encodeHeap`) and
 * `flags` (bit 0: nullable, bit 1: exact: no strict subtypes admitted).
 */
export function refMatches(v: unknown, heap: number, flags: number, types: readonly DefType[]): boolean {
  if (v === null) return (flags & 1) !== 0;
  if (heap < 0) return matchesAbs(v, ABS_HEAP_TYPES[-1 - heap]);
  const d = types[heap];
  if (v instanceof StructObj || v instanceof ArrayObj || v instanceof FuncInst) {
    return (flags & 2) !== 0 ? v.type === d : isSubDef(v.type, d);
  }
  return false;
}

/** Custom descriptors: whether `v` is null (and nullable) or a struct whose descriptor is `desc`. */
export function descMatches(v: unknown, desc: unknown, flags: number): boolean {
  if (v === null) return (flags & 1) !== 0;
  return v instanceof StructObj && v.desc === desc;
}
