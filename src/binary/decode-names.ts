/**
 * The `name` custom section (spec appendix "Name section" plus the extended-name-section
 * proposal's subsections). Custom sections are never validated, so this never throws: each
 * subsection that decodes cleanly contributes its names, a broken one is dropped.
 */
import { emptyNames, type Names } from '../syntax/module.js';
import { Reader } from './reader.js';

/** Subsection ids, in the order they must appear. */
export const NAME_SUBSECTIONS = {
  module: 0, funcs: 1, locals: 2, labels: 3, types: 4, tables: 5, memories: 6, globals: 7,
  elems: 8, datas: 9, fields: 10, tags: 11,
} as const;

type NameMapKey = 'funcs' | 'types' | 'tables' | 'memories' | 'globals' | 'elems' | 'datas' | 'tags';
type IndirectKey = 'locals' | 'labels' | 'fields';

const DIRECT: Readonly<Record<number, NameMapKey>> = {
  1: 'funcs', 4: 'types', 5: 'tables', 6: 'memories', 7: 'globals', 8: 'elems', 9: 'datas', 11: 'tags',
};
const INDIRECT: Readonly<Record<number, IndirectKey>> = { 2: 'locals', 3: 'labels', 10: 'fields' };

export function decodeNames(data: Uint8Array): Names {
  const names = emptyNames();
  const r = new Reader(data);
  try {
    while (r.pos < data.length) {
      const id = r.u8();
      const size = r.len();
      const end = r.pos + size;
      r.end = end;
      try {
        if (id === 0) names.module = r.name();
        else if (DIRECT[id]) nameMap(r, names[DIRECT[id]]);
        else if (INDIRECT[id]) {
          const outer = names[INDIRECT[id]];
          const n = r.len();
          for (let i = 0; i < n; i++) {
            const idx = r.u32();
            const inner = new Map<number, string>();
            nameMap(r, inner);
            outer.set(idx, inner);
          }
        }
        // Unknown subsections are skipped.
      } catch {
        // A broken subsection: keep what it yielded so far and move on to the next one.
      }
      r.pos = end;
      r.end = data.length;
    }
  } catch {
    // A broken subsection header: the rest of the section is unreadable.
  }
  return names;
}

function nameMap(r: Reader, into: Map<number, string>): void {
  const n = r.len();
  for (let i = 0; i < n; i++) {
    const idx = r.u32();
    into.set(idx, r.name());
  }
}
