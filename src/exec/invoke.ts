/**
 * Entering wasm from the host: arguments are written to the thread's value stack, a frame is set
 * up, and the interpreter runs until that frame returns. Re-entrant: a host function called from
 * wasm may invoke wasm again on the same thread; the new activation sits above the current frames.
 */
import { Thread } from './thread.js';
import type { FuncInst } from '../runtime/func.js';
import type { Value } from '../runtime/values.js';
import type { CValType } from '../valid/canon-types.js';
import { cellToValue, valueToCell } from '../runtime/cells.js';
import { run, callHost } from './interp.js';
import { compiledOf } from './code-cache.js';
import type { Compiled } from './compiled.js';
import type { ModuleInstance } from '../runtime/instance.js';
import { tierUp } from '../jit/tier.js';
import { canEnter, enterCompiled } from '../jit/bridge.js';

function sig(f: FuncInst): { params: readonly CValType[]; results: readonly CValType[] } {
  return f.type.comp as { params: readonly CValType[]; results: readonly CValType[] };
}

function writeArgs(t: Thread, base: number, types: readonly CValType[], args: readonly Value[]): void {
  for (let k = 0; k < types.length; k++) {
    const ty = types[k];
    if (typeof ty === 'object') t.refs[base + k] = args[k];
    else valueToCell(ty, args[k], t.i32, (base + k) * 4);
  }
}

function readResults(t: Thread, base: number, types: readonly CValType[]): Value[] {
  const out: Value[] = [];
  for (let k = 0; k < types.length; k++) out.push(cellToValue(types[k], t.i32, (base + k) * 4, t.refs[base + k]));
  return out;
}

/**
 * Runs `c` as a new activation with the arguments already at slots base..; results end up at base.
 * Exported for the compiled tier's calls into the interpreter (src/jit/bridge.ts).
 */
export function activate(t: Thread, c: Compiled, inst: ModuleInstance, fn: FuncInst | null, base: number): boolean {
  t.ensure(base + c.frameSlots);
  const w = t.i32, refs = t.refs;
  for (let s = base + c.nparams; s < base + c.nlocals; s++) {
    const i = s << 2;
    w[i] = 0; w[i + 1] = 0; w[i + 2] = 0; w[i + 3] = 0;
    refs[s] = null;
  }
  const fr = t.pushFrame();
  fr.fn = fn; fr.c = c; fr.inst = inst; fr.fp = base; fr.pc = 0;
  t.sp = base + c.nlocals;
  return run(t, t.depth);
}

/** Calls `f` with `args` (Values, see runtime/values.ts); returns its results. */
export function invokeFunc(t: Thread, f: FuncInst, args: readonly Value[]): Value[] {
  const { params, results } = sig(f);
  if (args.length !== params.length) throw new TypeError(`expected ${params.length} arguments, got ${args.length}`);
  const base = t.sp;
  const compiled = f.host === null && (f.jit !== null || (--f.hot < 0 && tierUp(t, f))) && canEnter(t);
  try {
    if (compiled && f.enter !== null) return f.enter(t, args); // compiled tier, without the value stack
    t.ensure(base + params.length + results.length + 1);
    writeArgs(t, base, params, args);
    if (f.host !== null) {
      t.sp = base + params.length;
      callHost(t, f, t.sp);
    } else if (compiled) {
      enterCompiled(t, f, base + params.length);
    } else {
      if (!activate(t, compiledOf(f), f.instance!, f, base)) throw new Error('unreachable: suspension on a synchronous stack');
    }
    return readResults(t, base, results);
  } finally {
    t.sp = base;
  }
}

/** Evaluates a translated constant expression in `inst`; returns its single value. */
export function evalConst(t: Thread, c: Compiled, inst: ModuleInstance, type: CValType): Value {
  const base = t.sp;
  try {
    activate(t, c, inst, null, base);
    return cellToValue(type, t.i32, base * 4, t.refs[base]);
  } finally {
    t.sp = base;
  }
}

/**
 * Calls `f` on a fresh, suspendable stack (JSPI's `promising`): whenever a host function returns a
 * Suspension, the wasm frames stay where they are on that stack, the promise is awaited, its
 * values become the host function's results, and execution continues. Other invocations may run
 * on the store's main stack meanwhile.
 */
export async function invokeAsync(main: Thread, f: FuncInst, args: readonly Value[]): Promise<Value[]> {
  const { params, results } = sig(f);
  if (args.length !== params.length) throw new TypeError(`expected ${params.length} arguments, got ${args.length}`);
  if (f.host !== null) return invokeFunc(main, f, args);
  const t = new Thread(main.maxDepth, main.maxSlots, 256);
  t.suspendable = true;
  t.fuel = main.fuel;
  t.ensure(params.length + results.length + 1);
  writeArgs(t, 0, params, args);
  let done = activate(t, compiledOf(f), f.instance!, f, 0);
  while (!done) {
    // `at`: the stack of the suspended host call, this one or a continuation resumed from it.
    const s = t.suspension!, g = t.suspendedFn!, at = t.resumeAt ?? t;
    t.suspension = null;
    t.suspendedFn = null;
    let values: Value[];
    try {
      values = await s.promise;
    } catch (e) {
      // A rejection resumes the stack by throwing at the suspended call (see Thread.resumeThrow).
      at.resumeThrow = { error: e };
      done = run(t, 0);
      continue;
    }
    const rs = sig(g).results;
    if (values.length !== rs.length) throw new TypeError(`suspended host function resolved ${values.length} results, expected ${rs.length}`);
    at.ensure(at.sp + rs.length + 1);
    writeArgs(at, at.sp, rs, values);
    at.sp += rs.length;
    done = run(t, 0);
  }
  return readResults(t, 0, results);
}
