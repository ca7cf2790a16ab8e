/**
 * `weft wast FILE|DIR... [-v] [--engine NAME] [--jobs N] [--timeout S] [--features auto|default|all] [--profile P]`:
 * runs spec-test scripts. One line per file, then the closing line `N passed, N failed` (plus
 * `, N skipped (reasons)` when any). Exit status 1 if anything failed, 2 on bad usage.
 */
import { availableParallelism } from 'node:os';
import { listWastFiles, runWastFile, type WastFile } from '../script/node-files.js';
import { runInPool } from '../script/node-pool.js';
import { summarize, type FileSummary } from '../script/result.js';
import { createEngine, ENGINE_NAMES } from '../script/engines.js';
import { ALL_FEATURES, DEFAULT_FEATURES, applyProfile, isDeterministic, parseProfiles, type FeatureSet, type Profile } from '../features.js';
import { scriptFeatures } from '../script/feature-profiles.js';

const USAGE = `usage: weft wast FILE|DIR... [options]
  Runs .wast spec-test scripts (directories recursively, in sorted order).
  -v, --verbose       all failures, message mismatches and timings
  --engine NAME       engine to test (${ENGINE_NAMES.join(', ')}; default internal)
  --jobs N            run files in N worker threads (default: one file runs in this thread,
                      several in a pool of min(cores, 4) workers); 1 = in this thread
  --timeout S         per-file time limit in seconds in a worker pool (default 120)
  --features MODE     auto (default: core scripts with the default features, proposals/ scripts
                      with their proposal's), default, or all
  --all-features      same as --features all
  --tier TIER         execution tier of the internal engine: interpreter, compiled (every
                      function compiled to JS where possible) or auto (default)
  --profile LIST      language profiles, comma-separated: full (default), deterministic (NaNs
                      canonical; assertions expecting another NaN are skipped and counted),
                      scalar (no SIMD: v128 modules fail to compile)
  --tier-up-threshold N
                      calls plus loop back-edges before 'auto' compiles a function (default
                      1000); a tiny N runs most code compiled, entered mid-call (OSR) too`;

interface Options {
  paths: string[];
  verbose: boolean;
  engine: string;
  /** 0 = choose: in this thread for one file, else a pool. */
  jobs: number;
  timeoutMs: number;
  features: 'auto' | 'default' | 'all';
  tier: 'interpreter' | 'compiled' | 'auto' | null;
  profile: readonly Profile[];
  threshold: number | null;
}

function parseArgs(args: readonly string[]): Options | string {
  const o: Options = { paths: [], verbose: false, engine: 'internal', jobs: 0, timeoutMs: 120_000, features: 'auto', tier: null, profile: [], threshold: null };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const value = (): string | undefined => args[++i];
    if (a === '-v' || a === '--verbose') o.verbose = true;
    else if (a === '--all-features') o.features = 'all';
    else if (a === '--features') {
      const v = value();
      if (v !== 'auto' && v !== 'default' && v !== 'all') return '--features needs auto, default or all';
      o.features = v;
    }
    else if (a === '--tier') {
      const v = value();
      if (v !== 'interpreter' && v !== 'compiled' && v !== 'auto') return '--tier needs interpreter, compiled or auto';
      o.tier = v;
    }
    else if (a === '--profile') {
      const v = value();
      if (!v) return '--profile needs a list of profiles';
      try { o.profile = parseProfiles(v); } catch (e) { return (e as Error).message; }
    }
    else if (a === '--tier-up-threshold') {
      const n = Number(value());
      if (!Number.isInteger(n) || n < 0) return '--tier-up-threshold needs a whole number >= 0';
      o.threshold = n;
    }
    else if (a === '--engine') { const v = value(); if (!v) return '--engine needs a name'; o.engine = v; }
    else if (a === '--jobs' || a === '-j') { const n = Number(value()); if (!(n >= 1)) return '--jobs needs a positive number'; o.jobs = Math.floor(n); }
    else if (a === '--timeout') { const n = Number(value()); if (!(n > 0)) return '--timeout needs seconds'; o.timeoutMs = n * 1000; }
    else if (a === '-h' || a === '--help') return '';
    else if (a.startsWith('-') && a !== '-') return `unknown option ${a}`;
    else o.paths.push(a);
  }
  if (!ENGINE_NAMES.includes(o.engine)) return `unknown engine "${o.engine}"`;
  if (o.paths.length === 0) return 'no FILE or DIR given';
  if (o.threshold !== null && o.tier === null) o.tier = 'auto';
  if (o.tier !== null) o.engine += `:${o.tier}`; // createEngine reads `name:tier[:threshold]` (also in pool workers)
  if (o.threshold !== null) o.engine += `:${o.threshold}`;
  return o;
}

const SHOWN_FAILURES = 5;

function fileLine(s: FileSummary, verbose: boolean): string {
  let line = `${s.name}: ${s.passed} passed`;
  if (s.failed) line += `, ${s.failed} failed`;
  if (s.skipped) line += `, ${s.skipped} skipped`;
  if (verbose) line += ` (${s.ms} ms)`;
  const extra: string[] = [];
  const shown = verbose ? s.failures : s.failures.slice(0, SHOWN_FAILURES);
  for (const f of shown) extra.push(`  ${f}`);
  if (s.failures.length > shown.length || s.failed > s.failures.length) {
    extra.push(`  ... ${s.failed - shown.length} more`);
  }
  if (verbose) {
    if (s.messageMismatches.length) extra.push(`  ${s.messageMismatches.length} message mismatches:`, ...s.messageMismatches.map(m => `    ${m}`));
    if (s.encoderFallbacks) extra.push(`  ${s.encoderFallbacks} text modules validated without encoding (encoder failed)`);
  }
  return [line, ...extra].join('\n');
}

/** The closing line: totals, and skip reasons grouped. */
export function totalsLine(all: readonly FileSummary[]): string {
  let passed = 0, failed = 0, skipped = 0;
  const reasons = new Map<string, number>();
  for (const s of all) {
    passed += s.passed; failed += s.failed; skipped += s.skipped;
    for (const [why, n] of s.skipReasons) reasons.set(why, (reasons.get(why) ?? 0) + n);
  }
  let line = `${passed} passed, ${failed} failed`;
  if (skipped) line += `, ${skipped} skipped (${[...reasons].map(([why, n]) => `${n} ${why}`).join('; ')})`;
  return line;
}

export async function main(args: readonly string[]): Promise<number> {
  const o = parseArgs(args);
  if (typeof o === 'string') {
    if (!o) { console.log(USAGE); return 0; } // --help
    console.error(`weft wast: ${o}`);
    console.error(USAGE);
    return 2;
  }
  let files: WastFile[];
  try {
    files = listWastFiles(o.paths);
  } catch (e) {
    console.error(`weft wast: ${e instanceof Error ? e.message : String(e)}`);
    return 2;
  }
  const maxFailures = o.verbose ? 1000 : SHOWN_FAILURES;
  const print = (s: FileSummary): void => console.log(fileLine(s, o.verbose));
  const mode = o.features;
  // The profile switches features off for the runner's own parsing too (quote modules).
  const featuresFor = (f: WastFile): FeatureSet | undefined => {
    const set = mode === 'all' ? ALL_FEATURES : mode === 'default' ? undefined : scriptFeatures(f.path);
    return o.profile.length === 0 ? set : applyProfile(set ?? DEFAULT_FEATURES, o.profile);
  };
  const profile = o.profile, deterministic = isDeterministic(profile);
  let summaries: FileSummary[];
  const jobs = o.jobs || (files.length > 1 ? Math.min(availableParallelism(), 4) : 1);
  if (jobs > 1) {
    summaries = await runInPool(files, { jobs, timeoutMs: o.timeoutMs, engine: o.engine, features: featuresFor, maxFailures, profile }, print);
  } else {
    summaries = [];
    for (const f of files) {
      const start = Date.now();
      const features = featuresFor(f);
      const r = runWastFile(f, createEngine(o.engine, { features, profile }), { features, deterministic });
      const s = summarize(f.name, r, maxFailures, Date.now() - start);
      summaries.push(s);
      print(s);
    }
  }
  if (o.verbose) {
    const mismatches = summaries.reduce((n, s) => n + s.messageMismatches.length, 0);
    const fallbacks = summaries.reduce((n, s) => n + s.encoderFallbacks, 0);
    console.log(`${mismatches} message mismatches (passed, but our message does not start with the expected text)`);
    if (fallbacks) console.log(`${fallbacks} text modules validated without encoding (encoder failed)`);
  }
  console.log(totalsLine(summaries));
  return summaries.some(s => s.failed > 0) ? 1 : 0;
}
