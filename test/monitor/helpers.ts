/** Test helpers: a text module, encoded by weft, instantiated through weft's JS API, with monitors. */
import { parseModule } from '../../src/text/parse-module.js';
import { encodeModule } from '../../src/binary/encode.js';
import { ALL_FEATURES } from '../../src/features.js';
import { WebAssembly as W, Instance } from '../../src/api/index.js';
import type { ModuleInstance } from '../../src/runtime/instance.js';
import type { Monitor } from '../../src/monitor/index.js';

export function wasm(wat: string): Uint8Array {
  return encodeModule(parseModule(wat, ALL_FEATURES), { names: true });
}

export interface Loaded {
  readonly exports: Record<string, (...args: unknown[]) => unknown>;
  readonly inst: ModuleInstance;
}

export function instantiate(bytes: Uint8Array, imports: Record<string, Record<string, unknown>> = {}): Loaded {
  const instance = new W.Instance(new W.Module(bytes as Uint8Array<ArrayBuffer>, { features: ALL_FEATURES }), imports) as unknown as Instance & { exports: Loaded['exports'] };
  return { exports: instance.exports, inst: Instance.instOf(instance) };
}

/**
 * Instantiates, attaches `monitors`, calls export `name` and finishes the monitors with whatever
 * the call threw; returns the result or the error.
 */
export function runWith(monitors: readonly Monitor[], wat: string | Uint8Array, name: string, args: unknown[] = [],
  imports: Record<string, Record<string, unknown>> = {}, withExports?: (exports: Loaded['exports']) => void,
): { result?: unknown; error?: unknown } {
  const { exports, inst } = instantiate(typeof wat === 'string' ? wasm(wat) : wat, imports);
  withExports?.(exports);
  for (const m of monitors) m.attach(inst);
  try {
    const result = exports[name]!(...args);
    for (const m of monitors) m.finish({});
    return { result };
  } catch (error) {
    for (const m of monitors) m.finish({ error });
    return { error };
  }
}
