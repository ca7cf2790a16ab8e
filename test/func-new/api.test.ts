/**
 * func.new through weft's JS API (enabled by the compile option `features`), through `weft run
 * --enable func-new`, and the one-body decoder and checker it is built on, with bad input.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { WebAssembly as W } from '../../src/api/index.js';
import { features } from '../../src/features.js';
import { encodeModule } from '../../src/binary/encode.js';
import { decodeFunctionBody } from '../../src/binary/decode-body.js';
import { checkExtraFunction } from '../../src/valid/index.js';
import { parseModule } from '../../src/text/parse-module.js';
import { ALL_FEATURES } from '../../src/features.js';
import { CompileError } from '../../src/errors.js';
import { compile, exampleWat } from './helpers.js';

const ON = { features: features({ 'func-new': true }) };
const wasm = (text: string): Uint8Array<ArrayBuffer> => new Uint8Array(encodeModule(parseModule(text, ALL_FEATURES)));

const MODULE = wasm(`(module
  (type $v_i (func (result i32)))
  (import "weft:func" "new" (func $new (param i32 i32 i32) (result (ref func))))
  (memory (export "memory") 1)
  (func (export "run") (param i32 i32) (result i32)
    (call_ref $v_i (ref.cast (ref $v_i) (call $new (i32.const 0) (local.get 0) (local.get 1))))))`);

test('JS API: the engine provides the import when the module is compiled with func-new', () => {
  const module = new W.Module(MODULE, ON);
  assert.deepEqual(W.Module.imports(module), []);
  const instance = new W.Instance(module) as unknown as { exports: { memory: { buffer: ArrayBuffer }; run(a: number, n: number): number } };
  new Uint8Array(instance.exports.memory.buffer).set([0x00, 0x41, 0x2a, 0x0b], 32);
  assert.equal(instance.exports.run(32, 4), 42);
  new Uint8Array(instance.exports.memory.buffer).set([0x00, 0x41], 32);
  assert.throws(() => instance.exports.run(32, 2), (e: unknown) =>
    e instanceof W.RuntimeError && /func\.new: malformed function body: unexpected end of section or function at 0x2 in the new body/.test((e as Error).message));
  assert.throws(() => instance.exports.run(65535, 4), (e: unknown) => e instanceof W.RuntimeError && /out of bounds memory access/.test((e as Error).message));
});

test('JS API: feature off, weft:func.new is an ordinary import', () => {
  const module = new W.Module(MODULE);
  assert.deepEqual(W.Module.imports(module), [{ module: 'weft:func', name: 'new', kind: 'function' }]);
  assert.throws(() => new W.Instance(module, {}), TypeError);
  assert.throws(() => new W.Instance(module), TypeError);
});

test('JS API: other imports still come from the import object', async () => {
  const bytes = wasm(`(module
    (import "env" "k" (global i32))
    (import "weft:func" "new" (func (param i32 i32 i32) (result funcref)))
    (memory 1))`);
  assert.throws(() => new W.Instance(new W.Module(bytes, ON)), TypeError);
  const { instance } = await W.instantiate(bytes, { env: { k: 1 } }, ON) as unknown as { instance: object };
  assert.ok(instance);
});

const BIN = fileURLToPath(new URL('../../../bin/weft.js', import.meta.url));
const EXAMPLE = fileURLToPath(new URL('../../../examples/func-new/poly.wat', import.meta.url));

function weft(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { timeout: 30_000 });
  return { code: r.status, stdout: r.stdout.toString(), stderr: r.stderr.toString() };
}

test('weft run --enable func-new runs the example; without it, unknown import', () => {
  assert.ok(exampleWat().includes('weft:func'));
  const ok = weft('run', '--enable', 'func-new', '--invoke', 'jit', EXAMPLE, '3');
  assert.equal(ok.code, 0, ok.stderr);
  assert.equal(ok.stdout, '525\n');
  const all = weft('run', '--all-features', '--tier', 'compiled', '--invoke', 'bench_jit', EXAMPLE, '1000');
  assert.equal(all.code, 0, all.stderr);
  const off = weft('run', '--invoke', 'jit', EXAMPLE, '3');
  assert.equal(off.code, 1);
  assert.match(off.stderr, /unknown import weft:func\.new/);
  const disabled = weft('run', '--all-features', '--disable', 'func-new', '--invoke', 'jit', EXAMPLE, '3');
  assert.equal(disabled.code, 1);
  const bad = weft('run', '--enable', 'func-old', EXAMPLE);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /unknown feature 'func-old'/);
});

test('decodeFunctionBody: one body, offsets from its first byte, bad input rejected', () => {
  const f = features();
  const ok = decodeFunctionBody(new Uint8Array([0x02, 0x01, 0x7f, 0x02, 0x7e, 0x20, 0x00, 0x0b]), f, false);
  assert.deepEqual(ok.locals, ['i32', 'i64', 'i64']);
  assert.deepEqual(ok.body.map(i => i.offset), [5, 7]);
  const fails: [number[], string, number][] = [
    [[], 'unexpected end of section or function', 0],
    [[0x00], 'unexpected end of section or function', 1],
    [[0x00, 0x0b, 0x0b], 'section size mismatch', 2],
    [[0x01, 0x01, 0x55, 0x0b], 'malformed value type', 2],
    [[0x00, 0xff, 0x0b], 'illegal opcode ff', 1],
    [[0x00, 0x41, 0x00, 0x41, 0x00, 0x41, 0x00, 0xfc, 0x08, 0x00, 0x00, 0x0b], 'data count section required', 7],
  ];
  for (const [bytes, reason, offset] of fails) {
    assert.throws(() => decodeFunctionBody(new Uint8Array(bytes), f, false), (e: unknown) => {
      assert.ok(e instanceof CompileError, String(e));
      assert.equal(e.phase, 'malformed');
      assert.ok(e.reason.startsWith(reason), `${e.reason} for ${bytes}`);
      assert.equal(e.offset, offset, e.reason);
      return true;
    });
  }
  // With a data count section, memory.init decodes.
  assert.equal(decodeFunctionBody(new Uint8Array(fails[5][0]), f, true).body.length, 5);
});

test('checkExtraFunction: validates against the whole module, rejects bad type indices', () => {
  const vm = compile(`(module (type $t (func (param i32) (result i32))) (global $g i32 (i32.const 1)) (func $f (type $t) local.get 0))`);
  const body = (bytes: number[]) => decodeFunctionBody(new Uint8Array(bytes), vm.features, false);
  const good = body([0x00, 0x20, 0x00, 0x23, 0x00, 0x6a, 0x10, 0x00, 0x0b]); // x + g, then f
  assert.equal(checkExtraFunction(vm, 0, good.locals, good.body, 1).maxHeight, 2);
  for (const [ty, bytes, reason] of [
    [5, [0x00, 0x20, 0x00, 0x0b], 'unknown type 5'],
    [-1, [0x00, 0x20, 0x00, 0x0b], 'unknown type -1'],
    [0, [0x00, 0x10, 0x01, 0x0b], 'unknown function 1'],
    [0, [0x00, 0x0b], 'type mismatch'],
  ] as const) {
    const b = body([...bytes]);
    assert.throws(() => checkExtraFunction(vm, ty, b.locals, b.body, 1), (e: unknown) =>
      e instanceof CompileError && e.phase === 'invalid' && e.reason.startsWith(reason));
  }
});
