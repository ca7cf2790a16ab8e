/**
 * The WebIDL conversions and interface plumbing the JS API spec leans on, written once so every
 * entry point coerces its arguments the same way (and throws the same error types) as a browser.
 */

/** ECMAScript ToNumber: unary plus throws the TypeError the spec wants for BigInt and Symbol. */
export function toNumber(v: unknown): number {
  return +(v as number);
}

/**
 * WebIDL `[EnforceRange]` integer conversion: non-finite values are a TypeError, values outside
 * [0, max] a TypeError too (WebIDL says TypeError for EnforceRange, not RangeError).
 */
export function enforceRange(v: unknown, max: number, what: string): number {
  const x = toNumber(v);
  if (!Number.isFinite(x)) throw new TypeError(`${what}: ${String(x)} is not a finite number`);
  const n = Math.trunc(x);
  if (n < 0 || n > max) throw new TypeError(`${what}: ${n} is outside the range [0, ${max}]`);
  return n === 0 ? 0 : n;
}

export const U32_MAX = 0xffffffff;

/** ECMAScript ToPrimitive with hint "number", as ToBigInt's first step. */
function toPrimitive(v: unknown): unknown {
  if (v === null || (typeof v !== 'object' && typeof v !== 'function')) return v;
  const exotic = (v as { [Symbol.toPrimitive]?: unknown })[Symbol.toPrimitive];
  if (exotic !== undefined && exotic !== null) {
    if (typeof exotic !== 'function') throw new TypeError('Symbol.toPrimitive is not callable');
    const r = exotic.call(v, 'number');
    if (r !== null && (typeof r === 'object' || typeof r === 'function')) throw new TypeError('cannot convert object to primitive');
    return r;
  }
  for (const m of ['valueOf', 'toString'] as const) {
    const f = (v as Record<string, unknown>)[m];
    if (typeof f === 'function') {
      const r = f.call(v);
      if (r === null || (typeof r !== 'object' && typeof r !== 'function')) return r;
    }
  }
  throw new TypeError('cannot convert object to primitive');
}

/** ECMAScript ToBigInt: numbers, undefined, null and symbols are TypeErrors; strings parse. */
export function toBigInt(v: unknown): bigint {
  const p = toPrimitive(v);
  switch (typeof p) {
    case 'bigint': return p;
    case 'boolean': return p ? 1n : 0n;
    case 'string': return BigInt(p); // SyntaxError on junk, as ToBigInt's StringToBigInt
    default: throw new TypeError(`cannot convert ${p === null ? 'null' : typeof p} to a BigInt`);
  }
}

export function toBigInt64(v: unknown): bigint {
  return BigInt.asIntN(64, toBigInt(v));
}

/** WebIDL DOMString (USVString is close enough here): ToString, throwing on Symbol. */
export function toDOMString(v: unknown): string {
  if (typeof v === 'symbol') throw new TypeError('cannot convert a Symbol to a string');
  return String(v);
}

export function isObject(v: unknown): v is object {
  return v !== null && (typeof v === 'object' || typeof v === 'function');
}

/** A dictionary argument: undefined/null mean "empty"; anything else must be an object. */
export function dictionary(v: unknown, what: string): Record<string, unknown> {
  if (v === undefined || v === null) return {};
  if (!isObject(v)) throw new TypeError(`${what}: the descriptor must be an object`);
  return v as Record<string, unknown>;
}

/**
 * A BufferSource (ArrayBuffer, SharedArrayBuffer or any ArrayBufferView), copied: the spec takes
 * a copy of the bytes at the call, so later writes to the caller's buffer cannot race compilation.
 */
export function bufferSourceBytes(v: unknown, what: string): Uint8Array {
  if (v instanceof ArrayBuffer || (typeof SharedArrayBuffer !== 'undefined' && v instanceof SharedArrayBuffer)) {
    return new Uint8Array(v.slice(0));
  }
  if (ArrayBuffer.isView(v)) {
    return new Uint8Array(v.buffer, v.byteOffset, v.byteLength).slice();
  }
  throw new TypeError(`${what}: argument must be a BufferSource (an ArrayBuffer or a typed array)`);
}

export function requireNew(newTarget: unknown, name: string): void {
  if (newTarget === undefined) throw new TypeError(`WebAssembly.${name} must be invoked with 'new'`);
}

/**
 * Gives a class the shape WebIDL interfaces have: operations and attributes on the prototype (and
 * static operations) enumerable, a `Symbol.toStringTag`, and the constructor's `length`.
 */
export function idlInterface(ctor: Function, name: string, length: number): void {
  const proto = ctor.prototype as object;
  for (const key of Object.getOwnPropertyNames(proto)) {
    if (key === 'constructor') continue;
    const d = Object.getOwnPropertyDescriptor(proto, key)!;
    Object.defineProperty(proto, key, { ...d, enumerable: true });
  }
  for (const key of Object.getOwnPropertyNames(ctor)) {
    if (key === 'length' || key === 'name' || key === 'prototype') continue;
    const d = Object.getOwnPropertyDescriptor(ctor, key)!;
    if (typeof d.value === 'function') Object.defineProperty(ctor, key, { ...d, enumerable: true });
  }
  Object.defineProperty(proto, Symbol.toStringTag, { value: `WebAssembly.${name}`, configurable: true });
  Object.defineProperty(ctor, 'length', { value: length, configurable: true });
  Object.defineProperty(ctor, 'name', { value: name, configurable: true });
}

/** Sets an operation's `length` (TypeScript optional parameters do not count, as in WebIDL). */
export function setLength(f: Function, length: number): void {
  Object.defineProperty(f, 'length', { value: length, configurable: true });
}

/**
 * One JS object per runtime object, as the JS API requires (reading an export twice gives the same
 * Memory, Table, Global, Tag; a rethrown exception the same Exception). Wrappers are made with
 * `new`, so the class's private fields exist; while `of` constructs one, the constructor finds the
 * runtime object to adopt in `adopting()` instead of reading its (absent) arguments.
 */
export class WrapperCache<I extends object, W extends object> {
  readonly #objects = new WeakMap<I, W>();
  #adopting: I | null = null;

  /** Inside a constructor: the runtime object being wrapped, or null for a JS `new`. */
  adopting(): I | null {
    return this.#adopting;
  }

  /** Records the wrapper of a runtime object a JS `new` just created. */
  set(inst: I, w: W): void {
    this.#objects.set(inst, w);
  }

  /** The wrapper of `inst`, built by `construct` the first time. */
  of(inst: I, construct: () => W): W {
    let w = this.#objects.get(inst);
    if (w === undefined) {
      this.#adopting = inst;
      try {
        w = construct();
      } finally {
        this.#adopting = null;
      }
      this.#objects.set(inst, w);
    }
    return w;
  }
}

/**
 * The receiver ("brand") check of an interface's members: `this` must be a genuine instance, else
 * the TypeError a browser throws for e.g. `Memory.prototype.grow.call({})`. Returns the internal slot.
 */
export function brandCheck<W, I>(iface: string, is: (v: unknown) => v is W, slot: (w: W) => I):
    (self: unknown, member: string) => I {
  return (self, member) => {
    if (!is(self)) throw new TypeError(`WebAssembly.${iface}.${member}: receiver is not a WebAssembly.${iface}`);
    return slot(self);
  };
}
