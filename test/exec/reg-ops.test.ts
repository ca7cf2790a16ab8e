import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { generatedCases, generatedColdCases, generatedEnum } from '../../src/exec/reg-table.js';

// ops.ts, interp.ts and reg-cold.ts hold text generated from reg-table.ts between `<reg-ops>` markers. This
// test fails when they drift from the table; `REGEN=1 node --test dist/test/exec/reg-ops.test.js`
// rewrites them (then rebuild).
const FILES: [string, () => string][] = [
  ['../../../src/exec/ops.ts', generatedEnum],
  ['../../../src/exec/interp.ts', generatedCases],
  ['../../../src/exec/reg-cold.ts', generatedColdCases],
];

for (const [rel, gen] of FILES) {
  test(`${rel.split('/').pop()} holds the generated register ops`, () => {
    const url = new URL(rel, import.meta.url);
    const src = readFileSync(url, 'utf8');
    const m = /^([ \t]*)\/\/ <reg-ops>\n([\s\S]*?)^[ \t]*\/\/ <\/reg-ops>$/m.exec(src);
    assert.ok(m, 'markers present');
    const want = gen();
    if (m[2] !== want && process.env.REGEN === '1') {
      const start = m.index + m[1].length + '// <reg-ops>\n'.length;
      writeFileSync(url, src.slice(0, start) + want + src.slice(start + m[2].length));
      return;
    }
    assert.equal(m[2], want, 'regenerate with REGEN=1');
  });
}
