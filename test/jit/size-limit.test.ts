/**
 * Functions too large for V8 to optimise as one JS function (jit/codegen.ts LIMITS.maxBodyChars)
 * are split into several (jit/split.ts; more in split.test.ts). Just below the limit a function is
 * one JS function; above it, several, with the same results.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generate, LIMITS } from '../../src/jit/codegen.js';
import { parseModule } from '../../src/text/parse-module.js';
import { encodeModule } from '../../src/binary/encode.js';
import { Store } from '../../src/runtime/index.js';
import { load, loadBinary } from '../exec/helpers.js';
import { pair, outcome, isCompiled, memLoopWat } from './helpers.js';

test('a body past maxBodyChars is split into several JS functions, one below it is not', () => {
  const big = generate(parseModule(memLoopWat(400)), 0);
  assert.ok(big.outlined > 0);
  const small = generate(parseModule(memLoopWat(100)), 0);
  assert.equal(small.outlined, 0);
  assert.ok(small.source.length < LIMITS.maxBodyChars);
});

test('the compiled tier compiles a too-large function split, with the same results', () => {
  const big = pair(memLoopWat(400)), small = pair(memLoopWat(100));
  for (const n of [1, 3, 7]) {
    assert.equal(outcome(big.jit, 'run', [n]), outcome(big.interp, 'run', [n]));
    assert.equal(outcome(small.jit, 'run', [n]), outcome(small.interp, 'run', [n]));
  }
  assert.equal(isCompiled(big.jit.inst, 'run'), true);
  assert.equal(isCompiled(small.jit.inst, 'run'), true);
});

test("auto: a function large enough to be split waits for 50 times the usual heat, then compiles", () => {
  const text = `${memLoopWat(400).slice(0, -1)}
    (func (export "small") (param i32) (result i32) (i32.add (local.get 0) (i32.const 1))))`;
  // Decoded (size from the body's bytes) and parsed from text (size from its instruction count).
  for (const make of [(s: Store) => loadBinary(s, encodeModule(parseModule(text))), (s: Store) => load(s, text)]) {
    const store = new Store({ tier: 'auto', tierUpThreshold: 4 });
    const inst = make(store);
    const side = { store, inst };
    for (let i = 0; i < 10; i++) { outcome(side, 'run', [1]); outcome(side, 'small', [i]); }
    assert.ok(isCompiled(inst, 'small'), 'a small function compiles at the usual threshold');
    assert.ok(!isCompiled(inst, 'run'), 'a large one is not compiled yet');
    for (let i = 0; i < 400; i++) outcome(side, 'run', [1]);
    assert.ok(isCompiled(inst, 'run'), 'then it is');
  }
});
