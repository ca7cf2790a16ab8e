/**
 * call_indirect in the compiled tier tests the table entry against the functions the element
 * segments suggest (jit/indirect-targets.ts) before the checked lookup. The guesses must never
 * change behaviour: entries replaced by table.set, from JS, by functions of another type or of
 * another instance, null entries and indices past the end all behave as in the interpreter.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseModule } from '../../src/text/parse-module.js';
import { indirectTargets, MAX_INDIRECT_TARGETS } from '../../src/jit/indirect-targets.js';
import { generate } from '../../src/jit/codegen.js';
import { pair, outcome, isCompiled } from './helpers.js';
import { Store, invoke, type Value } from '../../src/runtime/index.js';
import { load, exportedFunc } from '../exec/helpers.js';

test('candidates: same type index, defined functions, this table, at most MAX_INDIRECT_TARGETS', () => {
  const m = parseModule(`(module
    (type $a (func (param i32) (result i32)))
    (type $b (func (param i32) (result i32)))
    (import "m" "f" (func $imp (type $a)))
    (table $t0 8 funcref) (table $t1 8 funcref)
    (func $f1 (type $a) local.get 0) (func $f2 (type $a) local.get 0) (func $g (type $b) local.get 0)
    (func $h (type $a) local.get 0)
    (elem (table $t0) (i32.const 0) func $imp $f1 $g $f1)
    (elem (table $t1) (i32.const 0) func $h)
    (elem func $f2)
    (elem declare func $h))`);
  // $imp: imported; $g: another type index (even if the same signature); $h: other table or declarative.
  assert.deepEqual(indirectTargets(m, 0, 0), [1, 2]);
  assert.deepEqual(indirectTargets(m, 0, 1), [3]);
  assert.deepEqual(indirectTargets(m, 1, 0), [4, 2]);
  const many = parseModule(`(module (type $a (func)) (table 8 funcref)
    ${Array.from({ length: MAX_INDIRECT_TARGETS + 1 }, (_, i) => `(func $f${i} (type $a))`).join(' ')}
    (elem (i32.const 0) func ${Array.from({ length: MAX_INDIRECT_TARGETS + 1 }, (_, i) => `$f${i}`).join(' ')}))`);
  assert.deepEqual(indirectTargets(many, 0, 0), []);
});

const WAT = `(module
  (type $i_i (func (param i32) (result i32)))
  (type $other (func (param i32) (result i32)))
  (type $i_ii (func (param i32) (result i32 i32)))
  (table $t (export "t") 4 funcref)
  (table $pairs 1 funcref)
  (func $inc (type $i_i) local.get 0 i32.const 1 i32.add)
  (func $dbl (type $i_i) local.get 0 i32.const 2 i32.mul)
  (func $neg (type $other) i32.const 0 local.get 0 i32.sub)
  (func $two (type $i_ii) local.get 0 local.get 0 i32.const 1 i32.add)
  (elem (table $t) (i32.const 0) func $inc $dbl)
  (elem (table $pairs) (i32.const 0) func $two)
  (elem declare func $neg $dbl)
  (func (export "call") (param $i i32) (param $x i32) (result i32)
    local.get $x local.get $i call_indirect $t (type $i_i))
  (func (export "call2") (param $x i32) (result i32)
    local.get $x i32.const 0 call_indirect $pairs (type $i_ii) i32.sub)
  (func (export "loop") (param $n i32) (result i32) (local $s i32)
    (loop $l
      (local.set $s (call_indirect $t (type $i_i) (local.get $s) (i32.and (local.get $n) (i32.const 1))))
      (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
    local.get $s)
  (func (export "set") (param $i i32) (param $which i32)
    (if (i32.eqz (local.get $which)) (then (table.set $t (local.get $i) (ref.null func)) (return)))
    (if (i32.eq (local.get $which) (i32.const 1)) (then (table.set $t (local.get $i) (ref.func $neg)) (return)))
    (table.set $t (local.get $i) (ref.func $dbl))))`;

test('guarded call_indirect: same results and traps as the interpreter, whatever the table holds', () => {
  const p = pair(WAT);
  const run = (name: string, ...args: Value[]) => {
    const want = outcome(p.interp, name, args);
    assert.equal(outcome(p.jit, name, args), want, `${name}(${args.join(', ')})`);
    return want;
  };
  assert.equal(run('call', 0, 5), '6');
  assert.equal(run('call', 1, 5), '10');
  assert.equal(run('call', 2, 5), 'trap:uninitialized-element');
  assert.equal(run('call', 4, 5), 'trap:undefined-element');
  assert.equal(run('call', -1, 5), 'trap:undefined-element');
  assert.equal(run('call2', 7), '-1');
  assert.equal(run('loop', 1000), String(run('loop', 1000)));
  assert.ok(isCompiled(p.jit.inst, 'call') && isCompiled(p.jit.inst, 'loop'));
  // A guessed entry replaced by the other guess, by null, by $neg (type index $other: not a guess,
  // but structurally the same type as $i_i, so the checked lookup accepts it), and a former null
  // entry filled: every case agrees with the interpreter.
  for (const [i, which] of [[0, 2], [1, 0], [0, 1], [2, 2]] as const) {
    for (const side of [p.interp, p.jit]) invoke(side.store, exportedFunc(side.inst, 'set'), [i, which]);
    for (let k = 0; k < 4; k++) run('call', k, 9);
    run('loop', 999);
  }
});

test('guarded call_indirect: an entry from another instance or from JS is called, not the guess', () => {
  const store = new Store({ tier: 'compiled' });
  const a = load(store, WAT), b = load(store, WAT);
  const ta = a.exports.get('t'), fb = b.exports.get('call');
  assert.ok(ta?.kind === 'table' && fb?.kind === 'func');
  // b's $dbl and $inc look like a's guesses (same module, same indices) but are other functions.
  const tb = b.exports.get('t');
  assert.ok(tb?.kind === 'table');
  ta.value.elems[0] = tb.value.elems[1]; // b's $dbl where a's $inc was
  assert.deepEqual(invoke(store, exportedFunc(a, 'call'), [0, 21]), [42]);
  assert.deepEqual(invoke(store, exportedFunc(a, 'call'), [1, 21]), [42]);
  assert.ok(exportedFunc(a, 'call').jit !== null);
});

test('the generated code tests the guesses before the checked lookup', () => {
  const src = generate(parseModule(WAT), 4).source;
  // A guessed target is called by name, or inlined when it is a small leaf (jit/inline.ts).
  assert.match(src, /fn = T0\.elems\[[^\]]+\]; if \(fn === K\d+\) \{ (IN\d+: try \{|[^}]*F\[0\]\()/);
  assert.match(src, /else \{ fn = CALLEE\(/);
});
