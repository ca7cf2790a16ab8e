/**
 * Helpers for the SIMD unit tests: a fresh value stack of four 16-byte slots (words 0, 4, 8, 12),
 * lane writers/readers per shape, and `run`, which executes one instruction by mnemonic with its
 * operands in slots 0, 4, 8 (the result lands in slot 0, as the interpreter contract says).
 */
import { SIMD_OPS, SIMD_MEM_OPS, simdViews, type SimdViews } from '../../src/exec/simd.js';
import { op } from '../../src/syntax/opcodes.js';
import type { Imm } from '../../src/syntax/module.js';

export type LaneShape = 'i8' | 'u8' | 'i16' | 'u16' | 'i32' | 'u32' | 'f32' | 'f64' | 'i64' | 'u64';

/** A vector operand: its shape and lane values (bigint for i64/u64 lanes). */
export type Vec = [LaneShape, readonly (number | bigint)[]];
/** A scalar operand, placed in the low word(s) of its slot. */
export type Scalar = ['int32', number] | ['int64', bigint] | ['f32bits', number] | ['f64bits', bigint];
export type Operand = Vec | Scalar;

export function fresh(): SimdViews {
  return simdViews(new ArrayBuffer(64));
}

export function put(v: SimdViews, word: number, [shape, lanes]: Vec): void {
  const n = 16 / v[shape].BYTES_PER_ELEMENT;
  if (lanes.length !== n) throw new Error(`${shape} needs ${n} lanes`);
  const base = (word * 4) / v[shape].BYTES_PER_ELEMENT;
  for (let i = 0; i < n; i++) (v[shape] as unknown as (number | bigint)[])[base + i] = lanes[i];
}

export function get(v: SimdViews, word: number, shape: LaneShape): (number | bigint)[] {
  const size = v[shape].BYTES_PER_ELEMENT, base = (word * 4) / size;
  return Array.from({ length: 16 / size }, (_, i) => (v[shape] as unknown as (number | bigint)[])[base + i]);
}

/** Raw 32-bit words of the slot at `word`, as unsigned numbers (for bit-exact float checks). */
export function words(v: SimdViews, word: number): number[] {
  return [0, 1, 2, 3].map(i => v.u32[word + i]);
}

function putOperand(v: SimdViews, word: number, o: Operand): void {
  switch (o[0]) {
    case 'int32': v.i32[word] = o[1]; return;
    case 'f32bits': v.u32[word] = o[1]; return;
    case 'int64': v.i64[word >> 1] = o[1]; return;
    case 'f64bits': v.u64[word >> 1] = o[1]; return;
    default: put(v, word, o as Vec);
  }
}

/** Execute `name` with the operands in slots 0, 4, 8; returns the views (result in slot 0). */
export function run(name: string, operands: readonly Operand[], imm?: Imm): SimdViews {
  const v = fresh();
  operands.forEach((o, k) => putOperand(v, 4 * k, o));
  const handler = SIMD_OPS[op(name)];
  if (!handler) throw new Error(`no handler for ${name}`);
  handler(v, 0, 4, 8, imm);
  return v;
}

/** `run` and read the result slot as lanes of `shape`. */
export function lanes(name: string, operands: readonly Operand[], shape: LaneShape, imm?: Imm): (number | bigint)[] {
  return get(run(name, operands, imm), 0, shape);
}

/** Execute a memory instruction with the address operand in slot 0 and a vector (if any) in slot 4. */
export function runMem(name: string, mem: Uint8Array, addr: number, vec?: Vec, laneIdx?: number): SimdViews {
  const v = fresh();
  v.i32[0] = addr;
  if (vec) put(v, 4, vec);
  const handler = SIMD_MEM_OPS[op(name)];
  if (!handler) throw new Error(`no memory handler for ${name}`);
  handler(v, 0, mem, addr, laneIdx);
  return v;
}

/** f32 bits of a number, and back. */
const f32buf = new Float32Array(1), u32buf = new Uint32Array(f32buf.buffer);
export function f32bits(x: number): number { f32buf[0] = x; return u32buf[0]; }
export const CANON_F32 = 0x7fc00000;
