/**
 * Memory.buffer detach-on-grow (from JS and from wasm), shared memories, memory64 descriptors,
 * and weft's typed accessors.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { native, weft, wat } from './helpers.js';

const GROWER = wat(`(module (memory (export "mem") 1 10)
  (func (export "grow") (param i32) (result i32) local.get 0 memory.grow)
  (func (export "load") (param i32) (result i32) local.get 0 i32.load))`);

for (const [label, W] of [['native', native], ['weft', weft]] as const) {
  test(`memory (${label}): buffer is stable until growth, then the old one is detached`, () => {
    const m = new W.Memory({ initial: 1, maximum: 4 });
    const b = m.buffer;
    assert.equal(m.buffer, b);
    assert.equal(b.byteLength, 65536);
    new Uint8Array(b)[10] = 42;
    assert.equal(m.grow(1), 1);
    assert.equal(b.byteLength, 0, 'old buffer detached');
    assert.notEqual(m.buffer, b);
    assert.equal(m.buffer.byteLength, 131072);
    assert.equal(new Uint8Array(m.buffer)[10], 42);
    const b2 = m.buffer;
    assert.equal(m.grow(0), 2);
    assert.equal(b2.byteLength, 0, 'grow(0) detaches too');
    assert.equal(new Uint8Array(m.buffer)[10], 42);
    assert.throws(() => m.grow(3), RangeError);
  });

  test(`memory (${label}): growth from wasm detaches the JS buffer`, () => {
    const e = new W.Instance(new W.Module(GROWER)).exports as any;
    const b = e.mem.buffer;
    new DataView(b).setInt32(8, 1234, true);
    assert.equal(e.grow(2), 1);
    assert.equal(b.byteLength, 0);
    assert.equal(e.mem.buffer.byteLength, 3 * 65536);
    assert.equal(e.load(8), 1234);
    assert.equal(e.grow(100), -1);
  });

  test(`memory (${label}): shared memory is a SharedArrayBuffer, new object after growth`, () => {
    const m = new W.Memory({ initial: 1, maximum: 3, shared: true });
    const b: SharedArrayBuffer = m.buffer as any;
    assert.ok(b instanceof SharedArrayBuffer);
    assert.equal(m.buffer, b);
    assert.ok(Object.isFrozen(b));
    new Uint8Array(b)[5] = 9;
    m.grow(1);
    const b2: SharedArrayBuffer = m.buffer as any;
    assert.notEqual(b2, b);
    assert.equal(b2.byteLength, 131072);
    assert.equal(new Uint8Array(b2)[5], 9);
    new Uint8Array(b2)[6] = 8;
    assert.equal(new Uint8Array(b)[6], 8, 'same storage');
  });

  test(`memory (${label}): exported memory object identity`, () => {
    const i = new W.Instance(new W.Module(GROWER)).exports as any;
    assert.equal(i.mem, i.mem);
    const i2 = new W.Instance(new W.Module(wat('(module (import "m" "mem" (memory 1)) (export "m2" (memory 0)))')), { m: { mem: i.mem } }).exports as any;
    assert.equal(i2.m2, i.mem);
  });
}

test('memory: memory64 descriptors take BigInt addresses', () => {
  const m = new (weft as any).Memory({ initial: 1n, maximum: 3n, address: 'i64' });
  assert.equal(m.buffer.byteLength, 65536);
  assert.equal(m.grow(1n), 1n);
  assert.throws(() => new (weft as any).Memory({ initial: 1, address: 'i128' }), TypeError);
  assert.throws(() => new (weft as any).Memory({ initial: -1n, address: 'i64' }), TypeError);
  const t = new (weft as any).Table({ element: 'externref', initial: 2n, address: 'i64' });
  assert.equal(t.length, 2n);
  t.set(1n, 'x');
  assert.equal(t.get(1n), 'x');
  assert.equal(t.grow(1n), 2n);
});

test('memory: descriptor members are read in WebIDL (lexicographic) order', () => {
  for (const W of [native, weft]) {
    const seen: string[] = [];
    const d = new Proxy({ initial: 1, maximum: 2 }, { get(t, k) { if (typeof k === 'string') seen.push(k); return (t as any)[k]; } });
    new W.Memory(d as any);
    const core = seen.filter(k => ['initial', 'maximum', 'shared'].includes(k));
    assert.deepEqual(core, ['initial', 'maximum', 'shared']);
  }
});

test('memory: typed accessors stay valid across growth (weft extension)', () => {
  const m = new weft.Memory({ initial: 1, maximum: 4 }) as any;
  m.setI32(0, -5);
  m.setI64(8, -(2n ** 40n));
  m.setF64(16, 1.25);
  m.setF32(24, 0.5);
  m.setI16(28, -2);
  m.setI8(30, -1);
  const e = new weft.Instance(new weft.Module(wat('(module (import "m" "mem" (memory 1)) (func (export "g") (result i32) i32.const 1 memory.grow))')), { m: { mem: m } }).exports as any;
  assert.equal(e.g(), 1);
  assert.equal(m.getI32(0), -5);
  assert.equal(m.getU32(0), 2 ** 32 - 5);
  assert.equal(m.getI64(8), -(2n ** 40n));
  assert.equal(m.getF64(16), 1.25);
  assert.equal(m.getF32(24), 0.5);
  assert.equal(m.getI16(28), -2);
  assert.equal(m.getU16(28), 0xfffe);
  assert.equal(m.getI8(30), -1);
  assert.equal(m.getU8(30), 255);
  m.setI32(65536 + 100, 77);
  assert.equal(m.view.getInt32(65536 + 100, true), 77);
  assert.throws(() => m.getI32(2 * 65536), RangeError);
});

test('memory: toResizableBuffer / toFixedLengthBuffer', () => {
  const m = new weft.Memory({ initial: 1, maximum: 4 }) as any;
  new Uint8Array(m.buffer)[3] = 7;
  const fixed = m.buffer;
  const rab = m.toResizableBuffer();
  assert.equal(fixed.byteLength, 0, 'the fixed-length buffer is detached');
  assert.equal(rab.resizable, true);
  assert.equal(rab.maxByteLength, 4 * 65536);
  assert.equal(m.toResizableBuffer(), rab);
  assert.equal(m.buffer, rab);
  assert.equal(new Uint8Array(rab)[3], 7);
  const e = new weft.Instance(new weft.Module(wat('(module (import "m" "mem" (memory 1)) (func (export "g") (result i32) i32.const 1 memory.grow) (func (export "st") (param i32 i32) local.get 0 local.get 1 i32.store8))')), { m: { mem: m } }).exports as any;
  assert.equal(e.g(), 1);
  assert.equal(m.buffer, rab, 'growth keeps the resizable buffer');
  assert.equal(rab.byteLength, 2 * 65536);
  e.st(65536 + 1, 9);
  assert.equal(new Uint8Array(rab)[65537], 9);
  assert.equal(m.grow(1), 2);
  assert.equal(rab.byteLength, 3 * 65536);
  const f = m.toFixedLengthBuffer();
  assert.equal(rab.byteLength, 0, 'the resizable buffer is detached');
  assert.equal(f.resizable, false);
  assert.equal(new Uint8Array(f)[65537], 9);
  assert.equal(m.toFixedLengthBuffer(), f);
  e.st(5, 1);
  assert.equal(new Uint8Array(m.buffer)[5], 1);
});
