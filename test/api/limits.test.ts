/**
 * The JS embedding's implementation limits (src/api/limits.ts) are CompileErrors naming the byte
 * offset of the first thing over the limit, like every other CompileError.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { wat, weft } from './helpers.js';

function compileError(bytes: Uint8Array<ArrayBuffer>): Error & { offset?: number } {
  try {
    new weft.Module(bytes);
  } catch (e) {
    assert.ok(e instanceof weft.CompileError, String(e));
    return e as Error & { offset?: number };
  }
  assert.fail('expected a CompileError');
}

/** Offset of the first occurrence of `needle` in `bytes`. */
function find(bytes: Uint8Array, needle: number[]): number {
  outer: for (let i = 0; i + needle.length <= bytes.length; i++) {
    for (let k = 0; k < needle.length; k++) if (bytes[i + k] !== needle[k]) continue outer;
    return i;
  }
  return -1;
}

test('more than 1000 params: the CompileError points at the function type', () => {
  const bytes = wat(`(module (type (func (param ${'i32 '.repeat(1001)}))))`);
  const e = compileError(bytes);
  assert.match(e.message, /function params: 1001 exceeds the JS embedding limit of 1000 at 0x[0-9a-f]+/);
  assert.equal(e.offset, find(bytes, [0x60, 0xe9, 0x07])); // func type, 1001 params (LEB e9 07)
  assert.equal(weft.validate(bytes), false);
});

test('more than 50000 locals: the CompileError points at the local declaration', () => {
  const bytes = wat(`(module (func (param i32) (local ${'i64 '.repeat(50000)})))`);
  const e = compileError(bytes);
  assert.match(e.message, /function locals: 50001 exceeds the JS embedding limit of 50000 at 0x/);
  assert.equal(e.offset, find(bytes, [0x01, 0xd0, 0x86, 0x03, 0x7e]) + 4); // 1 group: 50000 x i64
});

test('at the limits exactly, modules compile', () => {
  new weft.Module(wat(`(module (type (func (param ${'i32 '.repeat(1000)}))))`));
  new weft.Module(wat(`(module (func (param i32) (local ${'i64 '.repeat(49999)})))`));
});
