/**
 * Runs the spec's SIMD and relaxed-SIMD scripts through the tiny evaluator in spec-mini.ts, when
 * wabt's wast2json is installed (it is an oracle for tests only; the test is skipped without it).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runJson } from './spec-mini.js';

const CORE = '/work/shared/testsuite/core';
const WAST2JSON = '/usr/bin/wast2json';
const available = existsSync(WAST2JSON) && existsSync(CORE);

/** wabt 1.0.32 still spells the relaxed dot products without `relaxed_`. */
const forWabt = (text: string): string =>
  text.replace(/relaxed_dot_i8x16_i7x16_add_s/g, 'dot_i8x16_i7x16_add_s').replace(/relaxed_dot_i8x16_i7x16_s/g, 'dot_i8x16_i7x16_s');

test('spec SIMD scripts (core/simd_*.wast, relaxed)', { skip: !available && 'wast2json or testsuite missing' }, () => {
  const files = readdirSync(CORE).filter(f => f.endsWith('.wast') && (f.startsWith('simd_') || f.includes('relaxed')));
  const dir = mkdtempSync(join(tmpdir(), 'weft-simd-'));
  let passed = 0, failed = 0, skipped = 0;
  const failures: string[] = [];
  const skipReasons = new Map<string, number>();
  try {
    for (const f of files) {
      const base = f.replace(/\.wast$/, '');
      writeFileSync(join(dir, f), forWabt(readFileSync(join(CORE, f), 'utf8')));
      try {
        execFileSync(WAST2JSON, ['--enable-all', join(dir, f), '-o', join(dir, `${base}.json`)], { stdio: 'pipe' });
      } catch {
        failures.push(`${f}: wast2json failed`);
        continue;
      }
      const c = runJson(dir, `${base}.json`);
      passed += c.passed; failed += c.failed; skipped += c.skipped;
      failures.push(...c.failures);
      for (const [why, n] of c.skipReasons) skipReasons.set(why, (skipReasons.get(why) ?? 0) + n);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(`simd spec scripts: ${files.length} files, ${passed} passed, ${failed} failed, ${skipped} skipped`);
  console.log(`skipped because of: ${[...skipReasons].map(([w, n]) => `${w} x${n}`).join(', ')}`);
  if (failures.length) console.log(failures.slice(0, 40).join('\n'));
  assert.equal(failed, 0);
});
