/**
 * Threads for real: instances on worker_threads sharing one WebAssembly.Memory, contending on a
 * lock made of atomics (the count must be exact), plus wait/notify semantics on the main thread.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WebAssembly } from '../../src/api/index.js';
import { parseModule } from '../../src/text/parse-module.js';
import { encodeModule } from '../../src/binary/index.js';
import { runOnWorkers } from '../../src/threads/node-threads.js';
// The benchmark's module (a cmpxchg + wait/notify lock around a plain increment, atomic counters).
import { COUNTERS_WAT } from '../../bench/threads/counters.js';

const COUNTERS_BYTES = encodeModule(parseModule(COUNTERS_WAT));

const ATOMIC64_BYTES = encodeModule(parseModule(`(module
  (memory (import "env" "memory") 1 1 shared)
  ;; n atomic increments of the i64 counter at addr
  (func (export "atomic_add") (param $addr i32) (param $n i32) (result i32)
    (local $i i32)
    (loop $l
      (drop (i64.atomic.rmw.add (local.get $addr) (i64.const 1)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $i) (local.get $n))))
    (local.get $n)))`));

function sharedMemory() {
  return new WebAssembly.Memory({ initial: 1, maximum: 1, shared: true });
}

test('a shared memory is backed by a SharedArrayBuffer', () => {
  assert.ok(sharedMemory().buffer instanceof SharedArrayBuffer);
});

test('4 workers contending on an atomics lock: the count is exact', async () => {
  const memory = sharedMemory();
  const r = await runOnWorkers({ bytes: COUNTERS_BYTES, memory, entry: 'locked', threads: 4, args: () => [2000] });
  assert.deepEqual(r.results, [2000, 2000, 2000, 2000]);
  const words = new Int32Array(memory.buffer);
  assert.equal(words[1], 8000);
  assert.equal(words[0], 0, 'lock released');
});

test('2 workers incrementing one counter with i64.atomic.rmw.add: exact', async () => {
  const memory = sharedMemory();
  await runOnWorkers({ bytes: ATOMIC64_BYTES, memory, entry: 'atomic_add', threads: 2, args: () => [8, 20000] });
  assert.equal(new BigInt64Array(memory.buffer)[1], 40000n);
});

test('2 workers on one i32 counter and on counters of their own: exact', async () => {
  const memory = sharedMemory();
  await runOnWorkers({ bytes: COUNTERS_BYTES, memory, entry: 'add_shared', threads: 2, args: () => [20000] });
  await runOnWorkers({ bytes: COUNTERS_BYTES, memory, entry: 'add_own', threads: 2, args: i => [i, 5000] });
  const words = new Int32Array(memory.buffer);
  assert.deepEqual([words[2], words[16], words[32]], [40000, 5000, 5000]);
});

const WAIT_WAT = `(module
  (memory (export "m") 1 1 shared)
  (func (export "wait32") (param i32 i32 i64) (result i32) (memory.atomic.wait32 (local.get 0) (local.get 1) (local.get 2)))
  (func (export "wait64") (param i32 i64 i64) (result i32) (memory.atomic.wait64 (local.get 0) (local.get 1) (local.get 2)))
  (func (export "notify") (param i32 i32) (result i32) (memory.atomic.notify (local.get 0) (local.get 1)))
  (func (export "cmpxchg8") (param i32 i32 i32) (result i32) (i32.atomic.rmw8.cmpxchg_u (local.get 0) (local.get 1) (local.get 2)))
  (func (export "sub16") (param i32 i32) (result i32) (i32.atomic.rmw16.sub_u (local.get 0) (local.get 1)))
)`;

test('wait/notify and narrow atomics on a shared memory (main thread)', () => {
  const inst = new WebAssembly.Instance(new WebAssembly.Module(encodeModule(parseModule(WAIT_WAT))), {});
  const e = inst.exports as Record<string, (...a: unknown[]) => number>;
  assert.equal(e.wait32(0, 1, 0n), 1, 'not-equal');
  assert.equal(e.wait32(0, 0, 0n), 2, 'timed-out');
  const t0 = performance.now();
  assert.equal(e.wait64(8, 0n, 20_000_000n), 2, 'timed-out after 20 ms');
  assert.ok(performance.now() - t0 >= 15);
  assert.equal(e.notify(0, 5), 0, 'nobody waiting');
  assert.equal(e.cmpxchg8(16, 0x100, 7), 0, 'expected wraps to 8 bits: matches 0');
  assert.equal(e.cmpxchg8(16, 0, 9), 7);
  assert.equal(e.sub16(20, 1), 0);
  assert.equal(e.sub16(20, 0), 0xffff);
});

test('growth by one thread is seen by the other instances on the same buffer', async () => {
  const { adoptSharedMemory, shareMemory } = await import('../../src/threads/shared-memory.js');
  const wat = `(module (memory (import "env" "memory") 1 4 shared)
    (func (export "size") (result i32) (memory.size))
    (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0)))
    (func (export "poke") (param i32 i32) (i32.atomic.store (local.get 0) (local.get 1)))
    (func (export "peek") (param i32) (result i32) (i32.atomic.load (local.get 0))))`;
  const module = new WebAssembly.Module(encodeModule(parseModule(wat)));
  const memory = new WebAssembly.Memory({ initial: 1, maximum: 4, shared: true });
  const a = new WebAssembly.Instance(module, { env: { memory } }).exports as Record<string, (...x: number[]) => number>;
  const other = adoptSharedMemory(shareMemory(memory));
  const b = new WebAssembly.Instance(module, { env: { memory: other } }).exports as Record<string, (...x: number[]) => number>;
  assert.equal(a.grow(2), 1);
  assert.equal(b.size(), 3);
  a.poke(3 * 65536 - 4, 42);
  assert.equal(b.peek(3 * 65536 - 4), 42);
  assert.equal(b.grow(1), 3);
  assert.equal(a.size(), 4);
  assert.equal(a.grow(1), -1);
});
