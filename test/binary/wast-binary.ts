/**
 * Test helper: pulls the `(module binary "...")` forms out of .wast scripts, with the command that
 * wraps them and the expected message, without needing a full script parser (so binary tests do
 * not depend on the text format being finished).
 */
import { readFileSync } from 'node:fs';

export interface BinaryCase {
  /** `module` for a plain definition, else the assertion (`assert_malformed`, `assert_invalid`...). */
  command: string;
  bytes: Uint8Array;
  /** Expected failure message, for assertions. */
  message: string | null;
  line: number;
}

/** Decodes the body of a wast string literal (after the opening quote) into bytes. */
const enc = new TextEncoder();

function readString(src: string, i: number, out: number[]): number {
  while (src[i] !== '"') {
    const c = src[i];
    if (c === '\\') {
      const d = src[i + 1];
      const simple: Record<string, number> = { n: 10, t: 9, r: 13, '"': 34, "'": 39, '\\': 92 };
      if (d in simple) { out.push(simple[d]); i += 2; continue; }
      if (d === 'u') {
        const close = src.indexOf('}', i);
        const cp = parseInt(src.slice(i + 3, close), 16);
        out.push(...enc.encode(String.fromCodePoint(cp)));
        i = close + 1;
        continue;
      }
      out.push(parseInt(src.slice(i + 1, i + 3), 16));
      i += 3;
      continue;
    }
    const cp = src.codePointAt(i)!;
    const ch = String.fromCodePoint(cp);
    out.push(...enc.encode(ch));
    i += ch.length;
  }
  return i + 1;
}

/** Skips whitespace and comments. */
function skipWs(src: string, i: number): number {
  for (;;) {
    if (i >= src.length) return i;
    const c = src[i];
    if (c === ' ' || c === '\n' || c === '\t' || c === '\r') { i++; continue; }
    if (c === ';' && src[i + 1] === ';') { const n = src.indexOf('\n', i); i = n < 0 ? src.length : n; continue; }
    if (c === '(' && src[i + 1] === ';') {
      let depth = 1; i += 2;
      while (depth > 0 && i < src.length) {
        if (src[i] === '(' && src[i + 1] === ';') { depth++; i += 2; }
        else if (src[i] === ';' && src[i + 1] === ')') { depth--; i += 2; }
        else i++;
      }
      continue;
    }
    return i;
  }
}

const ATOM_END = new Set([...' \t\r\n()";'].map(c => c.charCodeAt(0)));

/** Index just past the s-expression starting at `i` (an atom, string or list). */
function skipSexp(src: string, i: number): number {
  i = skipWs(src, i);
  if (src[i] === '"') return readString(src, i + 1, []);
  if (src[i] !== '(') {
    const start = i;
    while (i < src.length && !ATOM_END.has(src.charCodeAt(i))) i++;
    return i === start ? i + 1 : i; // always make progress, even on a stray character
  }
  i++;
  for (;;) {
    i = skipWs(src, i);
    if (i >= src.length) return i;
    if (src[i] === ')') return i + 1;
    i = skipSexp(src, i);
  }
}

/** Line numbers by offset, computed once per file. */
function lineFinder(src: string): (i: number) => number {
  const starts = [0];
  for (let k = 0; k < src.length; k++) if (src.charCodeAt(k) === 10) starts.push(k + 1);
  return i => {
    let lo = 0, hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= i) lo = mid; else hi = mid - 1;
    }
    return lo + 1;
  };
}

/** Parses `(module $id? binary "..."*)` at `i`; null if it is some other module form. */
function binaryModule(src: string, i: number): Uint8Array | null {
  let p = skipWs(src, i + 1);
  if (!src.startsWith('module', p)) return null;
  p = skipWs(src, p + 6);
  if (src[p] === '$') p = skipWs(src, skipSexp(src, p));
  if (src.startsWith('definition', p)) p = skipWs(src, p + 10);
  if (src[p] === '$') p = skipWs(src, skipSexp(src, p));
  if (!src.startsWith('binary', p)) return null;
  p = skipWs(src, p + 6);
  const out: number[] = [];
  while (src[p] === '"') p = skipWs(src, readString(src, p + 1, out));
  return new Uint8Array(out);
}

export function binaryCases(file: string): BinaryCase[] {
  const src = readFileSync(file, 'utf8');
  const cases: BinaryCase[] = [];
  if (!/\bbinary\b/.test(src)) return cases; // most scripts have no binary modules at all
  const lineOf = lineFinder(src);
  let i = 0;
  for (;;) {
    i = skipWs(src, i);
    if (i >= src.length || src[i] !== '(') break;
    const end = skipSexp(src, i);
    const head = /^\(\s*([a-z_]+)/.exec(src.slice(i, i + 40))?.[1] ?? '';
    if (head === 'module') {
      const bytes = binaryModule(src, i);
      if (bytes) cases.push({ command: 'module', bytes, message: null, line: lineOf(i) });
    } else if (head.startsWith('assert_')) {
      const inner = skipWs(src, i + 1 + head.length);
      if (src[inner] === '(') {
        const bytes = binaryModule(src, inner);
        if (bytes) {
          const after = skipWs(src, skipSexp(src, inner));
          let message: string | null = null;
          if (src[after] === '"') {
            const m: number[] = [];
            readString(src, after + 1, m);
            message = new TextDecoder().decode(new Uint8Array(m));
          }
          cases.push({ command: head, bytes, message, line: lineOf(i) });
        }
      }
    }
    i = end;
  }
  return cases;
}
