/**
 * JS Promise Integration (docs/proposals/js-promise-integration.md): `new WebAssembly.Suspending(fn)`
 * marks an import whose promise results suspend the calling wasm stack, and
 * `WebAssembly.promising(export)` runs an export on a stack of its own and returns a promise.
 *
 * How it maps onto the interpreter: a promising call runs on a fresh suspendable Thread
 * (exec/invoke.ts `invokeAsync`). A suspending import that gets a promise from its JS function
 * returns a runtime `Suspension`; the interpreter loop then returns to the host with the frames left
 * in place, and `invokeAsync` resumes the same Thread when the promise settles: with the converted
 * value, or by throwing the rejection at the call site (it enters wasm like any JS exception, under
 * JSTag). Traps, all raised by the interpreter (exec/interp.ts `callHost`):
 *  - a suspending import returning a promise when no promising call is active on the stack (called
 *    from a plain export, or from the store's main stack);
 *  - suspending through JS frames: a JS function between the promising export and the import means
 *    the inner wasm runs on the store's main stack (JS re-entry), which is not suspendable.
 * Stack-switching continuations resumed under a promising call are wasm frames too: a suspending
 * import called inside one suspends the whole chain of stacks (exec/thread.ts `resumeAt`).
 * The compiled tier never runs on a suspendable stack (jit/bridge.ts `canEnter`), so every frame
 * between `promising` and the import is an interpreter frame that can be left and re-entered.
 * Re-entrance is allowed, as the proposal says: each promising call gets its own stack, so several
 * can be suspended at once and finish in any order.
 */
import type { CValType, DefType } from '../valid/canon-types.js';
import { Suspension, WasmException, hostFunc, invokeAsync, type FuncInst, type Value } from '../runtime/index.js';
import { RuntimeError as WeftRuntimeError } from '../errors.js';
import { store } from './store.js';
import { toJS, toWasm, hostRef } from './convert.js';
import { jsTagInst, wasmExceptionOf } from './exception.js';
import { funcInstOf, fromWasmThrow } from './functions.js';
import { idlInterface, requireNew, setLength } from './webidl.js';

function signature(t: DefType): { params: readonly CValType[]; results: readonly CValType[] } {
  if (t.comp.kind !== 'func') throw new TypeError('not a function type');
  return t.comp;
}

const wrapped = new WeakMap<object, Function>();

export class Suspending {
  constructor(jsFun: unknown) {
    requireNew(new.target, 'Suspending');
    if (typeof jsFun !== 'function') throw new TypeError('WebAssembly.Suspending(): argument 1 must be callable');
    // The [[wrappedFunction]] slot; a WeakMap keeps it invisible, like an internal slot.
    wrapped.set(this, jsFun);
  }
}
idlInterface(Suspending, 'Suspending', 1);

/** Whether `v` is a WebAssembly.Suspending (has a [[wrappedFunction]] slot). */
export function isSuspending(v: unknown): v is Suspending {
  return typeof v === 'object' && v !== null && wrapped.has(v);
}

/**
 * What a JS callable threw, as wasm sees it (the same mapping functions.ts uses for ordinary
 * imports): traps and host stack overflows stay uncatchable, WebAssembly.Exception unwraps to its
 * runtime exception, anything else travels under JSTag.
 */
function jsThrowToWasm(e: unknown): unknown {
  if (e instanceof WasmException || e instanceof WeftRuntimeError) return e;
  if (e instanceof RangeError && /call stack/i.test(e.message)) return e;
  return wasmExceptionOf(e) ?? new WasmException(jsTagInst, [hostRef(e)]);
}

/** Converts a JS return (or resolution) value to the import's results. */
function resultsOf(r: unknown, results: readonly CValType[]): Value[] {
  if (results.length === 0) return [];
  if (results.length === 1) return [toWasm(r, results[0])];
  if (r === null || typeof r !== 'object' || typeof (r as { [Symbol.iterator]?: unknown })[Symbol.iterator] !== 'function') {
    throw new TypeError('a function returning several values must return an iterable');
  }
  const values = [...(r as Iterable<unknown>)];
  if (values.length !== results.length) throw new TypeError(`expected ${results.length} results, got ${values.length}`);
  return values.map((v, i) => toWasm(v, results[i]));
}

/**
 * ECMAScript IsPromise: a genuine Promise (thenables do not suspend, as in the proposal). A
 * `Promise.prototype.then` lookup would miss cross-realm promises; instanceof is what this realm can do.
 */
function isPromise(v: unknown): v is Promise<unknown> {
  return v instanceof Promise;
}

/** The proposal's "suspending function": the runtime import made for a Suspending of type `type`. */
export function suspendingFunction(s: Suspending, type: DefType): FuncInst {
  const fn = wrapped.get(s)!;
  const { params, results } = signature(type);
  return hostFunc(type, (args: Value[]): Value[] | Suspension => {
    let r: unknown;
    try {
      r = Reflect.apply(fn, undefined, args.map((a, i) => toJS(a, params[i])));
    } catch (e) {
      throw jsThrowToWasm(e);
    }
    if (!isPromise(r)) return resultsOf(r, results);
    // A conversion failure of the resolved value stays a TypeError (uncatchable in wasm, as for
    // a synchronous import); a rejection becomes a wasm exception thrown where the call was.
    return new Suspension(r.then(v => resultsOf(v, results), e => { throw jsThrowToWasm(e); }));
  });
}

/** WebAssembly.promising(wasmFun): a function returning a promise of wasmFun's results. */
export function promising(wasmFun: unknown): Function {
  const f = funcInstOf(wasmFun);
  if (f === undefined) throw new TypeError('WebAssembly.promising(): argument 1 must be an exported WebAssembly function');
  const { params, results } = signature(f.type);
  const marked = (...args: unknown[]): Promise<unknown> => new Promise((resolve, reject) => {
    let raw: Value[];
    try {
      if (results.includes('v128')) throw new TypeError('v128 results cannot cross the JS boundary');
      raw = params.map((p, i) => toWasm(args[i], p));
    } catch (e) {
      reject(e);
      return;
    }
    // Runs synchronously until the first suspension (invokeAsync is an async function).
    invokeAsync(store, f, raw).then(out => {
      if (results.length === 0) resolve(undefined);
      else if (results.length === 1) resolve(toJS(out[0], results[0]));
      else resolve(out.map((v, i) => toJS(v, results[i])));
    }, e => reject(fromWasmThrow(e)));
  });
  Object.defineProperty(marked, 'name', { value: String(f.index), configurable: true });
  setLength(marked, f.params);
  return marked;
}
setLength(promising, 1);
