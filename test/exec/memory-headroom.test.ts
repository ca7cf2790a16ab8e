/**
 * Memory growth with headroom (runtime/memory.ts): the buffer may be longer than the memory so that
 * runs of small grows do not copy the whole memory each time. Bounds must still be the memory's
 * length in both tiers, new pages zero, and the JS API's `buffer` exactly the memory.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MemInst } from '../../src/runtime/memory.js';
import { WebAssembly as W } from '../../src/api/index.js';
import { pair, outcome } from '../jit/helpers.js';
import { wat } from '../api/helpers.js';

const PAGE = 65536;
const mem = (min: number, max: number | null = null): MemInst =>
  new MemInst({ addr: 'i32', limits: { min: BigInt(min), max: max === null ? null : BigInt(max) }, shared: false, pageSizeLog2: 16 } as never);

test('2,000 one-page grows: contents kept, new pages zero, few buffer copies', () => {
  const m = mem(1);
  let copies = 0;
  let buf = m.buffer;
  for (let p = 1; p <= 2000; p++) {
    m.bytes[p * PAGE - 1] = p & 0xff; // the last byte of the newest page
    assert.equal(m.grow(1), p);
    assert.equal(m.bytes.length, (p + 1) * PAGE);
    assert.equal(m.view.byteLength, (p + 1) * PAGE);
    assert.equal(m.bytes[(p + 1) * PAGE - 1], 0);
    if (m.buffer !== buf) { copies++; buf = m.buffer; }
  }
  for (let p = 1; p <= 2000; p += 97) assert.equal(m.bytes[p * PAGE - 1], p & 0xff);
  assert.ok(copies < 40, `${copies} copies`);
});

test('headroom never passes the maximum, and grow beyond it still fails', () => {
  const m = mem(1, 3);
  assert.equal(m.grow(1), 1);
  assert.ok(m.buffer.byteLength <= 3 * PAGE);
  assert.equal(m.grow(1), 2);
  assert.equal(m.grow(1), -1);
  assert.equal(m.bytes.length, 3 * PAGE);
});

test('exactBuffer trims the headroom and keeps the contents', () => {
  const m = mem(1);
  m.grow(1);
  m.bytes[PAGE + 5] = 42;
  assert.ok(m.buffer.byteLength > 2 * PAGE);
  const b = m.exactBuffer();
  assert.equal(b.byteLength, 2 * PAGE);
  assert.equal(new Uint8Array(b)[PAGE + 5], 42);
  assert.equal(m.bytes.buffer, b);
});

test('accesses past the memory but inside the headroom trap, in both tiers', () => {
  const p = pair(`(module (memory 1)
    (func (export "grow") (param i32) (result i32) local.get 0 memory.grow)
    (func (export "put") (param i32 i32) local.get 0 local.get 1 i32.store)
    (func (export "get") (param i32) (result i32) local.get 0 i32.load)
    (func (export "get8") (param i32) (result i32) local.get 0 i32.load8_u)
    (func (export "fill") (param i32 i32) local.get 0 i32.const 7 local.get 1 memory.fill))`);
  for (const side of [p.interp, p.jit]) {
    for (let round = 0; round < 3; round++) {
      const pages = 2 + round;
      assert.equal(outcome(side, 'grow', [1]), String(pages - 1));
      const end = pages * PAGE;
      assert.equal(outcome(side, 'get', [end - 4]), '0');
      assert.equal(outcome(side, 'put', [end - 4, 9]), '');
      assert.equal(outcome(side, 'get', [end - 4]), '9');
      assert.equal(outcome(side, 'get', [end - 3]), 'trap:out-of-bounds-memory');
      assert.equal(outcome(side, 'get8', [end]), 'trap:out-of-bounds-memory');
      assert.equal(outcome(side, 'put', [end, 1]), 'trap:out-of-bounds-memory');
      assert.equal(outcome(side, 'fill', [end - 8, 9]), 'trap:out-of-bounds-memory');
      assert.equal(outcome(side, 'get8', [end - 1]), '0'); // the trapping fill wrote nothing
    }
  }
});

test('JS API: buffer is exactly the memory after wasm grows into the headroom, and aliases it', () => {
  const bytes = wat(`(module (memory (export "mem") 1)
    (func (export "grow") (param i32) (result i32) local.get 0 memory.grow)
    (func (export "put") (param i32 i32) local.get 0 local.get 1 i32.store8))`);
  const e = new W.Instance(new W.Module(bytes), {}).exports as unknown as {
    grow(n: number): number; put(a: number, v: number): void; mem: WebAssembly.Memory;
  };
  let seen = e.mem.buffer;
  for (let p = 1; p < 50; p++) {
    e.grow(1);
    assert.equal(seen.byteLength, 0, 'the old buffer is detached');
    if (p % 3 === 0) continue; // sometimes grow twice without looking
    const b = e.mem.buffer;
    assert.equal(b.byteLength, (p + 1) * PAGE);
    e.put((p + 1) * PAGE - 1, p);
    assert.equal(new Uint8Array(b)[(p + 1) * PAGE - 1], p);
    new Uint8Array(b)[0] = p;
    seen = b;
  }
  assert.equal(new Uint8Array(e.mem.buffer)[0], 49);
});
