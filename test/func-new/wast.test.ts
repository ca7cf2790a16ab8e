/**
 * test/wast/func-new/func-new.wast (weft's own script: the proposal has no tests yet) on the
 * internal engine in both tiers and through the JS API, with 'func-new' on; with it off, the
 * module does not link.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { dirname, resolve } from 'node:path';
import { runWastFile } from '../../src/script/node-files.js';
import { failureLines } from '../../src/script/result.js';
import { createEngine } from '../../src/script/engines.js';
import { features } from '../../src/features.js';

const PATH = resolve(dirname(fileURLToPath(import.meta.url)), '../../../test/wast/func-new/func-new.wast');
const FILE = { path: PATH, name: 'func-new.wast' };
const ON = features({ 'func-new': true });

for (const engine of ['internal:interpreter', 'internal:compiled', 'api'] as const) {
  test(`func-new.wast passes (${engine})`, () => {
    const r = runWastFile(FILE, createEngine(engine, { features: ON }), { features: ON });
    assert.deepEqual(failureLines(r), []);
    assert.equal(r.passed, 14);
  });
}

test('func-new.wast with the feature off: unknown import', () => {
  const r = runWastFile(FILE, createEngine('internal'), { features: ON });
  assert.ok(r.failed >= 11, `${r.failed} failed`);
  assert.ok(failureLines(r).some(l => /unknown import weft:func\.new/.test(l)), failureLines(r).join('\n'));
});
