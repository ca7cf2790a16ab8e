/**
 * `(@custom "name" (before|after section)? "data"*)` annotations -> custom sections. The placement
 * is turned into the id of the known section the custom section follows (0 = before all).
 */
import type { CustomSection } from '../syntax/module.js';
import { SectionId } from '../syntax/module.js';
import type { CustomAnnotation } from './annotations.js';
import { Cursor } from './cursor.js';
import { concatBytes } from './concat-bytes.js';

/** Known sections in their binary order, by text name. */
const ORDER: readonly [string, SectionId][] = [
  ['type', SectionId.Type], ['import', SectionId.Import], ['func', SectionId.Function],
  ['table', SectionId.Table], ['memory', SectionId.Memory], ['tag', SectionId.Tag],
  ['global', SectionId.Global], ['export', SectionId.Export], ['start', SectionId.Start],
  ['elem', SectionId.Element], ['datacount', SectionId.DataCount], ['code', SectionId.Code],
  ['data', SectionId.Data],
];

export function parseCustomAnnotation(a: CustomAnnotation, source?: string): CustomSection {
  // The annotation's tokens minus the opener: name, placement, data, `)`.
  const cur: Cursor = new Cursor(a.tokens.slice(1), source);
  const name = cur.name();
  let after: SectionId = SectionId.Data;
  const kw = cur.parenKeyword();
  if (kw === 'before' || kw === 'after') {
    cur.open(kw);
    const st = cur.next();
    const i = ORDER.findIndex(([n]) => n === st.text);
    if (st.text === 'first') after = SectionId.Custom;
    else if (st.text === 'last') after = SectionId.Data;
    else if (i < 0) cur.fail('malformed section id', st);
    else if (kw === 'after') after = ORDER[i][1];
    else after = i === 0 ? SectionId.Custom : ORDER[i - 1][1];
    cur.rparen();
  }
  const parts: Uint8Array[] = [];
  while (cur.peek().kind === 'string') parts.push(cur.string());
  cur.rparen();
  if (!cur.atEnd()) cur.unexpected();
  return { name, data: concatBytes(parts), after, offset: -1 };
}
