/**
 * Running one module on N Node worker threads that share a WebAssembly.Memory: each worker
 * compiles the module from its bytes, imports the same shared memory, and calls an export with its
 * own arguments. All workers are instantiated before any starts, so `ms` times the parallel part.
 */
import { Worker } from 'node:worker_threads';
import { shareMemory } from './shared-memory.js';
import { startTogether, taskOf, type ParallelResult, type ParallelRun, type ThreadReply } from './task.js';

export type { ParallelResult, ParallelRun };

const WORKER_URL = new URL('./node-worker-main.js', import.meta.url);

function nextReply(w: Worker): Promise<ThreadReply> {
  return new Promise((resolve, reject) => {
    const onError = (e: Error) => { w.off('message', onMessage); reject(e); };
    const onMessage = (m: ThreadReply) => { w.off('error', onError); resolve(m); };
    w.once('message', onMessage);
    w.once('error', onError);
  });
}

export async function runOnWorkers(run: ParallelRun): Promise<ParallelResult> {
  const memory = shareMemory(run.memory);
  const workers: Worker[] = [];
  try {
    for (let i = 0; i < run.threads; i++) workers.push(new Worker(WORKER_URL, { workerData: taskOf(run, memory, i) }));
    return await startTogether(workers, workers.map(nextReply), nextReply, w => w.postMessage('go'));
  } finally {
    await Promise.all(workers.map(w => w.terminate()));
  }
}
