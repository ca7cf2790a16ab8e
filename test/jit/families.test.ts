/** Exceptions, GC objects, SIMD and memory64 under the forced compiled tier, against the interpreter. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pair, outcome, isCompiled, rng, randomArg } from './helpers.js';

test('exceptions: throw, try_table catch clauses, throw_ref, traps are not caught', () => {
  const p = pair(`(module (tag $e (param i32 i64)) (tag $f)
    (func $thrower (param i32) (if (i32.eqz (local.get 0)) (then (throw $e (i32.const 7) (i64.const -9))))
      (if (i32.eq (local.get 0) (i32.const 1)) (then (throw $f))) (if (i32.eq (local.get 0) (i32.const 2)) (then unreachable)))
    (func (export "catch") (param i32) (result i64)
      (block $h (result i32 i64)
        (block $all
          (try_table (catch $e $h) (catch_all $all) (call $thrower (local.get 0)))
          (return (i64.const 100)))
        (return (i64.const 200)))
      (drop) (i64.extend_i32_s))
    (func (export "rethrow") (param i32) (result i32)
      (block $h (result exnref)
        (try_table (catch_all_ref $h) (call $thrower (local.get 0))) (return (i32.const 1)))
      (throw_ref)))`);
  for (const a of [0, 1, 2, 3]) {
    assert.equal(outcome(p.jit, 'catch', [a]), outcome(p.interp, 'catch', [a]), `catch ${a}`);
    let j: string, i: string;
    try { j = outcome(p.jit, 'rethrow', [a]); } catch (e) { j = `exception ${(e as { constructor: { name: string } }).constructor.name}`; }
    try { i = outcome(p.interp, 'rethrow', [a]); } catch (e) { i = `exception ${(e as { constructor: { name: string } }).constructor.name}`; }
    assert.equal(j, i, `rethrow ${a}`);
  }
  assert.ok(isCompiled(p.jit.inst, 'catch') && isCompiled(p.jit.inst, 'rethrow'));
});

test('GC: structs, arrays, i31, casts', () => {
  const p = pair(`(module
    (type $p (struct (field (mut i32)) (field i64) (field (mut f64)) (field i8)))
    (type $a (array (mut i16)))
    (func (export "struct") (param i32 i64) (result i64)
      (local $s (ref null $p))
      (local.set $s (struct.new $p (local.get 0) (local.get 1) (f64.const 1.5) (i32.const 200)))
      (struct.set $p 0 (local.get $s) (i32.add (struct.get $p 0 (local.get $s)) (struct.get_s $p 3 (local.get $s))))
      (i64.add (i64.extend_i32_s (struct.get $p 0 (local.get $s))) (struct.get $p 1 (local.get $s))))
    (func (export "array") (param i32 i32) (result i32)
      (local $a (ref null $a))
      (local.set $a (array.new $a (i32.const -3) (local.get 0)))
      (array.set $a (local.get $a) (i32.const 0) (i32.const 40000))
      (i32.add (array.get_s $a (local.get $a) (local.get 1)) (array.len (local.get $a))))
    (func (export "i31") (param i32) (result i32)
      (i31.get_s (ref.i31 (local.get 0))))
    (func (export "cast") (param i32) (result i32)
      (local $r anyref)
      (local.set $r (if (result anyref) (local.get 0) (then (ref.i31 (i32.const 5))) (else (struct.new_default $p))))
      (i32.add (ref.test (ref $p) (local.get $r)) (i32.mul (i32.const 10) (ref.test i31ref (local.get $r))))))`);
  const next = rng(5);
  for (let k = 0; k < 20; k++) {
    const a = randomArg('i', next) as number, b = randomArg('I', next);
    assert.equal(outcome(p.jit, 'struct', [a, b]), outcome(p.interp, 'struct', [a, b]));
    assert.equal(outcome(p.jit, 'i31', [a]), outcome(p.interp, 'i31', [a]));
  }
  for (const [n, i] of [[3, 0], [3, 2], [3, 3], [0, 0], [-1, 0]]) {
    assert.equal(outcome(p.jit, 'array', [n, i]), outcome(p.interp, 'array', [n, i]), `array ${n} ${i}`);
  }
  for (const c of [0, 1]) assert.equal(outcome(p.jit, 'cast', [c]), outcome(p.interp, 'cast', [c]));
  for (const n of ['struct', 'array', 'i31', 'cast']) assert.ok(isCompiled(p.jit.inst, n), n);
});

test('SIMD through the interpreter handlers, v128 locals, params and results', () => {
  const p = pair(`(module (memory 1)
    (func $swap (param v128) (result v128) (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get 0) (local.get 0)))
    (func (export "simd") (param i32 f32 i64) (result i32)
      (local $v v128)
      (local.set $v (i32x4.splat (local.get 0)))
      (local.set $v (f32x4.replace_lane 1 (local.get $v) (local.get 1)))
      (local.set $v (i64x2.add (local.get $v) (i64x2.splat (local.get 2))))
      (v128.store offset=3 (i32.const 0) (call $swap (local.get $v)))
      (i32.add (i32x4.extract_lane 2 (v128.load offset=3 (i32.const 0))) (i32.load8_u (i32.const 10)))))`);
  const next = rng(11);
  for (let k = 0; k < 30; k++) {
    const args = [randomArg('i', next), randomArg('f', next), randomArg('I', next)];
    assert.equal(outcome(p.jit, 'simd', args), outcome(p.interp, 'simd', args), `${args}`);
  }
  assert.ok(isCompiled(p.jit.inst, 'simd'));
});

test('memory64 loads, stores, size and grow', () => {
  const p = pair(`(module (memory i64 1 2)
    (func (export "rw") (param i64 i32) (result i32) (i32.store (local.get 0) (local.get 1)) (i32.load (local.get 0)))
    (func (export "grow") (param i64) (result i64) (memory.grow (local.get 0)))
    (func (export "size") (result i64) (memory.size)))`);
  for (const a of [0n, 65532n, 65533n, 0x100000000n, -1n]) {
    assert.equal(outcome(p.jit, 'rw', [a, 5]), outcome(p.interp, 'rw', [a, 5]), `rw ${a}`);
  }
  for (const d of [0n, 5n, 1n, 1n]) {
    assert.equal(outcome(p.jit, 'grow', [d]), outcome(p.interp, 'grow', [d]), `grow ${d}`);
    assert.equal(outcome(p.jit, 'size', []), outcome(p.interp, 'size', []));
  }
});
