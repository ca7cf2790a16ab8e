/** Table instances: a growable array of references. */
import type { CTableType } from '../valid/canon-types.js';
import type { Ref } from './values.js';

/** Tables larger than this are refused (tests grow tables towards 2^32; JS arrays cannot). */
const MAX_ELEMS = 10_000_000;

export class TableInst {
  elems: Ref[];
  readonly maxSize: number;

  constructor(readonly type: CTableType, init: Ref) {
    const n = Number(type.min);
    if (n > MAX_ELEMS) throw new RangeError('table size exceeds implementation limit');
    this.elems = new Array<Ref>(n).fill(init);
    const addrLimit = type.addr === 'i64' ? 2 ** 64 : 2 ** 32 - 1;
    this.maxSize = Math.min(type.max === null ? Infinity : Number(type.max), addrLimit);
  }

  get size(): number {
    return this.elems.length;
  }

  get(i: number): Ref {
    return this.elems[i];
  }

  set(i: number, v: Ref): void {
    this.elems[i] = v;
  }

  /** Grows by `delta` entries filled with `init`; returns the old size, or -1. */
  grow(delta: number, init: Ref): number {
    const old = this.elems.length;
    const next = old + delta;
    if (next > this.maxSize || next > MAX_ELEMS) return -1;
    for (let i = old; i < next; i++) this.elems.push(init);
    return old;
  }
}
