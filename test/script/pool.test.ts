/** The worker pool: files run in parallel, results come back in file order, a hanging file times out. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { dirname, resolve } from 'node:path';
import { listWastFiles } from '../../src/script/node-files.js';
import { runInPool } from '../../src/script/node-pool.js';
import type { FileSummary } from '../../src/script/result.js';

const WAST_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../../test/wast');

test('pool runs every file, in order, and times out a hanging one', async () => {
  const files = listWastFiles([WAST_DIR]);
  const names = files.map(f => f.name);
  assert.deepEqual(names, [...names].sort());
  const seen: string[] = [];
  const results: FileSummary[] = await runInPool(files, {
    jobs: 2, timeoutMs: 10_000, engine: 'internal', features: () => undefined, maxFailures: 3,
  }, s => seen.push(s.name));
  assert.deepEqual(seen, names);
  const byName = new Map(results.map(s => [s.name.replace(/^.*\//, ''), s]));
  assert.equal(byName.get('directives.wast')?.failed, 0);
  assert.equal(byName.get('failures.wast')?.failed, 9);
  assert.equal(byName.get('failures.wast')?.failures.length, 3);
  const hang = byName.get('hang.wast');
  assert.equal(hang?.failed, 1);
  assert.match(hang?.failures[0] ?? '', /timed out/);
});
