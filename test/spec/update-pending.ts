/**
 * `npm run pending:update` (node dist/test/spec/update-pending.js): runs the whole testsuite and
 * rewrites test/pending.json from the result — every script with failures, filed under its
 * feature, with its current pass count. Run it after a change that makes more tests pass.
 */
import { existsSync } from 'node:fs';
import { PENDING_PATH, pendingByScript, readPending, runSuite, suiteFiles, testsuiteDir, writePending } from './suite.js';

// `node --test dist/test/` runs every file under test/, this one included: do nothing there.
if (process.env.NODE_TEST_CONTEXT) process.exit(0);

const root = testsuiteDir();
if (!existsSync(root)) {
  console.error(`spec testsuite not found at ${root}; set WEFT_TESTSUITE`);
  process.exit(2);
}
const before = pendingByScript(readPending());
const files = suiteFiles(root);
const summaries = await runSuite(files, s => {
  console.log(`${s.name}: ${s.passed} passed${s.failed ? `, ${s.failed} failed` : ''}${s.skipped ? `, ${s.skipped} skipped` : ''}`);
});
const pending = writePending(summaries);

// What changed against the old list: regressions are what a reviewer must look at.
for (const s of summaries) {
  const old = before.get(s.name);
  if (old === undefined && s.failed > 0) console.log(`REGRESSED (was passing fully): ${s.name}: ${s.passed} passed, ${s.failed} failed`);
  else if (old !== undefined && s.failed === 0) console.log(`now passes fully: ${s.name}`);
  else if (old !== undefined && s.passed < old) console.log(`REGRESSED: ${s.name}: ${old} -> ${s.passed} passed`);
  else if (old !== undefined && s.passed > old) console.log(`improved: ${s.name}: ${old} -> ${s.passed} passed`);
}
const listed = Object.values(pending).reduce((n, scripts) => n + Object.keys(scripts).length, 0);
const passed = summaries.reduce((n, s) => n + s.passed, 0);
const failed = summaries.reduce((n, s) => n + s.failed, 0);
console.log(`${passed} passed, ${failed} failed; ${files.length - listed} of ${files.length} scripts pass fully; wrote ${PENDING_PATH}`);
