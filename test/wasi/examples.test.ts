/**
 * The examples/ programs under node:wasi and under weft's WASI (both on Node's native WebAssembly):
 * same stdout, same files written, same exit codes, and the same trap for trap.wasm.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { EXAMPLES, runWasm, snapshotTree, tmpDir, type Host, type RunSpec } from './harness.js';

const HOSTS: Host[] = ['node', 'weft'];

async function both(example: string, spec: (host: Host) => RunSpec) {
  const [node, weft] = await Promise.all(HOSTS.map((h) => runWasm(h, path.join(EXAMPLES, example), spec(h))));
  return { node: node!, weft: weft! };
}

describe('examples under node:wasi and weft WASI', () => {
  it('hello.wasm: greeting, args and env', async () => {
    const { node, weft } = await both('hello.wasm', () => ({
      args: ['hello', 'a b', 'ünï'], env: { WEFT_GREETING: 'hi there', OTHER: '1' },
    }));
    assert.equal(weft.code, 0);
    assert.equal(weft.stdout, node.stdout);
    assert.equal(weft.stdout, 'Hello from weft!\nargv[0] = hello\nargv[1] = a b\nargv[2] = ünï\nWEFT_GREETING = hi there\n');
  });

  it('wc.wasm: reads a preopened file and writes a summary file', async () => {
    const text = 'the quick brown fox\njumps over\n\nthe lazy dog, twice over and over again\n';
    const dirs: Record<Host, string> = { node: tmpDir('wc-node'), weft: tmpDir('wc-weft') };
    for (const d of Object.values(dirs)) fs.writeFileSync(path.join(d, 'in.txt'), text);
    const { node, weft } = await both('wc.wasm', (h) => ({ args: ['wc', 'in.txt', 'out.txt'], preopens: { '.': dirs[h] } }));
    assert.equal(weft.code, 0);
    assert.equal(weft.code, node.code);
    assert.equal(weft.stdout, node.stdout);
    assert.equal(weft.stdout, '4 14 72 in.txt\n');
    assert.deepEqual(snapshotTree(dirs.weft), snapshotTree(dirs.node));
    assert.match(fs.readFileSync(path.join(dirs.weft, 'out.txt'), 'utf8'), /^lines: 4\nwords: 14\nbytes: 72\nlongest line: 39$/m);
    for (const d of Object.values(dirs)) fs.rmSync(d, { recursive: true });
  });

  it('wc.wasm: a missing input is reported, exit 1', async () => {
    const dir = tmpDir('wc-missing');
    const { node, weft } = await both('wc.wasm', () => ({ args: ['wc', 'nope.txt', 'out.txt'], preopens: { '.': dir } }));
    assert.equal(weft.code, 1);
    assert.equal(node.code, 1);
    assert.equal(weft.stderr, node.stderr);
    assert.match(weft.stderr, /No such file or directory/);
    fs.rmSync(dir, { recursive: true });
  });

  it('primes.wasm: exit code is the prime count mod 256', async () => {
    const { node, weft } = await both('primes.wasm', () => ({ args: ['primes', '100000'] }));
    assert.equal(weft.stdout, '9592 primes below 100000, largest 99991\n');
    assert.equal(weft.stdout, node.stdout);
    assert.equal(weft.code, 9592 % 256);
    assert.equal(node.code, weft.code);
  });

  for (const how of ['unreachable', 'oob', 'div0']) {
    it(`trap.wasm ${how}: the same trap propagates out of start()`, async () => {
      const { node, weft } = await both('trap.wasm', () => ({ args: ['trap', how] }));
      assert.ok(weft.error instanceof WebAssembly.RuntimeError, String(weft.error));
      assert.ok(node.error instanceof WebAssembly.RuntimeError);
      assert.equal((weft.error as Error).message, (node.error as Error).message);
      assert.equal(weft.stdout, `about to trap (${how})\n`);
      assert.equal(weft.stdout, node.stdout);
    });
  }
});
