/**
 * Symbolic names for the printer: which indices get a `$id`, taken from the module's `names`.
 * A name is used only where the text can carry it back unchanged: it must be a valid id (or, with
 * `quotedIds`, any non-empty name as `$"..."`), and unique in its index space (a duplicate would
 * make the text ill-formed), so the first holder wins and later ones print numerically.
 */
import { importCounts, type Module, type Names } from '../syntax/module.js';
import { printName } from './print-string.js';

/** Index spaces whose names live in one flat map of `Names`. */
export type IdSpace = 'funcs' | 'types' | 'tables' | 'memories' | 'globals' | 'elems' | 'datas' | 'tags';

const ID_CHAR = /^[0-9A-Za-z!#$%&'*+\-./:<=>?@\\^_`|~]+$/;

/**
 * How many entities each index space of the module has. Names of entities that do not exist (a
 * name section need not match its module) are not used: an id the text never declares would not
 * read back.
 */
export interface IdLimits {
  count(space: IdSpace): number;
  /** Parameters plus locals of a function (function index space); 0 for imports. */
  locals(func: number): number;
  /** Fields of a struct type; 0 for other types. */
  fields(type: number): number;
}

export function moduleLimits(m: Module): IdLimits {
  const c = importCounts(m);
  const counts: Record<IdSpace, number> = {
    funcs: c.func + m.funcs.length, types: m.types.length, tables: c.table + m.tables.length,
    memories: c.memory + m.mems.length, globals: c.global + m.globals.length, elems: m.elems.length,
    datas: m.datas.length, tags: c.tag + m.tags.length,
  };
  return {
    count: space => counts[space],
    locals: func => {
      const f = m.funcs[func - c.func];
      if (!f) return 0;
      const comp = m.types[f.type]?.comp;
      return (comp?.kind === 'func' ? comp.params.length : 0) + f.locals.length;
    },
    fields: type => {
      const comp = m.types[type]?.comp;
      return comp?.kind === 'struct' ? comp.fields.length : 0;
    },
  };
}

const NO_LIMITS: IdLimits = { count: () => Infinity, locals: () => Infinity, fields: () => Infinity };

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

function uniqueIds(
  names: ReadonlyMap<number, string> | undefined, opts: IdOptions, limit: number,
): Map<number, string> {
  const out = new Map<number, string>();
  if (!names) return out;
  const seen = new Set<string>();
  for (const [i, name] of [...names].sort((a, b) => a[0] - b[0])) {
    if (i >= limit) continue;
    const id = idText(name, opts);
    if (id === null || seen.has(id)) continue;
    seen.add(id);
    out.set(i, id);
  }
  return out;
}

function uniqueNested(
  names: ReadonlyMap<number, ReadonlyMap<number, string>> | undefined, opts: IdOptions,
  limit: (outer: number) => number,
): Map<number, Map<number, string>> {
  const out = new Map<number, Map<number, string>>();
  if (names) for (const [k, inner] of names) out.set(k, uniqueIds(inner, opts, limit(k)));
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

  constructor(names: Names | null, opts: IdOptions = {}, limits: IdLimits = NO_LIMITS) {
    this.module = names?.module !== undefined ? idText(names.module, opts) : null;
    const space = (s: IdSpace) => uniqueIds(names?.[s], opts, limits.count(s));
    this.spaces = {
      funcs: space('funcs'), types: space('types'), tables: space('tables'),
      memories: space('memories'), globals: space('globals'), elems: space('elems'),
      datas: space('datas'), tags: space('tags'),
    };
    this.locals = uniqueNested(names?.locals, opts, f => limits.locals(f));
    this.fields = uniqueNested(names?.fields, opts, t => limits.fields(t));
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
