/** Call traces, call graphs and profiles: recursion, tail calls, typed arguments. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CallsMonitor, ProfileMonitor } from '../../src/monitor/index.js';
import { runWith } from './helpers.js';

const FAC = `(module
  (func $fac (export "fac") (param i64) (result i64)
    (if (result i64) (i64.eqz (local.get 0)) (then (i64.const 1))
      (else (i64.mul (local.get 0) (call $fac (i64.sub (local.get 0) (i64.const 1))))))))`;

test('recursion: trace depths, arguments, graph; inclusive time counts the outermost activation', () => {
  const calls = new CallsMonitor();
  let now = 0;
  const prof = new ProfileMonitor(() => (now += 10));
  const { result } = runWith([calls, prof], FAC, 'fac', [5n]);
  assert.equal(result, 120n);
  const r = calls.report();
  assert.equal(r.calls, 6);
  assert.deepEqual(r.trace.map((e) => [e.depth, e.args[0]]), [5n, 4n, 3n, 2n, 1n, 0n].map((v, d) => [d, { type: 'i64', value: v }]));
  assert.deepEqual(r.graph, [{ caller: 0, callee: 0, count: 5, tail: false }, { caller: -1, callee: 0, count: 1, tail: false }]);
  const p = prof.report().functions[0]!;
  assert.equal(p.calls, 6);
  assert.equal(p.selfMs, p.inclusiveMs);
  assert.equal(p.inclusiveMs, prof.report().totalMs);
  assert.match(calls.format(), /\$fac\(i64:5n\)\n {4}\$fac\(i64:4n\)/);
});

test('depth limit and trace limit', () => {
  const calls = new CallsMonitor({ maxDepth: 2 });
  runWith([calls], FAC, 'fac', [5n]);
  assert.equal(calls.report().trace.length, 3);
  const few = new CallsMonitor({ maxTrace: 2 });
  runWith([few], FAC, 'fac', [5n]);
  assert.equal(few.report().trace.length, 2);
  assert.equal(few.report().omitted, 4);
  assert.equal(few.report().calls, 6);
});

const TAIL = `(module
  (func $count (param i64 i64) (result i64)
    (if (result i64) (i64.eqz (local.get 0)) (then (local.get 1))
      (else (return_call $count (i64.sub (local.get 0) (i64.const 1)) (i64.add (local.get 1) (i64.const 2))))))
  (func (export "run") (param i64) (result i64)
    (i64.add (call $count (local.get 0) (i64.const 0)) (i64.const 1))))`;

test('tail calls replace the frame: same depth, tail edges, profile closes each replaced frame', () => {
  const calls = new CallsMonitor();
  let now = 0;
  const prof = new ProfileMonitor(() => ++now);
  const { result } = runWith([calls, prof], TAIL, 'run', [3n]);
  assert.equal(result, 7n);
  const r = calls.report();
  assert.deepEqual(r.trace.map((e) => [e.funcIndex, e.depth, e.tail, e.args.map((a) => a.value)]), [
    [1, 0, false, [3n]], [0, 1, false, [3n, 0n]], [0, 1, true, [2n, 2n]], [0, 1, true, [1n, 4n]], [0, 1, true, [0n, 6n]],
  ]);
  assert.deepEqual(r.graph.map((e) => [e.caller, e.callee, e.count, e.tail]), [[0, 0, 3, true], [-1, 1, 1, false], [1, 0, 1, false]]);
  const p = new Map(prof.report().functions.map((f) => [f.funcIndex, f]));
  assert.equal(p.get(0)!.calls, 4);
  assert.equal(p.get(0)!.selfMs + p.get(1)!.selfMs, p.get(1)!.inclusiveMs);
});

test('arguments of every number type', () => {
  const calls = new CallsMonitor();
  const { result } = runWith([calls], `(module
    (func $g (param i32 i64 f32 f64) (result f64) (local.get 3))
    (func (export "f") (result f64) (call $g (i32.const -3) (i64.const -9) (f32.const 1.5) (f64.const 0.25))))`, 'f');
  assert.equal(result, 0.25);
  assert.deepEqual(calls.report().trace[1]!.args, [
    { type: 'i32', value: -3 }, { type: 'i64', value: -9n }, { type: 'f32', value: 1.5 }, { type: 'f64', value: 0.25 },
  ]);
});
