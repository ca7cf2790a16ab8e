/**
 * What the ESM integration remembers across modules, shared by the Node hooks' generated modules
 * and the browser loader:
 *
 * - which module namespace objects belong to wasm modules, and their instances (wasm-to-wasm
 *   imports link the exporting instance's values directly, as the spec's ExecuteModule does, so an
 *   imported Global stays the same Global instead of being unwrapped to a number);
 * - one compiled Module per URL, so `importSource(url)` and an instance-phase import of the same
 *   URL share their source (the proposal's "source phase identity");
 * - the refreshers that keep mutable-global export bindings current (see live-bindings.ts).
 */
import { Instance, Module } from '../api/index.js';

export interface WasmRecord {
  readonly url: string;
  /** Empty until the module's evaluation starts (the namespace is known to be wasm before that). */
  module?: Module;
  /** Empty until the module has been instantiated (its evaluation ran). */
  instance?: Instance;
}

/**
 * How the ESM integration compiles: with the JS String Builtins set enabled (the spec's "parse a
 * WebAssembly module" passes « "js-string" » and no imported string module), so `wasm:js-string`
 * imports are satisfied by the engine and are not module requests.
 */
export const ESM_COMPILE_OPTIONS = Object.freeze({ builtins: Object.freeze(['js-string']) });

const records = new WeakMap<object, WasmRecord>();
const sources = new Map<string, Module | Promise<Module>>();

/** The record of a wasm module's namespace, made on first use (before or at its evaluation). */
export function wasmRecord(namespace: object, url: string): WasmRecord {
  let record = records.get(namespace);
  if (!record) records.set(namespace, (record = { url }));
  return record;
}

export function wasmRecordOf(namespace: unknown): WasmRecord | undefined {
  return typeof namespace === 'object' && namespace !== null ? records.get(namespace) : undefined;
}

/**
 * The JS API's proposed `WebAssembly.namespaceInstance(namespace)`: the Instance behind the
 * namespace of an imported wasm module. TypeError for any other object, as in the spec.
 */
export function namespaceInstance(namespace: unknown): Instance {
  const record = wasmRecordOf(namespace);
  if (!record) throw new TypeError('namespaceInstance: argument is not the namespace of a WebAssembly module');
  if (!record.instance) throw new ReferenceError(`namespaceInstance: ${record.url} has not been instantiated yet`);
  return record.instance;
}

/** The Module compiled for `url`, compiling `bytes` synchronously the first time. */
export function moduleSourceSync(url: string, bytes: () => Uint8Array): Module {
  const known = sources.get(url);
  if (known instanceof Module) return known;
  const m = new Module(bytes(), ESM_COMPILE_OPTIONS);
  sources.set(url, m);
  return m;
}

/** The Module compiled for `url`, compiling asynchronously the first time (one compile per URL). */
export function moduleSource(url: string, compile: () => Promise<Module>): Promise<Module> {
  const known = sources.get(url);
  if (known) return Promise.resolve(known);
  const p = compile().then(
    m => { sources.set(url, m); return m; },
    e => { sources.delete(url); throw e; },
  );
  sources.set(url, p);
  return p;
}
