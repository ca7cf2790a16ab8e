/**
 * weft's engine options on the JS API namespace (`configure`): fuel ends endless loops, call depth
 * and memory size have configurable limits, bad options and reconfiguring mid-call are refused.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { configure, configuration, WebAssembly as W } from '../../src/api/index.js';
import { wat } from './helpers.js';

const DEFAULTS = configuration();

function exportsOf(text: string, imports: object = {}): Record<string, Function> {
  return new W.Instance(new W.Module(wat(text)), imports as WebAssembly.Imports).exports as unknown as Record<string, Function>;
}

test('fuel: an endless loop ends in a RuntimeError, and the engine keeps working', () => {
  configure({ fuel: 100_000 });
  try {
    const ex = exportsOf('(module (func (export "spin") (loop $l (br $l))) (func (export "one") (result i32) (i32.const 1)))');
    assert.throws(() => ex.spin(), (e: Error) => e instanceof W.RuntimeError && /fuel exhausted/.test(e.message));
    configure({ fuel: Infinity });
    assert.equal(ex.one(), 1);
  } finally {
    configure(DEFAULTS);
  }
});

test('maxCallDepth: recursion deeper than the limit is exhaustion, shallower is fine', () => {
  configure({ maxCallDepth: 200, tier: 'interpreter' });
  try {
    const ex = exportsOf(`(module (func $r (export "r") (param i32) (result i32)
      (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 0))
        (else (i32.add (i32.const 1) (call $r (i32.sub (local.get 0) (i32.const 1))))))))`);
    assert.equal(ex.r(150), 150);
    assert.throws(() => ex.r(300), (e: Error) => /call stack exhausted/.test(e.message));
    assert.equal(ex.r(10), 10);
  } finally {
    configure(DEFAULTS);
  }
});

test('maxMemoryBytes: a larger memory cannot be made, memory.grow stops at the limit', () => {
  configure({ maxMemoryBytes: 1 << 20 }); // 16 pages
  try {
    assert.throws(() => exportsOf('(module (memory 17))'), /exceeds the configured limit of 1 MiB/);
    assert.throws(() => new W.Memory({ initial: 17 }), RangeError);
    const ex = exportsOf('(module (memory 1) (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0))))');
    assert.equal(ex.grow(15), 1);
    assert.equal(ex.grow(1), -1);
    const m = new W.Memory({ initial: 16 });
    assert.throws(() => m.grow(1), RangeError);
  } finally {
    configure(DEFAULTS);
  }
});

test('bad options are refused; so is reconfiguring while wasm runs', () => {
  assert.throws(() => configure({ maxCallDepth: 0 }), RangeError);
  assert.throws(() => configure({ maxMemoryBytes: 1.5 }), RangeError);
  assert.throws(() => configure({ fuel: -1 }), RangeError);
  assert.throws(() => configure({ tier: 'fast' as never }), RangeError);
  let inner: unknown = null;
  const ex = exportsOf('(module (import "h" "f" (func $f)) (func (export "go") (call $f)))', {
    h: { f: () => { try { configure({ fuel: 10 }); } catch (e) { inner = e; } } },
  });
  ex.go();
  assert.ok(inner instanceof Error && /while wasm code is running/.test(inner.message));
  assert.deepEqual(configuration(), DEFAULTS);
});
