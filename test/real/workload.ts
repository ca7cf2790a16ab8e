/**
 * One real-toolchain workload, run in a child process by real.test.ts:
 *   node dist/test/real/workload.js <package> <native|weft>
 * With `weft`, weft's polyfill replaces globalThis.WebAssembly before the package loads, so the
 * package's own glue (Emscripten, wasm-bindgen, hash-wasm's loader) runs unmodified on weft.
 * Prints one JSON line: { output, ms } — output is compared across engines, ms is wall time of
 * loading + instantiating + running the workload.
 */
import { createRequire } from 'node:module';
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const here = path.dirname(fileURLToPath(import.meta.url));
export const CACHE = path.resolve(here, '../../../test/.cache/real');
const requireFromCache = createRequire(path.join(CACHE, 'package.json'));

/** Deterministic, compressible input (a repeating-ish text with a PRNG twist). */
export function sampleData(n: number): Uint8Array {
  const words = ['wasm', 'weft', 'stack', 'table', 'memory', 'global', 'import', 'export', 'module', 'thread'];
  const out = new Uint8Array(n);
  let seed = 12345;
  let i = 0;
  while (i < n) {
    seed = (seed * 1103515245 + 12345) >>> 0;
    const w = words[seed % words.length] + (seed % 7 === 0 ? '\n' : ' ');
    for (let k = 0; k < w.length && i < n; k++) out[i++] = w.charCodeAt(k);
  }
  return out;
}

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

const WORKLOADS: Record<string, () => Promise<unknown>> = {
  'sql.js': async () => {
    const initSqlJs = requireFromCache('sql.js');
    const SQL = await initSqlJs();
    const db = new SQL.Database();
    db.run('CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT, score REAL)');
    const stmt = db.prepare('INSERT INTO t (name, score) VALUES (?, ?)');
    for (let i = 0; i < 200; i++) stmt.run([`n${i % 17}`, (i * 37) % 101 / 3]);
    stmt.free();
    const res = db.exec('SELECT name, COUNT(*), ROUND(SUM(score), 3), MAX(id) FROM t GROUP BY name ORDER BY name');
    const v = db.exec("SELECT sqlite_version(), hex(zeroblob(2)), upper('weft'), 7 * 6");
    db.close();
    return { res, v };
  },
  'hash-wasm': async () => {
    const hw = requireFromCache('hash-wasm');
    const data = sampleData(1 << 16);
    return {
      sha256: await hw.sha256(data), md5: await hw.md5(data), xxhash64: await hw.xxhash64(data),
      blake3: await hw.blake3(data), crc32: await hw.crc32(data), sha3: await hw.sha3(data.subarray(0, 4096)),
    };
  },
  'lz4-wasm-nodejs': async () => {
    const lz4 = requireFromCache('lz4-wasm-nodejs');
    const data = sampleData(1 << 16);
    const c: Uint8Array = lz4.compress(data);
    const d: Uint8Array = lz4.decompress(c);
    return { compressed: c.length, sha: sha(c), roundTrip: sha(d) === sha(data) };
  },
  'brotli-wasm': async () => {
    const brotli = requireFromCache('brotli-wasm');
    const data = sampleData(1 << 14);
    const c: Uint8Array = brotli.compress(data, { quality: 5 });
    const d: Uint8Array = brotli.decompress(c);
    return { compressed: c.length, sha: sha(c), roundTrip: sha(d) === sha(data) };
  },
};

export const PACKAGES = Object.keys(WORKLOADS);

async function main(): Promise<void> {
  const [pkg, engine] = process.argv.slice(2);
  const work = WORKLOADS[pkg];
  if (!work) throw new Error(`unknown package ${pkg}`);
  const t0 = performance.now();
  if (engine === 'weft') await import('../../src/api/polyfill.js');
  const output = await work();
  const ms = performance.now() - t0;
  process.stdout.write(JSON.stringify({ output, ms }) + '\n');
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch(e => {
    process.stderr.write(String(e?.stack ?? e) + '\n');
    process.exit(1);
  });
}
