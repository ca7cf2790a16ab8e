/**
 * The `WebAssembly` namespace object: the interfaces, the error constructors, JSTag, and the
 * functions validate / compile / instantiate / compileStreaming / instantiateStreaming.
 *
 * Async compilation really is asynchronous: it yields to the event loop before decoding, between
 * decoding and validation, and before instantiation, and argument errors reject the promise
 * rather than throwing synchronously (as the spec's promise-returning operations do).
 */
import { decodeModule } from '../binary/decode.js';
import { validateModule } from '../valid/index.js';
import { CompileError, LinkError, RuntimeError, toApiError } from './errors.js';
import { Module, compileBytes, compileSettings, moduleObject, type CompileSettings } from './module.js';
import { planBuiltinImports } from './builtins/index.js';
import type { FeatureSet } from '../features.js';
import { Instance, instanceWithImports, readImports } from './instance.js';
import { Memory } from './memory.js';
import { Table } from './table.js';
import { Global } from './global.js';
import { Tag, JSTag } from './tag.js';
import { Exception } from './exception.js';
import { bufferSourceBytes, isObject, setLength } from './webidl.js';
import { yieldToEventLoop } from './yield.js';
import { checkByteLimit, checkModuleLimits } from './limits.js';
import { Suspending, promising } from './jspi.js';

function validate(bytes: unknown, options?: unknown): boolean {
  const b = bufferSourceBytes(bytes, 'WebAssembly.validate()');
  const settings = compileSettings(options, 'WebAssembly.validate()');
  try {
    compileBytes(b, settings);
    return true;
  } catch (e) {
    if (e instanceof CompileError) return false;
    throw e;
  }
}

async function compileAsync(b: Uint8Array, settings: CompileSettings): Promise<Module> {
  const { features } = settings;
  await yieldToEventLoop();
  let m;
  try {
    checkByteLimit(b.length);
    m = decodeModule(b, features);
    checkModuleLimits(m);
  } catch (e) {
    throw toApiError(e);
  }
  await yieldToEventLoop();
  try {
    const vm = validateModule(m, features);
    planBuiltinImports(vm, settings.builtins);
    return moduleObject(vm);
  } catch (e) {
    throw toApiError(e);
  }
}

function compile(bytes: unknown, options?: unknown): Promise<Module> {
  try {
    return compileAsync(bufferSourceBytes(bytes, 'WebAssembly.compile()'), compileSettings(options, 'WebAssembly.compile()'));
  } catch (e) {
    return Promise.reject(e);
  }
}

/**
 * The spec's "asynchronously instantiate a module": the import object is read synchronously (its
 * getters run before this returns), instantiation happens in a later task.
 */
function instantiateModule(module: Module, importObject: unknown): Promise<Instance> {
  let imports;
  try {
    imports = readImports(Module.validOf(module), importObject);
  } catch (e) {
    return Promise.reject(e);
  }
  return yieldToEventLoop().then(() => instanceWithImports(module, imports));
}

function instantiate(source: unknown, importObject?: unknown, options?: unknown): Promise<Instance | { module: Module; instance: Instance }> {
  if (Module.isModule(source)) return instantiateModule(source, importObject);
  let b: Uint8Array;
  let settings: CompileSettings;
  try {
    b = bufferSourceBytes(source, 'WebAssembly.instantiate()');
    settings = compileSettings(options, 'WebAssembly.instantiate()');
  } catch (e) {
    return Promise.reject(e);
  }
  if (importObject !== undefined && !isObject(importObject)) {
    return Promise.reject(new TypeError('WebAssembly.instantiate(): argument 2 must be an object'));
  }
  return (async () => {
    const module = await compileAsync(b, settings);
    const instance = await instantiateModule(module, importObject);
    return { module, instance };
  })();
}

/** Awaits a Response (or a promise of one) and takes its bytes, with the spec's checks. */
async function responseBytes(source: unknown, what: string): Promise<Uint8Array> {
  const r = await source;
  const ResponseCtor = (globalThis as { Response?: Function }).Response;
  if (typeof ResponseCtor !== 'function' || !(r instanceof ResponseCtor)) {
    throw new TypeError(`${what}: argument must be a Response or a promise of one`);
  }
  const resp = r as Response;
  const type = resp.headers.get('Content-Type');
  const essence = type === null ? '' : type.split(';')[0].trim().toLowerCase();
  if (essence !== 'application/wasm') {
    throw new TypeError(`${what}: incorrect response MIME type ${JSON.stringify(type)}, expected "application/wasm"`);
  }
  if (!resp.ok) throw new TypeError(`${what}: HTTP status ${resp.status} is not ok`);
  if (resp.bodyUsed) throw new TypeError(`${what}: the response body has already been used`);
  return new Uint8Array(await resp.arrayBuffer());
}

async function compileStreaming(source: unknown, options?: unknown): Promise<Module> {
  const settings = compileSettings(options, 'WebAssembly.compileStreaming()');
  return compileAsync(await responseBytes(source, 'WebAssembly.compileStreaming()'), settings);
}

async function instantiateStreaming(source: unknown, importObject?: unknown, options?: unknown): Promise<{ module: Module; instance: Instance }> {
  const module = await compileStreaming(source, options);
  const instance = await instantiateModule(module, importObject);
  return { module, instance };
}

setLength(validate, 1);
setLength(compile, 1);
setLength(compileStreaming, 1);
setLength(instantiate, 1);
setLength(instantiateStreaming, 1);

/**
 * WebAssemblyCompileOptions, plus weft's `features` (partial overrides of the default feature set).
 * `builtins`: builtin sets to provide ('js-string', 'text-encoder', 'text-decoder', 'js-number',
 * 'js-boolean', 'js-undefined', 'js-symbol', 'js-bigint'; unknown names are ignored, duplicates a
 * CompileError). `importedStringConstants`: the import module whose global imports are strings.
 */
export interface CompileOptions {
  readonly builtins?: Iterable<string>;
  readonly importedStringConstants?: string | null;
  readonly features?: Partial<FeatureSet>;
}

export interface WebAssemblyNamespace {
  readonly Module: typeof Module;
  readonly Instance: typeof Instance;
  readonly Memory: typeof Memory;
  readonly Table: typeof Table;
  readonly Global: typeof Global;
  readonly Tag: typeof Tag;
  readonly Exception: typeof Exception;
  readonly JSTag: Tag;
  readonly CompileError: typeof CompileError;
  readonly LinkError: typeof LinkError;
  readonly RuntimeError: typeof RuntimeError;
  /** JSPI (see jspi.ts). */
  readonly Suspending: typeof Suspending;
  promising(wasmFun: Function): Function;
  validate(bytes: BufferSource, options?: CompileOptions): boolean;
  compile(bytes: BufferSource, options?: CompileOptions): Promise<Module>;
  instantiate(bytes: BufferSource, importObject?: object, options?: CompileOptions): Promise<{ module: Module; instance: Instance }>;
  instantiate(module: Module, importObject?: object): Promise<Instance>;
  compileStreaming(source: Response | PromiseLike<Response>, options?: CompileOptions): Promise<Module>;
  instantiateStreaming(source: Response | PromiseLike<Response>, importObject?: object, options?: CompileOptions): Promise<{ module: Module; instance: Instance }>;
}

/** Builds the namespace with WebIDL's property attributes (operations enumerable, interfaces not). */
function makeNamespace(): WebAssemblyNamespace {
  const ns = {};
  const operations = { validate, compile, instantiate, compileStreaming, instantiateStreaming, promising };
  for (const [k, f] of Object.entries(operations)) {
    Object.defineProperty(ns, k, { value: f, writable: true, enumerable: true, configurable: true });
  }
  const members = { Module, Instance, Memory, Table, Global, Tag, Exception, JSTag, CompileError, LinkError, RuntimeError, Suspending };
  for (const [k, v] of Object.entries(members)) {
    Object.defineProperty(ns, k, { value: v, writable: true, enumerable: false, configurable: true });
  }
  Object.defineProperty(ns, Symbol.toStringTag, { value: 'WebAssembly', configurable: true });
  return ns as WebAssemblyNamespace;
}

export const WebAssembly: WebAssemblyNamespace = makeNamespace();
