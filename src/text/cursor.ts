/**
 * A cursor over the (annotation-free) token array, with the small matching helpers every grammar
 * rule uses. All syntax errors are raised through `fail`, so they carry the line:column of the token
 * at fault.
 */
import { ParseError } from '../errors.js';
import type { Token } from './lexer.js';
import { utf8Name } from './lexer.js';
import { isKnownKeyword } from './keywords.js';
import { OutOfRange, parseUnsigned } from './numbers.js';

const EOF_TOKEN: Token = { kind: ')', text: '<eof>', line: 0, col: 0, start: -1, end: -1 };

export class Cursor {
  pos: number;
  constructor(readonly tokens: readonly Token[], readonly source?: string, start = 0) {
    this.pos = start;
  }

  peek(k = 0): Token {
    return this.tokens[this.pos + k] ?? this.eofToken();
  }

  private eofToken(): Token {
    const last = this.tokens[this.tokens.length - 1];
    return last ? { ...EOF_TOKEN, line: last.line, col: last.col + last.text.length } : EOF_TOKEN;
  }

  atEnd(): boolean {
    return this.pos >= this.tokens.length;
  }

  next(): Token {
    const t = this.peek();
    if (this.pos >= this.tokens.length) this.fail('unexpected end of input', t);
    this.pos++;
    return t;
  }

  fail(reason: string, at: Token = this.peek()): never {
    throw new ParseError(reason, at.line, at.col, this.source);
  }

  /** Whether the next tokens are `(` followed by keyword `kw` (or any of several). */
  peekParen(kw?: string | readonly string[], k = 0): boolean {
    if (this.peek(k).kind !== '(') return false;
    if (kw === undefined) return true;
    const t = this.peek(k + 1);
    if (t.kind !== 'keyword') return false;
    return typeof kw === 'string' ? t.text === kw : kw.includes(t.text);
  }

  /** The keyword after the `(` at the cursor, if any. */
  parenKeyword(k = 0): string | null {
    if (this.peek(k).kind !== '(') return null;
    const t = this.peek(k + 1);
    return t.kind === 'keyword' ? t.text : null;
  }

  isKeyword(kw: string, k = 0): boolean {
    const t = this.peek(k);
    return t.kind === 'keyword' && t.text === kw;
  }

  eatKeyword(kw: string): boolean {
    if (!this.isKeyword(kw)) return false;
    this.pos++;
    return true;
  }

  expectKeyword(kw: string): Token {
    const t = this.peek();
    if (t.kind !== 'keyword' || t.text !== kw) this.unexpected(t);
    return this.next();
  }

  lparen(): Token {
    const t = this.peek();
    if (t.kind !== '(') this.unexpected(t);
    return this.next();
  }

  rparen(): void {
    const t = this.peek();
    if (t.kind !== ')' || this.atEnd()) this.unexpected(t);
    this.pos++;
  }

  /** Opens `(kw`. */
  open(kw: string): Token {
    const t = this.lparen();
    this.expectKeyword(kw);
    return t;
  }

  unexpected(t: Token = this.peek()): never {
    if (this.pos >= this.tokens.length) this.fail('unexpected end of input', t);
    if (t.kind === 'reserved' || (t.kind === 'keyword' && !isKnownKeyword(t.text))) this.fail(`unknown operator ${t.text}`, t);
    if (t.kind === 'keyword') this.fail(`unexpected token ${t.text}`, t);
    this.fail('unexpected token', t);
  }

  /** `$id` at the cursor, consumed; null if the next token is not an id. */
  eatId(): string | null {
    const t = this.peek();
    if (t.kind !== 'id') return null;
    this.pos++;
    return idName(t);
  }

  isNat(k = 0): boolean {
    const t = this.peek(k);
    return t.kind === 'number' && /^(?:0x[0-9a-fA-F]|[0-9])/.test(t.text);
  }

  string(): Uint8Array {
    const t = this.peek();
    if (t.kind !== 'string') this.unexpected(t);
    this.pos++;
    return t.bytes!;
  }

  /** A string that must be valid UTF-8 (import/export names, custom section names). */
  name(): string {
    const t = this.peek();
    const b = this.string();
    return utf8Name(b, t.line, t.col);
  }

  /** An unsigned integer of at most `bits` bits. */
  nat(bits = 32): bigint {
    const t = this.peek();
    if (t.kind !== 'number') this.unexpected(t);
    const v = this.guard(t, () => parseUnsigned(t.text, bits));
    if (v === null) this.unexpected(t);
    this.pos++;
    return v;
  }

  u32(): number {
    return Number(this.nat(32));
  }

  /** Runs a number parser, mapping its range error to a ParseError at `t`. */
  guard<T>(t: Token, f: () => T): T {
    try {
      return f();
    } catch (e) {
      if (e instanceof OutOfRange) this.fail('constant out of range', t);
      throw e;
    }
  }

  /** Skips one balanced token tree (a single token or a parenthesised group). */
  skipTree(): void {
    if (this.peek().kind !== '(') { this.next(); return; }
    let depth = 0;
    do {
      const t = this.next();
      if (t.kind === '(') depth++;
      else if (t.kind === ')') depth--;
    } while (depth > 0);
  }
}

/** The name of an id token, without `$`. Quoted ids `$"..."` must be valid UTF-8. */
export function idName(t: Token): string {
  return utf8Name(t.bytes!, t.line, t.col);
}
