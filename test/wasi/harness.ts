/**
 * Test harness: runs a WASI command on Node's native WebAssembly under either node:wasi (the
 * reference) or weft's WASI, with stdio captured through temporary files, so both see identical
 * host descriptors and their results can be compared byte for byte.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { WebAssembly as weftApi } from '../../src/api/index.js';
import { WASI as WeftWASI, type PreopenOption } from '../../src/wasi/index.js';

/** The repository root (tests run from dist/test/wasi). */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const EXAMPLES = path.join(ROOT, 'examples');
export const TEST_WASM = path.join(ROOT, 'test/wasi/wasm');

export interface RunSpec {
  args?: string[];
  env?: Record<string, string>;
  preopens?: Record<string, PreopenOption>;
  stdin?: string;
}

export interface RunResult {
  /** Exit code, or null when the run threw (see `error`). */
  code: number | null;
  error: unknown;
  stdout: string;
  stderr: string;
}

/** node: node:wasi on native wasm; weft: weft WASI on native wasm; weft-api: weft WASI on weft's JS API. */
export type Host = 'node' | 'weft' | 'weft-api';

/** The weft WASI hosts to test: on native wasm (isolates WASI) and on weft's own engine. */
export const WEFT_HOSTS: readonly Host[] = ['weft', 'weft-api'];

/** A readable name for a host's engine, for test titles. */
export function engineName(host: Host): string {
  return { node: 'node:wasi', weft: 'native wasm', 'weft-api': "weft's JS API" }[host];
}

// node:wasi prints an ExperimentalWarning on first use; it is noise in test output.
const emitWarning = process.emitWarning.bind(process);
process.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
  if (!String(warning).includes('WASI is an experimental feature')) (emitWarning as (...a: unknown[]) => void)(warning, ...rest);
}) as typeof process.emitWarning;

export function tmpDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `weft-${prefix}-`));
}

/** node:wasi, imported lazily: loading it emits the warning, which must be filtered first. */
const nodeWasi = import('node:wasi');

async function makeWasi(host: Host, spec: RunSpec, stdio: [number, number, number]) {
  const [stdin, stdout, stderr] = stdio;
  if (host !== 'node') {
    return new WeftWASI({ args: spec.args, env: spec.env, preopens: spec.preopens, stdin, stdout, stderr, returnOnExit: true });
  }
  const preopens: Record<string, string> = {};
  for (const [guest, p] of Object.entries(spec.preopens ?? {})) preopens[guest] = typeof p === 'string' ? p : p.path;
  const { WASI: NodeWASI } = await nodeWasi;
  return new NodeWASI({ version: 'preview1', args: spec.args, env: spec.env, preopens, stdin, stdout, stderr, returnOnExit: true });
}

export async function runWasm(host: Host, wasmFile: string, spec: RunSpec = {}): Promise<RunResult> {
  const dir = tmpDir('stdio');
  const files = ['stdin', 'stdout', 'stderr'].map((n) => path.join(dir, n));
  fs.writeFileSync(files[0]!, spec.stdin ?? '');
  const fds = [fs.openSync(files[0]!, 'r'), fs.openSync(files[1]!, 'w'), fs.openSync(files[2]!, 'w')] as [number, number, number];
  let code: number | null = null;
  let error: unknown = null;
  try {
    const wasi = await makeWasi(host, spec, fds);
    const bytes = fs.readFileSync(wasmFile);
    const imports = wasi.getImportObject() as unknown as WebAssembly.Imports;
    const instance = host === 'weft-api' ? (await (weftApi as unknown as typeof WebAssembly).instantiate(bytes, imports)).instance
      : (await WebAssembly.instantiate(bytes, imports)).instance;
    try {
      code = wasi.start(instance as WebAssembly.Instance) ?? 0;
    } catch (e) {
      error = e;
    }
    if (wasi instanceof WeftWASI) wasi.close();
  } finally {
    fds.forEach((fd) => fs.closeSync(fd));
  }
  const result = { code, error, stdout: fs.readFileSync(files[1]!, 'utf8'), stderr: fs.readFileSync(files[2]!, 'utf8') };
  fs.rmSync(dir, { recursive: true, force: true });
  return result;
}

/** Every file below dir (relative path -> contents, or '->target' for symlinks, '/' for dirs). */
export function snapshotTree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (rel: string) => {
    for (const name of fs.readdirSync(path.join(dir, rel)).sort()) {
      const r = rel ? `${rel}/${name}` : name;
      const full = path.join(dir, r);
      const st = fs.lstatSync(full);
      if (st.isSymbolicLink()) out[r] = `->${fs.readlinkSync(full)}`;
      else if (st.isDirectory()) {
        out[r] = '/';
        walk(r);
      } else out[r] = fs.readFileSync(full, 'utf8');
    }
  };
  walk('');
  return out;
}
