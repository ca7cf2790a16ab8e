/** Legacy exception handling (try/catch/delegate) and host functions calling back into wasm. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CallsMonitor, CoverageMonitor, OpcodeMonitor, ProfileMonitor } from '../../src/monitor/index.js';
import { runWith } from './helpers.js';

const LEGACY = `(module
  (tag $e (param i32))
  (func $thrower (param i32) (throw $e (local.get 0)))
  (func (export "f") (param i32) (result i32)
    (try (result i32)
      (do (call $thrower (local.get 0)) (i32.const 0))
      (catch $e (i32.add (i32.const 1)))))
  (func (export "g") (param i32) (result i32)
    (try (result i32)
      (do
        (try (do (call $thrower (local.get 0))) (delegate 0))
        (i32.const 0))
      (catch_all (i32.const 99)))))`;

test('legacy try/catch: the handler is a block leader; counts exact', () => {
  const ops = new OpcodeMonitor(), cov = new CoverageMonitor(), calls = new CallsMonitor();
  const { result } = runWith([ops, cov, calls], LEGACY, 'f', [5]);
  assert.equal(result, 6);
  const c = Object.fromEntries(ops.report().counts.map((e) => [e.op, e.count]));
  assert.deepEqual(c, { try: 1, 'local.get': 2, call: 1, throw: 1, 'i32.const': 1, 'i32.add': 1, end: 2 });
  const f = cov.report().functions[1]!;
  // i32.const 0 (after the call) never ran; `catch` is a marker whose arm ran
  assert.equal(f.instructions - f.coveredInstructions, 1);
  assert.deepEqual(calls.report().trace.map((e) => [e.funcIndex, e.depth]), [[1, 0], [0, 1]]);
});

test('legacy delegate to an outer catch_all', () => {
  const ops = new OpcodeMonitor(), prof = new ProfileMonitor();
  const { result } = runWith([ops, prof], LEGACY, 'g', [5]);
  assert.equal(result, 99);
  const c = Object.fromEntries(ops.report().counts.map((e) => [e.op, e.count]));
  assert.deepEqual(c, { try: 2, 'local.get': 2, call: 1, throw: 1, 'i32.const': 1, end: 2 });
  assert.deepEqual(prof.report().functions.map((f) => [f.funcIndex, f.calls]).sort(), [[0, 1], [2, 1]]);
});

test('a host function calling back into the instance: nested frames are tracked', () => {
  const holder: { leaf?: (x: number) => number } = {};
  const calls = new CallsMonitor();
  let now = 0;
  const prof = new ProfileMonitor(() => ++now);
  const { result } = runWith([calls, prof], `(module
    (import "env" "cb" (func $cb (param i32) (result i32)))
    (func $leaf (export "leaf") (param i32) (result i32) (i32.mul (local.get 0) (i32.const 2)))
    (func (export "top") (param i32) (result i32) (i32.add (call $cb (local.get 0)) (i32.const 1))))`,
  'top', [20], { env: { cb: (x: number) => holder.leaf!(x) } }, (exports) => { holder.leaf = exports['leaf'] as (x: number) => number; });
  assert.equal(result, 41);
  assert.deepEqual(calls.report().trace.map((e) => [e.funcIndex, e.depth, e.args[0]!.value]), [[2, 0, 20], [1, 1, 20]]);
  const p = new Map(prof.report().functions.map((f) => [f.funcIndex, f]));
  assert.ok(p.get(2)!.inclusiveMs > p.get(1)!.inclusiveMs);
  assert.equal(p.get(1)!.calls, 1);
});

test('an exception escaping to the host, then another call: stale frames are closed', () => {
  const calls = new CallsMonitor(), prof = new ProfileMonitor();
  const { error } = runWith([calls, prof], `(module
    (tag $e)
    (func $t (export "t") (throw $e))
    (func (export "f") (call $t)))`, 'f');
  assert.ok(error !== undefined);
  assert.equal(prof.report().functions.length, 2);
  assert.equal(calls.report().calls, 2);
});
