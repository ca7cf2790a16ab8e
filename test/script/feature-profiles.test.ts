import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scriptFeatures } from '../../src/script/feature-profiles.js';
import { ALL_FEATURES, DEFAULT_FEATURES } from '../../src/features.js';

test('core scripts run with the defaults, proposals with everything, threads with its era', () => {
  assert.equal(scriptFeatures('core/i32.wast'), DEFAULT_FEATURES);
  assert.equal(scriptFeatures('/x/testsuite/core/legacy/throw.wast'), DEFAULT_FEATURES);
  assert.equal(scriptFeatures('proposals/custom-descriptors/exact.wast'), ALL_FEATURES);
  const threads = scriptFeatures('/x/testsuite/proposals/threads/imports.wast');
  assert.equal(threads['multi-memory'], false);
  assert.equal(threads.memory64, false);
  assert.equal(threads.threads, true);
});
