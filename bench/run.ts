/**
 * `npm run bench`: runs the C kernels (bench/kernels) on every engine in one node process, checks
 * that all engines compute native's checksums, prints per kernel the median time and the ratio to
 * native, the geomean ratio per engine, and the load time of a ~1 MB module; writes results.json.
 * Options: see options.ts (--runs N, --kernel NAME, --engine NAME, --quick, --no-load, --out FILE).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ENGINES, type Engine, type Runner } from './engines/index.js';
import { KERNELS, kernelBytes, type Kernel } from './kernels.js';
import { ChecksumMismatch, measure, type MeasureConfig } from './measure.js';
import { loadReport } from './load-time.js';
import { boundaryReport, formatBoundary } from './boundary.js';
import { parseOptions, type BenchOptions } from './options.js';
import { BENCH_DIR, CACHE_DIR } from './paths.js';
import {
  environment, formatLoad, formatNotes, formatTable, geomeans, writeResults, type Cell, type Results,
} from './report.js';

/** Time budget (ms) of one timed run on a non-native engine; keeps the default bench < 3 min. */
const BUDGET_MS = 150;
const QUICK_BUDGET_MS = 10;

function select<T extends { name: string }>(all: readonly T[], wanted: readonly string[], what: string): T[] {
  for (const w of wanted) if (!all.some(x => x.name === w)) throw new Error(`unknown ${what} ${w} (known: ${all.map(x => x.name).join(', ')})`);
  return wanted.length ? all.filter(x => wanted.includes(x.name)) : [...all];
}

/** native's checksum for a unit count, computed once per count. */
function reference(native: Runner): (units: number) => number {
  const memo = new Map<number, number>();
  return units => {
    let v = memo.get(units);
    if (v === undefined) memo.set(units, v = native.run(units));
    return v;
  };
}

async function benchKernel(k: Kernel, engines: readonly Engine[], unavailable: Map<string, string | null>, o: BenchOptions): Promise<Results['kernels'][number]> {
  const bytes = kernelBytes(k);
  const baseUnits = o.quick ? Math.max(1, Math.round(k.units / 10)) : k.units;
  const cfg: MeasureConfig = { runs: o.runs, budgetMs: o.quick ? QUICK_BUDGET_MS : BUDGET_MS, baselineUnits: baseUnits };
  const ref = reference(await ENGINES[0].load(bytes, k.name));
  const cells: Record<string, Cell> = {};
  for (const e of engines) {
    const why = unavailable.get(e.name);
    if (why) { cells[e.name] = `n/a: ${why}`; continue; }
    try {
      const m = measure(k, await e.load(bytes, k.name), e.name === 'native', cfg, ref);
      // Scale to the kernel's full native size even in quick mode, so the table reads the same.
      cells[e.name] = { ...m, scaledMs: m.medianMs * (k.units / m.units) };
    } catch (err) {
      const msg = (err as Error).message.split('\n')[0];
      cells[e.name] = err instanceof ChecksumMismatch ? `checksum mismatch: ${msg}` : `error: ${msg}`;
    }
    process.stderr.write(`  ${k.name} / ${e.name}: ${describe(cells[e.name])}\n`);
  }
  return { name: k.name, covers: k.covers, units: k.units, cells };
}

function describe(c: Cell): string {
  return typeof c === 'string' ? c : `${c.units} units, median ${c.medianMs.toFixed(2)} ms`;
}

export async function main(argv: readonly string[]): Promise<{ results: Results; ok: boolean }> {
  const o = parseOptions(argv);
  const kernels = select(KERNELS, o.kernels, 'kernel');
  const picked = select(ENGINES, o.engines, 'engine');
  const engines = picked.some(e => e.name === 'native') ? picked : [ENGINES[0], ...picked];
  const unavailable = new Map<string, string | null>();
  for (const e of engines) {
    try {
      unavailable.set(e.name, await e.probe());
    } catch (err) {
      unavailable.set(e.name, `probe failed: ${(err as Error).message.split('\n')[0]}`);
    }
  }
  const t0 = performance.now();
  const rows: Results['kernels'] = [];
  for (const k of kernels) rows.push(await benchKernel(k, engines, unavailable, o));
  const usable = engines.filter(e => !unavailable.get(e.name));
  const load = o.load ? await loadReport(usable, o.quick, o.quick ? 1 : 3) : null;
  const calls = o.calls ? boundaryReport(o.quick ? 1 : 5) : null;
  const results: Results = {
    ...environment(), runs: o.runs, quick: o.quick,
    engines: engines.map(e => ({ name: e.name, about: e.about, unavailable: unavailable.get(e.name) ?? null })),
    kernels: rows, geomean: geomeans(rows, engines), load, calls,
  };
  console.log(formatTable(results));
  console.log(formatNotes(results));
  if (load) console.log(formatLoad(load));
  if (calls) console.log(formatBoundary(calls));
  console.log(`bench took ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const out = o.out ?? (o.quick ? path.join(CACHE_DIR, 'results-quick.json') : path.join(BENCH_DIR, 'results.json'));
  writeResults(out, results);
  console.log(`results written to ${path.relative(process.cwd(), out) || out}`);
  // Only weft's own errors fail the run: another engine's wrong answer (polywasm's checksum on the
  // f32 kernel differs from native's) is reported in its cell and the notes.
  const ok = rows.every(r => Object.entries(r.cells).every(([e, c]) => !e.startsWith('weft') || typeof c !== 'string' || c.startsWith('n/a')));
  return { results, ok };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).then(({ ok }) => {
    if (!ok) {
      console.error('weft failed or disagreed with native (see above)');
      process.exitCode = 1;
    }
  }, err => {
    console.error((err as Error).message);
    process.exitCode = 2;
  });
}
