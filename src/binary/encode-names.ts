/**
 * Building a `name` custom section from `Names` (for modules that came from text, where names are
 * the `$id`s): the inverse of decode-names.ts. Maps are written in ascending index order, as the
 * name section requires.
 */
import type { Names } from '../syntax/module.js';
import { NAME_SUBSECTIONS } from './decode-names.js';
import { Writer } from './writer.js';

function writeNameMap(w: Writer, m: ReadonlyMap<number, string>): void {
  const keys = [...m.keys()].sort((a, b) => a - b);
  w.u32(keys.length);
  for (const k of keys) w.u32(k).name(m.get(k)!);
}

function writeIndirect(w: Writer, m: ReadonlyMap<number, ReadonlyMap<number, string>>): void {
  const keys = [...m.keys()].filter(k => m.get(k)!.size > 0).sort((a, b) => a - b);
  w.u32(keys.length);
  for (const k of keys) {
    w.u32(k);
    writeNameMap(w, m.get(k)!);
  }
}

/** The contents (after the section name) of a `name` section; empty subsections are omitted. */
export function encodeNames(names: Names): Uint8Array {
  const out = new Writer();
  const sub = (id: number, fill: (w: Writer) => void) => {
    const w = new Writer();
    fill(w);
    out.u8(id).sized(w);
  };
  if (names.module !== undefined) sub(NAME_SUBSECTIONS.module, w => w.name(names.module!));
  const direct = (id: number, m: ReadonlyMap<number, string>) => {
    if (m.size > 0) sub(id, w => writeNameMap(w, m));
  };
  const indirect = (id: number, m: ReadonlyMap<number, ReadonlyMap<number, string>>) => {
    if ([...m.values()].some(x => x.size > 0)) sub(id, w => writeIndirect(w, m));
  };
  direct(NAME_SUBSECTIONS.funcs, names.funcs);
  indirect(NAME_SUBSECTIONS.locals, names.locals);
  indirect(NAME_SUBSECTIONS.labels, names.labels);
  direct(NAME_SUBSECTIONS.types, names.types);
  direct(NAME_SUBSECTIONS.tables, names.tables);
  direct(NAME_SUBSECTIONS.memories, names.memories);
  direct(NAME_SUBSECTIONS.globals, names.globals);
  direct(NAME_SUBSECTIONS.elems, names.elems);
  direct(NAME_SUBSECTIONS.datas, names.datas);
  indirect(NAME_SUBSECTIONS.fields, names.fields);
  direct(NAME_SUBSECTIONS.tags, names.tags);
  return out.finish();
}
