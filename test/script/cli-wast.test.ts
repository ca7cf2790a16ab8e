/** `weft wast` output format and exit codes, in process (main() is async and returns the status). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { dirname, resolve } from 'node:path';
import { main, totalsLine } from '../../src/cli/wast.js';

const WAST_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../../test/wast');

async function capture(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const log = console.log;
  const error = console.error;
  console.log = (...a: unknown[]) => { out.push(a.join(' ')); };
  console.error = (...a: unknown[]) => { err.push(a.join(' ')); };
  try {
    const code = await main(args);
    return { code, out: out.join('\n'), err: err.join('\n') };
  } finally {
    console.log = log;
    console.error = error;
  }
}

test('a passing file: one line, closing totals, exit 0', async () => {
  const r = await capture([resolve(WAST_DIR, 'directives.wast')]);
  assert.equal(r.code, 0);
  const lines = r.out.split('\n');
  assert.match(lines[0], /directives\.wast: 35 passed$/);
  assert.equal(lines[lines.length - 1], '35 passed, 0 failed');
});

test('failures are listed with line:col and make the exit status 1', async () => {
  const r = await capture([resolve(WAST_DIR, 'failures.wast'), resolve(WAST_DIR, 'patterns.wast')]);
  assert.equal(r.code, 1);
  assert.match(r.out, /failures\.wast: 1 passed, 9 failed\n  6:1: assert_return: expected \(i32\.const 2\), got \(i32\.const 1\)/);
  assert.match(r.out, /\.\.\. 4 more/);
  assert.match(r.out, /\n\d+ passed, 9 failed$/);
});

test('bad usage exits 2', async () => {
  assert.equal((await capture([])).code, 2);
  assert.equal((await capture(['--engine', 'nope', 'x.wast'])).code, 2);
  assert.equal((await capture(['/nonexistent/dir'])).code, 2);
});

test('totals line with skips groups the reasons', () => {
  const s = (skipReasons: [string, number][]) => ({
    name: 'x', passed: 1, failed: 0, skipped: skipReasons.reduce((n, [, k]) => n + k, 0), failures: [],
    messageMismatches: [], skipReasons, encoderFallbacks: 0, ms: 0,
  });
  assert.equal(totalsLine([s([]), s([])]), '2 passed, 0 failed');
  assert.equal(totalsLine([s([['no interpreter yet', 2]]), s([['no interpreter yet', 1]])]),
    '2 passed, 0 failed, 3 skipped (3 no interpreter yet)');
});

test('--tier-up-threshold: a tiny threshold runs the scripts compiled (OSR too); bad values exit 2', async () => {
  const r = await capture(['--tier-up-threshold', '0', resolve(WAST_DIR, 'directives.wast')]);
  assert.equal(r.code, 0);
  assert.match(r.out, /35 passed, 0 failed$/);
  for (const bad of ['-1', '1.5', 'x']) assert.equal((await capture(['--tier-up-threshold', bad, 'x.wast'])).code, 2, bad);
  assert.equal((await capture(['--tier-up-threshold'])).code, 2);
});
