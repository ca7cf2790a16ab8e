/**
 * One thread's share of a parallel run: instantiate a module against a shared memory and call an
 * export. Host-neutral (no Node built-ins): the Node worker (node-worker-main.ts) and the Web Worker
 * entry (web-worker-main.ts) both run tasks through here.
 */
import { Instance } from '../api/instance.js';
import { Module } from '../api/module.js';
import type { Memory } from '../api/memory.js';
import { adoptSharedMemory, type SharedMemoryHandle } from './shared-memory.js';

export interface ThreadTask {
  /** The module's binary (modules are sent as bytes; each thread compiles its own copy). */
  readonly bytes: Uint8Array;
  readonly memory: SharedMemoryHandle;
  /** Where the module imports the memory from; default ["env", "memory"]. */
  readonly memoryImport?: readonly [string, string];
  /** The export to call, and its arguments (numbers for i32/f32/f64, bigints for i64). */
  readonly entry: string;
  readonly args: readonly (number | bigint)[];
}

/** A parallel run as the embedder describes it (Node workers or Web Workers). */
export interface ParallelRun {
  /** The module's binary. */
  readonly bytes: Uint8Array;
  /** A shared memory (`new WebAssembly.Memory({ initial, maximum, shared: true })`). */
  readonly memory: Memory;
  readonly memoryImport?: readonly [string, string];
  readonly entry: string;
  /** Number of workers. */
  readonly threads: number;
  /** Arguments of worker i (default: none). */
  readonly args?: (worker: number) => readonly (number | bigint)[];
}

/** The task of worker `i` of a run. */
export function taskOf(run: ParallelRun, memory: SharedMemoryHandle, i: number): ThreadTask {
  return { bytes: run.bytes, memory, memoryImport: run.memoryImport, entry: run.entry, args: run.args?.(i) ?? [] };
}

/** What a parallel run gives back. */
export interface ParallelResult {
  /** Each worker's return value, by worker index. */
  readonly results: readonly unknown[];
  /** Wall time from the start signal until the last worker finished. */
  readonly ms: number;
  /** Each worker's own run time. */
  readonly workerMs: readonly number[];
}

/**
 * The coordinator's half of a run, the same for Node and Web workers: once every worker reported
 * ready (instantiated), all get the start signal together, so `ms` times only the parallel part.
 */
export async function startTogether<W>(workers: readonly W[], ready: readonly Promise<ThreadReply>[],
    nextReply: (w: W) => Promise<ThreadReply>, go: (w: W) => void): Promise<ParallelResult> {
  (await Promise.all(ready)).forEach(check);
  const done = workers.map(nextReply);
  const t0 = performance.now();
  for (const w of workers) go(w);
  const replies = await Promise.all(done);
  const ms = performance.now() - t0;
  replies.forEach(check);
  return {
    results: replies.map(r => (r as { result: unknown }).result),
    ms,
    workerMs: replies.map(r => (r as { ms: number }).ms),
  };
}

function check(r: ThreadReply, i: number): void {
  if (r.kind === 'error') throw new Error(`worker ${i}: ${r.message}`);
}

/** Messages from a thread: ready after instantiation, then the result (or the error). */
export type ThreadReply =
  | { readonly kind: 'ready' }
  | { readonly kind: 'done'; readonly result: unknown; readonly ms: number }
  | { readonly kind: 'error'; readonly message: string };

/** The prepared half of a task: compiled and instantiated, waiting for the start signal. */
export type PreparedTask = () => unknown;

export function prepareTask(task: ThreadTask): PreparedTask {
  const [mod, name] = task.memoryImport ?? ['env', 'memory'];
  const memory = adoptSharedMemory(task.memory);
  const instance = new Instance(new Module(task.bytes), { [mod]: { [name]: memory } });
  const f = (instance.exports as Record<string, unknown>)[task.entry];
  if (typeof f !== 'function') throw new TypeError(`thread task: no exported function "${task.entry}"`);
  return () => (f as (...a: unknown[]) => unknown)(...task.args);
}

/** Runs a prepared task and packages its outcome as a reply. */
export function runPrepared(run: PreparedTask): ThreadReply {
  const t0 = performance.now();
  try {
    const result = run();
    return { kind: 'done', result, ms: performance.now() - t0 };
  } catch (e) {
    return { kind: 'error', message: e instanceof Error ? `${e.name}: ${e.message}` : String(e) };
  }
}
