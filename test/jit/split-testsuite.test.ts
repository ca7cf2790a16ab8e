/**
 * The core spec testsuite in the compiled tier with the body limit forced tiny (LIMITS.maxBodyChars
 * = 500: a function of more than ~15-30 instructions is split, many into nested regions), in this
 * process: shakes out the splitter (jit/split.ts) on every construct the suite has. Functions that
 * cannot be cut that small stay interpreted, which is correct too; the test checks that hundreds
 * were split. ~10 s. WEFT_SKIP_COMPILED_SUITE=1 skips it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { listWastFiles, runWastFile } from '../../src/script/node-files.js';
import { createEngine } from '../../src/script/engines.js';
import { summarize } from '../../src/script/result.js';
import { scriptFeatures } from '../../src/script/feature-profiles.js';
import { LIMITS } from '../../src/jit/codegen.js';
import { jitStats } from '../../src/jit/runtime.js';
import { testsuiteDir } from '../spec/suite.js';

const core = resolve(testsuiteDir(), 'core');

if (!existsSync(core) || process.env.WEFT_SKIP_COMPILED_SUITE) {
  test('core testsuite, compiled tier, tiny body limit', { skip: 'core testsuite not found or skipped' }, () => {});
} else {
  test('core testsuite, compiled tier, every function past 500 characters of JS split', () => {
    const saved = LIMITS.maxBodyChars;
    LIMITS.maxBodyChars = 500;
    const before = jitStats().split;
    const failures: string[] = [];
    let passed = 0;
    try {
      for (const file of listWastFiles([core])) {
        const features = scriptFeatures(file.name);
        const s = summarize(file.name, runWastFile(file, createEngine('internal:compiled', { features }), { features }), 3, 0);
        passed += s.passed;
        if (s.failed > 0) failures.push(`${s.name}: ${s.failures.join('; ')}`);
      }
    } finally {
      LIMITS.maxBodyChars = saved;
    }
    assert.deepEqual(failures, []);
    assert.ok(passed > 60000, `${passed} passed`);
    assert.ok(jitStats().split - before > 300, `${jitStats().split - before} functions split`);
  });
}
