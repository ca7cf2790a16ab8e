/**
 * Shared state of compiled code: the call-depth counter, the side channels of the calling
 * convention (high word of an i64 result, several results), the thread compiled code runs on, the
 * per-store tier configuration and the compile statistics.
 */
import { RuntimeError, type WasmFrame } from '../errors.js';
import type { FuncInst } from '../runtime/func.js';
import type { Thread } from '../exec/thread.js';
import { Delegated } from './delegated.js';

export type Tier = 'interpreter' | 'compiled' | 'auto';

export interface TierConfig {
  readonly tier: Tier;
  /** Calls plus loop back-edges after which 'auto' compiles a function. */
  readonly threshold: number;
}

export const DEFAULT_THRESHOLD = 1000;
const DEFAULT_CONFIG: TierConfig = { tier: 'auto', threshold: DEFAULT_THRESHOLD };
const configs = new WeakMap<Thread, TierConfig>();

export function setTierConfig(t: Thread, c: TierConfig): void {
  configs.set(t, c);
}
export function tierConfigOf(t: Thread): TierConfig {
  return configs.get(t) ?? DEFAULT_CONFIG;
}

function isHostStackOverflow(e: unknown): boolean {
  // No regex here: under a host stack overflow even building one can throw.
  return e instanceof RangeError && e.message.indexOf('call stack') >= 0;
}

export const RT = {
  /**
   * Estimated host-stack use of the compiled activations running now, in 8-byte words (each
   * function adds its number of JS variables plus a frame overhead). Past `limit`, calls run in the
   * interpreter instead (whose frames are explicit), so deep recursion ends in the same
   * RuntimeError('exhaustion') as in the interpreter, before the host stack overflows.
   */
  depth: 0,
  // Conservative: frames of functions V8 has not optimised yet are larger than estimated, and a
  // fresh process (CI) overflowed the host stack at 48000.
  limit: 24000,
  /** High word of an i64 result. */
  hi: 0,
  /** Several results (a generic array, so that NaN-boxed doubles keep their bits). */
  res: [null, null, null, null] as unknown[],
  /** The thread whose value stack interpreter calls from compiled code use. */
  thread: null as Thread | null,
  /** Adds the compiled frame `f` (at byte offset `o`) to a trap's wasm stack. */
  annotate(e: unknown, f: FuncInst, o: number): unknown {
    if (isHostStackOverflow(e)) e = new RuntimeError('exhaustion', 'call stack exhausted');
    // A legacy `delegate` to the function's own label: the exception goes on to the caller as is.
    else if (e instanceof Delegated) return e.exn;
    // o = -2: the trap happened in a function this frame tail-called (its frame is gone in wasm).
    if (e instanceof RuntimeError && o !== -2) {
      const frame: WasmFrame = { funcIndex: f.index, funcName: f.instance?.funcName(f.index) ?? null, offset: o };
      e.wasmStack.push(frame);
    }
    return e;
  },
};

/** What the compiled tier has done so far (all stores together). */
export interface JitStats {
  /** Functions translated to JS. */
  compiled: number;
  /** OSR variants translated (a function entered mid-call at a loop; see osr.ts). */
  osr: number;
  /** Interpreter frames transferred to an OSR variant. */
  osrEntries: number;
  /** Compiled functions too large for one JS function, split into several (split.ts). */
  split: number;
  /** Functions the translator left to the interpreter (unsupported instructions, size, CSP). */
  rejected: number;
  /** Total size of generated JS source, in characters. */
  sourceChars: number;
  /** Time spent generating and compiling JS (ms). */
  compileMs: number;
  /** Whether `new Function` is unavailable here (CSP); the compiled tier is then off. */
  evalBlocked: boolean;
  /** Functions compiled again with call_indirect guesses from their run-time feedback (indirect-feedback.ts). */
  recompiled: number;
  /** Reasons for rejections, with counts. */
  reasons: Record<string, number>;
}

export const STATS: JitStats = { compiled: 0, osr: 0, osrEntries: 0, split: 0, rejected: 0, sourceChars: 0, compileMs: 0, evalBlocked: false, recompiled: 0, reasons: {} };

export function jitStats(): JitStats {
  return { ...STATS, reasons: { ...STATS.reasons } };
}
