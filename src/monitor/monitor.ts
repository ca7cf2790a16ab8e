/**
 * The Monitor contract: an observer attached to a module instance before its code runs. It decides
 * which byte offsets to probe from the decoded module (`Instr.offset`), counts or records in its
 * probe callbacks, is told once the run has ended (normally, by a trap, an exception or an exit),
 * and then produces structured data (`report`) and a human-readable text (`format`).
 *
 * Monitors only observe: they never change values, control flow or results. An instance with
 * probes runs in the interpreter only (the compiled tier refuses it), so monitoring costs speed.
 */
import type { ModuleInstance } from '../runtime/instance.js';

/** How the monitored run ended; `error` is whatever it threw (a trap, WasiExit, an exception...). */
export interface RunOutcome {
  readonly error?: unknown;
}

export interface Monitor<R = unknown> {
  /** Short name, as given to `weft run --monitor`. */
  readonly name: string;
  /** Installs the monitor's probes. Call before the instance runs any code to be observed. */
  attach(inst: ModuleInstance): void;
  /** The run is over: settle what is still open (frames that never returned, a trapped block). */
  finish(outcome?: RunOutcome): void;
  report(): R;
  format(): string;
}
