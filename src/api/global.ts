/**
 * WebAssembly.Global: `new Global({value, mutable}, v?)`, or the wrapper of an exported global
 * (one object per global instance). `value` converts with ToJSValue / ToWebAssemblyValue; v128
 * globals exist but reading or writing them from JS is a TypeError.
 */
import { GlobalInst, createGlobal } from '../runtime/index.js';
import { defaultJSValue, toJS, toWasm } from './convert.js';
import { parseValType } from './value-types.js';
import { brandCheck, dictionary, idlInterface, isObject, requireNew, WrapperCache } from './webidl.js';

const globals = new WrapperCache<GlobalInst, Global>();

export class Global {
  readonly #g: GlobalInst;

  constructor(descriptor: unknown, v?: unknown) {
    requireNew(new.target, 'Global');
    const adopted = globals.adopting();
    if (adopted) {
      this.#g = adopted;
      return;
    }
    const what = 'WebAssembly.Global()';
    if (!isObject(descriptor)) throw new TypeError(`${what}: argument 1 must be a global descriptor`);
    const d = dictionary(descriptor, what);
    const mutable = !!d.mutable;
    const valueV = d.value;
    if (valueV === undefined) throw new TypeError(`${what}: descriptor property 'value' is required`);
    const type = parseValType(valueV, what);
    if (type === 'v128') throw new TypeError(`${what}: v128 globals cannot be created from JS`);
    const init = toWasm(v === undefined ? defaultJSValue(type) : v, type);
    this.#g = createGlobal({ type, mutable }, init);
    globals.set(this.#g, this);
  }

  get value(): unknown {
    const g = globalOf(this, 'value');
    return toJS(g.get(), g.type.type);
  }

  set value(v: unknown) {
    const g = globalOf(this, 'value');
    if (!g.type.mutable) throw new TypeError("WebAssembly.Global.value: can't set the value of an immutable global");
    g.set(toWasm(v, g.type.type));
  }

  valueOf(): unknown {
    const g = globalOf(this, 'valueOf');
    return toJS(g.get(), g.type.type);
  }

  static isGlobal(v: unknown): v is Global {
    return isObject(v) && #g in v;
  }

  /** The runtime global (weft extension: for embedders mixing the JS API and the runtime API). */
  static instOf(g: Global): GlobalInst {
    return g.#g;
  }
}
idlInterface(Global, 'Global', 1);

const globalOf = brandCheck('Global', Global.isGlobal, Global.instOf);

export function globalObject(inst: GlobalInst): Global {
  return globals.of(inst, () => new Global(undefined));
}
