/** Tier-up policy, traps with wasm stack traces, stack exhaustion and recovery, hints, stats. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Store, invoke } from '../../src/runtime/index.js';
import { RuntimeError } from '../../src/errors.js';
import { parseModule } from '../../src/text/parse-module.js';
import { encodeModule } from '../../src/binary/encode.js';
import { ALL_FEATURES } from '../../src/features.js';
import { load, loadBinary, exportedFunc } from '../exec/helpers.js';
import { RT } from '../../src/jit/runtime.js';
import { trapOf } from './helpers.js';

const counter = `(module (global $n (mut i32) (i32.const 0))
  (func $inc (export "inc") (result i32) global.get $n i32.const 1 i32.add global.set $n global.get $n)
  (func (export "loop") (param i32) (loop $l local.get 0 i32.const 1 i32.sub local.tee 0 br_if $l)))`;

test("tier 'auto' compiles after the threshold of calls", () => {
  const s = new Store({ tier: 'auto', tierUpThreshold: 5 });
  const inst = load(s, counter);
  const inc = exportedFunc(inst, 'inc');
  for (let k = 1; k <= 5; k++) {
    assert.deepEqual(invoke(s, inc, []), [k]);
    assert.equal(inc.jit, null, `not compiled after ${k} calls`);
  }
  invoke(s, inc, []);
  invoke(s, inc, []);
  assert.notEqual(inc.jit, null, 'compiled');
  assert.deepEqual(invoke(s, inc, []), [8], 'state carried over to the compiled code');
});

test("tier 'auto' counts loop back-edges", () => {
  const s = new Store({ tier: 'auto', tierUpThreshold: 100 });
  const inst = load(s, counter);
  const f = exportedFunc(inst, 'loop');
  invoke(s, f, [1000]);
  assert.notEqual(f.jit, null, 'compiled during the call (and the call went on there: OSR, see osr.test.ts)');
});

test("tier 'interpreter' never compiles, 'compiled' compiles at the first call", () => {
  const s1 = new Store({ tier: 'interpreter' });
  const f1 = exportedFunc(load(s1, counter), 'inc');
  for (let k = 0; k < 3000; k++) invoke(s1, f1, []);
  assert.equal(f1.jit, null);
  const s2 = new Store({ tier: 'compiled' });
  const f2 = exportedFunc(load(s2, counter), 'inc');
  invoke(s2, f2, []);
  assert.notEqual(f2.jit, null);
  const st = s2.stats();
  assert.ok(st.compiled >= 1 && st.sourceChars > 0 && st.compileMs >= 0);
});

test('compilation hints: functions hinted hot compile at the first call, run-once ones never', () => {
  const m = parseModule(`(module (func (export "a") (result i32) i32.const 1) (func (export "b") (result i32) i32.const 2)
    (func (export "c") (result i32) i32.const 3))`, ALL_FEATURES);
  // metadata.code.compilation_priority: 2 functions; func 0: priority 0, optimization 1; func 2: run once (127).
  const data = Uint8Array.from([2, 0, 1, 0, 2, 0, 1, 2, 1, 0, 2, 0, 127]);
  const bytes = encodeModule({ ...m, customs: [{ name: 'metadata.code.compilation_priority', data, after: 10, offset: -1 }] });
  const s = new Store({ tier: 'auto', tierUpThreshold: 2 });
  const inst = loadBinary(s, bytes);
  for (const n of ['a', 'b', 'c']) invoke(s, exportedFunc(inst, n), []);
  assert.notEqual(exportedFunc(inst, 'a').jit, null);
  assert.equal(exportedFunc(inst, 'b').jit, null);
  for (let k = 0; k < 5; k++) for (const n of ['b', 'c']) invoke(s, exportedFunc(inst, n), []);
  assert.notEqual(exportedFunc(inst, 'b').jit, null, 'unhinted: after the threshold');
  assert.equal(exportedFunc(inst, 'c').jit, null, 'run once: never');
});

const traps = `(module (memory 1)
  (func $leaf (param i32) (result i32) local.get 0 i32.const 0 i32.div_s)
  (func $mid (param i32) (result i32) i32.const 1 drop local.get 0 call $leaf)
  (func (export "div") (param i32) (result i32) local.get 0 call $mid)
  (func (export "oob") (param i32) (result i32) local.get 0 i32.load offset=8)
  (func (export "unreach") unreachable))`;

test('traps carry the same kind and wasm stack (with byte offsets) as in the interpreter', () => {
  const bin = encodeModule(parseModule(traps, ALL_FEATURES));
  const si = new Store({ tier: 'interpreter' }), sc = new Store({ tier: 'compiled' });
  const ii = loadBinary(si, bin), ic = loadBinary(sc, bin);
  for (const [name, args] of [['div', [5]], ['oob', [65530]], ['unreach', []]] as const) {
    const a = trapOf(si, ii, name, [...args]), b = trapOf(sc, ic, name, [...args]);
    assert.equal(b.kind, a.kind, name);
    assert.deepEqual(b.wasmStack, a.wasmStack, `${name} stack`);
    assert.ok(b.wasmStack.every(f => f.offset > 0), 'offsets known');
  }
  assert.notEqual(exportedFunc(ic, 'div').jit, null);
});

test('stack exhaustion in compiled code, then the engine keeps working', () => {
  const wat = `(module (func $r (export "r") (param i32) (result i32) local.get 0 i32.const 1 i32.add call $r)
    (func (export "sum") (param i32) (result i32) local.get 0 i32.eqz if (result i32) i32.const 0 else
      local.get 0 local.get 0 i32.const 1 i32.sub call 1 i32.add end))`;
  const s = new Store({ tier: 'compiled' });
  const inst = load(s, wat);
  for (let k = 0; k < 3; k++) {
    assert.throws(() => invoke(s, exportedFunc(inst, 'r'), [0]), (e: unknown) => e instanceof RuntimeError && e.kind === 'exhaustion');
    assert.equal(RT.depth, 0, 'depth counter restored');
    // Deeper than the compiled tier's own limit: the rest runs in the interpreter.
    assert.deepEqual(invoke(s, exportedFunc(inst, 'sum'), [5000]), [12502500]);
  }
});
