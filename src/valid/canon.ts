/**
 * Iso-recursive canonicalisation (spec 3.0, "type equivalence"): a module's type section becomes a
 * list of `DefType` objects that are interned per process, so that two structurally equivalent
 * types (from the same module or from different ones) are the very same object.
 *
 * How: rec groups are processed in order. A group is described by a string key in which references
 * to types of the same group are written relative to the group start (`r0`, `r1`...) and references
 * to earlier groups by the canonical id of the already-interned type (`#17`). Equal keys <=> equal
 * groups, so a Map from key to the group's DefTypes does the interning.
 */
import { CompileError } from '../errors.js';
import type { Module } from '../syntax/module.js';
import type {
  AbsHeapType, CompType, FieldType, HeapType, RefType, StorageType, SubType, ValType,
} from '../syntax/types.js';
import type {
  CCompType, CFieldType, CHeapType, CRefType, CStorageType, CValType, DefType,
} from './canon-types.js';

/** The fields of DefType, writable while a group is being built; plus a cache of ref types. */
interface DefTypeImpl {
  id: number;
  final: boolean;
  super: DefType | null;
  depth: number;
  supers: DefType[];
  comp: CCompType;
  shared: boolean;
  describes: DefType | null;
  descriptor: DefType | null;
  /** Cached `(ref null? exact? this)` objects, indexed by nullable | exact << 1. */
  refs: (CRefType | undefined)[];
  /** The whole rec group, kept alive by its members (see `groups`). */
  group: readonly DefType[] | null;
}

/**
 * Per-process intern table: group key -> the group's canonical types. Held weakly, so that the
 * types of modules nobody uses any more can be collected: every DefType keeps its group array
 * alive (`group`), so a group stays interned exactly as long as one of its types is reachable.
 */
const groups = new Map<string, WeakRef<readonly DefType[]>>();
const forget = new FinalizationRegistry<string>(key => {
  const ref = groups.get(key);
  if (ref && ref.deref() === undefined) groups.delete(key);
});
let nextId = 0;

function internedGroup(key: string): readonly DefType[] | undefined {
  return groups.get(key)?.deref();
}

function intern(key: string, group: readonly DefType[]): void {
  groups.set(key, new WeakRef(group));
  forget.register(group, key);
}

// ---- canonical reference types, cached so that equal types are usually `===` -----------------

/** Cached abstract reference types, per heap type, indexed by nullable | exact << 1 | shared << 2. */
const absRefCache = new Map<string, (CRefType | undefined)[]>();

/** The canonical `(ref null? exact? heap)`; returns a shared instance for equal arguments. */
export function mkRef(heap: CHeapType, nullable: boolean, exact = false, shared = false): CRefType {
  if (typeof heap !== 'string') {
    const impl = heap as unknown as DefTypeImpl;
    const slot = (nullable ? 1 : 0) | (exact ? 2 : 0);
    let r = impl.refs[slot];
    if (!r) {
      r = exact ? { kind: 'ref', nullable, heap, exact } : { kind: 'ref', nullable, heap };
      impl.refs[slot] = r;
    }
    return r;
  }
  let slots = absRefCache.get(heap);
  if (!slots) absRefCache.set(heap, (slots = []));
  const slot = (nullable ? 1 : 0) | (exact ? 2 : 0) | (shared ? 4 : 0);
  let r = slots[slot];
  if (!r) {
    const o: { kind: 'ref'; nullable: boolean; heap: CHeapType; exact?: boolean; shared?: boolean } =
      { kind: 'ref', nullable, heap };
    if (exact) o.exact = true;
    if (shared) o.shared = true;
    r = slots[slot] = o;
  }
  return r;
}

// ---- keys ----------------------------------------------------------------------------------

/** `unknown type N`, remembering N so that the error can be located once its type is known. */
class UnknownType extends CompileError {
  constructor(readonly index: number, offset = -1) {
    super('invalid', `unknown type ${index}`, offset);
  }
}

function unknownType(idx: number): CompileError {
  return new UnknownType(idx);
}

/** Writes a type index as seen from the group [start, end). */
function idxKey(idx: number, start: number, end: number, done: readonly DefType[]): string {
  if (idx >= start && idx < end) return `r${idx - start}`;
  if (idx < start && idx >= 0) return `#${done[idx].id}`;
  throw unknownType(idx);
}

function heapKey(h: HeapType, start: number, end: number, done: readonly DefType[]): string {
  return typeof h === 'number' ? idxKey(h, start, end, done) : h;
}

function storageKey(t: StorageType, start: number, end: number, done: readonly DefType[]): string {
  if (typeof t === 'string') return t;
  return `(${t.nullable ? 'n' : ''}${t.exact ? 'e' : ''}${t.shared ? 's' : ''} ${heapKey(t.heap, start, end, done)})`;
}

function fieldKey(f: FieldType, start: number, end: number, done: readonly DefType[]): string {
  return (f.mutable ? 'mut ' : '') + storageKey(f.type, start, end, done);
}

function compKey(c: CompType, start: number, end: number, done: readonly DefType[]): string {
  switch (c.kind) {
    case 'func':
      return `func(${c.params.map(t => storageKey(t, start, end, done)).join(',')};` +
        `${c.results.map(t => storageKey(t, start, end, done)).join(',')})`;
    case 'struct':
      return `struct(${c.fields.map(f => fieldKey(f, start, end, done)).join(',')})`;
    case 'array':
      return `array(${fieldKey(c.field, start, end, done)})`;
    case 'cont':
      return `cont(${idxKey(c.type, start, end, done)})`;
  }
}

function subKey(s: SubType, start: number, end: number, done: readonly DefType[]): string {
  const sup = s.supers.map(x => idxKey(x, start, end, done)).join(',');
  const desc = s.describes === undefined ? '' : idxKey(s.describes, start, end, done);
  const descr = s.descriptor === undefined ? '' : idxKey(s.descriptor, start, end, done);
  return `${s.final ? 'final' : 'sub'}${s.shared ? ' shared' : ''}<${sup}>d${desc}D${descr} ${compKey(s.comp, start, end, done)}`;
}

// ---- building ------------------------------------------------------------------------------

/**
 * Canonicalises `m.types` group by group. Throws CompileError('invalid', 'unknown type N') for a
 * reference that points past the end of its group (forward references are only allowed inside a
 * group) or a supertype that is not declared before its subtype.
 * Does not check subtyping declarations (see `validate.ts`): that needs the canonical types.
 * `locate(i, ref)` gives the byte offset of type i's reference to type `ref`, for errors.
 */
export function canonicalizeTypes(
  m: Pick<Module, 'types' | 'recGroups'>, locate: (type: number, ref: number) => number = () => -1,
): DefType[] {
  const out: DefType[] = [];
  const groupsOf = m.recGroups.length > 0 || m.types.length === 0
    ? m.recGroups
    : m.types.map((_, i) => ({ start: i, size: 1, explicit: false }));
  for (const g of groupsOf) {
    const start = g.start, end = g.start + g.size;
    const subs = m.types.slice(start, end);
    for (let i = 0; i < subs.length; i++) {
      for (const s of subs[i].supers) if (s >= start + i) throw new UnknownType(s, locate(start + i, s));
    }
    const key = subs.map((s, i) => {
      try {
        return subKey(s, start, end, out);
      } catch (e) {
        throw e instanceof UnknownType ? new UnknownType(e.index, locate(start + i, e.index)) : e;
      }
    }).join(';');
    let canon = internedGroup(key);
    if (!canon) {
      canon = buildGroup(subs, start, out);
      intern(key, canon);
    }
    for (const d of canon) out.push(d);
  }
  if (out.length !== m.types.length) throw new CompileError('invalid', 'rec groups do not cover the type section');
  return out;
}

function buildGroup(subs: readonly SubType[], start: number, done: readonly DefType[]): DefType[] {
  const fresh: DefTypeImpl[] = subs.map(s => ({
    id: nextId++, final: s.final, super: null, depth: 0, supers: [],
    comp: { kind: 'struct', fields: [] }, shared: !!s.shared, describes: null, descriptor: null, refs: [], group: null,
  }));
  const resolve = (idx: number): DefType =>
    (idx >= start ? fresh[idx - start] : done[idx]) as unknown as DefType;
  const cval = (t: ValType): CValType => canonValTypeWith(t, resolve);
  const cstore = (t: StorageType): CStorageType => (t === 'i8' || t === 'i16' ? t : cval(t));
  const cfield = (f: FieldType): CFieldType => ({ type: cstore(f.type), mutable: f.mutable });
  subs.forEach((s, i) => {
    const d = fresh[i];
    const c = s.comp;
    switch (c.kind) {
      case 'func': d.comp = { kind: 'func', params: c.params.map(cval), results: c.results.map(cval) }; break;
      case 'struct': d.comp = { kind: 'struct', fields: c.fields.map(cfield) }; break;
      case 'array': d.comp = { kind: 'array', field: cfield(c.field) }; break;
      case 'cont': d.comp = { kind: 'cont', type: resolve(c.type) }; break;
    }
    if (s.supers.length > 0) {
      // Supertypes precede their subtypes, so the super's chain is complete by now.
      const sup = resolve(s.supers[0]);
      d.super = sup;
      d.depth = sup.depth + 1;
      d.supers = [...sup.supers, d as unknown as DefType];
    } else {
      d.supers = [d as unknown as DefType];
    }
    if (s.describes !== undefined) d.describes = resolve(s.describes);
    if (s.descriptor !== undefined) d.descriptor = resolve(s.descriptor);
  });
  const group = fresh as unknown as DefType[];
  for (const d of fresh) {
    Object.freeze(d.supers);
    d.group = group;
  }
  return group;
}

function canonValTypeWith(t: ValType, resolve: (idx: number) => DefType): CValType {
  if (typeof t === 'string') return t;
  return canonRefTypeWith(t, resolve);
}

function canonRefTypeWith(t: RefType, resolve: (idx: number) => DefType): CRefType {
  const heap: CHeapType = typeof t.heap === 'number' ? resolve(t.heap) : t.heap;
  return mkRef(heap, t.nullable, !!t.exact, !!t.shared);
}

function lookup(defTypes: readonly DefType[]): (idx: number) => DefType {
  return idx => {
    const d = defTypes[idx];
    if (d === undefined) throw unknownType(idx);
    return d;
  };
}

/** Resolves a module-relative value type against the module's canonical types. */
export function canonValType(t: ValType, defTypes: readonly DefType[]): CValType {
  return canonValTypeWith(t, lookup(defTypes));
}

export function canonRefType(t: RefType, defTypes: readonly DefType[]): CRefType {
  return canonRefTypeWith(t, lookup(defTypes));
}

export function canonHeapType(h: HeapType, defTypes: readonly DefType[]): CHeapType {
  return typeof h === 'number' ? lookup(defTypes)(h) : h;
}

export function canonStorageType(t: StorageType, defTypes: readonly DefType[]): CStorageType {
  return t === 'i8' || t === 'i16' ? t : canonValType(t, defTypes);
}

// ---- back to module-relative types (printing, encoding) ------------------------------------

/**
 * Converts a canonical value type back to a module-relative one. `indexOf` maps a DefType to a
 * type index of the module at hand (e.g. `defTypes.indexOf`); -1 means "not in this module".
 */
export function uncanonValType(t: CValType, indexOf: (d: DefType) => number): ValType {
  if (typeof t === 'string') return t;
  const heap: HeapType = typeof t.heap === 'string' ? t.heap : indexOf(t.heap);
  const r: { kind: 'ref'; nullable: boolean; heap: HeapType; exact?: boolean; shared?: boolean } =
    { kind: 'ref', nullable: t.nullable, heap };
  if (t.exact) r.exact = true;
  if (t.shared) r.shared = true;
  return r;
}

/** Text rendering of a canonical heap type; DefTypes print as `$<module index>` when known. */
export function cheapTypeToString(h: CHeapType, shared = false, indexOf?: (d: DefType) => number): string {
  let s: string;
  if (typeof h === 'string') s = h;
  else {
    const i = indexOf ? indexOf(h) : -1;
    s = i >= 0 ? String(i) : `<type#${h.id}>`;
  }
  return shared ? `(shared ${s})` : s;
}

const SHORT_NAMES: Partial<Record<AbsHeapType, string>> = {
  func: 'funcref', extern: 'externref', any: 'anyref', eq: 'eqref', i31: 'i31ref',
  struct: 'structref', array: 'arrayref', none: 'nullref', nofunc: 'nullfuncref',
  noextern: 'nullexternref', exn: 'exnref', noexn: 'nullexnref', cont: 'contref', nocont: 'nullcontref',
};

/** Text rendering of a canonical value type, in the reference interpreter's style. */
export function cvalTypeToString(t: CStorageType | undefined, indexOf?: (d: DefType) => number): string {
  if (t === undefined) return '_';
  if (typeof t === 'string') return t;
  if (t.nullable && !t.exact && typeof t.heap === 'string') {
    const s = SHORT_NAMES[t.heap];
    if (s) return t.shared ? `(ref null (shared ${t.heap}))` : s;
  }
  return `(ref ${t.nullable ? 'null ' : ''}${t.exact ? 'exact ' : ''}${cheapTypeToString(t.heap, t.shared, indexOf)})`;
}

/** The canonical function type of a DefType, or null if it is not one. */
export function funcTypeOf(d: DefType): Extract<CCompType, { kind: 'func' }> | null {
  return d.comp.kind === 'func' ? d.comp : null;
}
