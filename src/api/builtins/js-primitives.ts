/**
 * JS Primitive Builtins: the `wasm:js-string` conversions from numbers, and the sets
 * `wasm:js-number`, `wasm:js-boolean`, `wasm:js-undefined`, `wasm:js-symbol`, `wasm:js-bigint`,
 * each as the proposal's "Specifications" section writes it.
 */
import { define, type BuiltinDef } from './definition.js';
import { trap } from './trap.js';

/** Added to `wasm:js-string` (enabled with `builtins: ['js-string']`). */
export const JS_STRING_FROM_NUMBER_BUILTINS: readonly BuiltinDef[] = [
  define('fromI32', ['i32'], '(ref extern)', (x: number) => '' + x),
  define('fromU32', ['i32'], '(ref extern)', (x: number) => '' + (x >>> 0)),
  define('fromI64', ['i64'], '(ref extern)', (x: bigint) => '' + x),
  define('fromU64', ['i64'], '(ref extern)', (x: bigint) => '' + BigInt.asUintN(64, x)),
  define('fromF64', ['f64'], '(ref extern)', (x: number) => '' + x),
];

/** `x | 0 === x` but not -0: the Number is an exact i32. */
const isI32 = (x: number) => (x | 0) === x && !Object.is(x, -0);
const isU32 = (x: number) => (x >>> 0) === x && !Object.is(x, -0);

export const JS_NUMBER_BUILTINS: readonly BuiltinDef[] = [
  define('test', ['externref'], 'i32', (x: unknown) => (typeof x === 'number' ? 1 : 0)),
  define('testI32', ['externref'], 'i32', (x: unknown) => (typeof x === 'number' && isI32(x) ? 1 : 0)),
  define('testU32', ['externref'], 'i32', (x: unknown) => (typeof x === 'number' && isU32(x) ? 1 : 0)),
  define('fromF64', ['f64'], '(ref extern)', (x: number) => x),
  define('fromI32', ['i32'], '(ref extern)', (x: number) => x),
  define('fromU32', ['i32'], '(ref extern)', (x: number) => x >>> 0),
  define('toF64', ['externref'], 'f64', (x: unknown) => {
    if (typeof x !== 'number') trap('js-number toF64: not a number');
    return x;
  }),
  define('toI32', ['externref'], 'i32', (x: unknown) => {
    if (typeof x !== 'number' || !isI32(x)) trap('js-number toI32: not an i32 number');
    return x;
  }),
  // The result is ToInt32'd on the way back (values >= 2^31 come out negative, as the bits say).
  define('toU32', ['externref'], 'i32', (x: unknown) => {
    if (typeof x !== 'number' || !isU32(x)) trap('js-number toU32: not a u32 number');
    return x;
  }),
];

export const JS_BOOLEAN_BUILTINS: readonly BuiltinDef[] = [
  define('test', ['externref'], 'i32', (x: unknown) => (typeof x === 'boolean' ? 1 : 0)),
  define('cast', ['externref'], 'i32', (x: unknown) => {
    if (typeof x !== 'boolean') trap('js-boolean cast: not a boolean');
    return x ? 1 : 0;
  }),
];

export const JS_UNDEFINED_BUILTINS: readonly BuiltinDef[] = [
  define('test', ['externref'], 'i32', (x: unknown) => (typeof x === 'undefined' ? 1 : 0)),
];

export const JS_SYMBOL_BUILTINS: readonly BuiltinDef[] = [
  define('test', ['externref'], 'i32', (x: unknown) => (typeof x === 'symbol' ? 1 : 0)),
  define('equals', ['externref', 'externref'], 'i32', (x: unknown, y: unknown) => {
    if (typeof x !== 'symbol' && x !== null) trap('js-symbol equals: not a symbol or null');
    if (typeof y !== 'symbol' && y !== null) trap('js-symbol equals: not a symbol or null');
    return x === y ? 1 : 0;
  }),
];

export const JS_BIGINT_BUILTINS: readonly BuiltinDef[] = [
  define('test', ['externref'], 'i32', (x: unknown) => (typeof x === 'bigint' ? 1 : 0)),
];
