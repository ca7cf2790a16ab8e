/**
 * What every group of WASI calls works against: the guest memory, the descriptor table and the
 * process data. One context per WASI instance.
 */
import type { FdTable } from './fd-table.js';
import type { GuestMemory } from './memory.js';

export interface WasiContext {
  readonly mem: GuestMemory;
  readonly fds: FdTable;
  readonly args: readonly string[];
  /** `KEY=value` strings, in the order given. */
  readonly env: readonly string[];
}

/**
 * A host function as the call files write it: unsigned i32 arguments as numbers, u64 arguments as
 * bigints (the import wrapper normalizes both), returning an errno — or throwing WasiError.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type WasiCall = (...args: any[]) => number;

export type WasiCalls = Record<string, WasiCall>;
