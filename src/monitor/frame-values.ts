/**
 * Typed reads of the interpreter's value stack (src/exec README "Value stack"): 16-byte slots;
 * i32/f32 bits in word 0, i64/f64 in words 0-1 (little-endian lo, hi), v128 in all four words,
 * references in the parallel `refs` array. A frame's local i (parameters first) is slot fp + i.
 */
import type { Thread } from '../exec/thread.js';
import type { ValType } from '../syntax/types.js';

export type TypedValue =
  | { readonly type: 'i32'; readonly value: number }
  | { readonly type: 'i64'; readonly value: bigint }
  | { readonly type: 'f32'; readonly value: number }
  | { readonly type: 'f64'; readonly value: number }
  | { readonly type: 'v128'; readonly value: Uint8Array }
  | { readonly type: 'ref'; readonly value: unknown };

export function readSlot(t: Thread, slot: number, type: ValType): TypedValue {
  switch (type) {
    case 'i32': return { type, value: t.i32[slot * 4]! };
    case 'i64': return { type, value: t.i64[slot * 2]! };
    case 'f32': return { type, value: t.f32[slot * 4]! };
    case 'f64': return { type, value: t.f64[slot * 2]! };
    case 'v128': return { type, value: new Uint8Array(t.buf, slot * 16, 16).slice() };
    default: return { type: 'ref', value: t.refs[slot] };
  }
}

/** Locals of the frame at `fp`, parameters first. */
export function readLocals(t: Thread, fp: number, types: readonly ValType[]): TypedValue[] {
  return types.map((ty, i) => readSlot(t, fp + i, ty));
}

export function formatValue(v: TypedValue): string {
  switch (v.type) {
    case 'i32': case 'f32': case 'f64': return `${v.type}:${v.value}`;
    case 'i64': return `i64:${v.value}n`;
    case 'v128': return `v128:${[...v.value].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
    default: {
      const r = v.value;
      if (r === null || r === undefined) return 'ref:null';
      if (typeof r === 'number') return `i31:${r}`;
      const ctor = (r as { constructor?: { name?: string } }).constructor?.name;
      return `ref:${ctor ?? typeof r}`;
    }
  }
}
