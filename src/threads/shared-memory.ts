/**
 * Moving a shared WebAssembly.Memory between threads. A weft Memory is a JS object with private
 * state, so it cannot be posted to a worker itself; its SharedArrayBuffer can (postMessage shares
 * it, no copy). The receiving thread wraps that same buffer in a Memory of the same type, so
 * instances on both threads read and write one block of memory.
 */
import { Memory, memoryObject } from '../api/memory.js';
import { createMemory } from '../runtime/index.js';
import type { AddrType, MemType } from '../syntax/types.js';

/** Everything needed to rebuild a shared memory on another thread (structured-cloneable). */
export interface SharedMemoryHandle {
  readonly buffer: SharedArrayBuffer;
  readonly addr: AddrType;
  /** Declared limits in pages (as numbers: bigints clone fine too, but numbers are simpler). */
  readonly initial: number;
  readonly maximum: number;
  readonly pageSizeLog2: number;
}

/** The handle of a shared memory; throws for an unshared one (its buffer cannot be shared). */
export function shareMemory(memory: Memory): SharedMemoryHandle {
  const inst = Memory.instOf(memory);
  const t = inst.type;
  if (!t.shared || !(inst.buffer instanceof SharedArrayBuffer)) {
    throw new TypeError('shareMemory: the memory is not shared (create it with { shared: true })');
  }
  return {
    buffer: inst.buffer, addr: t.addr, initial: Number(t.limits.min),
    maximum: Number(t.limits.max), pageSizeLog2: t.pageSizeLog2,
  };
}

/** A Memory on this thread backed by the handle's buffer (the same bytes as on the sender). */
export function adoptSharedMemory(h: SharedMemoryHandle): Memory {
  const type: MemType = {
    limits: { min: BigInt(h.initial), max: BigInt(h.maximum) }, addr: h.addr, shared: true, pageSizeLog2: h.pageSizeLog2,
  };
  const inst = createMemory(type);
  // Swap the fresh storage for the shared one; views without a length follow the buffer's growth.
  inst.buffer = h.buffer;
  inst.bytes = new Uint8Array(h.buffer);
  inst.view = new DataView(h.buffer);
  inst.pages = h.buffer.byteLength / 2 ** h.pageSizeLog2;
  return memoryObject(inst);
}
