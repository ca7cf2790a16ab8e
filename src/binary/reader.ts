/**
 * A cursor over a module binary: fixed-width values, LEB128 integers and names, each checked the
 * way the spec's binary grammar demands. Every failure is a `CompileError('malformed', ...)` at the
 * offset of the offending byte, with the reference interpreter's wording (spec tests match on it).
 *
 * One reader object walks the whole module. Like the reference interpreter, reads are bounded by
 * the end of the module, not of the current section: a section or body that declares the wrong
 * size is caught by the size check after it, or by whatever its overrun runs into (spec tests
 * expect exactly those messages). `end` can be narrowed for self-contained payloads (custom
 * sections' contents).
 */
import { CompileError } from '../errors.js';

/** Reading past the end of the input (the module header has its own, shorter wording). */
export const END_OF_MODULE = 'unexpected end';

export const END_OF_SECTION = 'unexpected end of section or function';

// fatal: reject malformed sequences; ignoreBOM: a leading U+FEFF is part of the name.
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export class Reader {
  readonly bytes: Uint8Array;
  pos: number;
  /** One past the last byte that may be read. */
  end: number;
  private view: DataView | null = null;

  constructor(bytes: Uint8Array, pos = 0, end = bytes.length) {
    this.bytes = bytes;
    this.pos = pos;
    this.end = end;
  }

  fail(reason: string, offset = this.pos): never {
    throw new CompileError('malformed', reason, offset);
  }

  /** Running out of input. */
  failEnd(): never {
    this.fail(END_OF_SECTION, this.end);
  }

  get atEnd(): boolean {
    return this.pos >= this.end;
  }

  peek(): number {
    if (this.pos >= this.end) this.failEnd();
    return this.bytes[this.pos];
  }

  u8(): number {
    if (this.pos >= this.end) this.failEnd();
    return this.bytes[this.pos++];
  }

  /** Raw bytes, copied (callers keep them beyond the input buffer's lifetime). */
  take(n: number): Uint8Array {
    if (n > this.end - this.pos) this.failEnd();
    const r = this.bytes.slice(this.pos, this.pos + n);
    this.pos += n;
    return r;
  }

  skip(n: number): void {
    if (n > this.end - this.pos) this.failEnd();
    this.pos += n;
  }

  /** A little-endian u32 (f32 bit patterns and the version field). */
  fixedU32(): number {
    if (this.end - this.pos < 4) this.failEnd();
    const b = this.bytes, p = this.pos;
    this.pos += 4;
    return (b[p] | (b[p + 1] << 8) | (b[p + 2] << 16) | (b[p + 3] << 24)) >>> 0;
  }

  /** A little-endian u64 (f64 bit patterns). */
  fixedU64(): bigint {
    if (this.end - this.pos < 8) this.failEnd();
    if (!this.view) this.view = new DataView(this.bytes.buffer, this.bytes.byteOffset, this.bytes.byteLength);
    const v = this.view.getBigUint64(this.pos, true);
    this.pos += 8;
    return v;
  }

  // ---- LEB128 ---------------------------------------------------------------------------------
  // The last permitted byte of an N-bit LEB carries only the top bits of the value: a continuation
  // bit there is "too long"; payload bits beyond N (which must be zero for unsigned, copies of the
  // sign bit for signed) are "too large".

  u32(): number {
    const b = this.bytes;
    let p = this.pos;
    if (p < this.end) {
      const b0 = b[p];
      if (b0 < 0x80) { this.pos = p + 1; return b0; }
    }
    let result = 0;
    for (let shift = 0; shift < 35; shift += 7) {
      if (p >= this.end) { this.pos = p; this.failEnd(); }
      const byte = b[p++];
      if (shift === 28) {
        if (byte & 0x80) this.fail('integer representation too long', p - 1);
        if (byte & 0x70) this.fail('integer too large', p - 1);
        this.pos = p;
        return (result | (byte << 28)) >>> 0;
      }
      result |= (byte & 0x7f) << shift;
      if (!(byte & 0x80)) { this.pos = p; return result >>> 0; }
    }
    /* c8 ignore next */
    return this.fail('integer representation too long');
  }

  s32(): number {
    const b = this.bytes;
    let p = this.pos;
    let result = 0;
    for (let shift = 0; shift < 35; shift += 7) {
      if (p >= this.end) { this.pos = p; this.failEnd(); }
      const byte = b[p++];
      if (shift === 28) {
        if (byte & 0x80) this.fail('integer representation too long', p - 1);
        const high = byte & 0x78; // bit 3 is the sign; bits 4-6 must repeat it
        if (high !== 0 && high !== 0x78) this.fail('integer too large', p - 1);
        this.pos = p;
        return result | (byte << 28);
      }
      result |= (byte & 0x7f) << shift;
      if (!(byte & 0x80)) {
        this.pos = p;
        const used = shift + 7;
        return (byte & 0x40) ? result | (-1 << used) : result;
      }
    }
    /* c8 ignore next */
    return this.fail('integer representation too long');
  }

  /** A signed 33-bit LEB (block types, heap types); the value fits a JS number exactly. */
  s33(): number {
    const b = this.bytes;
    let p = this.pos;
    let result = 0;
    let mul = 1;
    for (let i = 0; i < 5; i++) {
      if (p >= this.end) { this.pos = p; this.failEnd(); }
      const byte = b[p++];
      if (i === 4) {
        if (byte & 0x80) this.fail('integer representation too long', p - 1);
        const high = byte & 0x70; // bit 4 is the sign; bits 5-6 must repeat it
        if (high !== 0 && high !== 0x70) this.fail('integer too large', p - 1);
        this.pos = p;
        result += (byte & 0x1f) * mul;
        return byte & 0x10 ? result - 2 ** 33 : result;
      }
      result += (byte & 0x7f) * mul;
      mul *= 128;
      if (!(byte & 0x80)) {
        this.pos = p;
        return byte & 0x40 ? result - mul : result;
      }
    }
    /* c8 ignore next */
    return this.fail('integer representation too long');
  }

  u64(): bigint {
    const b = this.bytes;
    let p = this.pos;
    // Fast path: up to four bytes fit a small integer.
    let small = 0;
    for (let i = 0; i < 4; i++) {
      if (p >= this.end) { this.pos = p; this.failEnd(); }
      const byte = b[p++];
      small |= (byte & 0x7f) << (7 * i);
      if (!(byte & 0x80)) { this.pos = p; return BigInt(small >>> 0); }
    }
    let result = BigInt(small >>> 0);
    for (let i = 4; i < 10; i++) {
      if (p >= this.end) { this.pos = p; this.failEnd(); }
      const byte = b[p++];
      if (i === 9) {
        if (byte & 0x80) this.fail('integer representation too long', p - 1);
        if (byte & 0x7e) this.fail('integer too large', p - 1);
      }
      result |= BigInt(byte & 0x7f) << BigInt(7 * i);
      if (!(byte & 0x80)) { this.pos = p; return result; }
    }
    /* c8 ignore next */
    return this.fail('integer representation too long');
  }

  s64(): bigint {
    const b = this.bytes;
    let p = this.pos;
    let small = 0;
    for (let i = 0; i < 4; i++) {
      if (p >= this.end) { this.pos = p; this.failEnd(); }
      const byte = b[p++];
      small |= (byte & 0x7f) << (7 * i);
      if (!(byte & 0x80)) {
        this.pos = p;
        const used = 7 * (i + 1);
        return BigInt(byte & 0x40 ? small | (-1 << used) : small);
      }
    }
    let result = BigInt(small >>> 0);
    for (let i = 4; i < 10; i++) {
      if (p >= this.end) { this.pos = p; this.failEnd(); }
      const byte = b[p++];
      if (i === 9) {
        if (byte & 0x80) this.fail('integer representation too long', p - 1);
        const high = byte & 0x7f; // bit 0 is bit 63, the sign; the rest must repeat it
        if (high !== 0 && high !== 0x7f) this.fail('integer too large', p - 1);
        this.pos = p;
        return BigInt.asIntN(64, result | (BigInt(byte & 1) << 63n));
      }
      result |= BigInt(byte & 0x7f) << BigInt(7 * i);
      if (!(byte & 0x80)) {
        this.pos = p;
        const used = BigInt(7 * (i + 1));
        return byte & 0x40 ? result - (1n << used) : result;
      }
    }
    /* c8 ignore next */
    return this.fail('integer representation too long');
  }

  // ---- vectors and names ----------------------------------------------------------------------

  /**
   * A length prefix (of a vector, name or byte string). Like the reference interpreter, only a
   * length beyond the size of the whole input is "out of bounds"; a shorter but still too long one
   * runs into the end of the input while its contents are read. Either way, allocating `n`
   * entries up front is bounded by the input size.
   */
  len(): number {
    const at = this.pos;
    const n = this.u32();
    if (n > this.bytes.length) this.fail('length out of bounds', at);
    return n;
  }

  /** The size of a section or function body, which must fit in the rest of the input. */
  size(): number {
    const at = this.pos;
    const n = this.u32();
    if (n > this.end - this.pos) this.fail('length out of bounds', at);
    return n;
  }

  /** A UTF-8 name. Its length, like a section's size, must fit in the rest of the input. */
  name(): string {
    const n = this.size();
    const start = this.pos;
    const b = this.bytes;
    this.pos += n;
    // Fast path for the common all-ASCII name.
    let ascii = true;
    for (let i = start; i < start + n; i++) if (b[i] >= 0x80) { ascii = false; break; }
    if (ascii) {
      let s = '';
      for (let i = start; i < start + n; i++) s += String.fromCharCode(b[i]);
      return s;
    }
    try {
      return utf8.decode(b.subarray(start, start + n));
    } catch {
      return this.fail('malformed UTF-8 encoding', start);
    }
  }
}
