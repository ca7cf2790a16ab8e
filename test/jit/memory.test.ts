/** Loads and stores (every width, unaligned, out of bounds, NaN bits), memory.grow and bulk memory, compiled vs interpreted. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { OPCODES } from '../../src/syntax/opcodes.js';
import { ACCESS } from '../../src/exec/mem-access.js';
import { pair, outcome, isCompiled, rng, randomArg } from './helpers.js';

const TYPE: Record<string, string> = { i: 'i32', I: 'i64', f: 'f32', F: 'f64' };
const loads = OPCODES.filter(o => ACCESS[o.index] && !ACCESS[o.index]!.store && ACCESS[o.index]!.atomic === null && o.params !== null);
const stores = OPCODES.filter(o => ACCESS[o.index] && ACCESS[o.index]!.store && ACCESS[o.index]!.atomic === null && o.params !== null);

const funcs: string[] = [];
for (const o of loads) funcs.push(`(func (export "${o.name}") (param i32) (result ${TYPE[o.results![0]]}) local.get 0 ${o.name} offset=3)`);
for (const o of stores) {
  const v = TYPE[o.params![1]];
  // Store, then read back the 8 bytes around the address as an i64 (bit-exact).
  funcs.push(`(func (export "${o.name}") (param i32 ${v}) (result i64) local.get 0 local.get 1 ${o.name} offset=1 local.get 0 i64.load)`);
}
const wat = `(module (memory 1 3)
  (data (i32.const 0) "\\00\\01\\02\\03\\a0\\ff\\ff\\7f\\00\\00\\a0\\7f\\00\\00\\00\\00\\00\\00\\f4\\7f\\80\\81\\82\\83\\84\\85\\86\\87\\88")
  ${funcs.join('\n')}
  (func (export "grow") (param i32) (result i32) local.get 0 memory.grow)
  (func (export "size") (result i32) memory.size)
  (func (export "fill") (param i32 i32 i32) (result i32) local.get 0 local.get 1 local.get 2 memory.fill local.get 0 i32.load)
  (func (export "copy") (param i32 i32 i32) (result i64) local.get 0 local.get 1 local.get 2 memory.copy local.get 0 i64.load)
  (func (export "grow-then-load") (result i32) i32.const 1 memory.grow drop i32.const 65536 i32.const 7 i32.store i32.const 65536 i32.load))`;

const addrs = [0, 1, 2, 3, 6, 10, 14, 16, 65527, 65528, 65529, 65532, 65533, 65535, 65536, -1, -4];

test('loads: every width and sign, unaligned, bounds, NaN bits', () => {
  const p = pair(wat);
  for (const o of loads) {
    for (const a of addrs) assert.equal(outcome(p.jit, o.name, [a]), outcome(p.interp, o.name, [a]), `${o.name} ${a}`);
    assert.ok(isCompiled(p.jit.inst, o.name));
  }
});

test('stores: every width, values with NaN payloads, bounds', () => {
  const p = pair(wat);
  const next = rng(99);
  for (const o of stores) {
    for (const a of addrs) {
      for (let r = 0; r < 4; r++) {
        const v = randomArg(o.params![1], next);
        assert.equal(outcome(p.jit, o.name, [a, v]), outcome(p.interp, o.name, [a, v]), `${o.name} ${a} ${v}`);
      }
    }
  }
});

test('memory.grow refreshes the views compiled code uses', () => {
  const p = pair(wat);
  assert.equal(outcome(p.jit, 'grow-then-load', []), '7');
  assert.equal(outcome(p.jit, 'size', []), '2');
  assert.equal(outcome(p.jit, 'grow', [5]), '-1');
  assert.equal(outcome(p.jit, 'grow', [1]), '2');
  assert.equal(outcome(p.jit, 'size', []), '3');
});

test('bulk memory', () => {
  const p = pair(wat);
  for (const args of [[0, 0x41, 4], [65530, 1, 6], [65530, 1, 7], [3, 0xff, 0]]) {
    assert.equal(outcome(p.jit, 'fill', args), outcome(p.interp, 'fill', args), `fill ${args}`);
  }
  for (const args of [[0, 4, 8], [4, 0, 8], [65528, 0, 8], [65529, 0, 8], [0, 65535, 2]]) {
    assert.equal(outcome(p.jit, 'copy', args), outcome(p.interp, 'copy', args), `copy ${args}`);
  }
});

test('f32 loads and stores keep every bit pattern (typed-array fast path, NaNs re-read as bits)', () => {
  const p = pair(`(module (memory 1)
    (func (export "roundtrip") (param i32 i32) (result i32)
      local.get 0 local.get 1 i32.store
      local.get 0 i32.const 64 i32.add local.get 0 f32.load f32.store
      local.get 0 i32.const 64 i32.add i32.load)
    (func (export "through-local") (param i32) (result i32) (local f32)
      i32.const 8 local.get 0 i32.store
      i32.const 8 f32.load local.set 1
      i32.const 16 local.get 1 f32.store
      i32.const 16 i32.load)
    ;; stored without a NaN test (arithmetic results are quiet) and with one (neg keeps a signalling NaN)
    (func (export "sum") (param i32 i32) (result i32)
      i32.const 24 local.get 0 f32.reinterpret_i32 local.get 1 f32.reinterpret_i32 f32.add f32.store
      i32.const 24 i32.load)
    (func (export "neg") (param i32) (result i32)
      i32.const 28 local.get 0 f32.reinterpret_i32 f32.neg f32.store
      i32.const 28 i32.load)
    (func (export "loaded-neg") (param i32) (result i32)
      i32.const 32 local.get 0 i32.store
      i32.const 36 i32.const 32 f32.load f32.neg f32.store
      i32.const 36 i32.load)
    (func (export "consts") (result i32)
      i32.const 40 f32.const nan:0x200000 f32.store
      i32.const 44 f32.const -1.5 f32.store
      i32.const 40 i32.load i32.const 44 i32.load i32.xor))`);
  const bits = [0, 0x80000000, 1, 0x807fffff, 0x3f800000, 0x7f7fffff, 0x7f800000, 0xff800000,
    0x7fc00000, 0xffc00000, 0x7fa00000 /* signalling */, 0xff800001 /* signalling */, 0x7fffffff, 0x7fc00001];
  for (const b of bits) {
    for (const a of [0, 4, 65528]) {
      assert.equal(outcome(p.jit, 'roundtrip', [a, b | 0]), outcome(p.interp, 'roundtrip', [a, b | 0]), `roundtrip ${a} ${b.toString(16)}`);
    }
    assert.equal(outcome(p.jit, 'through-local', [b | 0]), String(b | 0), `through-local ${b.toString(16)}`);
    for (const c of [0, 0x3f800000, 0x7fa00000, 0xffc00001]) {
      assert.equal(outcome(p.jit, 'sum', [b | 0, c | 0]), outcome(p.interp, 'sum', [b | 0, c | 0]), `sum ${b.toString(16)} ${c.toString(16)}`);
    }
    assert.equal(outcome(p.jit, 'neg', [b | 0]), String((b ^ 0x80000000) | 0), `neg ${b.toString(16)}`);
    assert.equal(outcome(p.jit, 'loaded-neg', [b | 0]), String((b ^ 0x80000000) | 0), `loaded-neg ${b.toString(16)}`);
  }
  assert.equal(outcome(p.jit, 'consts', []), String((0x7fa00000 ^ 0xbfc00000) | 0));
  assert.ok(isCompiled(p.jit.inst, 'roundtrip') && isCompiled(p.jit.inst, 'through-local'));
});
