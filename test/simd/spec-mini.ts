/**
 * A test-only, deliberately tiny evaluator for the spec's SIMD scripts, so the SIMD handlers can be
 * checked against core/simd_*.wast without waiting for (or debugging through) the full interpreter.
 * It runs wast2json output (wabt is an oracle for tests only): modules are decoded with weft's
 * decoder, and exported functions are executed if they are straight-line code over locals,
 * constants, select, drop and v128 instructions; anything else is counted as skipped, not failed.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeModule } from '../../src/binary/decode.js';
import { SIMD_MEM_OPS, SIMD_OPS, simdViews, type SimdViews } from '../../src/exec/simd.js';
import { OPCODES } from '../../src/syntax/opcodes.js';
import type { MemArg, Module } from '../../src/syntax/module.js';
import { ALL_FEATURES } from '../../src/features.js';

class Skip extends Error {}
class Trap extends Error {}

export interface Counts {
  passed: number; failed: number; skipped: number; failures: string[];
  /** Why assertions were skipped (unsupported instruction or feature) and how often. */
  skipReasons: Map<string, number>;
}

interface JsonValue { type: string; lane_type?: string; value: string | string[] }
interface Command {
  type: string; line: number; filename?: string;
  action?: { type: string; field: string; args: JsonValue[] };
  expected?: JsonValue[]; either?: JsonValue[];
}

const SLOTS = 4096;
const LANE_BITS: Record<string, number> = { i8: 8, i16: 16, i32: 32, i64: 64, f32: 32, f64: 64 };

/** Write a JSON value into the slot at word w. */
function putValue(v: SimdViews, w: number, val: JsonValue): void {
  v.u32.fill(0, w, w + 4);
  if (val.type === 'v128') {
    const bits = LANE_BITS[val.lane_type!];
    (val.value as string[]).forEach((s, i) => putBits(v, w, bits, i, BigInt(s)));
  } else {
    putBits(v, w, val.type === 'i32' || val.type === 'f32' ? 32 : 64, 0, BigInt(val.value as string));
  }
}

function putBits(v: SimdViews, w: number, bits: number, lane: number, x: bigint): void {
  const byte = w * 4 + (lane * bits) / 8;
  for (let k = 0; k < bits / 8; k++) v.u8[byte + k] = Number((x >> BigInt(8 * k)) & 0xffn);
}

function getBits(v: SimdViews, w: number, bits: number, lane: number): bigint {
  const byte = w * 4 + (lane * bits) / 8;
  let x = 0n;
  for (let k = bits / 8 - 1; k >= 0; k--) x = (x << 8n) | BigInt(v.u8[byte + k]);
  return x;
}

function laneMatches(got: bigint, want: string, bits: number, isFloat: boolean): boolean {
  if (want.startsWith('nan:')) {
    if (!isFloat) return false;
    const exp = bits === 32 ? 0x7f800000n : 0x7ff0000000000000n;
    const quiet = bits === 32 ? 0x400000n : 0x8000000000000n;
    const mag = got & (bits === 32 ? 0x7fffffffn : 0x7fffffffffffffffn);
    return want === 'nan:canonical' ? mag === (exp | quiet) : (mag & (exp | quiet)) === (exp | quiet);
  }
  return got === BigInt(want);
}

function matches(v: SimdViews, w: number, want: JsonValue): boolean {
  if (want.type === 'v128') {
    const bits = LANE_BITS[want.lane_type!], isFloat = want.lane_type!.startsWith('f');
    return (want.value as string[]).every((s, i) => laneMatches(getBits(v, w, bits, i), s, bits, isFloat));
  }
  const bits = want.type === 'i32' || want.type === 'f32' ? 32 : 64;
  return laneMatches(getBits(v, w, bits, 0), want.value as string, bits, want.type.startsWith('f'));
}

function show(v: SimdViews, w: number, want: JsonValue): string {
  if (want.type !== 'v128') return getBits(v, w, want.type === 'i32' || want.type === 'f32' ? 32 : 64, 0).toString();
  const bits = LANE_BITS[want.lane_type!];
  return Array.from({ length: 128 / bits }, (_, i) => getBits(v, w, bits, i).toString()).join(' ');
}

interface Instance { module: Module; mem: Uint8Array; exports: Map<string, number> }

function constI32(expr: readonly { op: number; imm: readonly unknown[] }[]): number {
  if (OPCODES[expr[0].op].name !== 'i32.const') throw new Skip('non-constant offset');
  return expr[0].imm[0] as number;
}

function instantiate(module: Module): Instance {
  if (module.imports.length > 0) throw new Skip('imports');
  const pages = module.mems.length > 0 ? Number(module.mems[0].limits.min) : 0;
  const mem = new Uint8Array(pages * 65536);
  for (const d of module.datas) {
    if (d.mode.kind === 'active') mem.set(d.init, constI32(d.mode.offset));
  }
  const exports = new Map<string, number>();
  for (const e of module.exports) if (e.kind === 'func') exports.set(e.name, e.index);
  return { module, mem, exports };
}

/** Run function `index` with args in slots 0..n-1; returns the word index of the first result. */
function invoke(inst: Instance, index: number, v: SimdViews, args: readonly JsonValue[]): number {
  const func = inst.module.funcs[index];
  const nlocals = args.length + func.locals.length;
  args.forEach((a, i) => putValue(v, 4 * i, a));
  v.u32.fill(0, 4 * args.length, 4 * nlocals);
  let sp = nlocals; // next free slot
  const copy = (from: number, to: number) => v.u32.copyWithin(4 * to, 4 * from, 4 * from + 4);
  for (const ins of func.body) {
    const row = OPCODES[ins.op];
    switch (row.name) {
      case 'local.get': copy(ins.imm[0] as number, sp++); continue;
      case 'local.set': copy(--sp, ins.imm[0] as number); continue;
      case 'local.tee': copy(sp - 1, ins.imm[0] as number); continue;
      case 'i32.const': v.i32[4 * sp++] = ins.imm[0] as number; continue;
      case 'f32.const': v.u32[4 * sp++] = ins.imm[0] as number; continue;
      case 'i64.const': v.i64[2 * sp++] = ins.imm[0] as bigint; continue;
      case 'f64.const': v.u64[2 * sp++] = ins.imm[0] as bigint; continue;
      case 'drop': sp--; continue;
      case 'nop': continue;
      case 'select': {
        sp -= 2;
        if (v.i32[4 * (sp + 1)] === 0) copy(sp, sp - 1);
        continue;
      }
      case 'i32.and': sp--; v.i32[4 * (sp - 1)] &= v.i32[4 * sp]; continue;
      case 'i32.or': sp--; v.i32[4 * (sp - 1)] |= v.i32[4 * sp]; continue;
      case 'i32.xor': sp--; v.i32[4 * (sp - 1)] ^= v.i32[4 * sp]; continue;
      case 'i32.load': case 'i64.load': { // used by the store_lane tests to read memory back
        const size = row.name === 'i32.load' ? 4 : 8, w = 4 * (sp - 1);
        const addr = v.u32[w] + Number((ins.imm[0] as MemArg).offset);
        if (addr + size > inst.mem.length) throw new Trap('out of bounds memory access');
        v.u32[w + 1] = 0;
        for (let k = 0; k < size; k++) v.u8[4 * w + k] = inst.mem[addr + k];
        continue;
      }
      case 'end': return 4 * nlocals;
    }
    if (row.prefix !== 0xfd) throw new Skip(row.name);
    const a = sp - row.params!.length;
    if (row.imms[0] === 'memarg') {
      const m = ins.imm[0] as MemArg;
      const size = row.name.includes('_lane') || row.name.includes('_splat') || row.name.includes('_zero')
        ? 1 << row.align : row.name === 'v128.load' || row.name === 'v128.store' ? 16 : 8;
      const addr = v.u32[4 * a] + Number(m.offset);
      if (addr + size > inst.mem.length) throw new Trap('out of bounds memory access');
      SIMD_MEM_OPS[ins.op]!(v, 4 * a, inst.mem, addr, ins.imm[1] as number | undefined);
    } else {
      SIMD_OPS[ins.op]!(v, 4 * a, 4 * (a + 1), 4 * (a + 2), ins.imm[0]);
    }
    sp = a + row.results!.length;
  }
  throw new Error('function without end');
}

/** Run one wast2json output (JSON file in `dir`), counting assertions. */
export function runJson(dir: string, json: string): Counts {
  const { commands } = JSON.parse(readFileSync(join(dir, json), 'utf8')) as { commands: Command[] };
  const counts: Counts = { passed: 0, failed: 0, skipped: 0, failures: [], skipReasons: new Map() };
  const skip = (why: string) => { counts.skipped++; counts.skipReasons.set(why, (counts.skipReasons.get(why) ?? 0) + 1); };
  const v = simdViews(new ArrayBuffer(16 * SLOTS));
  let inst: Instance | null = null;
  for (const c of commands) {
    if (c.type === 'module') {
      try { inst = instantiate(decodeModule(readFileSync(join(dir, c.filename!)), ALL_FEATURES)); }
      catch (e) { inst = null; if (!(e instanceof Skip)) { counts.failed++; counts.failures.push(`${json}:${c.line}: module: ${e}`); } }
      continue;
    }
    if ((c.type !== 'assert_return' && c.type !== 'assert_trap' && c.type !== 'action') || c.action?.type !== 'invoke') continue;
    const index = inst?.exports.get(c.action.field);
    if (!inst || index === undefined) { skip(inst ? 'export not found' : 'module not run'); continue; }
    const nImports = 0;
    try {
      const w = invoke(inst, index - nImports, v, c.action.args);
      if (c.type === 'assert_trap') { counts.failed++; counts.failures.push(`${json}:${c.line}: expected trap`); continue; }
      const expected = c.expected ?? [];
      const ok = c.either
        ? c.either.some(alt => matches(v, w, alt))
        : expected.every((e, i) => matches(v, w + 4 * i, e));
      if (ok) counts.passed++;
      else {
        counts.failed++;
        const want = c.either ?? expected;
        counts.failures.push(`${json}:${c.line}: ${c.action.field}: got ${want.map((e, i) => show(v, w + 4 * i, e)).join(' | ')} want ${JSON.stringify(want.map(e => e.value))}`);
      }
    } catch (e) {
      if (e instanceof Skip) skip(e.message);
      else if (e instanceof Trap && c.type === 'assert_trap') counts.passed++;
      else { counts.failed++; counts.failures.push(`${json}:${c.line}: ${c.action.field}: ${e}`); }
    }
  }
  return counts;
}
