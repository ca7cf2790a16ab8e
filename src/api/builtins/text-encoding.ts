/**
 * `wasm:text-decoder` and `wasm:text-encoder` (JS String Builtins, "Encoding API"): UTF-8 between
 * JS strings and `(array (mut i8))` GC arrays, through the host's TextDecoder / TextEncoder. The
 * proposal makes these sets available only where the host has those interfaces, so the sets are
 * null when it does not (and their names are then unknown, hence ignored, in `builtins`).
 *
 * Encoding replaces lone surrogates with U+FFFD (3 bytes), as TextEncoder does; the decoder is
 * the default one (not fatal, BOM stripped).
 */
import { ArrayObj } from '../../runtime/index.js';
import { define, type BuiltinDef } from './definition.js';
import { I8_ARRAY_TYPE } from './signature.js';
import { trap, unwrapString } from './trap.js';

type Encoder = { encodeInto(s: string, into: Uint8Array): { read: number; written: number } };
type Decoder = { decode(bytes: Uint8Array): string };
const host = globalThis as { TextEncoder?: new () => Encoder; TextDecoder?: new (label: string, o: object) => Decoder };

/**
 * The UTF-8 length of `s` as TextEncoder encodes it, without encoding: 1-3 bytes per code unit,
 * 4 per surrogate pair, 3 for a lone surrogate (U+FFFD).
 */
export function utf8Length(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) continue;
    if (c < 0x800) { n += 1; continue; }
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) { n += 2; i++; continue; }
    }
    n += 2;
  }
  return n;
}

function u8view(array: ArrayObj, start: number, length: number): Uint8Array {
  const d = array.data as Int8Array;
  return new Uint8Array(d.buffer, d.byteOffset + start, length);
}

function decoderBuiltins(Decoder: NonNullable<typeof host.TextDecoder>): BuiltinDef[] {
  // decode() without {stream: true} starts afresh each call, so one decoder serves every call.
  const decoder = new Decoder('utf-8', { fatal: false, ignoreBOM: false });
  return [
    define('decodeStringFromUTF8Array', ['i8array?', 'i32', 'i32'], '(ref extern)',
      (array: ArrayObj | null, start: number, end: number) => {
        start >>>= 0;
        end >>>= 0;
        if (array === null) trap('decodeStringFromUTF8Array: null array');
        if (start > end || end > array.length) trap('decodeStringFromUTF8Array: range out of bounds');
        return decoder.decode(u8view(array, start, end - start));
      }),
  ];
}

function encoderBuiltins(Encoder: NonNullable<typeof host.TextEncoder>): BuiltinDef[] {
  const encoder = new Encoder();
  return [
    define('measureStringAsUTF8', ['externref'], 'i32', (string: unknown) => {
      const n = utf8Length(unwrapString(string));
      if (n > 0xffffffff) trap('measureStringAsUTF8: too long');
      return n;
    }),
    define('encodeStringIntoUTF8Array', ['externref', 'i8array?', 'i32'], 'i32',
      (string: unknown, array: ArrayObj | null, start: number) => {
        start >>>= 0;
        if (array === null) trap('encodeStringIntoUTF8Array: null array');
        const s = unwrapString(string);
        const n = utf8Length(s);
        if (start + n > array.length) trap('encodeStringIntoUTF8Array: string does not fit');
        encoder.encodeInto(s, u8view(array, start, n));
        return n;
      }),
    define('encodeStringToUTF8Array', ['externref'], 'i8array', (string: unknown) => {
      const s = unwrapString(string);
      const n = utf8Length(s);
      const data = new Int8Array(n);
      encoder.encodeInto(s, new Uint8Array(data.buffer));
      return new ArrayObj(I8_ARRAY_TYPE, data, n, 1);
    }),
  ];
}

export const TEXT_DECODER_BUILTINS: readonly BuiltinDef[] | null =
  typeof host.TextDecoder === 'function' ? decoderBuiltins(host.TextDecoder) : null;
export const TEXT_ENCODER_BUILTINS: readonly BuiltinDef[] | null =
  typeof host.TextEncoder === 'function' ? encoderBuiltins(host.TextEncoder) : null;
