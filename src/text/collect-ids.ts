/**
 * First pass over a module's fields: binds every symbolic id of every index space (types, funcs,
 * tables, memories, globals, tags, elem and data segments) to its index, so that the second pass can
 * resolve forward references. Also enforces that imports precede definitions, which the index
 * assignment relies on.
 */
import type { ModuleContext, SpaceKind } from './context.js';
import type { Cursor } from './cursor.js';
import { idName } from './cursor.js';
import type { Token } from './lexer.js';

const ENTITY_FIELDS: ReadonlySet<string> = new Set(['func', 'table', 'memory', 'global', 'tag']);
/** How "import after ..." errors name the definition kinds. */
const DEFINITION_NOUN: Readonly<Record<string, string>> = { func: 'function', table: 'table', memory: 'memory', global: 'global', tag: 'tag' };

/** Start positions (the `(`) of the module's fields, in order. */
export interface FieldList {
  readonly starts: readonly number[];
}

export function collectIds(ctx: ModuleContext): FieldList {
  const cur: Cursor = ctx.cur;
  const starts: number[] = [];
  let firstDefinition: string | null = null;

  while (cur.peek().kind === '(') {
    const start = cur.pos;
    starts.push(start);
    cur.lparen();
    const kwTok = cur.peek();
    if (kwTok.kind !== 'keyword') cur.unexpected(kwTok);
    const kw = kwTok.text;
    cur.next();
    switch (kw) {
      case 'type':
        bindHere(ctx, 'type', kwTok);
        break;
      case 'rec':
        while (cur.peekParen('type')) {
          cur.lparen();
          const t = cur.next();
          bindHere(ctx, 'type', t);
          skipRest(cur);
        }
        break;
      case 'import': {
        if (firstDefinition !== null) cur.fail(`import after ${firstDefinition}`, kwTok);
        cur.string();
        cur.string();
        const descKw = cur.parenKeyword();
        if (descKw === null || !ENTITY_FIELDS.has(descKw)) cur.unexpected(cur.peek(1));
        cur.lparen();
        const t = cur.next();
        bindHere(ctx, descKw as SpaceKind, t);
        skipRest(cur);
        break;
      }
      case 'func': case 'table': case 'memory': case 'global': case 'tag': {
        const id = cur.peek().kind === 'id' ? cur.next() : null;
        const children = childKeywords(cur);
        if (children.includes('import')) {
          if (firstDefinition !== null) cur.fail(`import after ${firstDefinition}`, kwTok);
        } else {
          firstDefinition ??= DEFINITION_NOUN[kw];
        }
        bind(ctx, kw, id, kwTok);
        // Inline segments take the next segment index.
        if (kw === 'table' && children.includes('elem')) ctx.spaces.elem.count++;
        if (kw === 'memory' && children.includes('data')) ctx.spaces.data.count++;
        continue; // childKeywords consumed the closing paren
      }
      case 'elem': case 'data':
        bindHere(ctx, kw, kwTok);
        break;
      case 'export': case 'start':
        break;
      default:
        cur.fail(`unknown module field ${kw}`, kwTok);
    }
    skipRest(cur);
  }
  return { starts };
}

/** Binds an optional `$id` at the cursor in `space`. */
function bindHere(ctx: ModuleContext, space: SpaceKind, at: Token): void {
  const t = ctx.cur.peek();
  bind(ctx, space, t.kind === 'id' ? ctx.cur.next() : null, at);
}

function bind(ctx: ModuleContext, space: SpaceKind, id: Token | null, at: Token): void {
  ctx.spaces[space].bind(ctx.cur, id ? idName(id) : null, id ?? at);
}


/** Skips to just past the `)` closing the current group. */
function skipRest(cur: ModuleContext['cur']): void {
  while (cur.peek().kind !== ')') cur.skipTree();
  cur.rparen();
}

/** The keywords of the direct child groups of the current group; consumes it up to its `)`. */
function childKeywords(cur: ModuleContext['cur']): string[] {
  const kws: string[] = [];
  while (cur.peek().kind !== ')') {
    const kw = cur.parenKeyword();
    if (kw !== null) kws.push(kw);
    cur.skipTree();
  }
  cur.rparen();
  return kws;
}
