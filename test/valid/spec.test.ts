/**
 * The Must-show: the validator against the spec testsuite. Pass 1 uses wabt's wast2json as an
 * oracle (skipped with a message if it is not installed); pass 2 reads the scripts wast2json cannot
 * handle (and the proposal scripts) with weft's own text parser.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CORE_FEATURES, coreWastFiles, haveWast2json, runSpec, summary } from './spec-oracle.js';
import { proposalWastFiles, runTextSpec, textSummary } from './spec-text.js';

test('spec testsuite via wast2json (oracle)', t => {
  if (!haveWast2json()) {
    t.skip('wast2json not installed (apt-get install -y wabt)');
    return;
  }
  const s = runSpec(coreWastFiles(), CORE_FEATURES);
  console.log(summary(s));
  console.log(`skipped files (wast2json cannot parse them): ${s.skippedFiles.join(' ')}`);
  const shown = s.failures.slice(0, 20).map(f => `${f.file}:${f.line}: ${f.kind}: ${f.detail}`);
  assert.equal(s.failures.length, 0, shown.join('\n'));
  assert.ok(s.validOk > 1000 && s.invalidOk > 1000 && s.malformedOk > 500, 'the suite was actually run');
});

/** Failures of the text pass known to come from elsewhere (the text parser), as `file:line`. None now. */
const KNOWN_TEXT_FAILURES = new Set<string>([]);

test('spec testsuite via weft text parser (core + proposals)', () => {
  const files = [
    ...coreWastFiles().map(file => ({ file, features: CORE_FEATURES })),
    ...proposalWastFiles(),
  ];
  const s = runTextSpec(files);
  console.log(textSummary(s));
  const unexpected = s.failures.filter(f => !KNOWN_TEXT_FAILURES.has(`${f.file}:${f.line}`));
  assert.equal(unexpected.length, 0, unexpected.slice(0, 20).map(f => `${f.file}:${f.line}: ${f.kind}: ${f.detail}`).join('\n'));
  assert.ok(s.validOk > 2000 && s.invalidOk > 2000, 'the suite was actually run');
});
