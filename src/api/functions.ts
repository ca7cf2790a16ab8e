/**
 * Functions across the boundary.
 *
 * Exported functions: each FuncInst gets one JS function (WeakMap), so re-exports and table reads
 * yield the same object; `name` is the function index, `length` the parameter count; not a
 * constructor. Calling converts arguments with ToWebAssemblyValue, runs the function, and maps
 * the outcome: results via ToJSValue (none -> undefined, one -> value, several -> array), a trap
 * -> WebAssembly.RuntimeError, a wasm exception -> WebAssembly.Exception (or, for JSTag, the JS
 * value it carries).
 *
 * Host functions: a JS callable imported for a function type becomes a runtime host function. An
 * exported wasm function passed back in is unwrapped to its FuncInst instead (no JS hop between
 * instances). A JS exception thrown by the callable enters wasm as an exception with JSTag (so
 * wasm can catch it with catch_all or `catch $jstag`) and leaves wasm again as the original value.
 */
import type { CValType, DefType } from '../valid/canon-types.js';
import { FuncInst, WasmException, hostFunc, invoke, type Value } from '../runtime/index.js';
import { RuntimeError as WeftRuntimeError } from '../errors.js';
import { store } from './store.js';
import { toJS, toWasm, hostRef, hostValueOf, refToJS } from './convert.js';
import { toBigInt64, toNumber } from './webidl.js';
import { canEnter } from '../jit/bridge.js';
import { jsEntry, registerJsHost, type JsConversions, type JsEntry } from '../jit/host-boundary.js';
import { toApiError } from './errors.js';
import { interpEntry, type InterpEntry } from './interp-entry.js';
import { tierUp } from '../jit/tier.js';
import { jsTagInst, exceptionObject, wasmExceptionOf } from './exception.js';

const exported = new WeakMap<FuncInst, Function>();
const funcInsts = new WeakMap<Function, FuncInst>();

function signature(t: DefType): { params: readonly CValType[]; results: readonly CValType[] } {
  if (t.comp.kind !== 'func') throw new TypeError('not a function type');
  return t.comp;
}

/** The runtime function behind an exported function, or undefined for any other value. */
export function funcInstOf(f: unknown): FuncInst | undefined {
  return typeof f === 'function' ? funcInsts.get(f) : undefined;
}

/** What escapes from wasm, as JS sees it. */
export function fromWasmThrow(e: unknown): unknown {
  if (e instanceof WasmException) {
    if (e.tag === jsTagInst) return hostValueOf(e.args[0] as never);
    return exceptionObject(e);
  }
  return toApiError(e);
}

/** What a JS callable threw, as wasm sees it. Traps and stack overflows stay uncatchable. */
function toWasmThrow(e: unknown): unknown {
  if (e instanceof WasmException || e instanceof WeftRuntimeError) return e;
  if (e instanceof RangeError && /call stack/i.test(e.message)) return e;
  const inner = wasmExceptionOf(e);
  if (inner) return inner;
  return new WasmException(jsTagInst, [hostRef(e)]);
}


/** Calls a FuncInst from JS with JS arguments (the body of every exported function). */
export function callFromJS(f: FuncInst, args: readonly unknown[]): unknown {
  const { params, results } = signature(f.type);
  const raw: Value[] = new Array(params.length);
  for (let i = 0; i < params.length; i++) raw[i] = toWasm(args[i], params[i]);
  if (results.includes('v128')) throw new TypeError('v128 results cannot cross the JS boundary');
  let out: Value[];
  try {
    out = invoke(store, f, raw);
  } catch (e) {
    throw fromWasmThrow(e);
  }
  if (results.length === 0) return undefined;
  if (results.length === 1) return toJS(out[0], results[0]);
  return out.map((v, i) => toJS(v, results[i]));
}

/** The JS API's conversions, for the compiled tier's JS entries (jit/bridge.ts `jsEntry`). */
const JS_CONVERSIONS: JsConversions = { num: toNumber, big64: toBigInt64, ref: toWasm, js: refToJS, thrown: toWasmThrow };

export function exportedFunction(f: FuncInst): Function {
  let fn = exported.get(f);
  if (fn) return fn;
  // Once `f` is compiled, calls convert JS values straight to the compiled convention (made at
  // the first call after compilation; null when the signature needs the general route).
  let direct: JsEntry | null | undefined;
  // An arrow function: callable, not constructible, no own `prototype`, like the spec's builtins.
  // Until then (or where compiled code cannot run), calls go straight into the interpreter's cells.
  let interp: InterpEntry | null | undefined;
  fn = (...args: unknown[]) => {
    if (f.jit === null && f.host === null) {
      if (interp === undefined) interp = interpEntry(f);
      // The same tier-up count as the runtime API's invoke (exec/invoke.ts).
      if (interp !== null && !(--f.hot < 0 && tierUp(store.thread, f) && canEnter(store.thread))) {
        try {
          return interp(store.thread, args);
        } catch (e) {
          throw fromWasmThrow(e);
        }
      }
    }
    if (f.jit !== null && canEnter(store.thread)) {
      if (direct === undefined) direct = jsEntry(f, JS_CONVERSIONS);
      if (direct !== null) {
        try {
          return direct(store.thread, args);
        } catch (e) {
          throw fromWasmThrow(e);
        }
      }
    }
    return callFromJS(f, args);
  };
  Object.defineProperty(fn, 'name', { value: String(f.index), configurable: true });
  Object.defineProperty(fn, 'length', { value: f.params, configurable: true });
  exported.set(f, fn);
  funcInsts.set(fn, f);
  return fn;
}

/** ECMAScript IterableToList, observable steps in spec order (one @@iterator get, one `next` get). */
function iterableToList(r: unknown): unknown[] {
  if (r === null || (typeof r !== 'object' && typeof r !== 'function')) {
    throw new TypeError('a function returning several values must return an iterable');
  }
  const method = (r as { [Symbol.iterator]?: unknown })[Symbol.iterator];
  if (typeof method !== 'function') throw new TypeError('a function returning several values must return an iterable');
  const iter = method.call(r) as { next?: unknown };
  if (iter === null || typeof iter !== 'object') throw new TypeError('the iterator is not an object');
  const next = iter.next as (this: unknown) => { done?: unknown; value?: unknown };
  const out: unknown[] = [];
  for (;;) {
    const step = next.call(iter);
    if (step === null || (typeof step !== 'object' && typeof step !== 'function')) throw new TypeError('iterator result is not an object');
    if (step.done) return out;
    out.push(step.value);
  }
}

/** The FuncInst for a JS callable imported with function type `type`. */
export function importedFunction(fn: Function, type: DefType): FuncInst {
  const existing = funcInsts.get(fn);
  if (existing) return existing;
  const { params, results } = signature(type);
  const g = hostFunc(type, (args: Value[]): Value[] => {
    let r: unknown;
    try {
      const jsArgs = args.map((a, i) => toJS(a, params[i]));
      r = Reflect.apply(fn, undefined, jsArgs);
    } catch (e) {
      throw toWasmThrow(e);
    }
    if (results.length === 0) return [];
    if (results.length === 1) return [toWasm(r, results[0])];
    const values = iterableToList(r);
    if (values.length !== results.length) {
      throw new TypeError(`expected ${results.length} results, got ${values.length}`);
    }
    return values.map((v, i) => toWasm(v, results[i]));
  });
  registerJsHost(g, fn, JS_CONVERSIONS); // compiled code may call `fn` with JS values directly
  return g;
}
