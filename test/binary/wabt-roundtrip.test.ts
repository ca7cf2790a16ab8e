/**
 * Byte-exact round trip against an oracle: wabt's wast2json compiles the spec testsuite's text
 * modules into canonical binaries; decoding and re-encoding each must give back the very same
 * bytes. Skipped when wabt is not installed.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeModule } from '../../src/binary/decode.js';
import { encodeModule } from '../../src/binary/encode.js';
import { ALL_FEATURES } from '../../src/features.js';
import { stripOffsets } from './strip.js';

const CORE = '/work/shared/testsuite/core';
const hasWabt = spawnSync('wast2json', ['--version']).status === 0;

/** Files that wabt 1.0.x understands and that exercise many encodings. */
const FILES = [
  'align', 'br_table', 'bulk', 'call_indirect', 'const', 'data', 'elem', 'exports', 'float_exprs',
  'global', 'imports', 'memory', 'names', 'select', 'simd_const', 'simd_lane', 'table_copy', 'traps',
];

test('wabt-compiled modules re-encode byte for byte', { skip: !hasWabt && 'wast2json not installed' }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'weft-binary-'));
  let same = 0, compared = 0;
  const diffs: string[] = [];
  try {
    for (const name of FILES) {
      const src = join(CORE, `${name}.wast`);
      if (!existsSync(src)) continue;
      const r = spawnSync('wast2json', ['--enable-all', src, '-o', join(dir, `${name}.json`)]);
      if (r.status !== 0) continue; // a wabt too old for this file: not our concern
      const lines = readFileSync(src, 'utf8').split('\n');
      const script = JSON.parse(readFileSync(join(dir, `${name}.json`), 'utf8')) as {
        commands: { type: string; line: number; filename?: string }[];
      };
      for (const c of script.commands) {
        if (c.type !== 'module' || !c.filename) continue;
        // Binary modules written out by hand need not be canonical; compare only compiled text.
        if (/\bbinary\b/.test(lines[c.line - 1] + (lines[c.line] ?? ''))) continue;
        const bytes = new Uint8Array(readFileSync(join(dir, c.filename)));
        const m = decodeModule(bytes, ALL_FEATURES);
        const out = encodeModule(m);
        compared++;
        if (Buffer.compare(Buffer.from(out), Buffer.from(bytes)) === 0) same++;
        else diffs.push(`${name}.wast:${c.line}`);
        assert.deepEqual(stripOffsets(decodeModule(out, ALL_FEATURES)), stripOffsets(m));
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(`wabt round trip: ${same}/${compared} byte-identical`);
  assert.deepEqual(diffs, []);
  assert.ok(compared > 100, `only ${compared} modules compared`);
});


