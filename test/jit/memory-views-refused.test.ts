/**
 * When the global object refuses new properties (a frozen or non-extensible global), compiled
 * code keeps memory views in its own variables. A file of its own: the global stays non-extensible.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Store } from '../../src/runtime/index.js';
import { globalViewPrefix } from '../../src/jit/memory-views.js';
import { load } from '../exec/helpers.js';
import { outcome, isCompiled } from './helpers.js';

test('a non-extensible global object: no global views, compiled code still correct', () => {
  Object.preventExtensions(globalThis);
  const store = new Store({ tier: 'compiled' });
  const inst = load(store, `(module (memory 1)
    (func (export "rw") (param i32 i32) (result i32) local.get 0 local.get 1 i32.store local.get 0 i32.load)
    (func (export "grow") (param i32) (result i32) local.get 0 memory.grow))`);
  const side = { store, inst };
  assert.equal(outcome(side, 'rw', [12, 42]), '42');
  assert.equal(outcome(side, 'rw', [65536, 1]), 'trap:out-of-bounds-memory');
  assert.equal(outcome(side, 'grow', [1]), '1');
  assert.equal(outcome(side, 'rw', [65536, 9]), '9');
  assert.ok(isCompiled(inst, 'rw'));
  assert.equal(globalViewPrefix(inst.mems[0]), null);
});
