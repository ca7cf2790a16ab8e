/**
 * WebAssembly.Instance: reads the import object exactly as the spec's "read the imports" does
 * (TypeError for a missing module object, LinkError for a value of the wrong kind or type),
 * instantiates on the namespace's store, and builds the frozen, null-prototype exports object.
 */
import type { ValidModule } from '../valid/index.js';
import { instantiate, type ExternVal, type ModuleInstance } from '../runtime/index.js';
import { createGlobal, engineImport } from '../runtime/index.js';
import { store } from './store.js';
import { Module } from './module.js';
import { Memory, memoryObject } from './memory.js';
import { Table, tableObject } from './table.js';
import { Global, globalObject } from './global.js';
import { Tag, tagObject } from './tag.js';
import { LinkError } from './errors.js';
import { toWasm } from './convert.js';
import { exportedFunction, fromWasmThrow, funcInstOf, importedFunction } from './functions.js';
import { isSuspending, suspendingFunction } from './jspi.js';
import { idlInterface, isObject, requireNew } from './webidl.js';
import { providedImports } from './builtins/index.js';

function linkError(imp: { module: string; name: string }, why: string): LinkError {
  return new LinkError(`WebAssembly.Instance(): import ${JSON.stringify(imp.module)} ${JSON.stringify(imp.name)}: ${why}`);
}

/** Resolves every import of `vm` in `importObject` to an external value. */
export function readImports(vm: ValidModule, importObject: unknown): ExternVal[] {
  const imports = vm.module.imports;
  if (importObject !== undefined && !isObject(importObject)) {
    throw new TypeError('WebAssembly.Instance(): argument 2 must be an object');
  }
  // Builtins and string constants (compile options) are never looked up in the import object,
  // and a module importing nothing else needs none.
  const provided = providedImports(vm);
  // Engine functions (func.new, with its feature on) likewise: never looked up.
  const fromEngine = vm.features['func-new'] ? imports.map((_, index) => engineImport(vm, index)) : null;
  const engineCount = fromEngine ? fromEngine.filter(v => v !== undefined).length : 0;
  if ((provided ? provided.ordinary : imports.length) - engineCount > 0 && importObject === undefined) {
    throw new TypeError('WebAssembly.Instance(): imports argument must be present and must be an object');
  }
  const counters = { func: 0, table: 0, memory: 0, global: 0, tag: 0 };
  return imports.map((imp, index): ExternVal => {
    const builtin = provided?.value(index) ?? fromEngine?.[index];
    if (builtin) {
      counters[imp.desc.kind]++;
      return builtin;
    }
    const o = (importObject as Record<string, unknown>)[imp.module];
    if (!isObject(o)) throw new TypeError(`WebAssembly.Instance(): import module ${JSON.stringify(imp.module)} is not an object`);
    const v = (o as Record<string, unknown>)[imp.name];
    const idx = counters[imp.desc.kind]++;
    switch (imp.desc.kind) {
      case 'func': {
        // JSPI: a WebAssembly.Suspending becomes a suspending function (see jspi.ts).
        if (isSuspending(v)) return { kind: 'func', value: suspendingFunction(v, vm.funcTypes[idx]) };
        if (typeof v !== 'function') throw linkError(imp, 'function import requires a callable');
        return { kind: 'func', value: funcInstOf(v) ?? importedFunction(v, vm.funcTypes[idx]) };
      }
      case 'global': {
        if (Global.isGlobal(v)) return { kind: 'global', value: Global.instOf(v) };
        const gt = vm.globals[idx];
        const t = gt.type;
        if (t === 'i64' && typeof v !== 'bigint') throw linkError(imp, 'global import of type i64 requires a BigInt or a WebAssembly.Global');
        if ((t === 'i32' || t === 'f32' || t === 'f64') && typeof v !== 'number') {
          throw linkError(imp, `global import of type ${t} requires a Number or a WebAssembly.Global`);
        }
        if (t === 'v128') throw linkError(imp, 'v128 global imports require a WebAssembly.Global');
        if (gt.mutable) throw linkError(imp, 'mutable global imports require a WebAssembly.Global');
        let value;
        try {
          value = toWasm(v, t);
        } catch (e) {
          if (e instanceof TypeError) throw linkError(imp, e.message);
          throw e;
        }
        return { kind: 'global', value: createGlobal(gt, value) };
      }
      case 'memory':
        if (!Memory.isMemory(v)) throw linkError(imp, 'memory import requires a WebAssembly.Memory');
        return { kind: 'memory', value: Memory.instOf(v) };
      case 'table':
        if (!Table.isTable(v)) throw linkError(imp, 'table import requires a WebAssembly.Table');
        return { kind: 'table', value: Table.instOf(v) };
      case 'tag':
        if (!Tag.isTag(v)) throw linkError(imp, 'tag import requires a WebAssembly.Tag');
        return { kind: 'tag', value: Tag.instOf(v) };
    }
  });
}

/** The exports object: null prototype, one property per export in module order, frozen. */
function exportsObject(inst: ModuleInstance): object {
  const o = Object.create(null) as Record<string, unknown>;
  for (const [name, ev] of inst.exports) {
    switch (ev.kind) {
      case 'func': o[name] = exportedFunction(ev.value); break;
      case 'global': o[name] = globalObject(ev.value); break;
      case 'memory': o[name] = memoryObject(ev.value); break;
      case 'table': o[name] = tableObject(ev.value); break;
      case 'tag': o[name] = tagObject(ev.value); break;
    }
  }
  return Object.freeze(o);
}

const instances = new WeakMap<object, ModuleInstance>();
/** Imports already read (async instantiate reads them synchronously, instantiates later). */
let preread: ExternVal[] | null = null;

export class Instance {
  readonly #exports: object;

  constructor(module: unknown, importObject?: unknown) {
    requireNew(new.target, 'Instance');
    if (!Module.isModule(module)) throw new TypeError('WebAssembly.Instance(): argument 1 must be a WebAssembly.Module');
    const vm = Module.validOf(module);
    const imports = preread ?? readImports(vm, importObject);
    preread = null;
    let inst: ModuleInstance;
    try {
      inst = instantiate(store, vm, imports);
    } catch (e) {
      throw fromWasmThrow(e);
    }
    this.#exports = exportsObject(inst);
    instances.set(this, inst);
  }

  get exports(): object {
    if (!isObject(this) || !(#exports in this)) throw new TypeError('WebAssembly.Instance.exports: receiver is not an Instance');
    return this.#exports;
  }

  /** The runtime instance (weft extension: for embedders mixing the JS API and the runtime API). */
  static instOf(i: Instance): ModuleInstance {
    return instances.get(i)!;
  }
}
idlInterface(Instance, 'Instance', 1);

/** Instantiates `module` with imports resolved earlier by `readImports`. */
export function instanceWithImports(module: Module, imports: ExternVal[]): Instance {
  preread = imports;
  try {
    return new Instance(module);
  } finally {
    preread = null;
  }
}
