/**
 * The functions generated code calls (destructured from `E.H` at the top of each factory): the
 * bit-exact numerics of exec/numeric, the float bit helpers, and checks that trap.
 */
import { RuntimeError } from '../errors.js';
import type { FuncInst } from '../runtime/func.js';
import type { TableInst } from '../runtime/table.js';
import type { CValType, DefType } from '../valid/canon-types.js';
import type { Value } from '../runtime/values.js';
import { WasmException, type TagInst } from '../runtime/tag.js';
import { RT } from './runtime.js';
import { Delegated } from './delegated.js';
import { divS32, divU32, remS32, remU32, rotl32, rotr32 } from '../exec/numeric/i32.js';
import {
  mulHiU32, divS64, divU64, remS64, remU64, rotl64, rotr64, clz64, ctz64, ctz32, popcnt32,
} from '../exec/numeric/i64.js';
import * as CV from '../exec/numeric/convert.js';
import { nearest, quiet } from '../exec/numeric/float.js';
import { canonF32x4, canonF64x2 } from '../exec/numeric/canon-nan.js';
import { memoryInit, memoryCopy, memoryFill, tableInit, tableCopy, tableFill, tableOob } from '../exec/bulk.js';
import { isSubDef, refMatches } from '../exec/casts.js';
import * as GC from '../exec/gc-ops.js';
import { Thread } from '../exec/thread.js';
import { oob } from '../exec/mem-access.js';
import { ATOMIC, AS } from './atomics.js';
import { copysign, f32FromBits, f32ToBits, f64FromWords, f64Hi, f64Lo, fabs, fneg } from './bits.js';
import { callSlow, type JitFn } from './bridge.js';
import { hostEntry } from './host-boundary.js';
import { tierUp } from './tier.js';
import { SIMD_OPS, SIMD_MEM_OPS, simdViews } from '../exec/simd.js';
import { SLOW_LOAD, SLOW_STORE } from './mem-slow.js';
import { refreshViews, viewRecord } from './memory-views.js';

const stubs = new WeakMap<FuncInst, JitFn>();

/**
 * A compiled-convention entry for `g`: its compiled code, or a stub that calls the compiled code
 * once it exists and the interpreter until then.
 */
export function entryOf(g: FuncInst): JitFn {
  if (g.jit !== null) return g.jit as JitFn;
  let s = stubs.get(g);
  if (!s && g.host !== null) {
    s = hostEntry(g) ?? undefined;
    if (s) stubs.set(g, s);
  }
  if (!s) {
    // Rest-parameter arrays have generic elements, so NaN bits survive (see bridge.ts valueList).
    // Calls from compiled code count towards tier-up like the interpreter's calls do (otherwise a
    // function only ever called from compiled code would stay interpreted).
    s = (...args: unknown[]) => {
      if (g.jit === null && --g.hot < 0) tierUp(RT.thread!, g);
      return g.jit !== null ? (g.jit as JitFn)(...args) : callSlow(g, args);
    };
    stubs.set(g, s);
  }
  return s;
}

/** call_indirect: the checked callee at `i` of `tab`, as a compiled-convention function. */
function CALLEE(tab: TableInst, i: number, ty: DefType): JitFn {
  const x = i; // already unsigned (table64 indices may exceed 2^32)
  if (x >= tab.elems.length) throw new RuntimeError('undefined-element', `undefined element ${x}`);
  const f = tab.elems[x] as FuncInst | null;
  if (f === null) throw new RuntimeError('uninitialized-element', `uninitialized element ${x}`);
  if (f.type !== ty && !isSubDef(f.type, ty)) throw new RuntimeError('indirect-call-mismatch', 'indirect call type mismatch');
  return f.jit !== null ? (f.jit as JitFn) : entryOf(f);
}

function REFCALLEE(f: FuncInst | null): JitFn {
  if (f === null) throw new RuntimeError('null-reference', 'null function reference');
  return f.jit !== null ? (f.jit as JitFn) : entryOf(f);
}

function NONNULL(): never {
  throw new RuntimeError('null-reference', 'null reference');
}

function UNREACHABLE(): never {
  throw new RuntimeError('unreachable', 'unreachable');
}

function TGET(tab: TableInst, i: number): unknown {
  if (i >= tab.elems.length) tableOob();
  return tab.elems[i];
}
function TSET(tab: TableInst, i: number, v: unknown): void {
  if (i >= tab.elems.length) tableOob();
  tab.elems[i] = v as never;
}
function TGROW(tab: TableInst, n: number, v: unknown): number {
  return tab.grow(n, v as never);
}

/** Compiled-convention words (see bridge.ts) -> a runtime Value of type `ty`; advances `at.i`. */
function toValue(ty: CValType, vals: readonly unknown[], at: { i: number }): Value {
  const i = at.i;
  switch (ty) {
    case 'i32': at.i++; return vals[i] as number;
    case 'i64': at.i += 2; return (BigInt(vals[i + 1] as number) << 32n) | BigInt((vals[i] as number) >>> 0);
    case 'f32': at.i++; return f32ToBits(vals[i] as number) >>> 0;
    case 'f64': at.i++; return (BigInt(f64Hi(vals[i] as number) >>> 0) << 32n) | BigInt(f64Lo(vals[i] as number) >>> 0);
    case 'v128': {
      at.i += 4;
      return new Uint8Array(Int32Array.from(vals.slice(i, i + 4) as number[]).buffer);
    }
    default: at.i++; return vals[i] as Value;
  }
}

/** Appends the compiled-convention words of Value `v` of type `ty` to `out`. */
function fromValue(ty: CValType, v: Value, out: unknown[]): void {
  switch (ty) {
    case 'i32': out.push(v as number); return;
    case 'i64': { const b = BigInt.asUintN(64, v as bigint); out.push(Number(b & 0xffffffffn) | 0, Number(b >> 32n) | 0); return; }
    case 'f32': out.push(f32FromBits((v as number) | 0)); return;
    case 'f64': { const b = v as bigint; out.push(f64FromWords(Number(b & 0xffffffffn) | 0, Number((b >> 32n) & 0xffffffffn) | 0)); return; }
    case 'v128': { const w = new Int32Array((v as Uint8Array).slice().buffer); out.push(w[0], w[1], w[2], w[3]); return; }
    default: out.push(v);
  }
}

function tagParams(tag: TagInst): readonly CValType[] {
  return (tag.type.comp as { params: readonly CValType[] }).params;
}

/** `throw`: the exception object for `tag` with compiled-convention payload words. */
function THROW(tag: TagInst, ...vals: unknown[]): WasmException {
  const at = { i: 0 };
  return new WasmException(tag, tagParams(tag).map(ty => toValue(ty, vals, at)));
}

/** A caught exception's payload as compiled-convention words in RT.res. */
function UNPACK(e: WasmException): void {
  const out = RT.res;
  out.length = 0;
  const ps = tagParams(e.tag);
  for (let k = 0; k < ps.length; k++) fromValue(ps[k], e.args[k], out);
}

function DELEGATE(e: WasmException, to: number): Delegated {
  return new Delegated(e, to);
}

function NULLEXN(): never {
  throw new RuntimeError('null-reference', 'null exception reference');
}

function CASTFAIL(): never {
  throw new RuntimeError('cast-failure', 'cast failure');
}
function NULLI31(): never {
  throw new RuntimeError('null-reference', 'null i31 reference');
}

export const HELPERS = {
  /** GC: the interpreter's object operations, run on a scratch value stack. */
  GC, ST: new Thread(1, 1024, 1024), REFM: refMatches, CASTFAIL, NULLI31,
  EXN: WasmException, THROW, UNPACK, NULLEXN, DELEG: Delegated, DELEGATE, ATOMIC, AS,
  OOB: oob, UNREACHABLE, S: new Int32Array(4),
  /** Loads and stores off the typed-array fast path (see mem-slow.ts). */
  MLD: SLOW_LOAD, MST: SLOW_STORE,
  /** A memory's shared views, and their renewal after a grow (see memory-views.ts). */
  VIEWS: refreshViews, VIEWREC: viewRecord,
  divS32, divU32, remS32, remU32, rotl32, rotr32, ctz32, popcnt32,
  mulHiU32, divS64, divU64, remS64, remU64, rotl64, rotr64, clz64, ctz64,
  truncI32S: CV.truncI32S, truncI32U: CV.truncI32U, truncSatI32S: CV.truncSatI32S, truncSatI32U: CV.truncSatI32U,
  truncI64S: CV.truncI64S, truncI64U: CV.truncI64U, truncSatI64S: CV.truncSatI64S, truncSatI64U: CV.truncSatI64U,
  i64ToF32: CV.i64ToF32, i64ToF64: CV.i64ToF64, nearest, quiet,
  f32FromBits, f32ToBits, f64FromWords, f64Lo, f64Hi, copysign, fabs, fneg,
  CALLEE, REFCALLEE, NONNULL, TGET, TSET, TGROW, TFILL: tableFill,
  memoryInit, memoryCopy, memoryFill, tableInit, tableCopy,
  /** SIMD: the interpreter's handlers and the scratch area compiled code runs them on. */
  SIMD: SIMD_OPS, SIMD_MEM: SIMD_MEM_OPS, SV: simdViews(new ArrayBuffer(64)),
  /** Deterministic profile: lane canonicalisation of a SIMD result. */
  canonF32x4, canonF64x2,
};
