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

export function isSubDef(a: DefType, b: DefType): boolean {
  return a === b || (b.depth < a.depth && a.supers[b.depth] === b);
}

function matchesAbs(v: unknown, h: AbsHeapType): boolean {
  switch (h) {
    case 'any': return !(v instanceof FuncInst) && !(v instanceof WasmException);
    case 'eq': return typeof v === 'number' || v instanceof StructObj || v instanceof ArrayObj;
    case 'i31': return typeof v === 'number';
    case 'struct': return v instanceof StructObj;
    case 'array': return v instanceof ArrayObj;
    case 'func': return v instanceof FuncInst;
    case 'extern': return true;
    case 'exn': return v instanceof WasmException;
    case 'cont': return false;
    default: return false; // bottom types hold only null
  }
}

/** Whether non-null or null reference `v` has heap type `heap` (encoded) with nullability `nullable`. */
export function refMatches(v: unknown, heap: number, nullable: boolean, types: readonly DefType[]): boolean {
  if (v === null) return nullable;
  if (heap < 0) return matchesAbs(v, ABS_HEAP_TYPES[-1 - heap]);
  const d = types[heap];
  if (v instanceof StructObj || v instanceof ArrayObj || v instanceof FuncInst) return isSubDef(v.type, d);
  return false;
}
