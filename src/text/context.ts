/**
 * Symbolic identifiers of a module being parsed: one `IdSpace` per index space, filled by a first
 * pass over the module fields (so that forward references work), plus the type table which the
 * second pass fills and extends with implicitly inserted function types.
 */
import type { Instr, Names } from '../syntax/module.js';
import { emptyNames } from '../syntax/module.js';
import type { RecGroup, SubType, ValType } from '../syntax/types.js';
import { Cursor, idName } from './cursor.js';
import type { Token } from './lexer.js';

export type SpaceKind = 'type' | 'func' | 'table' | 'memory' | 'global' | 'tag' | 'elem' | 'data';

/** Names used in error messages ("unknown function $f", "duplicate func $f"). */
const SPACE_NOUN: Record<SpaceKind, string> = {
  type: 'type', func: 'function', table: 'table', memory: 'memory', global: 'global', tag: 'tag',
  elem: 'elem segment', data: 'data segment',
};

export class IdSpace {
  readonly ids = new Map<string, number>();
  count = 0;
  constructor(readonly kind: string, readonly noun: string) {}

  /** Binds the next index to `name` (if any); duplicates are an error. */
  bind(cur: Cursor, name: string | null, at: Token): number {
    const index = this.count++;
    if (name !== null) {
      if (this.ids.has(name)) cur.fail(`duplicate ${this.kind} $${name}`, at);
      this.ids.set(name, index);
    }
    return index;
  }
}

export class ModuleContext {
  readonly spaces: Record<SpaceKind, IdSpace>;
  readonly types: SubType[] = [];
  readonly recGroups: RecGroup[] = [];
  /** Field names per struct type index. */
  readonly fieldIds = new Map<number, Map<string, number>>();
  readonly names: Names = emptyNames();
  /** Where each instruction was written (packed line/column), for validation errors. */
  readonly instrPositions = new WeakMap<Instr, number>();
  /**
   * Whether `v128` is a value type: not with the simd feature off (the scalar profile omits vector
   * types from the syntax, so the text format has no v128 either, as the binary decoder has not).
   */
  vectors = true;

  /**
   * The name a definition gets in `names`: an `(@name "...")` annotation right at the cursor (after
   * the optional `$id`), else the `$id`.
   */
  nameHere(id: string | null): string | null {
    return this.nameAnnotations?.get(this.cur.pos) ?? id;
  }

  constructor(readonly cur: Cursor, private readonly nameAnnotations?: ReadonlyMap<number, string>) {
    const mk = (k: SpaceKind): IdSpace => new IdSpace(k, SPACE_NOUN[k]);
    this.spaces = {
      type: mk('type'), func: mk('func'), table: mk('table'), memory: mk('memory'),
      global: mk('global'), tag: mk('tag'), elem: mk('elem'), data: mk('data'),
    };
  }

  /** Whether the next token can be an index (`$id` or a natural number). */
  isIndex(k = 0): boolean {
    return this.cur.peek(k).kind === 'id' || this.cur.isNat(k);
  }

  /** An index in `space`: a symbolic id (resolved) or a number (taken as is, checked later). */
  index(space: SpaceKind): number {
    const t = this.cur.peek();
    if (t.kind === 'id') {
      this.cur.next();
      const name = idName(t);
      const i = this.spaces[space].ids.get(name);
      if (i === undefined) this.cur.fail(`unknown ${SPACE_NOUN[space]} $${name}`, t);
      return i;
    }
    if (!this.cur.isNat()) this.cur.unexpected(t);
    return this.cur.u32();
  }

  /**
   * The index of the function type `params -> results` for a type use without `(type x)`: the first
   * existing lone, final, supertype-less function type that matches, or a new one appended.
   */
  funcTypeIndex(params: readonly ValType[], results: readonly ValType[]): number {
    for (const g of this.recGroups) {
      if (g.size !== 1) continue;
      const t = this.types[g.start];
      if (!t.final || t.supers.length || t.shared || t.describes !== undefined || t.descriptor !== undefined) continue;
      if (t.comp.kind !== 'func') continue;
      if (sameTypes(t.comp.params, params) && sameTypes(t.comp.results, results)) return g.start;
    }
    const index = this.types.length;
    this.types.push({ final: true, supers: [], comp: { kind: 'func', params: [...params], results: [...results] } });
    this.recGroups.push({ start: index, size: 1, explicit: false });
    return index;
  }
}

export function sameValType(a: ValType, b: ValType): boolean {
  if (typeof a === 'string' || typeof b === 'string') return a === b;
  return a.nullable === b.nullable && a.heap === b.heap && !!a.exact === !!b.exact && !!a.shared === !!b.shared;
}

export function sameTypes(a: readonly ValType[], b: readonly ValType[]): boolean {
  return a.length === b.length && a.every((t, i) => sameValType(t, b[i]));
}
