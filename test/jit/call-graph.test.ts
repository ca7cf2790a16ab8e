/**
 * Call-graph facts (jit/call-graph.ts) and what compiled callers do with them: views and limits
 * are reloaded only after calls that may grow a memory, and leaves with small frames skip the
 * depth test. "May grow" must hold for imports, call_indirect, call_ref and anything reaching
 * them; a wrong "cannot grow" would leave a caller reading a detached buffer.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseModule } from '../../src/text/parse-module.js';
import { encodeModule } from '../../src/binary/encode.js';
import { decodeModule } from '../../src/binary/decode.js';
import { LAZY_BODY } from '../../src/syntax/module.js';
import { ALL_FEATURES } from '../../src/features.js';
import { isLeaf, mayGrowMemory } from '../../src/jit/call-graph.js';
import { generate } from '../../src/jit/codegen.js';
import { Store, hostFunc, invoke, type ModuleInstance } from '../../src/runtime/index.js';
import type { MemInst } from '../../src/runtime/memory.js';
import { load, exportedFunc } from '../exec/helpers.js';
import { pair, outcome, isCompiled } from './helpers.js';

const GRAPH = `(module
  (type $v (func))
  (import "h" "f" (func $imp))
  (memory 1) (table 2 funcref) (elem declare func $leaf)
  (func $leaf (result i32) i32.const 1 i32.load)
  (func $grow (result i32) i32.const 1 memory.grow)
  (func $callsGrow (result i32) call $grow)
  (func $callsImp call $imp)
  (func $ind (call_indirect (type $v) (i32.const 0)))
  (func $ref (call_ref $v (ref.func $callsImp)))
  (func $a (call $b))
  (func $b (call $a))
  (func $c (call $d))
  (func $d (call $c) (drop (call $callsGrow)))
  (func $tail (return_call $callsImp))
  (func $callsLeaf (result i32) call $leaf))`;

// Function indices: $imp 0, $leaf 1, $grow 2, $callsGrow 3, $callsImp 4, $ind 5, $ref 6, $a 7, $b 8, $c 9, $d 10, $tail 11, $callsLeaf 12.
test('may grow: memory.grow, imports, call_indirect, call_ref and what reaches them; cycles without them cannot', () => {
  const m = parseModule(GRAPH, ALL_FEATURES);
  const grows = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map(i => mayGrowMemory(m, i));
  assert.deepEqual(grows, [true, false, true, true, true, true, true, false, false, true, true, true, false]);
  // Answers are cached per module: asking again in another order gives the same.
  assert.deepEqual([12, 10, 9, 8, 7].map(i => mayGrowMemory(m, i)), [false, true, true, false, false]);
});

test('leaves: no call of any kind (memory.grow is no call); imports are never leaves', () => {
  const m = parseModule(GRAPH, ALL_FEATURES);
  assert.deepEqual([0, 1, 2, 3, 4, 5, 6, 11, 12].map(i => isLeaf(m, i)), [false, true, true, false, false, false, false, false, false]);
});

test('bad indices get the answers that assume nothing', () => {
  const m = parseModule(GRAPH, ALL_FEATURES);
  for (const i of [-1, 13, 1000, 1.5, NaN]) {
    assert.equal(mayGrowMemory(m, i), true, String(i));
    assert.equal(isLeaf(m, i), false, String(i));
  }
});

test('decoded modules: bodies not read yet are scanned without being kept', () => {
  const m = decodeModule(encodeModule(parseModule(GRAPH, ALL_FEATURES)), ALL_FEATURES);
  assert.equal(mayGrowMemory(m, 3), true);
  assert.equal(mayGrowMemory(m, 12), false);
  assert.equal(isLeaf(m, 1), true);
  for (const f of m.funcs) assert.equal(f[LAZY_BODY]?.cached, undefined);
});

test('generated code: no reload after a call that cannot grow, a reload after one that may; leaves skip the depth test', () => {
  const m = parseModule(GRAPH, ALL_FEATURES);
  const reloads = (i: number): boolean => /M0\.bytes\.length; lim0/.test(generate(m, i).source);
  assert.equal(reloads(12), false); // calls $leaf
  assert.equal(reloads(3), false);  // calls $grow, but uses no memory itself
  const depthTest = (i: number): boolean => generate(m, i).source.includes('dp > LIM');
  assert.equal(depthTest(1), false);
  assert.equal(depthTest(2), false);
  // $callsLeaf's one call is inlined (a leaf in effect); $callsGrow's callee is not (memory.grow).
  assert.equal(depthTest(12), false);
  assert.equal(depthTest(3), true);
  // A leaf with a big frame keeps the test.
  const locals = Array.from({ length: 300 }, () => 'i32').join(' ');
  const big = parseModule(`(module (func (param i32) (result i32) (local ${locals}) local.get 0))`, ALL_FEATURES);
  assert.equal(generate(big, 0).source.includes('dp > LIM'), true);
});

/** A caller that reads memory before and after calling `$callee`, at an address only a grow makes valid. */
const callerWat = (callee: string, extra = '') => `(module
  (type $v (func))
  (import "h" "grow" (func $hostGrow))
  (memory (export "mem") 1)
  (table funcref (elem $growDirect $noGrow $viaImport))
  ${extra}
  (func $growDirect (drop (memory.grow (i32.const 1))))
  (func $viaImport (call $hostGrow))
  (func $noGrow (i32.store (i32.const 8) (i32.const 5)))
  (func $viaIndirect (call_indirect (type $v) (i32.const 0)))
  (func $viaRef (call_ref $v (ref.func $growDirect)))
  (elem declare func $growDirect)
  (func $viaCallsImport (call $viaImport))
  (func (export "run") (param i32) (result i32)
    (i32.store (i32.const 0) (i32.const 7))
    ${callee}
    (i32.store (i32.const 65536) (local.get 0))
    (i32.add (i32.load (i32.const 65536)) (i32.load (i32.const 0)))))`;

function withHost(tier: 'interpreter' | 'compiled', wat: string): { store: Store; inst: ModuleInstance } {
  const store = new Store({ tier });
  const types = load(store, '(module (func (export "t")))');
  let inst: ModuleInstance | null = null;
  const grow = hostFunc(exportedFunc(types, 't').type, () => {
    (inst!.exports.get('mem')!.value as MemInst).grow(1);
    return [];
  });
  inst = load(store, wat, [{ kind: 'func', value: grow }]);
  return { store, inst };
}

test('memory grown inside a callee (directly, via a JS import, call_indirect, call_ref, a guessed indirect target): the caller sees it', () => {
  const callees = ['(call $growDirect)', '(call $viaImport)', '(call $viaIndirect)', '(call $viaRef)', '(call $viaCallsImport)',
    '(call_indirect (type $v) (i32.const 0))', '(call_indirect (type $v) (i32.const 2))', '(call $noGrow)', '(call_indirect (type $v) (i32.const 1))'];
  for (const c of callees) {
    const interp = withHost('interpreter', callerWat(c)), jit = withHost('compiled', callerWat(c));
    for (const n of [3, 4]) {
      assert.equal(outcome(jit, 'run', [n]), outcome(interp, 'run', [n]), `${c} run(${n})`);
    }
    assert.ok(isCompiled(jit.inst, 'run'), c);
  }
  // The callees that grow make run() succeed; those that do not make it trap, in both tiers.
  assert.equal(outcome(withHost('compiled', callerWat('(call $viaImport)')), 'run', [3]), '10');
  assert.equal(outcome(withHost('compiled', callerWat('(call $noGrow)')), 'run', [3]), 'trap:out-of-bounds-memory');
});

test('a callee that grows memory, then throws, caught in the caller: the handler sees the grown memory', () => {
  const wat = `(module (tag $t) (memory (export "mem") 1)
    (func $growThrow (drop (memory.grow (i32.const 1))) (throw $t))
    (func (export "run") (param i32) (result i32)
      (i32.store (i32.const 0) (i32.const 7))
      (block $h (try_table (catch $t $h) (call $growThrow)))
      (i32.store (i32.const 65536) (local.get 0))
      (i32.add (i32.load (i32.const 65536)) (i32.load (i32.const 0)))))`;
  const p = pair(wat);
  assert.equal(outcome(p.jit, 'run', [5]), outcome(p.interp, 'run', [5]));
  assert.equal(outcome(p.jit, 'run', [5]), '12');
});

test('deep recursion through a function calling a leaf still ends in exhaustion, and the leaf works past the limit', () => {
  const store = new Store({ tier: 'compiled', maxCallDepth: 100000 });
  const inst = load(store, `(module (memory 1)
    (func $leaf (param i32) (result i32) (i32.add (i32.load (i32.const 0)) (local.get 0)))
    (func $down (export "down") (param i32) (result i32)
      (if (result i32) (i32.eqz (local.get 0)) (then (call $leaf (i32.const 1)))
        (else (i32.add (call $leaf (local.get 0)) (call $down (i32.sub (local.get 0) (i32.const 1))))))))`);
  const down = exportedFunc(inst, 'down');
  assert.deepEqual(invoke(store, down, [3]), [7]);
  // 50000 deep: far past RT.limit, continues in the interpreter.
  assert.deepEqual(invoke(store, down, [50000]), [(50000 * 50001 / 2 + 1) | 0]);
  assert.throws(() => invoke(store, down, [10_000_000]), /exhaust/);
  assert.deepEqual(invoke(store, down, [3]), [7]);
});
