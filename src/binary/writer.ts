/**
 * A growable byte buffer with the binary format's primitive encodings: minimal LEB128 integers,
 * little-endian fixed-width values and UTF-8 names. Used by the encoder, and by anyone else who
 * needs to emit wasm bytes (the text format's binary-module support, tests).
 */

const utf8 = new TextEncoder();

export class Writer {
  private buf: Uint8Array;
  /** Number of bytes written so far. */
  length = 0;

  constructor(capacity = 256) {
    this.buf = new Uint8Array(capacity);
  }

  private reserve(n: number): void {
    if (this.length + n <= this.buf.length) return;
    let cap = this.buf.length * 2;
    while (cap < this.length + n) cap *= 2;
    const next = new Uint8Array(cap);
    next.set(this.buf.subarray(0, this.length));
    this.buf = next;
  }

  u8(b: number): this {
    this.reserve(1);
    this.buf[this.length++] = b & 0xff;
    return this;
  }

  bytes(bs: Uint8Array | readonly number[]): this {
    this.reserve(bs.length);
    this.buf.set(bs, this.length);
    this.length += bs.length;
    return this;
  }

  /** Unsigned LEB128 of a u32 (numbers beyond 2^32 are reduced modulo 2^32). */
  u32(n: number): this {
    let v = n >>> 0;
    this.reserve(5);
    do {
      let b = v & 0x7f;
      v >>>= 7;
      if (v !== 0) b |= 0x80;
      this.buf[this.length++] = b;
    } while (v !== 0);
    return this;
  }

  /** Signed LEB128 of an i32. */
  s32(n: number): this {
    let v = n | 0;
    this.reserve(5);
    for (;;) {
      const b = v & 0x7f;
      v >>= 7;
      if ((v === 0 && !(b & 0x40)) || (v === -1 && b & 0x40)) {
        this.buf[this.length++] = b;
        return this;
      }
      this.buf[this.length++] = b | 0x80;
    }
  }

  /** Signed LEB128 of a 33-bit value (block types, heap types). */
  s33(n: number): this {
    if (n >= -(2 ** 31) && n < 2 ** 31) return this.s32(n);
    return this.s64(BigInt(n));
  }

  /** Unsigned LEB128 of a u64. */
  u64(n: bigint): this {
    let v = BigInt.asUintN(64, n);
    if (v < 0x100000000n) return this.u32(Number(v));
    this.reserve(10);
    do {
      let b = Number(v & 0x7fn);
      v >>= 7n;
      if (v !== 0n) b |= 0x80;
      this.buf[this.length++] = b;
    } while (v !== 0n);
    return this;
  }

  /** Signed LEB128 of an i64. */
  s64(n: bigint): this {
    let v = BigInt.asIntN(64, n);
    if (v >= -0x80000000n && v < 0x80000000n) return this.s32(Number(v));
    this.reserve(10);
    for (;;) {
      const b = Number(v & 0x7fn);
      v >>= 7n;
      if ((v === 0n && !(b & 0x40)) || (v === -1n && b & 0x40)) {
        this.buf[this.length++] = b;
        return this;
      }
      this.buf[this.length++] = b | 0x80;
    }
  }

  /** A little-endian u32 (f32 bits). */
  fixedU32(n: number): this {
    this.reserve(4);
    const b = this.buf, p = this.length;
    b[p] = n & 0xff; b[p + 1] = (n >>> 8) & 0xff; b[p + 2] = (n >>> 16) & 0xff; b[p + 3] = (n >>> 24) & 0xff;
    this.length += 4;
    return this;
  }

  /** A little-endian u64 (f64 bits). */
  fixedU64(n: bigint): this {
    const v = BigInt.asUintN(64, n);
    this.fixedU32(Number(v & 0xffffffffn));
    return this.fixedU32(Number(v >> 32n));
  }

  /** A length-prefixed UTF-8 name. */
  name(s: string): this {
    const enc = utf8.encode(s);
    return this.u32(enc.length).bytes(enc);
  }

  /** A length-prefixed byte string, e.g. a section body written into another Writer. */
  sized(inner: Writer | Uint8Array): this {
    const bs = inner instanceof Writer ? inner.finish() : inner;
    return this.u32(bs.length).bytes(bs);
  }

  /** The bytes written so far (a view; copy it if the writer is used further). */
  finish(): Uint8Array {
    return this.buf.subarray(0, this.length);
  }
}

/** One-shot helpers for callers that want a single encoded integer. */
export function encodeU32(n: number): Uint8Array { return new Writer(5).u32(n).finish(); }
export function encodeS32(n: number): Uint8Array { return new Writer(5).s32(n).finish(); }
export function encodeS33(n: number): Uint8Array { return new Writer(5).s33(n).finish(); }
export function encodeU64(n: bigint): Uint8Array { return new Writer(10).u64(n).finish(); }
export function encodeS64(n: bigint): Uint8Array { return new Writer(10).s64(n).finish(); }
