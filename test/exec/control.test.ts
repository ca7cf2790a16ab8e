import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RuntimeError } from '../../src/errors.js';
import { Store, WasmException } from '../../src/runtime/index.js';
import { load, call, interpStore } from './helpers.js';

test('br_table with carried values and block params', () => {
  const store = interpStore();
  const inst = load(store, `(module
    (func (export "pick") (param i32) (result i32)
      (block $a (result i32)
        (block $b (result i32)
          (block $c (result i32)
            (i32.const 100) (local.get 0) (br_table $a $b $c))
          (i32.add (i32.const 1)))
        (i32.add (i32.const 10))))
    (func (export "loopsum") (param i32) (result i32)
      (i32.const 0) (local.get 0)
      (loop $l (param i32 i32) (result i32)
        (local.set 0)
        (local.get 0) (i32.add)
        (local.get 0) (i32.eqz)
        (if (param i32) (result i32)
          (then)
          (else (local.get 0) (i32.const 1) (i32.sub) (br $l))))))`);
  assert.deepEqual(call(store, inst, 'pick', 0), [100]);
  assert.deepEqual(call(store, inst, 'pick', 1), [110]);
  assert.deepEqual(call(store, inst, 'pick', 2), [111]);
  assert.deepEqual(call(store, inst, 'pick', 99), [111]);
  assert.deepEqual(call(store, inst, 'loopsum', 10), [55]);
});

test('call_indirect checks types with canonical subtyping and reports element problems', () => {
  const store = interpStore();
  const inst = load(store, `(module
    (type $sup (sub (func (result i32))))
    (type $sub (sub $sup (func (result i32))))
    (type $other (func (param i32) (result i32)))
    (table 4 funcref)
    (elem (i32.const 0) func $f $g)
    (func $f (type $sub) (i32.const 7))
    (func $g (type $other) (local.get 0))
    (func (export "call") (param i32) (result i32) (call_indirect (type $sup) (local.get 0))))`);
  assert.deepEqual(call(store, inst, 'call', 0), [7]);
  assert.throws(() => call(store, inst, 'call', 1), /indirect call type mismatch/);
  assert.throws(() => call(store, inst, 'call', 2), /uninitialized element/);
  assert.throws(() => call(store, inst, 'call', 9), /undefined element/);
});

test('exceptions: catch_ref/throw_ref, legacy rethrow and delegate, across calls', () => {
  const store = interpStore();
  const inst = load(store, `(module
    (tag $e (param i32))
    (tag $f)
    (func $thr (param i32) (throw $e (local.get 0)))
    (func (export "rethrow-ref") (param i32) (result i32)
      (block $outer (result i32)
        (try_table (catch $e $outer)
          (block $h (result i32 exnref)
            (try_table (catch_ref $e $h) (call $thr (local.get 0)))
            (unreachable))
          (throw_ref))
        (i32.const -1)))
    (func (export "legacy") (param i32) (result i32)
      (try (result i32)
        (do
          (try (result i32)
            (do (call $thr (local.get 0)) (i32.const 0))
            (catch $e (drop) (rethrow 0))))
        (catch $e (i32.mul (i32.const 2)))))
    (func (export "delegate") (param i32) (result i32)
      (try $t (result i32)
        (do (try (result i32) (do (call $thr (local.get 0)) (i32.const 0)) (delegate $t)))
        (catch $e (i32.add (i32.const 1000)))))
    (func (export "uncaught") (throw $f)))`);
  assert.deepEqual(call(store, inst, 'rethrow-ref', 5), [5]);
  assert.deepEqual(call(store, inst, 'legacy', 21), [42]);
  assert.deepEqual(call(store, inst, 'delegate', 1), [1001]);
  assert.throws(() => call(store, inst, 'uncaught'), (e: unknown) => e instanceof WasmException && e.args.length === 0);
});

test('memory64 and atomics', () => {
  const store = interpStore();
  const inst = load(store, `(module
    (memory i64 1)
    (memory $s 1 1 shared)
    (func (export "rw") (param i64 i64) (result i64)
      (i64.store (local.get 0) (local.get 1)) (i64.load (local.get 0)))
    (func (export "size") (result i64) (memory.size))
    (func (export "rmw") (result i32)
      (drop (i32.atomic.rmw.add $s (i32.const 8) (i32.const 5)))
      (i32.atomic.rmw.cmpxchg $s (i32.const 8) (i32.const 5) (i32.const 9)))
    (func (export "wait") (result i32) (memory.atomic.wait32 $s (i32.const 8) (i32.const 0) (i64.const 0)))
    (func (export "unaligned") (result i32) (i32.atomic.load $s (i32.const 2))))`);
  assert.deepEqual(call(store, inst, 'rw', 65528n, -2n), [-2n]);
  assert.throws(() => call(store, inst, 'rw', 65529n, 1n), /out of bounds memory access/);
  assert.throws(() => call(store, inst, 'rw', 1n << 40n, 1n), /out of bounds memory access/);
  assert.deepEqual(call(store, inst, 'size'), [1n]);
  assert.deepEqual(call(store, inst, 'rmw'), [5]);
  assert.deepEqual(call(store, inst, 'wait'), [1]);
  assert.throws(() => call(store, inst, 'unaligned'), (e: unknown) => e instanceof RuntimeError && e.reason === 'unaligned atomic');
});

test('instantiation: segments run in order and a trapping one leaves earlier writes', () => {
  const store = interpStore();
  const a = load(store, `(module (memory (export "m") 1) (func (export "peek") (param i32) (result i32) (i32.load8_u (local.get 0))))`);
  assert.throws(() => load(store, `(module (import "a" "m" (memory 1))
    (data (i32.const 0) "\\01") (data (i32.const 65536) "\\02"))`, [a.exports.get('m')!]), /out of bounds memory access/);
  assert.deepEqual(call(store, a, 'peek', 0), [1]);
});
