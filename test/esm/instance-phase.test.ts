/**
 * `node --import weft/esm/register`: static and dynamic imports of .wasm files, run in child
 * processes on fixtures written to a temp dir.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fixture, run, REPORT_ERROR } from './fixtures.js';

const FIB = `(module
  (import "./util.js" "log" (func $log (param i32)))
  (import "./util.js" "started" (func $started))
  (import "./util.js" "base" (global $base i32))
  (global $count (export "count") (mut i32) (i32.const 0))
  (global (export "answer") i32 (i32.const 42))
  (global (export "big") i64 (i64.const -5))
  (memory (export "mem") 2)
  (table (export "tab") 3 funcref)
  (start $started)
  (func $fib (export "fib") (param i32) (result i32)
    (global.set $count (i32.add (global.get $count) (i32.const 1)))
    (if (result i32) (i32.lt_s (local.get 0) (i32.const 2))
      (then (i32.add (local.get 0) (global.get $base)))
      (else (i32.add (call $fib (i32.sub (local.get 0) (i32.const 1)))
                     (call $fib (i32.sub (local.get 0) (i32.const 2)))))))
  (func (export "default") (result i32) (call $log (i32.const 7)) (i32.const 1))
  (func (export "a-b") (result i32) (i32.const 5))
  ;; wide arithmetic: a proposal Node 20's own engine cannot compile
  (func (export "add128") (param i64 i64 i64 i64) (result i64 i64)
    local.get 0 local.get 1 local.get 2 local.get 3 i64.add128))`;

const UTIL = `export const logged = [];
export function log(x) { logged.push(x); }
export let starts = 0;
export function started() { starts++; }
export const base = 0;
`;

test('exports, JS imports, one instance per module, runs on weft', async () => {
  const dir = fixture({
    'fib.wat': FIB,
    'util.js': UTIL,
    'other.js': `export { fib as viaOther } from './fib.wasm';\n`,
    'main.mjs': `
import d, { fib, count, answer, big, mem, tab, add128, "a-b" as ab } from './fib.wasm';
import * as again from './fib.wasm';
import { viaOther } from './other.js';
import { starts, logged } from './util.js';
import { readFileSync } from 'node:fs';
import { namespaceInstance } from '{esm}index.js';
import { WebAssembly as W, Instance } from '{esm}../index.js';
const before = count;
const r = fib(10);
const dyn = await import('./fib.wasm');
const inst = namespaceInstance(dyn);
console.log(JSON.stringify({
  fib: r, countBefore: before, countAfter: count, dynCount: dyn.count, answer, big: String(big),
  memPages: mem.buffer.byteLength / 65536, tabLen: tab.length, ab: ab(), d: d(), logged, starts,
  sameNs: dyn === again, sameFib: viaOther === fib, names: Object.keys(dyn), defaultIsD: dyn.default === d,
  add128: add128(-1n, 0n, 1n, 0n).map(String),
  onWeft: inst instanceof W.Instance && typeof Instance.instOf(inst) === 'object' && mem instanceof W.Memory && tab instanceof W.Table,
  nativeCompiles: globalThis.WebAssembly.validate(readFileSync(new URL('./fib.wasm', import.meta.url))),
}));`,
  });
  const r = await run(dir, 'main.mjs');
  assert.equal(r.code, 0, r.stderr);
  const o = r.lines[0] as Record<string, unknown>;
  assert.equal(o.fib, 55);
  assert.equal(o.countBefore, 0);
  assert.equal(o.countAfter, 177, 'mutable global export is a live binding');
  assert.equal(o.dynCount, 177);
  assert.equal(o.answer, 42);
  assert.equal(o.big, '-5');
  assert.equal(o.memPages, 2);
  assert.equal(o.tabLen, 3);
  assert.equal(o.ab, 5);
  assert.equal(o.d, 1);
  assert.deepEqual(o.logged, [7]);
  assert.equal(o.starts, 1, 'instantiated once although imported three ways');
  assert.equal(o.sameNs, true);
  assert.equal(o.sameFib, true);
  assert.equal(o.defaultIsD, true);
  assert.deepEqual(o.names, ['a-b', 'add128', 'answer', 'big', 'count', 'd'.length ? 'default' : '', 'fib', 'mem', 'tab'].sort());
  assert.deepEqual(o.add128, ['0', '1']);
  assert.equal(o.onWeft, true);
  assert.equal(o.nativeCompiles, false, "Node's own engine rejects the module, so weft ran it");
});

test('wasm-to-wasm imports: functions, shared mutable global, memory, table, i64 global', async () => {
  const dir = fixture({
    'b.wat': `(module
      (global (export "counter") (mut i32) (i32.const 0))
      (global (export "k") i64 (i64.const 5))
      (memory (export "mem") 1)
      (table (export "tab") 2 funcref)
      (func $twice (export "twice") (param i32) (result i32) (i32.mul (local.get 0) (i32.const 2)))
      (elem (i32.const 0) $twice))`,
    'a.wat': `(module
      (import "./b.wasm" "twice" (func $twice (param i32) (result i32)))
      (import "./b.wasm" "counter" (global $c (mut i32)))
      (import "./b.wasm" "k" (global $k i64))
      (import "./b.wasm" "mem" (memory 1))
      (import "./b.wasm" "tab" (table 2 funcref))
      (type $t (func (param i32) (result i32)))
      (export "twiceAgain" (func $twice))
      (func (export "bump") (global.set $c (i32.add (global.get $c) (i32.const 1))))
      (func (export "viaTable") (param i32) (result i32) (call_indirect (type $t) (local.get 0) (i32.const 0)))
      (func (export "load") (param i32) (result i32) (i32.load (local.get 0)))
      (func (export "getK") (result i64) (global.get $k)))`,
    'main.mjs': `
import { bump, viaTable, load, getK } from './a.wasm';
import { counter, mem, k } from './b.wasm';
import { namespaceInstance } from '{esm}index.js';
const a = namespaceInstance(await import('./a.wasm')), b = namespaceInstance(await import('./b.wasm'));
const before = counter;
bump(); bump();
new Int32Array(mem.buffer)[4] = 1234;
console.log(JSON.stringify({
  before, after: counter, viaTable: viaTable(21), load: load(16), k: String(k), getK: String(getK()),
  sameFunc: a.exports.twiceAgain === b.exports.twice,
  sameGlobal: b.exports.counter.value,
}));`,
  });
  const r = await run(dir, 'main.mjs');
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(r.lines[0], {
    before: 0, after: 2, viaTable: 42, load: 1234, k: '5', getK: '5', sameFunc: true, sameGlobal: 2,
  });
});

test('live bindings are current when wasm calls back into JS', async () => {
  const dir = fixture({
    'peek.js': `import * as ns from './live.wasm';\nexport function peek() { return ns.g; }\n`,
    'live.wat': `(module
      (import "./peek.js" "peek" (func $peek (result i32)))
      (global $g (export "g") (mut i32) (i32.const 1))
      (func (export "setAndPeek") (param i32) (result i32) (global.set $g (local.get 0)) (call $peek)))`,
    'main.mjs': `import { setAndPeek, g } from './live.wasm';\nconst seen = setAndPeek(77);\nconsole.log(JSON.stringify({ seen, g }));\n`,
  });
  const r = await run(dir, 'main.mjs');
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(r.lines[0], { seen: 77, g: 77 });
});

test('global imports from JS: conversions, Global objects, and the link errors', async () => {
  const dir = fixture({
    'vals.js': `import { WebAssembly } from '{esm}../index.js';
export const str = '7', big = 5n, num = 3;
export const mg = new WebAssembly.Global({ value: 'i32', mutable: true }, 10);
export const f64 = new WebAssembly.Global({ value: 'f64' }, 2.5);`,
    'good.wat': `(module
      (import "./vals.js" "str" (global $s i32))
      (import "./vals.js" "big" (global $b i64))
      (import "./vals.js" "mg" (global $m (mut i32)))
      (import "./vals.js" "f64" (global $f f64))
      (func (export "s") (result i32) (global.get $s))
      (func (export "b") (result i64) (global.get $b))
      (func (export "f") (result f64) (global.get $f))
      (func (export "incM") (global.set $m (i32.add (global.get $m) (i32.const 1)))))`,
    'mut.wat': `(module (import "./vals.js" "num" (global (mut i32))))`,
    'i64num.wat': `(module (import "./vals.js" "num" (global i64)))`,
    'missing.wat': `(module (import "./vals.js" "nope" (func)))`,
    'notfunc.wat': `(module (import "./vals.js" "num" (func)))`,
    'reserved.wat': `(module (import "wasm-js:x" "f" (func)))`,
    'main.mjs': `${REPORT_ERROR}
import { s, b, f, incM } from './good.wasm';
import { mg } from './vals.js';
incM(); incM();
console.log(JSON.stringify({ s: s(), b: String(b()), f: f(), mg: mg.value }));
for (const name of ['mut', 'i64num', 'missing', 'notfunc', 'reserved']) {
  try { await import('./' + name + '.wasm'); console.log(JSON.stringify({ name, ok: true })); }
  catch (e) { report(e, { name }); }
}`,
  });
  const r = await run(dir, 'main.mjs');
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(r.lines[0], { s: 7, b: '5', f: 2.5, mg: 12 });
  const byName = Object.fromEntries((r.lines.slice(1) as { name: string }[]).map(l => [l.name, l])) as Record<string, Record<string, string>>;
  assert.equal(byName.mut.error, 'LinkError');
  assert.equal(byName.mut.ctor, 'LinkError');
  assert.equal(byName.i64num.error, 'TypeError', 'ToWebAssemblyValue: a Number for i64');
  assert.equal(byName.missing.error, 'LinkError');
  assert.match(byName.missing.message, /"\.\/vals\.js".*"nope"|"nope".*"\.\/vals\.js"/);
  assert.equal(byName.notfunc.error, 'LinkError');
  assert.equal(byName.reserved.error, 'LinkError');
  assert.match(byName.reserved.message, /wasm-js:/);
});

test('cycles: wasm<->wasm is a LinkError, a JS binding read too early a ReferenceError; a hoisted function is fine', async () => {
  const dir = fixture({
    'ca.wat': `(module (import "./cb.wasm" "g" (func)) (func (export "f")))`,
    'cb.wat': `(module (import "./ca.wasm" "f" (func)) (func (export "g")))`,
    'cw.wat': `(module (import "./cj.js" "h" (func (result i32))) (func (export "f") (result i32) (i32.const 1)))`,
    'cj.js': `import { f } from './cw.wasm';\nexport function h() { return 1; }\nexport const early = f;\n`,
    'cw2.wat': `(module (import "./cj2.js" "h" (func $h (result i32))) (func (export "f") (result i32) (i32.add (call $h) (i32.const 2))))`,
    'cj2.js': `import { f } from './cw2.wasm';\nexport function h() { return 40; }\nexport function callF() { return f(); }\n`,
    'main.mjs': `${REPORT_ERROR}
for (const name of ['./ca.wasm', './cw.wasm']) {
  try { await import(name); console.log(JSON.stringify({ name, ok: true })); } catch (e) { report(e, { name }); }
}
const { callF } = await import('./cj2.js');
console.log(JSON.stringify({ callF: callF() }));`,
  });
  const r = await run(dir, 'main.mjs');
  assert.equal(r.code, 0, r.stderr);
  const [ab, jw, ok] = r.lines as Record<string, unknown>[];
  assert.equal(ab.error, 'LinkError');
  assert.match(String(ab.message), /cycle/);
  assert.equal(jw.error, 'ReferenceError');
  assert.deepEqual(ok, { callF: 42 });
});

test('compile errors fail the import before anything runs, with the byte offset', async () => {
  const dir = fixture({
    'bad.wat': `(module (func (result i32)))`,
    'side.js': `console.log('side effect ran');\n`,
    'static.mjs': `import './side.js';\nimport x from './bad.wasm';\n`,
    'dynamic.mjs': `${REPORT_ERROR}\ntry { await import('./bad.wasm'); } catch (e) { report(e); }\n`,
  });
  const s = await run(dir, 'static.mjs');
  assert.notEqual(s.code, 0);
  assert.doesNotMatch(s.stdout, /side effect ran/);
  assert.match(s.stderr, /CompileError/);
  assert.match(s.stderr, /bad\.wasm: .* at 0x[0-9a-f]+/);
  const d = await run(dir, 'dynamic.mjs');
  assert.equal(d.code, 0, d.stderr);
  const e = d.lines[0] as Record<string, unknown>;
  assert.equal(e.error, 'CompileError');
  assert.equal(typeof e.offset, 'number');
  assert.ok((e.offset as number) > 8);
});

test('bare package imports, wasm bytes under another extension', async () => {
  const dir = fixture({
    'node_modules/helper-pkg/package.json': JSON.stringify({ name: 'helper-pkg', type: 'module', exports: './index.js' }),
    'node_modules/helper-pkg/index.js': `export const seven = () => 7;\n`,
    'uses-pkg.wat': `(module (import "helper-pkg" "seven" (func $s (result i32))) (func (export "eight") (result i32) (i32.add (call $s) (i32.const 1))))`,
    'plain.bin': (await import('./fixtures.js')).wasm(`(module (func (export "one") (result i32) (i32.const 1)))`),
    'main.mjs': `import { eight } from './uses-pkg.wasm';\nimport { one } from './plain.bin';\nconsole.log(JSON.stringify({ eight: eight(), one: one() }));\n`,
  });
  const r = await run(dir, 'main.mjs');
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(r.lines[0], { eight: 8, one: 1 });
});

test('JS String Builtins: wasm:js-string imports are the engine\'s, not module requests', async t => {
  const { WebAssembly: W } = await import('../../src/index.js');
  const { wasm } = await import('./fixtures.js');
  const text = `(module
    (import "wasm:js-string" "length" (func $len (param externref) (result i32)))
    (func (export "len") (param externref) (result i32) (call $len (local.get 0))))`;
  const m = new W.Module(wasm(text) as Uint8Array<ArrayBuffer>, { builtins: ['js-string'] } as never);
  if (W.Module.imports(m).length !== 0) {
    t.skip('this build of the JS API does not implement JS String Builtins yet');
    return;
  }
  const dir = fixture({
    'str.wat': text,
    'main.mjs': `import { len } from './str.wasm';\nconsole.log(JSON.stringify({ len: len('hello') }));\n`,
  });
  const r = await run(dir, 'main.mjs');
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(r.lines[0], { len: 5 });
});
