/**
 * weft — a WebAssembly engine in TypeScript. The package entry point.
 *
 * - `WebAssembly`: the JS API namespace (a drop-in for the host's; see docs/api.md), with the
 *   interface classes also exported by name.
 * - The engine's layers, for tools: binary decoder/encoder, validator, text parser/printer.
 * - The error classes every layer throws, and the feature flags they take.
 *
 * Runs in browsers as well as Node: nothing here imports Node built-ins (WASI is `weft/wasi`).
 */
export {
  WebAssembly, type WebAssemblyNamespace, type CompileOptions, Module, Instance, Memory, Table, Global, Tag, JSTag, Exception,
  type ModuleExportDescriptor, type ModuleImportDescriptor,
  // weft's engine options for that namespace: tier, fuel, call-depth/stack/memory limits.
  configure, configuration, type EngineOptions,
} from './api/index.js';

export { decodeModule, encodeModule, type EncodeOptions } from './binary/index.js';
export { validateModule, type ValidModule } from './valid/index.js';
export { parseModule } from './text/parse-module.js';
export { parseScript } from './text/parse-script.js';
export { printModule, type PrintOptions } from './text/print.js';

/**
 * The engine's error classes. `WebAssembly.CompileError` etc. are subclasses of these (with the JS
 * API's constructor signature), so `instanceof CompileError` catches errors from either layer.
 */
export {
  CompileError, LinkError, RuntimeError, ParseError, type CompilePhase, type TrapKind, type WasmFrame,
} from './errors.js';
export { FEATURES, DEFAULT_FEATURES, ALL_FEATURES, features, type Feature, type FeatureSet } from './features.js';
// Language profiles ('full', 'deterministic', 'scalar'): `configure({ profile })`, `new Store({ profile })`.
export { PROFILES, applyProfile, profileFeatures, type Profile, type ProfileChoice } from './features.js';

export type { Module as ModuleAst } from './syntax/module.js';
