/**
 * call_indirect sites with too many static candidates get guesses from run-time feedback
 * (jit/indirect-feedback.ts): the first compiled version reports the entries it calls, and the
 * function is compiled again with the targets that make up most calls. Guesses must never change
 * behaviour: replaced entries, null entries, indices past the end, functions of another type
 * index, imports and other instances' functions all behave as in the interpreter.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseModule } from '../../src/text/parse-module.js';
import { ALL_FEATURES } from '../../src/features.js';
import { OPCODES } from '../../src/syntax/opcodes.js';
import { generate } from '../../src/jit/codegen.js';
import { hintsFrom, SAMPLE } from '../../src/jit/indirect-feedback.js';
import { Store, type Value } from '../../src/runtime/index.js';
import { load, exportedFunc } from '../exec/helpers.js';
import { pair, outcome, isCompiled } from './helpers.js';

const site = (total: number, counts: [number, number][]) => ({ total, counts: new Map(counts) });

test('hints: the fewest most frequent targets covering 3/4 of the calls, at most four', () => {
  const h = hintsFrom(new Map([
    [1, site(100, [[3, 50], [4, 30], [5, 20]])],
    [2, site(100, [[3, 10], [4, 10], [5, 10], [6, 10], [7, 10], [8, 50]])],
    [3, site(100, [[9, 100]])],
    [4, site(100, [])],
    [5, site(96, [[1, 12], [2, 12], [3, 12], [4, 12], [5, 12], [6, 12], [7, 12], [8, 12]])],
  ]));
  // Site 2: 50 + 3 * 10 = 80 of 100 with four targets; site 5: four of eight even targets cover half.
  assert.deepEqual([...h], [[1, [3, 4]], [2, [8, 3, 4, 5]], [3, [9]]]);
  assert.equal(hintsFrom(new Map()).size, 0);
});

const WAT = `(module
  (type $t (func (param i32) (result i32)))
  (type $u (func (param i32) (result i32)))
  (import "m" "imp" (func $imp (type $t)))
  (table $tab 16 funcref)
  (elem (table $tab) (i32.const 0) func $f0 $f1 $f2 $f3 $f4 $f5 $f6 $f7 $other $imp)
  (func $f0 (type $t) (i32.add (local.get 0) (i32.const 100)))
  (func $f1 (type $t) (i32.mul (local.get 0) (i32.const 3)))
  (func $f2 (type $t) (i32.sub (local.get 0) (i32.const 2)))
  (func $f3 (type $t) (i32.xor (local.get 0) (i32.const 3)))
  (func $f4 (type $t) (i32.add (local.get 0) (i32.const 4)))
  (func $f5 (type $t) (i32.add (local.get 0) (i32.const 5)))
  (func $f6 (type $t) (i32.add (local.get 0) (i32.const 6)))
  (func $f7 (type $t) (i32.div_u (i32.const 1000) (local.get 0)))
  (func $other (type $u) (i32.const 77))
  (func (export "run") (param $n i32) (param $sel i32) (result i32) (local $i i32) (local $s i32)
    (loop $l
      (local.set $s (call_indirect $tab (type $t) (local.get $s)
        (if (result i32) (local.get $sel) (then (local.get $sel)) (else (i32.and (local.get $i) (i32.const 1))))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $i) (local.get $n))))
    (local.get $s))
  (func (export "set") (param i32 i32) (table.set $tab (local.get 0) (table.get $tab (local.get 1))))
  (func (export "clear") (param i32) (table.set $tab (local.get 0) (ref.null func))))`;

function sides(): { interp: { store: Store; inst: ReturnType<typeof load> }; jit: { store: Store; inst: ReturnType<typeof load> } } {
  const mk = (tier: 'interpreter' | 'compiled') => {
    const store = new Store({ tier });
    const lib = load(store, '(module (func (export "imp") (param i32) (result i32) (i32.add (local.get 0) (i32.const 9))))');
    return { store, inst: load(store, WAT, [{ kind: 'func', value: exportedFunc(lib, 'imp') }]) };
  };
  return { interp: mk('interpreter'), jit: mk('compiled') };
}

test('a site alternating two of eight candidates is compiled again with them as guesses; results unchanged', () => {
  const p = sides();
  const before = p.jit.store.stats().recompiled;
  const runs: Value[][] = [[SAMPLE * 2, 0], [10, 0], [5, 2], [3, 7], [4, 8], [4, 9], [1, 15], [1, 16], [1, -1]];
  for (const args of runs) assert.equal(outcome(p.jit, 'run', args), outcome(p.interp, 'run', args), `run(${args.join(', ')})`);
  assert.equal(p.jit.store.stats().recompiled, before + 1);
  assert.ok(isCompiled(p.jit.inst, 'run'));
  // Entries replaced and cleared after the guesses were made.
  for (const [name, args] of [['set', [0, 3]], ['clear', [1]]] as [string, Value[]][]) {
    outcome(p.jit, name, args); outcome(p.interp, name, args);
  }
  for (const args of [[6, 0], [3, 0]] as Value[][]) assert.equal(outcome(p.jit, 'run', args), outcome(p.interp, 'run', args), `after: run(${args.join(', ')})`);
  assert.equal(outcome(p.jit, 'run', [3, 0]), 'trap:uninitialized-element');
});

test('sites whose calls spread over many targets, or go to imports or other types, get no guesses', () => {
  const p = sides();
  const before = p.jit.store.stats().recompiled;
  // The import (index 9) and $other (another type index) are never guessed: no recompilation.
  assert.equal(outcome(p.jit, 'run', [SAMPLE * 2, 9]), outcome(p.interp, 'run', [SAMPLE * 2, 9]));
  assert.equal(p.jit.store.stats().recompiled, before);
  const q = sides();
  assert.equal(outcome(q.jit, 'run', [SAMPLE * 2, 8]), outcome(q.interp, 'run', [SAMPLE * 2, 8]));
  assert.equal(q.jit.store.stats().recompiled, before);
});

test('generated code with hints: guesses for the site, hints naming unfit functions ignored', () => {
  const m = parseModule(WAT, ALL_FEATURES);
  const body = m.funcs[9].body;
  const pos = body.findIndex(ins => OPCODES[ins.op].name === 'call_indirect');
  const src = (hints: [number, number[]][] | null) => generate(m, 10, false, hints && new Map(hints)).source;
  assert.match(src(null), /FB\(/);
  assert.doesNotMatch(src([]), /FB\(/);
  assert.doesNotMatch(src([[pos, [1, 2]]]), /FB\(/);
  assert.match(src([[pos, [1, 2]]]), /fn === K\d+\) \{ IN1: try/);
  // 0: the import; 9: another type index; 99, -1, 1.5: no such function.
  for (const bad of [[0], [9], [99], [-1], [1.5]]) assert.doesNotMatch(src([[pos, bad]]), /fn === K/, String(bad));
  assert.doesNotMatch(src([[pos + 1, [1]]]), /fn === K/);
});
