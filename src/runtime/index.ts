/**
 * The embedding API of weft's runtime: what the script runner, the JS API and WASI build on.
 *
 * Values (see values.ts): i32 number, i64 bigint, f32 bits (u32 number), f64 bits (bigint),
 * v128 Uint8Array(16), references as JS objects (null = null ref; host values wrapped in HostRef;
 * i31 refs as plain numbers; StructObj/ArrayObj; FuncInst; WasmException for exnref; ContObj for
 * continuations).
 *
 * Errors: LinkError (import mismatch), RuntimeError (traps; kind 'exhaustion' for stack overflow;
 * `wasmStack` holds the wasm frames), WasmException (a wasm exception escaping to the host).
 */
import type { CGlobalType, CTableType, DefType } from '../valid/canon-types.js';
import type { MemType } from '../syntax/types.js';
import { invokeAsync as invokeAsyncOn, invokeFunc } from '../exec/invoke.js';
import { addProbeSite, type ProbeFn } from '../exec/probes.js';
import { dropTranslations } from '../exec/code-cache.js';
import type { ModuleInstance } from './instance.js';
import type { FuncInst } from './func.js';
import { MemInst } from './memory.js';
import { TableInst } from './table.js';
import { GlobalInst } from './global.js';
import { TagInst } from './tag.js';
import type { Store } from './store.js';
import type { Ref, Value } from './values.js';

export type { Value, Ref } from './values.js';
export { HostRef } from './values.js';
export { Store, type EngineOptions } from './store.js';
export { instantiate, externTypeOf, type InstantiateOptions } from './instantiate.js';
export { ModuleInstance, type ExternVal } from './instance.js';
export type { ProbeFn, ProbeContext } from '../exec/probes.js';
export { FuncInst, hostFunc, Suspension, type HostFn } from './func.js';
export { MemInst } from './memory.js';
export { TableInst } from './table.js';
export { GlobalInst } from './global.js';
export { TagInst, WasmException } from './tag.js';
export { StructObj, ArrayObj } from './gc-objects.js';
export { ContObj } from './cont.js';
export { defaultValue } from './cells.js';
export { engineImport, isEngineImport, FUNC_NEW_MODULE, FUNC_NEW_NAME } from './func-new.js';

/**
 * Runs `fn` just before the instruction at byte `offset` of the instance's module (a decoded
 * binary: instructions parsed from text have no offsets) executes in this instance. Functions
 * already running keep their old translation until they are next called.
 */
export function addProbe(inst: ModuleInstance, offset: number, fn: ProbeFn): void {
  if (addProbeSite(inst.module.module, offset)) dropTranslations(inst.module.module, inst.funcs);
  (inst.probes ??= new Map()).set(offset, fn);
}

/** Calls a function instance (wasm or host) with raw Values; returns its results. */
export function invoke(store: Store, f: FuncInst, args: readonly Value[]): Value[] {
  return invokeFunc(store.thread, f, args);
}

/**
 * Calls `f` on its own suspendable stack: host functions it reaches may return a `Suspension`
 * (a promise of their results) to suspend it, JSPI-style. Resolves to the results.
 */
export function invokeAsync(store: Store, f: FuncInst, args: readonly Value[]): Promise<Value[]> {
  return invokeAsyncOn(store.thread, f, args);
}

/** A memory outside any instance (the JS API's `new Memory`); `byteLimit` as Store's `maxMemoryBytes`. */
export function createMemory(type: MemType, byteLimit?: number): MemInst {
  return new MemInst(type, byteLimit);
}

export function createTable(type: CTableType, init: Ref = null): TableInst {
  return new TableInst(type, init);
}

export function createGlobal(type: CGlobalType, value: Value): GlobalInst {
  return new GlobalInst(type, value);
}

/** `type` is the canonical function type of the tag's payload. */
export function createTag(type: DefType): TagInst {
  return new TagInst(type);
}
