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

// ---- profiles (the "profiles" proposal; Wasm 3.0 appendix "Profiles") ----

/**
 * Language profiles: coarse subsets of the full language an ecosystem can pick. A list of profiles
 * means their intersection (`['deterministic', 'scalar']` is the proposal's `{N, T, V}`).
 *
 * - `full`: everything (the default; the empty marker set).
 * - `deterministic`: Wasm 3.0's DET profile: every NaN an arithmetic instruction generates is the
 *   positive canonical NaN, and every relaxed SIMD instruction takes the spec's choice 0 (weft's
 *   only choice, see exec/simd.ts). The profiles proposal defines it as `{N, T}`: threads are out
 *   too (shared memory races make results depend on scheduling), so are shared-everything threads.
 * - `scalar`: the proposal's `{V}`: no vector types or instructions (simd, relaxed-simd), as if
 *   those features were off: v128 in a module is malformed or invalid.
 */
export const PROFILES = ['full', 'deterministic', 'scalar'] as const;

export type Profile = typeof PROFILES[number];

/** Features each profile switches off (the syntactic part of a profile). */
const PROFILE_OMITS: Readonly<Record<Profile, readonly Feature[]>> = {
  full: [],
  deterministic: ['threads', 'shared-everything'],
  scalar: ['simd', 'relaxed-simd'],
};

/** A profile or a list of them, as options take it; undefined is the full profile. */
export type ProfileChoice = Profile | readonly Profile[] | undefined;

/** The profiles of a choice as a list, checked (a TypeError names an unknown profile). */
export function profileList(choice: ProfileChoice): readonly Profile[] {
  const list: readonly unknown[] = choice === undefined ? [] : typeof choice === 'string' ? [choice] : choice;
  if (!Array.isArray(list) && typeof choice !== 'string') throw new TypeError('profile must be a profile name or a list of them');
  for (const p of list) {
    if (!(PROFILES as readonly unknown[]).includes(p)) throw new TypeError(`unknown profile ${JSON.stringify(p)} (known: ${PROFILES.join(', ')})`);
  }
  return list as readonly Profile[];
}

/** Parses `deterministic,scalar` (the CLI's --profile): a TypeError names an unknown profile. */
export function parseProfiles(text: string): readonly Profile[] {
  return profileList(text.split(',').map(s => s.trim()).filter(Boolean) as Profile[]);
}

/** Whether the profiles ask for deterministic execution (canonical NaNs). */
export function isDeterministic(choice: ProfileChoice): boolean {
  return profileList(choice).includes('deterministic');
}

/** The feature overrides a profile (or an intersection of profiles) implies: only ever `false`. */
export function profileFeatures(choice: ProfileChoice): Partial<Record<Feature, boolean>> {
  const off: Partial<Record<Feature, boolean>> = {};
  for (const p of profileList(choice)) for (const f of PROFILE_OMITS[p]) off[f] = false;
  return off;
}

/** `set` restricted to the profile(s): the one place profiles switch features off. */
export function applyProfile(set: FeatureSet, choice: ProfileChoice): FeatureSet {
  const off = profileFeatures(choice);
  return Object.keys(off).length === 0 ? set : Object.freeze({ ...set, ...off });
}
