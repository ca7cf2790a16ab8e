/**
 * The common feature options, `--all-features`, `--enable a,b`, `--disable c` and `--profile p,q`,
 * as a FeatureSet (the profile's omissions win over `--enable`).
 * Its own file so that `weft run` can read them without loading the text format (load.ts).
 */
import { ALL_FEATURES, DEFAULT_FEATURES, FEATURES, applyProfile, parseProfiles, type Feature, type FeatureSet } from '../features.js';
import type { ParsedArgs } from './args.js';
import { CliError } from './cli-error.js';

/** The feature set the common options describe. */
export function featuresFrom(args: ParsedArgs): FeatureSet {
  const f: Record<string, boolean> = { ...(args.flags.has('all-features') ? ALL_FEATURES : DEFAULT_FEATURES) };
  for (const [opt, on] of [['enable', true], ['disable', false]] as const) {
    const list = args.options.get(opt);
    if (!list) continue;
    for (const name of list.split(',').map(s => s.trim()).filter(Boolean)) {
      if (!(FEATURES as readonly string[]).includes(name)) {
        throw new CliError(`error: unknown feature '${name}' (known: ${FEATURES.join(', ')})`);
      }
      f[name as Feature] = on;
    }
  }
  const profile = args.options.get('profile');
  if (profile === undefined) return Object.freeze(f) as FeatureSet;
  try {
    return applyProfile(f as FeatureSet, parseProfiles(profile));
  } catch (e) {
    throw new CliError(`error: ${(e as Error).message}`);
  }
}
