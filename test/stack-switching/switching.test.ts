/**
 * Stack switching beyond the spec testsuite: exceptions across resumes, one-shot continuations,
 * the parking of suspended stacks (thread.ts) keeping every kind of value intact, and memory.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RuntimeError } from '../../src/errors.js';
import { Store, WasmException, HostRef } from '../../src/runtime/index.js';
import { load, call } from '../exec/helpers.js';
import { measureParked } from '../../bench/switch/memory.js';

const tiers = ['interpreter', 'auto'] as const;
const trapKind = (kind: string) => (e: unknown) => e instanceof RuntimeError && e.kind === kind;

const EXN = `(module
  (type $ft (func (param i32) (result i32)))
  (type $ct (cont $ft))
  (tag $yield (param i32) (result i32))
  (tag $boom (param i32))
  (global $k (mut (ref null $ct)) (ref.null $ct))

  ;; Yields x, gets y back; throws $boom(y) if y is negative, else returns x + y.
  (func $body (param $x i32) (result i32) (local $y i32)
    (local.set $y (suspend $yield (local.get $x)))
    (if (i32.lt_s (local.get $y) (i32.const 0)) (then (throw $boom (local.get $y))))
    (i32.add (local.get $x) (local.get $y)))
  ;; Like $body but catches $boom thrown into it at the suspension, and yields again.
  (func $catching (param $x i32) (result i32)
    (block $h (result i32)
      (try_table (catch $boom $h)
        (return (suspend $yield (local.get $x))))
      (unreachable))
    (suspend $yield)
    (i32.add (i32.const 1000)))
  (elem declare func $body $catching)

  (func $start (param $f i32) (param $x i32) (result i32)
    (block $on (result i32 (ref $ct))
      (resume $ct (on $yield $on) (local.get $x)
        (cont.new $ct (if (result (ref $ft)) (local.get $f) (then (ref.func $catching)) (else (ref.func $body)))))
      (return))
    (global.set $k)
    (return))
  (func $continue (param $y i32) (result i32)
    (block $on (result i32 (ref $ct))
      (resume $ct (on $yield $on) (local.get $y) (global.get $k))
      (return))
    (global.set $k))

  ;; An exception thrown inside a continuation reaches the resumer's handler.
  (func (export "thrown-out") (param $y i32) (result i32)
    (drop (call $start (i32.const 0) (i32.const 5)))
    (block $h (result i32)
      (try_table (catch $boom $h) (return (call $continue (local.get $y))))
      (unreachable))
    (i32.mul (i32.const -1)))
  ;; resume_throw: caught inside the continuation, which carries on.
  (func (export "thrown-in") (result i32)
    (drop (call $start (i32.const 1) (i32.const 5)))
    (block $on (result i32 (ref $ct))
      (resume_throw $ct $boom (on $yield $on) (i32.const 7) (global.get $k))
      (unreachable))
    (global.set $k)
    (i32.add (call $continue (i32.const 2))))
  ;; resume_throw not caught inside: the continuation dies and the exception reaches us.
  (func (export "thrown-through") (result i32)
    (drop (call $start (i32.const 0) (i32.const 5)))
    (block $h (result i32)
      (try_table (catch $boom $h)
        (block $y (result i32 (ref $ct))
          (resume_throw $ct $boom (on $yield $y) (i32.const 9) (global.get $k))
          (unreachable))
        (unreachable))
      (unreachable))
    (return))
  (func (export "resume-again") (result i32) (call $continue (i32.const 1)))
  (func (export "one-shot") (result i32)
    (drop (call $start (i32.const 0) (i32.const 1)))
    (drop (call $continue (i32.const 1)))
    (resume $ct (i32.const 1) (global.get $k)))
  (func (export "bind-consumes") (result i32) (local $c (ref null $ct))
    (local.set $c (cont.new $ct (ref.func $body)))
    (drop (cont.bind $ct $ct (local.get $c)))
    (resume $ct (i32.const 1) (local.get $c)))
  (func (export "null") (result i32) (resume $ct (i32.const 1) (ref.null $ct)))
)`;

for (const tier of tiers) {
  test(`exceptions across resumes, one-shot traps (${tier})`, () => {
    const s = new Store({ tier });
    const inst = load(s, EXN);
    assert.deepEqual(call(s, inst, 'thrown-out', 3), [8]);
    assert.deepEqual(call(s, inst, 'thrown-out', -4), [4]); // caught $boom(-4), negated
    assert.deepEqual(call(s, inst, 'thrown-in'), [7 + 1002]);
    assert.deepEqual(call(s, inst, 'thrown-through'), [9]);
    // The continuation that let the exception through is gone.
    assert.throws(() => call(s, inst, 'resume-again'), trapKind('continuation-consumed'));
    assert.throws(() => call(s, inst, 'one-shot'), trapKind('continuation-consumed'));
    assert.throws(() => call(s, inst, 'bind-consumes'), trapKind('continuation-consumed'));
    assert.throws(() => call(s, inst, 'null'), trapKind('null-continuation'));
    // An exception escaping to the host leaves the stacks usable.
    assert.deepEqual(call(s, inst, 'thrown-out', 1), [6]);
    assert.equal(s.thread.depth, -1);
  });
}

/**
 * Generators whose locals hold every kind of value across suspensions: i32, i64, f32 (NaN bits),
 * f64, v128, externref, and a recursion of `depth` frames before the first yield. Many of them run
 * interleaved, so parked stacks and pooled buffers change hands all the time.
 */
const KEEP = `(module
  (type $ft (func (param i64 externref i32)))
  (type $ct (cont $ft))
  (type $gft (func))
  (type $gct (cont $gft))
  (tag $yield (param i64 externref))
  (table $gens 64 (ref null $gct))
  (func $down (param $a i64) (param $r externref) (param $d i32)
    (local $f f32) (local $g f64) (local $v v128)
    (local.set $f (f32.reinterpret_i32 (i32.const 0x7fa00001)))
    (local.set $g (f64.convert_i64_s (local.get $a)))
    (local.set $v (i64x2.splat (local.get $a)))
    (if (local.get $d) (then (call $down (local.get $a) (local.get $r) (i32.sub (local.get $d) (i32.const 1))))
      (else (loop $l
        (suspend $yield (local.get $a) (local.get $r))
        (local.set $a (i64.add (local.get $a) (i64.const 0x100000001)))
        (br $l))))
    ;; never reached; keeps the locals live in the frame
    (drop (i32.reinterpret_f32 (local.get $f))) (drop (local.get $g)) (drop (local.get $v)))
  (elem declare func $down)
  (func (export "start") (param $i i32) (param $a i64) (param $r externref) (param $d i32) (result i64 externref)
    (local $c (ref null $gct))
    (block $on (result i64 externref (ref $gct))
      (resume $ct (on $yield $on) (local.get $a) (local.get $r) (local.get $d) (cont.new $ct (ref.func $down)))
      (unreachable))
    (local.set $c)
    (table.set $gens (local.get $i) (local.get $c)))
  (func (export "next") (param $i i32) (result i64 externref)
    (local $c (ref null $gct))
    (block $on (result i64 externref (ref $gct))
      (resume $gct (on $yield $on) (table.get $gens (local.get $i)))
      (unreachable))
    (local.set $c)
    (table.set $gens (local.get $i) (local.get $c))))`;

test('parked stacks keep every value across interleaved suspensions', () => {
  const s = new Store({ tier: 'interpreter' });
  const inst = load(s, KEEP);
  const n = 40;
  const refs = Array.from({ length: n }, (_, i) => new HostRef({ id: i }));
  // Depths straddle the parking limit: shallow stacks are parked, deep ones keep their buffer.
  const depth = (i: number) => (i % 4 === 0 ? 40 : i % 3);
  for (let i = 0; i < n; i++) {
    const [a, r] = call(s, inst, 'start', i, BigInt(i) << 33n, refs[i], depth(i));
    assert.equal(a, BigInt(i) << 33n);
    assert.equal(r, refs[i]);
  }
  for (let round = 1; round <= 5; round++) {
    for (let i = n - 1; i >= 0; i -= 1 + (round % 2)) {
      const [a, r] = call(s, inst, 'next', i);
      assert.equal(r, refs[i], `ref of generator ${i}`);
      assert.ok(typeof a === 'bigint' && a >= BigInt(i) << 33n);
    }
  }
  // Every generator counts exactly the number of times it was resumed.
  const counts = new Array(n).fill(0);
  for (let round = 1; round <= 5; round++) for (let i = n - 1; i >= 0; i -= 1 + (round % 2)) counts[i]++;
  for (let i = 0; i < n; i++) {
    const [a] = call(s, inst, 'next', i);
    assert.equal(a, (BigInt(i) << 33n) + BigInt(counts[i] + 1) * 0x100000001n, `generator ${i}`);
  }
});

test('suspended generators are compact (well under 1.5 KB each)', () => {
  const r = measureParked(50_000);
  assert.ok(r.bytesPerCont < 1500, `${r.bytesPerCont.toFixed(0)} bytes per parked continuation`);
});

void WasmException;
