/** The defined functions of an instance's module, in the shape monitors need. */
import type { Expr, Module } from '../syntax/module.js';
import type { ValType } from '../syntax/types.js';
import type { ModuleInstance } from '../runtime/instance.js';

export interface FuncInfo {
  /** Index in the function index space (imports first). */
  readonly index: number;
  readonly name: string | null;
  readonly params: readonly ValType[];
  /** Declared locals after the parameters. */
  readonly locals: readonly ValType[];
  readonly body: Expr;
  /** One past the body's last byte (the end of the last instruction's range). */
  readonly end: number;
}

const cache = new WeakMap<Module, FuncInfo[]>();

export function definedFuncs(m: Module): readonly FuncInfo[] {
  let list = cache.get(m);
  if (list) return list;
  let imported = 0;
  for (const im of m.imports) if (im.desc.kind === 'func') imported++;
  list = m.funcs.map((f, i) => {
    const index = imported + i;
    const comp = m.types[f.type]?.comp;
    return {
      index, name: m.names?.funcs.get(index) ?? null, params: comp?.kind === 'func' ? comp.params : [],
      locals: f.locals, body: f.body, end: f.end,
    };
  });
  cache.set(m, list);
  return list;
}

export function moduleOf(inst: ModuleInstance): Module {
  return inst.module.module;
}

/** `$name` or `#index`, for reports. */
export function funcLabel(f: { index: number; name: string | null }): string {
  return f.name !== null ? `$${f.name}` : `#${f.index}`;
}

export function hex(n: number): string {
  return '0x' + n.toString(16);
}
