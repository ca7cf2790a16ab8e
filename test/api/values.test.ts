/**
 * Values across the boundary and calls in both directions, differential against Node's native
 * WebAssembly: the same module, the same calls, the same results or error types.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { both, native, weft, wat } from './helpers.js';

const MOD = wat(`(module
  (import "js" "add" (func $jsadd (param i32 i32) (result i32)))
  (import "js" "pair" (func $pair (result i32 i64)))
  (import "js" "thrower" (func $thrower))
  (import "js" "ext" (func $ext (param externref) (result externref)))
  (func (export "i32") (param i32) (result i32) local.get 0)
  (func (export "i64") (param i64) (result i64) local.get 0)
  (func (export "f32") (param f32) (result f32) local.get 0)
  (func (export "f64") (param f64) (result f64) local.get 0)
  (func (export "ext") (param externref) (result externref) local.get 0)
  (func (export "fn") (param funcref) (result funcref) local.get 0)
  (func (export "multi") (param i32) (result i32 i64 f64) local.get 0 i64.const -2 f64.const 0.5)
  (func (export "none"))
  (func (export "v128") (result v128) v128.const i64x2 1 2)
  (func (export "trap") unreachable)
  (func (export "div") (param i32 i32) (result i32) local.get 0 local.get 1 i32.div_s)
  (func (export "callAdd") (param i32 i32) (result i32) local.get 0 local.get 1 call $jsadd)
  (func (export "callPair") (result i32) call $pair drop)
  (func (export "callThrower") call $thrower)
  (func (export "callExt") (param externref) (result externref) local.get 0 call $ext)
  (func $rec (export "rec") (param i32) (result i32) local.get 0 call $rec)
)`);

const imports = (W: any) => ({
  js: {
    add: (a: number, b: number) => a + b,
    pair: () => [1, 2n],
    thrower: () => { throw new RangeError('from js'); },
    ext: (x: unknown) => x,
  },
});

function inst(W: any): any {
  return new W.Instance(new W.Module(MOD), imports(W)).exports;
}

const calls: Record<string, (e: any) => unknown> = {
  'i32 wraps': e => e.i32(2 ** 32 + 3),
  'i32 from string': e => e.i32('12'),
  'i32 from object': e => e.i32({ valueOf: () => 9 }),
  'i32 from bigint': e => e.i32(1n),
  'i32 from symbol': e => e.i32(Symbol()),
  'i32 missing arg': e => e.i32(),
  'i32 NaN': e => e.i32(NaN),
  'i64 bigint': e => e.i64(-(2n ** 63n)),
  'i64 wraps': e => e.i64(2n ** 64n + 5n),
  'i64 from number': e => e.i64(1),
  'i64 from string': e => e.i64('77'),
  'i64 from bad string': e => e.i64('x'),
  'i64 from boolean': e => e.i64(true),
  'i64 missing': e => e.i64(),
  'f32 rounds': e => e.f32(0.1),
  'f32 -0': e => e.f32(-0),
  'f32 NaN': e => e.f32(NaN),
  'f64 exact': e => e.f64(Math.PI),
  'f64 from string': e => e.f64('1.5'),
  'externref identity': e => { const o = {}; return e.ext(o) === o; },
  'externref primitives': e => [e.ext(5), e.ext('s'), e.ext(undefined), e.ext(null), e.ext(1.5)],
  'funcref identity': e => e.fn(e.i32) === e.i32,
  'funcref null': e => e.fn(null),
  'funcref JS function': e => e.fn(() => 1),
  'funcref non-function': e => e.fn(1),
  'multi-value results': e => e.multi(3),
  'no results': e => e.none(),
  'v128 result': e => e.v128(),
  'trap': e => e.trap(),
  'div by zero': e => e.div(1, 0),
  'import call': e => e.callAdd(2, 3),
  'import multi-value': e => e.callPair(),
  'JS exception propagates': e => e.callThrower(),
  'externref through import': e => { const o = {}; return e.callExt(o) === o; },
  'stack overflow': e => e.rec(0),
};

for (const [name, f] of Object.entries(calls)) {
  test(`values: ${name}`, () => {
    const [n, w] = both(W => f(inst(W)));
    assert.equal(w, n);
  });
}

test('values: traps are WebAssembly.RuntimeError instances with a stack', () => {
  const e = inst(weft);
  assert.throws(() => e.trap(), (err: any) => err instanceof weft.RuntimeError && err.message === 'unreachable' && typeof err.stack === 'string');
});

test('values: a JS exception keeps its identity through wasm', () => {
  const err = new Error('x');
  for (const W of [native, weft]) {
    const m = wat('(module (import "js" "t" (func $t)) (func (export "f") call $t))');
    const e = new W.Instance(new W.Module(m), { js: { t: () => { throw err; } } }).exports as any;
    assert.throws(() => e.f(), (x: unknown) => x === err);
  }
});

test('values: wasm exceptions become WebAssembly.Exception; JS can throw them into wasm', () => {
  const m = wat(`(module
    (import "js" "throwIt" (func $throwIt))
    (tag $t (export "t") (param i32 i64))
    (func (export "throw") (param i32) local.get 0 i64.const 9 throw $t)
    (func (export "catch") (result i32)
      (block $h (result i32 i64) (try_table (catch $t $h) call $throwIt) (return (i32.const -1)))
      drop))`);
  // Node 20 predates try_table (exnref), so this one runs on weft only.
  for (const W of [weft] as any[]) {
    let tag: any;
    const e = new W.Instance(new W.Module(m), { js: { throwIt: () => { throw new W.Exception(tag, [42, 1n]); } } }).exports;
    tag = e.t;
    assert.throws(() => e.throw(7), (x: any) => x instanceof W.Exception && x.is(tag) && x.getArg(tag, 0) === 7 && x.getArg(tag, 1) === 9n);
    assert.equal(e.catch(), 42);
  }
});

test('values: JSTag catches JS exceptions in wasm (weft)', () => {
  const m = wat(`(module
    (import "js" "tag" (tag $js (param externref)))
    (import "js" "t" (func $t))
    (func (export "f") (result externref)
      (block $h (result externref) (try_table (catch $js $h) call $t) (return (ref.null extern)))))`);
  const err = new TypeError('boom');
  const e = new weft.Instance(new weft.Module(m), { js: { tag: (weft as any).JSTag, t: () => { throw err; } } }).exports as any;
  assert.equal(e.f(), err);
  // catch_all also sees it; an uncaught one leaves wasm as the original value
  const m2 = wat('(module (import "js" "t" (func $t)) (func (export "f") (result i32) (block $h (try_table (catch_all $h) call $t) (return (i32.const 0))) i32.const 1))');
  const e2 = new weft.Instance(new weft.Module(m2), { js: { t: () => { throw err; } } }).exports as any;
  assert.equal(e2.f(), 1);
});

test('values: exported functions are stable across re-exports, tables and instances', () => {
  for (const W of [native, weft] as any[]) {
    const a = new W.Instance(new W.Module(wat('(module (func $f (export "f") (result i32) i32.const 1) (table (export "t") 1 funcref) (elem (i32.const 0) $f) (export "g" (func $f)))'))).exports;
    assert.equal(a.f, a.g);
    assert.equal(a.t.get(0), a.f);
    const b = new W.Instance(new W.Module(wat('(module (import "m" "f" (func $f (result i32))) (export "h" (func $f)))')), { m: { f: a.f } }).exports;
    assert.equal(b.h, a.f);
  }
});

test('values: imported function of the wrong type is a LinkError', () => {
  const [n, w] = both((W: any) => {
    const a = new W.Instance(new W.Module(wat('(module (func (export "f") (param i64)))'))).exports;
    return new W.Instance(new W.Module(wat('(module (import "m" "f" (func (param i32))))')), { m: { f: a.f } });
  });
  assert.equal(w, n);
  assert.equal(w, 'throw:LinkError');
});

test('values: GC objects are opaque, null-prototype, and round-trip', () => {
  const m = wat(`(module (type $s (struct (field i32)))
    (func (export "make") (result anyref) (struct.new $s (i32.const 1)))
    (func (export "get") (param anyref) (result i32) (struct.get $s 0 (ref.cast (ref $s) (local.get 0))))
    (func (export "i31") (param anyref) (result i32) (i31.get_s (ref.cast i31ref (local.get 0))))
    (func (export "id") (param anyref) (result anyref) local.get 0))`);
  const e = new weft.Instance(new weft.Module(m)).exports as any;
  const s = e.make();
  assert.equal(Object.getPrototypeOf(s), null);
  assert.equal(e.get(s), 1);
  assert.equal(e.id(s), s);
  assert.equal(e.i31(5), 5);
  const o = {};
  assert.equal(e.id(o), o);
  assert.throws(() => e.get(o), weft.RuntimeError);
});

test('values: Exception traceStack option', () => {
  const W = weft as any;
  const tag = new W.Tag({ parameters: ['i32'] });
  assert.equal(typeof new W.Exception(tag, [1], { traceStack: true }).stack, 'string');
  assert.equal('stack' in new W.Exception(tag, [1]), false);
  assert.throws(() => new W.Exception(W.JSTag, [1]), TypeError);
});
