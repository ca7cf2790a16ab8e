/**
 * Types in the text format: value/reference/heap types, function type uses, and the type definitions
 * of the type section (`type`, `rec`, `sub`, struct/array/func/cont, shared and descriptor clauses).
 */
import type {
  AbsHeapType, CompType, FieldType, HeapType, RefType, StorageType, SubType, ValType,
} from '../syntax/types.js';
import { ABS_HEAP_TYPES } from '../syntax/types.js';
import type { ModuleContext } from './context.js';
import type { Cursor } from './cursor.js';
import { sameTypes } from './context.js';

/** Reference type shorthands: `funcref` = `(ref null func)` etc. */
const REF_SHORTHANDS: ReadonlyMap<string, AbsHeapType> = new Map([
  ['funcref', 'func'], ['externref', 'extern'], ['anyref', 'any'], ['eqref', 'eq'],
  ['i31ref', 'i31'], ['structref', 'struct'], ['arrayref', 'array'], ['nullref', 'none'],
  ['nullfuncref', 'nofunc'], ['nullexternref', 'noextern'], ['exnref', 'exn'],
  ['nullexnref', 'noexn'], ['contref', 'cont'], ['nullcontref', 'nocont'],
] as [string, AbsHeapType][]);

const ABS = new Set<string>(ABS_HEAP_TYPES);
const NUM_VEC = new Set(['i32', 'i64', 'f32', 'f64', 'v128']);

export function isValTypeStart(ctx: ModuleContext): boolean {
  const t = ctx.cur.peek();
  if (t.kind === 'keyword') return NUM_VEC.has(t.text) || REF_SHORTHANDS.has(t.text);
  return ctx.cur.peekParen('ref') || ctx.cur.peekParen('shared');
}

export interface ParsedHeap { readonly heap: HeapType; readonly shared?: boolean; readonly exact?: boolean }

/** A heap type: abstract name, type index, `(shared abs)` or `(exact idx)`. */
export function parseHeapType(ctx: ModuleContext): ParsedHeap {
  const cur: Cursor = ctx.cur;
  const t = cur.peek();
  if (t.kind === 'keyword' && ABS.has(t.text)) {
    cur.next();
    return { heap: t.text as AbsHeapType };
  }
  if (cur.peekParen('shared')) {
    cur.open('shared');
    const inner = parseHeapType(ctx);
    cur.rparen();
    return { ...inner, shared: true };
  }
  if (cur.peekParen('exact')) {
    cur.open('exact');
    const heap = ctx.index('type');
    cur.rparen();
    return { heap, exact: true };
  }
  if (ctx.isIndex()) return { heap: ctx.index('type') };
  return cur.unexpected(t);
}

function makeRef(nullable: boolean, h: ParsedHeap): RefType {
  const r: { kind: 'ref'; nullable: boolean; heap: HeapType; exact?: boolean; shared?: boolean } =
    { kind: 'ref', nullable, heap: h.heap };
  if (h.exact) r.exact = true;
  if (h.shared) r.shared = true;
  return r;
}

export function parseRefType(ctx: ModuleContext): RefType {
  const cur: Cursor = ctx.cur;
  const t = cur.peek();
  if (t.kind === 'keyword') {
    const abs = REF_SHORTHANDS.get(t.text);
    if (abs === undefined) cur.unexpected(t);
    cur.next();
    return { kind: 'ref', nullable: true, heap: abs };
  }
  if (cur.peekParen('shared')) {
    // Shared-everything: `(shared funcref)` is the shared form of a shorthand.
    cur.open('shared');
    const inner = parseRefType(ctx);
    cur.rparen();
    return { ...inner, shared: true };
  }
  cur.open('ref');
  const nullable = cur.eatKeyword('null');
  const h = parseHeapType(ctx);
  cur.rparen();
  return makeRef(nullable, h);
}

export function parseValType(ctx: ModuleContext): ValType {
  const t = ctx.cur.peek();
  if (t.kind === 'keyword' && NUM_VEC.has(t.text)) {
    if (t.text === 'v128' && !ctx.vectors) ctx.cur.fail('unknown type v128 (vector types are off: simd feature or scalar profile)');
    ctx.cur.next();
    return t.text as ValType;
  }
  return parseRefType(ctx);
}

function parseStorageType(ctx: ModuleContext): StorageType {
  const t = ctx.cur.peek();
  if (t.kind === 'keyword' && (t.text === 'i8' || t.text === 'i16')) {
    ctx.cur.next();
    return t.text;
  }
  return parseValType(ctx);
}

function parseFieldType(ctx: ModuleContext): FieldType {
  if (ctx.cur.peekParen('mut')) {
    ctx.cur.open('mut');
    const type = parseStorageType(ctx);
    ctx.cur.rparen();
    return { type, mutable: true };
  }
  return { type: parseStorageType(ctx), mutable: false };
}

/**
 * `(param ...)*` then `(result ...)*` groups. Named params (`(param $x i32)`) report their names
 * through `onParamName(index, name)`; where names are not allowed, pass null and they are errors.
 */
export function parseParamsResults(
  ctx: ModuleContext,
  onParamName: ((index: number, name: string) => void) | null,
): { params: ValType[]; results: ValType[] } {
  const cur: Cursor = ctx.cur;
  const params: ValType[] = [];
  const results: ValType[] = [];
  while (cur.peekParen('param')) {
    cur.open('param');
    const idTok = cur.peek();
    const id = cur.eatId();
    if (id !== null) {
      if (onParamName === null) cur.fail('unexpected token', idTok);
      onParamName(params.length, id);
      params.push(parseValType(ctx));
    } else {
      while (!(cur.peek().kind === ')')) params.push(parseValType(ctx));
    }
    cur.rparen();
  }
  while (cur.peekParen('result')) {
    cur.open('result');
    while (cur.peek().kind !== ')') results.push(parseValType(ctx));
    cur.rparen();
  }
  // Params after results, or a type use after either, are out of order.
  if (cur.peekParen(['param', 'type'])) cur.unexpected(cur.peek(1));
  return { params, results };
}

export interface TypeUse {
  readonly index: number;
  readonly params: readonly ValType[];
  readonly results: readonly ValType[];
  /** Names of inline params, by position. */
  readonly paramNames: ReadonlyMap<number, string>;
}

/**
 * A type use: `(type x)?` followed by inline params and results. With `(type x)`, inline
 * declarations (if any) must agree with x; without, the matching type is found or inserted.
 */
export function parseTypeUse(ctx: ModuleContext, allowNames: boolean): TypeUse {
  const cur: Cursor = ctx.cur;
  let explicit: number | null = null;
  const at = cur.peek();
  if (cur.peekParen('type')) {
    cur.open('type');
    explicit = ctx.index('type');
    cur.rparen();
  }
  const paramNames = new Map<number, string>();
  const pr = parseParamsResults(ctx, allowNames ? (i, n) => paramNames.set(i, n) : null);
  if (explicit === null) {
    return { index: ctx.funcTypeIndex(pr.params, pr.results), ...pr, paramNames };
  }
  const def = ctx.types[explicit];
  const declared = def && def.comp.kind === 'func' ? def.comp : null;
  if (pr.params.length || pr.results.length || paramNames.size) {
    if (!def) cur.fail('unknown type', at);
    if (!declared || !sameTypes(declared.params, pr.params) || !sameTypes(declared.results, pr.results)) {
      cur.fail('inline function type', at);
    }
  }
  // A type use naming a non-function (or out-of-range) type is left to the validator.
  return {
    index: explicit,
    params: declared ? declared.params : pr.params,
    results: declared ? declared.results : pr.results,
    paramNames,
  };
}

// ---- type definitions -----------------------------------------------------------------------

function parseCompType(ctx: ModuleContext, fieldIds: Map<string, number>): { comp: CompType; shared: boolean } {
  const cur: Cursor = ctx.cur;
  const kw = cur.parenKeyword();
  if (kw === 'shared') {
    cur.open('shared');
    const inner = parseCompType(ctx, fieldIds);
    cur.rparen();
    return { comp: inner.comp, shared: true };
  }
  switch (kw) {
    case 'func': {
      cur.open('func');
      const { params, results } = parseParamsResults(ctx, () => {});
      cur.rparen();
      return { comp: { kind: 'func', params, results }, shared: false };
    }
    case 'struct': {
      cur.open('struct');
      const fields: FieldType[] = [];
      while (cur.peekParen('field')) {
        cur.open('field');
        const idTok = cur.peek();
        const id = cur.eatId();
        if (id !== null) {
          if (fieldIds.has(id)) cur.fail(`duplicate field $${id}`, idTok);
          fieldIds.set(id, fields.length);
          fields.push(parseFieldType(ctx));
        } else {
          while (cur.peek().kind !== ')') fields.push(parseFieldType(ctx));
        }
        cur.rparen();
      }
      cur.rparen();
      return { comp: { kind: 'struct', fields }, shared: false };
    }
    case 'array': {
      cur.open('array');
      const field = parseFieldType(ctx);
      cur.rparen();
      return { comp: { kind: 'array', field }, shared: false };
    }
    case 'cont': {
      cur.open('cont');
      const type = ctx.index('type');
      cur.rparen();
      return { comp: { kind: 'cont', type }, shared: false };
    }
    default:
      return cur.unexpected(cur.peek(1));
  }
}

/** `(describes x)` / `(descriptor x)` clauses of custom descriptors. */
function parseDescriptorClauses(ctx: ModuleContext, out: { describes?: number; descriptor?: number }): void {
  const cur: Cursor = ctx.cur;
  // At most one of each, `describes` first.
  for (const kw of ['describes', 'descriptor'] as const) {
    if (!cur.peekParen(kw)) continue;
    cur.open(kw);
    out[kw] = ctx.index('type');
    cur.rparen();
  }
}

/** The body of a type definition after `(type $id?`: a `sub` or a bare composite type. */
export function parseSubType(ctx: ModuleContext, fieldIds: Map<string, number>): SubType {
  const cur: Cursor = ctx.cur;
  const extra: { describes?: number; descriptor?: number } = {};
  let final = true;
  const supers: number[] = [];
  let wrapped = false;
  if (cur.peekParen('sub')) {
    cur.open('sub');
    wrapped = true;
    final = cur.eatKeyword('final');
    while (ctx.isIndex()) supers.push(ctx.index('type'));
  }
  parseDescriptorClauses(ctx, extra);
  const { comp, shared } = parseCompType(ctx, fieldIds);
  if (wrapped) cur.rparen();
  const st: { -readonly [K in keyof SubType]: SubType[K] } = { final, supers, comp };
  if (shared) st.shared = true;
  if (extra.describes !== undefined) st.describes = extra.describes;
  if (extra.descriptor !== undefined) st.descriptor = extra.descriptor;
  return st;
}
