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
  /** Fastest and slowest timed run (ms, as measured): the spread shows how noisy the machine was. */
  minMs: number;
  maxMs: number;
  /** medianMs scaled to kernel.units: comparable across engines. */
  scaledMs: number;
  checksum: number;
  /** The very first call, run(1), cold (lazy compilation, interpreter before tier-up, JIT warm-up). */
  coldUnitMs: number;
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
  // One-time setup (tables, lazy compilation) out of the way, timed for the record.
  const coldUnitMs = timed(() => runner.run(1)).ms;
  let units = cfg.baselineUnits;
  if (!isBaseline) {
    // Size the runs to the budget, and warm up: engines that tier up or JIT (weft's compiled tier,
    // V8 optimising generated JS) can be 100x faster after a few calls, so keep calling until the
    // size that fits the budget is stable (within 2x) for a few rounds. Never above native's size.
    units = 1;
    for (let round = 0; round < 8; round++) {
      // Best of two: one sample slowed by GC or a busy machine must not decide the size.
      const ms = Math.max(Math.min(timed(() => runner.run(units)).ms, timed(() => runner.run(units)).ms), 1e-3);
      const fit = Math.max(1, Math.min(cfg.baselineUnits, Math.round(units * cfg.budgetMs / ms)));
      const stable = fit <= units * 2 && fit * 2 >= units;
      units = Math.min(fit, units * 8);
      if (round >= 2 && stable) break;
    }
  }
  // V8 tiers wasm up (Liftoff -> TurboFan) in the background after some calls: give native a few.
  if (isBaseline) for (let i = 0; i < 2; i++) runner.run(units);
  const want = ref(units);
  const warm = runner.run(units); // last warm-up, and the correctness check
  if (warm !== want) throw new ChecksumMismatch(`${k.name}: checksum ${warm} at ${units} units, native says ${want}`);
  const times: number[] = [];
  for (let i = 0; i < cfg.runs; i++) {
    const { ms, value } = timed(() => runner.run(units));
    if (value !== want) throw new ChecksumMismatch(`${k.name}: checksum changed between runs (${value} vs ${want})`);
    times.push(ms);
  }
  const medianMs = median(times);
  return {
    units, medianMs, minMs: Math.min(...times), maxMs: Math.max(...times),
    scaledMs: medianMs * (k.units / units), checksum: want, coldUnitMs,
  };
}
