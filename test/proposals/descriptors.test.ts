/**
 * Custom descriptors' JS API: exported structs take their prototype from the first field of their
 * descriptor (the overview's counter example), so JS calls methods on wasm objects.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WebAssembly } from '../../src/api/index.js';
import { parseModule } from '../../src/text/parse-module.js';
import { encodeModule } from '../../src/binary/index.js';
import { features } from '../../src/features.js';

const FEATURES = features({ 'custom-descriptors': true });

const COUNTER = `(module
  (rec
    (type $counter (descriptor $vtable) (struct (field $val (mut i32))))
    (type $vtable (describes $counter) (struct (field $proto (ref extern)) (field $get (ref $get_t)) (field $inc (ref $inc_t))))
    (type $get_t (func (param (ref null $counter)) (result i32)))
    (type $inc_t (func (param (ref null $counter)))))
  (rec
    (type $plain (descriptor $mutdesc) (struct (field i32)))
    (type $mutdesc (describes $plain) (struct (field (mut externref))))
    (type $bare (struct (field i32))))
  (import "env" "counter.proto" (global $proto (ref extern)))
  (elem declare func $get $inc)
  (global $vt (ref (exact $vtable)) (struct.new $vtable (global.get $proto) (ref.func $get) (ref.func $inc)))
  (global (export "counter") (ref $counter) (struct.new_default_desc $counter (global.get $vt)))
  (func (export "make") (result (ref $counter)) (struct.new_default_desc $counter (global.get $vt)))
  (func (export "mutdesc") (result anyref)
    (struct.new_default_desc $plain (struct.new $mutdesc (global.get $proto))))
  (func (export "bare") (result anyref) (struct.new_default $bare))
  (func $get (export "counter.get") (type $get_t) (struct.get $counter $val (local.get 0)))
  (func $inc (export "counter.inc") (type $inc_t)
    (struct.set $counter $val (local.get 0) (i32.add (struct.get $counter $val (local.get 0)) (i32.const 1)))))`;

function instantiate() {
  const proto: Record<string, unknown> = {};
  const module = new WebAssembly.Module(encodeModule(parseModule(COUNTER, FEATURES)), { features: FEATURES } as never);
  const instance = new WebAssembly.Instance(module, { env: { 'counter.proto': proto } });
  const ex = instance.exports as Record<string, any>;
  proto.get = function (this: unknown) { return ex['counter.get'](this); };
  proto.inc = function (this: unknown) { ex['counter.inc'](this); };
  return { proto, ex };
}

test('JS calls methods on a wasm struct through its descriptor prototype', () => {
  const { proto, ex } = instantiate();
  const counter = ex.counter.value;
  assert.equal(Object.getPrototypeOf(counter), proto);
  assert.equal(counter.get(), 0);
  counter.inc();
  counter.inc();
  assert.equal(counter.get(), 2);
  const other = ex.make();
  assert.equal(Object.getPrototypeOf(other), proto);
  assert.equal(other.get(), 0);
  assert.equal(counter.get(), 2, 'separate objects');
});

test('objects stay opaque: no own properties, prototype cannot change', () => {
  const { ex } = instantiate();
  const counter = ex.counter.value;
  assert.deepEqual(Object.keys(counter), []);
  assert.throws(() => { counter.x = 1; }, TypeError);
  assert.equal(Reflect.setPrototypeOf(counter, {}), false);
});

test('no descriptor, or a mutable first field: null prototype', () => {
  const { ex } = instantiate();
  assert.equal(Object.getPrototypeOf(ex.bare()), null);
  assert.equal(Object.getPrototypeOf(ex.mutdesc()), null);
});

const CONFIGURED = `(module
  (rec
    (type $counter (descriptor $vt) (struct (field $val (mut i32))))
    (type $vt (describes $counter) (struct (field (ref extern)))))
  (type $protos (array (mut externref)))
  (type $funcs (array (mut funcref)))
  (type $data (array (mut i8)))
  (import "wasm:js-prototypes" "configureAll"
    (func $configureAll (param (ref null $protos) (ref null $funcs) (ref null $data) externref)))
  (import "env" "proto" (global $proto (ref extern)))
  (import "env" "base" (global $base (ref extern)))
  (import "env" "ctors" (global $ctors externref))
  ;; Counter: constructor with static zero(); methods inc() and getter value; parent prototype 1.
  ;; Base: no constructor, no methods, no parent.
  (data $cfg "\\02" "\\01\\07Counter\\01\\00\\04zero" "\\02\\00\\03inc\\01\\05value" "\\01" "\\00\\00\\7f")
  (elem declare func $make $zero $inc $get)
  (global $vtg (ref (exact $vt)) (struct.new $vt (global.get $proto)))
  (func $make (param i32) (result (ref $counter)) (struct.new_desc $counter (local.get 0) (global.get $vtg)))
  (func $zero (result (ref $counter)) (call $make (i32.const 0)))
  (func $inc (param (ref null $counter))
    (struct.set $counter $val (local.get 0) (i32.add (struct.get $counter $val (local.get 0)) (i32.const 1))))
  (func $get (param (ref null $counter)) (result i32) (struct.get $counter $val (local.get 0)))
  (func $start
    (call $configureAll
      (array.new_fixed $protos 2 (global.get $proto) (global.get $base))
      (array.new_fixed $funcs 4 (ref.func $make) (ref.func $zero) (ref.func $inc) (ref.func $get))
      (array.new_data $data $cfg (i32.const 0) (i32.const 34))
      (global.get $ctors)))
  (start $start))`;

test('wasm:js-prototypes configureAll: constructors, static methods, methods, getters, parents', async () => {
  const { jsPrototypesImports } = await import('../../src/api/descriptors-config.js');
  const proto = {}, base = {}, ctors: Record<string, any> = {};
  const module = new WebAssembly.Module(encodeModule(parseModule(CONFIGURED, FEATURES)), { features: FEATURES } as never);
  new WebAssembly.Instance(module, { env: { proto, base, ctors }, ...jsPrototypesImports() });
  const Counter = ctors.Counter;
  assert.equal(typeof Counter, 'function');
  assert.equal((proto as any).constructor, Counter);
  assert.equal(Object.getPrototypeOf(proto), base);
  const c = new Counter(5);
  assert.equal(Object.getPrototypeOf(c), proto);
  assert.equal(c.value, 5);
  c.inc();
  assert.equal(c.value, 6);
  assert.equal(Counter(2).value, 2, 'callable without new');
  assert.equal(Counter.zero().value, 0, 'static method');
  assert.ok(c instanceof Counter);
});
