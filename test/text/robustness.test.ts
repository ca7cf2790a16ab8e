/**
 * Mutated inputs either parse or fail with a ParseError: never a crash of another kind (a
 * TypeError from a missing token, a RangeError from a number...). Deterministic pseudo-random
 * token edits of a few modules and scripts covering most of the grammar.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ParseError } from '../../src/errors.js';
import { parseScript } from '../../src/text/parse-script.js';

const SEEDS = [
  `(module $m (type $t (func (param i32) (result i32))) (import "a" "b" (func $i (type $t)))
     (memory $mem i64 1 2) (table 1 funcref) (global $g (mut i64) (i64.const -1)) (tag $e (param i32))
     (func $f (export "f") (param $x i32) (result i32) (local f32)
       (block $b (result i32) (if (result i32) (local.get $x) (then (i32.const 1)) (else (br $b (i32.const 2)))))
       (drop (i64.load $mem offset=8 align=4 (i64.const 0))) (v128.const f32x4 1 nan -inf 0x1p3) drop
       try_table (catch $e 0) end (call_indirect (type $t) (i32.const 0) (i32.const 1)) drop)
     (elem declare func $f) (data (memory $mem) (i64.const 0) "\\00\\ff") (@custom "c" (after func) "x"))`,
  `(rec (type $s (sub (struct (field $a (mut i8)) (field $b (ref null $s)))))) (type $arr (array i32))
   (func (param (ref $s)) (result i32) (struct.get_u $s $a (local.get 0)))
   (func (result anyref) (block $l (result anyref) (br_on_cast $l anyref (ref $s) (ref.null any))))`,
  `(module $M (func (export "f") (result f64) (f64.const 1.5)))
   (register "M" $M)
   (assert_return (invoke $M "f") (f64.const 1.5))
   (assert_return (invoke "f" (v128.const i8x16 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15)) (either (ref.null) (f32.const nan:canonical)))
   (assert_malformed (module quote "(func" ")") "x")
   (assert_trap (module (func $s unreachable) (start $s)) "unreachable")`,
];

const PIECES = ['(', ')', '$x', '"s"', '0', '-1', '1.5', 'nan:0x1', 'i32', 'block', 'end', 'else', '(then', 'offset=99',
  'align=3', 'i8x16', 'select', '(ref null 0)', 'call_indirect', '(type 0)', 'rec', '(@a', '(;c;)', '0x', '$"\\ff"',
  '(param $p i32)', 'catch_all', 'delegate', 'v128.const', '(module', 'nan:canonical', 'inf', '1e999'];

test('the seeds parse', () => {
  for (const s of SEEDS) assert.ok(parseScript(s).commands.length > 0);
});

test('mutated inputs parse or fail with ParseError', () => {
  let seed = 7;
  const rnd = (n: number): number => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % n;
  };
  let parsed = 0, rejected = 0;
  for (let i = 0; i < 3000; i++) {
    const parts = SEEDS[i % SEEDS.length].split(/(\s+)/);
    for (let k = 0, n = 1 + rnd(3); k < n; k++) {
      const at = rnd(parts.length);
      const edit = rnd(3);
      if (edit === 0) parts.splice(at, 1);
      else if (edit === 1) parts.splice(at, 0, ` ${PIECES[rnd(PIECES.length)]} `);
      else parts[at] = parts[rnd(parts.length)];
    }
    const text = parts.join('');
    try {
      parseScript(text);
      parsed++;
    } catch (e) {
      assert.ok(e instanceof ParseError, `${String(e)}\n${text}`);
      rejected++;
    }
  }
  assert.ok(parsed > 0 && rejected > 0);
});
