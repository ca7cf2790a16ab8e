/**
 * Load-time report: for a generated ~1 MB module, the time from bytes to the result of the first
 * call (compile + instantiate + call of a
 * cheap exported function) on each engine, and weft's decode + validate time alone.
 */
import type { Engine } from './engines/index.js';
import { decodeThenValidate } from './engines/weft.js';
import { bigModule, bigModuleFunctions } from './big-module.js';
import { median, timedAsync } from './stats.js';

export interface LoadReport {
  moduleBytes: number;
  functions: number;
  /** Median ms from bytes to first result, per engine (a string when it failed). */
  firstCallMs: Record<string, number | string>;
  /** weft: decodeModule + validateModule, median ms; and each alone. */
  weftDecodeValidateMs: number;
  weftDecodeMs: number;
  weftValidateMs: number;
}

export async function loadReport(engines: readonly Engine[], quick: boolean, runs: number): Promise<LoadReport> {
  const bytes = bigModule(quick ? 1 << 17 : 1 << 20);
  const firstCallMs: Record<string, number | string> = {};
  let expected: number | null = null; // the first engine's result (native's): all must agree
  for (const e of engines) {
    try {
      const times: number[] = [];
      for (let i = 0; i < runs; i++) {
        const { ms, value } = await timedAsync(async () => (await e.load(bytes, 'big')).run(7));
        expected ??= value;
        if (value !== expected) throw new Error(`run(7) returned ${value}, expected ${expected}`);
        times.push(ms);
        if (ms > 2000) break; // slow converters (wasm2js): one sample is enough
      }
      firstCallMs[e.name] = median(times);
    } catch (err) {
      firstCallMs[e.name] = `error: ${(err as Error).message.split('\n')[0]}`;
    }
  }
  const samples = Array.from({ length: Math.max(runs, 5) }, () => decodeThenValidate(bytes));
  return {
    moduleBytes: bytes.length, functions: bigModuleFunctions(bytes), firstCallMs,
    weftDecodeValidateMs: median(samples.map(s => s.decodeMs + s.validateMs)),
    weftDecodeMs: median(samples.map(s => s.decodeMs)), weftValidateMs: median(samples.map(s => s.validateMs)),
  };
}
