/**
 * Shared by the spec-testsuite test and `update-pending`: where the testsuite is, running all of
 * it in a worker pool, and the pending list (test/pending.json) of scripts that do not pass yet.
 *
 * pending.json: `{ "<feature>": { "<script path>": <assertions passing> } }`. A listed script may
 * fail but must not pass fewer assertions than recorded; an unlisted one must not fail at all.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, resolve } from 'node:path';
import { listWastFiles, type WastFile } from '../../src/script/node-files.js';
import { runInPool } from '../../src/script/node-pool.js';
import type { FileSummary } from '../../src/script/result.js';
import { scriptFeatures } from '../../src/script/feature-profiles.js';

/** The repository root (this file runs from dist/test/spec/). */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const PENDING_PATH = resolve(REPO_ROOT, 'test/pending.json');

export function testsuiteDir(): string {
  return process.env.WEFT_TESTSUITE ? resolve(process.env.WEFT_TESTSUITE) : resolve(REPO_ROOT, '../shared/testsuite');
}

export type Pending = Record<string, Record<string, number>>;

export function readPending(path = PENDING_PATH): Pending {
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as Pending) : {};
}

/** Script path -> recorded pass count, whatever feature it is filed under. */
export function pendingByScript(p: Pending): Map<string, number> {
  const m = new Map<string, number>();
  for (const scripts of Object.values(p)) for (const [path, n] of Object.entries(scripts)) m.set(path, n);
  return m;
}

/** Feature a script belongs to (how pending.json groups scripts). */
export function featureOf(path: string): string {
  const parts = path.split('/');
  if (parts[0] === 'proposals') return parts[1];
  if (parts[1] === 'legacy') return 'legacy-exceptions';
  if (parts[1] === 'custom') return 'custom-sections';
  const file = parts[parts.length - 1].replace(/\.wast$/, '');
  const byPrefix: [RegExp, string][] = [
    [/^relaxed_/, 'relaxed-simd'], [/^simd_/, 'simd'],
    [/^(array|struct|i31|ref_cast|ref_test|br_on_cast|type-|extern|any)/, 'gc'],
    [/^(throw|try_table|tag|exn|ref_null)/, 'exceptions'],
    [/^return_call/, 'tail-call'],
    [/^(call_ref|br_on_null|br_on_non_null|ref_as_non_null|local_init|func-references)/, 'function-references'],
    [/64$/, 'memory64'],
    [/^(memory_|data|elem|table_|bulk)/, 'bulk-memory'],
  ];
  for (const [re, feature] of byPrefix) if (re.test(file)) return feature;
  return 'core';
}

/**
 * Rewrites pending.json from a run. Regressions are not written unless accepted: a listed script
 * keeps its higher recorded count, and a script that used to pass fully stays unlisted, so the
 * spec test keeps failing until the regression is fixed (or knowingly accepted).
 */
export function writePending(
  summaries: readonly FileSummary[], before: ReadonlyMap<string, number>, acceptRegressions: boolean, path = PENDING_PATH,
): Pending {
  const p: Pending = {};
  for (const s of [...summaries].sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (s.failed === 0) continue;
    const old = before.get(s.name);
    if (!acceptRegressions && old === undefined && before.size > 0) continue;
    const passed = acceptRegressions || old === undefined ? s.passed : Math.max(old, s.passed);
    (p[featureOf(s.name)] ??= {})[s.name] = passed;
  }
  const sorted = Object.fromEntries(Object.keys(p).sort().map(k => [k, p[k]]));
  writeFileSync(path, JSON.stringify(sorted, null, 2) + '\n');
  return sorted;
}

/** All scripts of the testsuite, named relative to its root (`core/i32.wast`). */
export function suiteFiles(root: string): WastFile[] {
  const dirs = ['core', 'proposals'].map(d => resolve(root, d)).filter(existsSync);
  return listWastFiles(dirs);
}

export function runSuite(files: readonly WastFile[], onDone?: (s: FileSummary) => void): Promise<FileSummary[]> {
  const jobs = Number(process.env.WEFT_JOBS ?? 2);
  return runInPool(files, {
    jobs, timeoutMs: Number(process.env.WEFT_FILE_TIMEOUT ?? 300) * 1000, engine: 'internal',
    // Core runs with the defaults, proposals with their features (see feature-profiles.ts).
    features: f => scriptFeatures(f.name),
    maxFailures: 3,
  }, onDone);
}
