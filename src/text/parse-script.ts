/**
 * Scripts (`.wast`, the spec testsuite's format) into the script AST of script/ast.ts.
 *
 * Text modules are parsed eagerly. A text module that fails to parse (e.g. an instruction of a
 * proposal weft does not know) is kept as quoted text instead, so that the runner reports the
 * failure on that command rather than the whole script being lost. Commands the script AST has no
 * form for (`thread`/`wait`, `assert_*_custom`, `component`) are skipped.
 */
import { ParseError } from '../errors.js';
import type { FeatureSet } from '../features.js';
import type { Action, Command, Const, Expected, LanePattern, Loc, Script, ScriptModule } from '../script/ast.js';
import type { Annotations } from './annotations.js';
import { stripAnnotations } from './annotations.js';
import { concatBytes } from './concat-bytes.js';
import { Cursor } from './cursor.js';
import type { Token } from './lexer.js';
import { tokenize } from './lexer.js';
import { parseF32, parseF64, parseI32, parseI64, parseIntBits } from './numbers.js';
import { parseModuleFromTokens } from './parse-module.js';

type Shape = 'i8x16' | 'i16x8' | 'i32x4' | 'i64x2' | 'f32x4' | 'f64x2';
const SHAPE_LANES: Record<Shape, number> = { i8x16: 16, i16x8: 8, i32x4: 4, i64x2: 2, f32x4: 4, f64x2: 2 };

/** Expected-result forms written `(ref.xxx)` with no operand. */
const REF_PATTERNS = new Set(['ref.any', 'ref.eq', 'ref.i31', 'ref.i31_shared', 'ref.struct', 'ref.array', 'ref.exn', 'ref.cont']);

const MODULE_FIELDS = new Set(['type', 'rec', 'import', 'func', 'table', 'memory', 'global', 'tag', 'export', 'start', 'elem', 'data']);

/** Commands with no form in the script AST: custom-annotation assertions, threads, components. */
const SKIPPED = new Set(['thread', 'wait', 'assert_malformed_custom', 'assert_invalid_custom', 'component']);

export function parseScript(text: string, source = '<script>', features?: FeatureSet): Script {
  const stripped = stripAnnotations(tokenize(text, source), source);
  const p = new ScriptParser(new Cursor(stripped.tokens, source), stripped, text, features);
  const commands: Command[] = [];
  if (MODULE_FIELDS.has(p.cur.parenKeyword() ?? '')) {
    // A script of bare module fields is one inline module.
    const t = p.cur.peek();
    const module = parseModuleFromTokens(p.cur, stripped, features);
    if (!p.cur.atEnd()) p.cur.unexpected();
    const loc = { line: t.line, column: t.col };
    return { commands: [{ kind: 'module', id: null, module: { kind: 'text', module, loc }, definition: false, loc }], source };
  }
  while (!p.cur.atEnd()) {
    const c = p.command();
    if (c) commands.push(c);
  }
  return { commands, source };
}

class ScriptParser {
  constructor(
    readonly cur: Cursor,
    private readonly annotations: Annotations,
    private readonly text: string,
    private readonly features?: FeatureSet,
  ) {}

  private loc(t: Token): Loc {
    return { line: t.line, column: t.col };
  }

  command(): Command | null {
    const cur: Cursor = this.cur;
    const kw = cur.parenKeyword();
    const open = cur.peek();
    const loc = this.loc(open);
    if (cur.parenKeyword(2) === 'component') {
      cur.skipTree();
      return null;
    }
    switch (kw) {
      case 'module': {
        if (cur.isKeyword('instance', 2)) {
          cur.open('module');
          cur.next();
          const id = cur.eatId();
          const module = cur.eatId();
          cur.rparen();
          return { kind: 'instance', id, module, loc };
        }
        const { id, module, definition } = this.module();
        return { kind: 'module', id, module, definition, loc };
      }
      case 'register': {
        cur.open('register');
        const name = cur.name();
        const id = cur.eatId();
        cur.rparen();
        return { kind: 'register', name, id, loc };
      }
      case 'invoke': case 'get':
        return { kind: 'action', action: this.action(), loc };
      case 'assert_return': {
        cur.open(kw);
        const action = this.action();
        const expected: Expected[] = [];
        while (cur.peek().kind === '(') expected.push(this.expected());
        cur.rparen();
        return { kind: 'assert_return', action, expected, loc };
      }
      case 'assert_trap': {
        cur.open(kw);
        if (cur.peekParen('module')) {
          const module = this.module().module;
          const message = cur.name();
          cur.rparen();
          return { kind: 'assert_trap_module', module, message, loc };
        }
        const action = this.action();
        const message = cur.name();
        cur.rparen();
        return { kind: 'assert_trap', action, message, loc };
      }
      case 'assert_exhaustion': case 'assert_suspension': {
        cur.open(kw);
        const action = this.action();
        const message = cur.name();
        cur.rparen();
        return { kind: kw, action, message, loc };
      }
      case 'assert_exception': {
        cur.open(kw);
        const action = this.action();
        cur.rparen();
        return { kind: kw, action, loc };
      }
      case 'assert_invalid': case 'assert_malformed': case 'assert_unlinkable': case 'assert_uninstantiable': {
        cur.open(kw);
        const module = this.module().module;
        const message = cur.name();
        cur.rparen();
        return { kind: kw, module, message, loc };
      }
      default:
        if (kw !== null && SKIPPED.has(kw)) {
          cur.skipTree();
          return null;
        }
        return cur.unexpected(kw === null ? cur.peek() : cur.peek(1));
    }
  }

  /**
   * `(module definition? $id? ...)` in its text, binary or quote form. A text module that does not
   * parse is kept as its source text, as a quote module: running it then reports the error.
   */
  private module(): { id: string | null; module: ScriptModule; definition: boolean } {
    const cur: Cursor = this.cur;
    const startTok = cur.peek();
    const startPos = cur.pos;
    const loc = this.loc(startTok);
    cur.open('module');
    const defTok = cur.peek();
    const definition = cur.eatKeyword('definition');
    const id = cur.eatId();
    if (cur.eatKeyword('binary')) {
      const bytes = this.strings();
      cur.rparen();
      return { id, definition, module: { kind: 'binary', bytes, loc } };
    }
    if (cur.eatKeyword('quote')) {
      const text = decodeSource(this.strings());
      cur.rparen();
      return { id, definition, module: { kind: 'quote', text, loc } };
    }
    try {
      const name = this.annotations.names.get(cur.pos) ?? id;
      const module = parseModuleFromTokens(cur, this.annotations, this.features);
      if (name !== null) module.names!.module = name;
      cur.rparen();
      return { id, definition, module: { kind: 'text', module, loc } };
    } catch (e) {
      if (!(e instanceof ParseError)) throw e;
      cur.pos = startPos;
      cur.skipTree();
      const endTok = cur.tokens[cur.pos - 1];
      // Without `definition`, which is script syntax, not module syntax.
      const text = definition
        ? '(module ' + this.text.slice(defTok.end, endTok.end)
        : this.text.slice(startTok.start, endTok.end);
      return { id, definition, module: { kind: 'quote', text, loc } };
    }
  }

  private strings(): Uint8Array {
    const parts: Uint8Array[] = [];
    while (this.cur.peek().kind === 'string') parts.push(this.cur.string());
    return concatBytes(parts);
  }

  private action(): Action {
    const cur: Cursor = this.cur;
    const loc = this.loc(cur.peek());
    const kw = cur.parenKeyword();
    if (kw !== 'invoke' && kw !== 'get') return cur.unexpected(cur.peek(1));
    cur.open(kw);
    const module = cur.eatId();
    const name = cur.name();
    if (kw === 'get') {
      cur.rparen();
      return { kind: 'get', module, name, loc };
    }
    const args: Const[] = [];
    while (cur.peek().kind === '(') {
      const at = cur.peek(1);
      const e = this.expected();
      if (!isConst(e)) cur.fail('unexpected token', at);
      args.push(e);
    }
    cur.rparen();
    return { kind: 'invoke', module, name, args, loc };
  }

  /** A constant or an expected-result pattern. */
  private expected(): Expected {
    const cur: Cursor = this.cur;
    cur.lparen();
    const kt = cur.next();
    if (kt.kind !== 'keyword') cur.unexpected(kt);
    let r: Expected;
    switch (kt.text) {
      case 'i32.const': r = { kind: 'i32', value: this.num(parseI32) }; break;
      case 'i64.const': r = { kind: 'i64', value: this.num(parseI64) }; break;
      case 'f32.const': {
        const nan = this.nanPattern();
        r = nan ? { kind: 'f32', nan } : { kind: 'f32', bits: this.num(parseF32) };
        break;
      }
      case 'f64.const': {
        const nan = this.nanPattern();
        r = nan ? { kind: 'f64', nan } : { kind: 'f64', bits: this.num(parseF64) };
        break;
      }
      case 'v128.const': r = this.v128(); break;
      case 'ref.null': {
        if (cur.peek().kind === ')') { r = { kind: 'ref.null.any' }; break; }
        const t = cur.next();
        if (t.kind === 'keyword') r = { kind: 'ref.null', heap: t.text };
        else if (t.kind === 'id') r = { kind: 'ref.null', heap: t.text };
        else if (t.kind === 'number') r = { kind: 'ref.null', heap: Number(t.text) };
        else if (t.kind === '(') {
          // `(ref.null (shared any))` and the like: kept as written.
          cur.pos--;
          const s = cur.peek().start;
          cur.skipTree();
          r = { kind: 'ref.null', heap: this.text.slice(s, cur.tokens[cur.pos - 1].end) };
        } else return cur.unexpected(t);
        break;
      }
      case 'ref.extern': case 'ref.host': {
        if (cur.peek().kind === ')') {
          if (kt.text === 'ref.host') cur.unexpected();
          r = { kind: 'ref.extern.any' };
          break;
        }
        const id = Number(cur.nat(32));
        r = kt.text === 'ref.extern' ? { kind: 'ref.extern', id } : { kind: 'ref.host', id };
        break;
      }
      case 'ref.func': {
        if (cur.peek().kind === ')') { r = { kind: 'ref.func' }; break; }
        const t = cur.peek();
        if (t.kind === 'id') { cur.next(); r = { kind: 'ref.func' }; break; }
        r = { kind: 'ref.func', index: Number(cur.nat(32)) };
        break;
      }
      case 'either': {
        const options: Expected[] = [];
        while (cur.peek().kind === '(') options.push(this.expected());
        r = { kind: 'either', options };
        break;
      }
      default:
        if (!REF_PATTERNS.has(kt.text)) cur.fail('unknown operator', kt);
        r = { kind: kt.text as 'ref.any' };
    }
    cur.rparen();
    return r;
  }

  private num<T>(parse: (text: string) => T | null): T {
    const cur: Cursor = this.cur;
    const t = cur.peek();
    if (t.kind !== 'number') cur.unexpected(t);
    const v = cur.guard(t, () => parse(t.text));
    if (v === null) cur.fail('unknown operator', t);
    cur.next();
    return v;
  }

  private nanPattern(): 'canonical' | 'arithmetic' | null {
    const t = this.cur.peek();
    if (t.text === 'nan:canonical' || t.text === 'nan:arithmetic') {
      this.cur.next();
      return t.text === 'nan:canonical' ? 'canonical' : 'arithmetic';
    }
    return null;
  }

  private v128(): Expected {
    const cur: Cursor = this.cur;
    const st = cur.next();
    if (!(st.text in SHAPE_LANES)) cur.fail('unexpected token', st);
    const shape = st.text as Shape;
    const n = SHAPE_LANES[shape];
    const lanes: LanePattern[] = [];
    for (let i = 0; i < n; i++) {
      const nan = shape[0] === 'f' ? this.nanPattern() : null;
      if (nan) lanes.push({ kind: 'nan', nan });
      else if (shape === 'f32x4') lanes.push({ kind: 'float', bits: BigInt(this.num(parseF32)) });
      else if (shape === 'f64x2') lanes.push({ kind: 'float', bits: this.num(parseF64) });
      else lanes.push({ kind: 'int', value: this.num(text => parseIntBits(text, 128 / n)) });
    }
    if (lanes.some(l => l.kind === 'nan')) return { kind: 'v128', shape, lanes };
    // All lanes concrete: a plain v128 constant.
    const bytes = new Uint8Array(16);
    const width = 16 / n;
    lanes.forEach((l, i) => {
      const v = BigInt.asUintN(64, l.kind === 'int' ? l.value : l.kind === 'float' ? l.bits : 0n);
      for (let b = 0; b < width; b++) bytes[i * width + b] = Number((v >> BigInt(8 * b)) & 0xffn);
    });
    return { kind: 'v128', bytes };
  }
}

function isConst(e: Expected): e is Const {
  switch (e.kind) {
    case 'i32': case 'i64': case 'ref.null': case 'ref.extern': case 'ref.host': return true;
    case 'f32': case 'f64': return 'bits' in e;
    case 'v128': return 'bytes' in e;
    default: return false;
  }
}

/**
 * The text of a quote module from its string bytes. Invalid UTF-8 bytes become lone surrogates
 * (U+DC80 + byte), which the lexer rejects as "malformed UTF-8 encoding": the bytes are not lost.
 */
function decodeSource(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    const len = b < 0x80 ? 1 : b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 0;
    if (len === 1) { out += String.fromCharCode(b); i++; continue; }
    if (len > 0 && i + len <= bytes.length) {
      try {
        out += new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes.subarray(i, i + len));
        i += len;
        continue;
      } catch { /* fall through: an invalid sequence */ }
    }
    out += String.fromCharCode(0xdc80 + b);
    i++;
  }
  return out;
}
