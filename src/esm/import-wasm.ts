/**
 * `importWasm(url)`: the instance phase (`await import('./x.wasm')`) as a host-neutral loader, for
 * hosts whose module loader does not know wasm (browsers without the ESM integration; also works
 * on Node). Fetches and compiles the module with weft, loads each import module name with dynamic
 * `import()` (relative names against the wasm URL; other `.wasm` URLs through importWasm itself),
 * links them with the ESM integration's rules (import-object.ts), instantiates, and resolves to a
 * namespace-like object: null prototype, not extensible, one property per export (sorted), mutable globals
 * as getters that read the live value, a v128 global as a getter throwing ReferenceError (the
 * binding the spec leaves uninitialized).
 *
 * Each URL is loaded once (later calls get the same object; this map is the loader's own, apart
 * from the host's module map). An import cycle back to a wasm module that is still loading is a
 * LinkError, as in the spec's ExecuteModule. Known gap: a cycle through a JS module that itself
 * awaits importWasm of a module still loading waits forever (the loader cannot see that chain).
 */
import { Instance, LinkError, WebAssembly } from '../api/index.js';
import { exportBindings } from './export-bindings.js';
import { esmImportObject } from './import-object.js';
import { importSource } from './import-source.js';
import { wasmRecord } from './registry.js';
import { checkReservedNames } from './reserved-names.js';
import { toURL } from './fetch-bytes.js';

export interface ImportWasmOptions {
  /**
   * Loads a JS (non-wasm) dependency given its resolved specifier: an absolute URL, or a bare name
   * left as it is (for an import map or the host's package resolution). Default: dynamic
   * `import()` from this module.
   */
  readonly importModule?: (specifier: string) => Promise<object>;
}

export type WasmNamespace = Readonly<Record<string, unknown>>;

const loaded = new Map<string, Promise<WasmNamespace>>();
const loading = new Set<string>();

/** How a wasm import module name resolves relative to the importing wasm module's URL. */
export function resolveImportSpecifier(moduleName: string, wasmUrl: URL): string {
  if (/^\.{0,2}\//.test(moduleName)) return new URL(moduleName, wasmUrl).href;
  try {
    return new URL(moduleName).href; // already absolute
  } catch {
    return moduleName; // bare: the host resolves it
  }
}

function isWasmSpecifier(s: string): boolean {
  try {
    return new URL(s).pathname.endsWith('.wasm');
  } catch {
    return false;
  }
}

function namespaceObject(bindings: ReturnType<typeof exportBindings>): WasmNamespace {
  const ns: Record<string | symbol, unknown> = Object.create(null);
  // A module namespace lists its exports sorted by code units.
  const sorted = [...bindings].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const b of sorted) {
    if (b.kind === 'value') {
      // Read-only, so that assigning throws in strict code as it does on a module namespace.
      Object.defineProperty(ns, b.name, { value: b.value, enumerable: true, writable: false, configurable: false });
    } else {
      const get = b.kind === 'live' ? b.read : () => {
        throw new ReferenceError(`export "${b.name}" (a v128 global) has no JS value`);
      };
      Object.defineProperty(ns, b.name, { get, enumerable: true, configurable: false });
    }
  }
  Object.defineProperty(ns, Symbol.toStringTag, { value: 'Module' });
  return Object.preventExtensions(ns) as WasmNamespace;
}

async function load(url: URL, options: ImportWasmOptions): Promise<WasmNamespace> {
  const importModule = options.importModule ?? ((s: string) => import(s) as Promise<object>);
  const module = await importSource(url);
  checkReservedNames(module, url.href);
  const deps = new Map<string, object>();
  // Dependencies load in import order, one at a time, as a module graph evaluates them.
  for (const imp of WebAssembly.Module.imports(module)) {
    if (deps.has(imp.module)) continue;
    const target = resolveImportSpecifier(imp.module, url);
    if (isWasmSpecifier(target) && loading.has(target)) {
      throw new LinkError(`${url.href}: import cycle through wasm module ${target}, which has not been instantiated yet`);
    }
    deps.set(imp.module, isWasmSpecifier(target) ? await importWasm(target, undefined, options) : await importModule(target));
  }
  const instance = (await WebAssembly.instantiate(module, esmImportObject(module, name => deps.get(name)!))) as Instance;
  const ns = namespaceObject(exportBindings(module, instance));
  Object.assign(wasmRecord(ns, url.href), { module, instance });
  return ns;
}

/**
 * The namespace of the wasm module at `specifier` (relative to `base`, default the document's base
 * URL), instantiated on weft with its imports loaded as ES modules.
 */
export function importWasm(specifier: string | URL, base?: string | URL, options: ImportWasmOptions = {}): Promise<WasmNamespace> {
  let url: URL;
  try {
    url = toURL(specifier, base);
  } catch (e) {
    return Promise.reject(e);
  }
  const known = loaded.get(url.href);
  if (known) return known;
  loading.add(url.href);
  const p = load(url, options).finally(() => loading.delete(url.href));
  loaded.set(url.href, p);
  return p;
}
