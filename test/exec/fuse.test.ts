import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RuntimeError } from '../../src/errors.js';
import { parseModule } from '../../src/text/parse-module.js';
import { ALL_FEATURES } from '../../src/features.js';
import { OPCODES } from '../../src/syntax/opcodes.js';
import { load, call, interpStore } from './helpers.js';

// Sequences that compiled C runs hot (constant operands, loads through locals, tests folded into
// branches) must compute exactly what the instructions mean one by one, at edge values. They now
// run as register ops (compile.ts virtual operand stack); register.test.ts compares every form
// with the host engine.

test('i32 ops with a constant right operand', () => {
  const store = interpStore();
  const ops = ['sub', 'shl', 'shr_s', 'shr_u', 'and', 'mul', 'eq', 'ne', 'lt_s', 'lt_u', 'gt_s', 'gt_u', 'le_s', 'le_u', 'ge_s', 'ge_u'];
  const consts = [0, 1, -1, 31, 33, 0x7fffffff, -0x80000000];
  const funcs = ops.flatMap(op => consts.map((k, i) =>
    `(func (export "${op}_${i}") (param i32) (result i32) (i32.${op} (local.get 0) (i32.const ${k})))`));
  const inst = load(store, `(module ${funcs.join('\n')})`);
  const ref: Record<string, (a: number, b: number) => number> = {
    sub: (a, b) => (a - b) | 0, shl: (a, b) => a << b, shr_s: (a, b) => a >> b, shr_u: (a, b) => (a >>> b) | 0,
    and: (a, b) => a & b, mul: (a, b) => Math.imul(a, b),
    eq: (a, b) => +(a === b), ne: (a, b) => +(a !== b), lt_s: (a, b) => +(a < b), gt_s: (a, b) => +(a > b),
    le_s: (a, b) => +(a <= b), ge_s: (a, b) => +(a >= b),
    lt_u: (a, b) => +(a >>> 0 < b >>> 0), gt_u: (a, b) => +(a >>> 0 > b >>> 0),
    le_u: (a, b) => +(a >>> 0 <= b >>> 0), ge_u: (a, b) => +(a >>> 0 >= b >>> 0),
  };
  for (const op of ops) {
    consts.forEach((k, i) => {
      for (const a of [0, 1, -1, 5, 0x7fffffff, -0x80000000, 31, 33]) {
        assert.deepEqual(call(store, inst, `${op}_${i}`, a), [ref[op](a, k)], `${a} ${op} ${k}`);
      }
    });
  }
});

test('i32 ops with a local operand, local.get + const + add, i64.mul by a constant', () => {
  const store = interpStore();
  const inst = load(store, `(module
    (func (export "ops") (param i32 i32) (result i32)
      (i32.xor (i32.or (i32.and (i32.sub (local.get 0) (local.get 1)) (local.get 1)) (local.get 0)) (local.get 1)))
    (func (export "addk") (param i32) (result i32) (i32.add (local.get 0) (i32.const -7)))
    (func (export "subk") (param i32) (result i32) (i32.sub (local.get 0) (i32.const 16)))
    (func (export "mulk") (param i64) (result i64) (i64.mul (local.get 0) (i64.const 0x9E3779B185EBCA87))))`);
  for (const [a, b] of [[5, 3], [-1, 7], [0x7fffffff, -0x80000000]]) {
    const s = (a - b) | 0;
    assert.deepEqual(call(store, inst, 'ops', a, b), [(((s & b) | a) ^ b)]);
  }
  assert.deepEqual(call(store, inst, 'addk', 3), [-4]);
  assert.deepEqual(call(store, inst, 'subk', -0x80000000), [0x7ffffff0]);
  const m = (1n << 64n) - 1n;
  for (const x of [0n, 1n, 0x123456789abcdefn, -5n]) {
    const want = BigInt.asIntN(64, (x & m) * 0x9E3779B185EBCA87n);
    assert.deepEqual(call(store, inst, 'mulk', x), [want]);
  }
});

test('loop back-edges fused with their comparison, eqz folded into if and br_if', () => {
  const store = interpStore();
  const loop = (cmp: string) => `
    (func (export "${cmp}") (param i32 i32) (result i32) (local $n i32)
      (loop $l
        (local.set $n (i32.add (local.get $n) (i32.const 1)))
        (local.set 0 (i32.add (local.get 0) (i32.const 1)))
        (br_if $l (i32.${cmp} (local.get 0) (local.get 1))))
      (local.get $n))`;
  const inst = load(store, `(module ${['ne', 'lt_u', 'le_u', 'gt_u', 'lt_s'].map(loop).join('\n')}
    (func (export "down") (param i32) (result i32) (local $n i32)
      (loop $l
        (local.set $n (i32.add (local.get $n) (i32.const 1)))
        (local.set 0 (i32.sub (local.get 0) (i32.const 1)))
        (br_if $l (i32.eqz (i32.eqz (local.get 0)))))
      (local.get $n))
    (func (export "ifz") (param i32) (result i32)
      (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 10)) (else (i32.const 20))))
    (func (export "brz") (param i32) (result i32)
      (block $b (br_if $b (i32.eqz (local.get 0))) (return (i32.const 1)))
      (i32.const 2)))`);
  assert.deepEqual(call(store, inst, 'ne', 0, 10), [10]);
  assert.deepEqual(call(store, inst, 'lt_u', 0, 10), [10]);
  assert.deepEqual(call(store, inst, 'lt_u', -5, 10), [1]); // 0xfffffffc is not below 10 unsigned
  assert.deepEqual(call(store, inst, 'le_u', 0, 10), [11]);
  assert.deepEqual(call(store, inst, 'gt_u', -3, 1), [3]); // ..., -1 > 1; then 0 stops
  assert.deepEqual(call(store, inst, 'lt_s', -5, 2), [7]);
  assert.deepEqual(call(store, inst, 'down', 4), [4]);
  assert.deepEqual(call(store, inst, 'ifz', 0), [10]);
  assert.deepEqual(call(store, inst, 'ifz', 3), [20]);
  assert.deepEqual(call(store, inst, 'brz', 0), [2]);
  assert.deepEqual(call(store, inst, 'brz', -1), [1]);
});

test('loads through a local: values, bounds and the trap offset', () => {
  const store = interpStore();
  const wat = `(module (memory 1)
    (data (i32.const 8) "\\01\\02\\03\\04\\05\\06\\07\\08")
    (func (export "i32") (param i32) (result i32) (i32.load offset=4 (local.get 0)))
    (func (export "i64") (param i32) (result i64) (i64.load (local.get 0)))
    (func (export "f64bits") (param i32) (result i64) (i64.reinterpret_f64 (f64.load (local.get 0))))
    (func (export "pair") (param i32 i32) (result i32) (i32.sub (local.get 0) (i32.load (local.get 1)))))`;
  const inst = load(store, wat);
  assert.deepEqual(call(store, inst, 'i32', 4), [0x04030201]);
  assert.deepEqual(call(store, inst, 'i64', 8), [0x0807060504030201n]);
  assert.deepEqual(call(store, inst, 'f64bits', 8), [0x0807060504030201n]);
  assert.deepEqual(call(store, inst, 'pair', 0x04030205, 8), [4]);
  assert.throws(() => call(store, inst, 'i32', 65532), RuntimeError);
  assert.throws(() => call(store, inst, 'i64', -1), RuntimeError);
  // The trap is reported at the load, not at the local.get fused into it.
  const loadAt = parseModule(wat, ALL_FEATURES).funcs[3].body.find(i => OPCODES[i.op].key === 'i32.load')!.offset;
  assert.throws(() => call(store, inst, 'pair', 0, 65534),
    (e: unknown) => e instanceof RuntimeError && e.wasmStack[0].offset === loadAt);
});

test('local.get + const + add into another local', () => {
  const store = interpStore();
  const inst = load(store, `(module
    (func (export "f") (param i32) (result i32) (local i32)
      (local.set 1 (i32.add (local.get 0) (i32.const -3)))
      (i32.mul (local.get 1) (local.get 0))))`);
  assert.deepEqual(call(store, inst, 'f', 10), [70]);
  assert.deepEqual(call(store, inst, 'f', -0x80000000), [-0x80000000]);
});

test('f64 ops with local operands', () => {
  const store = interpStore();
  const inst = load(store, `(module
    (func (export "f") (param f64 f64 f64) (result f64)
      (f64.add (f64.mul (local.get 0) (local.get 1))
        (f64.sub (f64.sub (local.get 2) (local.get 0)) (f64.add (local.get 1) (local.get 2))))))`);
  // f64 values cross the runtime API as their bit patterns (bigint)
  const f = new Float64Array(1), u = new BigUint64Array(f.buffer);
  const bits = (x: number) => { f[0] = x; return u[0]; };
  for (const [a, b, c] of [[1.5, 2, 3], [-0.1, 1e300, 7], [0, -0, 1]]) {
    const [r] = call(store, inst, 'f', bits(a), bits(b), bits(c));
    assert.equal(BigInt.asUintN(64, r as bigint), bits(a * b + ((c - a) - (b + c))));
  }
});

test('local.get + const + shl', () => {
  const store = interpStore();
  const inst = load(store, `(module
    (func (export "f") (param i32) (result i32) (i32.shl (local.get 0) (i32.const 34))))`);
  assert.deepEqual(call(store, inst, 'f', 3), [12]); // the shift count is taken mod 32
  assert.deepEqual(call(store, inst, 'f', 0x40000001), [4]);
});

test('comparisons with a constant fused into if, br_if and loop back-edges', () => {
  const store = interpStore();
  const ops = ['eq', 'ne', 'lt_s', 'lt_u', 'gt_s', 'gt_u', 'le_s', 'le_u', 'ge_s', 'ge_u'];
  const funcs = ops.map(op => `
    (func (export "if_${op}") (param i32) (result i32)
      (if (result i32) (i32.${op} (local.get 0) (i32.const -2)) (then (i32.const 1)) (else (i32.const 0))))
    (func (export "br_${op}") (param i32) (result i32)
      (block $b (br_if $b (i32.${op} (local.get 0) (i32.const 3))) (return (i32.const 0)))
      (i32.const 1))
    (func (export "ifs_${op}") (param i32) (result i32)
      (if (result i32) (i32.${op} (i32.add (local.get 0) (i32.const 0)) (i32.const -2)) (then (i32.const 1)) (else (i32.const 0))))
    (func (export "brs_${op}") (param i32) (result i32)
      (block $b (br_if $b (i32.${op} (i32.add (local.get 0) (i32.const 0)) (i32.const 3))) (return (i32.const 0)))
      (i32.const 1))
    (func (export "loopl_${op}") (param i32) (result i32) (local $n i32)
      (loop $l
        (local.set $n (i32.add (local.get $n) (i32.const 1)))
        (local.set 0 (i32.add (local.get 0) (i32.const 1)))
        (br_if $l (i32.${op} (local.get 0) (i32.const 5))))
      (local.get $n))
    (func (export "loop_${op}") (param i32) (result i32) (local $n i32)
      (loop $l
        (local.set $n (i32.add (local.get $n) (i32.const 1)))
        (local.set 0 (i32.add (local.get 0) (i32.const 1)))
        (br_if $l (i32.and (i32.${op} (local.get 0) (i32.const 5)) (i32.lt_u (local.get $n) (i32.const 20)))))
      (local.get $n))
    (func (export "loopd_${op}") (param i32) (result i32) (local $n i32)
      (loop $l
        (local.set $n (i32.add (local.get $n) (i32.const 1)))
        (br_if $l (i32.${op} (local.tee 0 (i32.add (local.get 0) (i32.const 1))) (i32.const 5))))
      (local.get $n))`);
  const inst = load(store, `(module ${funcs.join('\n')})`);
  const ref: Record<string, (a: number, b: number) => boolean> = {
    eq: (a, b) => a === b, ne: (a, b) => a !== b, lt_s: (a, b) => a < b, gt_s: (a, b) => a > b,
    le_s: (a, b) => a <= b, ge_s: (a, b) => a >= b,
    lt_u: (a, b) => a >>> 0 < b >>> 0, gt_u: (a, b) => a >>> 0 > b >>> 0,
    le_u: (a, b) => a >>> 0 <= b >>> 0, ge_u: (a, b) => a >>> 0 >= b >>> 0,
  };
  for (const op of ops) {
    for (const a of [-3, -2, -1, 0, 2, 3, 4, 5, 6, 0x7fffffff, -0x80000000]) {
      assert.deepEqual(call(store, inst, `if_${op}`, a), [+ref[op](a, -2)], `if ${a} ${op}`);
      assert.deepEqual(call(store, inst, `br_${op}`, a), [+ref[op](a, 3)], `br_if ${a} ${op}`);
      assert.deepEqual(call(store, inst, `ifs_${op}`, a), [+ref[op](a, -2)], `if (stack) ${a} ${op}`);
      assert.deepEqual(call(store, inst, `brs_${op}`, a), [+ref[op](a, 3)], `br_if (stack) ${a} ${op}`);
      let n = 0, x = a;
      do { n++; x = (x + 1) | 0; } while (ref[op](x, 5) && n < 20);
      assert.deepEqual(call(store, inst, `loop_${op}`, a), [n], `loop ${a} ${op}`);
      if (a > -3 && a < 7) {
        let m = 0, y = a;
        do { m++; y = (y + 1) | 0; } while (ref[op](y, 5) && m < 1000);
        if (m < 1000) assert.deepEqual(call(store, inst, `loopd_${op}`, a), [m], `loopd ${a} ${op}`);
        if (m < 1000) assert.deepEqual(call(store, inst, `loopl_${op}`, a), [m], `loopl ${a} ${op}`);
      }
    }
  }
});

test('i64 ops with a constant right operand', () => {
  const store = interpStore();
  const ops = ['mul', 'add', 'xor', 'and', 'shl', 'shr_u', 'rotl'];
  const consts = [0n, 1n, -1n, 31n, 33n, 63n, 65n, 0x9E3779B185EBCA87n, 0xffffffffn, -0x8000000000000000n];
  const funcs = ops.flatMap(op => consts.map((k, i) =>
    `(func (export "${op}_${i}") (param i64) (result i64) (i64.${op} (local.get 0) (i64.const ${k})))`));
  const inst = load(store, `(module ${funcs.join('\n')})`);
  const M = (1n << 64n) - 1n, s = (x: bigint) => BigInt.asIntN(64, x);
  const ref: Record<string, (a: bigint, b: bigint) => bigint> = {
    mul: (a, b) => s(a * b), add: (a, b) => s(a + b), xor: (a, b) => s(a ^ b), and: (a, b) => s(a & b),
    shl: (a, b) => s(a << (b & 63n)), shr_u: (a, b) => s((a & M) >> (b & 63n)),
    rotl: (a, b) => { const n = b & 63n, u = a & M; return s((u << n) | (u >> ((64n - n) & 63n))); },
  };
  for (const op of ops) {
    consts.forEach((k, i) => {
      for (const a of [0n, 1n, -1n, 0x123456789abcdefn, -0x8000000000000000n, 0xffffffffn]) {
        assert.deepEqual(call(store, inst, `${op}_${i}`, a), [ref[op](a, k)], `${a} ${op} ${k}`);
      }
    });
  }
});
