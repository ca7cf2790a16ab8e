/**
 * Differential check against the host's own WebAssembly engine (V8 implements SIMD natively): for
 * every deterministic non-memory v128 instruction, a one-instruction module is run natively on
 * pseudo-random operands rich in edge values, and weft's handler must produce the same bits. NaN
 * results of float arithmetic only need to be NaN on both sides (payloads are the engine's choice).
 * Relaxed SIMD is excluded: its results are implementation-defined by design.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SIMD_MEM_OPS, SIMD_OPS, simdViews } from '../../src/exec/simd.js';
import { OPCODES, type OpInfo } from '../../src/syntax/opcodes.js';

const uleb = (n: number): number[] => {
  const out: number[] = [];
  do { let b = n & 0x7f; n >>>= 7; if (n) b |= 0x80; out.push(b); } while (n);
  return out;
};
const section = (id: number, body: number[]): number[] => [id, ...uleb(body.length), ...body];

// Memory layout of a test: operands at 0, 16, 32 (scalars in their first bytes), result at 64.
const LOAD: Record<string, number[]> = { i: [0x28, 2], I: [0x29, 3], f: [0x2a, 2], F: [0x2b, 3], v: [0xfd, 0, 4] };
const STORE: Record<string, number[]> = { i: [0x36, 2], I: [0x37, 3], f: [0x38, 2], F: [0x39, 3], v: [0xfd, 11, 4] };

function moduleFor(row: OpInfo, imm: Uint8Array | number | undefined): Uint8Array<ArrayBuffer> {
  const body: number[] = [0x41, 0xc0, 0x00]; // result address: i32.const 64 (signed LEB)
  row.params!.forEach((p, k) => body.push(0x41, 0, ...LOAD[p], ...uleb(16 * k)));
  body.push(0xfd, ...uleb(row.code));
  if (imm instanceof Uint8Array) body.push(...imm);
  else if (imm !== undefined) body.push(imm);
  body.push(...STORE[row.results![0]], 0, 0x0b);
  const code = [1, ...uleb(body.length + 1), 0, ...body];
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, [1, 0x60, 0, 0]),
    ...section(3, [1, 0]),
    ...section(5, [1, 0, 1]),
    ...section(7, [2, 1, 0x66, 0x00, 0, 1, 0x6d, 0x02, 0]),
    ...section(10, code),
  ]);
}

/** Deterministic xorshift. */
let seed = 0x2545f491;
const rand32 = (): number => { seed ^= seed << 13; seed ^= seed >>> 17; seed ^= seed << 5; return seed >>> 0; };
const pick = <T>(xs: readonly T[]): T => xs[rand32() % xs.length];

const F32_EDGES = [0, -0, 1, -1, 0.5, -0.5, 1.5, 2.5, -2.5, Infinity, -Infinity, NaN, 3.4028234663852886e38, 1e-45, -1e-45,
  2147483647, 2147483648, -2147483649, 4294967295, 4294967296, 16777217, 0.49999997, 1e10, -1e10];
const F64_EDGES = [...F32_EDGES, 1.7976931348623157e308, 5e-324, 4503599627370495.5, 0.49999999999999994, 2 ** 53 + 1, 2147483647.5, 4294967295.9];
const INT_EDGES = [0, 1, -1, 127, -128, 128, 255, 32767, -32768, 65535, 0x7fffffff, -0x80000000, 0x12345678];

/** Fill 16 bytes with lanes of a randomly chosen kind. */
function fill(bytes: Uint8Array): void {
  const buf = bytes.buffer, off = bytes.byteOffset;
  switch (rand32() % 6) {
    case 0: for (let i = 0; i < 16; i++) bytes[i] = rand32(); break;
    case 1: { const f = new Float32Array(buf, off, 4); for (let i = 0; i < 4; i++) f[i] = pick(F32_EDGES) * (rand32() % 3 ? 1 : Math.random()); break; }
    case 2: { const f = new Float64Array(buf, off, 2); for (let i = 0; i < 2; i++) f[i] = pick(F64_EDGES) * (rand32() % 3 ? 1 : Math.random() * 3); break; }
    case 3: { const x = new Int8Array(buf, off, 16); for (let i = 0; i < 16; i++) x[i] = pick(INT_EDGES); break; }
    case 4: { const x = new Int16Array(buf, off, 8); for (let i = 0; i < 8; i++) x[i] = pick(INT_EDGES); break; }
    default: { const x = new Int32Array(buf, off, 4); for (let i = 0; i < 4; i++) x[i] = pick(INT_EDGES); break; }
  }
  // Signalling NaNs and payloads now and then (kept bit-exact by non-arithmetic instructions).
  if (rand32() % 8 === 0) new Uint32Array(buf, off, 4)[rand32() % 4] = pick([0x7fa00001, 0xff812345, 0x7fc00000, 0xffc00000]);
}

/** Instructions whose float results are arithmetic (NaN payload up to the engine). */
function nanTolerantLanes(row: OpInfo): 4 | 2 | 0 {
  if (row.results![0] === 'f') return 4;
  if (row.results![0] === 'F') return 2;
  const [shape, op] = row.name.split('.');
  const exact = /^(eq|ne|lt|gt|le|ge|abs|neg|pmin|pmax|splat|extract_lane|replace_lane)$/.test(op);
  if (shape === 'f32x4' && !exact && !op.startsWith('convert')) return 4;
  if (shape === 'f32x4' && op.startsWith('convert')) return 0;
  if (shape === 'f64x2' && !exact && !op.startsWith('convert')) return 2;
  return 0;
}

function sameResult(native: Uint8Array, mine: Uint8Array, lanes: 4 | 2 | 0): boolean {
  if (lanes === 0) return native.every((b, i) => b === mine[i]);
  const size = native.length / lanes === 8 || lanes === 2 ? 8 : 4;
  const view = (u: Uint8Array) => (size === 4 ? new Float32Array(u.slice().buffer) : new Float64Array(u.slice().buffer));
  const n = view(native), m = view(mine);
  for (let i = 0; i < n.length; i++) {
    if (Number.isNaN(n[i]) && Number.isNaN(m[i])) continue;
    for (let k = i * size; k < (i + 1) * size; k++) if (native[k] !== mine[k]) return false;
  }
  return true;
}

test('non-memory SIMD instructions agree bit-for-bit with the host engine', () => {
  const rows = OPCODES.filter(r => r.prefix === 0xfd && r.feature === 'simd' && !r.imms.includes('memarg') && r.params!.length > 0);
  const mismatches: string[] = [];
  const v = simdViews(new ArrayBuffer(64));
  let checked = 0;
  for (const row of rows) {
    for (let trial = 0; trial < 6; trial++) {
      const imm = row.imms[0] === 'shuffle' ? new Uint8Array(16).map(() => rand32() % 32)
        : row.imms[0] === 'lane' ? rand32() % (128 / parseInt(row.name.slice(1), 10)) : undefined;
      const instance = new WebAssembly.Instance(new WebAssembly.Module(moduleFor(row, imm)));
      const mem = new Uint8Array((instance.exports.m as WebAssembly.Memory).buffer);
      const run = instance.exports.f as () => void;
      for (let k = 0; k < 40; k++) {
        for (let s = 0; s < 3; s++) fill(mem.subarray(16 * s, 16 * s + 16));
        if (row.params!.includes('i') && /sh[lr]/.test(row.name)) new Int32Array(mem.buffer, 16, 1)[0] = pick([0, 1, 7, 8, 15, 16, 31, 32, 63, 64, 65, -1, rand32()]);
        v.u8.set(mem.subarray(0, 48));
        run();
        SIMD_OPS[row.index]!(v, 0, 4, 8, imm);
        const size = row.results![0] === 'v' ? 16 : row.results![0] === 'I' || row.results![0] === 'F' ? 8 : 4;
        checked++;
        if (!sameResult(mem.slice(64, 64 + size), v.u8.slice(0, size), nanTolerantLanes(row))) {
          mismatches.push(`${row.name} imm=${imm} in=${Array.from(mem.subarray(0, 48))} native=${Array.from(mem.subarray(64, 64 + size))} weft=${Array.from(v.u8.subarray(0, size))}`);
          break;
        }
      }
    }
  }
  if (mismatches.length) console.log(mismatches.slice(0, 10).join('\n'));
  console.log(`native differential: ${rows.length} instructions, ${checked} runs, ${mismatches.length} mismatching`);
  assert.deepEqual(mismatches, []);
});

/**
 * Memory instructions: `addr` and the lane are constants of the module; a vector operand is loaded
 * from byte 96, a loaded result is stored at byte 64; the bytes under test are 0..63.
 */
function memModuleFor(row: OpInfo, addr: number, lane: number | undefined): Uint8Array<ArrayBuffer> {
  const isStore = row.results!.length === 0;
  const body: number[] = isStore ? [] : [0x41, 0xc0, 0x00];
  body.push(0x41, ...uleb(addr)); // addr < 64: one LEB byte, sign bit clear
  if (row.params!.includes('v')) body.push(0x41, 0, 0xfd, 0, 4, 96); // v128.load offset=96
  body.push(0xfd, ...uleb(row.code), 0, 0);
  if (lane !== undefined) body.push(lane);
  if (!isStore) body.push(0xfd, 11, 4, 0);
  body.push(0x0b);
  const code = [1, ...uleb(body.length + 1), 0, ...body];
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, [1, 0x60, 0, 0]), ...section(3, [1, 0]), ...section(5, [1, 0, 1]),
    ...section(7, [2, 1, 0x66, 0x00, 0, 1, 0x6d, 0x02, 0]), ...section(10, code),
  ]);
}

test('memory SIMD instructions agree with the host engine', () => {
  const rows = OPCODES.filter(r => r.prefix === 0xfd && r.imms.includes('memarg'));
  const mismatches: string[] = [];
  const v = simdViews(new ArrayBuffer(64));
  for (const row of rows) {
    const size = row.name === 'v128.load' || row.name === 'v128.store' ? 16 : row.name.includes('x') ? 8 : 1 << row.align;
    for (let trial = 0; trial < 8; trial++) {
      const addr = rand32() % (64 - size + 1);
      const lane = row.imms.includes('lane') ? rand32() % (16 / (1 << row.align)) : undefined;
      const instance = new WebAssembly.Instance(new WebAssembly.Module(memModuleFor(row, addr, lane)));
      const mem = new Uint8Array((instance.exports.m as WebAssembly.Memory).buffer);
      for (let i = 0; i < 128; i++) mem[i] = rand32();
      const mine = mem.slice(0, 64);
      v.u8.fill(0);
      v.i32[0] = addr;
      v.u8.set(mem.subarray(96, 112), 16);
      (instance.exports.f as () => void)();
      SIMD_MEM_OPS[row.index]!(v, 0, mine, addr, lane);
      const isStore = row.results!.length === 0;
      const want = isStore ? mem.subarray(0, 64) : mem.subarray(64, 80);
      const got = isStore ? mine : v.u8.subarray(0, 16);
      if (!want.every((b, i) => b === got[i])) mismatches.push(`${row.name} addr=${addr} lane=${lane}`);
    }
  }
  assert.deepEqual(mismatches, []);
});
