/**
 * wabt as an oracle: the text printed for real toolchain binaries (the repo's C examples), custom
 * sections left out, must assemble with wabt's wat2wasm to exactly the bytes weft encodes.
 * Skipped when wabt is not installed.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeModule } from '../../src/binary/decode.js';
import { encodeModule } from '../../src/binary/encode.js';
import { printModule } from '../../src/text/print.js';

const WAT2WASM = '/usr/bin/wat2wasm';
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

function binaries(): string[] {
  const out: string[] = [];
  for (const dir of ['examples', 'test/wasi/wasm']) {
    const d = join(ROOT, dir);
    if (existsSync(d)) for (const f of readdirSync(d)) if (f.endsWith('.wasm')) out.push(join(d, f));
  }
  return out.sort();
}

const files = binaries();
const skip = !existsSync(WAT2WASM) ? 'wabt (wat2wasm) not installed' : files.length === 0 ? 'no example binaries' : false;

test('wabt assembles printed text to the same bytes', { skip }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'weft-wabt-'));
  try {
    for (const file of files) {
      const m = { ...decodeModule(new Uint8Array(readFileSync(file))), customs: [] };
      const wat = join(dir, 'm.wat');
      const wasm = join(dir, 'm.wasm');
      writeFileSync(wat, printModule(m, { customs: 'none' }));
      const r = spawnSync(WAT2WASM, [wat, '-o', wasm], { encoding: 'utf8' });
      assert.equal(r.status, 0, `${file}: ${r.stderr}`);
      assert.deepEqual(new Uint8Array(readFileSync(wasm)), encodeModule(m), file);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
