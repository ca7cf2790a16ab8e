/** Stack switching: a generator suspended and resumed runs on its own stack; counts stay exact. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CallsMonitor, OpcodeMonitor, ProfileMonitor } from '../../src/monitor/index.js';
import { runWith } from './helpers.js';

const GEN = `(module
  (type $ft (func))
  (type $ct (cont $ft))
  (tag $yield (param i32))
  (func $gen (loop $l (suspend $yield (i32.const 1)) (br $l)))
  (elem declare func $gen)
  (func (export "sum") (param $n i32) (result i32) (local $k (ref null $ct)) (local $s i32)
    (local.set $k (cont.new $ct (ref.func $gen)))
    (loop $l
      (block $on (result i32 (ref $ct))
        (resume $ct (on $yield $on) (local.get $k))
        (unreachable))
      (local.set $k)
      (local.set $s (i32.add (local.get $s)))
      (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
    (local.get $s)))`;

test('a generator: resumed after each suspend, counted exactly; its frame stays open', () => {
  const ops = new OpcodeMonitor(), calls = new CallsMonitor(), prof = new ProfileMonitor();
  const { result } = runWith([ops, calls, prof], GEN, 'sum', [5]);
  assert.equal(result, 5);
  const gen = ops.report().functions.find((f) => f.funcIndex === 0)!;
  assert.equal(gen.total, 1 + 5 + 5 + 4); // loop, then (i32.const, suspend) x5 and br x4
  const c = Object.fromEntries(ops.report().counts.map((e) => [e.op, e.count]));
  assert.equal(c['suspend'], 5);
  assert.equal(c['resume'], 5);
  assert.equal(c['unreachable'], undefined);
  assert.deepEqual(calls.report().trace.map((e) => e.funcIndex), [1, 0]);
  assert.deepEqual(prof.report().functions.map((f) => [f.funcIndex, f.calls]).sort(), [[0, 1], [1, 1]]);
});
