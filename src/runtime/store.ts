/** The store: engine options plus the thread every invocation runs on. */
import { applyProfile, DEFAULT_FEATURES, isDeterministic, type FeatureSet, type ProfileChoice } from '../features.js';
import { Thread } from '../exec/thread.js';
import { setTierConfig, jitStats, DEFAULT_THRESHOLD, type Tier, type JitStats } from '../jit/runtime.js';

export interface EngineOptions {
  /** Wasm frames allowed on the stack before "call stack exhausted" (default 20000). */
  readonly maxCallDepth?: number;
  /** Value-stack slots (16 bytes each) allowed before "call stack exhausted" (default 4M = 64 MiB). */
  readonly maxStackSlots?: number;
  /** Fuel budget: calls and backward branches cost one unit each; running out traps "fuel exhausted". */
  readonly fuel?: number;
  readonly features?: FeatureSet;
  /**
   * Execution tier (src/jit): 'interpreter' only, 'compiled' (every function compiled to JS at its
   * first call, where possible), or 'auto' (default: compile after `tierUpThreshold` calls plus
   * loop back-edges, or at first call for functions hinted hot by a compilation-priority section).
   */
  readonly tier?: Tier;
  /** Calls plus loop back-edges before 'auto' compiles a function (default 1000). */
  readonly tierUpThreshold?: number;
  /**
   * Largest size of any one memory, in bytes (default: 4 GiB, the engine's own limit). A module whose
   * memory starts larger fails to instantiate; `memory.grow` beyond it returns -1.
   */
  readonly maxMemoryBytes?: number;
  /**
   * Language profile(s) (src/features.ts `Profile`; a list is their intersection; default 'full').
   * 'deterministic': every generated NaN is the positive canonical NaN, in both tiers; 'scalar'
   * and 'deterministic' also switch features off (see `features` below).
   */
  readonly profile?: ProfileChoice;
}

export class Store {
  readonly thread: Thread;
  /** Whether instances made in this store run with NaN canonicalisation (deterministic profile). */
  readonly deterministic: boolean;
  /** The features modules for this store are decoded and validated with: `opts.features` minus what the profile omits. */
  readonly features: FeatureSet;
  constructor(readonly opts: EngineOptions = {}) {
    this.deterministic = isDeterministic(opts.profile);
    this.features = applyProfile(opts.features ?? DEFAULT_FEATURES, opts.profile);
    this.thread = new Thread(opts.maxCallDepth ?? 20000, opts.maxStackSlots ?? (1 << 22));
    if (opts.fuel !== undefined) this.thread.fuel = opts.fuel;
    setTierConfig(this.thread, { tier: opts.tier ?? 'auto', threshold: opts.tierUpThreshold ?? DEFAULT_THRESHOLD });
  }

  /** Statistics of the compiled tier (process-wide: generated code is shared between stores). */
  stats(): JitStats {
    return jitStats();
  }
}
