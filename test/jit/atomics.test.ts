/**
 * Atomic instructions in the compiled tier (jit/atomics.ts): functions using them compile, and
 * every kind (load, store, read-modify-write of each width, cmpxchg, notify, wait on an unshared
 * memory's trap, fence) gives the interpreter's results and traps, on shared and unshared memories.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pair, outcome, isCompiled } from './helpers.js';

function module(shared: boolean): string {
  return `(module (memory 1 1 ${shared ? 'shared' : ''})
  (func (export "rmw") (param i32 i32) (result i32 i32 i32 i32 i32)
    (i32.atomic.store (local.get 0) (i32.const 0x12345678))
    (i32.atomic.rmw.add (local.get 0) (local.get 1))
    (i32.atomic.rmw8.sub_u (local.get 0) (local.get 1))
    (i32.atomic.rmw16.xor_u (local.get 0) (local.get 1))
    (i32.atomic.rmw.cmpxchg (local.get 0) (i32.const 0) (local.get 1))
    (i32.atomic.load (local.get 0)))
  (func (export "rmw64") (param i32 i64) (result i64 i64 i64 i64)
    (i64.atomic.store (local.get 0) (i64.const 0x0102030405060708))
    (i64.atomic.rmw.add (local.get 0) (local.get 1))
    (i64.atomic.rmw32.xchg_u (local.get 0) (local.get 1))
    (i64.atomic.rmw.cmpxchg (local.get 0) (i64.load (local.get 0)) (i64.const -1))
    (atomic.fence)
    (i64.atomic.load (local.get 0)))
  (func (export "notify") (param i32) (result i32) (memory.atomic.notify (local.get 0) (i32.const 1)))
  (func (export "wait") (param i32) (result i32) (memory.atomic.wait32 (local.get 0) (i32.const 1) (i64.const 0)))
  (func (export "count") (param i32) (result i32) (local i32)
    (i32.atomic.store (i32.const 64) (i32.const 0))
    (loop $l
      (drop (i32.atomic.rmw.add (i32.const 64) (i32.const 3)))
      (local.set 1 (i32.add (local.get 1) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get 1) (local.get 0))))
    (i32.atomic.load (i32.const 64))))`;
}

for (const shared of [false, true]) {
  test(`atomics compile and match the interpreter (${shared ? 'shared' : 'unshared'} memory)`, () => {
    const p = pair(module(shared));
    const cases: [string, (number | bigint)[]][] = [
      ['rmw', [0, 5]], ['rmw', [8, -1]], ['rmw', [65532, 7]], ['rmw', [65533, 7]], ['rmw', [65536, 1]], ['rmw', [-4, 1]],
      ['rmw64', [0, 5n]], ['rmw64', [16, -(2n ** 63n)]], ['rmw64', [65528, 1n]], ['rmw64', [4, 1n]], ['rmw64', [65536, 1n]],
      ['notify', [0]], ['notify', [2]], ['notify', [65536]], ['wait', [0]], ['wait', [1]], ['count', [1000]],
    ];
    for (const [name, args] of cases) {
      assert.equal(outcome(p.jit, name, args), outcome(p.interp, name, args), `${name}(${args.join(', ')})`);
    }
    for (const name of ['rmw', 'rmw64', 'notify', 'wait', 'count']) assert.ok(isCompiled(p.jit.inst, name), `${name} compiled`);
    assert.equal(outcome(p.jit, 'count', [1000]), '3000');
  });
}
