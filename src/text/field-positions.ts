/**
 * Where each module-level entity of a text module was written, in the shape of ModuleOffsets, so
 * the validator can point at a field ("duplicate export name at 7:4") as it does with byte offsets
 * for binaries. Every entity gets the position of the field that produced it: a type use inside a
 * `(func ...)` that appends a function type gets that func field's position, an inline
 * `(export ...)` its definition's.
 */
import type { Module, ModuleOffsets } from '../syntax/module.js';
import { packPosition } from '../syntax/module.js';
import type { Token } from './lexer.js';

/** The lists a field can grow; index spaces count their imports (imports come first in text). */
export type FieldLists = Pick<Module, 'types' | 'imports' | 'funcs' | 'tables' | 'mems' | 'globals' | 'tags' | 'exports' | 'elems' | 'datas'>;

type Space = 'types' | 'funcs' | 'tables' | 'mems' | 'globals' | 'tags' | 'exports' | 'elems' | 'datas';
const SPACES: readonly Space[] = ['types', 'funcs', 'tables', 'mems', 'globals', 'tags', 'exports', 'elems', 'datas'];
const IMPORT_SPACE: Readonly<Record<string, Space>> = {
  func: 'funcs', table: 'tables', memory: 'mems', global: 'globals', tag: 'tags',
};

export class FieldPositions {
  private readonly at: Record<Space, number[]> = {
    types: [], funcs: [], tables: [], mems: [], globals: [], tags: [], exports: [], elems: [], datas: [],
  };
  private start = -1;

  constructor(private readonly lists: FieldLists) {}

  /** Call after parsing the field that began at token `t`: new entities are placed there. */
  field(t: Token): void {
    const p = packPosition(t.line, t.col);
    for (const s of SPACES) {
      const list = this.at[s];
      while (list.length < this.size(s)) list.push(p);
    }
  }

  /** The `(start ...)` field's position. */
  startField(t: Token): void {
    this.start = packPosition(t.line, t.col);
  }

  private size(s: Space): number {
    const l = this.lists;
    if (s === 'types' || s === 'exports' || s === 'elems' || s === 'datas') return l[s].length;
    let n = l[s].length;
    for (const i of l.imports) if (IMPORT_SPACE[i.desc.kind] === s) n++;
    return n;
  }

  finish(): ModuleOffsets {
    const a = this.at;
    return {
      types: a.types, typeRefs: [], funcs: a.funcs, tables: a.tables, tableLimits: a.tables, mems: a.mems,
      globals: a.globals, tags: a.tags, exports: a.exports, exportIndices: a.exports, start: this.start,
      elems: a.elems, elemTables: a.elems, elemTypes: a.elems, datas: a.datas, dataMems: a.datas, locals: [],
    };
  }
}
