/**
 * binaryen's wasm2js: the module is converted ahead of time to an ES module of plain JS, at bench
 * time, into bench/.cache/wasm2js, then imported. Uses the `wasm2js` CLI on PATH (Debian's
 * binaryen package) or the npm `binaryen` package's bin/wasm2js from fetch-engines.sh.
 * Load time therefore includes running a separate conversion process.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CACHE_DIR } from '../paths.js';
import { exportedRun, type Engine } from './engine.js';

const OUT_DIR = path.join(CACHE_DIR, 'wasm2js');
let tool: string | null | undefined;

function findTool(): string | null {
  if (tool !== undefined) return tool;
  const local = path.join(CACHE_DIR, 'node_modules/.bin/wasm2js');
  try {
    execFileSync('wasm2js', ['--version'], { stdio: 'ignore' });
    tool = 'wasm2js';
  } catch {
    tool = existsSync(local) ? local : null;
  }
  return tool;
}

let loads = 0;

export const wasm2js: Engine = {
  name: 'wasm2js',
  about: 'binaryen wasm2js -O2: converted to a JS module at bench time (load includes conversion)',
  async probe() {
    return findTool() ? null : 'wasm2js not found (apt-get install binaryen, or sh bench/fetch-engines.sh)';
  },
  async load(bytes, key) {
    const exe = findTool();
    if (!exe) throw new Error('wasm2js not available');
    mkdirSync(OUT_DIR, { recursive: true });
    const hash = createHash('sha256').update(bytes).digest('hex').slice(0, 12);
    const wasmFile = path.join(OUT_DIR, `${key}-${hash}.wasm`);
    const jsFile = path.join(OUT_DIR, `${key}-${hash}.mjs`);
    writeFileSync(wasmFile, bytes);
    // Converted every time (not cached) so that load time really includes the conversion.
    execFileSync(exe, [wasmFile, '-O2', '-o', jsFile], { stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 26 });
    // A fresh URL per load: each import must evaluate the module anew (fresh memory).
    const mod = await import(`${pathToFileURL(jsFile).href}?load=${loads++}`) as Record<string, unknown>;
    const run = exportedRun(mod, 'wasm2js');
    return { run: n => (run(n) as number) >>> 0 };
  },
};
