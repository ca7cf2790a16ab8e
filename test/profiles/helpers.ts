/** Helpers for the profile tests: stores per profile and tier, raw NaN bits, v128 lanes. */
import { Store, instantiate, invoke, type ModuleInstance, type Value } from '../../src/runtime/index.js';
import type { ProfileChoice } from '../../src/features.js';
import type { Tier } from '../../src/jit/runtime.js';
import { validateModule, type ValidModule } from '../../src/valid/index.js';
import { parseModule } from '../../src/text/parse-module.js';
import { ALL_FEATURES } from '../../src/features.js';
import { exportedFunc } from '../exec/helpers.js';

export const TIERS: readonly Tier[] = ['interpreter', 'compiled'];

export const F32_CANON = 0x7fc00000;
export const F64_CANON = 0x7ff8000000000000n;

export function validWat(wat: string): ValidModule {
  return validateModule(parseModule(wat, ALL_FEATURES), ALL_FEATURES);
}

export interface Side { readonly store: Store; readonly inst: ModuleInstance }

export function side(vm: ValidModule, tier: Tier, profile: ProfileChoice): Side {
  const store = new Store({ tier, profile });
  return { store, inst: instantiate(store, vm, []) };
}

/** Calls export `name`; in the compiled tier also checks that it ran compiled code. */
export function call(s: Side, name: string, args: Value[]): Value[] {
  const f = exportedFunc(s.inst, name);
  const r = invoke(s.store, f, args);
  if (s.store.opts.tier === 'compiled' && f.jit === null) throw new Error(`${name} did not compile`);
  return r;
}

export function isNaN32(bits: number): boolean {
  return ((bits >>> 0) & 0x7fffffff) > 0x7f800000;
}

export function isNaN64(bits: bigint): boolean {
  return (BigInt.asUintN(64, bits) & 0x7fffffffffffffffn) > 0x7ff0000000000000n;
}

/** The u32 lanes of a v128. */
export function u32Lanes(v: Uint8Array): number[] {
  const d = new DataView(v.buffer, v.byteOffset, 16);
  return [0, 4, 8, 12].map(o => d.getUint32(o, true));
}

export function u64Lanes(v: Uint8Array): bigint[] {
  const d = new DataView(v.buffer, v.byteOffset, 16);
  return [d.getBigUint64(0, true), d.getBigUint64(8, true)];
}

export function v128FromU32(words: readonly number[]): Uint8Array {
  const b = new Uint8Array(16), d = new DataView(b.buffer);
  words.forEach((w, i) => d.setUint32(4 * i, w >>> 0, true));
  return b;
}

export function v128FromU64(words: readonly bigint[]): Uint8Array {
  const b = new Uint8Array(16), d = new DataView(b.buffer);
  words.forEach((w, i) => d.setBigUint64(8 * i, BigInt.asUintN(64, w), true));
  return b;
}
