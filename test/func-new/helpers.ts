/** Loading modules that import weft:func.new over the runtime API, in a chosen tier. */
import { readFileSync } from 'node:fs';
import { parseModule } from '../../src/text/parse-module.js';
import { validateModule, type ValidModule } from '../../src/valid/index.js';
import { ALL_FEATURES, features, type FeatureSet } from '../../src/features.js';
import { LinkError } from '../../src/errors.js';
import {
  Store, instantiate, invoke, engineImport, type ExternVal, type FuncInst, type ModuleInstance, type Value,
} from '../../src/runtime/index.js';

export type Tier = 'interpreter' | 'compiled';
export const TIERS: readonly Tier[] = ['interpreter', 'compiled'];

/** Every proposal on, func.new included (ALL_FEATURES has it). */
export const ON: FeatureSet = ALL_FEATURES;
/** The defaults: func.new off. */
export const OFF: FeatureSet = features();

export function compile(wat: string, f: FeatureSet = ON): ValidModule {
  return validateModule(parseModule(wat, ALL_FEATURES), f);
}

/** Resolves imports as the script engine does: engine-provided first, then `others` by name. */
export function link(vm: ValidModule, others: Record<string, ExternVal> = {}): ExternVal[] {
  return vm.module.imports.map((imp, i) => {
    const v = engineImport(vm, i) ?? others[`${imp.module}.${imp.name}`];
    if (v === undefined) throw new LinkError(`unknown import ${imp.module}.${imp.name}`);
    return v;
  });
}

export interface Loaded {
  readonly store: Store;
  readonly inst: ModuleInstance;
  call(name: string, ...args: Value[]): Value[];
  func(name: string): FuncInst;
  /** Writes bytes into memory 0. */
  poke(addr: number, bytes: readonly number[]): void;
}

export function load(wat: string, tier: Tier, f: FeatureSet = ON): Loaded {
  const store = new Store({ tier, features: f });
  const vm = compile(wat, f);
  const inst = instantiate(store, vm, link(vm));
  const func = (name: string): FuncInst => {
    const e = inst.exports.get(name);
    if (e?.kind !== 'func') throw new Error(`no exported function ${name}`);
    return e.value;
  };
  return {
    store, inst, func,
    call: (name, ...args) => invoke(store, func(name), args),
    poke: (addr, bytes) => inst.mems[0].bytes.set(bytes, addr),
  };
}

/** The example's source (examples/func-new/poly.wat), from dist/test/func-new/. */
export function exampleWat(): string {
  return readFileSync(new URL('../../../examples/func-new/poly.wat', import.meta.url), 'utf8');
}
