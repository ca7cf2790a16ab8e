/**
 * Browser counterpart of node-threads.ts: N module Web Workers (web-worker-main.ts) instantiate
 * the same module against one shared WebAssembly.Memory, are started together and report their
 * results. Needs a cross-origin isolated page (SharedArrayBuffer); `workerUrl` is where the page
 * serves dist/src/threads/web-worker-main.js.
 */
import { shareMemory } from './shared-memory.js';
import type { ParallelRun, ThreadReply, ThreadTask } from './task.js';

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

function check(r: ThreadReply, i: number): void {
  if (r.kind === 'error') throw new Error(`worker ${i}: ${r.message}`);
}

export async function runOnWebWorkers(run: WebParallelRun): Promise<{ results: unknown[]; ms: number }> {
  const memory = shareMemory(run.memory);
  const workers: Worker[] = [];
  try {
    for (let i = 0; i < run.threads; i++) workers.push(new Worker(run.workerUrl, { type: 'module' }));
    const ready = workers.map(nextReply);
    workers.forEach((w, i) => {
      const task: ThreadTask = { bytes: run.bytes, memory, memoryImport: run.memoryImport, entry: run.entry, args: run.args?.(i) ?? [] };
      w.postMessage(task);
    });
    (await Promise.all(ready)).forEach(check);
    const done = workers.map(nextReply);
    const t0 = performance.now();
    for (const w of workers) w.postMessage('go');
    const replies = await Promise.all(done);
    const ms = performance.now() - t0;
    replies.forEach(check);
    return { results: replies.map(r => (r as { result: unknown }).result), ms };
  } finally {
    for (const w of workers) w.terminate();
  }
}
