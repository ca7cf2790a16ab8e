/**
 * Smoke test of the bench harness: one kernel at --quick size on native and weft's interpreter,
 * in a child process exactly as `npm run bench` runs it. Checks that the run succeeds and that
 * weft's checksum equals native's. No timing assertions: this machine's speed is not the point.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const RUN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../bench/run.js');

interface Cell { units: number; checksum: number }

const KERNEL = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../bench/kernels/fib.wasm');

/** The kernel's checksum for `units`, straight from Node's WebAssembly (independent of the harness). */
async function nativeChecksum(units: number): Promise<number> {
  const mod = await WebAssembly.compile(readFileSync(KERNEL));
  const inst = await WebAssembly.instantiate(mod, {});
  return ((inst.exports.run as (n: number) => number)(units)) >>> 0;
}

test('bench --quick: weft-interp agrees with native on the fib kernel', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'weft-bench-'));
  try {
    const out = path.join(dir, 'results.json');
    execFileSync(process.execPath, [RUN, '--quick', '--runs', '1', '--kernel', 'fib', '--engine', 'weft-interp', '--no-load', '--out', out], {
      stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000,
    });
    const results = JSON.parse(readFileSync(out, 'utf8')) as { kernels: { name: string; cells: Record<string, Cell | string> }[] };
    assert.equal(results.kernels.length, 1);
    const { cells } = results.kernels[0];
    const native = cells.native, weft = cells['weft-interp'];
    assert.equal(typeof native, 'object', `native: ${JSON.stringify(native)}`);
    assert.equal(typeof weft, 'object', `weft-interp: ${JSON.stringify(weft)}`);
    // The harness compares against native at weft's size; check the recorded value independently.
    const w = weft as Cell;
    assert.equal(w.checksum, await nativeChecksum(w.units));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
