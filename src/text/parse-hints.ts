/**
 * Text form of the compilation-hints proposal's function-level hint:
 *   (@metadata.code.compilation_priority (compilation N) (optimization M))
 *   (@metadata.code.compilation_priority (compilation N) (run_once))      ;; optimization 127
 *   (@metadata.code.compilation_priority "\01\0a")                         ;; raw payload
 * written in a function's header (before its body). The hints of all functions become one
 * `metadata.code.compilation_priority` custom section (byte offset 0: function level), placed
 * before the code section like branch hints.
 */
import { ParseError } from '../errors.js';
import { SectionId, type CustomSection } from '../syntax/module.js';
import { Writer } from '../binary/writer.js';
import type { Token } from './lexer.js';

export const PRIORITY_ANNOTATION = 'metadata.code.compilation_priority';
const RUN_ONCE = 127;

function fail(t: Token, reason: string, source?: string): never {
  throw new ParseError(reason, t.line, t.col, source);
}

function nat(t: Token | undefined, at: Token, source?: string): number {
  if (t === undefined || t.kind !== 'number' || !/^[0-9]+$/.test(t.text.replace(/_/g, ''))) fail(t ?? at, 'expected a natural number', source);
  const v = Number(t.text.replace(/_/g, ''));
  if (v > 0xffffffff) fail(t, 'i32 constant out of range', source);
  return v;
}

/** The hint payload of one annotation (its tokens from `(@...` to `)`). */
export function priorityPayload(tokens: readonly Token[], source?: string): Uint8Array {
  const head = tokens[0];
  const body = tokens.slice(1, -1);
  if (body.length > 0 && body.every(t => t.kind === 'string')) {
    const parts = body.map(t => t.bytes!);
    const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let o = 0;
    for (const p of parts) { out.set(p, o); o += p.length; }
    return out;
  }
  let compilation: number | null = null, optimization: number | null = null;
  for (let i = 0; i < body.length;) {
    if (body[i].kind !== '(' || body[i + 1]?.kind !== 'keyword') fail(body[i], 'malformed compilation priority annotation', source);
    const kw = body[i + 1].text;
    if (kw === 'compilation') { compilation = nat(body[i + 2], body[i + 1], source); i += 3; }
    else if (kw === 'optimization') { optimization = nat(body[i + 2], body[i + 1], source); i += 3; }
    else if (kw === 'run_once') { optimization = RUN_ONCE; i += 2; }
    else fail(body[i + 1], `unknown compilation hint ${kw}`, source);
    if (body[i]?.kind !== ')') fail(body[i] ?? head, 'expected )', source);
    i++;
  }
  if (compilation === null) fail(head, 'compilation priority annotation needs (compilation N)', source);
  const w = new Writer(16).u32(compilation);
  if (optimization !== null) w.u32(optimization);
  return w.finish();
}

/** The custom section for the hints of several functions (function index -> payload). */
export function prioritySection(hints: ReadonlyMap<number, Uint8Array>): CustomSection {
  const w = new Writer(64).u32(hints.size);
  for (const [func, payload] of [...hints].sort((a, b) => a[0] - b[0])) {
    w.u32(func).u32(1).u32(0).u32(payload.length).bytes(payload);
  }
  return { name: PRIORITY_ANNOTATION, data: w.finish(), after: SectionId.Function, offset: -1 };
}

/**
 * The section for the priority annotations standing inside function fields, or null. `funcFields`
 * are [field start, function index] of the defined functions; `starts` all field starts in order.
 */
export function priorityHints(
  hints: readonly { readonly at: number; readonly tokens: readonly Token[] }[],
  funcFields: readonly (readonly [number, number])[], starts: readonly number[], end: number, source?: string,
): CustomSection | null {
  if (hints.length === 0) return null;
  const sorted = [...starts, end].sort((a, b) => a - b);
  const byStart = new Map(funcFields);
  const payloads = new Map<number, Uint8Array>();
  for (const h of hints) {
    // The field the annotation stands in: the last field start at or before it.
    let field = -1;
    for (const s of sorted) if (s < h.at) field = s;
    const func = byStart.get(field);
    if (func !== undefined && h.at < end) payloads.set(func, priorityPayload(h.tokens, source));
  }
  return payloads.size ? prioritySection(payloads) : null;
}
