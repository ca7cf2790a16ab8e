/**
 * Access to the guest's linear memory. The buffer is looked up on every access, never cached: a
 * `memory.grow` detaches the old ArrayBuffer (native engines) or replaces it (weft's runtime), and a
 * WASI call may run after any number of grows.
 *
 * Pointers arrive as JS numbers that are already unsigned (the import wrapper applies `>>> 0`).
 * Accesses outside the memory throw RangeError, which the wrapper reports as EFAULT.
 */
export class GuestMemory {
  private readonly getBuffer: () => ArrayBufferLike;
  private static readonly utf8 = new TextDecoder('utf-8', { fatal: false });
  private static readonly encoder = new TextEncoder();

  constructor(getBuffer: () => ArrayBufferLike) {
    this.getBuffer = getBuffer;
  }

  private view(): DataView {
    return new DataView(this.getBuffer());
  }

  /** A live window onto guest bytes [ptr, ptr+len); throws RangeError when out of bounds. */
  bytes(ptr: number, len: number): Uint8Array {
    const buf = this.getBuffer();
    if (ptr + len > buf.byteLength) throw new RangeError(`guest range ${ptr}+${len} out of bounds`);
    return new Uint8Array(buf, ptr, len);
  }

  u8(ptr: number): number { return this.view().getUint8(ptr); }
  u16(ptr: number): number { return this.view().getUint16(ptr, true); }
  u32(ptr: number): number { return this.view().getUint32(ptr, true); }
  u64(ptr: number): bigint { return this.view().getBigUint64(ptr, true); }
  setU8(ptr: number, v: number): void { this.view().setUint8(ptr, v); }
  setU16(ptr: number, v: number): void { this.view().setUint16(ptr, v, true); }
  setU32(ptr: number, v: number): void { this.view().setUint32(ptr, v >>> 0, true); }
  setU64(ptr: number, v: bigint): void { this.view().setBigUint64(ptr, BigInt.asUintN(64, v), true); }

  /** Zero-fills [ptr, ptr+len): structs have padding the guest may compare byte-wise. */
  zero(ptr: number, len: number): void { this.bytes(ptr, len).fill(0); }

  readString(ptr: number, len: number): string {
    // Copy first: TextDecoder refuses views of a SharedArrayBuffer (shared memories).
    return GuestMemory.utf8.decode(this.bytes(ptr, len).slice());
  }

  /** Copies `data` to guest memory at ptr; returns the byte count. */
  write(ptr: number, data: Uint8Array): number {
    this.bytes(ptr, data.length).set(data);
    return data.length;
  }

  static encode(s: string): Uint8Array {
    return GuestMemory.encoder.encode(s);
  }

  /** The buffers an iovec/ciovec array points at, as live windows onto guest memory. */
  iovecs(ptr: number, count: number): Uint8Array[] {
    const out: Uint8Array[] = [];
    for (let i = 0; i < count; i++) {
      const base = this.u32(ptr + i * 8);
      const len = this.u32(ptr + i * 8 + 4);
      out.push(this.bytes(base, len));
    }
    return out;
  }
}
