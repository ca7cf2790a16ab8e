/**
 * A JS API exported function's entry into the interpreter, without embedding Values in between.
 *
 * The general route (functions.ts `callFromJS`) converts each JS argument to a runtime Value (an
 * f64 becomes IEEE bits in a BigInt), hands an array to `invoke`, which writes the Values into
 * stack cells, and converts the result array back: ~200 ns per call, most of it allocation and
 * conversion. Here JS values go straight into the thread's cells and the result comes straight out
 * of them. Same conversions (ToWebAssemblyValue, in argument order, before anything runs; then
 * ToJSValue) and same errors; signatures with v128 or several results keep the general route.
 */
import type { FuncInst } from '../runtime/index.js';
import type { Thread } from '../exec/thread.js';
import type { CValType } from '../valid/canon-types.js';
import { activate } from '../exec/invoke.js';
import { compiledOf } from '../exec/code-cache.js';
import { toBigInt64, toNumber } from './webidl.js';
import { f32FromBits, f32ToBits, toJS, toWasm } from './convert.js';

/** Runs interpreted `f` with JS arguments `a` on thread `t`; returns the JS result. */
export type InterpEntry = (t: Thread, a: readonly unknown[]) => unknown;

const F64 = new Float64Array(1);
const W64 = new Int32Array(F64.buffer);

/** Writes ToWebAssemblyValue(v) for `ty` into cell `slot` of `t`. */
function writeArg(t: Thread, slot: number, ty: CValType, v: unknown): void {
  const w = t.i32, i = slot * 4;
  switch (ty) {
    case 'i32': w[i] = toNumber(v) | 0; return;
    case 'f32': w[i] = f32ToBits(toNumber(v)); return;
    case 'f64': F64[0] = toNumber(v); w[i] = W64[0]; w[i + 1] = W64[1]; return;
    case 'i64': {
      const b = toBigInt64(v);
      w[i] = Number(BigInt.asIntN(32, b));
      w[i + 1] = Number(BigInt.asIntN(32, b >> 32n));
      return;
    }
    default: t.refs[slot] = toWasm(v, ty);
  }
}

/** ToJSValue of the value in cell `slot` of `t`. */
function readResult(t: Thread, slot: number, ty: CValType): unknown {
  const w = t.i32, i = slot * 4;
  switch (ty) {
    case 'i32': return w[i];
    case 'f32': return f32FromBits(w[i]);
    case 'f64': W64[0] = w[i]; W64[1] = w[i + 1]; return F64[0];
    case 'i64': return BigInt.asIntN(64, (BigInt(w[i + 1]) << 32n) | BigInt(w[i] >>> 0));
    default: return toJS(t.refs[slot] as never, ty);
  }
}

/** The interpreter entry for `f`, or null when its signature needs the general route. */
export function interpEntry(f: FuncInst): InterpEntry | null {
  const { params, results } = f.type.comp as { params: readonly CValType[]; results: readonly CValType[] };
  if (results.length > 1 || params.includes('v128') || results.includes('v128')) return null;
  const n = params.length;
  return (t, a) => {
    const base = t.sp;
    t.ensure(base + n + 1);
    // The arguments' slots are claimed first: a valueOf that calls back into wasm runs above them.
    t.sp = base + n;
    try {
      for (let k = 0; k < n; k++) writeArg(t, base + k, params[k], a[k]);
      if (!activate(t, compiledOf(f), f.instance!, f, base)) throw new Error('unreachable: suspension on a synchronous stack');
      return results.length === 0 ? undefined : readResult(t, base, results[0]);
    } finally {
      t.sp = base;
    }
  };
}
