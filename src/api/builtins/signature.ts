/**
 * Builtin function types, written once as slot names, and what each slot means at the boundary.
 *
 * A builtin is specified as JS code behind a host function ("create a host function"): wasm
 * arguments pass through ToJSValue, the result through ToWebAssemblyValue. Each slot here carries
 * exactly that conversion for its type, so every builtin is plain JS on JS values and the wrapper
 * (host.ts) is driven by these tables instead of per-builtin glue.
 *
 * The i16 / i8 array types are `(array (mut i16))` / `(array (mut i8))`, final, each alone in its
 * own recursion group, as the proposals require: an import only matches when it names exactly that
 * type (iso-recursive equivalence makes canonical DefTypes `===`).
 */
import { canonicalizeTypes } from '../../valid/index.js';
import type { DefType } from '../../valid/index.js';
import type { SubType, ValType } from '../../syntax/types.js';
import { HostRef, type Value } from '../../runtime/index.js';
import { f64FromBits, f64ToBits, hostRef, refToJS } from '../convert.js';

/** The value types builtins use. `?` marks a nullable array reference. */
export type Slot = 'i32' | 'i64' | 'f64' | 'externref' | '(ref extern)' | 'i16array?' | 'i8array?' | 'i8array';

const EXTERN_NULL: ValType = { kind: 'ref', nullable: true, heap: 'extern' };
const EXTERN_REF: ValType = { kind: 'ref', nullable: false, heap: 'extern' };
/** Type indices of the synthetic module below. */
const I16_ARRAY = 0, I8_ARRAY = 1;

const SLOT_TYPES: Record<Slot, ValType> = {
  'i32': 'i32',
  'i64': 'i64',
  'f64': 'f64',
  'externref': EXTERN_NULL,
  '(ref extern)': EXTERN_REF,
  'i16array?': { kind: 'ref', nullable: true, heap: I16_ARRAY },
  'i8array?': { kind: 'ref', nullable: true, heap: I8_ARRAY },
  'i8array': { kind: 'ref', nullable: false, heap: I8_ARRAY },
};

const arrayType = (type: 'i8' | 'i16'): SubType =>
  ({ final: true, supers: [], comp: { kind: 'array', field: { type, mutable: true } } });

/**
 * Canonical DefType of the function type `params -> results`, in its own recursion group.
 * Goes through the validator's canonicaliser, so it is the very DefType a module declaring the
 * same type gets.
 */
export function funcDefType(params: readonly Slot[], results: readonly Slot[]): DefType {
  const types: SubType[] = [
    arrayType('i16'), arrayType('i8'),
    { final: true, supers: [], comp: { kind: 'func', params: params.map(s => SLOT_TYPES[s]), results: results.map(s => SLOT_TYPES[s]) } },
  ];
  const recGroups = types.map((_, i) => ({ start: i, size: 1, explicit: false }));
  return canonicalizeTypes({ types, recGroups })[2];
}

/** The canonical `(array (mut i8))` (encodeStringToUTF8Array allocates arrays of it). */
export const I8_ARRAY_TYPE: DefType = canonicalizeTypes({
  types: [arrayType('i16'), arrayType('i8')],
  recGroups: [{ start: 0, size: 1, explicit: false }, { start: 1, size: 1, explicit: false }],
})[I8_ARRAY];

/** ToJSValue for an externref: host values unwrap (the common case first), the rest as convert.ts. */
function externToJS(v: Value): unknown {
  return v instanceof HostRef ? v.value : refToJS(v);
}

const identity = (v: unknown): never => v as never;

/** ToJSValue per parameter slot. Arrays stay runtime ArrayObjs: builtins read their storage. */
export const PARAM_TO_JS: Record<Slot, (v: Value) => unknown> = {
  'i32': identity,
  'i64': v => BigInt.asIntN(64, v as bigint),
  'f64': v => f64FromBits(v as bigint),
  'externref': externToJS,
  '(ref extern)': externToJS,
  'i16array?': identity,
  'i8array?': identity,
  'i8array': identity,
};

/** ToWebAssemblyValue per result slot (the builtins only ever return these). */
export const RESULT_TO_WASM: Record<Slot, (x: never) => Value> = {
  'i32': (x: number) => x | 0,
  'i64': (x: bigint) => BigInt.asIntN(64, x),
  'f64': (x: number) => f64ToBits(x),
  'externref': (x: unknown) => (x === null ? null : hostRef(x)),
  '(ref extern)': (x: unknown) => hostRef(x),
  'i16array?': identity,
  'i8array?': identity,
  'i8array': identity,
};
