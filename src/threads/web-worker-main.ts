/**
 * Entry point of a Web Worker running a ThreadTask (browsers; load it as a module worker). Same
 * protocol as the Node worker: the first message is the task, the worker replies `ready`, and the
 * second message starts the run. Atomics.wait is allowed in workers, so waits block here.
 */
import { prepareTask, runPrepared, type PreparedTask, type ThreadReply, type ThreadTask } from './task.js';

interface WorkerScope {
  onmessage: ((e: { data: unknown }) => void) | null;
  postMessage(m: unknown): void;
}

const scope = globalThis as unknown as WorkerScope;
let run: PreparedTask | null = null;
scope.onmessage = e => {
  if (run === null) {
    try {
      run = prepareTask(e.data as ThreadTask);
      scope.postMessage({ kind: 'ready' } satisfies ThreadReply);
    } catch (err) {
      scope.postMessage({ kind: 'error', message: err instanceof Error ? `${err.name}: ${err.message}` : String(err) } satisfies ThreadReply);
    }
  } else {
    scope.postMessage(runPrepared(run));
  }
};
