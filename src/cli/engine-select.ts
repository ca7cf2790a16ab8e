/**
 * Which WebAssembly engine `weft run` instantiates with — the seam between the CLI and the engine.
 *
 * weft's own JS-API namespace (src/api) by default, configured with the command's engine options;
 * `WEFT_ENGINE=native` uses the host's `globalThis.WebAssembly` instead (to compare behaviour).
 * Both speak the JS API's shapes, so everything above this file is engine-neutral. Traps come back
 * as weft `RuntimeError`s either way: native traps are translated (kind from the message, wasm
 * frames from the V8 stack) so `weft run` prints one format.
 */
import { configure, WebAssembly as WeftWebAssembly, type EngineOptions } from '../api/index.js';
import { RuntimeError, type TrapKind, type WasmFrame } from '../errors.js';

export type ImportObject = Record<string, Record<string, unknown>>;

export interface RunnableInstance {
  readonly exports: Record<string, unknown>;
}

export interface Engine {
  readonly name: 'weft' | 'native';
  /** Compiles and instantiates; compile and link failures throw the engine's CompileError/LinkError. */
  instantiate(bytes: Uint8Array, imports: ImportObject): Promise<RunnableInstance>;
  /** The trap a thrown value represents, as a weft RuntimeError, or null if it is no trap. */
  trapOf(e: unknown): RuntimeError | null;
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

function weftEngine(options: EngineOptions): Engine {
  configure(options);
  return {
    name: 'weft',
    async instantiate(bytes, imports) {
      // Proposals switched on for the run (--enable) are compile options of weft's JS API.
      const compileOptions = options.features ? { features: options.features } : undefined;
      return (await WeftWebAssembly.instantiate(bytes as Uint8Array<ArrayBuffer>, imports, compileOptions)).instance as unknown as RunnableInstance;
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

const CHOICES = ['weft', 'native'];

/**
 * The engine named by `choice` (default: $WEFT_ENGINE, else weft). Engine options (tier, fuel,
 * limits) exist only for weft's engine; asking for them with the native one is an error.
 */
export function selectEngine(choice: string = process.env['WEFT_ENGINE'] || 'weft', options: EngineOptions = {}): Engine {
  if (choice === 'auto') choice = 'weft'; // the old name of the default
  if (!CHOICES.includes(choice)) throw new Error(`unknown WEFT_ENGINE '${choice}' (expected ${CHOICES.join(' or ')})`);
  if (choice === 'native') {
    const given = Object.keys(options);
    if (given.length > 0) throw new Error(`engine options (${given.join(', ')}) need weft's engine, not WEFT_ENGINE=native`);
    return nativeEngine();
  }
  return weftEngine(options);
}
