/**
 * The import object for a wasm module linked into an ES module graph (the spec's ExecuteModule):
 * each import's module name names an ES module, whose namespace was loaded by the host, and the
 * import's value is that namespace's export of the import's name, read once ("snapshot").
 *
 * - From another wasm module: the exporting instance's own export (a Global stays that Global,
 *   a function stays the same wasm function), exactly as if its exports object were the imports;
 *   a LinkError if that module has not been instantiated yet (a cycle of wasm modules).
 * - From a JS module: the binding's current value; reading one that is not initialized yet (an
 *   import cycle) is a ReferenceError. Global imports accept a Global, or for an immutable import
 *   any value ToWebAssemblyValue converts (a new immutable Global is made from it); a mutable
 *   import needs a Global. Everything else goes through the JS API's own import checks.
 * - A name the module does not export is a LinkError naming the module and the name.
 * - Builtin imports (`wasm:js-string`, see ESM_COMPILE_OPTIONS) are the engine's: the JS API's
 *   import reflection leaves them out, and so does this.
 */
import { Global, LinkError, Module } from '../api/index.js';
import type { CGlobalType } from '../valid/index.js';
import { wasmRecordOf } from './registry.js';

/** The namespace object of the ES module an import's module name resolved to. */
export type NamespaceOf = (moduleName: string) => object;

type ImportObject = Record<string, Record<string, unknown>>;

const NUMERIC = new Set(['i32', 'i64', 'f32', 'f64']);

function where(moduleName: string, name: string): string {
  return `import "${name}" from "${moduleName}"`;
}

/** Reads one binding of a JS module's namespace, with the errors the ESM integration specifies. */
function readBinding(ns: object, moduleName: string, name: string): unknown {
  if (!(name in ns)) throw new LinkError(`${where(moduleName, name)}: module "${moduleName}" has no export named "${name}"`);
  try {
    return (ns as Record<string, unknown>)[name];
  } catch (e) {
    if (e instanceof ReferenceError) {
      throw new ReferenceError(`${where(moduleName, name)}: the binding is not initialized yet (a module cycle reaches this wasm module before "${moduleName}" ran)`, { cause: e });
    }
    throw e;
  }
}

/** A JS value offered for a global import, as the ESM integration converts it. */
function globalImport(v: unknown, type: CGlobalType, at: string): unknown {
  if (Global.isGlobal(v)) return v;
  if (type.type === 'v128') throw new LinkError(`${at}: a v128 global can only be imported as a WebAssembly.Global`);
  if (type.mutable) throw new LinkError(`${at}: a mutable global import needs a WebAssembly.Global (got ${typeof v})`);
  // ToWebAssemblyValue: numbers, strings, BigInts... as the value type says (a Number for i64 is a TypeError).
  if (NUMERIC.has(type.type as string)) return new Global({ value: type.type as string, mutable: false }, v);
  return v; // reference types: the JS API converts the value itself
}

/**
 * @param hostFunction  applied to each JS function imported from a JS module (not to wasm-to-wasm
 *                      imports), e.g. to refresh live bindings before JS runs (live-bindings.ts)
 */
export function esmImportObject(module: Module, namespaceOf: NamespaceOf, hostFunction?: (f: Function) => Function): ImportObject {
  const vm = Module.validOf(module);
  const out: ImportObject = Object.create(null);
  const requested = new Set(Module.imports(module).map(i => `${i.module}\0${i.name}`));
  let globalIndex = 0;
  for (const imp of vm.module.imports) {
    const at = where(imp.module, imp.name);
    const isGlobal = imp.desc.kind === 'global';
    const globalType = isGlobal ? vm.globals[globalIndex++] : undefined;
    if (!requested.has(`${imp.module}\0${imp.name}`)) continue; // a builtin
    const ns = namespaceOf(imp.module);
    const record = wasmRecordOf(ns);
    let v: unknown;
    if (record) {
      // The spec's ExecuteModule: a wasm module reached through a cycle before it ran.
      if (!record.instance) throw new LinkError(`${at}: "${imp.module}" is a wasm module that has not been instantiated yet (import cycle)`);
      const exports = record.instance.exports as Record<string, unknown>;
      if (!(imp.name in exports)) throw new LinkError(`${at}: module "${imp.module}" has no export named "${imp.name}"`);
      v = exports[imp.name];
    } else {
      v = readBinding(ns, imp.module, imp.name);
      if (globalType) v = globalImport(v, globalType, at);
      else if (hostFunction && imp.desc.kind === 'func' && typeof v === 'function') v = hostFunction(v);
    }
    (out[imp.module] ??= Object.create(null))[imp.name] = v;
  }
  return out;
}
