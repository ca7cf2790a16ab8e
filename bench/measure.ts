/**
 * Timing one kernel on one engine. Interpreters are 10-1000x slower than V8, so each engine runs
 * as many units as fit in a time budget (calibrated by growing the size), and its median time is
 * scaled to the kernel's native unit count: every figure is "ms per native-sized run", whatever
 * size actually ran. The checksum of each size is checked against native's for the same size.
 */
import type { Kernel } from './kernels.js';
import type { Runner } from './engines/index.js';
import { median, timed } from './stats.js';

export interface Measurement {
  /** Units each timed run did. */
  units: number;
  /** Median ms of the timed runs, as measured. */
  medianMs: number;
  /** medianMs scaled to kernel.units: comparable across engines. */
  scaledMs: number;
  checksum: number;
}

export interface MeasureConfig {
  runs: number;
  /** Target ms for one timed run on a non-baseline engine. */
  budgetMs: number;
  /** Units for the baseline (native) engine. */
  baselineUnits: number;
}

/** Checksums of the reference engine, per unit count (computed on demand). */
export type Reference = (units: number) => number;

export class ChecksumMismatch extends Error {}

export function measure(k: Kernel, runner: Runner, isBaseline: boolean, cfg: MeasureConfig, ref: Reference): Measurement {
  let units = cfg.baselineUnits;
  if (!isBaseline) {
    // Grow the size until one run takes half the budget: this also warms up engines that tier
    // up or JIT (timing a single cold unit would badly mislead them). Never above native's size.
    runner.run(1); // one-time setup (tables, lazy compilation) out of the way
    units = 1;
    for (;;) {
      // Best of two: one sample slowed by GC or a busy machine must not stop the growth early.
      const ms = Math.max(Math.min(timed(() => runner.run(units)).ms, timed(() => runner.run(units)).ms), 1e-3);
      if (ms >= cfg.budgetMs / 2 || units >= cfg.baselineUnits) break;
      const next = Math.round(units * cfg.budgetMs / ms);
      units = Math.min(cfg.baselineUnits, Math.max(units + 1, Math.min(next, units * 8)));
    }
  }
  const want = ref(units);
  const warm = runner.run(units); // warm-up (tier-up, JIT), and the correctness check
  if (warm !== want) throw new ChecksumMismatch(`${k.name}: checksum ${warm} at ${units} units, native says ${want}`);
  const times: number[] = [];
  for (let i = 0; i < cfg.runs; i++) {
    const { ms, value } = timed(() => runner.run(units));
    if (value !== want) throw new ChecksumMismatch(`${k.name}: checksum changed between runs (${value} vs ${want})`);
    times.push(ms);
  }
  const medianMs = median(times);
  return { units, medianMs, scaledMs: medianMs * (k.units / units), checksum: want };
}
