/**
 * Threads benchmark: N worker threads (1 and 2 by default) increment counters in one shared
 * WebAssembly.Memory with atomics, for a fixed total amount of work split evenly between workers.
 * Reports wall time, speedup over 1 worker, and checks that the final counts are exact.
 *
 *   node dist/bench/threads/run.js [--threads 1,2,4] [--n 2000000] [--lock-n 100000]
 */
import { availableParallelism, loadavg } from 'node:os';
import { WebAssembly } from '../../src/api/index.js';
import { encodeModule } from '../../src/binary/index.js';
import { parseModule } from '../../src/text/parse-module.js';
import { runOnWorkers } from '../../src/threads/node-threads.js';
import { COUNTERS_WAT } from './counters.js';

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
}

const THREADS = option('threads', '1,2').split(',').map(Number);
const TOTAL = Number(option('n', '2000000'));
const LOCK_TOTAL = Number(option('lock-n', '100000'));
const BYTES = encodeModule(parseModule(COUNTERS_WAT));

interface Kernel {
  readonly name: string;
  readonly total: number;
  readonly entry: string;
  readonly args: (worker: number, perWorker: number) => number[];
  /** The exact final count, read from memory. */
  readonly count: (words: Int32Array, threads: number) => number;
}

const KERNELS: readonly Kernel[] = [
  { name: 'shared counter (atomic add)', total: TOTAL, entry: 'add_shared', args: (_, n) => [n], count: w => w[2] },
  {
    name: 'own counters (atomic add)', total: TOTAL, entry: 'add_own', args: (i, n) => [i, n],
    count: (w, k) => { let s = 0; for (let i = 0; i < k; i++) s += w[16 * (i + 1)]; return s; },
  },
  { name: 'lock (cmpxchg + wait/notify)', total: LOCK_TOTAL, entry: 'locked', args: (_, n) => [n], count: w => w[1] },
];

async function main(): Promise<void> {
  console.log(`weft threads benchmark: ${availableParallelism()} CPUs, load ${loadavg()[0].toFixed(2)}, threads ${THREADS.join(',')}`);
  let allExact = true;
  for (const k of KERNELS) {
    console.log(`\n${k.name}: ${k.total} increments in total`);
    let base = 0;
    for (const threads of THREADS) {
      const per = Math.floor(k.total / threads);
      const memory = new WebAssembly.Memory({ initial: 1, maximum: 1, shared: true });
      const r = await runOnWorkers({ bytes: BYTES, memory, entry: k.entry, threads, args: i => k.args(i, per) });
      const got = k.count(new Int32Array(memory.buffer), threads);
      const want = per * threads;
      const exact = got === want;
      allExact &&= exact;
      if (threads === THREADS[0]) base = r.ms; // same total work: speedup = time ratio
      const rate = want / r.ms / 1000;
      console.log(`  ${threads} worker(s): ${r.ms.toFixed(0).padStart(6)} ms  ${rate.toFixed(2).padStart(6)} M incr/s  ` +
        `speedup ${(base / r.ms).toFixed(2)}x  count ${got} ${exact ? '(exact)' : `(WRONG, expected ${want})`}`);
    }
  }
  if (!allExact) process.exitCode = 1;
}

await main();
