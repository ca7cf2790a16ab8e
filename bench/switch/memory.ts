/**
 * Memory of suspended continuations: parks N generators (default one million) at their first
 * yield and reports the heap growth per continuation. `node --expose-gc dist/bench/switch/memory.js [N]`
 */
import { invoke } from '../../src/runtime/index.js';
import { PARKED, exported, load, store } from './modules.js';

function used(): number {
  (globalThis as { gc?: () => void }).gc?.();
  const m = process.memoryUsage();
  return m.heapUsed + m.external + m.arrayBuffers;
}

export function measureParked(n: number): { bytesPerCont: number; totalMB: number; ms: number } {
  const s = store('interpreter');
  const inst = load(s, PARKED);
  const before = used();
  const t0 = performance.now();
  invoke(s, exported(inst, 'park'), [n]);
  const ms = performance.now() - t0;
  const after = used();
  // They really are alive and resumable.
  const r = invoke(s, exported(inst, 'next'), [n - 1]);
  if (r[0] !== 1) throw new Error(`generator ${n - 1} yielded ${r[0]}, expected 1`);
  return { bytesPerCont: (after - before) / n, totalMB: (after - before) / 2 ** 20, ms };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const n = Number(process.argv[2] ?? 1_000_000);
  if (!(globalThis as { gc?: unknown }).gc) console.error('(run with --expose-gc for exact numbers)');
  const r = measureParked(n);
  console.log(`${n} suspended continuations: ${r.totalMB.toFixed(1)} MB (${r.bytesPerCont.toFixed(0)} bytes each), parked in ${r.ms.toFixed(0)} ms`);
}
