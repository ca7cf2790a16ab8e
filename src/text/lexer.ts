/**
 * The WAT/WAST lexer (spec 6.3.x "Lexical format"): turns source text into a flat array of tokens.
 *
 * Token classes follow the spec: parentheses, keywords (lowercase start), `$ids`, strings, numbers
 * and "reserved" tokens (any other run of idchars/strings, which no grammar rule accepts). Annotations
 * `(@name ...)` are lexed as an `annot` token standing for the opening `(@name`; the token-stream
 * layer strips them (see annotations.ts) because they may appear anywhere.
 */
import { ParseError } from '../errors.js';

export type TokenKind = '(' | ')' | 'keyword' | 'id' | 'string' | 'number' | 'reserved' | 'annot';

export interface Token {
  readonly kind: TokenKind;
  /** Source text of the token (for strings and quoted ids: including the quotes). */
  readonly text: string;
  /** 1-based line and column of the first character. */
  readonly line: number;
  readonly col: number;
  /** Offset of the first character in the source text, and one past the last. */
  readonly start: number;
  readonly end: number;
  /** Strings: the decoded bytes. Ids: the bytes of the name after `$`. Annotations: of the name. */
  readonly bytes?: Uint8Array;
  /** A `(` written as `(@` without a name: fine inside an annotation, an error elsewhere. */
  readonly emptyAnnotation?: boolean;
}

/** Characters allowed in keywords, ids, numbers and reserved tokens. */
const ID_CHAR_TABLE = (() => {
  const t = new Uint8Array(128);
  for (const c of "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz!#$%&'*+-./:<=>?@\\^_`|~") t[c.charCodeAt(0)] = 1;
  return t;
})();

export function isIdChar(c: string): boolean {
  return isIdCode(c.charCodeAt(0));
}

function isIdCode(code: number): boolean {
  return code < 128 && ID_CHAR_TABLE[code] === 1;
}

/** A cheap first test before the number regex: digits, signs, `inf`, `nan`. */
function mayBeNumber(tok: string): boolean {
  const c = tok.charCodeAt(0);
  return (c >= 0x30 && c <= 0x39) || c === 0x2b || c === 0x2d || tok === 'inf' || tok.startsWith('nan');
}

/** Characters that may only appear in reserved tokens (annotations may contain those). */
const RESERVED_CHARS = new Set(',;[]{}');


const HEX = /^[0-9a-fA-F]$/;

/**
 * The number tokens: integers and floats in all their forms. Other digit-led runs (`0drop`, `1_`)
 * are reserved tokens, as in the spec's lexical grammar.
 */
const NUMBER = (() => {
  const num = '[0-9](?:_?[0-9])*';
  const hex = '[0-9a-fA-F](?:_?[0-9a-fA-F])*';
  const dec = `${num}(?:\\.(?:${num})?)?(?:[eE][+-]?${num})?`;
  const hexf = `0x${hex}(?:\\.(?:${hex})?)?(?:[pP][+-]?${num})?`;
  return new RegExp(`^[+-]?(?:${hexf}|${dec}|inf|nan|nan:0x${hex})$`);
})();

/** Positions to line/column for error messages, from a table of line starts. */
class LineMap {
  private readonly starts: number[] = [0];
  constructor(text: string) {
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.starts.push(i + 1);
  }
  at(pos: number): { line: number; col: number } {
    let lo = 0, hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= pos) lo = mid; else hi = mid - 1;
    }
    return { line: lo + 1, col: pos - this.starts[lo] + 1 };
  }
}

/** Encodes one code point as UTF-8 into `out`. */
function pushUtf8(out: number[], cp: number): void {
  if (cp < 0x80) out.push(cp);
  else if (cp < 0x800) out.push(0xc0 | (cp >> 6), 0x80 | (cp & 63));
  else if (cp < 0x10000) out.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
  else out.push(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 63), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
}

export function tokenize(text: string, source?: string): Token[] {
  // Only needed for errors (and rare annotation names), so built on first use.
  let lineMap: LineMap | null = null;
  const lines = (): LineMap => (lineMap ??= new LineMap(text));
  const fail = (reason: string, pos: number): never => {
    const { line, col } = lines().at(pos);
    throw new ParseError(reason, line, col, source);
  };
  const tokens: Token[] = [];
  // Line numbers are tracked while scanning: line feeds only occur in whitespace and comments.
  let line = 1;
  let lineStart = 0;
  const push = (kind: TokenKind, start: number, end: number, bytes?: Uint8Array, emptyAnnotation?: boolean): void => {
    const t: Token = { kind, text: text.slice(start, end), line, col: start - lineStart + 1, start, end, bytes };
    tokens.push(emptyAnnotation ? { ...t, emptyAnnotation } : t);
  };
  const encoder = new TextEncoder();

  /** Reads a string starting at the opening quote; returns its bytes and the index after it. */
  const readString = (start: number): { bytes: Uint8Array; end: number } => {
    const out: number[] = [];
    let i = start + 1;
    for (;;) {
      if (i >= text.length) fail('unclosed string', start);
      const c = text.charCodeAt(i);
      if (c === 0x22) return { bytes: new Uint8Array(out), end: i + 1 };
      if (c === 10) fail('unclosed string', start);
      if (c < 0x20 || c === 0x7f) fail('illegal character', i);
      if (c !== 0x5c) {
        const cp = text.codePointAt(i)!;
        if (cp >= 0xd800 && cp <= 0xdfff) fail('malformed UTF-8 encoding', i);
        pushUtf8(out, cp);
        i += cp > 0xffff ? 2 : 1;
        continue;
      }
      const e = text[i + 1];
      switch (e) {
        case 't': out.push(9); i += 2; break;
        case 'n': out.push(10); i += 2; break;
        case 'r': out.push(13); i += 2; break;
        case '"': out.push(0x22); i += 2; break;
        case "'": out.push(0x27); i += 2; break;
        case '\\': out.push(0x5c); i += 2; break;
        case 'u': {
          const m = /^u\{([0-9a-fA-F](?:_?[0-9a-fA-F])*)\}/.exec(text.slice(i + 1, i + 40));
          if (!m) fail('illegal escape', i);
          const cp = parseInt(m![1].replace(/_/g, ''), 16);
          if (cp >= 0x110000 || (cp >= 0xd800 && cp < 0xe000)) fail('illegal escape', i);
          pushUtf8(out, cp);
          i += 1 + m![0].length;
          break;
        }
        default:
          if (e !== undefined && HEX.test(e) && HEX.test(text[i + 2] ?? '')) {
            out.push(parseInt(text.slice(i + 1, i + 3), 16));
            i += 3;
          } else {
            fail('illegal escape', i);
          }
      }
    }
  };

  /** A string whose lexical errors are reported as `reason` at `at` (for `$"..."` and `(@"..."`). */
  const readStringOr = (start: number, reason: string, at: number): { bytes: Uint8Array; end: number } => {
    try {
      return readString(start);
    } catch (e) {
      if (e instanceof ParseError) fail(reason, at);
      throw e;
    }
  };

  let i = 0;
  const n = text.length;
  while (i < n) {
    const cc = text.charCodeAt(i);
    if (cc === 0x20 || cc === 0x09 || cc === 0x0d) { i++; continue; }
    if (cc === 0x0a) { i++; line++; lineStart = i; continue; }
    const c = text[i];
    if (c === ';' && text[i + 1] === ';') {
      // A line comment ends at a line feed or a carriage return.
      while (i < n && text[i] !== '\n' && text[i] !== '\r') i++;
      continue;
    }
    if (c === '(' && text[i + 1] === ';') {
      // Block comments nest.
      const open = i;
      let depth = 1;
      i += 2;
      while (depth > 0) {
        if (i >= n) fail('unclosed comment', open);
        if (text[i] === '(' && text[i + 1] === ';') { depth++; i += 2; }
        else if (text[i] === ';' && text[i + 1] === ')') { depth--; i += 2; }
        else if (text.charCodeAt(i) === 0x0a) { i++; line++; lineStart = i; }
        else i++;
      }
      continue;
    }
    if (c === '(') {
      if (text[i + 1] === '@') {
        // `(@id` or `(@"name"`: an annotation opener.
        const start = i;
        let j = i + 2;
        let bytes: Uint8Array;
        if (text[j] === '"') {
          const s = readStringOr(j, 'empty annotation id', start);
          bytes = s.bytes;
          const { line, col } = lines().at(j);
          utf8Name(bytes, line, col);
          j = s.end;
        } else {
          while (j < n && isIdCode(text.charCodeAt(j))) j++;
          bytes = encoder.encode(text.slice(i + 2, j));
        }
        if (bytes.length === 0) {
          // `(@)`: not an annotation; a paren followed by the reserved token `@` (an error
          // outside annotations, see annotations.ts).
          push('(', i, i + 1, undefined, true);
          i++;
          continue;
        }
        push('annot', start, j, bytes);
        i = j;
        continue;
      }
      push('(', i, i + 1);
      i++;
      continue;
    }
    if (c === ')') { push(')', i, i + 1); i++; continue; }
    if (c === '"' || isIdChar(c) || RESERVED_CHARS.has(c)) {
      // A maximal run of idchars and strings; classified afterwards.
      const start = i;
      let strings = 0;
      let strBytes: Uint8Array | undefined;
      let idLen = 0;
      let reservedOnly = false;
      while (i < n) {
        if (text[i] === '"') {
          const s = i === start + 1 && text[start] === '$' ? readStringOr(i, 'empty identifier', start) : readString(i);
          strBytes = s.bytes;
          strings++;
          i = s.end;
        } else if (isIdCode(text.charCodeAt(i))) {
          i++;
          idLen++;
        } else if (RESERVED_CHARS.has(text[i]) && !(text[i] === ';' && text[i + 1] === ';')) {
          // Only ever part of a reserved token.
          i++;
          reservedOnly = true;
        } else break;
      }
      const tok = text.slice(start, i);
      if (reservedOnly) {
        push('reserved', start, i);
      } else if (strings === 0) {
        if (tok[0] === '$') {
          if (tok.length === 1) fail('empty identifier', start);
          push('id', start, i, encoder.encode(tok.slice(1)));
        } else if (mayBeNumber(tok) && NUMBER.test(tok)) {
          push('number', start, i);
        } else if (cc >= 0x61 && cc <= 0x7a) {
          push('keyword', start, i);
        } else {
          push('reserved', start, i);
        }
      } else if (strings === 1 && idLen === 0) {
        push('string', start, i, strBytes);
      } else if (strings === 1 && idLen === 1 && tok[0] === '$' && tok[1] === '"') {
        if (strBytes!.length === 0) fail('empty identifier', start);
        push('id', start, i, strBytes);
      } else {
        push('reserved', start, i);
      }
      continue;
    }
    const code = text.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdfff && (text.codePointAt(i) ?? 0) <= 0xffff) fail('malformed UTF-8 encoding', i);
    fail('illegal character', i);
  }
  return tokens;
}

/** Decodes a name's bytes, rejecting invalid UTF-8 as the spec's `name` production does. */
export function utf8Name(bytes: Uint8Array, line: number, col: number): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw new ParseError('malformed UTF-8 encoding', line, col);
  }
}
