/**
 * WebAssembly.CompileError / LinkError / RuntimeError. They subclass weft's own error classes
 * (src/errors.ts), so `instanceof` holds for both views and the runtime still recognises a
 * RuntimeError thrown back through a host function as a trap (uncatchable by wasm), but they take
 * the JS API's constructor arguments `(message?, options?)` like any NativeError.
 *
 * weft's decoder, validator and runtime throw the base classes; `toApiError` converts at the API
 * boundary, keeping reason, phase, offset, trap kind and wasm stack.
 */
import * as weft from '../errors.js';

function errorOptions(e: Error, options: unknown): void {
  if (options !== null && typeof options === 'object' && 'cause' in options) {
    Object.defineProperty(e, 'cause', { value: (options as { cause: unknown }).cause, writable: true, configurable: true });
  }
}

function setMessage(e: Error, message: unknown): void {
  if (message === undefined) {
    delete (e as { message?: string }).message;
  } else {
    Object.defineProperty(e, 'message', { value: String(message), writable: true, configurable: true });
  }
}

export class CompileError extends weft.CompileError {
  constructor(message?: unknown, options?: unknown) {
    super('invalid', message === undefined ? '' : String(message));
    setMessage(this, message);
    errorOptions(this, options);
  }
}

export class LinkError extends weft.LinkError {
  constructor(message?: unknown, options?: unknown) {
    super(message === undefined ? '' : String(message));
    setMessage(this, message);
    errorOptions(this, options);
  }
}

export class RuntimeError extends weft.RuntimeError {
  constructor(message?: unknown, options?: unknown) {
    super('js-trap', message === undefined ? '' : String(message));
    setMessage(this, message);
    errorOptions(this, options);
  }
}

for (const [C, name] of [[CompileError, 'CompileError'], [LinkError, 'LinkError'], [RuntimeError, 'RuntimeError']] as const) {
  Object.defineProperty(C.prototype, 'name', { value: name, writable: true, configurable: true });
  Object.defineProperty(C, 'length', { value: 1, configurable: true });
}

/** Copies the engine-side fields of `from` onto a fresh API error, keeping its JS stack. */
function adopt<T extends Error>(to: T, from: Error, fields: Record<string, unknown>): T {
  for (const [k, v] of Object.entries(fields)) Object.defineProperty(to, k, { value: v, writable: true, configurable: true });
  if (from.stack !== undefined) Object.defineProperty(to, 'stack', { value: from.stack, writable: true, configurable: true });
  return to;
}

/**
 * weft's own errors -> the API's classes (stack exhaustion -> RangeError, as JS engines report it);
 * anything else (TypeError, RangeError, host values) unchanged.
 */
export function toApiError(e: unknown): unknown {
  if (e instanceof weft.CompileError && !(e instanceof CompileError)) {
    return adopt(new CompileError(e.message), e, { phase: e.phase, reason: e.reason, offset: e.offset, funcIndex: e.funcIndex });
  }
  if (e instanceof weft.LinkError && !(e instanceof LinkError)) {
    return adopt(new LinkError(e.message), e, { reason: e.reason });
  }
  if (e instanceof weft.RuntimeError && e.kind === 'exhaustion') {
    // What JS engines throw for a too-deep recursion, wasm or not (V8: RangeError).
    return adopt(new RangeError(`Maximum call stack size exceeded (${e.reason})`), e, { kind: e.kind, reason: e.reason, wasmStack: e.wasmStack });
  }
  if (e instanceof weft.RuntimeError && !(e instanceof RuntimeError)) {
    return adopt(new RuntimeError(e.message), e, { kind: e.kind, reason: e.reason, wasmStack: e.wasmStack });
  }
  return e;
}
