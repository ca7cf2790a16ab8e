/**
 * Which WebAssembly engine `weft run` instantiates with — the seam between the CLI and the engine.
 *
 * `WEFT_ENGINE=weft` uses weft's own JS-API namespace (src/api/index.ts); `WEFT_ENGINE=runtime` uses
 * weft's embedding runtime directly (runtime-engine.ts, for as long as src/api is not built);
 * `WEFT_ENGINE=native` uses the host's `globalThis.WebAssembly`. Unset (`auto`) takes the first of
 * weft API, weft runtime, native that loads. All speak the JS API's shapes, so everything above this
 * file is engine-neutral. Traps come back as weft `RuntimeError`s either way: native traps are
 * translated (kind from the message, wasm frames from the V8 stack) so `weft run` prints one format.
 */
import { RuntimeError, type TrapKind, type WasmFrame } from '../errors.js';

export type ImportObject = Record<string, Record<string, unknown>>;

export interface RunnableInstance {
  readonly exports: Record<string, unknown>;
}

export interface Engine {
  readonly name: 'weft' | 'runtime' | 'native';
  /** Compiles and instantiates; compile and link failures throw the engine's CompileError/LinkError. */
  instantiate(bytes: Uint8Array, imports: ImportObject): Promise<RunnableInstance>;
  /** The trap a thrown value represents, as a weft RuntimeError, or null if it is no trap. */
  trapOf(e: unknown): RuntimeError | null;
}

/** The subset of the JS API namespace we need. */
interface JsApi {
  instantiate(bytes: BufferSource, imports?: ImportObject): Promise<{ instance: RunnableInstance }>;
  readonly RuntimeError?: new (...args: never[]) => Error;
}

/**
 * Native trap messages (V8 wording) -> weft trap kinds, with the spec's wording for the reason (what
 * weft's interpreter says), so a trap reads the same whichever engine ran the program.
 */
const NATIVE_TRAPS: readonly [RegExp, TrapKind, string][] = [
  [/unreachable/, 'unreachable', 'unreachable'],
  [/divide by zero|remainder by zero/, 'div-by-zero', 'integer divide by zero'],
  [/integer overflow|divide result unrepresentable/, 'int-overflow', 'integer overflow'],
  [/float unrepresentable|invalid conversion/, 'invalid-conversion', 'invalid conversion to integer'],
  [/array element access out of bounds/, 'out-of-bounds-array', 'out of bounds array access'],
  [/memory access out of bounds|out of bounds memory/, 'out-of-bounds-memory', 'out of bounds memory access'],
  [/table index is out of bounds|out of bounds table/, 'out-of-bounds-table', 'out of bounds table access'],
  [/null function|uninitialized element/, 'uninitialized-element', 'uninitialized element'],
  [/signature mismatch|indirect call/, 'indirect-call-mismatch', 'indirect call type mismatch'],
  [/illegal cast/, 'cast-failure', 'cast failure'],
  [/dereferencing a null pointer|null/, 'null-reference', 'null reference'],
];

/** `at name (wasm://wasm/<hash>:wasm-function[12]:0x1a2)` or, unnamed, `at wasm://...` */
const V8_WASM_FRAME = /^\s*at (?:(.+?) \()?wasm:\/\/wasm\/[^:]*:wasm-function\[(\d+)\]:(0x[0-9a-f]+)\)?$/;

function framesFromV8Stack(stack: string | undefined): WasmFrame[] {
  const frames: WasmFrame[] = [];
  for (const line of (stack ?? '').split('\n')) {
    const m = V8_WASM_FRAME.exec(line);
    if (m) frames.push({ funcName: m[1] ?? null, funcIndex: Number(m[2]), offset: parseInt(m[3]!, 16) });
  }
  return frames;
}

function nativeEngine(): Engine {
  const api = globalThis.WebAssembly;
  return {
    name: 'native',
    async instantiate(bytes, imports) {
      // Keep enough frames for a useful wasm stack in trap reports.
      Error.stackTraceLimit = Math.max(Error.stackTraceLimit, 64);
      const { instance } = await api.instantiate(bytes as Uint8Array<ArrayBuffer>, imports as WebAssembly.Imports);
      return instance as unknown as RunnableInstance;
    },
    trapOf(e) {
      if (e instanceof RuntimeError) return e;
      const isStackOverflow = e instanceof RangeError && /call stack/i.test(e.message);
      if (!(e instanceof api.RuntimeError) && !isStackOverflow) return null;
      const err = e as Error;
      const known = NATIVE_TRAPS.find(([re]) => re.test(err.message));
      const [kind, reason]: [TrapKind, string] = isStackOverflow ? ['exhaustion', 'call stack exhausted']
        : known ? [known[1], known[2]] : ['other', err.message];
      return new RuntimeError(kind, reason, framesFromV8Stack(err.stack));
    },
  };
}

function weftEngine(api: JsApi): Engine {
  return {
    name: 'weft',
    async instantiate(bytes, imports) {
      return (await api.instantiate(bytes as Uint8Array<ArrayBuffer>, imports)).instance;
    },
    trapOf(e) {
      // weft's JS API throws (a subclass of) the RuntimeError of src/errors.ts, carrying its wasm
      // stack — except for stack exhaustion, a RangeError as in JS engines, with the same fields.
      if (e instanceof RuntimeError) return e;
      const f = e as { kind?: unknown; reason?: unknown; wasmStack?: unknown };
      if (e instanceof RangeError && typeof f.kind === 'string' && Array.isArray(f.wasmStack)) {
        return new RuntimeError(f.kind as TrapKind, String(f.reason ?? e.message), f.wasmStack as WasmFrame[]);
      }
      return null;
    },
  };
}

/** weft's JS API if it is present and usable, else null. Loaded by a computed specifier so this file compiles before src/api exists. */
async function loadWeftApi(): Promise<JsApi | null> {
  const specifier = '../api/index.js';
  try {
    const mod = (await import(specifier)) as { WebAssembly?: Partial<JsApi> };
    return typeof mod.WebAssembly?.instantiate === 'function' ? (mod.WebAssembly as JsApi) : null;
  } catch {
    return null;
  }
}

/** weft's runtime driven directly, if it loads. */
async function loadRuntimeEngine(): Promise<Engine | null> {
  try {
    const { instantiateOnRuntime } = await import('./runtime-engine.js');
    return {
      name: 'runtime',
      async instantiate(bytes, imports) {
        return instantiateOnRuntime(bytes, imports);
      },
      trapOf: (e) => (e instanceof RuntimeError ? e : null),
    };
  } catch {
    return null;
  }
}

const CHOICES = ['auto', 'weft', 'runtime', 'native'];

export async function selectEngine(choice: string = process.env['WEFT_ENGINE'] || 'auto'): Promise<Engine> {
  if (!CHOICES.includes(choice)) throw new Error(`unknown WEFT_ENGINE '${choice}' (expected ${CHOICES.join(', ')})`);
  if (choice === 'native') return nativeEngine();
  if (choice !== 'runtime') {
    const api = await loadWeftApi();
    if (api) return weftEngine(api);
    if (choice === 'weft') throw new Error("weft's engine (src/api) is not available in this build");
  }
  const runtime = await loadRuntimeEngine();
  if (runtime) return runtime;
  if (choice === 'runtime') throw new Error("weft's runtime (src/runtime) is not available in this build");
  return nativeEngine();
}
