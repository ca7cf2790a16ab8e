/**
 * JS String Builtins and JS Primitive Builtins for weft's JS API: the compile options, the
 * compile-time import plan, and the sets (see docs/api.md, "compile options").
 */
export { NO_BUILTINS, readBuiltinSetNames, readImportedStringConstants, toUSVString, type BuiltinOptions } from './options.js';
export { planBuiltinImports, isProvidedImport, providedImports, type ProvidedImports } from './plan.js';
export { builtinSetNamed, builtinSetNames } from './sets.js';
