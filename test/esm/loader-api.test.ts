/**
 * The host-neutral API of weft/esm (the browser path): importWasm, importSource, namespaceInstance
 * and the %AbstractModuleSource% link, run in child processes WITHOUT the module hooks (so
 * nothing but the loader itself can load a .wasm file).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fixture, run, REPORT_ERROR } from './fixtures.js';

const PRELUDE = `${REPORT_ERROR}
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { importWasm, importSource, namespaceInstance, setByteReader } from '{esm}index.js';
import { WebAssembly as W } from '{esm}../index.js';
// What a browser's fetch does for http(s); Node's fetch has no file: URLs.
setByteReader('file:', url => readFile(fileURLToPath(url)));
`;

test('importWasm: exports, JS and wasm imports, live getters, one load per URL, errors', async () => {
  const dir = fixture({
    'util.js': `export const add = (a, b) => a + b;\nexport const base = 100;\n`,
    'lib.wat': `(module (global (export "shared") (mut i32) (i32.const 1)) (func (export "neg") (param i32) (result i32) (i32.sub (i32.const 0) (local.get 0))))`,
    'app.wat': `(module
      (import "./util.js" "add" (func $add (param i32 i32) (result i32)))
      (import "./util.js" "base" (global $base i32))
      (import "./lib.wasm" "neg" (func $neg (param i32) (result i32)))
      (import "./lib.wasm" "shared" (global $sh (mut i32)))
      (global $n (export "n") (mut i32) (i32.const 0))
      (global (export "v") v128 (v128.const i32x4 1 2 3 4))
      (func (export "run") (param i32) (result i32)
        (global.set $n (i32.add (global.get $n) (i32.const 1)))
        (global.set $sh (i32.const 99))
        (call $neg (call $add (local.get 0) (global.get $base))))
      (func (export "default") (result i32) (i32.const 3)))`,
    'ca.wat': `(module (import "./cb.wasm" "g" (func)) (func (export "f")))`,
    'cb.wat': `(module (import "./ca.wasm" "f" (func)) (func (export "g")))`,
    'missing.wat': `(module (import "./util.js" "nope" (func)))`,
    'bad.wat': `(module (func (result i32)))`,
    'main.mjs': `${PRELUDE}
const ns = await importWasm('./app.wasm', import.meta.url);
const lib = await importWasm(new URL('./lib.wasm', import.meta.url));
const before = ns.n;
const r = ns.run(5);
let vErr, setErr;
try { ns.v; } catch (e) { vErr = e.name; }
try { ns.run = 1; } catch (e) { setErr = e.name; }
console.log(JSON.stringify({
  r, before, after: ns.n, shared: lib.shared, d: ns.default(), vErr, setErr,
  tag: Object.prototype.toString.call(ns), proto: Object.getPrototypeOf(ns), extensible: Object.isExtensible(ns),
  names: Object.keys(ns), same: ns === await importWasm('./app.wasm', import.meta.url),
  identity: namespaceInstance(ns).exports.run === ns.run, isWeft: namespaceInstance(ns) instanceof W.Instance,
}));
for (const name of ['./ca.wasm', './missing.wasm', './bad.wasm']) {
  try { await importWasm(name, import.meta.url); console.log(JSON.stringify({ name, ok: true })); }
  catch (e) { report(e, { name, weftClass: e instanceof W.LinkError || e instanceof W.CompileError }); }
}`,
  });
  const r = await run(dir, 'main.mjs', { hooks: false });
  assert.equal(r.code, 0, r.stderr);
  const [o, cyc, miss, bad] = r.lines as Record<string, unknown>[];
  assert.deepEqual(o, {
    r: -105, before: 0, after: 1, shared: 99, d: 3, vErr: 'ReferenceError', setErr: 'TypeError', tag: '[object Module]', proto: null,
    extensible: false, names: ['default', 'n', 'run', 'v'], same: true, identity: true, isWeft: true,
  });
  assert.equal(cyc.error, 'LinkError');
  assert.equal(miss.error, 'LinkError');
  assert.equal(miss.weftClass, true);
  assert.match(String(miss.message), /nope/);
  assert.equal(bad.error, 'CompileError');
  assert.equal(bad.weftClass, true);
  assert.equal(typeof bad.offset, 'number');
});

test('importSource: a weft Module, one per URL, instantiable with custom imports', async () => {
  const dir = fixture({
    'k.wat': `(module (import "env" "k" (global $k i32)) (func (export "get") (result i32) (global.get $k)))`,
    'main.mjs': `${PRELUDE}
const m = await importSource('./k.wasm', import.meta.url);
const again = await importSource(new URL('./k.wasm', import.meta.url));
const i1 = new W.Instance(m, { env: { k: 1 } }), i2 = await W.instantiate(m, { env: { k: 2 } });
console.log(JSON.stringify({
  isModule: m instanceof W.Module, same: m === again, valid: typeof W.Module.validOf(m) === 'object',
  k: [i1.exports.get(), i2.exports.get()], imports: W.Module.imports(m),
}));
try { await importSource('./nothing-here.wasm', import.meta.url); } catch (e) { report(e); }`,
  });
  const r = await run(dir, 'main.mjs', { hooks: false });
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(r.lines[0], {
    isModule: true, same: true, valid: true, k: [1, 2], imports: [{ module: 'env', name: 'k', kind: 'global' }],
  });
  assert.equal((r.lines[1] as { error: string }).error, 'Error'); // ENOENT from the reader
});

test('AbstractModuleSource: linked when the host has it, left alone when not', async () => {
  const dir = fixture({
    'fake.mjs': `
globalThis.AbstractModuleSource = class AbstractModuleSource {};
const { WebAssembly: W } = await import('{esm}../index.js');
await import('{esm}index.js');
const AMS = globalThis.AbstractModuleSource;
const m = new W.Module(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]));
console.log(JSON.stringify({
  proto: Object.getPrototypeOf(W.Module.prototype) === AMS.prototype, ctor: Object.getPrototypeOf(W.Module) === AMS,
  inst: m instanceof AMS, tag: Object.prototype.toString.call(m),
}));`,
    'real.mjs': `
const native = globalThis.WebAssembly;
const { WebAssembly: W } = await import('{esm}../index.js');
const { hostAbstractModuleSource } = await import('{esm}index.js');
const ams = hostAbstractModuleSource();
console.log(JSON.stringify({
  hostHasIt: !!ams, nativeParent: Object.getPrototypeOf(native.Module) !== Function.prototype,
  linked: ams ? Object.getPrototypeOf(W.Module.prototype) === ams.prototype : Object.getPrototypeOf(W.Module.prototype) === Object.prototype,
}));`,
  });
  const fake = await run(dir, 'fake.mjs', { hooks: false });
  assert.equal(fake.code, 0, fake.stderr);
  assert.deepEqual(fake.lines[0], { proto: true, ctor: true, inst: true, tag: '[object WebAssembly.Module]' });
  const real = await run(dir, 'real.mjs', { hooks: false });
  assert.equal(real.code, 0, real.stderr);
  const o = real.lines[0] as { hostHasIt: boolean; nativeParent: boolean; linked: boolean };
  assert.equal(o.hostHasIt, o.nativeParent, 'found exactly when the host Module has a parent constructor');
  assert.equal(o.linked, true);
});
