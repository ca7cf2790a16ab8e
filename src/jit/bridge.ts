/**
 * Crossing between the tiers. The interpreter keeps values in 16-byte stack cells; compiled code
 * passes them as JS arguments (i64 as two int32 words, f32/f64 as numbers, see bits.ts).
 *  - `enterCompiled`: an interpreter call op (or `invokeFunc`) calls a compiled function with the
 *    arguments on top of the thread's value stack and puts the results back there.
 *  - `callSlow`: compiled code calls a function that is not compiled (host function, or wasm still
 *    in the interpreter) by writing the arguments to the value stack above everything in use and
 *    running the re-entrant interpreter there.
 * Calls between the host and compiled code that need no value stack are in host-boundary.ts.
 * Compiled functions take one argument more than their wasm parameters: `dp`, the estimated
 * host-stack words used by compiled frames below (see codegen.ts assemble).
 */
import type { Thread } from '../exec/thread.js';
import type { FuncInst } from '../runtime/func.js';
import type { CValType } from '../valid/canon-types.js';
import { callHost } from '../exec/interp.js';
import { activate } from '../exec/invoke.js';
import { compiledOf } from '../exec/code-cache.js';
import { f32FromBits, f32ToBits } from './bits.js';
import { RT } from './runtime.js';

export type JitFn = (...args: unknown[]) => unknown;

/** Host-stack words an interpreter activation (or a host function) entered from compiled code uses (estimate). */
export const INTERP_WORDS = 256;

export function sig(g: FuncInst): { params: readonly CValType[]; results: readonly CValType[] } {
  return g.type.comp as { params: readonly CValType[]; results: readonly CValType[] };
}

/** Reads the cell at `slot` as compiled-convention value(s) into `out`. */
export function readCell(t: Thread, ty: CValType, slot: number, out: unknown[]): void {
  const w = slot << 2;
  switch (ty) {
    case 'i32': out.push(t.i32[w]); return;
    case 'i64': out.push(t.i32[w], t.i32[w + 1]); return;
    case 'f32': out.push(f32FromBits(t.i32[w])); return;
    case 'f64': out.push(t.f64[slot << 1]); return;
    case 'v128': out.push(t.i32[w], t.i32[w + 1], t.i32[w + 2], t.i32[w + 3]); return;
    default: out.push(t.refs[slot]);
  }
}

/**
 * An empty array with generic (tagged) elements. Arrays that V8 gives double elements would
 * canonicalize NaNs, losing signalling-NaN bits; so value lists never start life as `[]`.
 */
export function valueList(): unknown[] {
  const a: unknown[] = [null];
  a.length = 0;
  return a;
}

/** Writes compiled-convention value(s) vals[i..] to the cell at `slot`; returns the next i. */
function writeCell(t: Thread, ty: CValType, slot: number, vals: readonly unknown[], i: number): number {
  const w = slot << 2;
  switch (ty) {
    case 'i32': t.i32[w] = vals[i] as number; return i + 1;
    case 'i64': t.i32[w] = vals[i] as number; t.i32[w + 1] = vals[i + 1] as number; return i + 2;
    case 'f32': t.i32[w] = f32ToBits(vals[i] as number); return i + 1;
    case 'f64': t.f64[slot << 1] = vals[i] as number; return i + 1;
    case 'v128':
      for (let k = 0; k < 4; k++) t.i32[w + k] = vals[i + k] as number;
      return i + 4;
    default: t.refs[slot] = vals[i]; return i + 1;
  }
}

/** Whether the interpreter may call compiled code on thread `t` now (see README: tiers). */
export function canEnter(t: Thread): boolean {
  return t.parent === null && !t.suspendable && t.fuel === Infinity && RT.depth < RT.limit;
}

/** Calls compiled `g` with its arguments at the top of `t`'s stack (ending at `sp`); returns the new sp. */
export function enterCompiled(t: Thread, g: FuncInst, sp: number): number {
  const { params, results } = sig(g);
  const base = sp - params.length;
  const args = valueList();
  for (let k = 0; k < params.length; k++) readCell(t, params[k], base + k, args);
  args.push(RT.depth); // the compiled convention's last argument: host-stack words in use below
  t.sp = base;
  const prev = RT.thread, depth = RT.depth;
  RT.thread = t;
  let r: unknown;
  try {
    r = (g.jit as JitFn).apply(null, args);
  } finally {
    RT.thread = prev;
    RT.depth = depth;
  }
  storeResults(t, results, base, r);
  return base + results.length;
}

/** Writes the results of a compiled call (`r`, plus RT.hi / RT.res) to the cells from `base`. */
export function storeResults(t: Thread, results: readonly CValType[], base: number, r: unknown): void {
  t.ensure(base + results.length + 1);
  if (results.length === 1 && results[0] !== 'v128') {
    const vals = valueList();
    vals.push(r, RT.hi);
    writeCell(t, results[0], base, vals, 0);
  } else if (results.length >= 1) {
    let i = 0;
    const vals = RT.res; // generic elements (see runtime.ts)
    for (let k = 0; k < results.length; k++) i = writeCell(t, results[k], base + k, vals, i);
  }
}

/**
 * Runs `g` (host or interpreted wasm) for compiled code; compiled calling convention both ways
 * (the last argument is the caller's depth: it becomes RT.depth while `g` runs, so that compiled
 * code entered from the interpreter continues counting from there).
 */
export function callSlow(g: FuncInst, args: readonly unknown[]): unknown {
  const t = RT.thread!;
  const { params, results } = sig(g);
  const base = t.sp;
  const depth = RT.depth;
  // The interpreter's own host frames (activate, the dispatch loop) count too, generously.
  RT.depth = (args[args.length - 1] as number) + INTERP_WORDS;
  try {
    t.ensure(base + Math.max(params.length, results.length) + 1);
    let i = 0;
    for (let k = 0; k < params.length; k++) i = writeCell(t, params[k], base + k, args, i);
    if (g.host !== null) {
      callHost(t, g, base + params.length);
    } else {
      t.sp = base;
      activate(t, compiledOf(g), g.instance!, g, base);
    }
    if (results.length === 0) return undefined;
    const out = valueList();
    for (let k = 0; k < results.length; k++) readCell(t, results[k], base + k, out);
    if (results.length === 1 && results[0] !== 'v128') {
      if (results[0] === 'i64') RT.hi = out[1] as number;
      return out[0];
    }
    for (let k = 0; k < out.length; k++) RT.res[k] = out[k];
    return undefined;
  } finally {
    t.sp = base;
    RT.depth = depth;
  }
}
