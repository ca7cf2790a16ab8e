/**
 * Runs `.wast` files in a pool of worker threads: parallel on several cores, and a file that hangs
 * (an interpreter bug looping forever) or kills its thread is one failed file, not a stuck run.
 */
import { Worker } from 'node:worker_threads';
import type { WastFile } from './node-files.js';
import { failedSummary, type FileSummary } from './result.js';
import type { FeatureSet, Profile } from '../features.js';

export interface PoolOptions {
  readonly jobs: number;
  /** Per-file time limit. */
  readonly timeoutMs: number;
  /** Engine name for `createEngine` (engines.ts). */
  readonly engine: string;
  /** Features per file (undefined: the engine's defaults). */
  readonly features: (file: WastFile) => FeatureSet | undefined;
  readonly maxFailures: number;
  /** Language profiles of the engine (features.ts; empty: full). */
  readonly profile?: readonly Profile[];
}

/** What the parent sends a worker: one file to run. */
export interface WorkerRequest {
  readonly file: WastFile;
  readonly engine: string;
  readonly features: FeatureSet | null;
  readonly maxFailures: number;
  readonly profile: readonly Profile[];
}

const WORKER_URL = new URL('./node-worker.js', import.meta.url);

/**
 * Heap limit per worker: a script that makes the engine allocate without bound kills its worker
 * (reported as that file's failure), not the whole run.
 */
const WORKER_HEAP_MB = 3072;

/**
 * Runs all files. `onDone` sees the summaries in file order, each as soon as it and all files
 * before it are done (so output is deterministic). Resolves with summaries in file order.
 */
export function runInPool(
  files: readonly WastFile[], opts: PoolOptions, onDone: (s: FileSummary) => void = () => {},
): Promise<FileSummary[]> {
  const results: FileSummary[] = new Array(files.length);
  let next = 0;
  let finished = 0;
  return new Promise(resolve => {
    if (files.length === 0) { resolve(results); return; }
    let reported = 0;
    const done = (i: number, s: FileSummary): void => {
      results[i] = s;
      while (reported < files.length && results[reported] !== undefined) onDone(results[reported++]);
      if (++finished === files.length) resolve(results);
    };
    const startWorker = (): void => {
      if (next >= files.length) return;
      const worker = new Worker(WORKER_URL, { resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } });
      let current = -1;
      let started = 0;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const feed = (): void => {
        if (next >= files.length) { current = -1; void worker.terminate(); return; }
        current = next++;
        started = Date.now();
        const file = files[current];
        const req: WorkerRequest = { file, engine: opts.engine, features: opts.features(file) ?? null, maxFailures: opts.maxFailures, profile: opts.profile ?? [] };
        timer = setTimeout(() => {
          const i = current;
          current = -1;
          void worker.terminate();
          done(i, failedSummary(files[i].name, `timed out after ${opts.timeoutMs / 1000}s`, Date.now() - started));
          startWorker();
        }, opts.timeoutMs);
        worker.postMessage(req);
      };
      worker.on('message', (s: FileSummary) => {
        clearTimeout(timer);
        const i = current;
        if (i < 0) return;
        done(i, s);
        feed();
      });
      const died = (why: string): void => {
        clearTimeout(timer);
        const i = current;
        if (i < 0) return;
        current = -1;
        done(i, failedSummary(files[i].name, why, Date.now() - started));
        startWorker();
      };
      worker.on('error', e => died(`worker crashed: ${e instanceof Error ? e.message : String(e)}`));
      worker.on('exit', code => died(`worker exited with code ${code}`));
      feed();
    };
    for (let k = 0; k < Math.max(1, opts.jobs); k++) startWorker();
  });
}
