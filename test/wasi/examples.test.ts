/**
 * The examples/ programs under node:wasi (the reference) and under weft's WASI, both on Node's
 * native WebAssembly and on weft's own runtime: same stdout, same files written, same exit codes,
 * and the same trap for trap.wasm.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { RuntimeError } from '../../src/errors.js';
import { engineName, EXAMPLES, runWasm, snapshotTree, tmpDir, WEFT_HOSTS, type Host, type RunResult, type RunSpec } from './harness.js';

/** Runs under node:wasi and under `host`; returns both results. */
async function versus(host: Host, example: string, spec: (h: Host) => RunSpec): Promise<{ node: RunResult; weft: RunResult }> {
  const node = await runWasm('node', path.join(EXAMPLES, example), spec('node'));
  const weft = await runWasm(host, path.join(EXAMPLES, example), spec(host));
  return { node, weft };
}

for (const host of WEFT_HOSTS) {
  describe(`examples: weft WASI on ${engineName(host)} vs node:wasi`, () => {
    it('hello.wasm: greeting, args and env', async () => {
      const { node, weft } = await versus(host, 'hello.wasm', () => ({
        args: ['hello', 'a b', 'ünï'], env: { WEFT_GREETING: 'hi there', OTHER: '1' },
      }));
      assert.equal(weft.error, null, String(weft.error));
      assert.equal(weft.code, 0);
      assert.equal(weft.stdout, node.stdout);
      assert.equal(weft.stdout, 'Hello from weft!\nargv[0] = hello\nargv[1] = a b\nargv[2] = ünï\nWEFT_GREETING = hi there\n');
    });

    it('wc.wasm: reads a preopened file and writes a summary file', async () => {
      const text = 'the quick brown fox\njumps over\n\nthe lazy dog, twice over and over again\n';
      const dirs = { node: tmpDir('wc-node'), [host]: tmpDir(`wc-${host}`) } as Record<Host, string>;
      for (const d of Object.values(dirs)) fs.writeFileSync(path.join(d, 'in.txt'), text);
      const { node, weft } = await versus(host, 'wc.wasm', (h) => ({ args: ['wc', 'in.txt', 'out.txt'], preopens: { '.': dirs[h] } }));
      assert.equal(weft.code, 0, String(weft.error));
      assert.equal(weft.code, node.code);
      assert.equal(weft.stdout, node.stdout);
      assert.equal(weft.stdout, '4 14 72 in.txt\n');
      assert.deepEqual(snapshotTree(dirs[host]), snapshotTree(dirs.node));
      assert.match(fs.readFileSync(path.join(dirs[host], 'out.txt'), 'utf8'), /^lines: 4\nwords: 14\nbytes: 72\nlongest line: 39$/m);
      for (const d of Object.values(dirs)) fs.rmSync(d, { recursive: true });
    });

    it('wc.wasm: a missing input is reported, exit 1', async () => {
      const dir = tmpDir('wc-missing');
      const { node, weft } = await versus(host, 'wc.wasm', () => ({ args: ['wc', 'nope.txt', 'out.txt'], preopens: { '.': dir } }));
      assert.equal(weft.code, 1);
      assert.equal(node.code, 1);
      assert.equal(weft.stderr, node.stderr);
      assert.match(weft.stderr, /No such file or directory/);
      fs.rmSync(dir, { recursive: true });
    });

    it('primes.wasm: exit code is the prime count mod 256', async () => {
      // 70000 is the smallest round size whose sieve makes malloc grow the memory, so the WASI calls
      // after it prove the host re-reads the buffer; the interpreter is slower, so no bigger.
      const n = host === 'weft' ? '100000' : '70000';
      const { node, weft } = await versus(host, 'primes.wasm', () => ({ args: ['primes', n] }));
      assert.equal(weft.stdout, node.stdout);
      assert.equal(weft.code, node.code);
      const [count, line] = host === 'weft' ? [9592, '9592 primes below 100000, largest 99991\n'] : [6935, '6935 primes below 70000, largest 69997\n'];
      assert.equal(weft.stdout, line);
      assert.equal(weft.code, count % 256);
    });

    for (const how of ['unreachable', 'oob', 'div0']) {
      it(`trap.wasm ${how}: the trap propagates out of start()`, async () => {
        const { node, weft } = await versus(host, 'trap.wasm', () => ({ args: ['trap', how] }));
        assert.ok(node.error instanceof WebAssembly.RuntimeError);
        if (host === 'weft') {
          assert.ok(weft.error instanceof WebAssembly.RuntimeError, String(weft.error));
          assert.equal((weft.error as Error).message, (node.error as Error).message);
        } else {
          assert.equal((weft.error as Error | null)?.name, 'RuntimeError', String(weft.error));
          if (weft.error instanceof RuntimeError) { // weft's own trap, with kind and wasm stack
            const kinds: Record<string, string> = { unreachable: 'unreachable', oob: 'out-of-bounds-memory', div0: 'div-by-zero' };
            assert.equal(weft.error.kind, kinds[how]);
            assert.ok(weft.error.wasmStack.some((f) => f.funcName === 'main'), weft.error.formatWasmStack());
          }
        }
        assert.equal(weft.stdout, `about to trap (${how})\n`);
        assert.equal(weft.stdout, node.stdout);
      });
    }
  });
}
