/** Printing the results table and writing results.json. */
import { cpus, loadavg } from 'node:os';
import { writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Engine } from './engines/index.js';
import type { Kernel } from './kernels.js';
import type { Measurement } from './measure.js';
import type { BoundaryReport } from './boundary.js';
import type { LoadReport } from './load-time.js';
import { geomean } from './stats.js';

/** One cell: a measurement, or why there is none ("n/a: ...", "error: ..."). */
export type Cell = Measurement | string;

export interface Results {
  node: string;
  v8: string;
  cpu: string;
  /** 1-minute load average when the bench started: timings on a busy machine are noisy. */
  loadAvg: number;
  date: string;
  runs: number;
  quick: boolean;
  engines: { name: string; about: string; unavailable: string | null }[];
  kernels: { name: string; covers: string; units: number; cells: Record<string, Cell> }[];
  /** Per engine: geomean of (engine time / native time) over the kernels both ran. */
  geomean: Record<string, number | null>;
  load: LoadReport | null;
  calls: BoundaryReport | null;
}

export function environment(): Pick<Results, 'node' | 'v8' | 'cpu' | 'loadAvg' | 'date'> {
  const c = cpus();
  return {
    node: process.version, v8: process.versions.v8,
    cpu: c.length ? `${c[0].model.trim()} (${c.length} threads)` : 'unknown', loadAvg: loadavg()[0],
    date: new Date().toISOString(),
  };
}

export function ratioOf(cell: Cell | undefined, base: Cell | undefined): number | null {
  if (typeof cell !== 'object' || typeof base !== 'object') return null;
  return cell.scaledMs / base.scaledMs;
}

export function geomeans(kernels: Results['kernels'], engines: readonly Engine[]): Record<string, number | null> {
  const out: Record<string, number | null> = {};
  for (const e of engines) {
    const rs = kernels.map(k => ratioOf(k.cells[e.name], k.cells.native)).filter((r): r is number => r !== null);
    out[e.name] = rs.length ? geomean(rs) : null;
  }
  return out;
}

const fmtMs = (ms: number): string => (ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2));
const fmtRatio = (r: number): string => (r >= 100 ? r.toFixed(0) : r >= 10 ? r.toFixed(1) : r.toFixed(2)) + 'x';

function pad(s: string, w: number, right = false): string {
  return right ? s.padStart(w) : s.padEnd(w);
}

export function formatTable(r: Results): string {
  const names = r.engines.map(e => e.name);
  const cellText = (c: Cell | undefined, base: Cell | undefined): string => {
    if (c === undefined) return '-';
    if (typeof c === 'string') return c.startsWith('n/a') ? 'n/a' : 'ERROR';
    const ratio = ratioOf(c, base);
    return `${fmtMs(c.scaledMs)} ms${ratio === null ? '' : ` (${fmtRatio(ratio)})`}`;
  };
  const rows: string[][] = [['kernel', ...names]];
  for (const k of r.kernels) rows.push([k.name, ...names.map(n => cellText(k.cells[n], k.cells.native))]);
  rows.push(['geomean', ...names.map(n => (r.geomean[n] == null ? 'n/a' : fmtRatio(r.geomean[n]!)))]);
  const widths = rows[0].map((_, i) => Math.max(...rows.map(row => row[i].length)));
  const lines = rows.map(row => row.map((c, i) => pad(c, widths[i], i > 0)).join('  '));
  lines.splice(1, 0, widths.map(w => '-'.repeat(w)).join('  '));
  return lines.join('\n');
}

export function formatNotes(r: Results): string {
  const out: string[] = [];
  out.push(`node ${r.node} (V8 ${r.v8}), CPU: ${r.cpu}, load average ${r.loadAvg.toFixed(1)}, ${r.runs} timed runs per cell (median)${r.quick ? ', QUICK sizes' : ''}`);
  out.push('Each cell: median ms scaled to the kernel\'s native-sized run (engines run as many units as fit a');
  out.push('time budget; work is linear in units), and the ratio to native. Every result shown had native\'s checksum.');
  for (const e of r.engines) out.push(`  ${e.name.padEnd(14)} ${e.unavailable ? `n/a: ${e.unavailable}` : e.about}`);
  for (const k of r.kernels) out.push(`  ${k.name.padEnd(14)} ${k.covers} (native size: ${k.units} units)`);
  for (const k of r.kernels) {
    const errs = Object.entries(k.cells).filter(([, c]) => typeof c === 'string' && !c.startsWith('n/a'));
    for (const [e, c] of errs) out.push(`  ${k.name} on ${e}: ${c}`);
  }
  return out.join('\n');
}

export function formatLoad(l: LoadReport): string {
  const out = [`Load time of a generated ${(l.moduleBytes / 1048576).toFixed(2)} MiB module (${l.functions} functions), bytes -> first call result:`];
  for (const [e, v] of Object.entries(l.firstCallMs)) out.push(`  ${e.padEnd(14)} ${typeof v === 'number' ? `${fmtMs(v)} ms` : v}`);
  out.push(`weft decode + validate alone: ${fmtMs(l.weftDecodeValidateMs)} ms (decode ${fmtMs(l.weftDecodeMs)} ms, validate ${fmtMs(l.weftValidateMs)} ms; median of 5)`);
  return out.join('\n');
}

export function writeResults(file: string, r: Results): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(r, null, 2) + '\n');
}
