/**
 * One builtin: its import name, function type and JS behaviour. `define` turns a declaration with
 * slot names into a definition with the canonical type, so the set files read like the spec.
 */
import type { DefType } from '../../valid/index.js';
import { funcDefType, type Slot } from './signature.js';

export interface BuiltinDef {
  readonly name: string;
  readonly params: readonly Slot[];
  /** Every builtin of these proposals returns exactly one value. */
  readonly result: Slot;
  readonly type: DefType;
  /** The spec's steps, on JS values (after ToJSValue of each argument). */
  readonly impl: (...args: never[]) => unknown;
}

/** A builtin set: its name in `builtins: [...]`, and its builtins by import name. */
export interface BuiltinSet {
  readonly name: string;
  readonly builtins: ReadonlyMap<string, BuiltinDef>;
}

export function define(name: string, params: readonly Slot[], result: Slot, impl: (...args: never[]) => unknown): BuiltinDef {
  return { name, params, result, type: funcDefType(params, [result]), impl };
}

export function builtinSet(name: string, defs: readonly BuiltinDef[]): BuiltinSet {
  return { name, builtins: new Map(defs.map(d => [d.name, d])) };
}
