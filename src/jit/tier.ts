/**
 * Tier-up: deciding when a function is compiled, compiling it (generated source cached per module
 * function, instantiated per module instance) and installing the result on the FuncInst and in its
 * instance's table of direct-call entries.
 */
import { importCounts, type Module } from '../syntax/module.js';
import type { FuncInst } from '../runtime/func.js';
import type { ModuleInstance } from '../runtime/instance.js';
import type { Thread } from '../exec/thread.js';
import { generate, Unsupported, type Generated } from './codegen.js';
import { HELPERS, entryOf } from './helpers.js';
import { callSlow, type JitFn } from './bridge.js';
import { directEntry } from './host-boundary.js';
import { RT, STATS, tierConfigOf } from './runtime.js';
import { hintsOf } from './hints.js';
import { globalViewPrefix } from './memory-views.js';
import { feedbackRecorder, type IndirectHints, type Recorder } from './indirect-feedback.js';

/** `globalViews`: the memories of this instance that may use global views (see viewsOwner, publicMems). */
export type Factory = (env: Env, globalViews: ReadonlySet<number> | null) => JitFn;

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
  /** Where a function's call_indirect sites report their targets (indirect-feedback.ts); null: nowhere. */
  FB: Recorder | null;
}

/**
 * Factories per module, one cache per profile: the deterministic profile's code canonicalises NaNs,
 * so a deterministic instance never runs the full profile's code, nor the reverse.
 */
const factories = new WeakMap<Module, (Factory | null | undefined)[]>();
const deterministicFactories = new WeakMap<Module, (Factory | null | undefined)[]>();
const envs = new WeakMap<ModuleInstance, Env>();
/** Per module, the serial number of the instance whose functions use global views (viewsOwner). */
const owners = new WeakMap<Module, number>();
const serials = new WeakMap<ModuleInstance, number>();
let nextSerial = 0;
/** Functions that have been called at least once (their countdown has been set). */
const started = new WeakSet<FuncInst>();

export function envOf(inst: ModuleInstance): Env {
  let e = envs.get(inst);
  if (!e) {
    e = {
      RT, H: HELPERS, F: inst.funcs.map(entryOf), FN: inst.funcs, M: inst.mems, G: inst.globals,
      T: inst.tables, TY: inst.types, DS: inst.datas, ES: inst.elems, TG: inst.tags, SELF: null as unknown as JitFn,
      FB: null,
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

function timed<T>(f: () => T): T {
  const t0 = performance.now();
  try {
    return f();
  } finally {
    STATS.compileMs += performance.now() - t0;
  }
}

function compileSource(source: string): (env: Env, imms: readonly unknown[]) => JitFn {
  STATS.sourceChars += source.length;
  const Ctor = globalThis.Function;
  return new Ctor('E', 'IM', source) as (env: Env, imms: readonly unknown[]) => JitFn;
}

/**
 * Whether `inst` is the instance of its module whose compiled functions use global memory views:
 * the first one that compiles a function. Global views put instance-specific names in the
 * source, so each function is compiled for its instance; the other instances of the module share
 * one compilation (and V8's optimised code) with views in records, as an application that
 * instantiates a module many times would rather. (Numbers, not references: nothing here may keep
 * an instance alive; a WeakRef would, until the end of the current job.)
 */
function viewsOwner(inst: ModuleInstance): boolean {
  let serial = serials.get(inst);
  if (serial === undefined) serials.set(inst, (serial = nextSerial++));
  const m = inst.module.module, owner = owners.get(m);
  if (owner !== undefined) return owner === serial;
  owners.set(m, serial);
  return true;
}

/**
 * The memories of `inst` JS can reach anyway: imported ones, and those the module exports. Only
 * these may have global views: a global property is visible to every script in the realm, and a
 * memory the module keeps to itself must stay private to it.
 */
function publicMems(inst: ModuleInstance): ReadonlySet<number> {
  const m = inst.module.module;
  const out = new Set<number>();
  for (let k = 0, n = importCounts(m).memory; k < n; k++) out.add(k);
  for (const e of m.exports) if (e.kind === 'memory') out.add(e.index);
  return out;
}

/** The factory for function `idx` of `m`, made once per module and profile; null if it cannot be compiled. */
function factoryOf(m: Module, idx: number, deterministic: boolean): Factory | null {
  const cache = deterministic ? deterministicFactories : factories;
  let list = cache.get(m);
  if (!list) cache.set(m, (list = []));
  const cached = list[idx];
  if (cached !== undefined) return cached;
  const made = factoryFrom(() => generate(m, idx, deterministic), false);
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
    // The shared source (views made by each call) is compiled when an instance first needs it.
    let shared = g.mems.length === 0 ? compileSource(g.source) : null;
    made = (env: Env, globalViews: ReadonlySet<number> | null) => {
      if (globalViews !== null && g.mems.length > 0 && g.mems.every(mi => globalViews.has(mi))) {
        // Global views belong to one memory instance: their names make a source of its own.
        const prefixes: (string | null)[] = [];
        for (const mi of g.mems) prefixes[mi] = globalViewPrefix(env.M[mi]);
        if (g.mems.every(mi => prefixes[mi] !== null)) {
          return timed(() => compileSource(g.withGlobalViews(prefixes)))(env, g.imms);
        }
      }
      shared ??= timed(() => compileSource(g.source));
      return shared(env, g.imms);
    };
    if (osr) STATS.osr++;
    else STATS.compiled++;
    if (g.outlined > 0) STATS.split++;
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
  const fac = factoryOf(inst.module.module, g.index, inst.deterministic);
  if (fac === null) return false;
  return install(g, fac, feedbackRecorder(g, hints => recompileWithHints(g, hints)));
}

/** Instantiates `fac` for `g` and makes it `g`'s code; false (nothing changed) if that fails. */
function install(g: FuncInst, fac: Factory, recorder: Recorder | null): boolean {
  const inst = g.instance!;
  const env = envOf(inst);
  const self = Object.create(env) as Env;
  // Past the depth limit a compiled function runs its body in the interpreter instead.
  self.SELF = (...args: unknown[]) => callSlow(g, args);
  self.FB = recorder;
  let fn: JitFn;
  try {
    fn = fac(self, viewsOwner(inst) ? publicMems(inst) : null);
  } catch (e) {
    // A source compiled per instance (see factoryOf) can fail like any: stay interpreted.
    if (e instanceof RangeError || e instanceof SyntaxError) return false;
    throw e;
  }
  g.jit = fn;
  g.enter = directEntry(g);
  env.F[g.index] = fn;
  return true;
}

/** Factories compiled with call_indirect guesses, per module: `${index}:${profile}:${hints}` -> factory. */
const hinted = new WeakMap<Module, Map<string, Factory | null>>();

/**
 * Compiles `g` again with guesses for its call_indirect sites (from its first version's feedback,
 * indirect-feedback.ts) and installs the result; calls already running finish in the old code.
 * The new version reports nothing, so this happens at most once per function instance.
 */
export function recompileWithHints(g: FuncInst, hints: IndirectHints): boolean {
  const inst = g.instance;
  if (inst === null || STATS.evalBlocked || inst.probes !== null) return false;
  const m = inst.module.module;
  let perModule = hinted.get(m);
  if (!perModule) hinted.set(m, (perModule = new Map()));
  const key = `${g.index}:${inst.deterministic}:${JSON.stringify([...hints])}`;
  let fac = perModule.get(key);
  if (fac === undefined) perModule.set(key, (fac = factoryFrom(() => generate(m, g.index, inst.deterministic, hints), false)));
  if (fac === null || !install(g, fac, null)) return false;
  STATS.recompiled++;
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
    if (!hintedHot(g)) { g.hot = cfg.threshold * (largeBody(g) ? LARGE_BODY_HEAT : 1); return false; }
  }
  if (compileFunc(g)) return true;
  g.hot = Infinity;
  return false;
}

/**
 * A function body of more wasm bytes than this probably translates past the host JIT's size limit
 * and is split (split.ts). Split code warms up slowly in V8 (each region is optimised on its own,
 * a 3,000-statement function took three calls of ~1 s), so `auto` compiles such a function only
 * when it is LARGE_BODY_HEAT times as hot as others: a short program (sql.js running a few hundred
 * statements: 1.0 -> 2.0 s with splitting at the usual threshold) keeps it interpreted, a long one
 * still compiles it after a few ms more in the interpreter.
 */
const LARGE_BODY_BYTES = 4096;
const LARGE_BODY_HEAT = 50;

function largeBody(g: FuncInst): boolean {
  const m = g.instance!.module.module;
  const f = m.funcs[g.index - importCounts(m).func];
  if (f === undefined) return false;
  return f.end >= 0 ? f.end - f.codeStart > LARGE_BODY_BYTES : f.body.length > LARGE_BODY_BYTES / 2;
}

function hintedHot(g: FuncInst): boolean {
  return hintsOf(g.instance!.module.module).hot.has(g.index);
}
