/**
 * The module fields, each printed as one `(keyword ...)` form (function bodies span several lines).
 * Every field refers to types by explicit index (`(type N)`), so the parser never has to invent or
 * look up an implicit type and the type section reads back unchanged.
 */
import {
  importCounts, type CustomSection, type Data, type Elem, type Export, type Expr, type Func,
  type Global, type Import, type ImportCounts, type Module, type Table, type Tag,
} from '../syntax/module.js';
import type { MemType, ValType } from '../syntax/types.js';
import { OPCODES } from '../syntax/opcodes.js';
import { Ids, type IdSpace } from './print-ids.js';
import { printBody, printConstExpr } from './print-body.js';
import { plainContext } from './print-instr.js';
import { printBytes, printDataString, printName } from './print-string.js';
import {
  printGlobalType, printMemType, printSubType, printTableType, printValType,
} from './print-types.js';

/** What every field printer needs. */
export interface FieldContext {
  readonly m: Module;
  readonly ids: Ids;
  readonly counts: ImportCounts;
  /** One level of indentation. */
  readonly unit: string;
  /** Mark unnamed definitions with their index, `(func (;3;) ...`, so readers can find them. */
  readonly indexComments: boolean;
}

export function fieldContext(m: Module, ids: Ids, unit: string, indexComments = true): FieldContext {
  return { m, ids, counts: importCounts(m), unit, indexComments };
}

/** What follows the keyword of a definition: its `$id`, else an index comment (or nothing). */
function declOf(fc: FieldContext, space: IdSpace, i: number): string | null {
  return fc.ids.decl(space, i) ?? (fc.indexComments ? `(;${i};)` : null);
}

/** `kw $id` or `kw`. */
function head(kw: string, id: string | null): string {
  return id ? `${kw} ${id}` : kw;
}

// ---- types ------------------------------------------------------------------------------------

function printTypeDef(fc: FieldContext, i: number): string {
  const st = fc.m.types[i];
  return `(${head('type', declOf(fc, 'types', i))} ${printSubType(st, fc.ids, i)})`;
}

/** The type section: lone types, and `(rec ...)` for groups written as such. */
export function printTypes(fc: FieldContext, indent: string, out: string[]): void {
  const { m } = fc;
  let next = 0;
  // Types that no group covers (a hand-built module) print as lone types, in place.
  const lone = (i: number) => out.push(indent + printTypeDef(fc, i));
  for (const g of m.recGroups) {
    while (next < g.start && next < m.types.length) lone(next++);
    const end = Math.min(g.start + g.size, m.types.length);
    if (!g.explicit && g.size === 1) {
      if (g.start >= next && g.start < m.types.length) lone(g.start);
    } else if (g.size === 0) {
      out.push(indent + '(rec)');
    } else {
      out.push(indent + '(rec');
      for (let j = Math.max(g.start, next); j < end; j++) out.push(indent + fc.unit + printTypeDef(fc, j));
      out.push(indent + ')');
    }
    next = Math.max(next, end);
  }
  while (next < m.types.length) lone(next++);
}

// ---- imports ----------------------------------------------------------------------------------

const SPACE_OF: Readonly<Record<Import['desc']['kind'], IdSpace>> = {
  func: 'funcs', table: 'tables', memory: 'memories', global: 'globals', tag: 'tags',
};

export function printImports(fc: FieldContext, indent: string, out: string[]): void {
  const next = { func: 0, table: 0, memory: 0, global: 0, tag: 0 };
  for (const imp of fc.m.imports) {
    const d = imp.desc;
    const id = declOf(fc, SPACE_OF[d.kind], next[d.kind]++);
    let desc: string;
    switch (d.kind) {
      case 'func': {
        const use = `(type ${fc.ids.ref('types', d.type)})`;
        desc = `${head('func', id)} ${d.exact ? `(exact ${use})` : use}`;
        break;
      }
      case 'table': desc = `${head('table', id)} ${printTableType(d.type, fc.ids)}`; break;
      case 'memory': desc = `${head('memory', id)} ${printMemType(d.type)}`; break;
      case 'global': desc = `${head('global', id)} ${printGlobalType(d.type, fc.ids)}`; break;
      case 'tag': desc = `${head('tag', id)} (type ${fc.ids.ref('types', d.type)})`; break;
    }
    out.push(`${indent}(import ${printName(imp.module)} ${printName(imp.name)} (${desc}))`);
  }
}

// ---- functions --------------------------------------------------------------------------------

/**
 * `(param ...)` or `(local ...)` declarations: named ones one per group (a name binds one
 * local), consecutive unnamed ones together.
 */
function printLocalDecls(
  kw: string, types: readonly ValType[], first: number, fc: FieldContext, func: number,
): string[] {
  const decls: string[] = [];
  let run: string[] = [];
  const flush = () => { if (run.length) decls.push(`(${kw} ${run.join(' ')})`); run = []; };
  types.forEach((t, k) => {
    const id = fc.ids.local(func, first + k);
    if (id) { flush(); decls.push(`(${kw} ${id} ${printValType(t, fc.ids)})`); }
    else run.push(printValType(t, fc.ids));
  });
  flush();
  return decls;
}

export function printFunc(fc: FieldContext, defIndex: number, f: Func, indent: string, out: string[]): void {
  const index = fc.counts.func + defIndex;
  const sig = [head('func', declOf(fc, 'funcs', index)), `(type ${fc.ids.ref('types', f.type)})`];
  const comp = fc.m.types[f.type]?.comp;
  const nParams = comp?.kind === 'func' ? comp.params.length : 0;
  if (comp?.kind === 'func') {
    for (const d of printLocalDecls('param', comp.params, 0, fc, index)) sig.push(d);
    if (comp.results.length) sig.push(`(result ${comp.results.map(t => printValType(t, fc.ids)).join(' ')})`);
  }
  const inner = indent + fc.unit;
  const lines: string[] = [];
  const locals = printLocalDecls('local', f.locals, nParams, fc, index);
  if (locals.length) lines.push(inner + locals.join(' '));
  printBody(f.body, plainContext(fc.ids, index), inner, fc.unit, lines);
  if (lines.length === 0) {
    out.push(`${indent}(${sig.join(' ')})`);
    return;
  }
  out.push(`${indent}(${sig.join(' ')}`);
  for (const l of lines) out.push(l); // not push(...lines): bodies can exceed the argument limit
  out.push(indent + ')');
}

// ---- tables, memories, globals, tags ----------------------------------------------------------

export function printTable(fc: FieldContext, defIndex: number, t: Table): string {
  const id = declOf(fc, 'tables', fc.counts.table + defIndex);
  // (An empty initialiser, invalid anyway, has no text form distinct from none.)
  const init = t.init ? printConstExpr(t.init, plainContext(fc.ids)) : '';
  return `(${head('table', id)} ${printTableType(t.type, fc.ids)}${init ? ' ' + init : ''})`;
}

export function printMemory(fc: FieldContext, defIndex: number, mt: MemType): string {
  return `(${head('memory', declOf(fc, 'memories', fc.counts.memory + defIndex))} ${printMemType(mt)})`;
}

export function printGlobal(fc: FieldContext, defIndex: number, g: Global): string {
  const id = declOf(fc, 'globals', fc.counts.global + defIndex);
  return `(${head('global', id)} ${printGlobalType(g.type, fc.ids)} ${printConstExpr(g.init, plainContext(fc.ids))})`;
}

export function printTag(fc: FieldContext, defIndex: number, t: Tag): string {
  return `(${head('tag', declOf(fc, 'tags', fc.counts.tag + defIndex))} (type ${fc.ids.ref('types', t.type)}))`;
}

// ---- exports and start ------------------------------------------------------------------------

const EXPORT_SPACE: Readonly<Record<Export['kind'], IdSpace>> = SPACE_OF;

export function printExport(fc: FieldContext, e: Export): string {
  return `(export ${printName(e.name)} (${e.kind} ${fc.ids.ref(EXPORT_SPACE[e.kind], e.index)}))`;
}

export function printStart(fc: FieldContext, start: number): string {
  return `(start ${fc.ids.ref('funcs', start)})`;
}

// ---- segments ---------------------------------------------------------------------------------

/** An offset: the single-instruction abbreviation `(i32.const 0)`, else `(offset ...)`. */
function printOffset(fc: FieldContext, e: Expr): string {
  const body = printConstExpr(e, plainContext(fc.ids));
  const count = e.filter(i => OPCODES[i.op]?.name !== 'end').length;
  return count === 1 && body.startsWith('(') ? body : `(offset ${body})`;
}

/** The function index of an item `ref.func x; end`, or null if it is any other expression. */
function refFuncItem(e: Expr): number | null {
  const body = e.filter(i => OPCODES[i.op]?.name !== 'end');
  return body.length === 1 && OPCODES[body[0].op].name === 'ref.func' ? (body[0].imm[0] as number) : null;
}

export function printElem(fc: FieldContext, index: number, e: Elem): string {
  const parts = [head('elem', declOf(fc, 'elems', index))];
  if (e.mode.kind === 'declarative') parts.push('declare');
  if (e.mode.kind === 'active') {
    if (e.mode.table !== 0) parts.push(`(table ${fc.ids.ref('tables', e.mode.table)})`);
    parts.push(printOffset(fc, e.mode.offset));
  }
  const funcs = e.usesExprs ? null : e.init.map(refFuncItem);
  if (funcs && funcs.every(f => f !== null)) {
    // The function-index form (binary flags 0-3).
    parts.push('func');
    for (const f of funcs) parts.push(fc.ids.ref('funcs', f as number));
  } else {
    parts.push(printValType(e.type, fc.ids));
    for (const item of e.init) {
      const body = printConstExpr(item, plainContext(fc.ids));
      const single = item.filter(i => OPCODES[i.op]?.name !== 'end').length === 1 && body.startsWith('(');
      parts.push(single ? body : `(item ${body})`);
    }
  }
  return `(${parts.join(' ')})`;
}

export function printData(fc: FieldContext, index: number, d: Data, indent: string, out: string[]): void {
  const parts = [head('data', declOf(fc, 'datas', index))];
  if (d.mode.kind === 'active') {
    if (d.mode.mem !== 0) parts.push(`(memory ${fc.ids.ref('memories', d.mode.mem)})`);
    parts.push(printOffset(fc, d.mode.offset));
  }
  if (d.shared) parts.push('shared');
  const strings = printDataString(d.init);
  if (strings.length === 1) {
    out.push(`${indent}(${parts.join(' ')} ${strings[0]})`);
  } else {
    out.push(`${indent}(${parts.join(' ')}`);
    for (const s of strings) out.push(indent + fc.unit + s);
    out.push(indent + ')');
  }
}

// ---- custom sections --------------------------------------------------------------------------

/** Section names as the `@custom` placement syntax spells them, by section id. */
const SECTION_NAMES: readonly string[] = [
  '', 'type', 'import', 'func', 'table', 'memory', 'global', 'export', 'start', 'elem', 'code',
  'data', 'datacount', 'tag',
];

export function printCustom(c: CustomSection): string {
  const place = c.after === 0 ? '(before first)' : `(after ${SECTION_NAMES[c.after] ?? 'last'})`;
  return `(@custom ${printName(c.name)} ${place} ${printBytes(c.data)})`;
}
