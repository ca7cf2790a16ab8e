/**
 * Text-format string literals for the printer. Bytes outside printable ASCII are written as `\hh`
 * escapes, which every conforming parser reads back to the same bytes (names included: a name is
 * the UTF-8 of its characters, so escaping its bytes round-trips too).
 */

const HEX = '0123456789abcdef';

/** One byte of a string literal, escaped when it is not plain printable ASCII. */
function escapeByte(b: number): string {
  if (b >= 0x20 && b < 0x7f && b !== 0x22 && b !== 0x5c) return String.fromCharCode(b);
  return '\\' + HEX[b >> 4] + HEX[b & 15];
}

/** A quoted string literal holding exactly `bytes`. */
export function printBytes(bytes: Uint8Array, from = 0, to = bytes.length): string {
  let s = '"';
  for (let i = from; i < to; i++) s += escapeByte(bytes[i]);
  return s + '"';
}

const utf8 = new TextEncoder();

/** A quoted string literal for a name (import/export names, custom section names, quoted ids). */
export function printName(name: string): string {
  return printBytes(utf8.encode(name));
}

/**
 * Data segment contents, split into several literals (the text format concatenates them) so long
 * segments stay readable; `width` is the number of bytes per literal.
 */
export function printDataString(bytes: Uint8Array, width = 64): string[] {
  if (bytes.length === 0) return ['""'];
  const parts: string[] = [];
  for (let i = 0; i < bytes.length; i += width) parts.push(printBytes(bytes, i, Math.min(bytes.length, i + width)));
  return parts;
}
