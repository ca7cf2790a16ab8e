/**
 * Per-site feedback for call_indirect sites that have too many candidates to guess from the
 * module alone (indirect-targets.ts: more than MAX_INDIRECT_TARGETS functions of the type in the
 * table, as with C++ vtables). Such a site calls through a function value that changes between
 * calls, which V8 treats as megamorphic (~3.7x native on a loop alternating two of eight
 * targets, against ~0.5x for a guessed pair that V8 or the translator inlines).
 *
 * The first compiled version of a function reports the entries its generic sites call
 * (`FB(site, typeIndex, entry)`, codegen.ts) until one site has been seen SAMPLE times. The
 * targets that make up most of a site's calls then become its guesses, and the function is
 * compiled again with them (tier.ts `recompileWithHints`); the new version records nothing.
 * Guesses only change which test runs first: any other entry still takes the checked lookup.
 *
 * Only defined functions of the calling instance with the site's very type index are kept as
 * guesses: for them the spec's signature check holds by construction (as for static guesses).
 */
import type { FuncInst } from '../runtime/func.js';
import { funcTypeIndex, importCounts } from '../syntax/module.js';
import { MAX_INDIRECT_TARGETS } from './indirect-targets.js';

/** Calls seen at one site before the function's guesses are decided. */
export const SAMPLE = 256;
/** Share of a site's sampled calls its guesses must cover to be worth the tests (in 1/8ths). */
const COVER_EIGHTHS = 6;

/** Site (body index of the call_indirect) -> guessed function indices, best first. */
export type IndirectHints = ReadonlyMap<number, readonly number[]>;

/** The recorder a compiled function calls: returns 0 once it has decided (stop reporting), else 1. */
export type Recorder = (site: number, typeIndex: number, entry: unknown) => number;

/**
 * A recorder for function `g`. `decided` receives the hints once (when some site has been
 * sampled enough), if any site has guesses worth testing.
 */
export function feedbackRecorder(g: FuncInst, decided: (hints: IndirectHints) => void): Recorder {
  const sites = new Map<number, { ti: number; total: number; counts: Map<number, number> }>();
  let done = false;
  return (site, ti, entry) => {
    if (done) return 0;
    let s = sites.get(site);
    if (!s) sites.set(site, (s = { ti, total: 0, counts: new Map() }));
    s.total++;
    const f = entry as FuncInst | null | undefined;
    if (guessable(g, f, ti)) s.counts.set(f!.index, (s.counts.get(f!.index) ?? 0) + 1);
    if (s.total < SAMPLE) return 1;
    done = true;
    const hints = hintsFrom(sites);
    if (hints.size > 0) decided(hints);
    return 0;
  };
}

function guessable(g: FuncInst, f: FuncInst | null | undefined, ti: number): boolean {
  const inst = g.instance;
  if (!f || inst === null || f.instance !== inst) return false;
  const m = inst.module.module;
  return f.index >= importCounts(m).func && f.index < importCounts(m).func + m.funcs.length && funcTypeIndex(m, f.index) === ti;
}

/** Per site: the fewest most frequent targets (at most MAX_INDIRECT_TARGETS) covering most calls. */
export function hintsFrom(sites: ReadonlyMap<number, { total: number; counts: ReadonlyMap<number, number> }>): Map<number, number[]> {
  const hints = new Map<number, number[]>();
  for (const [site, s] of sites) {
    const ranked = [...s.counts].sort((a, b) => b[1] - a[1] || a[0] - b[0]);
    const picked: number[] = [];
    let covered = 0;
    for (const [k, n] of ranked) {
      if (picked.length === MAX_INDIRECT_TARGETS || covered * 8 >= s.total * COVER_EIGHTHS) break;
      picked.push(k);
      covered += n;
    }
    if (picked.length > 0 && covered * 8 >= s.total * COVER_EIGHTHS) hints.set(site, picked);
  }
  return hints;
}
