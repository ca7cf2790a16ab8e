/**
 * Crossing between the tiers. The interpreter keeps values in 16-byte stack cells; compiled code
 * passes them as JS arguments (i64 as two int32 words, f32/f64 as numbers, see bits.ts).
 *  - `enterCompiled`: an interpreter call op (or `invokeFunc`) calls a compiled function with the
 *    arguments on top of the thread's value stack and puts the results back there.
 *  - `callSlow`: compiled code calls a function that is not compiled (host function, or wasm still
 *    in the interpreter) by writing the arguments to the value stack above everything in use and
 *    running the re-entrant interpreter there.
 * Compiled functions take one argument more than their wasm parameters: `dp`, the estimated
 * host-stack words used by compiled frames below (see codegen.ts assemble).
 */
import type { Thread } from '../exec/thread.js';
import { Suspension, type FuncInst } from '../runtime/func.js';
import { RuntimeError } from '../errors.js';
import type { Value } from '../runtime/values.js';
import type { CValType, DefType } from '../valid/canon-types.js';
import { callHost } from '../exec/interp.js';
import { activate } from '../exec/invoke.js';
import { compiledOf } from '../exec/code-cache.js';
import { f32FromBits, f32ToBits, f64FromWords, f64Hi, f64Lo } from './bits.js';
import { RT } from './runtime.js';

export type JitFn = (...args: unknown[]) => unknown;

/** Host-stack words an interpreter activation entered from compiled code uses (estimate). */
const INTERP_WORDS = 256;

function sig(g: FuncInst): { params: readonly CValType[]; results: readonly CValType[] } {
  return g.type.comp as { params: readonly CValType[]; results: readonly CValType[] };
}

/** Reads the cell at `slot` as compiled-convention value(s) into `out`. */
function readCell(t: Thread, ty: CValType, slot: number, out: unknown[]): void {
  const w = slot << 2;
  switch (ty) {
    case 'i32': out.push(t.i32[w]); return;
    case 'i64': out.push(t.i32[w], t.i32[w + 1]); return;
    case 'f32': out.push(f32FromBits(t.i32[w])); return;
    case 'f64': out.push(t.f64[slot << 1]); return;
    case 'v128': out.push(t.i32[w], t.i32[w + 1], t.i32[w + 2], t.i32[w + 3]); return;
    default: out.push(t.refs[slot]);
  }
}

/**
 * An empty array with generic (tagged) elements. Arrays that V8 gives double elements would
 * canonicalize NaNs, losing signalling-NaN bits; so value lists never start life as `[]`.
 */
function valueList(): unknown[] {
  const a: unknown[] = [null];
  a.length = 0;
  return a;
}

/** Writes compiled-convention value(s) vals[i..] to the cell at `slot`; returns the next i. */
function writeCell(t: Thread, ty: CValType, slot: number, vals: readonly unknown[], i: number): number {
  const w = slot << 2;
  switch (ty) {
    case 'i32': t.i32[w] = vals[i] as number; return i + 1;
    case 'i64': t.i32[w] = vals[i] as number; t.i32[w + 1] = vals[i + 1] as number; return i + 2;
    case 'f32': t.i32[w] = f32ToBits(vals[i] as number); return i + 1;
    case 'f64': t.f64[slot << 1] = vals[i] as number; return i + 1;
    case 'v128':
      for (let k = 0; k < 4; k++) t.i32[w + k] = vals[i + k] as number;
      return i + 4;
    default: t.refs[slot] = vals[i]; return i + 1;
  }
}

/** Whether the interpreter may call compiled code on thread `t` now (see README: tiers). */
export function canEnter(t: Thread): boolean {
  return t.parent === null && !t.suspendable && t.fuel === Infinity && RT.depth < RT.limit;
}

/** Calls compiled `g` with its arguments at the top of `t`'s stack (ending at `sp`); returns the new sp. */
export function enterCompiled(t: Thread, g: FuncInst, sp: number): number {
  const { params, results } = sig(g);
  const base = sp - params.length;
  const args = valueList();
  for (let k = 0; k < params.length; k++) readCell(t, params[k], base + k, args);
  args.push(RT.depth); // the compiled convention's last argument: host-stack words in use below
  t.sp = base;
  const prev = RT.thread, depth = RT.depth;
  RT.thread = t;
  let r: unknown;
  try {
    r = (g.jit as JitFn).apply(null, args);
  } finally {
    RT.thread = prev;
    RT.depth = depth;
  }
  t.ensure(base + results.length + 1);
  if (results.length === 1 && results[0] !== 'v128') {
    const vals = valueList();
    vals.push(r, RT.hi);
    writeCell(t, results[0], base, vals, 0);
  } else if (results.length >= 1) {
    let i = 0;
    const vals = RT.res; // generic elements (see runtime.ts)
    for (let k = 0; k < results.length; k++) i = writeCell(t, results[k], base + k, vals, i);
  }
  return base + results.length;
}

/** The host's entry into compiled code: embedding Values in, embedding Values out. */
export type DirectEntry = (t: Thread, args: readonly Value[]) => Value[];

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

/** What a host function returned, checked as callHost (exec/interp.ts) checks it. */
function hostResults(res: Value[] | Suspension, n: number): Value[] {
  // Compiled code never runs on a suspendable stack (canEnter), so a Suspension cannot be honoured.
  if (res instanceof Suspension) throw new RuntimeError('other', 'cannot suspend: no suspendable entry on this stack');
  if (!Array.isArray(res) || res.length !== n) {
    throw new TypeError(`host function returned ${Array.isArray(res) ? res.length : typeof res} results, expected ${n}`);
  }
  return res;
}
function i32Of(v: Value): number {
  return Number(v) | 0;
}
function u64Of(v: Value): bigint {
  return BigInt.asUintN(64, v as bigint);
}
/** An i64 as its (lo, hi) words. */
function words(v: bigint): [number, number] {
  return [Number(BigInt.asIntN(32, v)), Number(BigInt.asIntN(32, v >> 32n))];
}

const CONVERT = { lo64, hi64, i64Value, f64Value, f32FromBits, f32ToBits, f64FromWords, hostResults, i32Of, u64Of, words };

/** JS expression(s) passing embedding Value `a[k]` of type `ty` in the compiled convention. */
function argExpr(ty: CValType, k: number): string {
  switch (ty) {
    case 'i32': return `a[${k}] | 0`;
    case 'f32': return `C.f32FromBits(a[${k}] | 0)`;
    case 'i64': return `C.lo64(a[${k}]), C.hi64(a[${k}])`;
    case 'f64': return `C.f64FromWords(C.lo64(a[${k}]), C.hi64(a[${k}]))`;
    default: return `a[${k}]`;
  }
}

/** JS expression for the embedding Value of compiled result `r` of type `ty`. */
function resultExpr(ty: CValType): string {
  switch (ty) {
    case 'i32': return 'r';
    case 'f32': return 'C.f32ToBits(r) >>> 0';
    case 'i64': return 'C.i64Value(r, RT.hi)';
    case 'f64': return 'C.f64Value(r)';
    default: return 'r';
  }
}

type EntryMaker<F> = (rt: typeof RT, c: typeof CONVERT, fn: F) => F extends JitFn ? DirectEntry : JitFn;
/** Entry makers by direction and signature (one `new Function` each, shared by all functions). */
const makers = new Map<string, ((rt: typeof RT, c: typeof CONVERT, fn: unknown) => unknown) | null>();

/** Whether the bridges below take a signature: no v128, at most one result. */
function directSig(params: readonly CValType[], results: readonly CValType[]): boolean {
  return results.length <= 1 && !params.includes('v128') && !results.includes('v128');
}

function maker(key: string, body: () => string): ((rt: typeof RT, c: typeof CONVERT, fn: unknown) => unknown) | null {
  let make = makers.get(key);
  if (make === undefined) {
    try {
      make = new Function('RT', 'C', 'fn', 'J', 'P', `"use strict"; ${body()}`) as (rt: typeof RT, c: typeof CONVERT, fn: unknown) => unknown;
    } catch {
      make = null; // no eval: the value-stack routes still work
    }
    makers.set(key, make);
  }
  return make;
}

function sigKey(params: readonly CValType[], results: readonly CValType[]): string {
  return [...params, '->', ...results].map(t => typeof t === 'string' ? t : 'ref').join(' ');
}

/**
 * A direct entry for compiled `g`, converting the host's Values straight to the compiled
 * convention and back without the value stack (a call from JS then costs a fraction of the
 * value-stack route), or null for signatures it does not take (v128, several results) or where
 * `new Function` is unavailable: the caller goes through `enterCompiled` then.
 */
export function directEntry(g: FuncInst): DirectEntry | null {
  const { params, results } = sig(g);
  if (!directSig(params, results)) return null;
  const make = maker(`enter ${sigKey(params, results)}`, () => {
    const call = `fn(${[...params.map(argExpr), 'depth'].join(', ')})`;
    return `return function enter(t, a) {
  const prev = RT.thread, depth = RT.depth;
  RT.thread = t;
  try {
    ${results.length === 0 ? `${call}; return [];` : `const r = ${call}; return [${resultExpr(results[0])}];`}
  } finally {
    RT.thread = prev;
    RT.depth = depth;
  }
};`;
  });
  return make === null ? null : make(RT, CONVERT, g.jit) as DirectEntry;
}

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

/** JS callables imported through the JS API, by their host FuncInst (see `registerJsHost`). */
const jsHosts = new WeakMap<FuncInst, { fn: Function; conv: JsConversions }>();

/**
 * The JS API tells the bridge which host functions are plain JS callables wrapped by ToJSValue /
 * ToWebAssemblyValue, so that compiled code can call them with JS values directly (`hostEntry`).
 */
export function registerJsHost(g: FuncInst, fn: Function, conv: JsConversions): void {
  jsHosts.set(g, { fn, conv });
}

/** Calls compiled code with JS arguments; returns the JS result (several results are not taken). */
export type JsEntry = (t: Thread, args: readonly unknown[]) => unknown;

/** JS expression converting JS argument `a[k]` of type `ty` to the compiled convention (ToWebAssemblyValue); an i64 gives its two words. */
function jsArgExpr(ty: CValType, k: number): string {
  switch (ty) {
    case 'i32': return `J.num(a[${k}]) | 0`;
    case 'f32': return `C.f32FromBits(C.f32ToBits(J.num(a[${k}])))`; // rounded to f32, NaN in the f32 convention
    case 'f64': return `J.num(a[${k}])`;
    case 'i64': return `C.words(J.big64(a[${k}]))`;
    default: return `J.ref(a[${k}], P[${k}])`;
  }
}

/** JS expression for the JS value of compiled result `r` of type `ty` (ToJSValue). */
function jsResultExpr(ty: CValType): string {
  switch (ty) {
    case 'i32': case 'f32': case 'f64': return 'r'; // an f32 result already is a double holding the f32 value
    case 'i64': return 'BigInt.asIntN(64, C.i64Value(r, RT.hi))';
    default: return 'J.js(r)';
  }
}

/**
 * An entry for compiled `g` that takes JS arguments and gives the JS result, for exported functions
 * (src/api): no embedding Values in between, so an f64 argument stays a number instead of becoming
 * IEEE bits in a BigInt and back (a call with two f64 arguments: ~290 -> ~40 ns). Arguments are
 * converted in order before the call, as ToWebAssemblyValue would be. Null for signatures it does
 * not take (v128, several results).
 */
export function jsEntry(g: FuncInst, conv: JsConversions): JsEntry | null {
  const { params, results } = sig(g);
  if (!directSig(params, results)) return null;
  const make = maker(`js ${sigKey(params, results)}`, () => {
    const args = params.map((ty, k) => `const x${k} = ${jsArgExpr(ty, k)};`);
    const passed = params.map((ty, k) => ty === 'i64' ? `x${k}[0], x${k}[1]` : `x${k}`);
    const call = `fn(${[...passed, 'depth'].join(', ')})`;
    return `return function entryJS(t, a) {
  ${args.join('\n  ')}
  const prev = RT.thread, depth = RT.depth;
  RT.thread = t;
  try {
    ${results.length === 0 ? `${call}; return undefined;` : `const r = ${call}; return ${jsResultExpr(results[0])};`}
  } finally {
    RT.thread = prev;
    RT.depth = depth;
  }
};`;
  });
  if (make === null) return null;
  // The maker's parameters: RT, C, fn, then J (the API's conversions) and P (the parameter types).
  return (make as unknown as (rt: typeof RT, c: typeof CONVERT, fn: unknown, j: JsConversions, p: readonly CValType[]) => JsEntry)(
    RT, CONVERT, g.jit, conv, params);
}

/** JS expression for the embedding Value of compiled-convention parameter(s) of type `ty` named `p`. */
function valueExpr(ty: CValType, p: string): string {
  switch (ty) {
    case 'i32': return p;
    case 'f32': return `C.f32ToBits(${p}) >>> 0`;
    case 'i64': return `C.i64Value(${p}, ${p}h)`;
    case 'f64': return `C.f64Value(${p})`;
    default: return p;
  }
}

/** Statements returning host result Value `v` of type `ty` in the compiled convention. */
function returnCompiled(ty: CValType, v: string): string {
  switch (ty) {
    case 'i32': return `return C.i32Of(${v});`;
    case 'f32': return `return C.f32FromBits(C.i32Of(${v}));`;
    case 'i64': { return `const b = C.u64Of(${v}); RT.hi = Number(b >> 32n) | 0; return Number(b & 0xffffffffn) | 0;`; }
    case 'f64': return `const b = C.u64Of(${v}); return C.f64FromWords(Number(b & 0xffffffffn) | 0, Number(b >> 32n) | 0);`;
    default: return `return ${v};`;
  }
}

/**
 * A compiled-convention entry for host function `g` that calls it directly: arguments converted to
 * embedding Values into one array literal, the result converted back, none of callSlow's value-stack
 * round trip (a wasm -> JS call from compiled code then costs about what it does from the
 * interpreter). Null for signatures it does not take: `callSlow` serves those.
 */
export function hostEntry(g: FuncInst): JitFn | null {
  const { params, results } = sig(g);
  if (!directSig(params, results)) return null;
  const js = jsHosts.get(g);
  if (js !== undefined) return jsHostEntry(params, results, js.fn, js.conv);
  const make = maker(`host ${sigKey(params, results)}`, () => {
    const names = params.map((ty, k) => ty === 'i64' ? `p${k}, p${k}h` : `p${k}`);
    const values = params.map((ty, k) => valueExpr(ty, `p${k}`));
    return `return function host(${[...names, 'dp'].join(', ')}) {
  const depth = RT.depth;
  RT.depth = dp + ${INTERP_WORDS};
  try {
    const res = C.hostResults(fn([${values.join(', ')}]), ${results.length});
    ${results.length === 0 ? 'return undefined;' : returnCompiled(results[0], 'res[0]')}
  } finally {
    RT.depth = depth;
  }
};`;
  });
  return make === null ? null : make(RT, CONVERT, g.host) as JitFn;
}

/** JS expression for the JS value of compiled-convention parameter `p` of type `ty` (ToJSValue). */
function jsParamExpr(ty: CValType, p: string): string {
  switch (ty) {
    case 'i32': case 'f32': case 'f64': return p; // an f32 already is a double holding the f32 value
    case 'i64': return `BigInt.asIntN(64, C.i64Value(${p}, ${p}h))`;
    default: return `J.js(${p})`;
  }
}

/** Statements returning JS result `r` of type `ty` in the compiled convention (ToWebAssemblyValue). */
function returnFromJS(ty: CValType): string {
  switch (ty) {
    case 'i32': return 'return J.num(r) | 0;';
    case 'f32': return 'return C.f32FromBits(C.f32ToBits(J.num(r)));';
    case 'f64': return 'return J.num(r);';
    case 'i64': return 'const w = C.words(J.big64(r)); RT.hi = w[1]; return w[0];';
    default: return 'return J.ref(r, P[0]);';
  }
}

/**
 * A host entry for a JS callable imported through the JS API: compiled arguments become JS values
 * and the JS result a compiled value with no embedding Values in between (an f64 stays a number);
 * what the callable throws is translated as the API's own wrapper does (importedFunction).
 */
function jsHostEntry(params: readonly CValType[], results: readonly CValType[], fn: Function, conv: JsConversions): JitFn | null {
  const make = maker(`jshost ${sigKey(params, results)}`, () => {
    const names = params.map((ty, k) => ty === 'i64' ? `p${k}, p${k}h` : `p${k}`);
    const values = params.map((ty, k) => jsParamExpr(ty, `p${k}`));
    return `return function hostJS(${[...names, 'dp'].join(', ')}) {
  const depth = RT.depth;
  RT.depth = dp + ${INTERP_WORDS};
  try {
    let r;
    try {
      r = fn(${values.join(', ')});
    } catch (e) {
      throw J.thrown(e);
    }
    ${results.length === 0 ? 'return undefined;' : returnFromJS(results[0])}
  } finally {
    RT.depth = depth;
  }
};`;
  });
  if (make === null) return null;
  return (make as unknown as (rt: typeof RT, c: typeof CONVERT, fn: unknown, j: JsConversions, p: readonly CValType[]) => JitFn)(
    RT, CONVERT, fn, conv, results);
}

/**
 * Runs `g` (host or interpreted wasm) for compiled code; compiled calling convention both ways
 * (the last argument is the caller's depth: it becomes RT.depth while `g` runs, so that compiled
 * code entered from the interpreter continues counting from there).
 */
export function callSlow(g: FuncInst, args: readonly unknown[]): unknown {
  const t = RT.thread!;
  const { params, results } = sig(g);
  const base = t.sp;
  const depth = RT.depth;
  // The interpreter's own host frames (activate, the dispatch loop) count too, generously.
  RT.depth = (args[args.length - 1] as number) + INTERP_WORDS;
  try {
    t.ensure(base + Math.max(params.length, results.length) + 1);
    let i = 0;
    for (let k = 0; k < params.length; k++) i = writeCell(t, params[k], base + k, args, i);
    if (g.host !== null) {
      callHost(t, g, base + params.length);
    } else {
      t.sp = base;
      activate(t, compiledOf(g), g.instance!, g, base);
    }
    if (results.length === 0) return undefined;
    const out = valueList();
    for (let k = 0; k < results.length; k++) readCell(t, results[k], base + k, out);
    if (results.length === 1 && results[0] !== 'v128') {
      if (results[0] === 'i64') RT.hi = out[1] as number;
      return out[0];
    }
    for (let k = 0; k < out.length; k++) RT.res[k] = out[k];
    return undefined;
  } finally {
    t.sp = base;
    RT.depth = depth;
  }
}
