/**
 * Text rendering of types, with type indices shown as `$ids` where the module names them.
 */
import type {
  BlockType, CompType, FieldType, GlobalType, HeapType, Limits, MemType, RefType, StorageType,
  SubType, TableType,
} from '../syntax/types.js';
import { Ids } from './print-ids.js';

/** Abstract heap types that have a `xxxref` shorthand for their nullable reference. */
const SHORT_REF: Partial<Record<string, string>> = {
  func: 'funcref', extern: 'externref', any: 'anyref', eq: 'eqref', i31: 'i31ref',
  struct: 'structref', array: 'arrayref', none: 'nullref', nofunc: 'nullfuncref',
  noextern: 'nullexternref', exn: 'exnref', noexn: 'nullexnref', cont: 'contref',
  nocont: 'nullcontref',
};

/** A heap type; `(shared any)` for shared-everything, `(exact $t)` for custom descriptors. */
export function printHeapType(h: HeapType, ids: Ids = Ids.none, shared = false, exact = false): string {
  let s = typeof h === 'number' ? ids.ref('types', h) : h;
  if (exact) s = `(exact ${s})`;
  return shared ? `(shared ${s})` : s;
}

export function printRefType(t: RefType, ids: Ids = Ids.none): string {
  if (t.nullable && !t.exact && !t.shared && typeof t.heap === 'string') {
    const short = SHORT_REF[t.heap];
    if (short) return short;
  }
  return `(ref ${t.nullable ? 'null ' : ''}${printHeapType(t.heap, ids, t.shared, t.exact)})`;
}

/** A value or storage type (`i32`, `i8`, `funcref`, `(ref null $t)`). */
export function printValType(t: StorageType, ids: Ids = Ids.none): string {
  return typeof t === 'string' ? t : printRefType(t, ids);
}

export function printFieldType(f: FieldType, ids: Ids = Ids.none): string {
  const t = printValType(f.type, ids);
  return f.mutable ? `(mut ${t})` : t;
}

/** `(param ...)`/`(result ...)` groups; empty lists print nothing. */
export function printValTypeList(keyword: string, ts: readonly StorageType[], ids: Ids = Ids.none): string {
  return ts.length === 0 ? '' : `(${keyword} ${ts.map(t => printValType(t, ids)).join(' ')})`;
}

export function printCompType(c: CompType, ids: Ids = Ids.none, typeIndex = -1): string {
  switch (c.kind) {
    case 'func': {
      const parts = ['func', printValTypeList('param', c.params, ids), printValTypeList('result', c.results, ids)];
      return `(${parts.filter(p => p).join(' ')})`;
    }
    case 'struct': {
      const fields = c.fields.map((f, i) => {
        const id = typeIndex >= 0 ? ids.field(typeIndex, i) : null;
        return `(field ${id ? id + ' ' : ''}${printFieldType(f, ids)})`;
      });
      return `(${['struct', ...fields].join(' ')})`;
    }
    case 'array':
      return `(array ${printFieldType(c.field, ids)})`;
    case 'cont':
      return `(cont ${ids.ref('types', c.type)})`;
  }
}

/**
 * The body of a `(type ...)` definition. The plain form `(func ...)` is only a final type without
 * supertypes; anything else needs `(sub final? $super* ...)` to read back the same.
 */
export function printSubType(st: SubType, ids: Ids = Ids.none, typeIndex = -1): string {
  let comp = printCompType(st.comp, ids, typeIndex);
  if (st.shared) comp = `(shared ${comp})`;
  // Custom descriptors: `(describes $t)` then `(descriptor $u)`, before the composite type.
  const desc = [
    ...(st.describes !== undefined ? [`(describes ${ids.ref('types', st.describes)})`] : []),
    ...(st.descriptor !== undefined ? [`(descriptor ${ids.ref('types', st.descriptor)})`] : []),
  ];
  if (desc.length) comp = `${desc.join(' ')} ${comp}`;
  const plain = st.final && st.supers.length === 0;
  if (plain) return comp;
  const head = ['sub', ...(st.final ? ['final'] : []), ...st.supers.map(s => ids.ref('types', s))];
  return `(${head.join(' ')} ${comp})`;
}

export function printLimits(l: Limits): string {
  return l.max === null ? `${l.min}` : `${l.min} ${l.max}`;
}

export function printTableType(t: TableType, ids: Ids = Ids.none): string {
  const parts = [
    ...(t.shared ? ['shared'] : []), ...(t.addr === 'i64' ? ['i64'] : []), printLimits(t.limits),
    printRefType(t.elem, ids),
  ];
  return parts.join(' ');
}

export function printMemType(t: MemType): string {
  const parts = [
    ...(t.addr === 'i64' ? ['i64'] : []), printLimits(t.limits), ...(t.shared ? ['shared'] : []),
    ...(t.pageSizeLog2 !== 16 ? [`(pagesize ${1n << BigInt(t.pageSizeLog2)})`] : []),
  ];
  return parts.join(' ');
}

export function printGlobalType(t: GlobalType, ids: Ids = Ids.none): string {
  const v = printValType(t.type, ids);
  if (t.shared) return t.mutable ? `(shared mut ${v})` : `(shared ${v})`;
  return t.mutable ? `(mut ${v})` : v;
}

/** A block type as it follows the block keyword; empty for the empty type. */
export function printBlockType(bt: BlockType, ids: Ids = Ids.none): string {
  if (bt === null) return '';
  if (typeof bt === 'number') return `(type ${ids.ref('types', bt)})`;
  return `(result ${printValType(bt, ids)})`;
}
