/** Exact counts and coverage when a trap stops a block part-way, and when exceptions unwind frames. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CallsMonitor, CoverageMonitor, OpcodeMonitor, ProfileMonitor } from '../../src/monitor/index.js';
import { instantiate, runWith, wasm } from './helpers.js';

const TRAP = `(module (memory 1)
  (func (export "f") (param i32) (result i32)
    (i32.store (i32.const 0) (i32.const 1))
    (drop (i32.div_u (i32.const 1) (local.get 0)))
    (i32.store (i32.const 4) (i32.const 2))
    (i32.const 5)))`;

test('a trap mid-block: instructions after the trapping one are not counted', () => {
  const ops = new OpcodeMonitor(), cov = new CoverageMonitor();
  const { error } = runWith([ops, cov], TRAP, 'f', [0]);
  assert.match(String(error), /divide by zero/);
  const c = Object.fromEntries(ops.report().counts.map((e) => [e.op, e.count]));
  assert.deepEqual(c, { 'i32.const': 3, 'i32.store': 1, 'local.get': 1, 'i32.div_u': 1 });
  const f = cov.report().functions[0]!;
  assert.equal(f.coveredInstructions, 6);
  assert.equal(f.instructions, 12);
  assert.equal(f.uncovered.length, 1);
});

test('the same function without the trap counts everything', () => {
  const ops = new OpcodeMonitor();
  const { result } = runWith([ops], TRAP, 'f', [1]);
  assert.equal(result, 5);
  assert.equal(ops.report().total, 12);
});

const EXN = `(module
  (tag $e (param i32))
  (func $thrower (param i32) (throw $e (local.get 0)))
  (func $mid (param i32) (call $thrower (local.get 0)) (unreachable))
  (func $catcher (param i32) (result i32)
    (block $h (result i32)
      (try_table (catch $e $h) (call $mid (local.get 0)))
      (i32.const -1)))
  (func (export "f") (result i32)
    (i32.add (call $catcher (i32.const 40)) (call $catcher (i32.const 2)))))`;

test('exceptions unwinding through frames: exits are noticed at the handler', () => {
  const calls = new CallsMonitor(), ops = new OpcodeMonitor(), cov = new CoverageMonitor();
  let now = 0;
  const prof = new ProfileMonitor(() => ++now);
  const { result } = runWith([calls, ops, cov, prof], EXN, 'f');
  assert.equal(result, 42);
  const r = calls.report();
  assert.deepEqual(r.trace.map((e) => [e.funcIndex, e.depth, e.args.map((a) => a.value)]), [
    [3, 0, []], [2, 1, [40]], [1, 2, [40]], [0, 3, [40]], [2, 1, [2]], [1, 2, [2]], [0, 3, [2]],
  ]);
  assert.deepEqual(r.graph.map((e) => [e.caller, e.callee, e.count]), [[1, 0, 2], [2, 1, 2], [3, 2, 2], [-1, 3, 1]]);
  // `unreachable` after the call in $mid never ran, nor did `i32.const -1` in $catcher
  const c = Object.fromEntries(ops.report().counts.map((e) => [e.op, e.count]));
  assert.equal(c['unreachable'], undefined);
  assert.equal(c['throw'], 2);
  assert.equal(c['call'], 6);
  const mid = cov.report().functions[1]!;
  assert.equal(mid.coveredInstructions, 2);
  const p = prof.report();
  const byIndex = new Map(p.functions.map((f) => [f.funcIndex, f]));
  assert.equal(byIndex.get(0)!.calls, 2);
  // self times add up to the root's inclusive time (one clock tick per probe)
  const selfSum = p.functions.reduce((n, f) => n + f.selfMs, 0);
  assert.equal(selfSum, byIndex.get(3)!.inclusiveMs);
  assert.ok(byIndex.get(2)!.inclusiveMs > byIndex.get(0)!.inclusiveMs);
});

test('finish after each call: every trap is corrected once', () => {
  const ops = new OpcodeMonitor();
  const { exports, inst } = instantiate(wasm(TRAP));
  ops.attach(inst);
  for (const arg of [0, 1, 0]) {
    try {
      exports['f']!(arg);
      ops.finish({});
    } catch (error) {
      ops.finish({ error });
    }
  }
  assert.equal(ops.report().total, 6 + 12 + 6);
});

test('stack exhaustion: every open frame is closed at finish, counts stay consistent', () => {
  const ops = new OpcodeMonitor(), calls = new CallsMonitor({ maxTrace: 5 });
  let now = 0;
  const prof = new ProfileMonitor(() => ++now);
  const { error } = runWith([ops, calls, prof], `(module
    (func $f (export "f") (param i32) (call $f (i32.add (local.get 0) (i32.const 1)))))`, 'f', [0]);
  assert.match(String(error), /call stack/);
  const n = calls.report().calls;
  assert.ok(n > 100);
  const c = Object.fromEntries(ops.report().counts.map((e) => [e.op, e.count]));
  // every frame ran local.get, i32.const, i32.add and its call; none reached its end
  assert.deepEqual(c, { 'local.get': n, 'i32.const': n, 'i32.add': n, call: n });
  const p = prof.report().functions[0]!;
  assert.equal(p.calls, n);
  assert.equal(p.inclusiveMs, prof.report().totalMs);
});
