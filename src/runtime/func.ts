/** Function instances: wasm functions of a module instance, or host functions. */
import type { DefType } from '../valid/canon-types.js';
import type { ModuleInstance } from './instance.js';
import type { Value } from './values.js';
import type { Compiled } from '../exec/compiled.js';
import type { Thread } from '../exec/thread.js';

/**
 * A host function returns its results, or a Suspension to suspend the calling wasm stack until the
 * promise settles (JSPI). Only stacks entered with `invokeAsync` can be suspended.
 */
export type HostFn = (args: Value[]) => Value[] | Suspension;

export class Suspension {
  constructor(readonly promise: Promise<Value[]>) {}
}

export class FuncInst {
  /** Interpreter code, translated on first call (see exec/compile.ts). */
  compiled: Compiled | null = null;
  /**
   * Compiled tier (src/jit): the function compiled to JS (compiled calling convention, see
   * jit/codegen.ts), or null; and the countdown of calls and loop back-edges before tier-up
   * (0 = not called yet; see jit/tier.ts `tierUp`).
   */
  jit: ((...args: never[]) => unknown) | null = null;
  hot = 0;
  /** With `jit`: its entry from the host with embedding Values (jit/bridge.ts `directEntry`), if any. */
  enter: ((t: Thread, args: readonly Value[]) => Value[]) | null = null;

  constructor(
    /** Canonical function type. */
    readonly type: DefType,
    /** Owning instance (null for host functions). */
    readonly instance: ModuleInstance | null,
    /** Index in the owning module's function index space (-1 for host functions). */
    readonly index: number,
    readonly host: HostFn | null,
  ) {}

  get params(): number {
    return (this.type.comp as { params: readonly unknown[] }).params.length;
  }
}

/** Wraps a JS function as a wasm function of the given canonical function type. */
export function hostFunc(type: DefType, fn: HostFn): FuncInst {
  if (type.comp.kind !== 'func') throw new TypeError('hostFunc: not a function type');
  return new FuncInst(type, null, -1, fn);
}
