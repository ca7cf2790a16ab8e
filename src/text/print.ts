/**
 * The text printer: readable WAT from the module AST. Instructions are printed flat (as in the
 * binary), indented by nesting, with `$ids` from the module's names where the text can carry them.
 *
 * The output is meant to round-trip: parsing it and encoding gives the same bytes as encoding the
 * module directly. Hence explicit `(type N)` uses everywhere, rec groups kept as written, element
 * segments kept in their function-index or expression form, exact float literals, and custom
 * sections as `(@custom ...)` annotations with their placement.
 */
import type { Module } from '../syntax/module.js';
import { Ids, moduleLimits } from './print-ids.js';
import {
  fieldContext, printCustom, printData, printElem, printExport, printFunc, printGlobal, printImports,
  printMemory, printStart, printTable, printTag, printTypes,
} from './print-fields.js';

export { printInstr, plainContext, type InstrContext } from './print-instr.js';
export { printValType, printRefType, printHeapType, printBlockType } from './print-types.js';
export { printF32, printF64 } from './print-float.js';
export { Ids } from './print-ids.js';

export interface PrintOptions {
  /** Use the module's names as `$ids` (default true). */
  readonly names?: boolean;
  /** Write names that are not plain ids as quoted ids `$"..."` (default false). */
  readonly quotedIds?: boolean;
  /** One level of indentation (default two spaces). */
  readonly indent?: string;
  /**
   * Which custom sections to print as `(@custom ...)`: all (default), none, or all but `name`
   * (whose contents the `$ids` already carry).
   */
  readonly customs?: 'all' | 'none' | 'except-name';
  /** Mark unnamed definitions with their index as a comment, `(func (;3;) ...` (default true). */
  readonly indexComments?: boolean;
}

export function printModule(m: Module, opts: PrintOptions = {}): string {
  const unit = opts.indent ?? '  ';
  const ids = opts.names === false ? Ids.none : new Ids(m.names, { quotedIds: opts.quotedIds }, moduleLimits(m));
  const fc = fieldContext(m, ids, unit, opts.indexComments ?? true);
  const out: string[] = [ids.module ? `(module ${ids.module}` : '(module'];
  const ind = unit;
  printTypes(fc, ind, out);
  printImports(fc, ind, out);
  m.funcs.forEach((f, i) => printFunc(fc, i, f, ind, out));
  m.tables.forEach((t, i) => out.push(ind + printTable(fc, i, t)));
  m.mems.forEach((mt, i) => out.push(ind + printMemory(fc, i, mt)));
  m.globals.forEach((g, i) => out.push(ind + printGlobal(fc, i, g)));
  m.tags.forEach((t, i) => out.push(ind + printTag(fc, i, t)));
  for (const e of m.exports) out.push(ind + printExport(fc, e));
  if (m.start !== null) out.push(ind + printStart(fc, m.start));
  m.elems.forEach((e, i) => out.push(ind + printElem(fc, i, e)));
  m.datas.forEach((d, i) => printData(fc, i, d, ind, out));
  const customs = opts.customs ?? 'all';
  if (customs !== 'none') {
    for (const c of m.customs) {
      if (customs === 'except-name' && c.name === 'name') continue;
      out.push(ind + printCustom(c));
    }
  }
  out.push(')');
  return out.join('\n') + '\n';
}
