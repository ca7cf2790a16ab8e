/**
 * WebAssembly.Module: a decoded and validated module. The static reflection functions list its
 * imports, exports (kinds as the JS API names them) and custom sections (fresh ArrayBuffer copies).
 */
import type { ValidModule } from '../valid/index.js';
import { validateModule } from '../valid/index.js';
import { decodeModule } from '../binary/decode.js';
import { applyProfile, DEFAULT_FEATURES, type FeatureSet } from '../features.js';
import { store } from './store.js';
import type { ExternKind } from '../syntax/types.js';
import { toApiError } from './errors.js';
import { isEngineImport } from '../runtime/index.js';
import { checkByteLimit, checkModuleLimits } from './limits.js';
import { bufferSourceBytes, idlInterface, isObject, requireNew, setLength, toDOMString, WrapperCache } from './webidl.js';
import {
  NO_BUILTINS, isProvidedImport, planBuiltinImports, readBuiltinSetNames, readImportedStringConstants,
  type BuiltinOptions,
} from './builtins/index.js';

/** The features the JS API enables: Wasm 3.0 plus the proposals weft runs by default. */
export const API_FEATURES: FeatureSet = DEFAULT_FEATURES;

/** What a WebAssemblyCompileOptions dictionary asks for. */
export interface CompileSettings {
  readonly features: FeatureSet;
  /** JS String Builtins / JS Primitive Builtins: `builtins` and `importedStringConstants`. */
  readonly builtins: BuiltinOptions;
}

const DEFAULT_SETTINGS: CompileSettings = { features: API_FEATURES, builtins: NO_BUILTINS };

/**
 * The compile options dictionary (WebAssemblyCompileOptions): `builtins` and
 * `importedStringConstants` (see builtins/), and, as a weft extension, `features`: a FeatureSet
 * (see `features()` in weft's entry point) to compile with. Members are read in name order, as
 * WebIDL converts dictionaries.
 */
export function compileSettings(options: unknown, what: string): CompileSettings {
  const asked = requestedSettings(options, what);
  // The profile of the current store (`configure({ profile })`) switches features off on top.
  const features = applyProfile(asked.features, store.opts.profile);
  return features === asked.features ? asked : { ...asked, features };
}

function requestedSettings(options: unknown, what: string): CompileSettings {
  if (options === undefined || options === null) return DEFAULT_SETTINGS;
  if (!isObject(options)) throw new TypeError(`${what}: options must be an object`);
  const builtinSetNames = readBuiltinSetNames(options, what);
  const f = (options as { features?: unknown }).features;
  if (f !== undefined && !isObject(f)) throw new TypeError(`${what}: options.features must be a feature set object`);
  const importedStringModule = readImportedStringConstants(options);
  return {
    features: f === undefined ? API_FEATURES : { ...API_FEATURES, ...(f as Partial<FeatureSet>) },
    builtins: { builtinSetNames, importedStringModule },
  };
}

/** The `features` the options ask for (see `compileSettings`). */
export function compileFeatures(options: unknown, what: string): FeatureSet {
  return compileSettings(options, what).features;
}

const KIND_NAMES: Record<ExternKind, string> = {
  func: 'function', table: 'table', memory: 'memory', global: 'global', tag: 'tag',
};

export interface ModuleExportDescriptor { name: string; kind: string }
export interface ModuleImportDescriptor { module: string; name: string; kind: string }

const modules = new WrapperCache<ValidModule, Module>();

/**
 * Decodes and validates synchronously, then checks builtin and string-constant imports;
 * weft's CompileError becomes WebAssembly.CompileError.
 */
export function compileBytes(bytes: Uint8Array, settings: CompileSettings = DEFAULT_SETTINGS): ValidModule {
  try {
    checkByteLimit(bytes.length);
    const m = decodeModule(bytes, settings.features);
    checkModuleLimits(m);
    const vm = validateModule(m, settings.features);
    planBuiltinImports(vm, settings.builtins);
    return vm;
  } catch (e) {
    throw toApiError(e);
  }
}

export class Module {
  readonly #vm: ValidModule;

  constructor(bytes: unknown, options?: unknown) {
    requireNew(new.target, 'Module');
    const adopted = modules.adopting();
    if (adopted) {
      this.#vm = adopted;
      return;
    }
    if (arguments.length < 1) throw new TypeError('WebAssembly.Module(): 1 argument required');
    const b = bufferSourceBytes(bytes, 'WebAssembly.Module()');
    this.#vm = compileBytes(b, compileSettings(options, 'WebAssembly.Module()'));
  }

  static exports(module: unknown): ModuleExportDescriptor[] {
    const vm = validOf(module, 'exports');
    return vm.module.exports.map(e => ({ name: e.name, kind: KIND_NAMES[e.kind] }));
  }

  static imports(module: unknown): ModuleImportDescriptor[] {
    const vm = validOf(module, 'imports');
    // Builtins and string constants are provided by the JS API itself, engine functions
    // (func.new) by the engine: not listed.
    return vm.module.imports
      .filter((_, index) => !isProvidedImport(vm, index) && !isEngineImport(vm, index))
      .map(i => ({ module: i.module, name: i.name, kind: KIND_NAMES[i.desc.kind] }));
  }

  static customSections(module: unknown, sectionName: unknown): ArrayBuffer[] {
    const vm = validOf(module, 'customSections');
    if (arguments.length < 2) throw new TypeError('WebAssembly.Module.customSections(): 2 arguments required');
    const name = toDOMString(sectionName);
    return vm.module.customs.filter(c => c.name === name).map(c => c.data.slice().buffer as ArrayBuffer);
  }

  static isModule(v: unknown): v is Module {
    return isObject(v) && #vm in v;
  }

  /** The validated module (weft extension: for embedders mixing the JS API and the runtime API). */
  static validOf(m: Module): ValidModule {
    return m.#vm;
  }
}
setLength(Module.exports, 1);
setLength(Module.imports, 1);
setLength(Module.customSections, 2);
idlInterface(Module, 'Module', 1);

function validOf(m: unknown, fn: string): ValidModule {
  if (!Module.isModule(m)) throw new TypeError(`WebAssembly.Module.${fn}(): argument 1 must be a WebAssembly.Module`);
  return Module.validOf(m);
}

/** A Module object for an already validated module (async compile). */
export function moduleObject(vm: ValidModule): Module {
  return modules.of(vm, () => new Module(undefined));
}
