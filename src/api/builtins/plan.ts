/**
 * Which imports of a compiled module the JS API provides itself: builtins of enabled sets and
 * imported string constants. Decided once at compile time (the spec's "validate builtins and
 * imported string for a WebAssembly module", where a type mismatch is a CompileError) and kept
 * with the ValidModule, for `Module.imports` (which leaves these imports out) and for reading the
 * imports at instantiation (which never looks them up in the import object).
 *
 * Resolution follows the spec's "find a builtin": an import from `wasm:<set>` of an enabled set
 * is a builtin only if the set has a builtin of that name; any other name in that module stays an
 * ordinary import. Imports from the imported string namespace take precedence over builtins (the
 * spec checks them first, and sets their object last when reading the imports).
 */
import type { CGlobalType, CExternType, ValidModule } from '../../valid/index.js';
import { matchExternType, mkRef } from '../../valid/index.js';
import { CompileError } from '../../errors.js';
import { createGlobal, type ExternVal, type FuncInst } from '../../runtime/index.js';
import type { Import } from '../../syntax/module.js';
import { hostRef } from '../convert.js';
import type { BuiltinDef, BuiltinSet } from './definition.js';
import { builtinFunction } from './host.js';
import type { BuiltinOptions } from './options.js';
import { builtinSetNamed } from './sets.js';

type Provided =
  | { readonly kind: 'builtin'; readonly def: BuiltinDef }
  | { readonly kind: 'string'; readonly value: string; readonly type: CGlobalType };

interface ImportPlan {
  /** Per import index: provided by the JS API, or undefined for an ordinary import. */
  readonly provided: readonly (Provided | undefined)[];
  /** How many ordinary imports remain. */
  readonly ordinary: number;
}

/** Only modules with at least one provided import have a plan. */
const plans = new WeakMap<ValidModule, ImportPlan>();

/** `global const (ref extern)`: what a string constant is, matched against the import's type. */
const STRING_CONSTANT: CExternType = { kind: 'global', type: { type: mkRef('extern', false), mutable: false } };

/** The external type each import of `vm` requires, in import order. */
function importTypes(vm: ValidModule): CExternType[] {
  const n = { func: 0, table: 0, memory: 0, global: 0, tag: 0 };
  return vm.module.imports.map((imp): CExternType => {
    const d = imp.desc;
    switch (d.kind) {
      case 'func': return { kind: 'func', type: vm.funcTypes[n.func++], exact: d.exact };
      case 'table': return { kind: 'table', type: vm.tables[n.table++] };
      case 'memory': return { kind: 'memory', type: vm.mems[n.memory++] };
      case 'global': return { kind: 'global', type: vm.globals[n.global++] };
      case 'tag': return { kind: 'tag', type: vm.tags[n.tag++] };
    }
  });
}

function mismatch(imp: Import, why: string): CompileError {
  return new CompileError('invalid', `import ${JSON.stringify(imp.module)} ${JSON.stringify(imp.name)}: ${why}`);
}

/**
 * Checks the builtin and string-constant imports of `vm` against `opts` and records them.
 * Throws weft's CompileError (duplicate set names, an import whose type does not match).
 */
export function planBuiltinImports(vm: ValidModule, opts: BuiltinOptions): void {
  const { builtinSetNames, importedStringModule } = opts;
  if (new Set(builtinSetNames).size !== builtinSetNames.length) {
    throw new CompileError('invalid', `duplicate builtin set name in ${JSON.stringify(builtinSetNames)}`);
  }
  const enabled = new Map<string, BuiltinSet>();
  for (const name of builtinSetNames) {
    const set = builtinSetNamed(name);
    if (set) enabled.set(`wasm:${name}`, set);
  }
  if (enabled.size === 0 && importedStringModule === null) return;
  const imports = vm.module.imports;
  const types = importTypes(vm);
  const provided: (Provided | undefined)[] = new Array(imports.length);
  let ordinary = 0;
  imports.forEach((imp, i) => {
    if (imp.module === importedStringModule) {
      if (!matchExternType(STRING_CONSTANT, types[i])) {
        throw mismatch(imp, 'a string constant import must be an immutable global of type externref or (ref extern)');
      }
      provided[i] = { kind: 'string', value: imp.name, type: (types[i] as { type: CGlobalType }).type };
      return;
    }
    const def = enabled.get(imp.module)?.builtins.get(imp.name);
    if (def === undefined) {
      ordinary++;
      return;
    }
    if (!matchExternType({ kind: 'func', type: def.type }, types[i])) {
      throw mismatch(imp, `the builtin has type (func (param ${def.params.join(' ')}) (result ${def.result})) and must be imported as a function of exactly that type`);
    }
    provided[i] = { kind: 'builtin', def };
  });
  if (ordinary < imports.length) plans.set(vm, { provided, ordinary });
}

/** Whether import `index` of `vm` is provided by the JS API (so `Module.imports` leaves it out). */
export function isProvidedImport(vm: ValidModule, index: number): boolean {
  return plans.get(vm)?.provided[index] !== undefined;
}

/** The provided imports of one instantiation. */
export interface ProvidedImports {
  /** How many imports must still come from the import object. */
  readonly ordinary: number;
  /** The external value for import `index`, or undefined if the import object must supply it. */
  value(index: number): ExternVal | undefined;
}

/**
 * The provided imports of `vm` for a new instance, or null when it has none. Each instance gets
 * its own builtin functions (one per builtin, however often it is imported) and its own globals.
 */
export function providedImports(vm: ValidModule): ProvidedImports | null {
  const plan = plans.get(vm);
  if (!plan) return null;
  const funcs = new Map<BuiltinDef, FuncInst>();
  return {
    ordinary: plan.ordinary,
    value(index) {
      const p = plan.provided[index];
      if (p === undefined) return undefined;
      if (p.kind === 'string') return { kind: 'global', value: createGlobal(p.type, hostRef(p.value)) };
      let f = funcs.get(p.def);
      if (!f) funcs.set(p.def, (f = builtinFunction(p.def)));
      return { kind: 'func', value: f };
    },
  };
}
