/**
 * Source phase imports (`import source m from './x.wasm'`) hand out WebAssembly.Module objects,
 * and ECMA-262 wants every module source object to inherit from %AbstractModuleSource%.prototype
 * (and the Module constructor from %AbstractModuleSource%). Node 20 has no such intrinsic. Where
 * the host has one, weft's Module gets the same chain: it is found as a global
 * `AbstractModuleSource`, or as the [[Prototype]] of the host's own WebAssembly.Module.
 */
import { Module } from '../api/index.js';

export function hostAbstractModuleSource(): Function | undefined {
  const g = globalThis as { AbstractModuleSource?: unknown; WebAssembly?: { Module?: unknown } };
  if (typeof g.AbstractModuleSource === 'function') return g.AbstractModuleSource;
  const native = g.WebAssembly?.Module;
  if (typeof native !== 'function' || native === Module) return undefined;
  const parent: unknown = Object.getPrototypeOf(native);
  return typeof parent === 'function' && parent !== Function.prototype ? parent : undefined;
}

/** Puts %AbstractModuleSource% into weft's Module chain if the host has it. Returns whether it did. */
export function linkAbstractModuleSource(ams: Function | undefined = hostAbstractModuleSource()): boolean {
  if (!ams) return false;
  if (Object.getPrototypeOf(Module.prototype) !== ams.prototype) Object.setPrototypeOf(Module.prototype, ams.prototype);
  if (Object.getPrototypeOf(Module) !== ams) Object.setPrototypeOf(Module, ams);
  return true;
}
