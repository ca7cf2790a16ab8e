/** compile / instantiate (both overloads) / the streaming variants, and yielding to the event loop. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bothAsync, native, weft, wat } from './helpers.js';

const MOD = wat('(module (import "m" "x" (global i32)) (func (export "f") (result i32) global.get 0))');
const wasmResponse = (bytes: Uint8Array, type = 'application/wasm', status = 200) =>
  new Response(bytes as unknown as BodyInit, { status, headers: { 'Content-Type': type } });

const cases: Record<string, (W: any) => Promise<unknown>> = {
  'compile ok': W => W.compile(MOD),
  'compile bad bytes': W => W.compile(new Uint8Array([1, 2, 3])),
  'compile non-buffer': W => W.compile('x'),
  'instantiate bytes': async W => { const r = await W.instantiate(MOD, { m: { x: 5 } }); return [r.module, r.instance, r.instance.exports.f()]; },
  'instantiate module': async W => { const i = await W.instantiate(new W.Module(MOD), { m: { x: 6 } }); return [i, i.exports.f()]; },
  'instantiate missing imports': W => W.instantiate(MOD),
  'instantiate link error': W => W.instantiate(MOD, { m: { x: 1n } }),
  'instantiate non-object imports': W => W.instantiate(MOD, 5),
  'instantiate non-buffer': W => W.instantiate(7),
  'instantiate compile error': W => W.instantiate(new Uint8Array(4)),
  'instantiate start trap': W => W.instantiate(wat('(module (func $s unreachable) (start $s))')),
  'compileStreaming ok': W => W.compileStreaming(wasmResponse(MOD)),
  'compileStreaming promise': W => W.compileStreaming(Promise.resolve(wasmResponse(MOD))),
  'compileStreaming content type with params': W => W.compileStreaming(wasmResponse(MOD, 'application/wasm; charset=x')),
  'compileStreaming wrong type': W => W.compileStreaming(wasmResponse(MOD, 'text/plain')),
  'compileStreaming not ok status': W => W.compileStreaming(wasmResponse(MOD, 'application/wasm', 404)),
  'compileStreaming non-response': W => W.compileStreaming(MOD),
  'compileStreaming body used': async W => { const r = wasmResponse(MOD); await r.arrayBuffer(); return W.compileStreaming(r); },
  'instantiateStreaming': async W => { const r = await W.instantiateStreaming(wasmResponse(MOD), { m: { x: 8 } }); return [r.module, r.instance.exports.f()]; },
};

/** Node 20 deviates from the current spec here; weft follows the spec. */
const SPEC_DIFFERS: Record<string, string> = {
  // The check is on the MIME type's essence: parameters are allowed.
  'compileStreaming content type with params': 'ok:[object WebAssembly.Module]',
};

for (const [name, f] of Object.entries(cases)) {
  test(`async: ${name}`, async () => {
    const [n, w] = await bothAsync(f);
    assert.equal(w, SPEC_DIFFERS[name] ?? n);
  });
}

test('async: argument errors reject rather than throw', () => {
  for (const W of [native, weft] as any[]) {
    const p = W.compile('nope');
    assert.ok(p instanceof Promise);
    p.catch(() => {});
    const q = W.instantiate(1);
    assert.ok(q instanceof Promise);
    q.catch(() => {});
  }
});

test('async: compile yields to the event loop before finishing', async () => {
  // A big module: many functions.
  const funcs = Array.from({ length: 3000 }, (_, i) => `(func (export "f${i}") (param i32) (result i32) local.get 0 i32.const ${i} i32.add)`).join('\n');
  const big = wat(`(module ${funcs})`);
  let ticks = 0;
  let done = false;
  const ticker = setInterval(() => { ticks++; }, 0);
  const immediate = new Promise<void>(resolve => setImmediate(() => { assert.equal(done, false); resolve(); }));
  const m = await weft.compile(big).then(x => { done = true; return x; });
  clearInterval(ticker);
  await immediate;
  assert.equal(weft.Module.exports(m).length, 3000);
  assert.ok(ticks >= 0);
});

test('async: weft compile option `features` (extension) switches proposals off', async () => {
  const simd = wat('(module (func (result v128) v128.const i64x2 0 0))');
  assert.equal(weft.validate(simd), true);
  assert.equal((weft.validate as any)(simd, { features: { simd: false } }), false);
  assert.throws(() => new (weft.Module as any)(simd, { features: { simd: false } }), weft.CompileError);
  await assert.rejects((weft.compile as any)(simd, { features: { simd: false } }), weft.CompileError);
  assert.throws(() => new (weft.Module as any)(simd, 5), TypeError);
});
