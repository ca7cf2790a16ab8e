/** The pending-list policy of the spec harness: grouping by feature, and regressions never recorded silently. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { featureOf, pendingByScript, readPending, writePending } from './suite.js';
import type { FileSummary } from '../../src/script/result.js';

const summary = (name: string, passed: number, failed: number): FileSummary => ({
  name, passed, failed, skipped: 0, failures: [], messageMismatches: [], skipReasons: [], encoderFallbacks: 0, ms: 0,
});

test('scripts are filed under their feature', () => {
  assert.equal(featureOf('core/i32.wast'), 'core');
  assert.equal(featureOf('core/simd_lane.wast'), 'simd');
  assert.equal(featureOf('core/relaxed_min_max.wast'), 'relaxed-simd');
  assert.equal(featureOf('core/legacy/try_catch.wast'), 'legacy-exceptions');
  assert.equal(featureOf('core/struct.wast'), 'gc');
  assert.equal(featureOf('core/memory64.wast'), 'memory64');
  assert.equal(featureOf('proposals/threads/atomic.wast'), 'threads');
});

test('update records improvements but not regressions unless accepted', () => {
  const dir = mkdtempSync(join(tmpdir(), 'weft-pending-'));
  const path = join(dir, 'pending.json');
  try {
    // First run: an empty list records every failing script.
    writePending([summary('core/a.wast', 5, 1), summary('core/b.wast', 9, 0)], new Map(), false, path);
    assert.deepEqual(readPending(path), { core: { 'core/a.wast': 5 } });

    const before = pendingByScript(readPending(path));
    const run = [summary('core/a.wast', 4, 2), summary('core/b.wast', 8, 1), summary('proposals/x/c.wast', 1, 1)];
    writePending(run, before, false, path);
    assert.deepEqual(readPending(path), { core: { 'core/a.wast': 5 } }, 'a keeps 5; b and c (newly failing) stay unlisted');

    writePending(run, before, true, path);
    assert.deepEqual(readPending(path), {
      core: { 'core/a.wast': 4, 'core/b.wast': 8 }, x: { 'proposals/x/c.wast': 1 },
    });

    writePending([summary('core/a.wast', 7, 0)], pendingByScript(readPending(path)), false, path);
    assert.deepEqual(readPending(path), {}, 'a script that passes fully leaves the list');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
