/**
 * `npm run pending:update` (node dist/test/spec/update-pending.js): runs the whole testsuite and
 * rewrites test/pending.json from the result — every script with failures, filed under its
 * feature, with its current pass count. Run it after a change that makes more tests pass.
 */
import { existsSync } from 'node:fs';
import { PENDING_PATH, runSuite, suiteFiles, testsuiteDir, writePending } from './suite.js';

// `node --test dist/test/` runs every file under test/, this one included: do nothing there.
if (process.env.NODE_TEST_CONTEXT) process.exit(0);

const root = testsuiteDir();
if (!existsSync(root)) {
  console.error(`spec testsuite not found at ${root}; set WEFT_TESTSUITE`);
  process.exit(2);
}
const files = suiteFiles(root);
const summaries = await runSuite(files, s => {
  console.log(`${s.name}: ${s.passed} passed${s.failed ? `, ${s.failed} failed` : ''}${s.skipped ? `, ${s.skipped} skipped` : ''}`);
});
const pending = writePending(summaries);
const listed = Object.values(pending).reduce((n, scripts) => n + Object.keys(scripts).length, 0);
const passed = summaries.reduce((n, s) => n + s.passed, 0);
const failed = summaries.reduce((n, s) => n + s.failed, 0);
console.log(`${passed} passed, ${failed} failed; ${files.length - listed} of ${files.length} scripts pass fully; wrote ${PENDING_PATH}`);
