/**
 * The one runtime Store behind weft's WebAssembly namespace. All instances share it (and its
 * thread), so calls between instances, and wasm -> JS -> wasm re-entrancy, stay on one interpreter
 * stack.
 *
 * `configure` (a weft extension; the JS API has no engine options) replaces it with a store built
 * from new options: execution tier, fuel, call-depth, value-stack and memory limits, and the language
 * profile ('deterministic': canonical NaNs; 'scalar': no SIMD; modules compiled from then on are
 * decoded and validated with the profile's features). Instances and
 * memories made before keep working: calls run on whatever store is current when they are made.
 */
import { Store, type EngineOptions } from '../runtime/index.js';
import { profileList } from '../features.js';

export let store = new Store();

/** The engine options the JS API's store runs with from now on (options left out take their defaults). */
export function configure(options: EngineOptions): void {
  for (const key of ['maxCallDepth', 'maxStackSlots', 'tierUpThreshold', 'maxMemoryBytes'] as const) {
    const v = options[key];
    if (v !== undefined && !(Number.isSafeInteger(v) && v > 0)) throw new RangeError(`weft configure(): ${key} must be a positive integer`);
  }
  if (options.fuel !== undefined && !(options.fuel >= 0)) throw new RangeError('weft configure(): fuel must be a number >= 0 (or Infinity)');
  if (options.tier !== undefined && !['interpreter', 'compiled', 'auto'].includes(options.tier)) {
    throw new RangeError(`weft configure(): tier must be 'interpreter', 'compiled' or 'auto'`);
  }
  profileList(options.profile); // a TypeError names an unknown profile
  if (store.thread.depth >= 0) throw new Error('weft configure(): cannot change engine options while wasm code is running');
  store = new Store({ ...options });
}

/** The options in force, as given to `configure` (defaults left out). */
export function configuration(): EngineOptions {
  return store.opts;
}
