/**
 * Builtin definitions -> runtime host functions. The wrapper converts arguments and the result per
 * slot (signature.ts) around the builtin's JS steps, specialised by arity so that a call allocates
 * nothing besides what the builtin itself returns (the interpreter copies results out of the
 * returned array at once, so each definition reuses one result array).
 */
import { hostFunc, type FuncInst, type HostFn, type Value } from '../../runtime/index.js';
import { exportedFunction } from '../functions.js';
import type { BuiltinDef } from './definition.js';
import { PARAM_TO_JS, RESULT_TO_WASM } from './signature.js';

const hosts = new WeakMap<BuiltinDef, HostFn>();

function makeHost(d: BuiltinDef): HostFn {
  const f = d.impl as (...a: unknown[]) => unknown;
  const r = RESULT_TO_WASM[d.result] as (x: unknown) => Value;
  const out: Value[] = [null];
  const [c0, c1, c2] = d.params.map(p => PARAM_TO_JS[p]);
  switch (d.params.length) {
    case 1: return a => { out[0] = r(f(c0(a[0]))); return out; };
    case 2: return a => { out[0] = r(f(c0(a[0]), c1(a[1]))); return out; };
    case 3: return a => { out[0] = r(f(c0(a[0]), c1(a[1]), c2(a[2]))); return out; };
    default: throw new Error(`builtin ${d.name}: unsupported arity ${d.params.length}`);
  }
}

function hostOf(d: BuiltinDef): HostFn {
  let h = hosts.get(d);
  if (!h) hosts.set(d, (h = makeHost(d)));
  return h;
}

/**
 * A fresh function instance of builtin `d` (each instantiation gets its own, as the proposal
 * says). Its JS face is named after the builtin rather than a function index, per the proposal's
 * change to "name of the WebAssembly function".
 */
export function builtinFunction(d: BuiltinDef): FuncInst {
  const f = hostFunc(d.type, hostOf(d));
  Object.defineProperty(exportedFunction(f), 'name', { value: d.name, configurable: true });
  return f;
}
