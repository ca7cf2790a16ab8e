/**
 * Monitors by name, for `weft run --monitor a,b` and other embedders taking names from users.
 * A name may carry options in braces, as in Wizard's `--monitors=`: `calls{depth=3;trace=50}`.
 */
import { BranchesMonitor } from './branches.js';
import { CallsMonitor } from './calls.js';
import { CoverageMonitor } from './coverage.js';
import { HotnessMonitor } from './hotness.js';
import { LoopsMonitor } from './loops.js';
import type { Monitor } from './monitor.js';
import { OpcodeMonitor } from './opcodes.js';
import { ProfileMonitor } from './profile.js';

type Options = ReadonlyMap<string, number>;

interface Entry {
  readonly options: readonly string[];
  readonly make: (o: Options) => Monitor;
}

const REGISTRY: Readonly<Record<string, Entry>> = {
  coverage: { options: [], make: () => new CoverageMonitor() },
  opcodes: { options: [], make: () => new OpcodeMonitor() },
  profile: { options: [], make: () => new ProfileMonitor() },
  loops: { options: [], make: () => new LoopsMonitor() },
  branches: { options: [], make: () => new BranchesMonitor() },
  hotness: { options: ['top'], make: (o) => new HotnessMonitor(o.get('top') ?? 20) },
  calls: { options: ['depth', 'trace'], make: (o) => new CallsMonitor({ maxDepth: o.get('depth'), maxTrace: o.get('trace') ?? 200 }) },
};

export const MONITOR_NAMES: readonly string[] = Object.keys(REGISTRY);

/** Splits "a,b{x=1;y=2},c" at the commas outside braces. */
function specs(list: string): string[] {
  const out: string[] = [];
  let depth = 0, start = 0;
  for (let i = 0; i < list.length; i++) {
    const ch = list[i];
    if (ch === '{') depth++;
    else if (ch === '}') depth--;
    else if (ch === ',' && depth === 0) {
      out.push(list.slice(start, i));
      start = i + 1;
    }
  }
  out.push(list.slice(start));
  return out.map((s) => s.trim()).filter((s) => s !== '');
}

function parseSpec(spec: string): { name: string; options: Options } {
  const m = /^([a-z]+)(?:\{([^{}]*)\})?$/.exec(spec);
  if (!m) throw new Error(`bad monitor '${spec}' (expected NAME or NAME{option=N;...})`);
  const name = m[1]!;
  const entry = REGISTRY[name];
  if (!Object.hasOwn(REGISTRY, name) || entry === undefined) throw new Error(`unknown monitor '${name}' (expected ${MONITOR_NAMES.join(', ')})`);
  const options = new Map<string, number>();
  for (const kv of (m[2] ?? '').split(';').map((s) => s.trim()).filter((s) => s !== '')) {
    const [key, value] = kv.split('=').map((s) => s.trim());
    if (key === undefined || !entry.options.includes(key)) {
      throw new Error(`monitor ${name}: unknown option '${key}'${entry.options.length > 0 ? ` (expected ${entry.options.join(', ')})` : ''}`);
    }
    if (value === undefined || !/^\d+$/.test(value)) throw new Error(`monitor ${name}: option ${key} needs a count (${key}=N)`);
    options.set(key, Number(value));
  }
  return { name, options };
}

/** Throws an Error naming the first problem in a comma-separated list of monitor specs, if any. */
export function checkMonitorList(list: string): void {
  for (const s of specs(list)) parseSpec(s);
}

/** Monitors for comma-separated lists of specs (a name given twice: the first one wins). */
export function createMonitors(lists: readonly string[]): Monitor[] {
  const made = new Map<string, Monitor>();
  for (const list of lists) {
    for (const spec of specs(list)) {
      const { name, options } = parseSpec(spec);
      if (!made.has(name)) made.set(name, REGISTRY[name]!.make(options));
    }
  }
  return [...made.values()];
}
