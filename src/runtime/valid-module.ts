/**
 * What the runtime needs from a validated module. The validator's `ValidModule` (src/valid/index.ts)
 * satisfies this; the runtime only relies on these fields so that it can also run modules that
 * were checked elsewhere (tests, the JS API's caches).
 */
import type { Module } from '../syntax/module.js';
import type { DefType } from '../valid/canon-types.js';
import { canonicalizeTypes } from '../valid/canon.js';

export interface ValidModuleLike {
  readonly module: Module;
  /** Canonical types by module type index (computed here if the validator did not provide them). */
  readonly types?: readonly DefType[];
}

const cache = new WeakMap<object, readonly DefType[]>();

export function defTypesOf(vm: ValidModuleLike): readonly DefType[] {
  if (vm.types) return vm.types;
  let t = cache.get(vm);
  if (!t) cache.set(vm, (t = canonicalizeTypes(vm.module)));
  return t;
}
