/**
 * Memory-touching v128 instructions. The interpreter has bounds-checked `addr .. addr+size` and
 * passes the slot of the first operand (the address; loads write their result there); a vector
 * operand, when there is one, is the next slot (`slot + 4`). Bytes are copied one by one: `addr` need
 * not be aligned, and a subarray or DataView per access would allocate. Both wasm memory and the
 * typed-array views are little-endian (weft assumes a little-endian host, as every JS engine in use is).
 */
import type { SimdMemOp, SimdViews } from './simd-types.js';

const lane = (imm: unknown): number => imm as number;

/** Copy `n` bytes from memory to stack bytes starting at `at`. */
function fromMem(m: Uint8Array, at: number, mem: Uint8Array, addr: number, n: number): void {
  for (let i = 0; i < n; i++) m[at + i] = mem[addr + i];
}

function toMem(m: Uint8Array, at: number, mem: Uint8Array, addr: number, n: number): void {
  for (let i = 0; i < n; i++) mem[addr + i] = m[at + i];
}

/** Copy the vector operand (slot + 4) down to the result slot. */
function moveDown(v: SimdViews, slot: number): void {
  const s = v.i32;
  s[slot] = s[slot + 4]; s[slot + 1] = s[slot + 5]; s[slot + 2] = s[slot + 6]; s[slot + 3] = s[slot + 7];
}

const load: SimdMemOp = (v, slot, mem, addr) => fromMem(v.u8, slot << 2, mem, addr, 16);
const store: SimdMemOp = (v, slot, mem, addr) => toMem(v.u8, (slot + 4) << 2, mem, addr, 16);

/** v128.load{8x8,16x4,32x2}_{s,u}: 8 bytes, each 2^log2-byte value widened to twice its size. */
function loadExtend(log2: number, unsigned: boolean): SimdMemOp {
  const n = 8 >> log2, size = 1 << log2, shift = 32 - 8 * size;
  return (v, slot, mem, addr) => {
    // The source is memory, not the stack, so lanes can be written in any order.
    for (let i = 0; i < n; i++) {
      let x = 0;
      for (let k = size - 1; k >= 0; k--) x = (x << 8) | mem[addr + i * size + k];
      if (log2 === 2) {
        v.i32[slot + 2 * i] = x;
        v.i32[slot + 2 * i + 1] = unsigned ? 0 : x >> 31;
      } else {
        const w = unsigned ? x : (x << shift) >> shift;
        if (log2 === 0) v.i16[(slot << 1) + i] = w; else v.i32[slot + i] = w;
      }
    }
  };
}

/** v128.load{8,16,32,64}_splat: one value repeated in every lane. */
function loadSplat(log2: number): SimdMemOp {
  const size = 1 << log2;
  return (v, slot, mem, addr) => {
    const m = v.u8, p = slot << 2;
    fromMem(m, p, mem, addr, size);
    for (let i = size; i < 16; i++) m[p + i] = m[p + i - size];
  };
}

/** v128.load{32,64}_zero: the value in the low lane, zeros above. */
function loadZero(size: number): SimdMemOp {
  return (v, slot, mem, addr) => {
    const m = v.u8, p = slot << 2;
    fromMem(m, p, mem, addr, size);
    m.fill(0, p + size, p + 16);
  };
}

function loadLane(size: number): SimdMemOp {
  return (v, slot, mem, addr, imm) => {
    moveDown(v, slot);
    fromMem(v.u8, (slot << 2) + lane(imm) * size, mem, addr, size);
  };
}

function storeLane(size: number): SimdMemOp {
  return (v, slot, mem, addr, imm) => toMem(v.u8, ((slot + 4) << 2) + lane(imm) * size, mem, addr, size);
}

const OPS: Readonly<Record<string, SimdMemOp>> = {
  'v128.load': load,
  'v128.store': store,
  'v128.load8x8_s': loadExtend(0, false), 'v128.load8x8_u': loadExtend(0, true),
  'v128.load16x4_s': loadExtend(1, false), 'v128.load16x4_u': loadExtend(1, true),
  'v128.load32x2_s': loadExtend(2, false), 'v128.load32x2_u': loadExtend(2, true),
  'v128.load8_splat': loadSplat(0), 'v128.load16_splat': loadSplat(1),
  'v128.load32_splat': loadSplat(2), 'v128.load64_splat': loadSplat(3),
  'v128.load32_zero': loadZero(4), 'v128.load64_zero': loadZero(8),
  'v128.load8_lane': loadLane(1), 'v128.load16_lane': loadLane(2),
  'v128.load32_lane': loadLane(4), 'v128.load64_lane': loadLane(8),
  'v128.store8_lane': storeLane(1), 'v128.store16_lane': storeLane(2),
  'v128.store32_lane': storeLane(4), 'v128.store64_lane': storeLane(8),
};

export function memoryHandler(name: string): SimdMemOp | undefined {
  return OPS[name];
}
