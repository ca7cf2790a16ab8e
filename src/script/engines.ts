/**
 * The engines the runner can drive, by name (`weft wast --engine NAME`). A fresh engine per
 * script keeps scripts independent. `api` runs scripts through the JS API (src/api).
 */
import type { Engine } from './engine.js';
import type { FeatureSet } from '../features.js';
import { InternalEngine } from './engine-internal.js';
import { ValidateEngine } from './engine-validate.js';
import { ApiEngine } from './engine-api.js';

export interface EngineOptions {
  readonly features?: FeatureSet;
}

const FACTORIES: Record<string, (opts: EngineOptions) => Engine> = {
  internal: opts => new InternalEngine(opts) as Engine,
  validate: opts => new ValidateEngine(opts) as Engine,
  api: opts => new ApiEngine(opts) as Engine,
};

export const ENGINE_NAMES: readonly string[] = Object.keys(FACTORIES);

export function createEngine(name: string, opts: EngineOptions = {}): Engine {
  const make = FACTORIES[name];
  if (!make) throw new Error(`unknown engine "${name}" (known: ${ENGINE_NAMES.join(', ')})`);
  return make(opts);
}
