/**
 * Shared by the builtins tests: a module that imports a list of builtins and re-exports a wasm
 * wrapper calling each (so calls go wasm -> builtin, the path compilers specialise), compiled
 * once with the builtins enabled and once without (the imports then come from a JS reference
 * written from the proposals' JS steps), plus outcome comparison where traps compare equal.
 */
import assert from 'node:assert/strict';
import { wat, weft } from './helpers.js';

export type Api = typeof WebAssembly & {
  Module: new (bytes: BufferSource, options?: object) => WebAssembly.Module;
  validate(bytes: BufferSource, options?: object): boolean;
  compile(bytes: BufferSource, options?: object): Promise<WebAssembly.Module>;
};
export const W = weft as unknown as Api;

/** [name, wat param types, wat result type] */
export type Sig = readonly [string, readonly string[], string];

export const ARRAY_TYPES = `(type $a16 (array (mut i16))) (type $a8 (array (mut i8)))`;

/** Thrown by the JS reference where the proposal says trap(). */
export class RefTrap extends Error {}
export function refTrap(): never {
  throw new RefTrap('trap');
}

export function wrapperModule(module: string, sigs: readonly Sig[], extra = ''): Uint8Array<ArrayBuffer> {
  const imports = sigs.map(([n, p, r], i) => `(import "${module}" "${n}" (func $b${i} (param ${p.join(' ')}) (result ${r})))`).join('\n');
  const funcs = sigs.map(([n, p, r], i) => {
    const gets = p.map((_, k) => `(local.get ${k})`).join(' ');
    return `(func (export "${n}") (param ${p.join(' ')}) (result ${r}) (call $b${i} ${gets}))`;
  }).join('\n');
  return wat(`(module ${ARRAY_TYPES}\n${imports}\n${funcs}\n${extra})`);
}

export interface Pair {
  builtin: Record<string, Function>;
  reference: Record<string, Function>;
}

/** The same wrapper module with the builtin set enabled, and with `reference` as ordinary imports. */
export function instantiatePair(set: string, sigs: readonly Sig[], reference: Record<string, Function>, extra = ''): Pair {
  const bytes = wrapperModule(`wasm:${set}`, sigs, extra);
  const withBuiltins = new W.Instance(new W.Module(bytes, { builtins: [set] }), {});
  const withReference = new W.Instance(new W.Module(bytes), { [`wasm:${set}`]: reference });
  return { builtin: withBuiltins.exports as never, reference: withReference.exports as never };
}

/** What a call did, with builtin traps and reference traps both written 'trap'. */
export function outcome(f: () => unknown): string {
  try {
    const v = f();
    if (typeof v === 'number') return Object.is(v, -0) ? 'n:-0' : `n:${v}`;
    if (typeof v === 'string') return `s:${JSON.stringify(v)}`;
    if (typeof v === 'bigint') return `b:${v}`;
    return `${typeof v}:${String(v)}`;
  } catch (e) {
    if (e instanceof RefTrap) return 'trap';
    if (e instanceof W.RuntimeError) return 'trap';
    return `throw:${(e as Error)?.name}:${(e as Error)?.message}`;
  }
}

/** Runs `name(...args)` on both instances and asserts equal outcomes; returns the outcome. */
export function same(p: Pair, name: string, ...args: unknown[]): string {
  const b = outcome(() => p.builtin[name](...args));
  const r = outcome(() => p.reference[name](...args));
  if (b !== r) assert.fail(`${name}(${args.map(show).join(', ')}): builtin ${b}, reference ${r}`);
  return b;
}

function show(a: unknown): string {
  if (typeof a === 'string') return JSON.stringify(a);
  try {
    return String(a);
  } catch {
    return Object.prototype.toString.call(a);
  }
}

/** A WAT string literal for `s`: its UTF-8 bytes, escaped where WAT needs it. */
export function watString(s: string): string {
  let out = '"';
  for (const b of new TextEncoder().encode(s)) {
    out += b >= 0x20 && b < 0x7f && b !== 0x22 && b !== 0x5c ? String.fromCharCode(b) : `\\${b.toString(16).padStart(2, '0')}`;
  }
  return out + '"';
}

/** Deterministic PRNG (xorshift32), so failures reproduce. */
export function rng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13; x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5; x >>>= 0;
    return x / 2 ** 32;
  };
}

/** Random strings over ASCII, Latin-1, BMP, lone and paired surrogates. */
export function randomString(r: () => number, maxLen = 12): string {
  const n = Math.floor(r() * (maxLen + 1));
  let s = '';
  for (let i = 0; i < n; i++) {
    const k = r();
    if (k < 0.4) s += String.fromCharCode(0x20 + Math.floor(r() * 0x5f));
    else if (k < 0.55) s += String.fromCharCode(0x80 + Math.floor(r() * 0x780));
    else if (k < 0.7) s += String.fromCharCode(0x800 + Math.floor(r() * 0xd000));
    else if (k < 0.85) s += String.fromCodePoint(0x10000 + Math.floor(r() * 0xfffff));
    else s += String.fromCharCode(0xd800 + Math.floor(r() * 0x800)); // lone (or accidental pair)
  }
  return s;
}

/** Interesting i32 values: small, boundary, negative (huge when read unsigned). */
export const I32_EDGES = [0, 1, 2, 3, 5, 0x7f, 0xff, 0xffff, 0x10000, 0x10ffff, 0x110000, 0x7fffffff, -1, -2, -0x80000000];

/** externref values of every kind. */
export const EXTERN_VALUES: unknown[] = [
  null, undefined, true, false, { x: 1 }, ['a'], 13.37, -0, 0, 1, -1, 2 ** 31, NaN, Infinity, 'hi', '', 37n,
  new Number(42), new String('boxed'), Symbol('s'), () => 1,
];
