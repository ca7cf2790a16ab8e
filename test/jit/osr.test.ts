/**
 * On-stack replacement (src/jit/osr.ts): a call whose loop runs past the tier-up countdown
 * continues in compiled code. Each case runs the same binary module in the interpreter and under
 * 'auto' with a tiny threshold, checks that the frame moved (stats().osrEntries) and that results,
 * memory, globals and trap stacks are identical.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Store, invoke, invokeAsync, type Value, type EngineOptions } from '../../src/runtime/index.js';
import { RuntimeError } from '../../src/errors.js';
import { parseModule } from '../../src/text/parse-module.js';
import { encodeModule } from '../../src/binary/encode.js';
import { ALL_FEATURES } from '../../src/features.js';
import { generateOsr, Unsupported } from '../../src/jit/codegen.js';
import { loadBinary, exportedFunc } from '../exec/helpers.js';
import type { ModuleInstance } from '../../src/runtime/index.js';
import { HostRef } from '../../src/runtime/values.js';
import { CoverageMonitor } from '../../src/monitor/index.js';

function bytesOf(wat: string): Uint8Array {
  return encodeModule(parseModule(wat, ALL_FEATURES));
}

interface Run { result: unknown; entries: number; inst: ModuleInstance; store: Store }

function runIn(opts: EngineOptions, wat: string, name: string, args: Value[], prepare?: (i: ModuleInstance) => void): Run {
  const store = new Store(opts);
  const inst = loadBinary(store, bytesOf(wat));
  prepare?.(inst);
  const before = store.stats().osrEntries;
  let result: unknown;
  try {
    result = invoke(store, exportedFunc(inst, name), args);
  } catch (e) {
    if (!(e instanceof RuntimeError)) throw e;
    result = { trap: e.kind, stack: e.wasmStack.map(f => `${f.funcIndex}@${f.offset}`) };
  }
  return { result, entries: store.stats().osrEntries - before, inst, store };
}

const AUTO: EngineOptions = { tier: 'auto', tierUpThreshold: 8 };

/** Runs `name` in both tiers; asserts equal outcomes and whether OSR happened under 'auto'. */
function same(wat: string, name: string, args: Value[], osr = true): Run {
  const a = runIn({ tier: 'interpreter' }, wat, name, args);
  const b = runIn(AUTO, wat, name, args);
  assert.deepEqual(b.result, a.result);
  assert.equal(b.entries > 0, osr, osr ? 'the call moved to compiled code' : 'no OSR here');
  return b;
}

test('a function called once with a long loop continues compiled, with every value type in its locals', () => {
  const wat = `(module
    (global $g (mut i64) (i64.const 0))
    (memory 1)
    (func (export "main") (param $n i32) (param $e externref) (result i32 i64 f32 f64 i32 externref i32 v128)
      (local $a i64) (local $f f32) (local $d f64) (local $fb i32) (local $v v128) (local $fr funcref)
      (local.set $f (f32.reinterpret_i32 (i32.const 0x7fa00001)))   ;; a signalling NaN: its bits must survive
      (local.set $d (f64.const -0.0))
      (local.set $a (i64.const 0x7fffffff00000001))
      (local.set $v (v128.const i32x4 1 2 3 4))
      (local.set $fr (ref.func $main2))
      (loop $l
        (local.set $a (i64.add (i64.mul (local.get $a) (i64.const 0x100000001b3)) (i64.extend_i32_u (local.get $n))))
        (local.set $d (f64.add (local.get $d) (f64.const 0.25)))
        (i32.store (i32.shl (i32.and (local.get $n) (i32.const 255)) (i32.const 2)) (local.get $n))
        (global.set $g (i64.add (global.get $g) (i64.const 3)))
        (local.set $v (i32x4.add (local.get $v) (v128.const i32x4 1 1 1 1)))
        (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
      (local.get $n) (local.get $a) (local.get $f) (local.get $d)
      (i32.reinterpret_f32 (local.get $f))
      (local.get $e)
      (i32.add (i32.load (i32.const 8)) (i32.wrap_i64 (global.get $g)))
      (local.get $v))
    (func $main2)
    (elem declare func $main2))`;
  const host = new HostRef('host');
  const r = same(wat, 'main', [1000, host]);
  const out = r.result as Value[];
  assert.equal(out[4], 0x7fa00001);
  assert.equal((out[5] as HostRef).value, 'host');
});

test('nested loops, loops inside if/else, loops after other code, loops inside blocks', () => {
  const wat = `(module
    (func (export "nested") (param $n i32) (result i32) (local $i i32) (local $j i32) (local $s i32)
      (local.set $s (i32.const 7))
      (loop $outer
        (local.set $j (i32.const 0))
        (block $done
          (loop $inner
            (local.set $s (i32.add (i32.mul (local.get $s) (i32.const 31)) (local.get $j)))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (br_if $done (i32.ge_u (local.get $j) (i32.const 50)))
            (br $inner)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br_if $outer (i32.lt_u (local.get $i) (local.get $n))))
      (i32.add (local.get $s) (local.get $i)))
    (func (export "then") (param $n i32) (result i32) (local $s i32)
      (local.set $s (i32.const 1))
      (if (local.get $n)
        (then (loop $l
          (local.set $s (i32.xor (i32.mul (local.get $s) (i32.const 3)) (local.get $n)))
          (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1))))))
        (else (local.set $s (i32.const -1))))
      (local.get $s))
    (func (export "else") (param $n i32) (result i32) (local $s i32)
      (local.set $s (i32.const 1))
      (if (i32.eqz (local.get $n))
        (then (local.set $s (i32.const -1)))
        (else
          (local.set $s (i32.const 5))
          (loop $l
            (local.set $s (i32.add (i32.rotl (local.get $s) (i32.const 5)) (local.get $n)))
            (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))))
      (local.get $s))
    (func (export "after") (param $n i32) (result f64) (local $d f64) (local $k i32)
      (block $a (block $b
        (local.set $d (f64.const 1.5))
        (loop $first (br_if $first (i32.lt_u (local.tee $k (i32.add (local.get $k) (i32.const 1))) (i32.const 3))))
        (br_if $b (i32.eqz (local.get $n)))
        (loop $l
          (local.set $d (f64.add (f64.mul (local.get $d) (f64.const 1.0000001)) (f64.convert_i32_u (local.get $n))))
          (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))))
      (f64.add (local.get $d) (f64.convert_i32_u (local.get $k)))))`;
  same(wat, 'nested', [400]);
  same(wat, 'then', [2000]);
  same(wat, 'else', [2000]);
  same(wat, 'after', [2000]);
  same(wat, 'then', [0], false);
});

test('an outer loop iterating again runs the code that OSR skipped on entry', () => {
  // The entry is the inner loop; the outer loop's code before it must run on its next iterations.
  const wat = `(module
    (func (export "f") (result i32) (local $i i32) (local $j i32) (local $s i32)
      (loop $outer
        (local.set $j (i32.const 100))
        (local.set $s (i32.add (local.get $s) (i32.const 1000)))
        (loop $inner
          (local.set $s (i32.add (local.get $s) (i32.const 1)))
          (br_if $inner (local.tee $j (i32.sub (local.get $j) (i32.const 1)))))
        (br_if $outer (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (i32.const 20))))
      (local.get $s)))`;
  const r = same(wat, 'f', []);
  assert.deepEqual(r.result, [20 * 1100]);
});

test('a loop in a callee of main: the callee continues compiled, main stays interpreted', () => {
  const wat = `(module
    (func $work (param $n i32) (result i64) (local $a i64)
      (loop $l
        (local.set $a (i64.add (local.get $a) (i64.extend_i32_s (local.get $n))))
        (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
      (local.get $a))
    (func (export "main") (result i64)
      (i64.add (call $work (i32.const 5000)) (i64.const 1))))`;
  same(wat, 'main', []);
});

test('a trap inside the OSR loop carries the same wasm stack as in the interpreter', () => {
  const wat = `(module
    (memory 1)
    (func $deep (param i32) (result i32) (i32.div_u (i32.const 1) (local.get 0)))
    (func $work (param $n i32) (result i32) (local $s i32)
      (loop $l
        (local.set $s (i32.add (local.get $s) (call $deep (local.get $n))))
        (local.set $s (i32.add (local.get $s) (i32.load (i32.mul (i32.sub (i32.const 1000) (local.get $n)) (i32.const 128)))))
        (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
      (local.get $s))
    (func (export "oob") (result i32) (call $work (i32.const 1000)))
    (func $count (param $n i32) (result i32)
      (loop $l (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
      (call $deep (local.get $n)))
    (func (export "div") (result i32) (call $count (i32.const 100))))`;
  const oob = same(wat, 'oob', []);
  assert.equal((oob.result as { trap: string }).trap, 'out-of-bounds-memory');
  assert.equal((oob.result as { stack: string[] }).stack.length, 2);
  const div = same(wat, 'div', []);
  assert.equal((div.result as { stack: string[] }).stack.length, 3);
});

test('an exception thrown in the OSR loop reaches an interpreted handler in the caller', () => {
  const wat = `(module
    (tag $t (param i32))
    (func $work (param $n i32)
      (loop $l
        (if (i32.eq (local.get $n) (i32.const 17)) (then (throw $t (local.get $n))))
        (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1))))))
    (func (export "main") (result i32)
      (block $h (result i32)
        (try_table (catch $t $h) (call $work (i32.const 1000)))
        (i32.const -1))))`;
  const r = same(wat, 'main', []);
  assert.deepEqual(r.result, [17]);
});

const SPIN = `(module
  (func (export "spin") (param $n i32) (result i32) (local $s i32)
    (loop $l
      (local.set $s (i32.add (local.get $s) (local.get $n)))
      (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
    (local.get $s)))`;

test('no OSR with fuel, with probes, or in the interpreter tier', () => {
  assert.equal(runIn({ ...AUTO, fuel: 1e9 }, SPIN, 'spin', [5000]).entries, 0);
  assert.equal(runIn({ tier: 'interpreter' }, SPIN, 'spin', [5000]).entries, 0);
  const probed = runIn(AUTO, SPIN, 'spin', [5000], inst => new CoverageMonitor().attach(inst));
  assert.equal(probed.entries, 0);
  assert.deepEqual(probed.result, [(5000 * 5001 / 2) | 0]);
});

test('no OSR on a JSPI stack (invokeAsync) or inside a continuation', async () => {
  const store = new Store(AUTO);
  const inst = loadBinary(store, bytesOf(SPIN));
  const before = store.stats().osrEntries;
  assert.deepEqual(await invokeAsync(store, exportedFunc(inst, 'spin'), [5000]), [(5000 * 5001 / 2) | 0]);
  assert.equal(store.stats().osrEntries, before);
  const wat = `(module
    (type $ft (func))
    (type $ct (cont $ft))
    (global $s (mut i32) (i32.const 0))
    (func $body (local $n i32)
      (local.set $n (i32.const 5000))
      (loop $l
        (global.set $s (i32.add (global.get $s) (local.get $n)))
        (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1))))))
    (elem declare func $body)
    (func (export "main") (result i32)
      (resume $ct (cont.new $ct (ref.func $body)))
      (global.get $s)))`;
  const r = runIn(AUTO, wat, 'main', []);
  assert.deepEqual(r.result, [(5000 * 5001 / 2) | 0]);
  assert.equal(r.entries, 0);
});

test('loops OSR does not enter run on in the interpreter: operand stack in use, block params, try_table', () => {
  const wat = `(module
    (type $p (func (param i32) (result i32)))
    (tag $t)
    (func (export "stack") (param $n i32) (result i32)
      (i32.const 5)
      (loop $l (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
      (i32.add (local.get $n)))
    (func (export "params") (param $n i32) (result i32)
      (local.get $n)
      (block (type $p)
        (loop $l (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))))
    (func (export "try") (param $n i32) (result i32)
      (block $h
        (try_table (catch_all $h)
          (loop $l (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))))
      (local.get $n)))`;
  same(wat, 'stack', [3000], false);
  same(wat, 'params', [3000], false);
  same(wat, 'try', [3000], false);
});

test('generateOsr rejects targets that are not loops', () => {
  const m = parseModule(SPIN, ALL_FEATURES);
  assert.match(generateOsr(m, 0, 0).source, /OSR = 0;/); // body[0] is the loop
  assert.throws(() => generateOsr(m, 0, 1), Unsupported);
  assert.throws(() => generateOsr(m, 0, -1), Unsupported);
  assert.throws(() => generateOsr(m, 0, 0.5), Unsupported);
  assert.throws(() => generateOsr(m, 0, 10_000), Unsupported);
});

test("the spec runner's engine name carries the tier-up threshold; malformed names are refused", async () => {
  const { createEngine } = await import('../../src/script/engines.js');
  assert.ok(createEngine('internal:auto:0'));
  assert.throws(() => createEngine('internal:auto:x'), /threshold/);
  assert.throws(() => createEngine('internal:auto:'), /threshold/);
  assert.throws(() => createEngine('internal:auto:1:2'), /threshold/);
  assert.throws(() => createEngine('internal:fast'), /unknown tier/);
});

test('an OSR variant of a deterministic-profile instance canonicalises NaNs like its interpreter', () => {
  // f64 NaN with a payload, propagated by arithmetic in a loop: the full profile keeps the payload
  // (x64 and JS propagate it), the deterministic profile makes it the positive canonical NaN.
  const wat = `(module (func (export "f") (param i32) (result i64) (local f64)
    (local.set 1 (f64.reinterpret_i64 (i64.const 0xfff4000000000123)))
    (loop $l
      (local.set 1 (f64.add (local.get 1) (f64.const 1)))
      (br_if $l (local.tee 0 (i32.sub (local.get 0) (i32.const 1)))))
    (i64.reinterpret_f64 (local.get 1))))`;
  const want = runIn({ tier: 'interpreter', profile: 'deterministic' }, wat, 'f', [5000]);
  const osr = runIn({ tier: 'auto', tierUpThreshold: 1, profile: 'deterministic' }, wat, 'f', [5000]);
  assert.ok(osr.entries > 0, 'the call moved into compiled code');
  assert.deepEqual(osr.result, want.result);
  assert.deepEqual(want.result, [0x7ff8000000000000n]);
});
