/**
 * The core spec testsuite a second time, with the compiled tier forced (`internal:compiled`: every
 * function compiled to JS at its first call where the compiled tier supports it). Every core script
 * must pass fully, as it does under the interpreter (test/spec/testsuite.test.ts).
 * WEFT_SKIP_COMPILED_SUITE=1 skips this pass.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { listWastFiles } from '../../src/script/node-files.js';
import { runInPool } from '../../src/script/node-pool.js';
import { scriptFeatures } from '../../src/script/feature-profiles.js';
import { testsuiteDir } from '../spec/suite.js';

const core = resolve(testsuiteDir(), 'core');

if (!existsSync(core) || process.env.WEFT_SKIP_COMPILED_SUITE) {
  test('core testsuite, compiled tier', { skip: 'core testsuite not found or skipped' }, () => {});
} else {
  const files = listWastFiles([core]);
  const summaries = await runInPool(files, {
    jobs: Number(process.env.WEFT_JOBS ?? 2), timeoutMs: Number(process.env.WEFT_FILE_TIMEOUT ?? 300) * 1000,
    engine: 'internal:compiled', features: f => scriptFeatures(f.name), maxFailures: 3,
  });
  let passed = 0, failed = 0;
  for (const s of summaries) { passed += s.passed; failed += s.failed; }
  console.log(`core testsuite, compiled tier: ${files.length} scripts, ${passed} passed, ${failed} failed`);
  for (const s of summaries) {
    test(`compiled tier: ${s.name}`, () => {
      assert.equal(s.failed, 0, `${s.name}: ${s.failed} failed:\n  ${s.failures.join('\n  ')}`);
    });
  }
}
