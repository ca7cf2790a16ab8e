/**
 * Encoding of types: the inverse of decode-types.ts, always in the shortest form (the one-byte
 * shorthand for nullable abstract references, minimal LEBs).
 */
import type {
  CompType, FieldType, GlobalType, HeapType, Limits, MemType, RefType, StorageType, SubType,
  TableType, ValType,
} from '../syntax/types.js';
import {
  ABS_HEAP_CODE, NUM_TYPE_CODE, PREFIX_EXACT, PREFIX_SHARED, REF, REF_NULL,
} from './decode-types.js';
import type { Writer } from './writer.js';

export function writeHeapType(w: Writer, heap: HeapType, exact = false, shared = false): void {
  if (typeof heap === 'number') {
    if (exact) w.u8(PREFIX_EXACT);
    w.s33(heap);
    return;
  }
  if (shared) w.u8(PREFIX_SHARED);
  w.u8(ABS_HEAP_CODE[heap]);
}

export function writeRefType(w: Writer, t: RefType): void {
  if (t.nullable && typeof t.heap === 'string' && !t.exact) {
    if (t.shared) w.u8(PREFIX_SHARED);
    w.u8(ABS_HEAP_CODE[t.heap]);
    return;
  }
  w.u8(t.nullable ? REF_NULL : REF);
  writeHeapType(w, t.heap, t.exact, t.shared);
}

export function writeValType(w: Writer, t: StorageType): void {
  if (typeof t === 'string') w.u8(NUM_TYPE_CODE[t]);
  else writeRefType(w, t);
}

export function writeValTypes(w: Writer, ts: readonly ValType[]): void {
  w.u32(ts.length);
  for (const t of ts) writeValType(w, t);
}

function writeFieldType(w: Writer, f: FieldType): void {
  writeValType(w, f.type);
  w.u8(f.mutable ? 1 : 0);
}

export function writeCompType(w: Writer, c: CompType): void {
  switch (c.kind) {
    case 'func':
      w.u8(0x60);
      writeValTypes(w, c.params);
      writeValTypes(w, c.results);
      return;
    case 'struct':
      w.u8(0x5f).u32(c.fields.length);
      for (const f of c.fields) writeFieldType(w, f);
      return;
    case 'array':
      w.u8(0x5e);
      writeFieldType(w, c.field);
      return;
    case 'cont':
      w.u8(0x5d).s33(c.type);
      return;
  }
}

export function writeSubType(w: Writer, s: SubType): void {
  // A final type without supertypes has the short form: just its composite type.
  if (!s.final || s.supers.length > 0) {
    w.u8(s.final ? 0x4f : 0x50).u32(s.supers.length);
    for (const x of s.supers) w.u32(x);
  }
  if (s.shared) w.u8(PREFIX_SHARED);
  if (s.describes !== undefined) w.u8(0x4c).u32(s.describes);
  if (s.descriptor !== undefined) w.u8(0x4d).u32(s.descriptor);
  writeCompType(w, s.comp);
}

function writeLimits(
  w: Writer, l: Limits, is64: boolean, shared: boolean, pageSizeLog2: number | null,
): void {
  let flags = 0;
  if (l.max !== null) flags |= 1;
  if (shared) flags |= 2;
  if (is64) flags |= 4;
  if (pageSizeLog2 !== null) flags |= 8;
  w.u8(flags);
  w.u64(l.min);
  if (l.max !== null) w.u64(l.max);
  if (pageSizeLog2 !== null) w.u32(pageSizeLog2);
}

export function writeMemType(w: Writer, m: MemType): void {
  writeLimits(w, m.limits, m.addr === 'i64', m.shared, m.pageSizeLog2 === 16 ? null : m.pageSizeLog2);
}

export function writeTableType(w: Writer, t: TableType): void {
  writeRefType(w, t.elem);
  writeLimits(w, t.limits, t.addr === 'i64', t.shared ?? false, null);
}

export function writeGlobalType(w: Writer, g: GlobalType): void {
  writeValType(w, g.type);
  w.u8((g.mutable ? 1 : 0) | (g.shared ? 2 : 0));
}
