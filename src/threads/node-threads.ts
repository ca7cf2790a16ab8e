/**
 * Running one module on N Node worker threads that share a WebAssembly.Memory: each worker
 * compiles the module from its bytes, imports the same shared memory, and calls an export with its
 * own arguments. All workers are instantiated before any starts, so `ms` times the parallel part.
 */
import { Worker } from 'node:worker_threads';
import { shareMemory } from './shared-memory.js';
import type { ParallelRun, ThreadReply, ThreadTask } from './task.js';

export type { ParallelRun };

export interface ParallelResult {
  /** Each worker's return value, by worker index. */
  readonly results: readonly unknown[];
  /** Wall time from the start signal until the last worker finished. */
  readonly ms: number;
  /** Each worker's own run time. */
  readonly workerMs: readonly number[];
}

const WORKER_URL = new URL('./node-worker-main.js', import.meta.url);

function nextReply(w: Worker): Promise<ThreadReply> {
  return new Promise((resolve, reject) => {
    const onError = (e: Error) => { w.off('message', onMessage); reject(e); };
    const onMessage = (m: ThreadReply) => { w.off('error', onError); resolve(m); };
    w.once('message', onMessage);
    w.once('error', onError);
  });
}

function check(r: ThreadReply, i: number): void {
  if (r.kind === 'error') throw new Error(`worker ${i}: ${r.message}`);
}

export async function runOnWorkers(run: ParallelRun): Promise<ParallelResult> {
  const memory = shareMemory(run.memory);
  const workers: Worker[] = [];
  try {
    for (let i = 0; i < run.threads; i++) {
      const task: ThreadTask = {
        bytes: run.bytes, memory, memoryImport: run.memoryImport, entry: run.entry, args: run.args?.(i) ?? [],
      };
      workers.push(new Worker(WORKER_URL, { workerData: task }));
    }
    const ready = await Promise.all(workers.map(nextReply));
    ready.forEach(check);
    const done = workers.map(nextReply);
    const t0 = performance.now();
    for (const w of workers) w.postMessage('go');
    const replies = await Promise.all(done);
    const ms = performance.now() - t0;
    replies.forEach(check);
    return {
      results: replies.map(r => (r as { result: unknown }).result),
      ms,
      workerMs: replies.map(r => (r as { ms: number }).ms),
    };
  } finally {
    await Promise.all(workers.map(w => w.terminate()));
  }
}
