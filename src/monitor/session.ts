/** Attaching a list of monitors to an instance and collecting their reports: what `weft run --monitor` does. */
import type { ModuleInstance } from '../runtime/instance.js';
import { compiledOf } from '../exec/code-cache.js';
import type { Monitor, RunOutcome } from './monitor.js';
import { createMonitors } from './registry.js';

/** Creates the monitors named in `lists` ("coverage,profile", repeatable) and attaches them to `inst`. */
export function attachMonitors(lists: readonly string[], inst: ModuleInstance): Monitor[] {
  const monitors = createMonitors(lists);
  for (const m of monitors) m.attach(inst);
  // Translate every function now, with all probe sites known: otherwise each function's first call
  // pays for its translation, which a profile would charge to the caller.
  for (const f of inst.funcs) if (f.instance === inst) compiledOf(f);
  return monitors;
}

/** Finishes every monitor with the run's outcome and returns their reports as text, one after another. */
export function finishMonitors(monitors: readonly Monitor[], outcome: RunOutcome = {}): string {
  for (const m of monitors) m.finish(outcome);
  return monitors.map((m) => m.format()).join('\n');
}

/**
 * Finishes every monitor and returns their reports as one JSON object keyed by monitor name, for
 * tools. i64 values become decimal strings, v128 values hex strings, references their kind.
 */
export function finishMonitorsAsJson(monitors: readonly Monitor[], outcome: RunOutcome = {}): string {
  for (const m of monitors) m.finish(outcome);
  const all: Record<string, unknown> = {};
  for (const m of monitors) all[m.name] = m.report();
  return JSON.stringify(all, (key, v: unknown) => {
    if (typeof v === 'bigint') return v.toString();
    if (v instanceof Uint8Array) return [...v].map((b) => b.toString(16).padStart(2, '0')).join('');
    // a reference read from the stack: say what it is, not its (possibly cyclic) contents
    if (key === 'value' && typeof v === 'object' && v !== null) return `ref:${(v as { constructor?: { name?: string } }).constructor?.name ?? 'object'}`;
    return v;
  });
}
