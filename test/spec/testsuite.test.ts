/**
 * The spec testsuite as a test: every script passes fully, or is listed in test/pending.json and
 * passes at least as many assertions as recorded there (so the list can only shrink).
 * Testsuite location: $WEFT_TESTSUITE, else ../shared/testsuite next to the repository.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { pendingByScript, readPending, runSuite, suiteFiles, testsuiteDir } from './suite.js';

const root = testsuiteDir();

if (!existsSync(root)) {
  console.log(`spec testsuite not found at ${root}; skipping`);
  test('spec testsuite', { skip: `spec testsuite not found at ${root}` }, () => {});
} else {
  const pending = pendingByScript(readPending());
  const files = suiteFiles(root);
  const summaries = await runSuite(files);
  let passed = 0, failed = 0, skipped = 0;
  for (const s of summaries) { passed += s.passed; failed += s.failed; skipped += s.skipped; }
  console.log(`spec testsuite: ${files.length} scripts, ${passed} passed, ${failed} failed, ${skipped} skipped`);

  for (const s of summaries) {
    const recorded = pending.get(s.name);
    test(s.name, () => {
      if (recorded === undefined) {
        assert.equal(s.failed, 0, `${s.name}: ${s.failed} failed (not in test/pending.json):\n  ${s.failures.join('\n  ')}`);
      } else {
        assert.ok(s.passed >= recorded,
          `${s.name}: ${s.passed} passed, fewer than the ${recorded} recorded in test/pending.json:\n  ${s.failures.join('\n  ')}`);
      }
    });
  }
  test('test/pending.json lists only existing scripts', () => {
    const names = new Set(files.map(f => f.name));
    const stale = [...pending.keys()].filter(n => !names.has(n));
    assert.deepEqual(stale, [], 'scripts listed in test/pending.json but not found in the testsuite');
  });
}
