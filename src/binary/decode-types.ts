/**
 * Decoding of types (spec 5.3): value, heap, reference, storage, composite, sub and rec-group types,
 * limits and the table/memory/global types built on them.
 */
import type { FeatureSet } from '../features.js';
import type {
  AbsHeapType, AddrType, CompType, FieldType, GlobalType, HeapType, Limits, MemType, RefType,
  StorageType, SubType, TableType, ValType,
} from '../syntax/types.js';
import type { Reader } from './reader.js';

/** Abstract heap types by their one-byte (negative s7/s33) code. */
export const ABS_HEAP_BY_CODE: ReadonlyMap<number, AbsHeapType> = new Map<number, AbsHeapType>([
  [0x70, 'func'], [0x6f, 'extern'], [0x6e, 'any'], [0x6d, 'eq'], [0x6c, 'i31'], [0x6b, 'struct'],
  [0x6a, 'array'], [0x71, 'none'], [0x73, 'nofunc'], [0x72, 'noextern'], [0x69, 'exn'],
  [0x74, 'noexn'], [0x68, 'cont'], [0x75, 'nocont'],
]);

export const ABS_HEAP_CODE: Readonly<Record<AbsHeapType, number>> = Object.fromEntries(
  [...ABS_HEAP_BY_CODE].map(([code, h]) => [h, code]),
) as Record<AbsHeapType, number>;

export const NUM_TYPE_BY_CODE: readonly (ValType | undefined)[] = (() => {
  const t: (ValType | undefined)[] = [];
  t[0x7f] = 'i32'; t[0x7e] = 'i64'; t[0x7d] = 'f32'; t[0x7c] = 'f64'; t[0x7b] = 'v128';
  return t;
})();

export const NUM_TYPE_CODE: Readonly<Record<string, number>> = {
  i32: 0x7f, i64: 0x7e, f32: 0x7d, f64: 0x7c, v128: 0x7b, i8: 0x78, i16: 0x77,
};

export const PREFIX_SHARED = 0x65;
export const PREFIX_EXACT = 0x62;
export const REF_NULL = 0x63;
export const REF = 0x64;

/** Interned nullable abstract references, so decoding `funcref` a million times allocates nothing. */
const SHORT_REFS: ReadonlyMap<number, RefType> = new Map(
  [...ABS_HEAP_BY_CODE].map(([code, heap]) => [code, { kind: 'ref', nullable: true, heap } as RefType]),
);

/** A decoded heap type with the qualifiers a reference type carries. */
export interface HeapTypeQ {
  heap: HeapType;
  exact: boolean;
  shared: boolean;
}

/** The proposal that introduced each abstract heap type (func and extern are always there). */
const ABS_HEAP_FEATURE: Readonly<Partial<Record<AbsHeapType, keyof FeatureSet>>> = {
  any: 'gc', eq: 'gc', i31: 'gc', struct: 'gc', array: 'gc', none: 'gc', nofunc: 'gc',
  noextern: 'gc', exn: 'exceptions', noexn: 'exceptions', cont: 'stack-switching',
  nocont: 'stack-switching',
};

export class TypeReader {
  /** Lookups restricted to the enabled proposals: a disabled proposal's type codes are malformed. */
  private readonly absHeap: ReadonlyMap<number, AbsHeapType>;
  private readonly shortRefs: ReadonlyMap<number, RefType>;
  private readonly numTypes: readonly (ValType | undefined)[];
  private readonly typedRefs: boolean;
  private readonly gc: boolean;
  /** Where the last limits read started (their flags byte), for the decoder's offset table. */
  limitsAt = -1;
  /**
   * While set (the decoder sets it around each sub type), every type index read is appended as a
   * pair (index, offset), so that the validator can point at the reference an error is about.
   */
  typeRefs: number[] | null = null;

  /** Reads a u32 (`signed`: s33) type index, noting it in `typeRefs`. */
  private typeIndex(signed: boolean): number {
    const r = this.r;
    const at = r.pos;
    const x = signed ? r.s33() : r.u32();
    if (this.typeRefs !== null && x >= 0) this.typeRefs.push(x, at);
    return x;
  }

  constructor(readonly r: Reader, readonly features: FeatureSet) {
    const on = (h: AbsHeapType) => {
      const f = ABS_HEAP_FEATURE[h];
      return f === undefined || features[f];
    };
    this.absHeap = new Map([...ABS_HEAP_BY_CODE].filter(([, h]) => on(h)));
    this.shortRefs = new Map([...SHORT_REFS].filter(([, t]) => on(t.heap as AbsHeapType)));
    this.numTypes = NUM_TYPE_BY_CODE.map(t => (t === 'v128' && !features.simd ? undefined : t));
    this.typedRefs = features['function-references'] || features.gc;
    this.gc = features.gc;
  }

  /** `what` is the error for an exact prefix not followed by a type index. */
  heapTypeQ(what = 'malformed heap type'): HeapTypeQ {
    const r = this.r;
    const at = r.pos;
    const b = r.peek();
    if (b === PREFIX_SHARED && this.features['shared-everything']) {
      r.pos++;
      const abs = this.absHeap.get(r.u8());
      if (!abs) return r.fail(what, at);
      return { heap: abs, exact: false, shared: true };
    }
    if (b === PREFIX_EXACT && this.features['custom-descriptors']) {
      r.pos++;
      // The proposal text says u32, but the reference interpreter reads an s33 heap type here and
      // rejects anything but an index (its tests expect `exact exact $t` to be malformed).
      const x = this.typeIndex(true);
      if (x < 0) return r.fail(what, at);
      return { heap: x, exact: true, shared: false };
    }
    const v = this.typeIndex(true);
    if (v >= 0) return { heap: v, exact: false, shared: false };
    const abs = v >= -64 ? this.absHeap.get(v & 0x7f) : undefined;
    if (!abs) return r.fail(what, at);
    return { heap: abs, exact: false, shared: false };
  }


  /** A reference type; `first` is an already-consumed lead byte. */
  private refAfter(first: number, at: number, what: string): RefType {
    const short = this.shortRefs.get(first);
    if (short) return short;
    if ((first === REF_NULL || first === REF) && this.typedRefs) {
      const h = this.heapTypeQ(what);
      return makeRef(first === REF_NULL, h);
    }
    if (first === PREFIX_SHARED && this.features['shared-everything']) {
      const abs = this.absHeap.get(this.r.u8());
      if (abs) return { kind: 'ref', nullable: true, heap: abs, shared: true };
    }
    return this.r.fail(what, at);
  }

  refType(): RefType {
    const at = this.r.pos;
    return this.refAfter(this.r.u8(), at, 'malformed reference type');
  }

  valType(): ValType {
    const r = this.r;
    const at = r.pos;
    const b = r.u8();
    const num = this.numTypes[b];
    if (num) return num;
    return this.refAfter(b, at, 'malformed value type');
  }

  storageType(): StorageType {
    const r = this.r;
    const b = r.peek();
    if (b === 0x78 && this.gc) { r.pos++; return 'i8'; }
    if (b === 0x77 && this.gc) { r.pos++; return 'i16'; }
    const at = r.pos;
    r.pos++;
    const num = this.numTypes[b];
    if (num) return num;
    return this.refAfter(b, at, 'malformed storage type');
  }

  valTypes(): ValType[] {
    const n = this.r.len();
    const out: ValType[] = new Array(n);
    for (let i = 0; i < n; i++) out[i] = this.valType();
    return out;
  }

  mutability(): { mutable: boolean; shared: boolean } {
    const at = this.r.pos;
    const b = this.r.u8();
    const sharedOk = this.features['shared-everything'];
    if (b > 3 || (b > 1 && !sharedOk)) this.r.fail('malformed mutability', at);
    return { mutable: (b & 1) !== 0, shared: (b & 2) !== 0 };
  }

  fieldType(): FieldType {
    const type = this.storageType();
    const { mutable } = this.mutability();
    return { type, mutable };
  }

  compType(): CompType {
    const r = this.r;
    const at = r.pos;
    const b = r.u8();
    // The reference interpreter reads this code as a signed 7-bit LEB.
    if (b & 0x80) r.fail('integer representation too long', at);
    switch (b) {
      case 0x60: {
        const params = this.valTypes();
        const results = this.valTypes();
        return { kind: 'func', params, results };
      }
      case 0x5f: {
        if (!this.gc) break;
        const n = r.len();
        const fields: FieldType[] = new Array(n);
        for (let i = 0; i < n; i++) fields[i] = this.fieldType();
        return { kind: 'struct', fields };
      }
      case 0x5e:
        if (!this.gc) break;
        return { kind: 'array', field: this.fieldType() };
      case 0x5d:
        if (this.features['stack-switching']) {
          const t = this.typeIndex(true);
          if (t >= 0) return { kind: 'cont', type: t };
        }
        break;
    }
    return r.fail('malformed definition type', at);
  }

  /** One sub type (after the optional `rec` header). */
  subType(): SubType {
    const r = this.r;
    const b = r.peek();
    let final = true;
    let supers: number[] = [];
    if ((b === 0x50 || b === 0x4f) && this.gc) {
      r.pos++;
      final = b === 0x4f;
      const n = r.len();
      supers = new Array(n);
      for (let i = 0; i < n; i++) supers[i] = this.typeIndex(false);
    }
    let shared = false;
    let describes: number | undefined;
    let descriptor: number | undefined;
    if (r.peek() === PREFIX_SHARED && this.features['shared-everything']) { r.pos++; shared = true; }
    if (this.features['custom-descriptors']) {
      if (r.peek() === 0x4c) { r.pos++; describes = this.typeIndex(false); }
      if (r.peek() === 0x4d) { r.pos++; descriptor = this.typeIndex(false); }
    }
    const comp = this.compType();
    const st: { -readonly [K in keyof SubType]: SubType[K] } = { final, supers, comp };
    if (shared) st.shared = true;
    if (describes !== undefined) st.describes = describes;
    if (descriptor !== undefined) st.descriptor = descriptor;
    return st;
  }

  /**
   * Limits and the flags byte that precedes them. Bit 0: max present; bit 1: shared; bit 2: 64-bit
   * addresses; bit 3: custom page size follows (memories only).
   */
  limits(isMemory: boolean): { limits: Limits; addr: AddrType; shared: boolean; pageSizeLog2: number } {
    const r = this.r;
    const at = r.pos;
    this.limitsAt = at;
    const flags = r.u8();
    const f = this.features;
    let allowed = 0x1;
    if (f.memory64) allowed |= 0x4;
    if (isMemory ? f.threads : f['shared-everything']) allowed |= 0x2;
    if (isMemory && f['custom-page-sizes']) allowed |= 0x8;
    if (flags & ~allowed) r.fail('malformed limits flags', at);
    const addr: AddrType = flags & 0x4 ? 'i64' : 'i32';
    // Limits are u64 whatever the address type; the validator checks the range.
    const min = r.u64();
    const max = flags & 0x1 ? r.u64() : null;
    let pageSizeLog2 = 16;
    if (flags & 0x8) {
      const pat = r.pos;
      pageSizeLog2 = r.u32();
      if (pageSizeLog2 > 64) r.fail('invalid custom page size', pat);
    }
    return { limits: { min, max }, addr, shared: (flags & 0x2) !== 0, pageSizeLog2 };
  }

  memType(): MemType {
    const { limits, addr, shared, pageSizeLog2 } = this.limits(true);
    return { limits, addr, shared, pageSizeLog2 };
  }

  tableType(): TableType {
    const elem = this.refType();
    const { limits, addr, shared } = this.limits(false);
    return shared ? { elem, limits, addr, shared } : { elem, limits, addr };
  }

  globalType(): GlobalType {
    const type = this.valType();
    const { mutable, shared } = this.mutability();
    return shared ? { type, mutable, shared } : { type, mutable };
  }
}

export function makeRef(nullable: boolean, h: HeapTypeQ): RefType {
  if (!h.exact && !h.shared) {
    if (nullable && typeof h.heap === 'string') return SHORT_REFS.get(ABS_HEAP_CODE[h.heap])!;
    return { kind: 'ref', nullable, heap: h.heap };
  }
  const t: { -readonly [K in keyof RefType]: RefType[K] } = { kind: 'ref', nullable, heap: h.heap };
  if (h.exact) t.exact = true;
  if (h.shared) t.shared = true;
  return t;
}
