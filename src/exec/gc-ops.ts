/**
 * GC instructions on structs and arrays. Operands are value-stack slots (slot k = words 4k..4k+3,
 * reference in refs[k]); results are written to the first operand slot.
 */
import type { CStorageType, DefType } from '../valid/canon-types.js';
import { RuntimeError } from '../errors.js';
import { StructObj, ArrayObj, allocArrayData, elemStride } from '../runtime/gc-objects.js';
import { cellToValue, valueToCell } from '../runtime/cells.js';
import type { Thread } from './thread.js';

type Field = { readonly type: CStorageType; readonly mutable: boolean };

export function nullStruct(): never {
  throw new RuntimeError('null-reference', 'null structure reference');
}
export function nullArray(): never {
  throw new RuntimeError('null-reference', 'null array reference');
}
export function arrayOob(): never {
  throw new RuntimeError('out-of-bounds-array', 'out of bounds array access');
}

function fieldsOf(d: DefType): readonly Field[] {
  return d.comp.kind === 'struct' ? d.comp.fields : [];
}
function elemOf(d: DefType): Field {
  if (d.comp.kind !== 'array') throw new Error('not an array type');
  return d.comp.field;
}

export function nullDescriptor(): never {
  throw new RuntimeError('null-reference', 'null descriptor reference');
}

/**
 * struct.new: `n` field values in slots s..s+n-1; the struct goes to slot s. With `withDesc`
 * (struct.new_desc) the descriptor follows the fields, in slot s+n.
 */
export function structNew(t: Thread, d: DefType, s: number, withDesc: boolean): void {
  const fs = fieldsOf(d);
  const desc = withDesc ? (t.refs[s + fs.length] as StructObj | null) : null;
  if (withDesc && desc === null) nullDescriptor();
  const vals = new Array(fs.length);
  for (let k = 0; k < fs.length; k++) vals[k] = cellToValue(fs[k].type, t.i32, (s + k) * 4, t.refs[s + k]);
  t.refs[s] = new StructObj(d, vals, desc);
}

/** struct.new_default(_desc): the struct goes to slot s (which holds the descriptor, if any). */
export function structNewDefault(t: Thread, d: DefType, s: number, withDesc: boolean): void {
  const desc = withDesc ? (t.refs[s] as StructObj | null) : null;
  if (withDesc && desc === null) nullDescriptor();
  const fs = fieldsOf(d);
  const vals = new Array(fs.length);
  for (let k = 0; k < fs.length; k++) {
    const ty = fs[k].type;
    vals[k] = typeof ty === 'object' ? null : ty === 'i64' || ty === 'f64' ? 0n : ty === 'v128' ? new Uint8Array(16) : 0;
  }
  t.refs[s] = new StructObj(d, vals, desc);
}

/** struct.get(_s/_u): object in slot s, result to slot s. `sign`: 0 plain/unsigned, 1 signed. */
export function structGet(t: Thread, field: number, s: number, signed: boolean): void {
  const o = t.refs[s] as StructObj | null;
  if (o === null) nullStruct();
  const ty = fieldsOf(o.type)[field].type;
  const v = o.fields[field];
  if (typeof ty === 'object') { t.refs[s] = v; return; }
  if (ty === 'i8') { t.i32[s * 4] = signed ? ((v as number) << 24) >> 24 : (v as number); return; }
  if (ty === 'i16') { t.i32[s * 4] = signed ? ((v as number) << 16) >> 16 : (v as number); return; }
  valueToCell(ty, v, t.i32, s * 4);
}

export function structSet(t: Thread, field: number, s: number): void {
  const o = t.refs[s] as StructObj | null;
  if (o === null) nullStruct();
  const ty = fieldsOf(o.type)[field].type;
  o.fields[field] = cellToValue(ty, t.i32, (s + 1) * 4, t.refs[s + 1]);
}

/** Byte size of an array element (array.new_data / init_data). */
function elemBytes(ty: CStorageType): number {
  switch (ty) {
    case 'i8': return 1;
    case 'i16': return 2;
    case 'i32': case 'f32': return 4;
    case 'i64': case 'f64': return 8;
    case 'v128': return 16;
    default: return 0;
  }
}

function checkLen(n: number): void {
  if (n > 0x10000000) throw new RuntimeError('array-too-large', 'array too large');
}

/** Writes the value in slot `s` into element i of `a`. */
function setElem(t: Thread, a: ArrayObj, i: number, s: number): void {
  const d = a.data;
  if (d instanceof Int32Array) {
    const st = a.stride, b = i * st, w = s * 4;
    for (let k = 0; k < st; k++) d[b + k] = t.i32[w + k];
  } else if (d instanceof Int8Array || d instanceof Int16Array) {
    d[i] = t.i32[s * 4];
  } else {
    d[i] = t.refs[s];
  }
}

/** array.new: init value in slot s, length in s+1; result to s. */
export function arrayNew(t: Thread, d: DefType, s: number): void {
  const n = t.i32[(s + 1) * 4] >>> 0;
  checkLen(n);
  const ty = elemOf(d).type;
  const a = new ArrayObj(d, allocArrayData(ty, n), n, elemStride(ty));
  for (let i = 0; i < n; i++) setElem(t, a, i, s);
  t.refs[s] = a;
}

export function arrayNewDefault(t: Thread, d: DefType, s: number): void {
  const n = t.i32[s * 4] >>> 0;
  checkLen(n);
  const ty = elemOf(d).type;
  t.refs[s] = new ArrayObj(d, allocArrayData(ty, n), n, elemStride(ty));
}

export function arrayNewFixed(t: Thread, d: DefType, n: number, s: number): void {
  const ty = elemOf(d).type;
  const a = new ArrayObj(d, allocArrayData(ty, n), n, elemStride(ty));
  for (let i = 0; i < n; i++) setElem(t, a, i, s + i);
  t.refs[s] = a;
}

function copyBytesIn(a: ArrayObj, at: number, bytes: Uint8Array, from: number, n: number): void {
  const d = a.data as Int8Array | Int16Array | Int32Array;
  const size = elemBytes(elemOf(a.type).type);
  const dst = new Uint8Array(d.buffer, d.byteOffset + at * size, n * size);
  dst.set(bytes.subarray(from, from + n * size));
}

/** array.new_data: offset in slot s, length in s+1. */
export function arrayNewData(t: Thread, d: DefType, seg: Uint8Array | null, s: number): void {
  const off = t.i32[s * 4] >>> 0, n = t.i32[(s + 1) * 4] >>> 0;
  const ty = elemOf(d).type;
  const bytes = seg ?? new Uint8Array(0);
  if (off + n * elemBytes(ty) > bytes.length) throw new RuntimeError('out-of-bounds-memory', 'out of bounds memory access');
  const a = new ArrayObj(d, allocArrayData(ty, n), n, elemStride(ty));
  copyBytesIn(a, 0, bytes, off, n);
  t.refs[s] = a;
}

export function arrayNewElem(t: Thread, d: DefType, seg: readonly unknown[] | null, s: number): void {
  const off = t.i32[s * 4] >>> 0, n = t.i32[(s + 1) * 4] >>> 0;
  const elems = seg ?? [];
  if (off + n > elems.length) throw new RuntimeError('out-of-bounds-table', 'out of bounds table access');
  const ty = elemOf(d).type;
  const a = new ArrayObj(d, allocArrayData(ty, n), n, elemStride(ty));
  for (let i = 0; i < n; i++) (a.data as unknown[])[i] = elems[off + i];
  t.refs[s] = a;
}

/** array.get(_s/_u): array in slot s, index in s+1; result to s. */
export function arrayGet(t: Thread, s: number, signed: boolean): void {
  const a = t.refs[s] as ArrayObj | null;
  if (a === null) nullArray();
  const i = t.i32[(s + 1) * 4] >>> 0;
  if (i >= a.length) arrayOob();
  const d = a.data;
  if (d instanceof Int32Array) {
    const st = a.stride, b = i * st, w = s * 4;
    for (let k = 0; k < st; k++) t.i32[w + k] = d[b + k];
  } else if (d instanceof Int8Array) {
    t.i32[s * 4] = signed ? d[i] : d[i] & 0xff;
  } else if (d instanceof Int16Array) {
    t.i32[s * 4] = signed ? d[i] : d[i] & 0xffff;
  } else {
    t.refs[s] = d[i];
  }
}

/** array.set: array in s, index in s+1, value in s+2. */
export function arraySet(t: Thread, s: number): void {
  const a = t.refs[s] as ArrayObj | null;
  if (a === null) nullArray();
  const i = t.i32[(s + 1) * 4] >>> 0;
  if (i >= a.length) arrayOob();
  setElem(t, a, i, s + 2);
}

export function arrayLen(t: Thread, s: number): void {
  const a = t.refs[s] as ArrayObj | null;
  if (a === null) nullArray();
  t.i32[s * 4] = a.length;
}

/** array.fill: array in s, offset s+1, value s+2, count s+3. */
export function arrayFill(t: Thread, s: number): void {
  const a = t.refs[s] as ArrayObj | null;
  if (a === null) nullArray();
  const off = t.i32[(s + 1) * 4] >>> 0, n = t.i32[(s + 3) * 4] >>> 0;
  if (off + n > a.length) arrayOob();
  for (let i = 0; i < n; i++) setElem(t, a, off + i, s + 2);
}

/** array.copy: dst s, dst offset s+1, src s+2, src offset s+3, count s+4. */
export function arrayCopy(t: Thread, s: number): void {
  const da = t.refs[s] as ArrayObj | null, sa = t.refs[s + 2] as ArrayObj | null;
  if (da === null || sa === null) nullArray();
  const doff = t.i32[(s + 1) * 4] >>> 0, soff = t.i32[(s + 3) * 4] >>> 0, n = t.i32[(s + 4) * 4] >>> 0;
  if (doff + n > da.length || soff + n > sa.length) arrayOob();
  if (n === 0) return;
  const st = da.stride;
  if (da.data instanceof Array) {
    const src = (sa.data as unknown[]).slice(soff, soff + n);
    for (let i = 0; i < n; i++) (da.data as unknown[])[doff + i] = src[i];
  } else {
    const dd = da.data as Int32Array, sd = sa.data as Int32Array;
    if (dd === sd) dd.copyWithin(doff * st, soff * st, (soff + n) * st);
    else dd.set(sd.subarray(soff * st, (soff + n) * st), doff * st);
  }
}

/** array.init_data: array s, dst offset s+1, src offset s+2, count s+3. */
export function arrayInitData(t: Thread, seg: Uint8Array | null, s: number): void {
  const a = t.refs[s] as ArrayObj | null;
  if (a === null) nullArray();
  const doff = t.i32[(s + 1) * 4] >>> 0, soff = t.i32[(s + 2) * 4] >>> 0, n = t.i32[(s + 3) * 4] >>> 0;
  const bytes = seg ?? new Uint8Array(0);
  if (doff + n > a.length) arrayOob();
  if (soff + n * elemBytes(elemOf(a.type).type) > bytes.length) throw new RuntimeError('out-of-bounds-memory', 'out of bounds memory access');
  copyBytesIn(a, doff, bytes, soff, n);
}

export function arrayInitElem(t: Thread, seg: readonly unknown[] | null, s: number): void {
  const a = t.refs[s] as ArrayObj | null;
  if (a === null) nullArray();
  const doff = t.i32[(s + 1) * 4] >>> 0, soff = t.i32[(s + 2) * 4] >>> 0, n = t.i32[(s + 3) * 4] >>> 0;
  const elems = seg ?? [];
  if (doff + n > a.length) arrayOob();
  if (soff + n > elems.length) throw new RuntimeError('out-of-bounds-table', 'out of bounds table access');
  for (let i = 0; i < n; i++) (a.data as unknown[])[doff + i] = elems[soff + i];
}
