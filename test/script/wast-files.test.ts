/**
 * The hand-written scripts of test/wast/ run end to end on the internal engine (text parser,
 * encoder, decoder, validator, interpreter): directives.wast and patterns.wast must pass fully,
 * and every assertion of failures.wast must fail.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { dirname, resolve } from 'node:path';
import { runWastFile } from '../../src/script/node-files.js';
import { failureLines } from '../../src/script/result.js';
import { createEngine } from '../../src/script/engines.js';
import { scriptFeatures } from '../../src/script/feature-profiles.js';

const WAST_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../../test/wast');

function run(name: string) {
  const path = resolve(WAST_DIR, name);
  const features = scriptFeatures(path);
  return runWastFile({ path, name }, createEngine('internal', { features }), { features });
}

for (const name of ['directives.wast', 'patterns.wast', 'proposals/cont.wast']) {
  test(`${name} passes`, () => {
    const r = run(name);
    assert.deepEqual(failureLines(r), []);
    assert.equal(r.skipped, 0);
    assert.ok(r.passed >= 2, `only ${r.passed} commands ran`);
  });
}

test('failures.wast: every assertion fails, at its line', () => {
  const r = run('failures.wast');
  assert.equal(r.passed, 1, 'only the module passes');
  assert.equal(r.failed, 9);
  const lines = r.outcomes.filter(o => o.outcome === 'failed').map(o => o.loc.line);
  assert.deepEqual(lines, [6, 7, 8, 9, 10, 11, 12, 13, 14]);
});

test('the validate engine checks compile-time assertions and skips execution', () => {
  const r = runWastFile({ path: resolve(WAST_DIR, 'directives.wast'), name: 'directives.wast' }, createEngine('validate'));
  assert.deepEqual(failureLines(r), []);
  assert.ok(r.passed >= 5, `${r.passed} compile-time assertions passed`);
  assert.ok(r.skipped > 20);
  assert.deepEqual([...r.skipReasons.keys()], ['no interpreter yet']);
});
