/**
 * The JS String Builtins members of WebAssemblyCompileOptions, converted as WebIDL does:
 * `sequence<USVString> builtins` (must be an iterable object; each element ToString'd, lone
 * surrogates replaced by U+FFFD) and `USVString? importedStringConstants` (undefined and null mean
 * "none"). Unknown set names are kept here and ignored later; duplicates are a CompileError at
 * compile time (the spec's "validate builtin set names"), not a TypeError here.
 */
import { isObject, toDOMString } from '../webidl.js';

export interface BuiltinOptions {
  /** Set names as given (duplicates and unknown names included). */
  readonly builtinSetNames: readonly string[];
  /** The imported string namespace, or null. */
  readonly importedStringModule: string | null;
}

export const NO_BUILTINS: BuiltinOptions = Object.freeze({ builtinSetNames: Object.freeze([]), importedStringModule: null });

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** WebIDL USVString. */
export function toUSVString(v: unknown): string {
  return toDOMString(v).replace(LONE_SURROGATE, '\ufffd');
}

/** WebIDL sequence<USVString> from a JS value (ECMAScript iteration protocol, spec order). */
function usvStringSequence(v: unknown, what: string): string[] {
  if (!isObject(v)) throw new TypeError(`${what}: options.builtins must be an iterable object`);
  const method = (v as { [Symbol.iterator]?: unknown })[Symbol.iterator];
  if (typeof method !== 'function') throw new TypeError(`${what}: options.builtins is not iterable`);
  const iter = method.call(v) as unknown;
  if (!isObject(iter)) throw new TypeError(`${what}: options.builtins: the iterator is not an object`);
  const next = (iter as { next?: unknown }).next;
  const out: string[] = [];
  for (;;) {
    if (typeof next !== 'function') throw new TypeError(`${what}: options.builtins: iterator.next is not callable`);
    const step = next.call(iter) as unknown;
    if (!isObject(step)) throw new TypeError(`${what}: options.builtins: iterator result is not an object`);
    if ((step as { done?: unknown }).done) return out;
    out.push(toUSVString((step as { value?: unknown }).value));
  }
}

/** The `builtins` member (read first: WebIDL reads dictionary members in name order). */
export function readBuiltinSetNames(options: object, what: string): readonly string[] {
  const v = (options as { builtins?: unknown }).builtins;
  return v === undefined ? NO_BUILTINS.builtinSetNames : usvStringSequence(v, what);
}

/** The `importedStringConstants` member. */
export function readImportedStringConstants(options: object): string | null {
  const v = (options as { importedStringConstants?: unknown }).importedStringConstants;
  return v === undefined || v === null ? null : toUSVString(v);
}
