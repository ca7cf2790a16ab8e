/**
 * Fixtures for the ESM tests: a temp directory of .wat (compiled to .wasm with weft's own text
 * parser and encoder), .mjs/.js and other files, and a runner that executes a main module in a
 * child Node process with weft's module hooks registered.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { encodeModule, parseModule } from '../../src/index.js';

/** dist/src/esm/ (this file runs from dist/test/esm/). */
export const ESM_DIST = fileURLToPath(new URL('../../src/esm/', import.meta.url));
export const REGISTER = join(ESM_DIST, 'register.js');

export function wasm(text: string): Uint8Array {
  return encodeModule(parseModule(text));
}

/**
 * Writes `files` into a new temp directory and returns its path. A name ending in `.wat` is
 * written as the compiled `.wasm`; `{esm}` in text files becomes the URL of dist/src/esm/.
 */
export function fixture(files: Record<string, string | Uint8Array>): string {
  const dir = mkdtempSync(join(tmpdir(), 'weft-esm-'));
  const esmUrl = new URL('../../src/esm/', import.meta.url).href;
  for (const [name, content] of Object.entries(files)) {
    const isWat = name.endsWith('.wat');
    const path = join(dir, isWat ? name.slice(0, -4) + '.wasm' : name);
    mkdirSync(dirname(path), { recursive: true });
    if (isWat) writeFileSync(path, wasm(content as string));
    else writeFileSync(path, typeof content === 'string' ? content.replaceAll('{esm}', esmUrl) : content);
  }
  return dir;
}

export interface RunResult { code: number | null; stdout: string; stderr: string; lines: unknown[] }

/** Runs `node [--import register.js] main` in `dir`; stdout lines that are JSON are parsed into `lines`. */
export function run(dir: string, main: string, { hooks = true } = {}): Promise<RunResult> {
  const args = [...(hooks ? ['--import', REGISTER] : []), main];
  return new Promise(resolve => {
    execFile(process.execPath, args, { cwd: dir, timeout: 30_000 }, (err, stdout, stderr) => {
      const lines = stdout.split('\n').filter(l => l.startsWith('{') || l.startsWith('[')).map(l => JSON.parse(l));
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr, lines });
    });
  });
}

/** A snippet for child mains: prints an error as one JSON line (name, message, class checks). */
export const REPORT_ERROR = `
function report(e, extra = {}) {
  console.log(JSON.stringify({ error: e?.name, ctor: e?.constructor?.name, message: String(e?.message), offset: e?.offset, ...extra }));
}
`;
