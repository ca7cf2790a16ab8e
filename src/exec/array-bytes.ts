/**
 * Multi-byte array access: the plain loads and stores applied to the bytes of an `(array i8)`.
 * The array's Int8Array backing store is viewed little-endian, like linear memory, and every access
 * is bounds-checked against the array length (no alignment requirement).
 */
import type { ArrayObj } from '../runtime/gc-objects.js';
import type { MemInst } from '../runtime/memory.js';
import { arrayOob, nullArray } from './gc-ops.js';
import { loadStore, type Access } from './mem-access.js';
import type { Thread } from './thread.js';

/** One DataView per array backing store, made on first multi-byte access. */
const views = new WeakMap<Int8Array, Pick<MemInst, 'view'>>();

function viewOf(bytes: Int8Array): Pick<MemInst, 'view'> {
  let v = views.get(bytes);
  if (v === undefined) views.set(bytes, (v = { view: new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength) }));
  return v;
}

/**
 * Array in slot s, byte index in s+1, a store's value in s+2; a load's result goes to slot s.
 */
export function arrayAccess(acc: Access, t: Thread, s: number): void {
  const a = t.refs[s] as ArrayObj | null;
  if (a === null) nullArray();
  const i32 = t.i32;
  const w = (s + 1) << 2;
  const ea = i32[w] >>> 0;
  if (ea + acc.bytes > a.length) arrayOob();
  loadStore(acc, viewOf(a.data as Int8Array) as MemInst, i32, w, ea);
  if (!acc.store) {
    const d = s << 2;
    i32[d] = i32[w];
    i32[d + 1] = i32[w + 1];
    t.refs[s] = null;
  }
}
