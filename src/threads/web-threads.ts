/**
 * Browser counterpart of node-threads.ts: N module Web Workers (web-worker-main.ts) instantiate
 * the same module against one shared WebAssembly.Memory, are started together and report their
 * results. Needs a cross-origin isolated page (SharedArrayBuffer); `workerUrl` is where the page
 * serves dist/src/threads/web-worker-main.js.
 */
import { shareMemory } from './shared-memory.js';
import { startTogether, taskOf, type ParallelResult, type ParallelRun, type ThreadReply } from './task.js';

export interface WebParallelRun extends ParallelRun {
  /** Where the page serves dist/src/threads/web-worker-main.js. */
  readonly workerUrl: string | URL;
}

function nextReply(w: Worker): Promise<ThreadReply> {
  return new Promise((resolve, reject) => {
    w.onmessage = e => resolve(e.data as ThreadReply);
    w.onerror = e => reject(new Error(e.message));
  });
}

export async function runOnWebWorkers(run: WebParallelRun): Promise<ParallelResult> {
  const memory = shareMemory(run.memory);
  const workers: Worker[] = [];
  try {
    for (let i = 0; i < run.threads; i++) workers.push(new Worker(run.workerUrl, { type: 'module' }));
    const ready = workers.map(nextReply);
    workers.forEach((w, i) => w.postMessage(taskOf(run, memory, i)));
    return await startTogether(workers, ready, nextReply, w => w.postMessage('go'));
  } finally {
    for (const w of workers) w.terminate();
  }
}
