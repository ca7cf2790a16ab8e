/**
 * The slow path of compiled loads and stores on 32-bit memories: misaligned accesses, accesses
 * near or past the end, and everything on big-endian hosts. Generated code takes its fast path (one
 * typed-array access) when a single unsigned compare proves the access aligned and in bounds, and
 * calls these otherwise; they do the exact check (trapping like the interpreter) and access through
 * the DataView. Values use the compiled convention (bits.ts): f32 as a number, i64 as the low word
 * returned or passed plus the high word in RT.hi or a second argument.
 */
import type { MemInst } from '../runtime/memory.js';
import { oob } from '../exec/mem-access.js';
import { f32FromBits, f32ToBits } from './bits.js';
import { RT } from './runtime.js';

/** The effective address of an access of `bytes` bytes at u32 `addr` + `off`; traps if out of bounds. */
function at(m: MemInst, addr: number, off: number, bytes: number): number {
  const ea = (addr >>> 0) + off;
  if (ea > m.bytes.length - bytes) oob();
  return ea;
}

type Load = (m: MemInst, addr: number, off: number) => number;
type Store = (m: MemInst, addr: number, off: number, v: number, hi: number) => void;

/** Loads by kind (the typed-array view the fast path uses, plus f32 and i64). */
export const SLOW_LOAD: Readonly<Record<string, Load>> = {
  u8: (m, a, o) => m.view.getUint8(at(m, a, o, 1)),
  i8: (m, a, o) => m.view.getInt8(at(m, a, o, 1)),
  u16: (m, a, o) => m.view.getUint16(at(m, a, o, 2), true),
  i16: (m, a, o) => m.view.getInt16(at(m, a, o, 2), true),
  i32: (m, a, o) => m.view.getInt32(at(m, a, o, 4), true),
  f32: (m, a, o) => f32FromBits(m.view.getInt32(at(m, a, o, 4), true)),
  f64: (m, a, o) => m.view.getFloat64(at(m, a, o, 8), true),
  i64: (m, a, o) => {
    const ea = at(m, a, o, 8);
    RT.hi = m.view.getInt32(ea + 4, true);
    return m.view.getInt32(ea, true);
  },
};

/** Stores by kind; `hi` is the high word of an i64 (ignored otherwise). */
export const SLOW_STORE: Readonly<Record<string, Store>> = {
  i8: (m, a, o, v) => m.view.setInt8(at(m, a, o, 1), v),
  i16: (m, a, o, v) => m.view.setInt16(at(m, a, o, 2), v, true),
  i32: (m, a, o, v) => m.view.setInt32(at(m, a, o, 4), v, true),
  f32: (m, a, o, v) => m.view.setInt32(at(m, a, o, 4), f32ToBits(v), true),
  f64: (m, a, o, v) => m.view.setFloat64(at(m, a, o, 8), v, true),
  i64: (m, a, o, v, hi) => {
    const ea = at(m, a, o, 8);
    m.view.setInt32(ea, v, true);
    m.view.setInt32(ea + 4, hi, true);
  },
};
