/**
 * One JS object per runtime object (webidl.ts WrapperCache), checked on weft and native alike:
 * exports read twice, re-exported imports, exceptions caught twice, and the brand checks that keep
 * adopted wrappers and JS-made objects indistinguishable.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { native, wat, weft } from './helpers.js';

const bytes = wat(`(module
  (import "m" "mem" (memory 1))
  (import "m" "tag" (tag $t (param i32)))
  (table (export "tab") 2 funcref)
  (global (export "g") (mut i32) (i32.const 7))
  (tag (export "own") (param i32))
  (export "mem" (memory 0))
  (export "tag" (tag $t))
  (func (export "throw") (param i32) (local.get 0) (throw $t)))`);

// The WebAssembly typings of @types/node 20 lack Tag and Exception.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const engines: [string, any][] = [['weft', weft], ['native', native]];
for (const [name, W] of engines) {
  test(`${name}: exports are the same object every time, and imports come back as themselves`, () => {
    const mem = new W.Memory({ initial: 1 });
    const tag = new W.Tag({ parameters: ['i32'] });
    const m = new W.Module(bytes);
    const a = new W.Instance(m, { m: { mem, tag } }).exports as Record<string, unknown>;
    assert.equal(a.mem, mem);
    assert.equal(a.tag, tag);
    assert.equal(a.tab, a.tab);
    assert.equal(a.g, a.g);
    assert.equal(a.own, a.own);
    assert.ok(a.tab instanceof W.Table && a.g instanceof W.Global && a.own instanceof W.Tag);
    // A second instance re-exporting the first one's exports hands back the same objects.
    const b = new W.Instance(m, { m: { mem: a.mem, tag: a.own } }).exports as Record<string, unknown>;
    assert.equal(b.mem, mem);
    assert.equal(b.tag, a.own);
  });

  test(`${name}: a wasm exception reaches JS as a WebAssembly.Exception with its tag`, () => {
    const mem = new W.Memory({ initial: 1 });
    const tag = new W.Tag({ parameters: ['i32'] });
    const ex = new W.Instance(new W.Module(bytes), { m: { mem, tag } }).exports as Record<string, (x: number) => void>;
    let caught: any; // eslint-disable-line @typescript-eslint/no-explicit-any
    try { ex.throw(42); } catch (e) { caught = e; }
    assert.ok(caught instanceof W.Exception);
    assert.ok(caught.is(tag));
    assert.equal(caught.getArg(tag, 0), 42);
  });

  test(`${name}: adopted wrappers pass the same brand checks as JS-made ones`, () => {
    const ex = new W.Instance(new W.Module(bytes), { m: { mem: new W.Memory({ initial: 1 }), tag: new W.Tag({ parameters: ['i32'] }) } }).exports as Record<string, unknown>;
    const getLength = Object.getOwnPropertyDescriptor(W.Table.prototype, 'length')!.get!;
    assert.equal(getLength.call(ex.tab), 2);
    assert.throws(() => getLength.call(Object.create(W.Table.prototype)), TypeError);
    assert.equal(W.Global.prototype.valueOf.call(ex.g), 7);
    assert.throws(() => W.Global.prototype.valueOf.call(Object.create(W.Global.prototype)), TypeError);
    assert.throws(() => W.Memory.prototype.grow.call(Object.create(W.Memory.prototype), 0), TypeError);
    assert.throws(() => W.Exception.prototype.is.call({}, new W.Tag({ parameters: [] })), TypeError);
  });
}
