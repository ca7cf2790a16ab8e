/** What the bench needs from an engine: load bytes, then call the kernel's `run(units)`. */

/** An instantiated kernel. `run` returns the checksum as an unsigned 32-bit number. */
export interface Runner {
  run(units: number): number;
}

export interface Engine {
  readonly name: string;
  /** One line for the legend: what this column is. */
  readonly about: string;
  /** null when usable here, otherwise why not (printed, and the column shows "n/a"). */
  probe(): Promise<string | null>;
  /** Bytes to a ready Runner (compile + instantiate). `key` names the module for caches. */
  load(bytes: Uint8Array, key: string): Promise<Runner>;
}

/** The exported `run` of an instance exports object, checked. */
export function exportedRun(exports: Record<string, unknown>, engine: string): (n: number) => unknown {
  const run = exports.run;
  if (typeof run !== 'function') throw new Error(`${engine}: module has no exported function "run"`);
  return run as (n: number) => unknown;
}
