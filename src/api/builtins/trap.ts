/**
 * "Throw a RuntimeError as if a trap was executed": a weft RuntimeError thrown from a host function
 * is a trap for the runtime (uncatchable by wasm's exception handlers) and becomes a
 * WebAssembly.RuntimeError when it reaches JS.
 */
import { RuntimeError } from '../../errors.js';

export function trap(reason: string): never {
  throw new RuntimeError('unreachable', reason);
}

/** The check most string builtins start with (the spec's UnwrapString). */
export function unwrapString(v: unknown): string {
  if (typeof v !== 'string') trap('builtin: expected a string');
  return v;
}
