/**
 * The JS embedding's implementation limits (JS API spec, "Limits"): a module exceeding one of them
 * must fail to compile with a CompileError, even though it is valid core wasm. Checked on the
 * decoded module, before validation. (The "at most one memory" limit predates multi-memory,
 * which Wasm 3.0 made standard, so it is not enforced.)
 */
import type { Module } from '../syntax/module.js';
import { CompileError } from '../errors.js';

export const JS_LIMITS = {
  moduleSize: 1024 * 1024 * 1024,
  types: 1_000_000,
  functions: 1_000_000,
  imports: 1_000_000,
  exports: 1_000_000,
  globals: 1_000_000,
  dataSegments: 100_000,
  elementSegments: 10_000_000,
  tables: 100_000,
  functionSize: 7_654_321,
  functionLocals: 50_000,
  functionParams: 1_000,
  functionReturns: 1_000,
} as const;

/** `at`: the byte offset of the first entity beyond the limit (-1 if the module has no offsets). */
function over(what: string, n: number, limit: number, at = -1): never {
  throw new CompileError('invalid', `${what}: ${n} exceeds the JS embedding limit of ${limit}`, at);
}

/** The offset of entry `i` of a decoded module's offset table, or -1. */
function entry(table: readonly number[] | undefined, i: number): number {
  return table?.[i] ?? -1;
}

export function checkByteLimit(size: number): void {
  if (size > JS_LIMITS.moduleSize) over('module size', size, JS_LIMITS.moduleSize);
}

/** A function body's size (locals declarations included): the bytes after its size LEB. */
function bodySize(offset: number, end: number): number {
  if (offset < 0 || end < 0) return 0;
  for (let lebLen = 1; lebLen <= 5; lebLen++) {
    const size = end - offset - lebLen;
    if (size < 2 ** (7 * lebLen)) return size;
  }
  return end - offset;
}

/** The offset of the local declaration group that takes function `f`'s locals past `limit`. */
function localsAt(m: Module, f: number, nparams: number, limit: number): number {
  const pairs = m.offsets?.locals[f];
  if (!pairs) return m.funcs[f]?.offset ?? -1;
  for (let k = 0; k + 1 < pairs.length; k += 2) if (pairs[k]! + nparams > limit) return pairs[k + 1]!;
  return m.funcs[f]!.offset;
}

export function checkModuleLimits(m: Module): void {
  const L = JS_LIMITS;
  const o = m.offsets;
  // Index spaces start with the imports, so the first entity beyond a limit is entry `limit`.
  const counts: [string, number, number, readonly number[] | undefined][] = [
    ['types', m.types.length, L.types, o?.types],
    ['functions', m.funcs.length + m.imports.filter(i => i.desc.kind === 'func').length, L.functions, o?.funcs],
    ['imports', m.imports.length, L.imports, undefined],
    ['exports', m.exports.length, L.exports, o?.exports],
    ['globals', m.globals.length + m.imports.filter(i => i.desc.kind === 'global').length, L.globals, o?.globals],
    ['data segments', m.datas.length, L.dataSegments, o?.datas],
    ['element segments', m.elems.length, L.elementSegments, o?.elems],
    ['tables', m.tables.length + m.imports.filter(i => i.desc.kind === 'table').length, L.tables, o?.tables],
  ];
  for (const [what, n, limit, at] of counts) if (n > limit) over(what, n, limit, entry(at, limit));
  m.types.forEach((t, i) => {
    if (t.comp.kind !== 'func') return;
    const at = entry(o?.types, i);
    if (t.comp.params.length > L.functionParams) over('function params', t.comp.params.length, L.functionParams, at);
    if (t.comp.results.length > L.functionReturns) over('function returns', t.comp.results.length, L.functionReturns, at);
  });
  m.funcs.forEach((f, i) => {
    const size = bodySize(f.offset, f.end);
    if (size > L.functionSize) over('function size', size, L.functionSize, f.offset);
    const t = m.types[f.type]?.comp;
    const nparams = t?.kind === 'func' ? t.params.length : 0;
    if (f.locals.length + nparams > L.functionLocals) {
      over('function locals', f.locals.length + nparams, L.functionLocals, localsAt(m, i, nparams, L.functionLocals));
    }
  });
}
