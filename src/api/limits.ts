/**
 * The JS embedding's implementation limits (JS API spec, "Limits"): a module exceeding one of them
 * must fail to compile with a CompileError, even though it is valid core wasm. Checked on the
 * decoded module, before validation. (The "at most one memory" limit predates multi-memory,
 * which Wasm 3.0 made standard, so it is not enforced.)
 */
import type { Module } from '../syntax/module.js';
import { CompileError } from './errors.js';

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

function over(what: string, n: number, limit: number): never {
  throw new CompileError(`${what}: ${n} exceeds the JS embedding limit of ${limit}`);
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

export function checkModuleLimits(m: Module): void {
  const L = JS_LIMITS;
  const counts: [string, number, number][] = [
    ['types', m.types.length, L.types],
    ['functions', m.funcs.length + m.imports.filter(i => i.desc.kind === 'func').length, L.functions],
    ['imports', m.imports.length, L.imports],
    ['exports', m.exports.length, L.exports],
    ['globals', m.globals.length + m.imports.filter(i => i.desc.kind === 'global').length, L.globals],
    ['data segments', m.datas.length, L.dataSegments],
    ['element segments', m.elems.length, L.elementSegments],
    ['tables', m.tables.length + m.imports.filter(i => i.desc.kind === 'table').length, L.tables],
  ];
  for (const [what, n, limit] of counts) if (n > limit) over(what, n, limit);
  for (const t of m.types) {
    if (t.comp.kind !== 'func') continue;
    if (t.comp.params.length > L.functionParams) over('function params', t.comp.params.length, L.functionParams);
    if (t.comp.results.length > L.functionReturns) over('function returns', t.comp.results.length, L.functionReturns);
  }
  for (const f of m.funcs) {
    const size = bodySize(f.offset, f.end);
    if (size > L.functionSize) over('function size', size, L.functionSize);
    const t = m.types[f.type]?.comp;
    const nparams = t?.kind === 'func' ? t.params.length : 0;
    if (f.locals.length + nparams > L.functionLocals) over('function locals', f.locals.length + nparams, L.functionLocals);
  }
}
