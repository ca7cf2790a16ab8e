/**
 * Entry point of a Node worker thread running a ThreadTask: the task arrives as workerData, the
 * worker instantiates and reports `ready`, then runs on the parent's `go` (so that all workers start
 * together and timings measure the parallel part only).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { prepareTask, runPrepared, type PreparedTask, type ThreadReply } from './task.js';
import type { ThreadTask } from './task.js';

const port = parentPort!;
let run: PreparedTask | null = null;
try {
  run = prepareTask(workerData as ThreadTask);
  port.postMessage({ kind: 'ready' } satisfies ThreadReply);
} catch (e) {
  port.postMessage({ kind: 'error', message: e instanceof Error ? `${e.name}: ${e.message}` : String(e) } satisfies ThreadReply);
}
port.once('message', () => {
  if (run) port.postMessage(runPrepared(run));
  port.close();
});
