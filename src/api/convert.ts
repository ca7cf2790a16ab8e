/**
 * ToJSValue / ToWebAssemblyValue (JS API spec, "Conversions"): between weft's raw runtime Values
 * (runtime/values.ts) and JS values.
 *
 * - i32 <-> Number (ToInt32), i64 <-> BigInt (ToBigInt64), f32/f64 <-> Number from/to IEEE bits
 *   (NaN payloads canonicalise here, which the spec allows), v128 is a TypeError either way.
 * - externref: null <-> null; a GC object that wasm handed out comes back as itself; any other JS
 *   value is wrapped in a HostRef (one per object, so identity survives the round trip).
 * - funcref: exported functions <-> their FuncInst (see functions.ts).
 * - anyref and friends: integers in the i31 range become i31 refs, GC objects themselves, anything
 *   else a HostRef (anyref only); each checked against the target type (TypeError on mismatch).
 * - exnref: WebAssembly.Exception <-> the runtime's WasmException.
 */
import type { CRefType, CValType } from '../valid/canon-types.js';
import { isSubHeapType, topOf } from '../valid/index.js';
import { ArrayObj, FuncInst, HostRef, StructObj, WasmException, type Ref, type Value } from '../runtime/index.js';
import { toBigInt64, toNumber } from './webidl.js';
import { exportedFunction, funcInstOf } from './functions.js';
import { exceptionObject, wasmExceptionOf } from './exception.js';
import { descriptorPrototype } from './descriptors.js';

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);
const f64 = new Float64Array(1);
const u64 = new BigUint64Array(f64.buffer);

export function f32FromBits(bits: number): number {
  u32[0] = bits;
  return f32[0];
}
export function f32ToBits(x: number): number {
  f32[0] = x;
  return u32[0];
}
export function f64FromBits(bits: bigint): number {
  u64[0] = bits;
  return f64[0];
}
export function f64ToBits(x: number): bigint {
  f64[0] = x;
  return u64[0];
}

// ---- GC objects: opaque JS objects with a null prototype, one per heap object ---------------

function refuse(): never {
  throw new TypeError('WebAssembly GC objects are opaque: their properties cannot be changed');
}

/**
 * The GC JS API makes structs and arrays exotic objects: no own properties, null prototype, not
 * extensible, and every attempt to add, change or delete a property (or to seal them) throws, in
 * sloppy mode too — hence a Proxy rather than a frozen object, which would fail silently.
 */
const GC_HANDLER: ProxyHandler<object> = {
  set: refuse, defineProperty: refuse, deleteProperty: refuse, preventExtensions: refuse,
  setPrototypeOf: () => false,
};

const gcWrappers = new WeakMap<StructObj | ArrayObj, object>();
const gcObjects = new WeakMap<object, StructObj | ArrayObj>();

function gcWrapper(o: StructObj | ArrayObj): object {
  let w = gcWrappers.get(o);
  if (!w) {
    // Null prototype, unless a custom descriptor configures one (descriptors.ts).
    w = new Proxy(Object.preventExtensions(Object.create(descriptorPrototype(o, refToJS)) as object), GC_HANDLER);
    gcWrappers.set(o, w);
    gcObjects.set(w, o);
  }
  return w;
}

// ---- host values ------------------------------------------------------------------------------

const hostRefs = new WeakMap<object, HostRef>();

function hostRef(v: unknown): HostRef {
  if (v === null || (typeof v !== 'object' && typeof v !== 'function')) return new HostRef(v);
  let h = hostRefs.get(v);
  if (!h) hostRefs.set(v, (h = new HostRef(v)));
  return h;
}

const I31_MIN = -(2 ** 30);
const I31_MAX = 2 ** 30 - 1;

function isI31Number(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= I31_MIN && v <= I31_MAX && !Object.is(v, -0);
}

function typeError(v: unknown, t: CRefType): never {
  const name = typeof t.heap === 'string' ? `${t.heap}ref` : `(ref ${t.nullable ? 'null ' : ''}<type ${t.heap.id}>)`;
  throw new TypeError(`type incompatibility when converting ${typeof v} to ${name}`);
}

function toWasmRef(v: unknown, t: CRefType): Ref {
  if (v === null) {
    if (!t.nullable) typeError(v, t);
    return null;
  }
  switch (topOf(t.heap)) {
    case 'extern': {
      if (t.heap === 'noextern') typeError(v, t);
      return gcObjects.get(v as object) ?? hostRef(v);
    }
    case 'func': {
      const f = typeof v === 'function' ? funcInstOf(v) : undefined;
      if (!f || !isSubHeapType(f.type, t.heap)) typeError(v, t);
      return f;
    }
    case 'any': {
      const o = typeof v === 'object' ? gcObjects.get(v as object) : undefined;
      if (o) {
        if (!isSubHeapType(o.type, t.heap)) typeError(v, t);
        return o;
      }
      if (isI31Number(v)) {
        if (t.heap !== 'any' && t.heap !== 'eq' && t.heap !== 'i31') typeError(v, t);
        return v;
      }
      if (t.heap !== 'any') typeError(v, t);
      return hostRef(v);
    }
    case 'exn': {
      const e = wasmExceptionOf(v);
      if (!e || t.heap !== 'exn') typeError(v, t);
      return e;
    }
    default:
      return typeError(v, t);
  }
}

/** ToWebAssemblyValue: throws TypeError for v128 and for values the type does not admit. */
export function toWasm(v: unknown, t: CValType): Value {
  switch (t) {
    case 'i32': return toNumber(v) | 0;
    case 'i64': return toBigInt64(v);
    case 'f32': return f32ToBits(toNumber(v));
    case 'f64': return f64ToBits(toNumber(v));
    case 'v128': throw new TypeError('v128 values cannot cross the JS boundary');
    default: return toWasmRef(v, t);
  }
}

/** ToJSValue. */
export function toJS(v: Value, t: CValType): unknown {
  switch (t) {
    case 'i32': return v as number;
    case 'i64': return BigInt.asIntN(64, v as bigint);
    case 'f32': return f32FromBits(v as number);
    case 'f64': return f64FromBits(v as bigint);
    case 'v128': throw new TypeError('v128 values cannot cross the JS boundary');
    default: return refToJS(v);
  }
}

export function refToJS(v: Value): unknown {
  if (v === null || v === undefined) return null;
  if (v instanceof HostRef) return v.value;
  if (typeof v === 'number') return v;
  if (v instanceof FuncInst) return exportedFunction(v);
  if (v instanceof StructObj || v instanceof ArrayObj) return gcWrapper(v);
  if (v instanceof WasmException) return exceptionObject(v);
  return v;
}

/** The default of a type for Global/Table constructors: externref's is `undefined` (spec DefaultValue). */
export function defaultJSValue(t: CValType): unknown {
  if (typeof t === 'object') return t.heap === 'extern' ? undefined : null;
  return t === 'i64' ? 0n : 0;
}

/** Whether a JS host value is a HostRef wrapper around `v` (used to unwrap JS exceptions). */
export function hostValueOf(r: Ref): unknown {
  return r instanceof HostRef ? r.value : refToJS(r);
}

export { hostRef };

/**
 * weft extension for test harnesses: what kind of wasm GC object an opaque JS value stands for
 * (the JS API itself deliberately tells structs and arrays apart by nothing).
 */
export function gcKindOf(v: unknown): 'struct' | 'array' | null {
  const o = isObjectLike(v) ? gcObjects.get(v) : undefined;
  return o instanceof StructObj ? 'struct' : o instanceof ArrayObj ? 'array' : null;
}

function isObjectLike(v: unknown): v is object {
  return v !== null && (typeof v === 'object' || typeof v === 'function');
}
