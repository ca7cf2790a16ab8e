/**
 * Sanity comparison of weft's error offsets with wasm-validate's (wabt, an oracle only; skipped if
 * it is not installed). wabt reports where its reader stood, usually just after the offending
 * field, while weft points at the field's first byte, so the two agree within a few bytes.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { OFFSET_CASES } from './offset-cases.js';

const WASM_VALIDATE = '/usr/bin/wasm-validate';
/** How far apart the two offsets may be: a LEB index or a limits pair. */
const SLACK = 4;

test('offsets agree with wasm-validate', t => {
  if (!existsSync(WASM_VALIDATE)) {
    t.skip('wasm-validate not installed (apt-get install -y wabt)');
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'weft-offsets-'));
  try {
    const file = join(dir, 'case.wasm');
    let compared = 0;
    for (const c of OFFSET_CASES) {
      if (!c.wabt) continue;
      writeFileSync(file, c.module.bytes);
      const r = spawnSync(WASM_VALIDATE, [file], { encoding: 'utf8' });
      assert.notEqual(r.status, 0, `${c.name}: wasm-validate accepted it`);
      const m = /(?:^|:)([0-9a-f]{7,8}): error/m.exec(r.stderr + r.stdout);
      assert.ok(m, `${c.name}: no offset in ${r.stderr}`);
      const theirs = parseInt(m[1], 16);
      assert.ok(Math.abs(theirs - c.module.at) <= SLACK,
        `${c.name}: weft 0x${c.module.at.toString(16)}, wabt 0x${theirs.toString(16)}`);
      compared++;
    }
    assert.ok(compared >= 20, `compared ${compared} cases`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
