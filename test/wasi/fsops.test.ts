/**
 * Broad WASI coverage: test/wasi/c/fsops.c drives files (read/write/seek/tell/pread/pwrite/append/
 * truncate/allocate/sync/advise/times), directories (mkdir/readdir/rename/rmdir), links (symlink,
 * readlink, hard links), clocks, nanosleep (poll_oneoff), random, poll on stdin and stdin itself
 * through wasi-libc. weft's WASI must produce what node:wasi produces, except where node:wasi is
 * known to be less precise (listed in WEFT_ONLY and checked separately).
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { engineName, runWasm, snapshotTree, tmpDir, TEST_WASM, WEFT_HOSTS, type Host, type RunResult } from './harness.js';

/**
 * Lines where weft is deliberately more exact than node:wasi: sub-second utimes, poll on a file
 * stdin, and a 20 ms nanosleep measured on the monotonic clock (node:wasi sometimes wakes a little
 * early, which made this comparison flaky under load).
 */
const WEFT_ONLY: Record<string, string> = {
  mtime: 'mtime 1234567890.500000000 atime 1000000000',
  poll_stdin: 'poll_stdin 1 revents_in 1',
  slept_enough: 'slept_enough 1',
};

const STDIN = 'some input\n'.repeat(100) + 'the end';

interface Outcome {
  result: RunResult;
  tree: Record<string, string>;
}

async function run(host: Host): Promise<Outcome> {
  const dir = tmpDir(`fsops-${host}`);
  const result = await runWasm(host, path.join(TEST_WASM, 'fsops.wasm'), {
    args: ['fsops', 'x'], env: { FSOPS: 'yes' }, preopens: { '.': dir }, stdin: STDIN,
  });
  const tree = snapshotTree(dir);
  fs.rmSync(dir, { recursive: true, force: true });
  return { result, tree };
}

function withoutWeftOnly(stdout: string): string[] {
  return stdout.split('\n').filter((l) => !Object.keys(WEFT_ONLY).some((k) => l.startsWith(`${k} `)));
}

for (const host of WEFT_HOSTS) describe(`fsops.c: weft WASI on ${engineName(host)} vs node:wasi`, () => {
  let node: Outcome;
  let weft: Outcome;
  before(async () => {
    node = await run('node');
    weft = await run(host);
  });

  it('exits with the same code (7) and stderr', () => {
    assert.equal(weft.result.error, null, String(weft.result.error));
    assert.equal(weft.result.code, 7);
    assert.equal(node.result.code, 7);
    assert.equal(weft.result.stderr, node.result.stderr);
  });

  it('prints the same results', () => {
    assert.deepEqual(withoutWeftOnly(weft.result.stdout), withoutWeftOnly(node.result.stdout));
    assert.doesNotMatch(weft.result.stdout, /FAILED/);
  });

  it('leaves the same files behind', () => {
    assert.deepEqual(weft.tree, node.tree);
    assert.equal(weft.tree['work/log.txt'], 'one\ntwo\n');
  });

  for (const [key, line] of Object.entries(WEFT_ONLY)) {
    it(`weft: ${line}`, () => {
      assert.ok(weft.result.stdout.split('\n').includes(line), weft.result.stdout);
    });
  }

  it('reads all of stdin', () => {
    assert.match(weft.result.stdout, new RegExp(`^stdin ${Buffer.byteLength(STDIN)} bytes`, 'm'));
  });
});
