/**
 * The contract between the SIMD semantics (src/exec/simd*.ts) and the interpreter that owns the value
 * stack. The stack is one ArrayBuffer of 16-byte slots; the interpreter hands us typed-array views
 * over it (built once with `simdViews`) plus the *int32 word indices* (multiples of 4) of the
 * operand slots, so a handler never allocates and never needs to know how the stack is managed.
 *
 * Layout of a slot: a v128 occupies words w..w+3 (little-endian lane order); an i32 or f32 (raw bits)
 * lives in word w; an i64 or f64 in words w..w+1 (lo, hi), i.e. element w/2 of the 64-bit views.
 */
import type { Imm } from '../syntax/module.js';

export interface SimdViews {
  i8: Int8Array; u8: Uint8Array; i16: Int16Array; u16: Uint16Array; i32: Int32Array; u32: Uint32Array;
  f32: Float32Array; f64: Float64Array; i64: BigInt64Array; u64: BigUint64Array;
}

/**
 * A non-memory v128 instruction. `a`, `b`, `c` are the word indices of the first, second and third
 * operand slots in stack order; the result (v128 or scalar) is written to slot `a`. For instructions
 * without operands (v128.const) `a` is the result slot. `imm` is the instruction's single immediate:
 * the lane index (number) for extract/replace_lane, a Uint8Array(16) for v128.const and i8x16.shuffle.
 */
export type SimdOp = (v: SimdViews, a: number, b: number, c: number, imm: Imm | undefined) => void;

/**
 * A memory-touching v128 instruction. `slot` is the word index of the FIRST operand (the address);
 * the result of a load goes there. When the instruction also takes a vector (v128.store,
 * load/store*_lane) that vector is the next slot, `slot + 4`. `addr` is the effective byte address
 * (static offset included), already bounds-checked by the interpreter for the access size; `imm` is the
 * lane number for the *_lane instructions and is ignored otherwise.
 */
export type SimdMemOp = (v: SimdViews, slot: number, mem: Uint8Array, addr: number, imm: Imm | undefined) => void;

/** Views over a value-stack buffer; its byteLength must be a multiple of 16. */
export function simdViews(buffer: ArrayBufferLike): SimdViews {
  return {
    i8: new Int8Array(buffer), u8: new Uint8Array(buffer),
    i16: new Int16Array(buffer), u16: new Uint16Array(buffer),
    i32: new Int32Array(buffer), u32: new Uint32Array(buffer),
    f32: new Float32Array(buffer), f64: new Float64Array(buffer),
    i64: new BigInt64Array(buffer), u64: new BigUint64Array(buffer),
  };
}

/** The lane shapes of v128, as they prefix mnemonics. */
export type Shape = 'i8x16' | 'i16x8' | 'i32x4' | 'i64x2' | 'f32x4' | 'f64x2';

/** log2 of the lane size in bytes: element index of a slot's lane 0 is `(word << 2) >> LOG2_BYTES`. */
export const LOG2_BYTES: Readonly<Record<Shape, number>> = {
  i8x16: 0, i16x8: 1, i32x4: 2, i64x2: 3, f32x4: 2, f64x2: 3,
};

/** Split a mnemonic like `i16x8.add_sat_s` into shape and operation; null for `v128.*`. */
export function splitMnemonic(name: string): { shape: Shape | null; op: string } {
  const dot = name.indexOf('.');
  const prefix = name.slice(0, dot);
  const shape = prefix in LOG2_BYTES ? (prefix as Shape) : null;
  return { shape, op: name.slice(dot + 1) };
}
