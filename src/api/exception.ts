/**
 * WebAssembly.Exception: a wasm exception as a JS object. Constructed from JS (tag + payload) or
 * wrapping a WasmException that escaped from wasm; one object per runtime exception, so a rethrown
 * exnref comes out as the same JS object. `traceStack: true` captures a JS stack as `stack`.
 */
import { WasmException } from '../runtime/index.js';
import type { CValType } from '../valid/canon-types.js';
import { Tag, tagObject, jsTagInst } from './tag.js';
import { toJS, toWasm } from './convert.js';
import { brandCheck, dictionary, enforceRange, idlInterface, isObject, requireNew, setLength, U32_MAX, WrapperCache } from './webidl.js';

export { jsTagInst };

const objects = new WrapperCache<WasmException, Exception>();

function params(e: WasmException): readonly CValType[] {
  return (e.tag.type.comp as { params: readonly CValType[] }).params;
}

function requireTag(v: unknown, what: string): Tag {
  if (!Tag.isTag(v)) throw new TypeError(`${what}: argument 1 must be a WebAssembly.Tag`);
  return v;
}

export class Exception {
  readonly #exn: WasmException;

  constructor(tag: unknown, payload: unknown, options?: unknown) {
    requireNew(new.target, 'Exception');
    const adopted = objects.adopting();
    if (adopted) {
      this.#exn = adopted;
      return;
    }
    const t = requireTag(tag, 'WebAssembly.Exception()');
    if (!isObject(payload) || typeof (payload as Iterable<unknown>)[Symbol.iterator] !== 'function') {
      throw new TypeError('WebAssembly.Exception(): argument 2 must be a sequence');
    }
    const values = [...(payload as Iterable<unknown>)];
    const inst = Tag.instOf(t);
    if (inst === jsTagInst) throw new TypeError('WebAssembly.Exception(): cannot construct an exception with JSTag');
    const types = (inst.type.comp as { params: readonly CValType[] }).params;
    if (values.length !== types.length) {
      throw new TypeError(`WebAssembly.Exception(): expected ${types.length} payload values, got ${values.length}`);
    }
    this.#exn = new WasmException(inst, values.map((v, i) => toWasm(v, types[i])));
    objects.set(this.#exn, this);
    if (dictionary(options, 'WebAssembly.Exception()').traceStack) {
      Object.defineProperty(this, 'stack', { value: new Error().stack, writable: true, configurable: true });
    }
  }

  getArg(tag: unknown, index: unknown): unknown {
    const e = exnOf(this, 'getArg');
    if (arguments.length < 2) throw new TypeError('WebAssembly.Exception.getArg(): 2 arguments required');
    const t = requireTag(tag, 'WebAssembly.Exception.getArg()');
    const i = enforceRange(index, U32_MAX, 'WebAssembly.Exception.getArg()');
    if (Tag.instOf(t) !== e.tag) throw new TypeError('WebAssembly.Exception.getArg(): tag does not match the exception');
    const ps = params(e);
    if (i >= ps.length) throw new RangeError(`WebAssembly.Exception.getArg(): index ${i} out of range`);
    return toJS(e.args[i], ps[i]);
  }

  is(tag: unknown): boolean {
    const e = exnOf(this, 'is');
    return Tag.instOf(requireTag(tag, 'WebAssembly.Exception.is()')) === e.tag;
  }

  static isException(v: unknown): v is Exception {
    return isObject(v) && #exn in v;
  }

  static exnOf(v: Exception): WasmException {
    return v.#exn;
  }
}
setLength(Exception.prototype.getArg, 2);
idlInterface(Exception, 'Exception', 2);

const exnOf = brandCheck('Exception', Exception.isException, Exception.exnOf);

/** The runtime exception behind a WebAssembly.Exception, or undefined. */
export function wasmExceptionOf(v: unknown): WasmException | undefined {
  return Exception.isException(v) ? Exception.exnOf(v) : undefined;
}

/** The WebAssembly.Exception for a runtime exception (created on first use). */
export function exceptionObject(e: WasmException): Exception {
  return objects.of(e, () => new Exception(undefined, undefined));
}

void tagObject;
