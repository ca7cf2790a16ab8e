/**
 * The engines the runner can drive, by name (`weft wast --engine NAME`). A fresh engine per
 * script keeps scripts independent. `api` runs scripts through the JS API (src/api).
 */
import type { Engine } from './engine.js';
import type { FeatureSet, Profile } from '../features.js';
import type { Tier } from '../jit/runtime.js';
import { InternalEngine } from './engine-internal.js';
import { ValidateEngine } from './engine-validate.js';
import { ApiEngine } from './engine-api.js';

export interface EngineOptions {
  readonly features?: FeatureSet;
  /** Execution tier of engines that have several (internal); see runtime/store.ts. */
  readonly tier?: Tier;
  /** Language profiles (features.ts): they switch features off, and 'deterministic' canonicalises NaNs. */
  readonly profile?: readonly Profile[];
  /** Tier-up threshold of the 'auto' tier (see runtime/store.ts). */
  readonly tierUpThreshold?: number;
}

const FACTORIES: Record<string, (opts: EngineOptions) => Engine> = {
  internal: opts => new InternalEngine(opts) as Engine,
  validate: opts => new ValidateEngine(opts) as Engine,
  api: opts => new ApiEngine(opts) as Engine,
};

export const ENGINE_NAMES: readonly string[] = Object.keys(FACTORIES);

/**
 * `name` may carry a tier as `name:tier`, and a tier-up threshold as `name:tier:N` (how `weft wast
 * --tier` and `--tier-up-threshold` reach pool workers).
 */
export function createEngine(name: string, opts: EngineOptions = {}): Engine {
  const [base, tier, threshold, ...rest] = name.split(':');
  if (tier !== undefined) {
    if (tier !== 'interpreter' && tier !== 'compiled' && tier !== 'auto') throw new Error(`unknown tier "${tier}"`);
    opts = { ...opts, tier };
  }
  if (threshold !== undefined) {
    const n = Number(threshold);
    if (threshold === '' || !Number.isInteger(n) || n < 0 || rest.length > 0) throw new Error(`bad tier-up threshold in "${name}"`);
    opts = { ...opts, tierUpThreshold: n };
  }
  name = base;
  const make = FACTORIES[name];
  if (!make) throw new Error(`unknown engine "${name}" (known: ${ENGINE_NAMES.join(', ')})`);
  return make(opts);
}
