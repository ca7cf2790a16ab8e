/**
 * Annotations (`(@name ...)`, the annotations proposal) may appear between any two tokens. Rather
 * than teaching every grammar rule to skip them, they are cut out of the token array up front.
 * `@custom` annotations are kept aside, tagged with the token position where they stood, so that the
 * module parser can turn those at module-field level into custom sections. Other annotations
 * (`@name`, `@metadata.code.*`, unknown ones) only need to be well-bracketed and are dropped.
 */
import { ParseError } from '../errors.js';
import type { Token } from './lexer.js';
import { utf8Name } from './lexer.js';
import { PRIORITY_ANNOTATION } from './parse-hints.js';

export interface CustomAnnotation {
  /** Index, in the stripped token array, of the first token after the annotation. */
  readonly at: number;
  /** The annotation's tokens, from `(@custom` to the closing `)` inclusive. */
  readonly tokens: readonly Token[];
}

export interface Stripped {
  readonly tokens: Token[];
  readonly customs: CustomAnnotation[];
  /** `@metadata.code.compilation_priority` annotations (parse-hints.ts), kept like `@custom`. */
  readonly hints: CustomAnnotation[];
  /** `(@name "...")` annotations by the stripped-token position where they stood. */
  readonly names: Map<number, string>;
}

/** The annotations a module parser may use, as collected by `stripAnnotations`. */
export type Annotations = Pick<Stripped, 'customs' | 'names' | 'hints'>;

function annotationName(t: Token): string {
  return new TextDecoder('utf-8', { ignoreBOM: true }).decode(t.bytes);
}

export function stripAnnotations(input: readonly Token[], source?: string): Stripped {
  const tokens: Token[] = [];
  const customs: CustomAnnotation[] = [];
  const hints: CustomAnnotation[] = [];
  const names = new Map<number, string>();
  for (let i = 0; i < input.length; i++) {
    const t = input[i];
    if (t.kind !== 'annot') {
      if (t.emptyAnnotation) throw new ParseError('empty annotation id', t.line, t.col, source);
      tokens.push(t);
      continue;
    }
    let depth = 1;
    let j = i + 1;
    for (; j < input.length && depth > 0; j++) {
      const k = input[j].kind;
      if (k === '(' || k === 'annot') depth++;
      else if (k === ')') depth--;
    }
    if (depth > 0) throw new ParseError('unclosed annotation', t.line, t.col, source);
    const kind = annotationName(t);
    if (kind === 'custom') customs.push({ at: tokens.length, tokens: input.slice(i, j) });
    if (kind === PRIORITY_ANNOTATION) hints.push({ at: tokens.length, tokens: input.slice(i, j) });
    if (kind === 'name' && j === i + 3 && input[i + 1].kind === 'string' && !names.has(tokens.length)) {
      // A malformed @name is only an error for tools that use it; it is ignored here.
      try {
        names.set(tokens.length, utf8Name(input[i + 1].bytes!, input[i + 1].line, input[i + 1].col));
      } catch { /* invalid UTF-8: ignored likewise */ }
    }
    i = j - 1;
  }
  return { tokens, customs, hints, names };
}
