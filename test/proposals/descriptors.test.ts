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
