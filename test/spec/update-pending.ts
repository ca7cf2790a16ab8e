/**
 * `npm run pending:update` (node dist/test/spec/update-pending.js): runs the whole testsuite and
 * rewrites test/pending.json from the result — every script with failures, filed under its
 * feature, with its current pass count. Run it after a change that makes more tests pass.
 * Regressions are reported and NOT written (so the spec test keeps failing on them) unless
 * `--accept-regressions` is given. With an empty list, the first run records everything.
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
const accept = process.argv.includes('--accept-regressions');
const pending = writePending(summaries, before, accept);

// What changed against the old list: regressions are what a reviewer must look at.
for (const s of summaries) {
  const old = before.get(s.name);
  if (old === undefined && s.failed > 0 && before.size > 0) console.log(`REGRESSED (was passing fully): ${s.name}: ${s.passed} passed, ${s.failed} failed`);
  else if (old !== undefined && s.failed === 0) console.log(`now passes fully: ${s.name}`);
  else if (old !== undefined && s.passed < old) console.log(`REGRESSED: ${s.name}: ${old} -> ${s.passed} passed`);
  else if (old !== undefined && s.passed > old) console.log(`improved: ${s.name}: ${old} -> ${s.passed} passed`);
}
const full = summaries.filter(s => s.failed === 0).length;
const listed = Object.values(pending).reduce((n, scripts) => n + Object.keys(scripts).length, 0);
const passed = summaries.reduce((n, s) => n + s.passed, 0);
const failed = summaries.reduce((n, s) => n + s.failed, 0);
console.log(`${passed} passed, ${failed} failed; ${full} of ${files.length} scripts pass fully; ${listed} listed in ${PENDING_PATH}`);
if (!accept && summaries.some(s => { const old = before.get(s.name); return s.failed > 0 && (old === undefined ? before.size > 0 : s.passed < old); })) {
  console.log('regressions were not recorded (rerun with --accept-regressions to record them)');
}
