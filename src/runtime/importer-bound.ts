/**
 * Host functions bound to the instance that imports them. An ordinary host function serves any
 * caller and cannot tell which instance called it (compiled code calls it without interpreter
 * frames to inspect). The few engine-provided functions that act on their importer's state
 * (func.new reads the importer's memory and makes functions of its module) are offered as a
 * *template*; instantiation asks the template's binder for the function the new instance gets.
 */
import { RuntimeError } from '../errors.js';
import type { DefType } from '../valid/canon-types.js';
import { hostFunc, type FuncInst } from './func.js';
import type { ModuleInstance } from './instance.js';

/** Makes the function an importing instance gets; may throw LinkError (the import cannot work there). */
export type Binder = (importer: ModuleInstance) => FuncInst;

const binders = new WeakMap<FuncInst, Binder>();

/** A template of type `type` (what imports are matched against) whose importers get `bind(importer)`. */
export function importerBoundFunc(type: DefType, bind: Binder): FuncInst {
  const template = hostFunc(type, () => {
    // Only reachable by calling the template itself (e.g. through an API that never instantiates).
    throw new RuntimeError('other', 'engine function called without an importing instance');
  });
  binders.set(template, bind);
  return template;
}

/** The function `importer` gets for the imported function `f`: its own binding, or `f` itself. */
export function bindToImporter(f: FuncInst, importer: ModuleInstance): FuncInst {
  const bind = binders.get(f);
  return bind === undefined ? f : bind(importer);
}
