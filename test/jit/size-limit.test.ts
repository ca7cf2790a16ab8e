/**
 * Functions too large for V8 to optimise as one JS function (jit/codegen.ts LIMITS.maxBodyChars)
 * are split into several (jit/split.ts; more in split.test.ts). Just below the limit a function is
 * one JS function; above it, several, with the same results.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generate, LIMITS } from '../../src/jit/codegen.js';
import { parseModule } from '../../src/text/parse-module.js';
import { pair, outcome, isCompiled } from './helpers.js';

/** A function of `n` memory-to-memory statements in a loop (~40 characters of JS per wasm instruction). */
function wat(n: number): string {
  let body = '';
  for (let i = 0; i < n; i++) body += `(i32.store offset=${(i % 64) * 4} (local.get 1) (i32.add (i32.load offset=${((i * 7) % 64) * 4} (local.get 1)) (local.get 0)))\n`;
  return `(module (memory 1) (func (export "run") (param i32) (result i32) (local i32 i32)
    (loop $l ${body}
      (local.set 2 (i32.add (local.get 2) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get 2) (local.get 0))))
    (i32.load (i32.const 4))))`;
}

test('a body past maxBodyChars is split into several JS functions, one below it is not', () => {
  const big = generate(parseModule(wat(400)), 0);
  assert.ok(big.outlined > 0);
  const small = generate(parseModule(wat(100)), 0);
  assert.equal(small.outlined, 0);
  assert.ok(small.source.length < LIMITS.maxBodyChars);
});

test('the compiled tier compiles a too-large function split, with the same results', () => {
  const big = pair(wat(400)), small = pair(wat(100));
  for (const n of [1, 3, 7]) {
    assert.equal(outcome(big.jit, 'run', [n]), outcome(big.interp, 'run', [n]));
    assert.equal(outcome(small.jit, 'run', [n]), outcome(small.interp, 'run', [n]));
  }
  assert.equal(isCompiled(big.jit.inst, 'run'), true);
  assert.equal(isCompiled(small.jit.inst, 'run'), true);
});
