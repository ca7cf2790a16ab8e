/**
 * A fixed run of the differential execution fuzzer (exec-diff.ts): modules binaryen generates from
 * seeded random bytes behave the same on native V8 and on weft, interpreter and compiled tier.
 * Skips when wasm-opt (binaryen, a test oracle) is not installed.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fuzzOne, haveWasmOpt } from './exec-diff.js';

const SEEDS = 40;

test(`${SEEDS} generated modules agree with native WebAssembly in both tiers`, { skip: !haveWasmOpt() && 'wasm-opt not installed' }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'weft-fuzz-'));
  try {
    const diffs: string[] = [];
    for (let seed = 1; seed <= SEEDS; seed++) diffs.push(...fuzzOne(seed, dir).diffs);
    assert.deepEqual(diffs, []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
