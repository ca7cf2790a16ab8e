/**
 * weft's implementation of the WebAssembly JS API (https://webassembly.github.io/spec/js-api/):
 * `WebAssembly` is a drop-in replacement for the host's namespace. See docs/api.md.
 */
export { WebAssembly, type WebAssemblyNamespace, type CompileOptions } from './namespace.js';
export { Module, type ModuleExportDescriptor, type ModuleImportDescriptor } from './module.js';
export { Instance } from './instance.js';
export { Memory } from './memory.js';
export { Table } from './table.js';
export { Global } from './global.js';
export { Tag, JSTag } from './tag.js';
export { Exception } from './exception.js';
export { CompileError, LinkError, RuntimeError } from './errors.js';
export { configure, configuration } from './store.js';
export type { EngineOptions } from '../runtime/index.js';
