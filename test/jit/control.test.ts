/** Control flow, calls between tiers, tables and references under the compiled tier. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pair, outcome, isCompiled } from './helpers.js';

const wat = `(module
  (type $ii (func (param i32) (result i32)))
  (type $ll (func (param i64) (result i64)))
  (table 4 funcref)
  (elem (i32.const 0) $sq $fac64 $stays)
  (global $g (mut i64) (i64.const 0x1122334455667788))
  (func $sq (type $ii) local.get 0 local.get 0 i32.mul)
  (func $fac64 (export "fac64") (type $ll)
    local.get 0 i64.eqz
    if (result i64) i64.const 1
    else local.get 0 local.get 0 i64.const 1 i64.sub call $fac64 i64.mul end)
  ;; A tail call inside a try_table (never taken: the tests pass 7 and 9) keeps this function in the
  ;; interpreter, so calls cross the tiers both ways.
  (func $stays (type $ii)
    (block $h (try_table (catch_all $h) (if (i32.eq (local.get 0) (i32.const -7)) (then (return_call $sq (local.get 0))))))
    local.get 0 call $sq i32.const 1 i32.add)
  (func (export "indirect") (param i32 i32) (result i32) local.get 1 local.get 0 call_indirect (type $ii))
  (func (export "cross") (param i32) (result i32) local.get 0 call $stays)
  (func (export "switch") (param i32) (result i32)
    block $d block $c block $b block $a
      local.get 0 br_table $a $b $c $a $d
    end i32.const 10 return
    end i32.const 11 return
    end i32.const 12 return
    end i32.const 13)
  (func (export "loop") (param i32) (result i32) (local i32)
    block $out loop $l
      local.get 0 i32.eqz br_if $out
      local.get 1 local.get 0 i32.add local.set 1
      local.get 0 i32.const 1 i32.sub local.set 0
      br $l end end
    local.get 1)
  (func $mv (param i32 i64) (result i64 i32 f64) local.get 1 local.get 0 local.get 0 f64.convert_i32_s)
  (func (export "multi") (param i32) (result f64 i64 i32)
    local.get 0 i64.const -5 call $mv
    (block (param i64 i32 f64) (result f64 i64 i32)
      drop local.set 0 drop local.get 0 f64.convert_i32_u i64.const 7 i32.const 8))
  (func (export "if-params") (param i32 i32) (result i32)
    local.get 0 local.get 1 (if (param i32) (result i32) (then i32.const 100 i32.add) (else i32.const 200 i32.sub)))
  (func (export "select") (param i32 i64 i64) (result i64) local.get 1 local.get 2 local.get 0 select)
  (func (export "global") (param i64) (result i64) global.get $g local.get 0 global.set $g)
  (func (export "ref") (param i32) (result i32) local.get 0 table.get 0 ref.is_null)
  (func (export "unreachable-tail") (param i32) (result i32)
    block (result i32) local.get 0 br 0 i32.const 1 i32.add unreachable end))`;

const cases: [string, (number | bigint)[]][] = [
  ['fac64', [0n]], ['fac64', [20n]], ['fac64', [25n]],
  ['indirect', [0, 7]], ['indirect', [1, 7]], ['indirect', [2, 7]], ['indirect', [3, 7]], ['indirect', [4, 7]], ['indirect', [-1, 7]],
  ['cross', [9]], ['switch', [0]], ['switch', [1]], ['switch', [2]], ['switch', [3]], ['switch', [4]], ['switch', [99]], ['switch', [-1]],
  ['loop', [0]], ['loop', [1000]], ['multi', [-3]], ['if-params', [1, 5]], ['if-params', [0, 5]],
  ['select', [0, 1n, 2n]], ['select', [1, 1n, 2n]], ['global', [5n]], ['global', [6n]],
  ['ref', [0]], ['ref', [3]], ['ref', [4]], ['unreachable-tail', [3]],
];

test('control flow and calls: compiled == interpreted', () => {
  const p = pair(wat);
  for (const [name, args] of cases) {
    assert.equal(outcome(p.jit, name, args), outcome(p.interp, name, args), `${name}(${args})`);
  }
  for (const name of ['fac64', 'indirect', 'cross', 'switch', 'loop', 'multi', 'if-params', 'select', 'global', 'ref']) {
    assert.ok(isCompiled(p.jit.inst, name), `${name} compiled`);
  }
  assert.equal(p.jit.inst.funcs[2].jit, null, 'the function with a tail call in a try_table stays in the interpreter');
});

test('i64 edge cases through parameters, results, locals and globals', () => {
  const p = pair(`(module (global $g (mut i64) (i64.const 0))
    (func $id (param i64) (result i64) local.get 0)
    (func (export "f") (param i64 i64) (result i64 i64) (local i64)
      local.get 0 call $id local.set 2 local.get 1 global.set $g
      local.get 2 global.get $g i64.add
      local.get 2 local.get 1 i64.shr_s))`);
  const vals = [0n, -1n, 1n, 0x7fffffffffffffffn, -0x8000000000000000n, 0xffffffffn, -0x100000000n, 63n, 64n, 32n];
  for (const a of vals) for (const b of vals) assert.equal(outcome(p.jit, 'f', [a, b]), outcome(p.interp, 'f', [a, b]), `${a} ${b}`);
});
