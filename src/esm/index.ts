/**
 * `weft/esm`: WebAssembly/ES module integration on weft's engine.
 *
 * Host-neutral part (this module; browsers and Node):
 * - `importWasm(url)`: instance phase, like `await import('./x.wasm')`;
 * - `importSource(url)`: source phase, like `await import.source('./x.wasm')` → WebAssembly.Module;
 * - `namespaceInstance(ns)`: the Instance behind a wasm module's namespace (spec's
 *   `WebAssembly.namespaceInstance`).
 * Importing it also links weft's Module to the host's %AbstractModuleSource%, if there is one.
 *
 * On Node, `weft/esm` resolves to node.ts, which adds the module hooks (`node --import weft/esm`)
 * so that plain `import` statements and `import()` of .wasm files run on weft.
 */
import { linkAbstractModuleSource } from './module-source.js';

export { importWasm, resolveImportSpecifier, type ImportWasmOptions, type WasmNamespace } from './import-wasm.js';
export { importSource } from './import-source.js';
export { namespaceInstance } from './registry.js';
export { setByteReader, type ByteReader } from './fetch-bytes.js';
export { hostAbstractModuleSource, linkAbstractModuleSource } from './module-source.js';

linkAbstractModuleSource();
