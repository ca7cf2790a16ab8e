/** Monitors by name, for `weft run --monitor a,b` and other embedders taking names from users. */
import { CallsMonitor } from './calls.js';
import { CoverageMonitor } from './coverage.js';
import type { Monitor } from './monitor.js';
import { OpcodeMonitor } from './opcodes.js';
import { ProfileMonitor } from './profile.js';

const FACTORIES: Readonly<Record<string, () => Monitor>> = {
  coverage: () => new CoverageMonitor(),
  opcodes: () => new OpcodeMonitor(),
  profile: () => new ProfileMonitor(),
  calls: () => new CallsMonitor({ maxTrace: 200 }),
};

export const MONITOR_NAMES: readonly string[] = Object.keys(FACTORIES);

/** Monitors for comma-separated lists of names (duplicates once, in first-mention order). */
export function createMonitors(lists: readonly string[]): Monitor[] {
  const names: string[] = [];
  for (const list of lists) {
    for (const raw of list.split(',')) {
      const name = raw.trim();
      if (name === '') continue;
      if (!Object.hasOwn(FACTORIES, name)) throw new Error(`unknown monitor '${name}' (expected ${MONITOR_NAMES.join(', ')})`);
      if (!names.includes(name)) names.push(name);
    }
  }
  return names.map((n) => FACTORIES[n]!());
}
