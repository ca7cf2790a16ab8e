/** Module instances and external values. */
import type { DefType } from '../valid/canon-types.js';
import type { FuncInst } from './func.js';
import type { TableInst } from './table.js';
import type { MemInst } from './memory.js';
import type { GlobalInst } from './global.js';
import type { TagInst } from './tag.js';
import type { Ref } from './values.js';
import type { ValidModuleLike } from './valid-module.js';
import type { ProbeFn } from '../exec/probes.js';

export type ExternVal =
  | { readonly kind: 'func'; readonly value: FuncInst }
  | { readonly kind: 'table'; readonly value: TableInst }
  | { readonly kind: 'memory'; readonly value: MemInst }
  | { readonly kind: 'global'; readonly value: GlobalInst }
  | { readonly kind: 'tag'; readonly value: TagInst };

export class ModuleInstance {
  readonly types: readonly DefType[];
  readonly funcs: FuncInst[] = [];
  readonly tables: TableInst[] = [];
  readonly mems: MemInst[] = [];
  readonly globals: GlobalInst[] = [];
  readonly tags: TagInst[] = [];
  /** Element segments (null once dropped). */
  readonly elems: (readonly Ref[] | null)[] = [];
  /** Data segments (null once dropped). */
  readonly datas: (Uint8Array | null)[] = [];
  readonly exports = new Map<string, ExternVal>();
  /** Probe callbacks by byte offset (see exec/probes.ts and `addProbe`). */
  probes: Map<number, ProbeFn> | null = null;
  /**
   * Made in a store with the deterministic profile: both tiers translate this instance's functions
   * with NaN canonicalisation (and cache those translations apart from the full profile's).
   */
  deterministic = false;

  constructor(readonly module: ValidModuleLike, types: readonly DefType[]) {
    this.types = types;
  }

  /**
   * An instance of `module`, this instance's module with functions appended, that shares all of
   * this instance's state: the same table, memory, global, tag, element and data arrays, so every
   * change is seen both ways. Only `funcs` is a copy, for the caller to append the new functions'
   * instances to (the function index space never changes after instantiation, so a copy is
   * equivalent). func.new puts the functions it makes for an instance in such an instance, so
   * that the translators, the compiled tier's tables and stack traces find their bodies, entries
   * and names by index like any other function's. Same fields, same shape: the interpreter's property accesses stay
   * monomorphic.
   */
  derive(module: ValidModuleLike): ModuleInstance {
    const d = new ModuleInstance(module, this.types);
    const shared: Omit<ModuleInstance, 'module' | 'types' | 'derive' | 'funcName'> = {
      funcs: this.funcs.slice(), tables: this.tables, mems: this.mems, globals: this.globals, tags: this.tags,
      elems: this.elems, datas: this.datas, exports: this.exports, probes: this.probes, deterministic: this.deterministic,
    };
    return Object.assign(d, shared);
  }

  /** The name of function `idx` from the name section, for stack traces. */
  funcName(idx: number): string | null {
    return this.module.module.names?.funcs.get(idx) ?? null;
  }
}
