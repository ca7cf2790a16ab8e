/**
 * WebAssembly.Memory.
 *
 * `buffer` follows the spec's detach-on-grow rule: a non-shared memory's ArrayBuffer object stays
 * the same until the memory grows (from JS or from wasm, including grow(0) from JS); then the old
 * object is detached (ArrayBuffer.prototype.transfer where the host has it, else structuredClone
 * with a transfer list, which detaches too) and the next `buffer` read returns a new object.
 * Shared memories hand out a frozen SharedArrayBuffer aliasing the memory, a new object whenever
 * the length changed (the old one keeps its length view: SABs are never detached).
 *
 * weft extension, typed accessors that stay valid across growth (they always go through the
 * memory's current storage): `view` (the current DataView), `getI8/U8/I16/U16/I32/U32/I64/U64/F32/F64(addr)`
 * and `setI8/I16/I32/I64/F32/F64(addr, value)`, little-endian, RangeError when out of bounds.
 */
import { MemInst, createMemory } from '../runtime/index.js';
import type { AddrType } from '../syntax/types.js';
import { store } from './store.js';
import { addressType, descriptorLimits, fromAddress, toAddress } from './address.js';
import { brandCheck, dictionary, idlInterface, isObject, requireNew, setLength, toNumber, toBigInt64, WrapperCache } from './webidl.js';

const memories = new WrapperCache<MemInst, Memory>();

/** Page limits the JS API allows (65536 pages = 4 GiB for i32; memory64 up to 2^37 pages of 64 KiB). */
const MAX_PAGES: Record<AddrType, number> = { i32: 65536, i64: 2 ** 37 };

function detach(buf: ArrayBuffer): void {
  const transfer = (buf as { transfer?: (n?: number) => ArrayBuffer }).transfer;
  if (typeof transfer === 'function') transfer.call(buf, 0);
  else structuredClone(buf, { transfer: [buf] });
}

/** Moves `buf`'s contents to a fresh ArrayBuffer object (zero-copy where possible), detaching `buf`. */
function moveBuffer(buf: ArrayBuffer): ArrayBuffer {
  const transfer = (buf as { transfer?: () => ArrayBuffer }).transfer;
  if (typeof transfer === 'function') return transfer.call(buf);
  return structuredClone(buf, { transfer: [buf] });
}

export class Memory {
  readonly #mem: MemInst;
  /** The JS-visible buffer object, or null when the next read must make one. */
  #buffer: ArrayBuffer | SharedArrayBuffer | null = null;
  #bufferLength = -1;
  /** After toResizableBuffer(): `#buffer` is a resizable ArrayBuffer the memory uses as its storage. */
  #resizable = false;

  constructor(descriptor: unknown) {
    requireNew(new.target, 'Memory');
    const adopted = memories.adopting();
    if (adopted) {
      this.#mem = adopted;
    } else {
      const what = 'WebAssembly.Memory()';
      if (!isObject(descriptor)) throw new TypeError(`${what}: argument 1 must be a memory descriptor`);
      const d = dictionary(descriptor, what);
      // WebIDL reads dictionary members in lexicographic order.
      const addr = addressType(d.address, what);
      const { initial, maximum } = descriptorLimits(d, addr, what);
      const pageSizeV = d.pageSize;
      const shared = !!d.shared;
      let log2 = 16;
      if (pageSizeV !== undefined) {
        const ps = toNumber(pageSizeV);
        if (ps !== 1 && ps !== 65536) throw new RangeError(`${what}: pageSize must be 1 or 65536`);
        log2 = ps === 1 ? 0 : 16;
      }
      const limit = log2 === 16 ? MAX_PAGES[addr] : (addr === 'i64' ? 2 ** 53 : 2 ** 32 - 1);
      if (initial > limit) throw new RangeError(`${what}: initial ${initial} exceeds the limit ${limit}`);
      if (maximum !== null && maximum > limit) throw new RangeError(`${what}: maximum ${maximum} exceeds the limit ${limit}`);
      if (maximum !== null && maximum < initial) throw new RangeError(`${what}: maximum ${maximum} is below initial ${initial}`);
      if (shared && maximum === null) throw new TypeError(`${what}: a shared memory needs a maximum`);
      try {
        this.#mem = createMemory({
          limits: { min: BigInt(initial), max: maximum === null ? null : BigInt(maximum) },
          addr, shared, pageSizeLog2: log2,
        }, store.opts.maxMemoryBytes);
      } catch (e) {
        throw new RangeError(`${what}: could not allocate memory (${(e as Error).message})`);
      }
    }
    const previous = this.#mem.onGrow;
    this.#mem.onGrow = m => {
      this.#refresh();
      previous?.(m);
    };
    memories.set(this.#mem, this);
  }

  /** Called after every growth: detaches the old ArrayBuffer (non-shared), forgets the cached object. */
  #refresh(): void {
    const m = this.#mem;
    if (isShared(m)) return; // the `buffer` getter notices the new length
    if (this.#resizable) {
      // The runtime grew into a fresh buffer: resize ours in place instead (the old contents are
      // already there, the new pages are zero in both) and make it the storage again.
      const rab = this.#buffer as ArrayBuffer;
      if (m.buffer !== rab) {
        (rab as unknown as { resize(n: number): void }).resize(m.bytes.length);
        adopt(m, rab);
      }
      return;
    }
    const old = this.#buffer as ArrayBuffer | null;
    this.#buffer = null;
    m.handedOut = false;
    if (old === null) return;
    if (old === m.buffer) {
      // grow(0) from JS: the storage did not move, so move it now to detach the old object.
      adopt(m, moveBuffer(old));
    } else {
      detach(old);
    }
  }

  get buffer(): ArrayBuffer | SharedArrayBuffer {
    const m = memOf(this, 'buffer');
    const self = this as Memory;
    if (isShared(m)) {
      if (self.#buffer === null || self.#bufferLength !== m.bytes.length) {
        // A new SAB object over the same shared storage (structured cloning shares, never copies).
        const sab = self.#buffer === null ? m.buffer : structuredClone(m.buffer);
        self.#buffer = Object.freeze(sab);
        self.#bufferLength = m.bytes.length;
      }
      return self.#buffer;
    }
    if (self.#buffer === null) {
      // The storage may have headroom past the memory's end (runtime/memory.ts): JS gets exactly the memory.
      self.#buffer = m.exactBuffer();
      m.handedOut = true;
    }
    return self.#buffer;
  }

  grow(delta: unknown): number | bigint {
    const m = memOf(this, 'grow');
    if (arguments.length < 1) throw new TypeError('WebAssembly.Memory.grow(): 1 argument required');
    const d = toAddress(delta, m.type.addr, 'WebAssembly.Memory.grow()');
    const old = d > m.maxPages ? -1 : m.grow(d);
    if (old < 0) throw new RangeError('WebAssembly.Memory.grow(): maximum memory size exceeded');
    if (d === 0) this.#refresh();
    return fromAddress(old, m.type.addr);
  }

  /**
   * The memory's buffer as a resizable ArrayBuffer (shared: the growable SharedArrayBuffer that
   * already is its storage). From then on growth keeps the same buffer object. Known gap: calling
   * `resize()` on it directly bypasses the memory's page accounting (JS cannot intercept it); grow
   * through `grow()` or wasm instead.
   */
  toResizableBuffer(): ArrayBuffer | SharedArrayBuffer {
    const m = memOf(this, 'toResizableBuffer');
    if (isShared(m)) return m.buffer;
    if (this.#resizable) return this.#buffer!;
    const maxBytes = m.maxPages * m.pageSize; // maxPages already includes the byte cap
    const rab = new (ArrayBuffer as unknown as new (n: number, o: { maxByteLength: number }) => ArrayBuffer)(m.bytes.length, { maxByteLength: maxBytes });
    new Uint8Array(rab).set(m.bytes);
    const old = m.buffer as ArrayBuffer;
    adopt(m, rab);
    // Only a buffer JS was given is detached; storage with headroom never left the runtime.
    if (old === this.#buffer) detach(old);
    this.#buffer = rab;
    this.#resizable = true;
    m.handedOut = true; // grows resize `rab`: a runtime buffer with headroom would only be copied again
    return rab;
  }

  /** The memory's buffer as a fixed-length ArrayBuffer (leaving resizable mode, detaching that buffer). */
  toFixedLengthBuffer(): ArrayBuffer | SharedArrayBuffer {
    const m = memOf(this, 'toFixedLengthBuffer');
    if (isShared(m) || !this.#resizable) return this.buffer;
    const rab = this.#buffer as ArrayBuffer;
    const fixed = rab.slice(0);
    adopt(m, fixed);
    detach(rab);
    this.#resizable = false;
    this.#buffer = fixed;
    m.handedOut = true;
    return fixed;
  }

  // ---- weft extension: typed accessors over the current storage ----------------------------

  /** The memory's current DataView (replaced on growth; the accessors below never go stale). */
  get view(): DataView { return memOf(this, 'view').view; }
  getI8(addr: number): number { return memOf(this, 'getI8').view.getInt8(addr); }
  getU8(addr: number): number { return memOf(this, 'getU8').view.getUint8(addr); }
  getI16(addr: number): number { return memOf(this, 'getI16').view.getInt16(addr, true); }
  getU16(addr: number): number { return memOf(this, 'getU16').view.getUint16(addr, true); }
  getI32(addr: number): number { return memOf(this, 'getI32').view.getInt32(addr, true); }
  getU32(addr: number): number { return memOf(this, 'getU32').view.getUint32(addr, true); }
  getI64(addr: number): bigint { return memOf(this, 'getI64').view.getBigInt64(addr, true); }
  getU64(addr: number): bigint { return memOf(this, 'getU64').view.getBigUint64(addr, true); }
  getF32(addr: number): number { return memOf(this, 'getF32').view.getFloat32(addr, true); }
  getF64(addr: number): number { return memOf(this, 'getF64').view.getFloat64(addr, true); }
  setI8(addr: number, v: number): void { memOf(this, 'setI8').view.setInt8(addr, v); }
  setI16(addr: number, v: number): void { memOf(this, 'setI16').view.setInt16(addr, v, true); }
  setI32(addr: number, v: number): void { memOf(this, 'setI32').view.setInt32(addr, v, true); }
  setI64(addr: number, v: bigint): void { memOf(this, 'setI64').view.setBigInt64(addr, toBigInt64(v), true); }
  setF32(addr: number, v: number): void { memOf(this, 'setF32').view.setFloat32(addr, v, true); }
  setF64(addr: number, v: number): void { memOf(this, 'setF64').view.setFloat64(addr, v, true); }

  static isMemory(v: unknown): v is Memory {
    return isObject(v) && #mem in v;
  }

  /** The runtime memory (weft extension: for embedders mixing the JS API and the runtime API). */
  static instOf(m: Memory): MemInst {
    return m.#mem;
  }
}
setLength(Memory.prototype.grow, 1);
idlInterface(Memory, 'Memory', 1);

/** Makes `buf` the runtime memory's storage (the interpreter reads `bytes`/`view` on every access). */
function adopt(m: MemInst, buf: ArrayBuffer): void {
  m.buffer = buf;
  m.bytes = new Uint8Array(buf);
  m.view = new DataView(buf);
}

function isShared(m: MemInst): boolean {
  return m.type.shared;
}

const memOf = brandCheck('Memory', Memory.isMemory, Memory.instOf);

/** The Memory object for a runtime memory (one per memory). */
export function memoryObject(inst: MemInst): Memory {
  return memories.of(inst, () => new Memory(undefined));
}
