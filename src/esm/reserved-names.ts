/**
 * The spec's "parse a WebAssembly module" step for ESM: the `wasm:` and `wasm-js:` namespaces are
 * reserved for builtins (JS string builtins and future ones), so a module graph may not import from
 * a `wasm-js:` module, nor use those prefixes in import or export names. A LinkError at parse time.
 */
import { LinkError, Module } from '../api/index.js';

const RESERVED = ['wasm:', 'wasm-js:'];

function reserved(name: string): boolean {
  return RESERVED.some(p => name.startsWith(p));
}

export function checkReservedNames(module: Module, url: string): void {
  for (const imp of Module.imports(module)) {
    if (imp.module.startsWith('wasm-js:')) {
      throw new LinkError(`${url}: import module "${imp.module}" uses the reserved wasm-js: prefix`);
    }
    if (reserved(imp.name)) throw new LinkError(`${url}: import name "${imp.name}" uses a reserved prefix (wasm:, wasm-js:)`);
  }
  for (const exp of Module.exports(module)) {
    if (reserved(exp.name)) throw new LinkError(`${url}: export name "${exp.name}" uses a reserved prefix (wasm:, wasm-js:)`);
  }
}
