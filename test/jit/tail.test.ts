/**
 * Tail calls under the compiled tier: self tail calls run as loops (constant stack at any depth),
 * other tail calls as call-and-return (deep chains continue in the interpreter past the depth
 * limit), trap stacks without the tail-calling frame, and a try_table around a tail call.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RuntimeError } from '../../src/errors.js';
import { invoke } from '../../src/runtime/index.js';
import { exportedFunc } from '../exec/helpers.js';
import { RT } from '../../src/jit/runtime.js';
import { pair, outcome, isCompiled } from './helpers.js';

const wat = `(module
  (type $i_i (func (param i32) (result i32)))
  (table 2 funcref) (elem (i32.const 0) $even $odd)
  (tag $t)
  (func $count (export "count") (param i32 i64) (result i64) (local f64 i32)
    ;; the non-parameter locals must start at zero on every iteration
    local.get 3 if unreachable end
    local.get 0 i32.eqz if local.get 1 return end
    i32.const 1 local.set 3
    local.get 0 i32.const 1 i32.sub local.get 1 local.get 0 i64.extend_i32_u i64.add return_call $count)
  (func $even (export "even") (type $i_i)
    local.get 0 i32.eqz if (result i32) i32.const 1 else local.get 0 i32.const 1 i32.sub return_call $odd end)
  (func $odd (export "odd") (type $i_i)
    local.get 0 i32.eqz if (result i32) i32.const 0 else local.get 0 i32.const 1 i32.sub i32.const 0 return_call_indirect (type $i_i) end)
  (func $trap (param i32) (result i32) local.get 0 i32.const 0 i32.div_u)
  (func (export "tail-trap") (param i32) (result i32) local.get 0 i32.const 1 i32.add return_call $trap)
  (func (export "swap") (param i32 i32 i32) (result i32)
    local.get 0 i32.eqz if local.get 1 i32.const 10 i32.mul local.get 2 i32.add return end
    local.get 0 i32.const 1 i32.sub local.get 2 local.get 1 return_call 5)
  (func $thrower (result i32) throw $t)
  ;; The tail call leaves $inner's handler behind: the exception reaches the outer one (9, not 7).
  (func $inner (result i32) (block $h (try_table (catch_all $h) return_call $thrower)) i32.const 7)
  (func (export "in-try") (result i32) (block $h (try_table (catch_all $h) call $inner return)) i32.const 9))`;

test('tail calls: compiled == interpreted, at depth', () => {
  const p = pair(wat);
  const cases: [string, (number | bigint)[]][] = [
    ['count', [0, 0n]], ['count', [10, 5n]], ['count', [1000000, 0n]],
    ['even', [0]], ['even', [7]], ['even', [10]], ['odd', [100001]], ['even', [300000]],
    ['tail-trap', [1]], ['swap', [0, 1, 2]], ['swap', [5, 1, 2]], ['swap', [1000001, 3, 4]], ['in-try', []],
  ];
  for (const [name, args] of cases) {
    assert.equal(outcome(p.jit, name, args), outcome(p.interp, name, args), `${name}(${args})`);
    assert.equal(RT.depth, 0, 'depth restored');
  }
  for (const name of ['count', 'even', 'odd', 'tail-trap', 'swap']) assert.ok(isCompiled(p.jit.inst, name), `${name} compiled`);
  assert.equal(outcome(p.jit, 'in-try', []), '9');
  assert.equal(p.jit.inst.funcs[7].jit, null, 'a tail call inside try_table stays interpreted');
});

test('a trap in a tail-called function has no frame of the caller', () => {
  const p = pair(wat);
  const stack = (side: typeof p.jit): unknown => {
    try {
      invoke(side.store, exportedFunc(side.inst, 'tail-trap'), [1]);
    } catch (e) {
      if (e instanceof RuntimeError) return e.wasmStack;
      throw e;
    }
    return assert.fail('no trap');
  };
  assert.deepEqual(stack(p.jit), stack(p.interp));
});
