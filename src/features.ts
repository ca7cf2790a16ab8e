/**
 * Every proposal weft implements is a feature with one flag here. The decoder, validator and text
 * parser consult a FeatureSet so that profiles (and users) can switch proposals off; the opcode table
 * names the feature each instruction belongs to.
 */
export const FEATURES = [
  // Wasm 3.0 (all standard; on by default)
  'mvp', 'mutable-globals', 'sign-ext', 'sat-trunc', 'multi-value', 'bulk-memory', 'reference-types',
  'simd', 'relaxed-simd', 'tail-call', 'extended-const', 'function-references', 'gc', 'exceptions',
  'legacy-exceptions', 'memory64', 'multi-memory', 'annotations', 'branch-hinting',
  // Proposals in flight
  'threads', 'stack-switching', 'wide-arithmetic', 'custom-page-sizes', 'custom-descriptors',
  'multibyte-array', 'shared-everything', 'compilation-hints', 'js-string-builtins',
  'js-primitive-builtins', 'jspi', 'func-new',
] as const;

export type Feature = typeof FEATURES[number];

export type FeatureSet = Readonly<Record<Feature, boolean>>;

/**
 * Features off by default: those not yet implemented end to end, and those that change the meaning
 * of standard Wasm 3.0 modules: stack switching makes tags with results valid (core/tag.wast
 * requires them invalid), and multibyte-array (complete) gives memarg flag bit 7 a meaning where
 * core/align.wast requires "malformed memop flags", and custom descriptors relax the br_on_cast
 * typing rule so that core/br_on_cast*.wast's invalid modules validate. Opt in with
 * `features({ 'stack-switching': true })` or `--enable`.
 */
const OFF_BY_DEFAULT: ReadonlySet<Feature> = new Set<Feature>([
  'stack-switching', 'shared-everything', 'custom-descriptors', 'multibyte-array', 'func-new',
]);

export const DEFAULT_FEATURES: FeatureSet = Object.freeze(
  Object.fromEntries(FEATURES.map(f => [f, !OFF_BY_DEFAULT.has(f)])) as Record<Feature, boolean>,
);

export const ALL_FEATURES: FeatureSet = Object.freeze(
  Object.fromEntries(FEATURES.map(f => [f, true])) as Record<Feature, boolean>,
);

/** Build a feature set from the defaults plus overrides, e.g. `features({ simd: false })`. */
export function features(overrides: Partial<Record<Feature, boolean>> = {}): FeatureSet {
  return Object.freeze({ ...DEFAULT_FEATURES, ...overrides });
}
