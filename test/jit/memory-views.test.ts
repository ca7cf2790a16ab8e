/** Shared memory views (src/jit/memory-views.ts): global properties per memory, kept current, invisible; records otherwise. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Store, instantiate } from '../../src/runtime/index.js';
import { parseModule } from '../../src/text/parse-module.js';
import { validateModule } from '../../src/valid/index.js';
import { ALL_FEATURES } from '../../src/features.js';
import { MemInst } from '../../src/runtime/memory.js';
import { globalViewPrefix, refreshViews } from '../../src/jit/memory-views.js';
import { load } from '../exec/helpers.js';
import { outcome, isCompiled } from './helpers.js';

const wat = `(module (memory (export "mem") 1 4)
  (func (export "put") (param i32 i32) local.get 0 local.get 1 i32.store)
  (func (export "get") (param i32) (result i32) local.get 0 i32.load)
  (func (export "get8") (param i32) (result i32) local.get 0 i32.load8_u)
  (func (export "getf") (param i32) (result f64) local.get 0 f64.load)
  (func (export "grow") (param i32) (result i32) local.get 0 memory.grow))`;

function compiled(): { store: Store; inst: ReturnType<typeof load> } {
  const store = new Store({ tier: 'compiled' });
  return { store, inst: load(store, wat) };
}

test('two instances of one module keep apart: each compiled function reads its own memory', () => {
  const a = compiled(), b = compiled();
  outcome(a, 'put', [16, 111]);
  outcome(b, 'put', [16, 222]);
  assert.equal(outcome(a, 'get', [16]), '111');
  assert.equal(outcome(b, 'get', [16]), '222');
  assert.equal(outcome(a, 'get8', [16]), '111');
  assert.equal(outcome(b, 'get8', [16]), '222');
  assert.ok(isCompiled(a.inst, 'get') && isCompiled(b.inst, 'get'));
});

test('only the first instance of a module compiles its own functions; the others share one compilation', () => {
  const vm = validateModule(parseModule(`(module (memory (export "m") 1)
    (func (export "get") (param i32) (result i32) local.get 0 i32.load offset=8))`, ALL_FEATURES), ALL_FEATURES);
  const store = new Store({ tier: 'compiled' });
  const insts = [0, 1, 2, 3].map(() => instantiate(store, vm, []));
  const chars: number[] = [];
  insts.forEach((inst, k) => {
    const before = store.stats().sourceChars;
    new DataView(inst.mems[0].buffer as ArrayBuffer).setInt32(8, k + 10, true);
    assert.equal(outcome({ store, inst }, 'get', [0]), String(k + 10));
    assert.ok(isCompiled(inst, 'get'));
    chars.push(store.stats().sourceChars - before);
  });
  // The first instance: its own source; the second: the shared one, compiled once; then nothing.
  assert.ok(chars[0] > 0 && chars[1] > 0);
  assert.deepEqual(chars.slice(2), [0, 0]);
});

test('a memory the module neither imports nor exports gets no global views', () => {
  const names = () => Object.getOwnPropertyNames(globalThis).filter(n => n.startsWith('__weft')).length;
  const vm = validateModule(parseModule(`(module (memory 1)
    (func (export "put") (param i32 i32) local.get 0 local.get 1 i32.store)
    (func (export "get") (param i32) (result i32) local.get 0 i32.load))`, ALL_FEATURES), ALL_FEATURES);
  const store = new Store({ tier: 'compiled' });
  const before = names();
  const inst = instantiate(store, vm, []);
  outcome({ store, inst }, 'put', [8, 42]);
  assert.equal(outcome({ store, inst }, 'get', [8]), '42');
  assert.ok(isCompiled(inst, 'get'));
  assert.equal(names(), before, 'private memory stays off the global object');
});

test('a grow by the host (outside compiled code) is seen at the next compiled call', () => {
  const a = compiled();
  assert.equal(outcome(a, 'get', [65532]), '0');
  assert.equal(outcome(a, 'get', [65536]), 'trap:out-of-bounds-memory');
  const m = a.inst.mems[0];
  assert.equal(m.grow(1), 1);
  new DataView(m.buffer as ArrayBuffer).setInt32(65536, -5, true);
  assert.equal(outcome(a, 'get', [65536]), '-5');
  assert.equal(outcome(a, 'get8', [65536]), '251');
});

test('a grow by compiled code, then accesses by other compiled functions, and the old range kept', () => {
  const a = compiled();
  outcome(a, 'put', [8, 0x3ff00000]);
  assert.equal(outcome(a, 'grow', [2]), '1');
  outcome(a, 'put', [3 * 65536 - 4, 77]);
  assert.equal(outcome(a, 'get', [3 * 65536 - 4]), '77');
  assert.equal(outcome(a, 'get', [8]), String(0x3ff00000));
  assert.equal(outcome(a, 'getf', [4]), '4607182418800017408n'); // bytes 4..11: the f64 1.0 (raw bits)
  assert.equal(outcome(a, 'get', [3 * 65536]), 'trap:out-of-bounds-memory');
});

test('the global names are not enumerable and belong to one memory each', () => {
  const a = compiled();
  outcome(a, 'get', [0]);
  const p = globalViewPrefix(a.inst.mems[0]);
  assert.ok(p !== null);
  assert.equal(globalViewPrefix(a.inst.mems[0]), p);
  assert.ok(!Object.keys(globalThis).some(k => k.startsWith(p!)));
  const g = globalThis as unknown as Record<string, unknown>;
  assert.equal(g[`${p}buf`], a.inst.mems[0].buffer);
  assert.ok(g[`${p}i32`] instanceof Int32Array);
});

test('refreshViews: a memory without global views, or whose buffer is unchanged, is left alone', () => {
  const m = new MemInst({ addr: 'i32', limits: { min: 1n, max: null }, shared: false, pageSizeLog2: 16 } as never);
  assert.doesNotThrow(() => refreshViews(m));
  const p = globalViewPrefix(m)!;
  const g = globalThis as unknown as Record<string, unknown>;
  const before = g[`${p}u8`];
  refreshViews(m);
  assert.equal(g[`${p}u8`], before);
  m.grow(1);
  refreshViews(m);
  const grown = g[`${p}u8`] as Uint8Array;
  assert.notEqual(grown, before);
  // The views cover the whole buffer, headroom included (bounds come from m.bytes.length).
  assert.equal(grown.buffer, m.buffer);
  assert.ok(grown.length >= 2 * 65536);
  assert.equal(m.bytes.length, 2 * 65536);
  m.grow(1); // within the headroom: the buffer and so the views stay
  refreshViews(m);
  assert.equal(g[`${p}u8`], grown);
  assert.equal(m.bytes.length, 3 * 65536);
});

test('many grows, alternating between compiled code and the host, each seen at once', () => {
  const store = new Store({ tier: 'compiled' });
  const inst = load(store, `(module (memory 1 64)
    (func (export "put") (param i32 i32) local.get 0 local.get 1 i32.store)
    (func (export "get") (param i32) (result i32) local.get 0 i32.load)
    (func (export "grow-put") (param i32 i32) (result i32) i32.const 1 memory.grow drop local.get 0 local.get 1 i32.store local.get 0 i32.load))`);
  const side = { store, inst };
  for (let p = 1; p < 40; p++) {
    const top = (p + 1) * 65536 - 4;
    if (p % 2 === 0) assert.equal(outcome(side, 'grow-put', [top, p]), String(p));
    else {
      inst.mems[0].grow(1);
      outcome(side, 'put', [top, p]);
    }
    assert.equal(outcome(side, 'get', [top]), String(p));
    assert.equal(outcome(side, 'get', [top + 4]), 'trap:out-of-bounds-memory');
  }
});

test('at most a few memories have global views at a time; the others, compiled, use records', () => {
  const mems = Array.from({ length: 12 }, () => new MemInst({ addr: 'i32', limits: { min: 1n, max: null }, shared: false, pageSizeLog2: 16 } as never));
  const withGlobals = mems.filter(m => globalViewPrefix(m) !== null).length;
  assert.ok(withGlobals <= 8, `${withGlobals} memories with global views`);
  // Past the cap, a first instance compiles with records and is still correct.
  const a = compiled();
  outcome(a, 'put', [40, 123]);
  assert.equal(outcome(a, 'get', [40]), '123');
  assert.equal(globalViewPrefix(a.inst.mems[0]), null);
  assert.ok(isCompiled(a.inst, 'get'));
  assert.equal(mems.length, 12); // keeps them alive until here
});
