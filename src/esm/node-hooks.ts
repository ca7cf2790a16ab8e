/**
 * Node module-customization hooks (registered by register.ts with `module.register`; they run on
 * Node's hooks thread) that load WebAssembly modules as ES modules on weft's engine.
 *
 * A URL is wasm if its path ends in `.wasm` or its bytes start with `\0asm`. Such a module is
 * compiled here, at load time, so a malformed or invalid module fails the import before any module
 * of the graph runs, like a JS syntax error (HTML reports a wasm compile error as the module
 * script's parse error). Then it loads as the JS source of generate-source.ts, which compiles again
 * and instantiates on the main thread during evaluation.
 *
 * Errors thrown here cross the thread boundary as plain Errors that keep `name` ('CompileError',
 * 'LinkError'), `message` and own properties (`offset`, `phase`, `reason`), but not their class.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { Module } from '../api/index.js';
import { MARKER_SCHEME, markerSource, wasmModuleSource } from './generate-source.js';
import { checkReservedNames } from './reserved-names.js';
import { ESM_COMPILE_OPTIONS } from './registry.js';

/** The format our resolve hook gives wasm URLs, so that load knows them without sniffing. */
const WASM_FORMAT = 'weft-wasm';
const RUNTIME_URL = new URL('./evaluate-module.js', import.meta.url).href;
const REGISTRY_URL = new URL('./registry.js', import.meta.url).href;

interface ResolveContext { conditions?: string[]; importAttributes?: Record<string, string>; parentURL?: string }
interface ResolveResult { url: string; format?: string | null; shortCircuit?: boolean; importAttributes?: Record<string, string> }
interface LoadContext { conditions?: string[]; format?: string | null; importAttributes?: Record<string, string> }
interface LoadResult { format: string; source?: string | ArrayBuffer | Uint8Array | null; shortCircuit?: boolean }
type NextResolve = (specifier: string, context?: ResolveContext) => Promise<ResolveResult>;
type NextLoad = (url: string, context?: LoadContext) => Promise<LoadResult>;

function hasWasmPath(url: string): boolean {
  try {
    return new URL(url).pathname.endsWith('.wasm');
  } catch {
    return false;
  }
}

function isWasmBytes(b: Uint8Array): boolean {
  return b.length >= 4 && b[0] === 0 && b[1] === 0x61 && b[2] === 0x73 && b[3] === 0x6d;
}

function bytesOf(source: LoadResult['source']): Uint8Array | undefined {
  if (source instanceof Uint8Array) return source;
  if (source instanceof ArrayBuffer) return new Uint8Array(source);
  return undefined;
}

function displayName(url: string): string {
  return url.startsWith('file:') ? fileURLToPath(url) : url;
}

/** The generated JS module for wasm bytes, or the compile / reserved-name error. */
function wasmLoadResult(url: string, bytes: Uint8Array): LoadResult {
  let module: Module;
  try {
    module = new Module(bytes, ESM_COMPILE_OPTIONS);
  } catch (e) {
    if (e instanceof Error) {
      // Name the file; the stack (what Node prints) was captured with the old message.
      const message = `${displayName(url)}: ${e.message}`;
      if (e.stack) e.stack = e.stack.replace(e.message, message);
      e.message = message;
    }
    throw e;
  }
  checkReservedNames(module, displayName(url));
  const importModules = [...new Set(Module.imports(module).map(i => i.module))];
  const source = wasmModuleSource({
    url,
    runtimeUrl: RUNTIME_URL,
    bytesBase64: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64'),
    importModules,
    exportNames: Module.exports(module).map(e => e.name),
  });
  return { format: 'module', source, shortCircuit: true };
}

async function wasmBytes(url: string, context: LoadContext, nextLoad: NextLoad): Promise<Uint8Array> {
  if (url.startsWith('file:')) return readFile(fileURLToPath(url));
  const r = await nextLoad(url, { ...context, format: 'module' });
  const b = bytesOf(r.source);
  if (!b) throw new TypeError(`weft/esm: could not read the bytes of ${url}`);
  return b;
}

export async function resolve(specifier: string, context: ResolveContext, nextResolve: NextResolve): Promise<ResolveResult> {
  if (specifier.startsWith(MARKER_SCHEME)) return { url: specifier, shortCircuit: true };
  const r = await nextResolve(specifier, context);
  return hasWasmPath(r.url) ? { ...r, format: WASM_FORMAT } : r;
}

export async function load(url: string, context: LoadContext, nextLoad: NextLoad): Promise<LoadResult> {
  if (url.startsWith(MARKER_SCHEME)) {
    return { format: 'module', source: markerSource(url.slice(MARKER_SCHEME.length), REGISTRY_URL), shortCircuit: true };
  }
  if (context.format === WASM_FORMAT || context.format === 'wasm' || hasWasmPath(url)) {
    return wasmLoadResult(url, await wasmBytes(url, context, nextLoad));
  }
  let r: LoadResult;
  try {
    r = await nextLoad(url, context);
  } catch (e) {
    // An unknown extension may still be wasm: sniff the file's magic number.
    const code = (e as { code?: unknown }).code;
    if (url.startsWith('file:') && (code === 'ERR_UNKNOWN_FILE_EXTENSION' || code === 'ERR_UNKNOWN_MODULE_FORMAT')) {
      const bytes = await readFile(fileURLToPath(url)).catch(() => undefined);
      if (bytes && isWasmBytes(bytes)) return wasmLoadResult(url, bytes);
    }
    throw e;
  }
  const b = bytesOf(r.source);
  return b && isWasmBytes(b) ? wasmLoadResult(url, b) : r;
}
