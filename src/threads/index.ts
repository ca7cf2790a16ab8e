/**
 * Threads: sharing a WebAssembly.Memory between instances on several threads. The host-neutral
 * parts are exported here; `runOnWorkers` (Node worker_threads) lives in node-threads.ts, and
 * web-worker-main.ts is the module-worker script for browsers.
 */
export { shareMemory, adoptSharedMemory, type SharedMemoryHandle } from './shared-memory.js';
export { prepareTask, runPrepared, type ThreadTask, type ThreadReply, type PreparedTask } from './task.js';
export { runOnWebWorkers, type WebParallelRun } from './web-threads.js';
export type { ParallelRun } from './task.js';
