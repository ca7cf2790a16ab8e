/** `weft/polyfill` replaces globalThis.WebAssembly (this file runs in its own process under node --test). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { wat } from './helpers.js';

test('polyfill: installs weft as globalThis.WebAssembly with the native attributes', async () => {
  const before = Object.getOwnPropertyDescriptor(globalThis, 'WebAssembly')!;
  const mod = await import('../../src/api/polyfill.js');
  const after = Object.getOwnPropertyDescriptor(globalThis, 'WebAssembly')!;
  assert.equal(after.value, mod.WebAssembly);
  assert.notEqual(after.value, before.value);
  assert.equal(mod.nativeWebAssembly, before.value);
  assert.deepEqual([after.writable, after.enumerable, after.configurable], [before.writable, before.enumerable, before.configurable]);
  const { instance } = await WebAssembly.instantiate(wat('(module (func (export "f") (result i32) i32.const 42))'));
  assert.equal((instance.exports as any).f(), 42);
  assert.ok(instance instanceof mod.WebAssembly.Instance);
});
