/**
 * Real toolchain output on weft: npm packages shipping .wasm from Emscripten (sql.js),
 * wasm-bindgen (lz4-wasm-nodejs, brotli-wasm) and clang (hash-wasm) run their own JS glue with
 * weft's WebAssembly installed as the global (in a child process, see workload.ts) and with
 * Node's native one; outputs must be identical. Prints the wall-time ratio weft/native.
 *
 * Needs `sh test/real/fetch-packages.sh` first; skips (with a message) otherwise.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CACHE, PACKAGES } from './workload.js';

const run = promisify(execFile);
const WORKLOAD = path.join(path.dirname(fileURLToPath(import.meta.url)), 'workload.js');

async function runOn(pkg: string, engine: 'native' | 'weft'): Promise<{ output: unknown; ms: number }> {
  const { stdout } = await run(process.execPath, [WORKLOAD, pkg, engine], { timeout: 90_000, maxBuffer: 1 << 24 });
  return JSON.parse(stdout.trim().split('\n').pop()!);
}

for (const pkg of PACKAGES) {
  const installed = existsSync(path.join(CACHE, 'node_modules', pkg, 'package.json'));
  test(`real: ${pkg} gives the same output on weft as on native`, { skip: installed ? false : `${pkg} not installed (run sh test/real/fetch-packages.sh)`, timeout: 120_000 }, async () => {
    const native = await runOn(pkg, 'native');
    const weft = await runOn(pkg, 'weft');
    assert.deepEqual(weft.output, native.output);
    const ratio = weft.ms / native.ms;
    console.log(`# real ${pkg}: native ${native.ms.toFixed(0)} ms, weft ${weft.ms.toFixed(0)} ms, weft/native ${ratio.toFixed(1)}x`);
  });
}
