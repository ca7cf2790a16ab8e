/**
 * Bounds and alignment of compiled loads and stores (fast typed-array path vs the slow path of
 * mem-slow.ts): every width at the last valid address and one past it, with offsets that make the
 * address + offset sum wrap past 2^32, aligned and misaligned; and the trap's wasm stack offsets.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { OPCODES } from '../../src/syntax/opcodes.js';
import { ACCESS } from '../../src/exec/mem-access.js';
import { RuntimeError } from '../../src/errors.js';
import { invoke } from '../../src/runtime/index.js';
import { exportedFunc } from '../exec/helpers.js';
import { pair, outcome, isCompiled } from './helpers.js';

const TYPE: Record<string, string> = { i: 'i32', I: 'i64', f: 'f32', F: 'f64' };
const plain = (store: boolean) => OPCODES.filter(o => {
  const a = ACCESS[o.index];
  return a && a.store === store && a.atomic === null && o.params !== null && o.prefix !== 0xfd;
});
// 0, 2, 4, 8 and 0x7ffffff0 keep alignment for some widths (the rotated element test), 65535 never.
const OFFSETS = [0, 2, 4, 8, 65535, 0x7ffffff0, 0xfffffff0];
const LEN = 65536;

const funcs: string[] = [];
for (const o of plain(false)) {
  for (const off of OFFSETS) {
    funcs.push(`(func (export "${o.name}@${off}") (param i32) (result ${TYPE[o.results![0]]}) local.get 0 ${o.name} offset=${off})`);
  }
}
for (const o of plain(true)) {
  const v = TYPE[o.params![1]];
  for (const off of OFFSETS) {
    funcs.push(`(func (export "${o.name}@${off}") (param i32 ${v}) (result i64)
      local.get 0 local.get 1 ${o.name} offset=${off} i32.const ${LEN - 8} i64.load)`);
  }
}
const wat = `(module (memory 1) (data (i32.const ${LEN - 16}) "\\01\\02\\03\\04\\05\\06\\07\\08\\09\\0a\\0b\\0c\\0d\\0e\\0f\\10") ${funcs.join('\n')})`;

/** Addresses around the last valid one for an access of `bytes` at offset `off`. */
function addresses(bytes: number, off: number): number[] {
  const last = LEN - bytes - off;
  const out = [0, 1, -1, -off, -off - 1, 4 - off, 0x7fffffff, -0x80000000];
  for (let d = -9; d <= 9; d++) out.push(last + d);
  return out.map(a => a | 0);
}

test('loads at the end of memory, with wrapping offsets: compiled == interpreted', () => {
  const p = pair(wat);
  for (const o of plain(false)) {
    const bytes = ACCESS[o.index]!.bytes;
    for (const off of OFFSETS) {
      const name = `${o.name}@${off}`;
      for (const a of addresses(bytes, off)) assert.equal(outcome(p.jit, name, [a]), outcome(p.interp, name, [a]), `${name} ${a}`);
      assert.ok(isCompiled(p.jit.inst, name), `${name} compiled`);
    }
  }
});

test('stores at the end of memory, with wrapping offsets: compiled == interpreted', () => {
  const p = pair(wat);
  for (const o of plain(true)) {
    const bytes = ACCESS[o.index]!.bytes;
    const v = o.params![1] === 'I' ? -0x123456789abcdefn : o.params![1] === 'F' ? 0x7ff4000000000001n : o.params![1] === 'f' ? 0x7fa00001 : -0x12345679;
    for (const off of OFFSETS) {
      const name = `${o.name}@${off}`;
      for (const a of addresses(bytes, off)) assert.equal(outcome(p.jit, name, [a, v]), outcome(p.interp, name, [a, v]), `${name} ${a}`);
    }
  }
});

test('an out-of-bounds access traps with the instruction offset of the interpreter', () => {
  const p = pair(wat);
  const trap = (side: typeof p.jit, name: string, args: (number | bigint)[]): RuntimeError => {
    try {
      invoke(side.store, exportedFunc(side.inst, name), args);
    } catch (e) {
      if (e instanceof RuntimeError) return e;
      throw e;
    }
    assert.fail(`${name}: no trap`);
  };
  for (const [name, args] of [['i64.load@8', [LEN - 15]], ['f64.store@0', [LEN - 7, 0x3ff8000000000000n]], ['i32.load16_u@65535', [2]]] as const) {
    const a = trap(p.interp, name, [...args]), b = trap(p.jit, name, [...args]);
    assert.equal(b.kind, 'out-of-bounds-memory');
    assert.deepEqual(b.wasmStack, a.wasmStack, name);
  }
});
