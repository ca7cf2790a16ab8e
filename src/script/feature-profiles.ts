/**
 * Which features a script runs with. Core scripts run with weft's defaults. A proposal's scripts
 * are written against that proposal's repository, so they get every feature on, except where the
 * proposal's tests predate later standard features and assert their absence: the threads
 * proposal's tests expect "multiple memories"/"multiple tables" to be invalid and 2^32 page limits
 * to be out of range (no multi-memory, reference types or memory64 in their base spec).
 */
import { ALL_FEATURES, DEFAULT_FEATURES, features, type Feature, type FeatureSet } from '../features.js';

const ERA_OVERRIDES: readonly [RegExp, Partial<Record<Feature, boolean>>][] = [
  [/(^|\/)proposals\/threads\//, { 'multi-memory': false, 'reference-types': false, memory64: false }],
];

/** Features for the script at `path` (a path or report name containing `core/` or `proposals/<name>/`). */
export function scriptFeatures(path: string): FeatureSet {
  const p = path.replace(/\\/g, '/');
  for (const [re, overrides] of ERA_OVERRIDES) if (re.test(p)) return features({ ...ALL_FEATURES, ...overrides });
  return /(^|\/)proposals\//.test(p) ? ALL_FEATURES : DEFAULT_FEATURES;
}
