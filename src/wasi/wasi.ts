/**
 * The WASI preview1 host, in the shape of node:wasi: construct with args/env/preopens, hand
 * `getImportObject()` to instantiation, then `start(instance)` runs `_start` and returns the exit
 * code. It only touches the instance through `exports.memory.buffer` and `exports._start`, so it runs
 * the same on Node's native WebAssembly and on weft's own runtime.
 */
import { argsEnvCalls } from './args-env.js';
import { clockCalls } from './clock.js';
import type { WasiCall, WasiCalls, WasiContext } from './context.js';
import { errnoOf } from './errno.js';
import { fdCalls } from './fd-calls.js';
import { FdTable, type PreopenSpec } from './fd-table.js';
import { GuestMemory } from './memory.js';
import { pathCalls } from './path-calls.js';
import { pollCalls } from './poll.js';
import { procCalls, sockCalls, WasiExit } from './proc.js';
import { randomCalls } from './random.js';

export type PreopenOption = string | { path: string; readOnly?: boolean };

export interface WasiOptions {
  /** argv, including argv[0] (the program name). */
  args?: string[];
  env?: Record<string, string>;
  /** Guest directory name -> host directory (or {path, readOnly}). Preopens get fds 3, 4, ... in order. */
  preopens?: Record<string, PreopenOption>;
  /** Host descriptors serving as the guest's stdin/stdout/stderr (default 0, 1, 2). */
  stdin?: number;
  stdout?: number;
  stderr?: number;
  /** When true (the default) start() returns proc_exit's code; when false it exits the host process. */
  returnOnExit?: boolean;
  /** Accepted for node:wasi compatibility; only 'preview1' exists. */
  version?: 'preview1';
  /** Called after every WASI call with its (normalized) arguments and errno, for tracing (`weft run --trace-wasi`). */
  trace?: (call: string, args: readonly (number | bigint)[], errno: number) => void;
}

/** The part of an instance WASI uses. */
export interface WasiInstance {
  readonly exports: Record<string, unknown>;
}

export type WasiImportFn = (...args: (number | bigint)[]) => number;

interface MemoryLike {
  readonly buffer: ArrayBufferLike;
}

function isMemory(m: unknown): m is MemoryLike {
  return typeof m === 'object' && m !== null && 'buffer' in m;
}

type TraceFn = NonNullable<WasiOptions['trace']>;

/**
 * Adapts a call to the import ABI: i32 arguments arrive signed from the engine and are made unsigned
 * (every preview1 i32 parameter is unsigned), i64 ones made unsigned u64, and WASI/host errors become
 * the errno result. Anything else — the exit signal, engine bugs — propagates. The optional trace
 * hook sees every call (proc_exit with errno 0, as it leaves by throwing).
 */
function adapt(name: string, call: WasiCall, trace: TraceFn | undefined): WasiImportFn {
  return (...args) => {
    const norm = args.map((a) => (typeof a === 'bigint' ? BigInt.asUintN(64, a) : Number(a) >>> 0));
    let errno = 0;
    try {
      errno = call(...norm);
      return errno;
    } catch (e) {
      if (e instanceof WasiExit) throw e;
      const mapped = errnoOf(e);
      if (mapped === undefined) throw e;
      errno = mapped;
      return errno;
    } finally {
      trace?.(name, norm, errno);
    }
  };
}

function preopenSpecs(preopens: Record<string, PreopenOption> | undefined): PreopenSpec[] {
  return Object.entries(preopens ?? {}).map(([guestPath, host]) =>
    typeof host === 'string'
      ? { guestPath, hostPath: host, readOnly: false }
      : { guestPath, hostPath: host.path, readOnly: host.readOnly ?? false });
}

export class WASI {
  readonly wasiImport: Record<string, WasiImportFn>;
  private readonly fds: FdTable;
  private readonly returnOnExit: boolean;
  private memory: MemoryLike | null = null;
  private started = false;

  constructor(opts: WasiOptions = {}) {
    this.returnOnExit = opts.returnOnExit ?? true;
    this.fds = new FdTable([opts.stdin ?? 0, opts.stdout ?? 1, opts.stderr ?? 2], preopenSpecs(opts.preopens));
    const mem = new GuestMemory(() => {
      if (!this.memory) throw new Error('WASI: no memory yet; call start() or initialize() first');
      return this.memory.buffer;
    });
    const ctx: WasiContext = {
      mem,
      fds: this.fds,
      args: opts.args ?? [],
      env: Object.entries(opts.env ?? {}).map(([k, v]) => `${k}=${v}`),
    };
    const calls: WasiCalls = {
      ...argsEnvCalls(ctx), ...clockCalls(ctx), ...randomCalls(ctx), ...fdCalls(ctx), ...pathCalls(ctx),
      ...pollCalls(ctx), ...procCalls(), ...sockCalls(),
    };
    this.wasiImport = Object.fromEntries(Object.entries(calls).map(([name, call]) => [name, adapt(name, call, opts.trace)]));
  }

  getImportObject(): { wasi_snapshot_preview1: Record<string, WasiImportFn> } {
    return { wasi_snapshot_preview1: this.wasiImport };
  }

  /**
   * Binds the instance's memory without running anything, for embedders that call a command's
   * exports directly (`weft run --invoke`). start() and initialize() do this themselves.
   */
  attach(instance: WasiInstance): void {
    if (this.started) throw new Error('WASI: this instance has already been started or initialized');
    const memory = instance.exports['memory'];
    if (!isMemory(memory)) throw new TypeError('WASI: instance.exports.memory must be a memory');
    this.memory = memory;
    this.started = true;
  }

  /** Runs a command's `_start`; returns the exit code (0 when `_start` returns). */
  start(instance: WasiInstance): number {
    const entry = instance.exports['_start'];
    if (typeof entry !== 'function') throw new TypeError('WASI: instance.exports._start must be a function');
    if ('_initialize' in instance.exports) throw new TypeError('WASI: a command must not export _initialize');
    this.attach(instance);
    try {
      entry();
      return 0;
    } catch (e) {
      if (!(e instanceof WasiExit)) throw e;
      if (!this.returnOnExit) process.exit(e.code);
      return e.code;
    }
  }

  /** Sets up a reactor: calls `_initialize` if exported; its other exports may then be called. */
  initialize(instance: WasiInstance): void {
    const init = instance.exports['_initialize'];
    if ('_start' in instance.exports) throw new TypeError('WASI: a reactor must not export _start');
    if (init !== undefined && typeof init !== 'function') throw new TypeError('WASI: _initialize must be a function');
    this.attach(instance);
    if (typeof init === 'function') init();
  }

  /** Closes the host files the guest left open (stdio is not touched). */
  close(): void {
    this.fds.closeAll();
  }
}

export { WasiExit };
