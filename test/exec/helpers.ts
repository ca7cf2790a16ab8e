/** Test helpers: text module -> validated module -> instance, over the runtime API. */
import { parseModule } from '../../src/text/parse-module.js';
import { validateModule } from '../../src/valid/index.js';
import { decodeModule } from '../../src/binary/decode.js';
import { ALL_FEATURES } from '../../src/features.js';
import { Store, instantiate, invoke, type EngineOptions, type ExternVal, type ModuleInstance, type Value } from '../../src/runtime/index.js';
import type { FuncInst } from '../../src/runtime/func.js';

/**
 * A store that only interprets: these tests are about the interpreter (explicit stacks, traces),
 * which the compiled tier (src/jit) would otherwise take over for hot functions.
 */
export function interpStore(opts: EngineOptions = {}): Store {
  return new Store({ ...opts, tier: 'interpreter' });
}

/** Tests exercise proposals that may be off by default, so they enable every feature. */
export function load(store: Store, wat: string, imports: ExternVal[] = []): ModuleInstance {
  return instantiate(store, validateModule(parseModule(wat, ALL_FEATURES), ALL_FEATURES), imports);
}

export function loadBinary(store: Store, bytes: Uint8Array, imports: ExternVal[] = []): ModuleInstance {
  return instantiate(store, validateModule(decodeModule(bytes, ALL_FEATURES), ALL_FEATURES), imports);
}

export function exportedFunc(inst: ModuleInstance, name: string): FuncInst {
  const e = inst.exports.get(name);
  if (!e || e.kind !== 'func') throw new Error(`no exported function ${name}`);
  return e.value;
}

export function call(store: Store, inst: ModuleInstance, name: string, ...args: Value[]): Value[] {
  return invoke(store, exportedFunc(inst, name), args);
}
