/**
 * Symbolic names for the printer: which indices get a `$id`, taken from the module's `names`.
 * A name is used only where the text can carry it back unchanged: it must be a valid id (or, with
 * `quotedIds`, any non-empty name as `$"..."`), and unique in its index space (a duplicate would
 * make the text ill-formed), so the first holder wins and later ones print numerically.
 */
import type { Names } from '../syntax/module.js';
import { printName } from './print-string.js';

/** Index spaces whose names live in one flat map of `Names`. */
export type IdSpace = 'funcs' | 'types' | 'tables' | 'memories' | 'globals' | 'elems' | 'datas' | 'tags';

const ID_CHAR = /^[0-9A-Za-z!#$%&'*+\-./:<=>?@\\^_`|~]+$/;

export interface IdOptions {
  /** Print names that are not plain ids as quoted ids `$"..."` (Wasm 3.0 text) instead of dropping them. */
  readonly quotedIds?: boolean;
}

/** The id text for a name, or null when the name cannot be written as an id. */
export function idText(name: string, opts: IdOptions = {}): string | null {
  if (ID_CHAR.test(name)) return '$' + name;
  if (opts.quotedIds && name !== '') return '$' + printName(name);
  return null;
}

function uniqueIds(names: ReadonlyMap<number, string> | undefined, opts: IdOptions): Map<number, string> {
  const out = new Map<number, string>();
  if (!names) return out;
  const seen = new Set<string>();
  for (const [i, name] of [...names].sort((a, b) => a[0] - b[0])) {
    const id = idText(name, opts);
    if (id === null || seen.has(id)) continue;
    seen.add(id);
    out.set(i, id);
  }
  return out;
}

function uniqueNested(
  names: ReadonlyMap<number, ReadonlyMap<number, string>> | undefined, opts: IdOptions,
): Map<number, Map<number, string>> {
  const out = new Map<number, Map<number, string>>();
  if (names) for (const [k, inner] of names) out.set(k, uniqueIds(inner, opts));
  return out;
}

/** Labels may shadow each other, so they need valid ids but not unique ones. */
function validNested(
  names: ReadonlyMap<number, ReadonlyMap<number, string>> | undefined, opts: IdOptions,
): Map<number, Map<number, string>> {
  const out = new Map<number, Map<number, string>>();
  if (!names) return out;
  for (const [k, inner] of names) {
    const m = new Map<number, string>();
    for (const [i, name] of inner) {
      const id = idText(name, opts);
      if (id !== null) m.set(i, id);
    }
    out.set(k, m);
  }
  return out;
}

export class Ids {
  readonly module: string | null;
  private readonly spaces: Record<IdSpace, Map<number, string>>;
  private readonly locals: Map<number, Map<number, string>>;
  private readonly fields: Map<number, Map<number, string>>;
  private readonly labels: Map<number, Map<number, string>>;

  constructor(names: Names | null, opts: IdOptions = {}) {
    this.module = names?.module !== undefined ? idText(names.module, opts) : null;
    this.spaces = {
      funcs: uniqueIds(names?.funcs, opts), types: uniqueIds(names?.types, opts),
      tables: uniqueIds(names?.tables, opts), memories: uniqueIds(names?.memories, opts),
      globals: uniqueIds(names?.globals, opts), elems: uniqueIds(names?.elems, opts),
      datas: uniqueIds(names?.datas, opts), tags: uniqueIds(names?.tags, opts),
    };
    this.locals = uniqueNested(names?.locals, opts);
    this.fields = uniqueNested(names?.fields, opts);
    this.labels = validNested(names?.labels, opts);
  }

  /** No names at all: everything prints numerically. */
  static readonly none: Ids = new Ids(null);

  /** A reference to an index: `$id` or the number. */
  ref(space: IdSpace, i: number): string {
    return this.spaces[space].get(i) ?? String(i);
  }

  /** The id to declare at a definition (`(func $f ...`), or null. */
  decl(space: IdSpace, i: number): string | null {
    return this.spaces[space].get(i) ?? null;
  }

  local(func: number, i: number): string | null {
    return this.locals.get(func)?.get(i) ?? null;
  }

  field(type: number, i: number): string | null {
    return this.fields.get(type)?.get(i) ?? null;
  }

  label(func: number, i: number): string | null {
    return this.labels.get(func)?.get(i) ?? null;
  }
}
