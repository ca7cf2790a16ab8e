/**
 * Matching results against the expectations of `assert_return`: exact constants (floats compared
 * bit for bit, so NaN payloads and signed zeros count), NaN patterns, per-lane vector patterns,
 * reference patterns and `either` alternatives.
 */
import type { Const, Expected, LanePattern } from './ast.js';
import type { RefValue, ScriptValue } from './engine.js';

type Shape = 'i8x16' | 'i16x8' | 'i32x4' | 'i64x2' | 'f32x4' | 'f64x2';
const LANE_BITS: Record<Shape, number> = { i8x16: 8, i16x8: 16, i32x4: 32, i64x2: 64, f32x4: 32, f64x2: 64 };

const F32_ABS = 0x7fffffff;
const F32_CANON = 0x7fc00000;
const F64_ABS = 0x7fffffffffffffffn;
const F64_CANON = 0x7ff8000000000000n;

/** A canonical NaN has only the quiet bit of the payload set; an arithmetic NaN at least that bit. */
function f32IsNaN(bits: number, nan: 'canonical' | 'arithmetic'): boolean {
  return nan === 'canonical' ? (bits & F32_ABS) === F32_CANON : (bits & F32_CANON) === F32_CANON;
}

function f64IsNaN(bits: bigint, nan: 'canonical' | 'arithmetic'): boolean {
  return nan === 'canonical' ? (bits & F64_ABS) === F64_CANON : (bits & F64_CANON) === F64_CANON;
}

/** Lane `i` of a little-endian vector, `bits` wide, as an unsigned bigint. */
function lane(bytes: Uint8Array, bits: number, i: number): bigint {
  const n = bits / 8;
  let v = 0n;
  for (let k = n - 1; k >= 0; k--) v = (v << 8n) | BigInt(bytes[i * n + k]);
  return v;
}

/**
 * Under the deterministic profile every generated NaN is the positive canonical one, so an
 * expected exact NaN with another payload or sign is met by that NaN (`positiveCanonical`: the
 * actual value is it). Only used to classify such assertions, never to pass them.
 */
function deterministicNaN(expected: bigint, actual: bigint, bits: number): boolean {
  return bits === 32
    ? (Number(expected) & F32_ABS) > 0x7f800000 && Number(actual) === F32_CANON
    : (expected & F64_ABS) > 0x7ff0000000000000n && actual === F64_CANON;
}

function laneMatches(actual: bigint, bits: number, p: LanePattern, canonNaNs: boolean): boolean {
  const mask = (1n << BigInt(bits)) - 1n;
  switch (p.kind) {
    case 'int': return (p.value & mask) === actual;
    case 'float': return (p.bits & mask) === actual || (canonNaNs && deterministicNaN(p.bits & mask, actual, bits));
    case 'nan': return bits === 32 ? f32IsNaN(Number(actual), p.nan) : f64IsNaN(actual, p.nan);
  }
}

function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function isHost(r: RefValue, id?: number): boolean {
  return r.kind === 'host' && (id === undefined || r.id === id);
}

/** Whether a reference belongs to the any hierarchy (what `(ref.any)` accepts). */
function isAnyRef(r: RefValue): boolean {
  return r.kind === 'host' || r.kind === 'i31' || r.kind === 'struct' || r.kind === 'array' || r.kind === 'other';
}

function refMatches(r: RefValue, e: Expected): boolean {
  switch (e.kind) {
    case 'ref.null': case 'ref.null.any': return r.kind === 'null';
    case 'ref.extern': case 'ref.host': return isHost(r, e.id);
    case 'ref.extern.any': return r.kind === 'host' || r.kind === 'extern' || r.kind === 'other';
    case 'ref.func': return r.kind === 'func' || r.kind === 'other';
    case 'ref.any': return isAnyRef(r);
    case 'ref.eq': return r.kind === 'i31' || r.kind === 'struct' || r.kind === 'array';
    case 'ref.i31': return r.kind === 'i31';
    case 'ref.i31_shared': return r.kind === 'i31';
    case 'ref.struct': return r.kind === 'struct';
    case 'ref.array': return r.kind === 'array';
    case 'ref.exn': return r.kind === 'exn';
    case 'ref.cont': return r.kind === 'cont';
    default: return false;
  }
}

/**
 * Whether `v` is what `e` expects. `canonNaNs` also accepts the positive canonical NaN where `e`
 * wants a NaN of another payload or sign (the deterministic profile's classification).
 */
export function matches(v: ScriptValue, e: Expected, canonNaNs = false): boolean {
  if (e.kind === 'either') return e.options.some(o => matches(v, o, canonNaNs));
  switch (e.kind) {
    case 'i32': return v.kind === 'i32' && (v.value | 0) === (e.value | 0);
    case 'i64': return v.kind === 'i64' && BigInt.asIntN(64, v.value) === BigInt.asIntN(64, e.value);
    case 'f32':
      if (v.kind !== 'f32') return false;
      return 'nan' in e ? f32IsNaN(v.bits, e.nan) : (v.bits >>> 0) === (e.bits >>> 0) ||
        (canonNaNs && deterministicNaN(BigInt(e.bits >>> 0), BigInt(v.bits >>> 0), 32));
    case 'f64':
      if (v.kind !== 'f64') return false;
      return 'nan' in e ? f64IsNaN(v.bits, e.nan) : BigInt.asUintN(64, v.bits) === BigInt.asUintN(64, e.bits) ||
        (canonNaNs && deterministicNaN(BigInt.asUintN(64, e.bits), BigInt.asUintN(64, v.bits), 64));
    case 'v128': {
      if (v.kind !== 'v128') return false;
      if ('bytes' in e) return bytesEqual(v.bytes, e.bytes);
      const bits = LANE_BITS[e.shape];
      return e.lanes.every((p, i) => laneMatches(lane(v.bytes, bits, i), bits, p, canonNaNs));
    }
    default:
      return v.kind === 'ref' && refMatches(v.ref, e);
  }
}

// ---- rendering, for failure messages -----------------------------------------------------------

function hex(n: number | bigint, digits: number): string {
  return '0x' + n.toString(16).padStart(digits, '0');
}

function vecHex(bytes: Uint8Array): string {
  const words: string[] = [];
  for (let i = 0; i < 4; i++) words.push(hex(lane(bytes, 32, i), 8));
  return `v128.const i32x4 ${words.join(' ')}`;
}

function formatRef(r: RefValue): string {
  switch (r.kind) {
    case 'null': return 'ref.null';
    case 'host': return `ref.host ${r.id}`;
    case 'extern': return `ref.extern (${formatRef(r.inner)})`;
    case 'i31': return r.shared ? 'ref.i31_shared' : 'ref.i31';
    default: return `ref.${r.kind}`;
  }
}

export function formatValue(v: ScriptValue): string {
  switch (v.kind) {
    case 'i32': return `(i32.const ${v.value | 0})`;
    case 'i64': return `(i64.const ${BigInt.asIntN(64, v.value)})`;
    case 'f32': return `(f32.const bits ${hex(v.bits >>> 0, 8)})`;
    case 'f64': return `(f64.const bits ${hex(BigInt.asUintN(64, v.bits), 16)})`;
    case 'v128': return `(${vecHex(v.bytes)})`;
    case 'ref': return `(${formatRef(v.ref)})`;
  }
}

export function formatConst(c: Const): string {
  switch (c.kind) {
    case 'i32': case 'i64': case 'f32': case 'f64': case 'v128': return formatValue(c as ScriptValue);
    case 'ref.null': return `(ref.null ${c.heap ?? ''})`;
    case 'ref.extern': return `(ref.extern ${c.id})`;
    case 'ref.host': return `(ref.host ${c.id})`;
  }
}

export function formatExpected(e: Expected): string {
  switch (e.kind) {
    case 'either': return `(either ${e.options.map(formatExpected).join(' ')})`;
    case 'f32': case 'f64':
      return 'nan' in e ? `(${e.kind}.const nan:${e.nan})` : formatConst(e);
    case 'v128': {
      if ('bytes' in e) return formatConst(e);
      const lanes = e.lanes.map(p => p.kind === 'nan' ? `nan:${p.nan}` : p.kind === 'int' ? String(p.value) : `bits ${hex(p.bits, 1)}`);
      return `(v128.const ${e.shape} ${lanes.join(' ')})`;
    }
    case 'ref.null.any': return '(ref.null)';
    case 'ref.extern.any': return '(ref.extern)';
    case 'ref.func': return '(ref.func)';
    case 'i32': case 'i64': case 'ref.null': case 'ref.extern': case 'ref.host': return formatConst(e);
    default: return `(${e.kind})`;
  }
}
