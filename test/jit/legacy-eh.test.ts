/**
 * Legacy exception handling (try/catch/catch_all/delegate/rethrow) in the compiled tier: every
 * function here compiles (no fallback to the interpreter), and results, caught payloads and
 * traps match the interpreter. Delegation to an outer try, to a block inside a try (its innermost
 * enclosing handler takes it), past a try_table, and to the function's label (the caller's
 * handler takes it); rethrow from nested clauses; traps pass every handler.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pair, outcome as trapOutcome, isCompiled } from './helpers.js';
import { WasmException } from '../../src/runtime/tag.js';
import type { Value } from '../../src/runtime/index.js';
import { generate } from '../../src/jit/codegen.js';
import { parseModule } from '../../src/text/parse-module.js';
import { ALL_FEATURES } from '../../src/features.js';

const WAT = `(module
  (tag $a (param i32))
  (tag $b (param i64 f64))
  (tag $c)
  (func $throw (param i32)
    (if (i32.eq (local.get 0) (i32.const 1)) (then (throw $a (i32.const 11))))
    (if (i32.eq (local.get 0) (i32.const 2)) (then (throw $b (i64.const -5) (f64.const 2.5))))
    (if (i32.eq (local.get 0) (i32.const 3)) (then (throw $c)))
    (if (i32.eq (local.get 0) (i32.const 4)) (then (drop (i32.div_u (i32.const 1) (i32.const 0))))))
  (func (export "clauses") (param i32) (result i32)
    (try (result i32)
      (do (call $throw (local.get 0)) (i32.const 100))
      (catch $a (i32.add (i32.const 1000)))
      (catch $b (drop) (i32.wrap_i64) (i32.add (i32.const 200)))
      (catch_all (i32.const 300))))
  (func (export "no-catch-all") (param i32) (result i32)
    (try (result i32) (do (call $throw (local.get 0)) (i32.const 1)) (catch $a)))
  (func (export "rethrow") (param i32) (result i32)
    (try (result i32)
      (do
        (try (do (call $throw (local.get 0)))
          (catch_all
            (try (do (call $throw (i32.const 3)))
              (catch $c (rethrow 1)))))
        (i32.const 5))
      (catch $a (drop) (i32.const 6))
      (catch $b (drop) (drop) (i32.const 7))))
  (func (export "delegate-outer") (param i32) (result i32)
    (try (result i32)
      (do
        (try (result i32)
          (do (try (do (call $throw (local.get 0))) (delegate 1)) (i32.const 1))
          (catch_all (i32.const 2))))
      (catch_all (i32.const 3))))
  (func (export "delegate-block") (param i32) (result i32)
    (try (result i32)
      (do
        (block $blk
          (try (do (call $throw (local.get 0))) (delegate $blk)))
        (i32.const 1))
      (catch $a (drop) (i32.const 2))
      (catch_all (i32.const 3))))
  (func (export "delegate-past-try-table") (param i32) (result i32)
    (block $h
      (try_table (catch_all $h)
        (try (result i32)
          (do (try (do (call $throw (local.get 0))) (delegate 1)) (i32.const 1))
          (catch_all (i32.const 2)))
        (return)))
    (i32.const 9))
  (func $delegate-out (param i32)
    (try (do (try (do (call $throw (local.get 0))) (delegate 1))) (catch_all)))
  (func (export "delegate-caller") (param i32) (result i32)
    (try (result i32) (do (call $delegate-out (local.get 0)) (i32.const 1)) (catch $a (drop) (i32.const 2)) (catch_all (i32.const 3))))
  (func (export "loop-in-catch") (param i32) (result i32) (local i32)
    (try (do (call $throw (local.get 0)))
      (catch $a
        (local.set 1)
        (loop $l (local.set 1 (i32.add (local.get 1) (i32.const 1))) (br_if $l (i32.lt_u (local.get 1) (i32.const 20)))))
      (catch_all (local.set 1 (i32.const -1))))
    (local.get 1)))`;

/** outcome(), with an exception that leaves the function shown by its payload. */
function outcome(side: Parameters<typeof trapOutcome>[0], name: string, args: Value[]): string {
  try {
    return trapOutcome(side, name, args);
  } catch (e) {
    if (e instanceof WasmException) return `exception:${e.args.map(String).join(',')}`;
    throw e;
  }
}

test('legacy exceptions compile and behave as in the interpreter', () => {
  const p = pair(WAT);
  for (const name of ['clauses', 'no-catch-all', 'rethrow', 'delegate-outer', 'delegate-block', 'delegate-past-try-table', 'delegate-caller', 'loop-in-catch']) {
    for (const arg of [0, 1, 2, 3, 4]) {
      const want = outcome(p.interp, name, [arg]);
      assert.equal(outcome(p.jit, name, [arg]), want, `${name}(${arg})`);
    }
    assert.ok(isCompiled(p.jit.inst, name), `${name} compiled`);
  }
  // Spot checks of the expected values themselves.
  assert.equal(outcome(p.jit, 'clauses', [1]), '1011');
  assert.equal(outcome(p.jit, 'clauses', [2]), '195');
  assert.equal(outcome(p.jit, 'clauses', [4]), 'trap:div-by-zero');
  assert.equal(outcome(p.jit, 'rethrow', [1]), '6');
  assert.equal(outcome(p.jit, 'delegate-outer', [1]), '3');
  assert.equal(outcome(p.jit, 'delegate-block', [1]), '2');
  assert.equal(outcome(p.jit, 'delegate-past-try-table', [1]), '9');
  assert.equal(outcome(p.jit, 'delegate-caller', [3]), '3');
  assert.equal(outcome(p.jit, 'loop-in-catch', [1]), '20');
  assert.equal(outcome(p.jit, 'no-catch-all', [3]), 'exception:');
});

test('every function of the legacy module translates', () => {
  const m = parseModule(WAT, ALL_FEATURES);
  for (let i = 0; i < m.funcs.length; i++) assert.doesNotThrow(() => generate(m, i), `func ${i}`);
});
