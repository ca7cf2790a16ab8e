/**
 * The multi-byte array access scripts of test/wast/multibyte/ (the proposal has no official tests
 * yet) run on the internal engine with the feature on, in the interpreter and in the compiled
 * tier (which hands such functions to the interpreter).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { dirname, resolve } from 'node:path';
import { runWastFile } from '../../src/script/node-files.js';
import { failureLines } from '../../src/script/result.js';
import { createEngine } from '../../src/script/engines.js';
import { features } from '../../src/features.js';

const DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../../test/wast/multibyte');
const FEATURES = features({ 'multibyte-array': true });

for (const name of ['access.wast', 'validation.wast']) {
  for (const tier of ['interpreter', 'compiled'] as const) {
    test(`multibyte/${name} passes (${tier})`, () => {
      const r = runWastFile({ path: resolve(DIR, name), name }, createEngine('internal', { features: FEATURES, tier }), { features: FEATURES });
      assert.deepEqual(failureLines(r), []);
      assert.ok(r.passed > 15, `only ${r.passed} commands ran`);
    });
  }
}

test('multibyte-array is off by default: bit 7 stays malformed (core/align.wast)', () => {
  const r = runWastFile({ path: resolve(DIR, 'validation.wast'), name: 'validation.wast' }, createEngine('internal'));
  assert.ok(r.failed > 0);
});
