/**
 * The bindings a wasm module's namespace exports once it is instantiated (the end of the spec's
 * ExecuteModule): every export under its own name (an export called `default` is the default
 * export), functions / memories / tables / tags as the JS API's exports object has them, and
 * globals unwrapped to their values: an immutable global's value once, a mutable global's value as
 * a live binding that follows later writes. A v128 global has no JS value, so its binding stays
 * uninitialized (reading it is a ReferenceError where the host allows that).
 */
import { Global, Instance, Module } from '../api/index.js';

export type ExportBinding =
  | { readonly name: string; readonly kind: 'value'; readonly value: unknown }
  /** A mutable global: `read()` gives its current value. */
  | { readonly name: string; readonly kind: 'live'; readonly value: unknown; readonly read: () => unknown }
  /** A v128 global: no JS value. */
  | { readonly name: string; readonly kind: 'uninitialized' };

export function exportBindings(module: Module, instance: Instance): ExportBinding[] {
  const vm = Module.validOf(module);
  const exports = instance.exports as Record<string, unknown>;
  return vm.module.exports.map((e): ExportBinding => {
    const v = exports[e.name];
    if (e.kind !== 'global') return { name: e.name, kind: 'value', value: v };
    const type = vm.globals[e.index];
    if (type.type === 'v128') return { name: e.name, kind: 'uninitialized' };
    const g = v as Global;
    if (!type.mutable) return { name: e.name, kind: 'value', value: g.value };
    return { name: e.name, kind: 'live', value: g.value, read: () => g.value };
  });
}

/**
 * Whether the module touches a mutable global shared with others (imports or exports one): only
 * calls into such modules can change a live binding, so only their functions need to refresh them
 * (see live-bindings.ts).
 */
export function sharesMutableGlobals(module: Module): boolean {
  const vm = Module.validOf(module);
  const imported = vm.module.imports.filter(i => i.desc.kind === 'global').length;
  for (let i = 0; i < imported; i++) if (vm.globals[i].mutable) return true;
  return vm.module.exports.some(e => e.kind === 'global' && vm.globals[e.index].mutable);
}
