/**
 * Linear memory instances. The bytes live in an ArrayBuffer (or a growable SharedArrayBuffer for
 * shared memories). `bytes` and `view` cover exactly the memory; the non-shared `buffer` may be
 * longer (headroom), so that a run of small grows does not copy the whole memory each time (2,000
 * one-page grows copied 128 GB, ~90 s). Bounds are always `bytes.length`, never the buffer's
 * length. Growing within the headroom keeps the buffer and replaces `bytes`/`view`; beyond it the
 * buffer is replaced. Code that caches `bytes`, `view` or the length must refresh them after
 * anything that may grow memory (calls, memory.grow).
 *
 * The JS API hands out the buffer itself as `Memory.buffer`, which must be exactly as long as the
 * memory: api/memory.ts trims it first (`exact`), and marks it handed out, after which the next
 * grow allocates exactly too (JS will most likely read the grown buffer as well, and an exact
 * buffer needs no second copy then).
 */
import type { MemType } from '../syntax/types.js';
import { RuntimeError } from '../errors.js';

/** Largest byte length we try to allocate (engines cap ArrayBuffers; growing beyond fails with -1). */
const MAX_BYTES = 2 ** 32;

/** A byte count for messages: MiB when large. */
function sizeText(n: number): string {
  return n >= 2 ** 20 ? `${(n / 2 ** 20).toFixed(n % 2 ** 20 === 0 ? 0 : 1)} MiB` : `${n} bytes`;
}

export class MemInst {
  buffer: ArrayBuffer | SharedArrayBuffer;
  bytes: Uint8Array;
  view: DataView;
  #pages: number;
  readonly pageSize: number;
  /** Effective maximum in pages: the declared max, the address space and the byte cap (engine or embedder), whichever is least. */
  readonly maxPages: number;
  /** Set while JS holds the current buffer (JS API Memory.buffer): the next grow allocates exactly. */
  handedOut = false;
  /** Called after a grow (the JS API detaches/refreshes its Memory.buffer here). */
  onGrow: ((m: MemInst) => void) | null = null;

  /**
   * `byteLimit` is the embedder's cap on this memory (Store option `maxMemoryBytes`): a larger
   * initial size fails to allocate and `grow` beyond it returns -1, as for the engine's own limit.
   */
  constructor(readonly type: MemType, byteLimit = MAX_BYTES) {
    this.pageSize = 2 ** type.pageSizeLog2;
    const addrLimit = type.addr === 'i64' ? 2 ** 64 : 2 ** 32;
    const declared = type.limits.max === null ? Infinity : Number(type.limits.max);
    const cap = Math.min(byteLimit, MAX_BYTES);
    this.maxPages = Math.min(declared, Math.floor(addrLimit / this.pageSize), Math.floor(cap / this.pageSize));
    this.#pages = Number(type.limits.min);
    const len = this.#pages * this.pageSize;
    if (len > cap) {
      const why = cap < MAX_BYTES ? `the configured limit of ${sizeText(cap)}` : 'the implementation limit';
      throw new RuntimeError('other', `memory of ${sizeText(len)} exceeds ${why}`);
    }
    if (type.shared) {
      const maxLen = this.maxPages * this.pageSize;
      this.buffer = new (SharedArrayBuffer as any)(len, { maxByteLength: maxLen });
    } else {
      this.buffer = new ArrayBuffer(len);
    }
    this.bytes = new Uint8Array(this.buffer);
    this.view = new DataView(this.buffer);
  }

  /**
   * Current size in pages. A shared memory's size is its buffer's length, which another thread
   * (an instance on a worker sharing the buffer) may have grown.
   */
  get pages(): number {
    return this.type.shared ? this.buffer.byteLength / this.pageSize : this.#pages;
  }

  set pages(n: number) {
    this.#pages = n;
  }

  get byteLength(): number {
    return this.bytes.length;
  }

  /** Grows by `delta` pages; returns the old size in pages, or -1 if the memory cannot grow. */
  grow(delta: number): number {
    const old = this.pages;
    if (delta === 0) return old;
    const next = old + delta;
    if (next > this.maxPages) return -1;
    const len = next * this.pageSize; // within the byte cap: maxPages includes it
    try {
      if (this.buffer instanceof SharedArrayBuffer) {
        (this.buffer as any).grow(len);
      } else if (len > this.buffer.byteLength) {
        const b = this.allocate(len);
        new Uint8Array(b).set(this.bytes);
        this.buffer = b;
      }
    } catch {
      return -1;
    }
    this.bytes = new Uint8Array(this.buffer, 0, len);
    this.view = new DataView(this.buffer, 0, len);
    this.pages = next;
    this.onGrow?.(this);
    return old;
  }

  /**
   * A buffer for `len` bytes with headroom: half as much again (at least 16 pages of 64 KiB),
   * within the maximum. The headroom is allocated zeroed and stays untouched until grown into,
   * which hosts back lazily. Exact when the buffer is handed out, or when headroom cannot be had.
   */
  private allocate(len: number): ArrayBuffer {
    if (this.handedOut) return new ArrayBuffer(len);
    const pages = len / this.pageSize;
    const want = Math.min(this.maxPages, pages + Math.max(Math.ceil(pages / 2), Math.ceil(2 ** 20 / this.pageSize)));
    try {
      return new ArrayBuffer(want * this.pageSize);
    } catch {
      return new ArrayBuffer(len);
    }
  }

  /**
   * Makes the buffer exactly as long as the memory (copying out of the headroom if it is longer)
   * and returns it: for handing the buffer to code that takes its length as the memory's.
   */
  exactBuffer(): ArrayBuffer | SharedArrayBuffer {
    const len = this.bytes.length;
    if (this.buffer.byteLength !== len && !(this.buffer instanceof SharedArrayBuffer)) {
      this.buffer = this.buffer.slice(0, len);
      this.bytes = new Uint8Array(this.buffer);
      this.view = new DataView(this.buffer);
    }
    return this.buffer;
  }
}
