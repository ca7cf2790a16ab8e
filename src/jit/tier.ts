/**
 * Tier-up: deciding when a function is compiled, compiling it (generated source cached per module
 * function, instantiated per module instance) and installing the result on the FuncInst and in its
 * instance's table of direct-call entries.
 */
import type { Module } from '../syntax/module.js';
import type { FuncInst } from '../runtime/func.js';
import type { ModuleInstance } from '../runtime/instance.js';
import type { Thread } from '../exec/thread.js';
import { generate, Unsupported, type Generated } from './codegen.js';
import { HELPERS, entryOf } from './helpers.js';
import { callSlow, type JitFn } from './bridge.js';
import { directEntry } from './host-boundary.js';
import { RT, STATS, tierConfigOf } from './runtime.js';
import { hintsOf } from './hints.js';

export type Factory = (env: Env) => JitFn;

/** What a factory reads from its instance. `F` holds direct-call entries, updated as callees tier up. */
export interface Env {
  readonly RT: typeof RT;
  readonly H: typeof HELPERS;
  readonly F: JitFn[];
  readonly FN: readonly FuncInst[];
  readonly M: ModuleInstance['mems'];
  readonly G: ModuleInstance['globals'];
  readonly T: ModuleInstance['tables'];
  readonly TY: ModuleInstance['types'];
  readonly DS: ModuleInstance['datas'];
  readonly ES: ModuleInstance['elems'];
  readonly TG: ModuleInstance['tags'];
  SELF: JitFn;
}

const factories = new WeakMap<Module, (Factory | null | undefined)[]>();
const envs = new WeakMap<ModuleInstance, Env>();
/** Functions that have been called at least once (their countdown has been set). */
const started = new WeakSet<FuncInst>();

export function envOf(inst: ModuleInstance): Env {
  let e = envs.get(inst);
  if (!e) {
    e = {
      RT, H: HELPERS, F: inst.funcs.map(entryOf), FN: inst.funcs, M: inst.mems, G: inst.globals,
      T: inst.tables, TY: inst.types, DS: inst.datas, ES: inst.elems, TG: inst.tags, SELF: null as unknown as JitFn,
    };
    envs.set(inst, e);
  }
  return e;
}

function reject(reason: string, counted = true): null {
  if (counted) STATS.rejected++;
  STATS.reasons[reason] = (STATS.reasons[reason] ?? 0) + 1;
  return null;
}

/** The factory for function `idx` of `m`, made once per module; null if it cannot be compiled. */
function factoryOf(m: Module, idx: number): Factory | null {
  let list = factories.get(m);
  if (!list) factories.set(m, (list = []));
  const cached = list[idx];
  if (cached !== undefined) return cached;
  const made = factoryFrom(() => generate(m, idx), false);
  list[idx] = made;
  return made;
}

/**
 * Generates and evaluates a factory; null (with the reason in STATS) if it cannot be compiled.
 * `osr`: an OSR variant (osr.ts), counted in STATS.osr, and a refusal is not a rejected function.
 */
export function factoryFrom(gen: () => Generated, osr: boolean): Factory | null {
  let made: Factory | null = null;
  const t0 = performance.now();
  try {
    const g = gen();
    const Ctor = globalThis.Function;
    const raw = new Ctor('E', 'IM', g.source) as (env: Env, imms: readonly unknown[]) => JitFn;
    made = (env: Env) => raw(env, g.imms);
    if (osr) STATS.osr++;
    else STATS.compiled++;
    STATS.sourceChars += g.source.length;
  } catch (e) {
    if (e instanceof Unsupported) made = reject(e.message, !osr);
    else if (e instanceof EvalError) {
      // Content-Security-Policy forbids `new Function`: stay in the interpreter from now on.
      STATS.evalBlocked = true;
      made = reject('EvalError');
    } else if (e instanceof SyntaxError || e instanceof RangeError) made = reject(e.constructor.name);
    else throw e;
  }
  STATS.compileMs += performance.now() - t0;
  return made;
}

/** Compiles `g` now (if it can be); returns whether it has compiled code. */
export function compileFunc(g: FuncInst): boolean {
  if (g.jit !== null) return true;
  const inst = g.instance;
  if (inst === null || STATS.evalBlocked || inst.probes !== null) return false;
  const fac = factoryOf(inst.module.module, g.index);
  if (fac === null) return false;
  const env = envOf(inst);
  const self = Object.create(env) as Env;
  // Past the depth limit a compiled function runs its body in the interpreter instead.
  self.SELF = (...args: unknown[]) => callSlow(g, args);
  let fn: JitFn;
  try {
    fn = fac(self);
  } catch (e) {
    if (e instanceof RangeError) return false;
    throw e;
  }
  g.jit = fn;
  g.enter = directEntry(g);
  env.F[g.index] = fn;
  return true;
}

/**
 * Called by the interpreter when `g`'s countdown (`FuncInst.hot`, decremented per call and loop
 * back-edge) goes below zero. Returns whether `g` now has compiled code.
 */
export function tierUp(t: Thread, g: FuncInst): boolean {
  if (g.host !== null) { g.hot = Infinity; return false; }
  const cfg = tierConfigOf(t);
  if (cfg.tier === 'interpreter' || t.fuel !== Infinity) { g.hot = Infinity; return false; }
  if (cfg.tier === 'auto' && !started.has(g)) {
    started.add(g);
    if (hintsOf(g.instance!.module.module).once.has(g.index)) { g.hot = Infinity; return false; }
    if (!hintedHot(g)) { g.hot = cfg.threshold; return false; }
  }
  if (compileFunc(g)) return true;
  g.hot = Infinity;
  return false;
}

function hintedHot(g: FuncInst): boolean {
  return hintsOf(g.instance!.module.module).hot.has(g.index);
}
