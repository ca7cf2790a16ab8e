/**
 * Calls across the host boundary without the interpreter's value stack: arguments are converted
 * straight between the host's representation and the compiled convention (i64 as two int32 words,
 * f32/f64 as numbers, see bits.ts), by a small function generated once per signature and direction
 * and bound to each function that needs it.
 *  - `directEntry`: the runtime API (`invoke`, embedding Values) calls compiled code.
 *  - `jsEntry`: a JS API exported function (JS values) calls compiled code; an f64 stays a number.
 *  - `hostEntry`: compiled code calls a host function; JS callables the JS API registered
 *    (`registerJsHost`) are called with JS values directly, others with embedding Values.
 * Signatures with v128 or several results are not taken (null): the value-stack routes of
 * bridge.ts serve those. Without `new Function` (CSP) nothing compiles anyway.
 */
import type { Thread } from '../exec/thread.js';
import { Suspension, type FuncInst } from '../runtime/func.js';
import { RuntimeError } from '../errors.js';
import type { Value } from '../runtime/values.js';
import type { CValType } from '../valid/canon-types.js';
import { f32FromBits, f32ToBits, f64FromWords, f64Hi, f64Lo } from './bits.js';
import { INTERP_WORDS, sig, type JitFn } from './bridge.js';
import { RT } from './runtime.js';

/** The runtime API's entry into compiled code: embedding Values in, embedding Values out. */
export type DirectEntry = (t: Thread, args: readonly Value[]) => Value[];

/** A JS API exported function's entry into compiled code: JS values in, the JS result out. */
export type JsEntry = (t: Thread, args: readonly unknown[]) => unknown;

/** The JS API's own conversions (ToWebAssemblyValue / ToJSValue pieces), handed in by src/api. */
export interface JsConversions {
  /** ToNumber. */
  num(v: unknown): number;
  /** ToBigInt64. */
  big64(v: unknown): bigint;
  /** ToWebAssemblyValue for a reference type. */
  ref(v: unknown, t: CValType): Value;
  /** ToJSValue of a reference. */
  js(v: Value): unknown;
  /** What a JS callable threw, as wasm sees it (JSTag exceptions). */
  thrown(e: unknown): unknown;
}

// ---- conversions the generated code calls (`C`) ----------------------------------------------

/** The low and high words of a 64-bit Value (i64, or f64 bits). */
function lo64(v: Value): number {
  return Number(BigInt.asIntN(32, v as bigint));
}
function hi64(v: Value): number {
  return Number(BigInt.asIntN(32, (v as bigint) >> 32n));
}
function i64Value(lo: number, hi: number): Value {
  return (BigInt(hi) << 32n) | BigInt(lo >>> 0);
}
function f64Value(x: number): Value {
  return (BigInt(f64Hi(x) >>> 0) << 32n) | BigInt(f64Lo(x) >>> 0);
}
function i32Of(v: Value): number {
  return Number(v) | 0;
}
/** What a host function returned, checked as callHost (exec/interp.ts) checks it. */
function hostResults(res: Value[] | Suspension, n: number): Value[] {
  // Compiled code never runs on a suspendable stack (canEnter), so a Suspension cannot be honoured.
  if (res instanceof Suspension) throw new RuntimeError('other', 'cannot suspend: no suspendable entry on this stack');
  if (!Array.isArray(res) || res.length !== n) {
    throw new TypeError(`host function returned ${Array.isArray(res) ? res.length : typeof res} results, expected ${n}`);
  }
  return res;
}

const C = { lo64, hi64, i64Value, f64Value, i32Of, hostResults, f32FromBits, f32ToBits, f64FromWords };

// ---- generated functions, one per direction and signature ------------------------------------

/** Binds a generated function to its callee `fn`, the JS API's conversions `J` and types `P`. */
type Maker = (rt: typeof RT, c: typeof C, fn: unknown, j: JsConversions | null, p: readonly CValType[]) => unknown;
const makers = new Map<string, Maker | null>();

function taken(params: readonly CValType[], results: readonly CValType[]): boolean {
  return results.length <= 1 && !params.includes('v128') && !results.includes('v128');
}

/** The maker for `direction` and g's signature, generated from `source()` the first time. */
function maker(direction: string, params: readonly CValType[], results: readonly CValType[], source: () => string): Maker | null {
  const key = [direction, ...params, '->', ...results].map(t => typeof t === 'string' ? t : 'ref').join(' ');
  let make = makers.get(key);
  if (make === undefined) {
    try {
      make = new Function('RT', 'C', 'fn', 'J', 'P', `"use strict"; ${source()}`) as Maker;
    } catch {
      make = null; // no eval: the value-stack routes still work
    }
    makers.set(key, make);
  }
  return make;
}

/** How one argument gets into the compiled convention: statements, and what the call passes. */
interface ArgConv { readonly stmt: string; readonly pass: string }

/**
 * An entry from the host: the arguments are converted first (in order, before anything runs),
 * then compiled `fn` runs with RT.thread = t and the current depth; RT.thread and RT.depth are
 * restored whatever happens. `ret` turns the result `r` into what the host gets (null: nothing).
 */
function entrySource(args: readonly ArgConv[], ret: string | null): string {
  const call = `fn(${[...args.map(a => a.pass), 'depth'].join(', ')})`;
  return `return function enter(t, a) {
  ${args.map(a => a.stmt).join('\n  ')}
  const prev = RT.thread, depth = RT.depth;
  RT.thread = t;
  try {
    ${ret === null ? `${call}; return undefined;` : `const r = ${call}; return ${ret};`}
  } finally {
    RT.thread = prev;
    RT.depth = depth;
  }
};`;
}

/** An argument converted by expression `e` (an i64: `lo` and `hi` expressions of `b`). */
function arg(k: number, ty: CValType, e: string, b?: string): ArgConv {
  if (ty === 'i64') return { stmt: `const b${k} = ${b}, x${k} = C.lo64(b${k}), x${k}h = C.hi64(b${k});`, pass: `x${k}, x${k}h` };
  return { stmt: `const x${k} = ${e};`, pass: `x${k}` };
}

/**
 * A compiled-convention function calling the host: parameters p0.. (an i64 as p, ph) and `dp`;
 * while `body` runs, RT.depth covers the host's frames, so compiled code it re-enters keeps counting.
 */
function hostSource(params: readonly CValType[], body: string): string {
  const names = params.map((ty, k) => ty === 'i64' ? `p${k}, p${k}h` : `p${k}`);
  return `return function host(${[...names, 'dp'].join(', ')}) {
  const depth = RT.depth;
  RT.depth = dp + ${INTERP_WORDS};
  try {
    ${body}
  } finally {
    RT.depth = depth;
  }
};`;
}

// ---- runtime API -> compiled -------------------------------------------------------------------

/** The compiled convention of embedding Value `a[k]`. */
function fromValue(ty: CValType, k: number): ArgConv {
  switch (ty) {
    case 'i32': return arg(k, ty, `a[${k}] | 0`);
    case 'f32': return arg(k, ty, `C.f32FromBits(a[${k}] | 0)`);
    case 'i64': return arg(k, ty, '', `a[${k}]`);
    case 'f64': return arg(k, ty, `C.f64FromWords(C.lo64(a[${k}]), C.hi64(a[${k}]))`);
    default: return arg(k, ty, `a[${k}]`);
  }
}

/** The embedding Value of compiled result `r`. */
function toValue(ty: CValType): string {
  switch (ty) {
    case 'f32': return 'C.f32ToBits(r) >>> 0';
    case 'i64': return 'C.i64Value(r, RT.hi)';
    case 'f64': return 'C.f64Value(r)';
    default: return 'r';
  }
}

/** Entry for the runtime API's `invoke` (exec/invoke.ts), set on the FuncInst when it compiles. */
export function directEntry(g: FuncInst): DirectEntry | null {
  const { params, results } = sig(g);
  if (!taken(params, results)) return null;
  const make = maker('enter', params, results, () =>
    entrySource(params.map((ty, k) => fromValue(ty, k)), results.length === 0 ? '[]' : `[${toValue(results[0])}]`));
  return make === null ? null : make(RT, C, g.jit, null, params) as DirectEntry;
}

// ---- JS API -> compiled -----------------------------------------------------------------------

/** ToWebAssemblyValue of JS argument `a[k]`, in the compiled convention. */
function fromJS(ty: CValType, k: number): ArgConv {
  switch (ty) {
    case 'i32': return arg(k, ty, `J.num(a[${k}]) | 0`);
    case 'f32': return arg(k, ty, `C.f32FromBits(C.f32ToBits(J.num(a[${k}])))`); // rounded to f32, NaN in the f32 convention
    case 'f64': return arg(k, ty, `J.num(a[${k}])`);
    case 'i64': return arg(k, ty, '', `J.big64(a[${k}])`);
    default: return arg(k, ty, `J.ref(a[${k}], P[${k}])`);
  }
}

/** ToJSValue of a compiled value `lo` (an i64's high word in `hi`; an f32 already is a double holding the f32 value). */
function toJS(ty: CValType, lo: string, hi: string): string {
  switch (ty) {
    case 'i32': case 'f32': case 'f64': return lo;
    case 'i64': return `BigInt.asIntN(64, C.i64Value(${lo}, ${hi}))`;
    default: return `J.js(${lo})`;
  }
}

/**
 * Entry for a JS API exported function once `g` is compiled: no embedding Values in between, so
 * an f64 argument stays a number instead of becoming IEEE bits in a BigInt and back.
 */
export function jsEntry(g: FuncInst, conv: JsConversions): JsEntry | null {
  const { params, results } = sig(g);
  if (!taken(params, results)) return null;
  const make = maker('js', params, results, () =>
    entrySource(params.map((ty, k) => fromJS(ty, k)), results.length === 0 ? null : toJS(results[0], 'r', 'RT.hi')));
  return make === null ? null : make(RT, C, g.jit, conv, params) as JsEntry;
}

// ---- compiled -> host ---------------------------------------------------------------------------

/** The embedding Value of compiled parameter `p`. */
function paramValue(ty: CValType, p: string): string {
  switch (ty) {
    case 'f32': return `C.f32ToBits(${p}) >>> 0`;
    case 'i64': return `C.i64Value(${p}, ${p}h)`;
    case 'f64': return `C.f64Value(${p})`;
    default: return p;
  }
}

/** Returns host result Value `v` in the compiled convention. */
function returnValue(ty: CValType, v: string): string {
  switch (ty) {
    case 'i32': return `return C.i32Of(${v});`;
    case 'f32': return `return C.f32FromBits(C.i32Of(${v}));`;
    case 'i64': return `RT.hi = C.hi64(${v}); return C.lo64(${v});`;
    case 'f64': return `return C.f64FromWords(C.lo64(${v}), C.hi64(${v}));`;
    default: return `return ${v};`;
  }
}

/** Returns JS result `r` in the compiled convention (ToWebAssemblyValue). */
function returnJS(ty: CValType): string {
  switch (ty) {
    case 'i32': return 'return J.num(r) | 0;';
    case 'f32': return 'return C.f32FromBits(C.f32ToBits(J.num(r)));';
    case 'f64': return 'return J.num(r);';
    case 'i64': return 'const b = J.big64(r); RT.hi = C.hi64(b); return C.lo64(b);';
    default: return 'return J.ref(r, P[0]);';
  }
}

/** JS callables imported through the JS API, by their host FuncInst. */
const jsHosts = new WeakMap<FuncInst, { fn: Function; conv: JsConversions }>();

/**
 * The JS API tells which host functions are plain JS callables wrapped by ToJSValue /
 * ToWebAssemblyValue (api/functions.ts importedFunction), so that compiled code can call them with
 * JS values, exactly as that wrapper does, throws included.
 */
export function registerJsHost(g: FuncInst, fn: Function, conv: JsConversions): void {
  jsHosts.set(g, { fn, conv });
}

/**
 * A compiled-convention entry calling host function `g` (the F[i] entry of an import, see
 * helpers.ts entryOf), or null when its signature is not taken (bridge.ts `callSlow` serves it).
 */
export function hostEntry(g: FuncInst): JitFn | null {
  const { params, results } = sig(g);
  if (!taken(params, results)) return null;
  const js = jsHosts.get(g);
  if (js !== undefined) {
    const make = maker('jshost', params, results, () => hostSource(params, `let r;
    try {
      r = fn(${params.map((ty, k) => toJS(ty, `p${k}`, `p${k}h`)).join(', ')});
    } catch (e) {
      throw J.thrown(e);
    }
    ${results.length === 0 ? 'return undefined;' : returnJS(results[0])}`));
    return make === null ? null : make(RT, C, js.fn, js.conv, results) as JitFn;
  }
  const make = maker('host', params, results, () => hostSource(params,
    `const res = C.hostResults(fn([${params.map((ty, k) => paramValue(ty, `p${k}`)).join(', ')}]), ${results.length});
    ${results.length === 0 ? 'return undefined;' : returnValue(results[0], 'res[0]')}`));
  return make === null ? null : make(RT, C, g.host, null, results) as JitFn;
}
