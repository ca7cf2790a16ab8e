/**
 * Differential execution fuzzing: binaryen's `wasm-opt -ttf` turns random bytes into a valid module
 * (bounded loops and recursion, calls to logging imports, an export that hashes memory); every
 * export is called in order on Node's native WebAssembly and on weft's JS API with each tier
 * forced, and everything observable must agree: results, traps, the sequence of logged values and
 * the final memory.
 *
 * binaryen is a test oracle here (it only writes the input); the host's WebAssembly is the
 * reference. Run a campaign with `node dist/test/fuzz/exec-diff.js [first-seed] [count]`; the test
 * file runs a fixed handful of seeds when wasm-opt is installed.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { WebAssembly as Weft, configure } from '../../src/index.js';

/**
 * Features both Node 20's V8 and weft run by default. Not reference types: the binaryen Debian
 * ships (108) then writes typed references in the pre-standard encoding, which both reject. Not
 * SIMD: `--denan` does not reach vector lanes, and a lane NaN's sign is nondeterministic (x64's
 * sqrtpd makes -nan, JS +nan), which a later integer compare of the lanes exposes.
 */
const TTF_FEATURES = [
  '--enable-sign-ext', '--enable-nontrapping-float-to-int', '--enable-mutable-globals', '--enable-bulk-memory',
  '--enable-multivalue', '--enable-tail-call',
];

export function haveWasmOpt(): boolean {
  return spawnSync('wasm-opt', ['--version'], { encoding: 'utf8' }).status === 0;
}

/** mulberry32, so a seed names its module. */
function randomBytes(seed: number, n: number): Uint8Array {
  let a = seed >>> 0;
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    out[i] = (t ^ (t >>> 14)) >>> 24;
  }
  return out;
}

/** The module wasm-opt builds from the seed's random bytes. */
export function fuzzModule(seed: number, dir: string): Uint8Array {
  const input = join(dir, `seed-${seed}.dat`), output = join(dir, `seed-${seed}.wasm`);
  writeFileSync(input, randomBytes(seed, 4096 + (seed % 7) * 2048));
  // --denan: NaN payloads are nondeterministic in the spec (native x64 and weft pick differently,
  // and stores or reinterpretations make that visible), so the generated code never makes NaNs.
  const r = spawnSync('wasm-opt', ['-ttf', input, '--denan', '-o', output, ...TTF_FEATURES], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`wasm-opt failed for seed ${seed}: ${r.stderr}`);
  return new Uint8Array(readFileSync(output));
}

type Outcome = string;

/** A value as text, NaNs alike (their payloads are nondeterministic in the spec, so not compared). */
function show(v: unknown): string {
  if (typeof v === 'number') return Number.isNaN(v) ? 'nan' : Object.is(v, -0) ? '-0' : String(v);
  if (typeof v === 'bigint') return `${v}n`;
  if (v === null || v === undefined) return String(v);
  if (Array.isArray(v)) return `[${v.map(show).join(',')}]`;
  if (typeof v === 'function') return 'funcref';
  return typeof v;
}

interface Namespace {
  Module: new (b: Uint8Array) => object;
  Instance: new (m: object, i: object) => { exports: Record<string, unknown> };
  RuntimeError: new (...a: never[]) => Error;
}

/**
 * An error as a class of outcome. Running out of stack is 'stack' on both sides (V8 throws a
 * RangeError, weft a RuntimeError "call stack exhausted"); other traps compare by class only, since
 * messages differ between engines.
 */
function classify(e: unknown, ns: Namespace): string {
  if (e instanceof RangeError && /call stack/i.test(e.message)) return 'stack';
  if (e instanceof ns.RuntimeError) return /call stack exhausted/.test((e as Error).message) ? 'stack' : 'trap';
  if (e instanceof TypeError) return 'TypeError';
  // Both reject the module: the reasons are worded differently, the verdict is what counts.
  if (e instanceof Error && (e.name === 'CompileError' || e.name === 'LinkError')) return e.name;
  return `other: ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`;
}

/** Runs every exported function once, in order; returns one line per observable event. */
export function runOn(ns: Namespace, bytes: Uint8Array): Outcome[] {
  const events: Outcome[] = [];
  const log = (name: string) => (...args: unknown[]) => { events.push(`${name}(${args.map(show).join(',')})`); };
  // Any import wasm-opt adds: a logger, by name (missing ones would fail to link on both sides).
  const support = new Proxy({}, { get: (_t, name) => log(String(name)) });
  let inst: { exports: Record<string, unknown> };
  try {
    inst = new ns.Instance(new ns.Module(bytes), { 'fuzzing-support': support, env: support });
  } catch (e) {
    return [`instantiate: ${classify(e, ns)}`];
  }
  for (const [name, f] of Object.entries(inst.exports)) {
    if (typeof f !== 'function') continue;
    let stackOut = false;
    try {
      events.push(`${name} -> ${show((f as () => unknown)())}`);
    } catch (e) {
      const c = classify(e, ns);
      events.push(`${name} !! ${c}`);
      stackOut = c === 'stack';
    }
    // After running out of stack, what the unwound frames had logged depends on each engine's
    // stack size: compare only from the next export on.
    if (stackOut) {
      const at = events.lastIndexOf(events[events.length - 1]);
      let i = at - 1;
      while (i >= 0 && !/ (->|!!) /.test(events[i])) i--;
      events.splice(i + 1, at - i - 1);
    }
  }
  const mem = Object.values(inst.exports).find(v => v instanceof (ns as unknown as { Memory: new () => object }).Memory) as
    { buffer: ArrayBuffer } | undefined;
  if (mem) {
    let h = 0x811c9dc5;
    for (const b of new Uint8Array(mem.buffer)) h = Math.imul(h ^ b, 0x01000193);
    events.push(`memory ${mem.buffer.byteLength} ${h >>> 0}`);
  }
  return events;
}

export interface FuzzResult {
  readonly seed: number;
  /** Empty when every tier agrees with native. */
  readonly diffs: readonly string[];
}

/** Native vs weft's interpreter vs weft's compiled tier on one seed's module. */
export function fuzzOne(seed: number, dir: string): FuzzResult {
  const bytes = fuzzModule(seed, dir);
  const native = runOn(WebAssembly as unknown as Namespace, bytes);
  const diffs: string[] = [];
  for (const tier of ['interpreter', 'compiled'] as const) {
    configure({ tier, maxCallDepth: 20000 });
    const ours = runOn(Weft as unknown as Namespace, bytes);
    const n = Math.max(native.length, ours.length);
    for (let i = 0; i < n; i++) {
      if (native[i] !== ours[i]) {
        diffs.push(`seed ${seed} ${tier}: event ${i}: native ${native[i] ?? '<none>'} / weft ${ours[i] ?? '<none>'}`);
        break;
      }
    }
  }
  configure({});
  return { seed, diffs };
}

async function main(): Promise<void> {
  const first = Number(process.argv[2] ?? 1), count = Number(process.argv[3] ?? 100);
  if (!haveWasmOpt()) throw new Error('wasm-opt (binaryen) is not installed');
  const dir = mkdtempSync(join(tmpdir(), 'weft-fuzz-'));
  let bad = 0;
  try {
    for (let s = first; s < first + count; s++) {
      const r = fuzzOne(s, dir);
      for (const d of r.diffs) console.log(d);
      if (r.diffs.length) bad++;
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(`${count} seeds from ${first}: ${count - bad} agree, ${bad} differ`);
  process.exitCode = bad ? 1 : 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
