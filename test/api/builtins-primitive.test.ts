/**
 * JS Primitive Builtins: the wasm:js-string conversions from numbers and the wasm:js-number,
 * js-boolean, js-undefined, js-symbol and js-bigint sets, each against a JS reference written
 * from the proposal's "Specifications" (same wrapper module with the builtins and with the
 * reference as ordinary imports), on edge and random inputs; plus their compile-time types.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { wat } from './helpers.js';
import { EXTERN_VALUES, I32_EDGES, W, instantiatePair, outcome, refTrap, rng, same, wrapperModule, type Sig } from './builtins-helpers.js';

const EXT = 'externref', REXT = '(ref extern)';

/** Numbers worth checking: signed zeros, NaN, infinities, i32/u32 boundaries, fractions. */
const NUMBERS = [
  0, -0, 1, -1, 0.5, -0.5, 1.5, NaN, Infinity, -Infinity, 2 ** 31 - 1, 2 ** 31, -(2 ** 31), -(2 ** 31) - 1,
  2 ** 32 - 1, 2 ** 32, 2 ** 53, Number.MAX_VALUE, Number.MIN_VALUE, Number.EPSILON, 1e21, 1e-7, 123456789.125,
  0x7fffffff + 0.1, 0xffffffff + 0.1,
];
const I64_EDGES = [0n, 1n, -1n, 2n ** 31n, 2n ** 32n, 2n ** 53n + 1n, 2n ** 63n - 1n, -(2n ** 63n), 12345678901234567890n - 2n ** 64n];

test('js-string fromI32 / fromU32 / fromI64 / fromU64 / fromF64', () => {
  const sigs: Sig[] = [
    ['fromI32', ['i32'], REXT], ['fromU32', ['i32'], REXT], ['fromI64', ['i64'], REXT],
    ['fromU64', ['i64'], REXT], ['fromF64', ['f64'], REXT],
  ];
  const P = instantiatePair('js-string', sigs, {
    fromI32: (x: number) => '' + x,
    fromU32: (x: number) => '' + (x >>> 0),
    fromI64: (x: bigint) => '' + x,
    fromU64: (x: bigint) => '' + BigInt.asUintN(64, x),
    fromF64: (x: number) => '' + x,
  });
  const r = rng(21);
  const i32s = [...I32_EDGES];
  const i64s = [...I64_EDGES];
  const f64s = [...NUMBERS];
  for (let i = 0; i < 200; i++) {
    i32s.push((r() * 2 ** 32) | 0);
    i64s.push(BigInt.asIntN(64, (BigInt(Math.floor(r() * 2 ** 32)) << 32n) | BigInt(Math.floor(r() * 2 ** 32))));
    f64s.push((r() - 0.5) * 10 ** Math.floor(r() * 40 - 20));
  }
  for (const x of i32s) { same(P, 'fromI32', x); same(P, 'fromU32', x); }
  for (const x of i64s) { same(P, 'fromI64', x); same(P, 'fromU64', x); }
  for (const x of f64s) same(P, 'fromF64', x);
  const b = P.builtin;
  assert.equal(b.fromI32(-1), '-1');
  assert.equal(b.fromU32(-1), '4294967295');
  assert.equal(b.fromI64(-(2n ** 63n)), '-9223372036854775808');
  assert.equal(b.fromU64(-1n), '18446744073709551615');
  assert.equal(b.fromF64(-0), '0');
  assert.equal(b.fromF64(NaN), 'NaN');
  assert.equal(b.fromF64(-Infinity), '-Infinity');
  assert.equal(b.fromF64(1e21), '1e+21');
  assert.equal(b.fromF64(0.1 + 0.2), '0.30000000000000004');
});

test('js-number: test / testI32 / testU32 / from* / to* against the reference', () => {
  const isI32 = (x: number) => (x | 0) === x && !Object.is(x, -0);
  const isU32 = (x: number) => (x >>> 0) === x && !Object.is(x, -0);
  const sigs: Sig[] = [
    ['test', [EXT], 'i32'], ['testI32', [EXT], 'i32'], ['testU32', [EXT], 'i32'],
    ['fromF64', ['f64'], REXT], ['fromI32', ['i32'], REXT], ['fromU32', ['i32'], REXT],
    ['toF64', [EXT], 'f64'], ['toI32', [EXT], 'i32'], ['toU32', [EXT], 'i32'],
  ];
  const P = instantiatePair('js-number', sigs, {
    test: (x: unknown) => (typeof x === 'number' ? 1 : 0),
    testI32: (x: unknown) => (typeof x === 'number' && isI32(x) ? 1 : 0),
    testU32: (x: unknown) => (typeof x === 'number' && isU32(x) ? 1 : 0),
    fromF64: (x: number) => x,
    fromI32: (x: number) => x,
    fromU32: (x: number) => x >>> 0,
    toF64: (x: unknown) => { if (typeof x !== 'number') refTrap(); return x; },
    toI32: (x: unknown) => { if (typeof x !== 'number' || !isI32(x)) refTrap(); return x; },
    toU32: (x: unknown) => { if (typeof x !== 'number' || !isU32(x)) refTrap(); return x; },
  });
  const values = [...EXTERN_VALUES, ...NUMBERS, ...I32_EDGES];
  const r = rng(33);
  for (let i = 0; i < 200; i++) values.push(Math.floor((r() - 0.5) * 2 ** 34), (r() - 0.5) * 100);
  for (const v of values) {
    for (const f of ['test', 'testI32', 'testU32', 'toF64', 'toI32', 'toU32']) same(P, f, v);
    if (typeof v === 'number') { same(P, 'fromF64', v); same(P, 'fromI32', v); same(P, 'fromU32', v); }
  }
  const b = P.builtin;
  assert.equal(b.testI32(-0), 0);
  assert.equal(b.testU32(-0), 0);
  assert.equal(b.testI32(2 ** 31), 0);
  assert.equal(b.testU32(2 ** 31), 1);
  assert.equal(b.testU32(-1), 0);
  assert.equal(b.test(NaN), 1);
  assert.equal(b.test(new Number(1)), 0);
  assert.equal(b.toU32(2 ** 32 - 1), -1); // the i32 result carries the bits
  assert.ok(Object.is(b.toF64(-0), -0));
  assert.ok(Number.isNaN(b.toF64(NaN)));
  assert.ok(Object.is(b.fromF64(-0), -0));
  assert.equal(b.fromU32(-1), 2 ** 32 - 1);
  for (const f of [() => b.toF64(null), () => b.toF64('1'), () => b.toI32(0.5), () => b.toI32(-0), () => b.toI32(2 ** 31),
    () => b.toU32(-1), () => b.toU32(-0), () => b.toU32(NaN), () => b.toF64(1n)]) {
    assert.equal(outcome(f), 'trap');
  }
});

test('js-number sees i31 references internalised as externref as numbers', () => {
  const bytes = wat(`(module
    (import "wasm:js-number" "toI32" (func $toI32 (param externref) (result i32)))
    (import "wasm:js-number" "test" (func $test (param externref) (result i32)))
    (func (export "viaI31") (param i32) (result i32) (call $toI32 (extern.convert_any (ref.i31 (local.get 0)))))
    (func (export "testNull") (result i32) (call $test (ref.null extern))))`);
  const e = new W.Instance(new W.Module(bytes, { builtins: ['js-number'] })).exports as Record<string, Function>;
  assert.equal(e.viaI31(-5), -5);
  assert.equal(e.viaI31(2 ** 30 - 1), 2 ** 30 - 1);
  assert.equal(e.testNull(), 0);
});

test('js-boolean / js-undefined / js-symbol / js-bigint against the reference', () => {
  const s1 = Symbol('a'), s2 = Symbol('a'), sr = Symbol.for('registered');
  const values = [...EXTERN_VALUES, s1, s2, sr, Symbol.iterator, 0n, -1n, 2n ** 64n, Object(1n), Object(s1)];
  const bool = instantiatePair('js-boolean', [['test', [EXT], 'i32'], ['cast', [EXT], 'i32']], {
    test: (x: unknown) => (typeof x === 'boolean' ? 1 : 0),
    cast: (x: unknown) => { if (typeof x !== 'boolean') refTrap(); return x ? 1 : 0; },
  });
  const undef = instantiatePair('js-undefined', [['test', [EXT], 'i32']], {
    test: (x: unknown) => (typeof x === 'undefined' ? 1 : 0),
  });
  const sym = instantiatePair('js-symbol', [['test', [EXT], 'i32'], ['equals', [EXT, EXT], 'i32']], {
    test: (x: unknown) => (typeof x === 'symbol' ? 1 : 0),
    equals: (x: unknown, y: unknown) => {
      if (typeof x !== 'symbol' && x !== null) refTrap();
      if (typeof y !== 'symbol' && y !== null) refTrap();
      return x === y ? 1 : 0;
    },
  });
  const big = instantiatePair('js-bigint', [['test', [EXT], 'i32']], {
    test: (x: unknown) => (typeof x === 'bigint' ? 1 : 0),
  });
  for (const v of values) {
    same(bool, 'test', v); same(bool, 'cast', v);
    same(undef, 'test', v);
    same(sym, 'test', v);
    same(big, 'test', v);
    for (const w of [null, s1, s2, sr, 'a', undefined]) { same(sym, 'equals', v, w); same(sym, 'equals', w, v); }
  }
  assert.equal(bool.builtin.cast(true), 1);
  assert.equal(bool.builtin.cast(false), 0);
  assert.equal(outcome(() => bool.builtin.cast(0)), 'trap');
  assert.equal(outcome(() => bool.builtin.cast(null)), 'trap');
  assert.equal(undef.builtin.test(undefined), 1);
  assert.equal(undef.builtin.test(null), 0); // externref null is JS null, not undefined
  assert.equal(sym.builtin.equals(s1, s1), 1);
  assert.equal(sym.builtin.equals(s1, s2), 0);
  assert.equal(sym.builtin.equals(null, null), 1);
  assert.equal(sym.builtin.equals(sr, Symbol.for('registered')), 1);
  assert.equal(outcome(() => sym.builtin.equals('a', 'a')), 'trap');
  assert.equal(big.builtin.test(2n ** 100n), 1);
  assert.equal(big.builtin.test(Object(1n)), 0);
});

test('primitive builtins: types checked at compile time, each set enabled on its own', () => {
  const sets: [string, Sig[]][] = [
    ['js-number', [['test', [EXT], 'i32'], ['testI32', [EXT], 'i32'], ['testU32', [EXT], 'i32'], ['fromF64', ['f64'], REXT],
      ['fromI32', ['i32'], REXT], ['fromU32', ['i32'], REXT], ['toF64', [EXT], 'f64'], ['toI32', [EXT], 'i32'], ['toU32', [EXT], 'i32']]],
    ['js-boolean', [['test', [EXT], 'i32'], ['cast', [EXT], 'i32']]],
    ['js-undefined', [['test', [EXT], 'i32']]],
    ['js-symbol', [['test', [EXT], 'i32'], ['equals', [EXT, EXT], 'i32']]],
    ['js-bigint', [['test', [EXT], 'i32']]],
    ['js-string', [['fromI32', ['i32'], REXT], ['fromU32', ['i32'], REXT], ['fromI64', ['i64'], REXT], ['fromU64', ['i64'], REXT], ['fromF64', ['f64'], REXT]]],
  ];
  for (const [set, sigs] of sets) {
    assert.equal(W.validate(wrapperModule(`wasm:${set}`, sigs), { builtins: [set] }), true, set);
    for (const [name, params, result] of sigs) {
      const wrong = result === 'i32' ? 'i64' : result === REXT ? EXT : 'f32';
      const bad = wat(`(module (import "wasm:${set}" "${name}" (func (param ${params.join(' ')}) (result ${wrong}))))`);
      assert.equal(W.validate(bad, { builtins: [set] }), false, `${set} ${name}`);
      assert.equal(W.validate(bad), true);
      const anyref = wat(`(module (import "wasm:${set}" "${name}" (func (param ${params.map(p => (p === EXT ? 'anyref' : p)).join(' ')}) (result ${result}))))`);
      if (params.includes(EXT)) assert.equal(W.validate(anyref, { builtins: [set] }), false, `${set} ${name} anyref`);
    }
  }
  // The sets are independent: enabling js-number does not provide js-boolean.
  const both = wat(`(module (import "wasm:js-number" "test" (func (param externref) (result i32)))
    (import "wasm:js-boolean" "test" (func (param externref) (result i32))))`);
  const m = new W.Module(both, { builtins: ['js-number'] });
  assert.deepEqual(W.Module.imports(m).map(i => i.module), ['wasm:js-boolean']);
  assert.deepEqual(W.Module.imports(new W.Module(both, { builtins: ['js-number', 'js-boolean'] })), []);
});
