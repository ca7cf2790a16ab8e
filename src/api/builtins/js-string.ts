/**
 * `wasm:js-string` (JS String Builtins, "JS String Builtin API"). Each function follows the
 * proposal's JS steps: i32 arguments arrive signed and are reinterpreted as unsigned (`>>> 0`)
 * where the text says so, and every failed check is a trap.
 *
 * The String functions are captured when this module loads: the text refers to the original
 * builtins, not whatever user code later puts on `String` or `String.prototype`.
 */
import type { ArrayObj } from '../../runtime/index.js';
import { define, type BuiltinDef } from './definition.js';
import { trap, unwrapString } from './trap.js';

const fromCharCode = String.fromCharCode;
const fromCodePoint = String.fromCodePoint;
const apply = Reflect.apply;
/** `String.prototype` methods as plain functions (immune to later patching of `call`). */
const uncurry = <A extends unknown[], R>(f: (this: string, ...a: A) => R) =>
  Function.prototype.call.bind(f) as unknown as (s: string, ...a: A) => R;
const charCodeAt = uncurry(String.prototype.charCodeAt);
const codePointAt = uncurry(String.prototype.codePointAt) as (s: string, i: number) => number;
const substring = uncurry(String.prototype.substring);

/** Char codes per String.fromCharCode call: stays far below engines' argument-count limits. */
const CHUNK = 4096;

/**
 * The string of the char codes in `data[start, end)`. Int16Array elements are signed, but
 * String.fromCharCode takes them modulo 2^16, which is exactly "each i16 as an unsigned char code".
 */
export function charCodesToString(data: Int16Array, start: number, end: number): string {
  if (end - start <= CHUNK) return apply(fromCharCode, undefined, data.subarray(start, end) as unknown as number[]);
  let s = '';
  for (let i = start; i < end; i += CHUNK) {
    s += apply(fromCharCode, undefined, data.subarray(i, Math.min(end, i + CHUNK)) as unknown as number[]);
  }
  return s;
}

export const JS_STRING_BUILTINS: readonly BuiltinDef[] = [
  define('cast', ['externref'], '(ref extern)', (v: unknown) => unwrapString(v)),

  define('test', ['externref'], 'i32', (v: unknown) => (typeof v === 'string' ? 1 : 0)),

  define('fromCharCodeArray', ['i16array?', 'i32', 'i32'], '(ref extern)',
    (array: ArrayObj | null, start: number, end: number) => {
      start >>>= 0;
      end >>>= 0;
      if (array === null) trap('fromCharCodeArray: null array');
      if (start > end || end > array.length) trap('fromCharCodeArray: range out of bounds');
      return charCodesToString(array.data as Int16Array, start, end);
    }),

  define('intoCharCodeArray', ['externref', 'i16array?', 'i32'], 'i32',
    (string: unknown, array: ArrayObj | null, start: number) => {
      start >>>= 0;
      if (array === null) trap('intoCharCodeArray: null array');
      const s = unwrapString(string);
      // Both operands are below 2^32, so the sum is exact in a double.
      if (start + s.length > array.length) trap('intoCharCodeArray: string does not fit');
      const data = array.data as Int16Array;
      for (let i = 0; i < s.length; i++) data[start + i] = charCodeAt(s, i);
      return s.length;
    }),

  define('fromCharCode', ['i32'], '(ref extern)', (c: number) => fromCharCode(c >>> 0)),

  define('fromCodePoint', ['i32'], '(ref extern)', (c: number) => {
    c >>>= 0;
    // String.fromCodePoint would throw a RangeError: the builtin traps instead.
    if (c > 0x10ffff) trap('fromCodePoint: not a code point');
    return fromCodePoint(c);
  }),

  define('charCodeAt', ['externref', 'i32'], 'i32', (string: unknown, index: number) => {
    index >>>= 0;
    const s = unwrapString(string);
    if (index >= s.length) trap('charCodeAt: index out of bounds');
    return charCodeAt(s, index);
  }),

  define('codePointAt', ['externref', 'i32'], 'i32', (string: unknown, index: number) => {
    index >>>= 0;
    const s = unwrapString(string);
    if (index >= s.length) trap('codePointAt: index out of bounds');
    return codePointAt(s, index);
  }),

  define('length', ['externref'], 'i32', (string: unknown) => unwrapString(string).length),

  // `+` on two strings is String.prototype.concat with one argument.
  define('concat', ['externref', 'externref'], '(ref extern)',
    (first: unknown, second: unknown) => unwrapString(first) + unwrapString(second)),

  define('substring', ['externref', 'i32', 'i32'], '(ref extern)', (string: unknown, start: number, end: number) => {
    start >>>= 0;
    end >>>= 0;
    const s = unwrapString(string);
    // An unordered range would make `substring` swap its arguments: the builtin answers "".
    if (start > end || start > s.length) return '';
    return substring(s, start, end);
  }),

  define('equals', ['externref', 'externref'], 'i32', (first: unknown, second: unknown) => {
    // null is a valid operand here: comparing against null is meaningful.
    if (first !== null && typeof first !== 'string') trap('equals: expected a string or null');
    if (second !== null && typeof second !== 'string') trap('equals: expected a string or null');
    return first === second ? 1 : 0;
  }),

  define('compare', ['externref', 'externref'], 'i32', (first: unknown, second: unknown) => {
    const a = unwrapString(first), b = unwrapString(second);
    if (a === b) return 0;
    return a < b ? -1 : 1;
  }),
];
