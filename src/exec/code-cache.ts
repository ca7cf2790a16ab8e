/**
 * Translations of wasm functions, shared by all instances of a module and made on first call.
 * Probes (probes.ts) change how a module is translated, so they drop its cached code. The
 * deterministic profile translates differently too (NaN canonicalisation), so its translations
 * have a cache of their own: a deterministic store never runs full-profile code, nor the reverse.
 */
import type { Module } from '../syntax/module.js';
import type { FuncInst } from '../runtime/func.js';
import type { Compiled } from './compiled.js';
import { compileFunction } from './compile.js';
import { probeSitesOf } from './probes.js';

const fullCache = new WeakMap<Module, (Compiled | undefined)[]>();
const deterministicCache = new WeakMap<Module, (Compiled | undefined)[]>();

/** The translation of a wasm function (cached on the FuncInst and per module and profile). */
export function compiledOf(f: FuncInst): Compiled {
  if (f.compiled) return f.compiled;
  const inst = f.instance!;
  const m = inst.module.module;
  const cache = inst.deterministic ? deterministicCache : fullCache;
  let list = cache.get(m);
  if (!list) cache.set(m, (list = []));
  let c = list[f.index];
  if (!c) list[f.index] = c = compileFunction(m, f.index, probeSitesOf(m), inst.deterministic);
  f.compiled = c;
  return c;
}

/** Forgets the translations of module `m` (functions already running keep their code). */
export function dropTranslations(m: Module, funcs: readonly FuncInst[]): void {
  fullCache.delete(m);
  deterministicCache.delete(m);
  for (const f of funcs) if (f.instance !== null && f.instance.module.module === m) f.compiled = null;
}
