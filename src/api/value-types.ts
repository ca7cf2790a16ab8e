/**
 * The JS API's `ValueType` / `TableKind` strings ("i32", "externref", "anyfunc"...) and the
 * canonical types they stand for.
 */
import type { CRefType, CValType, DefType } from '../valid/canon-types.js';
import type { AbsHeapType } from '../syntax/types.js';
import { canonicalizeTypes, mkRef } from '../valid/index.js';
import { toDOMString } from './webidl.js';

const REF_NAMES: Readonly<Record<string, AbsHeapType>> = {
  anyfunc: 'func', funcref: 'func', externref: 'extern', anyref: 'any', eqref: 'eq', i31ref: 'i31',
  structref: 'struct', arrayref: 'array', nullref: 'none', nullfuncref: 'nofunc',
  nullexternref: 'noextern', exnref: 'exn', nullexnref: 'noexn',
};

/** A `TableKind` string, or null if it names no reference type. */
export function refTypeFromString(s: string): CRefType | null {
  const heap = REF_NAMES[s];
  return heap === undefined ? null : mkRef(heap, true);
}

/** A `ValueType` string (numbers, v128, reference types), or null. */
export function valTypeFromString(s: string): CValType | null {
  if (s === 'i32' || s === 'i64' || s === 'f32' || s === 'f64' || s === 'v128') return s;
  return refTypeFromString(s);
}

export function parseValType(v: unknown, what: string): CValType {
  const t = valTypeFromString(toDOMString(v));
  if (t === null) throw new TypeError(`${what}: "${String(v)}" is not a WebAssembly value type`);
  return t;
}

/** The canonical function type `params -> results` (interned, so equal to a module's own types). */
export function funcDefType(params: readonly CValType[], results: readonly CValType[]): DefType {
  const toSyntax = (t: CValType) => {
    if (typeof t === 'string') return t;
    if (typeof t.heap !== 'string') throw new TypeError('concrete reference types cannot be named from JS');
    return { kind: 'ref' as const, nullable: t.nullable, heap: t.heap };
  };
  const [d] = canonicalizeTypes({
    types: [{ final: true, supers: [], comp: { kind: 'func', params: params.map(toSyntax), results: results.map(toSyntax) } }],
    recGroups: [{ start: 0, size: 1, explicit: false }],
  });
  return d;
}
