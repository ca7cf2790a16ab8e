/**
 * Stack-switching throughput: `node dist/bench/switch/run.js [seconds-per-case]`.
 * For each tier, operations per second of: a generator (one resume + one suspend per item), a
 * scheduler ping-pong (one `switch` per hand-over), and an ordinary call, for scale. Functions
 * that switch stacks always run in the interpreter (the compiled tier leaves them there), so under
 * 'auto' only the ordinary calls change. Also prints the memory of parked generators.
 */
import { invoke, type Store } from '../../src/runtime/index.js';
import { THROUGHPUT, exported, load, store } from './modules.js';
import { measureParked } from './memory.js';

const budget = Number(process.argv[2] ?? 0.3) * 1000;

/**
 * Calls export `name` with growing n until one call runs `budget` ms, then takes the best of three
 * runs at that n (the machine may be shared); returns operations per second.
 */
function rate(s: Store, name: string): number {
  const inst = load(s, THROUGHPUT), f = exported(inst, name);
  invoke(s, f, [1000]); // warm up (and let 'auto' tier up what it can)
  let n = 1000;
  for (;;) {
    const t0 = performance.now();
    invoke(s, f, [n]);
    const ms = performance.now() - t0;
    if (ms >= budget || n >= 1 << 28) break;
    n = Math.min(1 << 28, Math.ceil(n * Math.max(2, Math.min(16, budget / Math.max(ms, 1)))));
  }
  let best = Infinity;
  for (let k = 0; k < 3; k++) {
    const t0 = performance.now();
    invoke(s, f, [n]);
    best = Math.min(best, performance.now() - t0);
  }
  return n / (best / 1000);
}

function fmt(x: number): string {
  return x >= 1e6 ? `${(x / 1e6).toFixed(2)} M/s` : `${(x / 1e3).toFixed(1)} k/s`;
}

const rows: string[][] = [['tier', 'generator (resume+suspend)', 'ping-pong (switch)', 'ordinary call', 'call / switch']];
for (const tier of ['interpreter', 'auto'] as const) {
  const gen = rate(store(tier), 'generate');
  const ping = rate(store(tier), 'pingpong');
  const call = rate(store(tier), 'calls');
  rows.push([tier, fmt(gen), fmt(ping), fmt(call), `${(call / ping).toFixed(1)}x`]);
}
const widths = rows[0].map((_, i) => Math.max(...rows.map(r => r[i].length)));
for (const r of rows) console.log(r.map((c, i) => c.padEnd(widths[i])).join('  '));

const parked = measureParked(100_000);
console.log(`\nmemory: 100000 parked generators take ${parked.totalMB.toFixed(1)} MB (${parked.bytesPerCont.toFixed(0)} bytes each${(globalThis as { gc?: unknown }).gc ? '' : ', approximate: run with --expose-gc'})`);
