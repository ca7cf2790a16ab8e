/** The store: engine options plus the thread every invocation runs on. */
import type { FeatureSet } from '../features.js';
import { Thread } from '../exec/thread.js';

export interface EngineOptions {
  /** Wasm frames allowed on the stack before "call stack exhausted" (default 20000). */
  readonly maxCallDepth?: number;
  /** Value-stack slots (16 bytes each) allowed before "call stack exhausted" (default 4M = 64 MiB). */
  readonly maxStackSlots?: number;
  /** Fuel budget: calls and backward branches cost one unit each; running out traps "fuel exhausted". */
  readonly fuel?: number;
  readonly features?: FeatureSet;
}

export class Store {
  readonly thread: Thread;
  constructor(readonly opts: EngineOptions = {}) {
    this.thread = new Thread(opts.maxCallDepth ?? 20000, opts.maxStackSlots ?? (1 << 22));
    if (opts.fuel !== undefined) this.thread.fuel = opts.fuel;
  }
}
