/**
 * Conversions between Values (see values.ts) and the word layout shared by value-stack slots and
 * global cells: i32 / f32 bits in word 0, i64 / f64 bits as (lo, hi), v128 as four words.
 * Float bits are moved as integers, never through a JS number, so NaN payloads are preserved.
 */
import type { CValType, CStorageType } from '../valid/canon-types.js';
import type { Value } from './values.js';

export function cellToValue(t: CValType | CStorageType, w: Int32Array, i: number, ref: unknown): Value {
  switch (t) {
    case 'i32': return w[i];
    case 'i8': return w[i] & 0xff;
    case 'i16': return w[i] & 0xffff;
    case 'f32': return w[i] >>> 0;
    case 'i64': return (BigInt(w[i + 1]) << 32n) | BigInt(w[i] >>> 0);
    case 'f64': return (BigInt(w[i + 1] >>> 0) << 32n) | BigInt(w[i] >>> 0);
    case 'v128': return new Uint8Array(w.buffer.slice(w.byteOffset + i * 4, w.byteOffset + i * 4 + 16));
    default: return ref as Value;
  }
}

export function valueToCell(t: CValType | CStorageType, v: Value, w: Int32Array, i: number): void {
  switch (t) {
    case 'i32': case 'i8': case 'i16': case 'f32':
      w[i] = Number(v) | 0;
      return;
    case 'i64': case 'f64': {
      const b = BigInt.asUintN(64, v as bigint);
      w[i] = Number(b & 0xffffffffn) | 0;
      w[i + 1] = Number(b >> 32n) | 0;
      return;
    }
    case 'v128': {
      const bytes = v as Uint8Array;
      new Uint8Array(w.buffer, w.byteOffset + i * 4, 16).set(bytes);
      return;
    }
    default:
      return;
  }
}

/** The zero (or null) Value of a type. */
export function defaultValue(t: CValType | CStorageType): Value {
  switch (t) {
    case 'i32': case 'i8': case 'i16': case 'f32': return 0;
    case 'i64': case 'f64': return 0n;
    case 'v128': return new Uint8Array(16);
    default: return null;
  }
}
