/** Where `new Function` is forbidden (CSP), the compiled tier silently stays in the interpreter. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Store, invoke } from '../../src/runtime/index.js';
import { load, exportedFunc } from '../exec/helpers.js';

test('EvalError from new Function: interpreter fallback', () => {
  const real = globalThis.Function;
  const blocked = function () { throw new EvalError('Refused to evaluate a string as JavaScript (CSP)'); } as unknown as FunctionConstructor;
  globalThis.Function = blocked;
  try {
    const s = new Store({ tier: 'compiled' });
    const f = exportedFunc(load(s, '(module (func (export "f") (param i32) (result i32) local.get 0 i32.const 2 i32.mul))'), 'f');
    assert.deepEqual(invoke(s, f, [21]), [42]);
    assert.deepEqual(invoke(s, f, [4]), [8]);
    assert.equal(f.jit, null);
    assert.equal(s.stats().evalBlocked, true);
  } finally {
    globalThis.Function = real;
  }
});
