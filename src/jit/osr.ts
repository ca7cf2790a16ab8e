/**
 * On-stack replacement: an interpreter frame whose loop keeps running after its function's
 * tier-up countdown ran out moves into compiled code at a loop back-edge, instead of waiting for
 * the function's next call (which, for a `main` or a long single call, never comes).
 *
 * `enterOsr` is all the interpreter calls (interp.ts, backward branches). It calls the function's
 * OSR variant (codegen.ts `generateOsr`: every local is an argument, and the code enters at the
 * loop, see osr-entry.ts) with the frame's locals; the variant runs the rest of the call, and the
 * interpreter finishes the frame as a `return` with its results. Traps and exceptions leave the
 * variant as they leave any compiled callee; the variant adds its own frame to a trap's wasm
 * stack, so the frame is marked (`OSR_PC`) for the interpreter's trace to skip.
 */
import type { Frame, Thread } from '../exec/thread.js';
import type { FuncInst } from '../runtime/func.js';
import type { CValType } from '../valid/canon-types.js';
import type { Compiled } from '../exec/compiled.js';
import { generateOsr } from './codegen.js';
import { OPCODES } from '../syntax/opcodes.js';
import { importCounts } from '../syntax/module.js';
import { canEnter, readCell, sig, storeResults, valueList, type JitFn } from './bridge.js';
import { envOf, factoryFrom, tierUp, type Factory } from './tier.js';
import { RT, STATS, tierConfigOf } from './runtime.js';

/** `Frame.pc` of a frame whose call continues in an OSR variant (its trace entry comes from there). */
export const OSR_PC = -1;

/** Factories per module function and loop header code position (shared by the module's instances). */
const factories = new WeakMap<Compiled, Map<number, Factory | null>>();
/** Instantiated variants per function instance and loop header. */
const variants = new WeakMap<FuncInst, Map<number, JitFn | null>>();

/**
 * Called at a backward branch to code position `pc` of frame `fr` (the top frame of `t`) when its
 * function's countdown has run out. Returns true if the call ran to its end in compiled code: its
 * results are then at fr.fp and t.sp is after them. Returns false to go on interpreting (the
 * countdown is reset where needed).
 */
export function enterOsr(t: Thread, fr: Frame, pc: number): boolean {
  const g = fr.fn!;
  // The function itself compiles first (its next call uses it); this also applies the tier policy.
  if (g.jit === null && !tierUp(t, g)) return false;
  const fn = canEnter(t) && g.instance!.probes === null ? variantOf(g, fr.c, pc) : null;
  if (fn === null) {
    // Not here (or not now): look again after another countdown, maybe at another loop.
    g.hot = tierConfigOf(t).threshold;
    return false;
  }
  const inst = g.instance!;
  const f = inst.module.module.funcs[g.index - importCounts(inst.module.module).func];
  const { params, results } = sig(g);
  const args = valueList();
  let slot = fr.fp;
  for (const ty of params) readCell(t, ty, slot++, args);
  // Numeric types are the same strings in both type languages; readCell treats the rest as references.
  for (const ty of f.locals) readCell(t, ty as unknown as CValType, slot++, args);
  args.push(RT.depth);
  // Interpreter calls from the compiled code put their arguments above this frame's locals.
  t.sp = fr.fp + fr.c.nlocals;
  t.ensure(t.sp + 1);
  fr.pc = OSR_PC;
  STATS.osrEntries++;
  const prev = RT.thread, depth = RT.depth;
  RT.thread = t;
  let r: unknown;
  try {
    r = fn.apply(null, args);
  } finally {
    RT.thread = prev;
    RT.depth = depth;
  }
  storeResults(t, results, fr.fp, r);
  t.sp = fr.fp + results.length;
  return true;
}

/** `outer`'s entry for `a` and `b`, made by `make()` the first time. */
function cached<A extends object, V>(outer: WeakMap<A, Map<number, V>>, a: A, b: number, make: () => V): V {
  let inner = outer.get(a);
  if (!inner) outer.set(a, (inner = new Map()));
  if (inner.has(b)) return inner.get(b)!;
  const v = make();
  inner.set(b, v);
  return v;
}

/** The OSR variant of `g` entering at loop header `pc` of its translation `c`, or null. */
function variantOf(g: FuncInst, c: Compiled, pc: number): JitFn | null {
  return cached(variants, g, pc, () => {
    const fac = factoryOf(g, c, pc);
    if (fac === null) return null;
    const self = Object.create(envOf(g.instance!)) as ReturnType<typeof envOf>;
    self.SELF = g.jit as JitFn; // unused: a variant is only entered below the depth limit
    try {
      return fac(self, null); // views in records: a variant runs once per call it rescues
    } catch (e) {
      // Its source is evaluated here (tier.ts factoryFrom): if that fails, no OSR at this loop.
      if (e instanceof RangeError || e instanceof SyntaxError) return null;
      throw e;
    }
  });
}

function factoryOf(g: FuncInst, c: Compiled, pc: number): Factory | null {
  return cached(factories, c, pc, () => {
    const m = g.instance!.module.module;
    const body = m.funcs[g.index - importCounts(m).func].body;
    const at = loopAt(c, body, pc);
    // `c` is the translation of g's profile (code-cache.ts), so variants never mix profiles either.
    return at < 0 ? null : factoryFrom(() => generateOsr(m, g.index, at, g.instance!.deterministic), true);
  });
}

/**
 * The body index of the loop whose header is code position `pc`: the innermost `loop` among the
 * instructions translated at that position (nested loops that start together share it; entering
 * the innermost is the same as entering the outer ones). -1 if none.
 */
function loopAt(c: Compiled, body: readonly { op: number }[], pc: number): number {
  let at = -1;
  for (let k = 0; k < c.instrPcs.length; k++) {
    const i = c.instrIndices[k];
    if (c.instrPcs[k] === pc && OPCODES[body[i].op].name === 'loop') at = i;
  }
  return at;
}
