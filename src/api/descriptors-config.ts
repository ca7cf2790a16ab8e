/**
 * Declarative prototype configuration of the custom-descriptors proposal: `configureAll` of the
 * builtin module "wasm:js-prototypes". weft offers it as an import object to pass at instantiation
 * (`{ ...imports, ...jsPrototypesImports() }`), i.e. the polyfill form the proposal is designed to
 * allow, until compile-time builtins are wired into WebAssembly.Module.
 *
 * configureAll(prototypes, functions, data, constructors) reads `data`:
 *   data        ::= vec(protoconfig)
 *   protoconfig ::= vec(ctorconfig) (at most 1) vec(methodconfig) parentidx:s32 (-1: none)
 *   ctorconfig  ::= name vec(methodconfig)        ;; static methods, installed unwrapped
 *   methodconfig::= 0x00 name | 0x01 name | 0x02 name   ;; method | getter | setter
 * taking the next prototype per protoconfig and the next function per ctorconfig/methodconfig.
 * Prototype methods are wrapped to pass their JS receiver as the first wasm argument.
 */
import { ArrayObj } from '../runtime/index.js';
import { mkRef } from '../valid/canon.js';
import { refToJS, toWasm } from './convert.js';

type Fn = (...args: unknown[]) => unknown;

const ANYREF = mkRef('any', true);

/** The elements of a wasm array reaching JS as an opaque GC object. */
function arrayOf(v: unknown, what: string): ArrayObj {
  if (v === null || v === undefined) throw new TypeError(`configureAll: ${what} array is null`);
  const o = toWasm(v, ANYREF);
  if (!(o instanceof ArrayObj)) throw new TypeError(`configureAll: ${what} is not a wasm array`);
  return o;
}

class Data {
  pos = 0;
  constructor(private readonly bytes: Uint8Array) {}
  byte(): number {
    if (this.pos >= this.bytes.length) throw new RangeError('configureAll: configuration data ends early');
    return this.bytes[this.pos++];
  }
  leb(signed: boolean): number {
    let r = 0, shift = 0, b: number;
    do { b = this.byte(); r += (b & 0x7f) * 2 ** shift; shift += 7; } while (b & 0x80);
    return signed && shift < 33 && r >= 2 ** (shift - 1) ? r - 2 ** shift : r;
  }
  name(): string {
    const n = this.leb(false);
    if (this.pos + n > this.bytes.length) throw new RangeError('configureAll: configuration data ends early');
    const s = new TextDecoder('utf-8', { fatal: true }).decode(this.bytes.subarray(this.pos, this.pos + n));
    this.pos += n;
    return s;
  }
}

/** Installs `f` on `target` as a method, getter or setter (non-enumerable, like class members). */
function install(target: object, kind: number, name: string, f: Fn): void {
  const old = Object.getOwnPropertyDescriptor(target, name);
  if (kind === 0) Object.defineProperty(target, name, { value: f, writable: true, enumerable: false, configurable: true });
  else if (kind === 1) Object.defineProperty(target, name, { get: f, set: old?.set, enumerable: false, configurable: true });
  else if (kind === 2) Object.defineProperty(target, name, { set: f, get: old?.get, enumerable: false, configurable: true });
  else throw new RangeError(`configureAll: unknown method kind ${kind}`);
}

export function configureAll(prototypes: unknown, functions: unknown, data: unknown, constructors: unknown): void {
  const protos = arrayOf(prototypes, 'prototypes').data as unknown[];
  const funcs = arrayOf(functions, 'functions').data as unknown[];
  const bytes = arrayOf(data, 'data').data;
  if (!(bytes instanceof Int8Array)) throw new TypeError('configureAll: data is not an i8 array');
  const d = new Data(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length));
  let nextProto = 0, nextFunc = 0;
  const proto = (i: number): object => {
    const p = refToJS(protos[i] as never);
    if ((typeof p !== 'object' || p === null) && typeof p !== 'function') throw new TypeError(`configureAll: prototype ${i} is not an object`);
    return p as object;
  };
  const func = (): Fn => {
    if (nextFunc >= funcs.length) throw new RangeError('configureAll: not enough functions');
    const f = refToJS(funcs[nextFunc++] as never);
    if (typeof f !== 'function') throw new TypeError('configureAll: function entry is null');
    return f as Fn;
  };
  for (let n = d.leb(false); n > 0; n--) {
    if (nextProto >= protos.length) throw new RangeError('configureAll: not enough prototypes');
    const p = proto(nextProto++);
    const nctors = d.leb(false);
    if (nctors > 1) throw new RangeError('configureAll: at most one constructor per prototype');
    if (nctors === 1) {
      const name = d.name();
      const f = func();
      // Callable with or without `new`: either way the wasm function makes the object.
      const ctor = function (this: unknown, ...args: unknown[]) { return f(...args); };
      Object.defineProperty(ctor, 'name', { value: name });
      Object.defineProperty(p, 'constructor', { value: ctor, writable: true, enumerable: false, configurable: true });
      Object.defineProperty(ctor, 'prototype', { value: p, writable: false });
      if (constructors !== null && constructors !== undefined) (constructors as Record<string, unknown>)[name] = ctor;
      for (let m = d.leb(false); m > 0; m--) {
        const kind = d.byte();
        install(ctor, kind, d.name(), func());
      }
    }
    for (let m = d.leb(false); m > 0; m--) {
      const kind = d.byte();
      const name = d.name();
      const f = func();
      install(p, kind, name, function (this: unknown, ...args: unknown[]) { return f(this, ...args); });
    }
    const parent = d.leb(true);
    if (parent >= 0) Object.setPrototypeOf(p, proto(parent));
  }
}

/** The import object entry for modules importing "wasm:js-prototypes" "configureAll". */
export function jsPrototypesImports(): Record<string, Record<string, unknown>> {
  return { 'wasm:js-prototypes': { configureAll } };
}
