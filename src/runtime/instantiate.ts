/**
 * Instantiation (spec "modules/instantiation"): match imports, allocate the instance's functions,
 * tables, memories, globals and tags, evaluate constant expressions, run active element and data
 * segments (in order; a trap leaves earlier writes in place, as the spec's sequential
 * initialisation does), drop declarative segments, then run the start function.
 */
import { LinkError } from '../errors.js';
import type { Expr } from '../syntax/module.js';
import { Op } from '../exec/ops.js';
import type { CValType, DefType } from '../valid/canon-types.js';
import type { ValidModule } from '../valid/info.js';
import { matchExternType, type CExternType } from '../valid/subtype.js';
import { compileConstExpr } from '../exec/compile.js';
import { evalConst, invokeFunc } from '../exec/invoke.js';
import { memoryInit } from '../exec/bulk.js';
import { tableInit } from '../exec/bulk.js';
import { FuncInst } from './func.js';
import { bindToImporter } from './importer-bound.js';
import { TableInst } from './table.js';
import { MemInst } from './memory.js';
import { GlobalInst } from './global.js';
import { TagInst } from './tag.js';
import { ModuleInstance, type ExternVal } from './instance.js';
import type { Store } from './store.js';
import type { Ref, Value } from './values.js';

export interface InstantiateOptions {
  /** Skip the start function (the JS API runs it itself in some paths). */
  readonly skipStart?: boolean;
}

/** The external type an external value currently has (memories and tables at their current size). */
export function externTypeOf(v: ExternVal): CExternType {
  switch (v.kind) {
    case 'func': return { kind: 'func', type: v.value.type };
    case 'table': {
      const t = v.value.type;
      return { kind: 'table', type: { ...t, min: BigInt(v.value.size) } };
    }
    case 'memory': {
      const m = v.value.type;
      return { kind: 'memory', type: { ...m, limits: { min: BigInt(v.value.pages), max: m.limits.max } } };
    }
    case 'global': return { kind: 'global', type: v.value.type };
    case 'tag': return { kind: 'tag', type: v.value.type };
  }
}

function importType(vm: ValidModule, kind: ExternVal['kind'], idx: number, exact?: boolean): CExternType {
  switch (kind) {
    case 'func': return { kind: 'func', type: vm.funcTypes[idx], exact };
    case 'table': return { kind: 'table', type: vm.tables[idx] };
    case 'memory': return { kind: 'memory', type: vm.mems[idx] };
    case 'global': return { kind: 'global', type: vm.globals[idx] };
    case 'tag': return { kind: 'tag', type: vm.tags[idx] };
  }
}

function evalExpr(store: Store, inst: ModuleInstance, expr: Expr, type: CValType): Value {
  // Fast paths for the forms element segments use by the thousand.
  if (expr.length === 2 && expr[0].op === Op.ref_func) return inst.funcs[expr[0].imm[0] as number];
  if (expr.length === 2 && expr[0].op === Op.ref_null) return null;
  return evalConst(store.thread, compileConstExpr(inst.module.module, expr), inst, type);
}

export function instantiate(store: Store, vm: ValidModule, imports: readonly ExternVal[], _opts: InstantiateOptions = {}): ModuleInstance {
  const m = vm.module;
  if (imports.length !== m.imports.length) {
    throw new LinkError(`expected ${m.imports.length} imports, got ${imports.length}`);
  }
  const inst = new ModuleInstance(vm, vm.types);
  inst.deterministic = store.deterministic;
  const counters = { func: 0, table: 0, memory: 0, global: 0, tag: 0 };
  m.imports.forEach((imp, i) => {
    const v = imports[i];
    const kind = imp.desc.kind;
    const idx = counters[kind]++;
    const want = importType(vm, kind, idx, imp.desc.kind === 'func' ? imp.desc.exact : undefined);
    if (v.kind !== kind || !matchExternType(externTypeOf(v), want)) {
      throw new LinkError(`incompatible import type for ${imp.module}.${imp.name}`);
    }
    switch (v.kind) {
      // Engine functions acting on their importer (func.new) get bound to this instance here.
      case 'func': inst.funcs.push(bindToImporter(v.value, inst)); break;
      case 'table': inst.tables.push(v.value); break;
      case 'memory': inst.mems.push(v.value); break;
      case 'global': inst.globals.push(v.value); break;
      case 'tag': inst.tags.push(v.value); break;
    }
  });

  const nImportedFuncs = inst.funcs.length;
  m.funcs.forEach((_, i) => {
    const idx = nImportedFuncs + i;
    inst.funcs.push(new FuncInst(vm.funcTypes[idx], inst, idx, null));
  });
  for (const t of m.tags) inst.tags.push(new TagInst(inst.types[t.type]));
  for (const mt of m.mems) inst.mems.push(new MemInst(mt, store.opts.maxMemoryBytes));
  const nImportedGlobals = inst.globals.length;
  m.globals.forEach((g, i) => {
    const gt = vm.globals[nImportedGlobals + i];
    inst.globals.push(new GlobalInst(gt, evalExpr(store, inst, g.init, gt.type)));
  });
  const nImportedTables = inst.tables.length;
  m.tables.forEach((tb, i) => {
    const tt = vm.tables[nImportedTables + i];
    const init = tb.init ? (evalExpr(store, inst, tb.init, tt.elem) as Ref) : null;
    inst.tables.push(new TableInst(tt, init));
  });

  for (const e of m.exports) {
    const ev: ExternVal = (() => {
      switch (e.kind) {
        case 'func': return { kind: 'func', value: inst.funcs[e.index] } as const;
        case 'table': return { kind: 'table', value: inst.tables[e.index] } as const;
        case 'memory': return { kind: 'memory', value: inst.mems[e.index] } as const;
        case 'global': return { kind: 'global', value: inst.globals[e.index] } as const;
        case 'tag': return { kind: 'tag', value: inst.tags[e.index] } as const;
      }
    })();
    inst.exports.set(e.name, ev);
  }

  m.elems.forEach((seg, i) => {
    const ty = vm.elemTypes[i];
    inst.elems.push(seg.init.map(x => evalExpr(store, inst, x, ty) as Ref));
  });
  for (const d of m.datas) inst.datas.push(d.init);

  m.elems.forEach((seg, i) => {
    if (seg.mode.kind === 'active') {
      const tab = inst.tables[seg.mode.table];
      const off = evalExpr(store, inst, seg.mode.offset, tab.type.addr);
      tableInit(tab, inst.elems[i], toAddr(off), 0, seg.init.length);
      inst.elems[i] = null;
    } else if (seg.mode.kind === 'declarative') {
      inst.elems[i] = null;
    }
  });
  m.datas.forEach((d, i) => {
    if (d.mode.kind === 'active') {
      const mem = inst.mems[d.mode.mem];
      const off = evalExpr(store, inst, d.mode.offset, mem.type.addr);
      memoryInit(mem, inst.datas[i], toAddr(off), 0, d.init.length);
      inst.datas[i] = null;
    }
  });

  if (m.start !== null && !_opts.skipStart) invokeFunc(store.thread, inst.funcs[m.start], []);
  return inst;
}

/** An i32 (signed number) or i64 (bigint) offset as an unsigned address. */
function toAddr(v: Value): number {
  if (typeof v === 'bigint') return Number(BigInt.asUintN(64, v));
  return (v as number) >>> 0;
}

export type { DefType };
