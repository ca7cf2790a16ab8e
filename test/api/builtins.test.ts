/**
 * JS String Builtins (wasm:js-string, wasm:text-encoder, wasm:text-decoder) and the compile-option
 * machinery: each builtin against a JS reference transcribed from the proposal's JS steps
 * (same wrapper module, once with `builtins`, once with the reference as ordinary imports),
 * on edge cases and random inputs; compile-time type checks; Module.imports; string constants;
 * option conversion. Node 20's own WebAssembly has none of this, so there is no native oracle.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { wat } from './helpers.js';
import {
  ARRAY_TYPES, EXTERN_VALUES, I32_EDGES, W, instantiatePair, outcome, randomString, refTrap, rng, same,
  watString, wrapperModule, type Sig,
} from './builtins-helpers.js';

const EXT = 'externref', REXT = '(ref extern)', A16 = '(ref null $a16)', A8 = '(ref null $a8)';

const STRING_SIGS: Sig[] = [
  ['cast', [EXT], REXT],
  ['test', [EXT], 'i32'],
  ['fromCharCodeArray', [A16, 'i32', 'i32'], REXT],
  ['intoCharCodeArray', [EXT, A16, 'i32'], 'i32'],
  ['fromCharCode', ['i32'], REXT],
  ['fromCodePoint', ['i32'], REXT],
  ['charCodeAt', [EXT, 'i32'], 'i32'],
  ['codePointAt', [EXT, 'i32'], 'i32'],
  ['length', [EXT], 'i32'],
  ['concat', [EXT, EXT], REXT],
  ['substring', [EXT, 'i32', 'i32'], REXT],
  ['equals', [EXT, EXT], 'i32'],
  ['compare', [EXT, EXT], 'i32'],
];

const ARRAY_HELPERS = `
  (func (export "newA16") (param i32) (result (ref $a16)) (array.new_default $a16 (local.get 0)))
  (func (export "newA8") (param i32) (result (ref $a8)) (array.new_default $a8 (local.get 0)))
  (func (export "lenA") (param arrayref) (result i32) (array.len (local.get 0)))
  (func (export "getA16") (param (ref $a16) i32) (result i32) (array.get_u $a16 (local.get 0) (local.get 1)))
  (func (export "setA16") (param (ref $a16) i32 i32) (array.set $a16 (local.get 0) (local.get 1) (local.get 2)))
  (func (export "getA8") (param (ref $a8) i32) (result i32) (array.get_u $a8 (local.get 0) (local.get 1)))
  (func (export "setA8") (param (ref $a8) i32 i32) (array.set $a8 (local.get 0) (local.get 1) (local.get 2)))`;

type Helpers = Record<'newA16' | 'newA8' | 'lenA' | 'getA16' | 'setA16' | 'getA8' | 'setA8', Function>;
let H: Helpers;

const isString = (v: unknown): v is string => v !== null && typeof v === 'string';

/** The proposal's JS steps for wasm:js-string, on the wrapper module's array helpers. */
const stringReference: Record<string, Function> = {
  cast(s: unknown) { if (!isString(s)) refTrap(); return s; },
  test(s: unknown) { return isString(s) ? 1 : 0; },
  fromCharCodeArray(array: unknown, start: number, end: number) {
    start >>>= 0; end >>>= 0;
    if (array === null) refTrap();
    if (start > end || end > H.lenA(array)) refTrap();
    let result = '';
    for (let i = start; i < end; i++) result += String.fromCharCode(H.getA16(array, i));
    return result;
  },
  intoCharCodeArray(s: unknown, array: unknown, start: number) {
    start >>>= 0;
    if (array === null) refTrap();
    if (!isString(s)) refTrap();
    if (start + s.length > H.lenA(array)) refTrap();
    for (let i = 0; i < s.length; i++) H.setA16(array, start + i, s.charCodeAt(i));
    return s.length;
  },
  fromCharCode(c: number) { return String.fromCharCode(c >>> 0); },
  fromCodePoint(c: number) { c >>>= 0; if (c > 0x10ffff) refTrap(); return String.fromCodePoint(c); },
  charCodeAt(s: unknown, i: number) { i >>>= 0; if (!isString(s)) refTrap(); if (i >= s.length) refTrap(); return s.charCodeAt(i); },
  codePointAt(s: unknown, i: number) { i >>>= 0; if (!isString(s)) refTrap(); if (i >= s.length) refTrap(); return s.codePointAt(i); },
  length(s: unknown) { if (!isString(s)) refTrap(); return s.length; },
  concat(a: unknown, b: unknown) { if (!isString(a)) refTrap(); if (!isString(b)) refTrap(); return a.concat(b); },
  substring(s: unknown, start: number, end: number) {
    start >>>= 0; end >>>= 0;
    if (!isString(s)) refTrap();
    if (start > end || start > s.length) return '';
    return s.substring(start, end);
  },
  equals(a: unknown, b: unknown) {
    if (a !== null && typeof a !== 'string') refTrap();
    if (b !== null && typeof b !== 'string') refTrap();
    return a === b ? 1 : 0;
  },
  compare(a: unknown, b: unknown) {
    if (!isString(a)) refTrap(); if (!isString(b)) refTrap();
    if (a === b) return 0;
    return a < b ? -1 : 1;
  },
};

const P = instantiatePair('js-string', STRING_SIGS, stringReference, ARRAY_HELPERS);
H = P.reference as never;

test('js-string: every builtin type-checks its string operands like the reference', () => {
  let traps = 0;
  for (const v of EXTERN_VALUES) {
    const str = same(P, 'test', v) === 'n:1';
    assert.equal(str, typeof v === 'string');
    for (const [name, args] of [
      ['cast', [v]], ['length', [v]], ['charCodeAt', [v, 0]], ['codePointAt', [v, 0]], ['concat', [v, v]],
      ['concat', ['x', v]], ['substring', [v, 0, 0]], ['equals', [v, v]], ['equals', [v, 'hi']], ['compare', [v, v]],
      ['compare', ['a', v]], ['intoCharCodeArray', [v, P.builtin.newA16(10), 0]],
    ] as const) {
      if (same(P, name, ...args) === 'trap') traps++;
    }
  }
  assert.ok(traps > 100);
});

test('js-string: fromCharCode / fromCodePoint on edge and random values', () => {
  const r = rng(7);
  const values = [...I32_EDGES, 0xd800, 0xdbff, 0xdc00, 0xdfff, 0xfffe, 0x1ffff, 0x10fffe];
  for (let i = 0; i < 300; i++) values.push((r() * 2 ** 32) | 0, Math.floor(r() * 0x120000));
  for (const c of values) {
    same(P, 'fromCharCode', c);
    same(P, 'fromCodePoint', c);
  }
  assert.equal(P.builtin.fromCharCode(0x10041), 'A'); // taken modulo 2^16
  assert.equal(P.builtin.fromCodePoint(0x1f600), '\u{1f600}');
  assert.equal(outcome(() => P.builtin.fromCodePoint(0x110000)), 'trap');
  assert.equal(outcome(() => P.builtin.fromCodePoint(-1)), 'trap'); // 0xffffffff unsigned
});

test('js-string: length / charCodeAt / codePointAt / substring on random strings and indices', () => {
  const r = rng(11);
  const strings = ['', 'a', 'ab', '\u263a', '\ud83d\ude00', '\ud800', '\udc00x', 'x\ud800', 'hello, world'];
  for (let i = 0; i < 150; i++) strings.push(randomString(r));
  for (const s of strings) {
    assert.equal(same(P, 'length', s), `n:${s.length}`);
    const idx = [...I32_EDGES, s.length, s.length - 1, s.length + 1, Math.floor(r() * (s.length + 2))];
    for (const i of idx) {
      same(P, 'charCodeAt', s, i);
      same(P, 'codePointAt', s, i);
    }
    for (let k = 0; k < 12; k++) {
      const a = k < 4 ? idx[Math.floor(r() * idx.length)] : Math.floor(r() * (s.length + 3)) - 1;
      const b = k < 4 ? idx[Math.floor(r() * idx.length)] : Math.floor(r() * (s.length + 3)) - 1;
      same(P, 'substring', s, a, b);
    }
  }
  // Spot checks of the text's rules.
  assert.equal(P.builtin.codePointAt('\ud83d\ude00', 0), 0x1f600);
  assert.equal(P.builtin.codePointAt('\ud83d\ude00', 1), 0xde00); // a trailing surrogate alone
  assert.equal(P.builtin.codePointAt('\ud800', 0), 0xd800); // lone surrogate
  assert.equal(outcome(() => P.builtin.charCodeAt('abc', 3)), 'trap');
  assert.equal(outcome(() => P.builtin.charCodeAt('abc', -1)), 'trap');
  assert.equal(P.builtin.substring('hello', 1, 100), 'ello'); // end clamped
  assert.equal(P.builtin.substring('hello', 3, 1), ''); // unordered: empty, not swapped
  assert.equal(P.builtin.substring('hello', 6, 9), ''); // start past the end
  assert.equal(P.builtin.substring('hello', 2, -1), 'llo'); // end 0xffffffff clamps
  assert.equal(P.builtin.substring('hello', -1, 2), ''); // start 0xffffffff > end
});

test('js-string: concat / equals / compare on random pairs', () => {
  const r = rng(5);
  const strings = ['', 'a', 'b', 'ab', '\ud800', '\ud83d\ude00', '\uffff', 'a\u0000'];
  for (let i = 0; i < 60; i++) strings.push(randomString(r, 6));
  for (const a of strings) {
    for (const b of strings.slice(0, 20)) {
      same(P, 'concat', a, b);
      same(P, 'equals', a, b);
      const c = same(P, 'compare', a, b);
      assert.equal(c, `n:${a === b ? 0 : a < b ? -1 : 1}`);
    }
  }
  assert.equal(P.builtin.equals(null, null), 1);
  assert.equal(P.builtin.equals(null, ''), 0);
  assert.equal(outcome(() => P.builtin.compare(null, 'a')), 'trap');
  assert.equal(P.builtin.compare('\ud800', '\uffff'), -1); // code units, not code points
  assert.equal(P.builtin.compare('\u{10000}', '\uffff'), -1);
});

test('js-string: fromCharCodeArray / intoCharCodeArray on i16 GC arrays, bounds and null traps', () => {
  const r = rng(3);
  for (let k = 0; k < 60; k++) {
    const s = randomString(r, 20);
    const len = s.length + Math.floor(r() * 4);
    const start = Math.floor(r() * 5);
    const a = P.builtin.newA16(len), b = P.reference.newA16(len);
    const o = same(P, 'intoCharCodeArray', s, a, start);
    assert.equal(outcome(() => P.reference.intoCharCodeArray(s, b, start)), o);
    for (let i = 0; i < len; i++) assert.equal(P.builtin.getA16(a, i), P.reference.getA16(b, i));
    for (const [x, y] of [[0, len], [start, start + s.length], [0, 0], [len, len], [1, 0], [0, len + 1], [-1, 0], [0, -1]]) {
      assert.equal(outcome(() => P.builtin.fromCharCodeArray(a, x, y)), outcome(() => P.reference.fromCharCodeArray(b, x, y)));
    }
    if (o !== 'trap') assert.equal(P.builtin.fromCharCodeArray(a, start, start + s.length), s);
  }
  // Every i16 value reads back as an unsigned char code, surrogates included.
  const all = P.builtin.newA16(0x10000);
  for (let i = 0; i < 0x10000; i += 0x101) P.builtin.setA16(all, i, i);
  const str = P.builtin.fromCharCodeArray(all, 0, 0x10000) as string;
  assert.equal(str.length, 0x10000);
  for (let i = 0; i < 0x10000; i += 0x101) assert.equal(str.charCodeAt(i), i);
  assert.equal(P.builtin.intoCharCodeArray(str, all, 0), 0x10000);
  // Traps: null array (even with a bad string), range past the end, start beyond 2^31.
  assert.equal(outcome(() => P.builtin.fromCharCodeArray(null, 0, 0)), 'trap');
  assert.equal(outcome(() => P.builtin.intoCharCodeArray('x', null, 0)), 'trap');
  assert.equal(outcome(() => P.builtin.intoCharCodeArray(5, P.builtin.newA16(1), 0)), 'trap');
  assert.equal(outcome(() => P.builtin.intoCharCodeArray('xy', P.builtin.newA16(2), 1)), 'trap');
  assert.equal(outcome(() => P.builtin.intoCharCodeArray('', P.builtin.newA16(2), -1)), 'trap');
  assert.equal(P.builtin.intoCharCodeArray('', P.builtin.newA16(2), 2), 0);
});

test('builtin traps are WebAssembly.RuntimeErrors that wasm cannot catch', () => {
  const bytes = wat(`(module
    (import "wasm:js-string" "cast" (func $cast (param externref) (result (ref extern))))
    (func (export "guarded") (param externref) (result i32)
      (block $h (try_table (catch_all $h) (drop (call $cast (local.get 0)))) (return (i32.const 1)))
      (i32.const 2)))`);
  const inst = new W.Instance(new W.Module(bytes, { builtins: ['js-string'] })) as unknown as { exports: Record<string, Function> };
  assert.equal(inst.exports.guarded('ok'), 1);
  assert.throws(() => inst.exports.guarded(null), (e: unknown) => e instanceof W.RuntimeError);
  assert.throws(() => inst.exports.guarded({}), W.RuntimeError);
});

test('exported builtins: named after the builtin, arity as length, one per instance', () => {
  const bytes = wat(`(module
    (import "wasm:js-string" "length" (func $len (param externref) (result i32)))
    (import "wasm:js-string" "length" (func $len2 (param externref) (result i32)))
    (import "wasm:js-string" "concat" (func $cat (param externref externref) (result (ref extern))))
    (table (export "t") 1 funcref) (elem (i32.const 0) func $len)
    (export "len" (func $len)) (export "len2" (func $len2)) (export "cat" (func $cat)))`);
  const m = new W.Module(bytes, { builtins: ['js-string'] });
  const a = new W.Instance(m).exports as Record<string, Function> & { t: WebAssembly.Table };
  const b = new W.Instance(m).exports as Record<string, Function>;
  assert.equal(a.len.name, 'length');
  assert.equal(a.cat.name, 'concat');
  assert.equal(a.len.length, 1);
  assert.equal(a.cat.length, 2);
  assert.equal(a.len, a.len2); // one builtin function per instance
  assert.equal(a.t.get(0), a.len);
  assert.notEqual(a.len, b.len); // a fresh instantiation of the builtins
  assert.equal(a.len('abc'), 3);
  assert.equal(a.cat('a', 'b'), 'ab');
  assert.throws(() => a.len(1), W.RuntimeError);
  // A builtin passed on as an ordinary import keeps working (and is not re-wrapped).
  const user = wat(`(module (import "m" "len" (func $f (param externref) (result i32)))
    (func (export "f") (param externref) (result i32) (call $f (local.get 0))) (export "g" (func $f)))`);
  const u = new W.Instance(new W.Module(user), { m: { len: a.len } }).exports as Record<string, Function>;
  assert.equal(u.f('four'), 4);
  assert.equal(u.g, a.len);
});

// ---- compile-time checks -------------------------------------------------------------------

function importing(decl: string, extra = ''): Uint8Array<ArrayBuffer> {
  return wat(`(module ${ARRAY_TYPES} ${decl} ${extra})`);
}

/** Outcome of compiling: 'ok', or the error's name; checks validate and compile agree. */
async function compiles(bytes: Uint8Array<ArrayBuffer>, options?: object): Promise<string> {
  let sync: string;
  try {
    new W.Module(bytes, options);
    sync = 'ok';
  } catch (e) {
    sync = (e as Error).name;
  }
  let valid: string;
  try {
    valid = W.validate(bytes, options) ? 'ok' : 'CompileError';
  } catch (e) {
    valid = (e as Error).name;
  }
  let async: string;
  try {
    await W.compile(bytes, options);
    async = 'ok';
  } catch (e) {
    async = (e as Error).name;
  }
  assert.equal(valid, sync, 'validate agrees with new Module');
  assert.equal(async, sync, 'compile agrees with new Module');
  return sync;
}

test('compile: every js-string builtin must be imported with exactly its type', async () => {
  const opts = { builtins: ['js-string'] };
  for (const [name, params, result] of STRING_SIGS) {
    const decl = (p: readonly string[], r: string) => `(import "wasm:js-string" "${name}" (func (param ${p.join(' ')}) (result ${r})))`;
    assert.equal(await compiles(importing(decl(params, result)), opts), 'ok', name);
    // Wrong result nullability, an extra parameter, a missing result: CompileError.
    const wrongResult = result === REXT ? EXT : result === 'i32' ? 'i64' : 'i32';
    assert.equal(await compiles(importing(decl(params, wrongResult)), opts), 'CompileError', `${name} result`);
    assert.equal(await compiles(importing(decl([...params, 'i32'], result)), opts), 'CompileError', `${name} params`);
    // Without the option, the same imports are ordinary imports: any type compiles.
    assert.equal(await compiles(importing(decl(params, wrongResult))), 'ok', `${name} without builtins`);
    assert.equal(await compiles(importing(decl(params, wrongResult)), { builtins: [] }), 'ok');
    assert.equal(await compiles(importing(decl(params, wrongResult)), { builtins: ['js-number'] }), 'ok');
  }
});

test('compile: the i16 array must be a final (array (mut i16)) alone in its rec group', async () => {
  const opts = { builtins: ['js-string'] };
  const use = (types: string) => wat(`(module ${types}
    (import "wasm:js-string" "fromCharCodeArray" (func (param (ref null $a) i32 i32) (result (ref extern)))))`);
  assert.equal(await compiles(use('(type $a (array (mut i16)))'), opts), 'ok');
  assert.equal(await compiles(use('(rec (type $a (array (mut i16))))'), opts), 'ok');
  assert.equal(await compiles(use('(type $a (array i16))'), opts), 'CompileError');
  assert.equal(await compiles(use('(type $a (array (mut i8)))'), opts), 'CompileError');
  assert.equal(await compiles(use('(type $a (sub (array (mut i16))))'), opts), 'CompileError');
  assert.equal(await compiles(use('(rec (type $a (array (mut i16))) (type $b (struct)))'), opts), 'CompileError');
  // A non-nullable array parameter is a different type.
  assert.equal(await compiles(wat(`(module (type $a (array (mut i16)))
    (import "wasm:js-string" "fromCharCodeArray" (func (param (ref $a) i32 i32) (result (ref extern)))))`), opts), 'CompileError');
});

test('compile: non-function imports of builtin names, unknown names, duplicates, unknown sets', async () => {
  const opts = { builtins: ['js-string'] };
  assert.equal(await compiles(importing('(import "wasm:js-string" "cast" (global externref))'), opts), 'CompileError');
  assert.equal(await compiles(importing('(import "wasm:js-string" "length" (memory 1))'), opts), 'CompileError');
  // A name the set does not have is an ordinary import (the spec's "find a builtin" returns null).
  const unknown = importing('(import "wasm:js-string" "nope" (func (param i32)))');
  assert.equal(await compiles(unknown, opts), 'ok');
  const m = new W.Module(unknown, opts);
  assert.deepEqual(W.Module.imports(m), [{ module: 'wasm:js-string', name: 'nope', kind: 'function' }]);
  assert.throws(() => new W.Instance(m, {}), TypeError);
  let called = 0;
  const inst = new W.Instance(m, { 'wasm:js-string': { nope: () => { called++; } } });
  assert.ok(inst);
  assert.equal(called, 0);
  // Duplicate set names: CompileError (validate: false), even for a module without imports.
  const empty = wat('(module)');
  assert.equal(await compiles(empty, { builtins: ['js-string', 'js-string'] }), 'CompileError');
  assert.equal(await compiles(empty, { builtins: ['nope', 'nope'] }), 'CompileError');
  // Unknown set names are ignored (so a future set's name is harmless).
  const wrongLength = importing('(import "wasm:js-string" "length" (func (param i32) (result i32)))');
  assert.equal(await compiles(wrongLength, { builtins: ['js-strings', 'wasm:js-string', 'JS-STRING', ''] }), 'ok');
  assert.equal(await compiles(wrongLength, { builtins: ['future-set', 'js-string'] }), 'CompileError');
});

test('feature detection: validate with a deliberately wrong signature', () => {
  const probe = wat('(module (import "wasm:js-string" "cast" (func)))');
  assert.equal(W.validate(probe), true);
  assert.equal(W.validate(probe, { builtins: ['js-string'] }), false);
  for (const set of ['js-number', 'js-boolean', 'js-undefined', 'js-symbol', 'js-bigint', 'text-encoder', 'text-decoder']) {
    const name = set === 'text-encoder' ? 'measureStringAsUTF8' : set === 'text-decoder' ? 'decodeStringFromUTF8Array' : 'test';
    const p = wat(`(module (import "wasm:${set}" "${name}" (func)))`);
    assert.equal(W.validate(p, { builtins: [set] }), false, set);
    assert.equal(W.validate(p, { builtins: ['js-string'] }), true, set);
  }
});

test('Module.imports leaves out builtins and string constants, in order otherwise', () => {
  const bytes = wat(`(module
    (import "env" "a" (func))
    (import "wasm:js-string" "test" (func (param externref) (result i32)))
    (import "str" "hello" (global externref))
    (import "wasm:js-string" "other" (func))
    (import "env" "b" (global i32)))`);
  const names = (o?: object) => W.Module.imports(new W.Module(bytes, o)).map(i => `${i.module}.${i.name}`);
  assert.deepEqual(names(), ['env.a', 'wasm:js-string.test', 'str.hello', 'wasm:js-string.other', 'env.b']);
  assert.deepEqual(names({ builtins: ['js-string'] }), ['env.a', 'str.hello', 'wasm:js-string.other', 'env.b']);
  assert.deepEqual(names({ importedStringConstants: 'str' }), ['env.a', 'wasm:js-string.test', 'wasm:js-string.other', 'env.b']);
  assert.deepEqual(names({ builtins: ['js-string'], importedStringConstants: 'str' }), ['env.a', 'wasm:js-string.other', 'env.b']);
  assert.deepEqual(W.Module.exports(new W.Module(bytes, { builtins: ['js-string'] })), []);
});

test('builtin imports are never looked up in the import object', () => {
  const bytes = wat(`(module
    (import "env" "f" (func $f (result i32)))
    (import "wasm:js-string" "length" (func $len (param externref) (result i32)))
    (import "str" "abc" (global $s externref))
    (func (export "run") (result i32) (i32.add (call $f) (call $len (global.get $s)))))`);
  const seen: string[] = [];
  const spy = (name: string, inner: object) => new Proxy(inner, {
    get(t, k) { seen.push(`${name}.${String(k)}`); return Reflect.get(t, k); },
  });
  const imports = spy('imports', {
    env: spy('env', { f: () => 10 }),
    'wasm:js-string': spy('js', { length: () => 1000 }),
    str: spy('str', { abc: 'wrong' }),
  });
  const m = new W.Module(bytes, { builtins: ['js-string'], importedStringConstants: 'str' });
  const run = (new W.Instance(m, imports as never).exports as { run: () => number }).run;
  assert.equal(run(), 13);
  assert.deepEqual(seen, ['imports.env', 'env.f']);
  // Polyfill path: the same module without options takes everything from the import object.
  const polyfilled = new W.Instance(new W.Module(bytes), imports as never).exports as { run: () => number };
  assert.equal(polyfilled.run(), 1010);
  // With only provided imports, no import object is needed (the proposal's overview).
  const only = wat(`(module (import "wasm:js-string" "length" (func (param externref) (result i32))) (import "s" "x" (global externref)))`);
  assert.ok(new W.Instance(new W.Module(only, { builtins: ['js-string'], importedStringConstants: 's' })));
  assert.throws(() => new W.Instance(new W.Module(only, { builtins: ['js-string'] })), TypeError);
  assert.throws(() => new W.Instance(new W.Module(only, { builtins: ['js-string'], importedStringConstants: 's' }), 5 as never), TypeError);
});

// ---- imported string constants -------------------------------------------------------------

function constantGlobal(module: string, name: string, type: string, ns: string | null): unknown {
  const bytes = wat(`(module (import ${watString(module)} ${watString(name)} (global ${type})) (export "g" (global 0)))`);
  const m = new W.Module(bytes, { importedStringConstants: ns });
  return (new W.Instance(m, {}).exports as { g: WebAssembly.Global }).g.value;
}

test('importedStringConstants: the import name becomes the string, any UTF-8 name', () => {
  const names = ['', '\0', '0', 'hello world', 'caf\u00e9', '\u263a', '\ud83d\ude00', '\u{10ffff}', '"quoted"', 'x'.repeat(10000)];
  for (const ns of ['', "'", 'strings', '\u00e9t\u00e9', 'wasm:js-string']) {
    for (const name of names) {
      for (const type of ['externref', '(ref extern)']) {
        assert.equal(constantGlobal(ns, name, type, ns), name);
      }
    }
  }
  // Other modules are untouched; the namespace is compared exactly.
  assert.throws(() => constantGlobal('strings', 'a', 'externref', 'Strings'), TypeError);
  assert.throws(() => constantGlobal('strings', 'a', 'externref', null), TypeError);
  // The option is a USVString: a lone surrogate becomes U+FFFD (which a module can name).
  assert.equal(constantGlobal('\ufffd', 'a', 'externref', '\ud800'), 'a');
  // Each instance gets its own immutable global.
  const bytes = wat(`(module (import "s" "v" (global externref)) (export "g" (global 0)))`);
  const m = new W.Module(bytes, { importedStringConstants: 's' });
  const g1 = (new W.Instance(m).exports as { g: WebAssembly.Global }).g;
  const g2 = (new W.Instance(m).exports as { g: WebAssembly.Global }).g;
  assert.notEqual(g1, g2);
  assert.throws(() => { g1.value = 'x'; }, TypeError);
});

test('importedStringConstants: wrong import types are CompileErrors', async () => {
  for (const type of ['(mut externref)', '(mut (ref extern))', 'anyref', '(ref any)', 'funcref', 'i32', 'nullexternref', '(ref noextern)']) {
    const bytes = wat(`(module (import "s" "x" (global ${type})))`);
    assert.equal(await compiles(bytes, { importedStringConstants: 's' }), 'CompileError', type);
    assert.equal(await compiles(bytes), 'ok');
  }
  for (const decl of ['(func)', '(memory 1)', '(table 1 externref)', '(tag)']) {
    assert.equal(await compiles(wat(`(module (import "s" "x" ${decl}))`), { importedStringConstants: 's' }), 'CompileError', decl);
  }
  // String constants win over a builtin set of the same module name.
  const clash = wat(`(module (import "wasm:js-string" "cast" (global externref)) (export "g" (global 0)))`);
  const m = new W.Module(clash, { builtins: ['js-string'], importedStringConstants: 'wasm:js-string' });
  assert.equal((new W.Instance(m).exports as { g: WebAssembly.Global }).g.value, 'cast');
});

// ---- option conversion ---------------------------------------------------------------------

test('options: WebIDL conversion of builtins and importedStringConstants', async () => {
  const probe = wat('(module (import "wasm:js-string" "cast" (func)))');
  // Any iterable of strings; elements ToString'd.
  assert.equal(W.validate(probe, { builtins: new Set(['js-string']) }), false);
  assert.equal(W.validate(probe, { builtins: (function* () { yield 'js-string'; })() }), false);
  assert.equal(W.validate(probe, { builtins: [{ toString: () => 'js-string' }] }), false);
  assert.equal(W.validate(probe, { builtins: undefined }), true);
  // Not an iterable object: TypeError (a string is not an object for WebIDL sequences).
  for (const bad of [null, 'js-string', 5, true, {}, { [Symbol.iterator]: 5 }]) {
    assert.throws(() => W.validate(probe, { builtins: bad }), TypeError, String(bad));
    assert.throws(() => new W.Module(probe, { builtins: bad }), TypeError);
    await assert.rejects(W.compile(probe, { builtins: bad }), TypeError);
  }
  assert.throws(() => W.validate(probe, { builtins: [Symbol('x')] }), TypeError);
  assert.throws(() => W.validate(probe, { importedStringConstants: Symbol('x') }), TypeError);
  assert.throws(() => W.validate(probe, 5 as never), TypeError);
  // An iterator error propagates.
  const boom = { [Symbol.iterator]() { return { next() { throw new RangeError('boom'); } }; } };
  assert.throws(() => W.validate(probe, { builtins: boom }), RangeError);
  // importedStringConstants is ToString'd.
  const numbered = wat('(module (import "42" "x" (global externref)) (export "g" (global 0)))');
  const m = new W.Module(numbered, { importedStringConstants: 42 });
  assert.equal((new W.Instance(m).exports as { g: WebAssembly.Global }).g.value, 'x');
  // Members are read in WebIDL order (lexicographic): builtins, features, importedStringConstants.
  const order: string[] = [];
  const opts = {
    get importedStringConstants() { order.push('importedStringConstants'); return undefined; },
    get features() { order.push('features'); return undefined; },
    get builtins() { order.push('builtins'); return undefined; },
  };
  W.validate(probe, opts);
  assert.deepEqual(order, ['builtins', 'features', 'importedStringConstants']);
  // instantiate(bytes, imports, options) and the async path use the options too.
  const r = await (W.instantiate as Function)(wat('(module (import "wasm:js-string" "length" (func (param externref) (result i32))) (export "l" (func 0)))'), {}, { builtins: ['js-string'] }) as unknown as { instance: { exports: { l: Function } } };
  assert.equal(r.instance.exports.l('abcd'), 4);
});

// ---- wasm:text-encoder / wasm:text-decoder ---------------------------------------------------

const TEXT_SIGS: Sig[] = [
  ['measureStringAsUTF8', [EXT], 'i32'],
  ['encodeStringIntoUTF8Array', [EXT, A8, 'i32'], 'i32'],
  ['encodeStringToUTF8Array', [EXT], '(ref $a8)'],
];

test('text-encoder / text-decoder: UTF-8 through i8 arrays, against TextEncoder/TextDecoder', () => {
  const bytes = wat(`(module ${ARRAY_TYPES}
    (import "wasm:text-encoder" "measureStringAsUTF8" (func $m (param externref) (result i32)))
    (import "wasm:text-encoder" "encodeStringIntoUTF8Array" (func $ei (param externref (ref null $a8) i32) (result i32)))
    (import "wasm:text-encoder" "encodeStringToUTF8Array" (func $et (param externref) (result (ref $a8))))
    (import "wasm:text-decoder" "decodeStringFromUTF8Array" (func $d (param (ref null $a8) i32 i32) (result (ref extern))))
    (export "measure" (func $m)) (export "encodeInto" (func $ei)) (export "encode" (func $et)) (export "decode" (func $d))
    ${ARRAY_HELPERS})`);
  const e = new W.Instance(new W.Module(bytes, { builtins: ['text-encoder', 'text-decoder'] })).exports as Record<string, Function>;
  const bytesOf = (a: unknown) => Array.from({ length: e.lenA(a) }, (_, i) => e.getA8(a, i));
  const r = rng(9);
  const strings = ['', 'a', 'caf\u00e9', '\u263a', '\ud83d\ude00', '\ud800', 'a\udc00b', '\ud800\ud800\udc00', '\ufeffbom'];
  for (let i = 0; i < 100; i++) strings.push(randomString(r, 16));
  for (const s of strings) {
    const expected = Array.from(new TextEncoder().encode(s));
    assert.equal(e.measure(s), expected.length, JSON.stringify(s));
    const a = e.encode(s);
    assert.deepEqual(bytesOf(a), expected);
    const into = e.newA8(expected.length + 3);
    assert.equal(e.encodeInto(s, into, 2), expected.length);
    assert.deepEqual(bytesOf(into).slice(2, 2 + expected.length), expected);
    assert.equal(e.decode(a, 0, expected.length), new TextDecoder().decode(new Uint8Array(expected)));
    assert.equal(e.decode(into, 2, 2 + expected.length), new TextDecoder().decode(new Uint8Array(expected)));
  }
  // Invalid UTF-8 decodes with replacement characters; a leading BOM is dropped.
  const junk = e.newA8(4);
  for (const [i, b] of [0xef, 0xbb, 0xbf, 0xff].entries()) e.setA8(junk, i, b);
  assert.equal(e.decode(junk, 0, 4), '\ufffd');
  assert.equal(e.decode(junk, 1, 4), '\ufffd\ufffd\ufffd');
  // Traps.
  for (const f of [
    () => e.measure(null), () => e.measure(1), () => e.encode(undefined),
    () => e.encodeInto('abc', e.newA8(2), 0), () => e.encodeInto('a', null, 0), () => e.encodeInto('a', e.newA8(1), 1),
    () => e.encodeInto('', e.newA8(1), -1), () => e.encodeInto(7, e.newA8(1), 0),
    () => e.decode(null, 0, 0), () => e.decode(junk, 3, 2), () => e.decode(junk, 0, 5), () => e.decode(junk, -1, 0),
  ]) assert.equal(outcome(f), 'trap');
  assert.equal(e.encodeInto('', e.newA8(1), 1), 0);
  // Types are checked like js-string's.
  assert.equal(W.validate(wrapperModule('wasm:text-encoder', TEXT_SIGS), { builtins: ['text-encoder'] }), true);
  assert.equal(W.validate(wat(`(module (type $a (array i8))
    (import "wasm:text-decoder" "decodeStringFromUTF8Array" (func (param (ref null $a) i32 i32) (result (ref extern)))))`), { builtins: ['text-decoder'] }), false);
});

test('a module compiled with builtins runs on both tiers', async () => {
  const { configure, configuration } = await import('../../src/api/store.js');
  const saved = configuration();
  const bytes = wat(`(module
    (import "wasm:js-string" "concat" (func $cat (param externref externref) (result (ref extern))))
    (import "wasm:js-string" "length" (func $len (param externref) (result i32)))
    (type $a16 (array (mut i16)))
    (import "wasm:js-string" "intoCharCodeArray" (func $into (param externref (ref null $a16) i32) (result i32)))
    (import "wasm:js-string" "fromCharCodeArray" (func $from (param (ref null $a16) i32 i32) (result (ref extern))))
    (func (export "upper") (param $s externref) (result externref) (local $a (ref $a16)) (local $i i32) (local $c i32)
      (local.set $a (array.new_default $a16 (call $len (local.get $s))))
      (drop (call $into (local.get $s) (local.get $a) (i32.const 0)))
      (block $done (loop $l
        (br_if $done (i32.ge_u (local.get $i) (array.len (local.get $a))))
        (local.set $c (array.get_u $a16 (local.get $a) (local.get $i)))
        (if (i32.and (i32.ge_u (local.get $c) (i32.const 97)) (i32.le_u (local.get $c) (i32.const 122)))
          (then (array.set $a16 (local.get $a) (local.get $i) (i32.sub (local.get $c) (i32.const 32)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $l)))
      (call $from (local.get $a) (i32.const 0) (array.len (local.get $a))))
    (func (export "build") (param externref i32) (result i32) (local $s externref)
      (local.set $s (local.get 0))
      (loop $l (local.set $s (call $cat (local.get $s) (local.get 0)))
        (br_if $l (local.tee 1 (i32.sub (local.get 1) (i32.const 1)))))
      (call $len (local.get $s))))`);
  try {
    for (const tier of ['interpreter', 'compiled'] as const) {
      configure({ tier });
      const e = new W.Instance(new W.Module(bytes, { builtins: ['js-string'] })).exports as { build: Function; upper: Function };
      assert.equal(e.build('ab', 1000), 2002, tier);
      for (let k = 0; k < 300; k++) assert.equal(e.upper('hello, w\u00f6rld \ud83d\ude00'), 'HELLO, W\u00f6RLD \ud83d\ude00', tier);
      assert.throws(() => e.build(null, 3), W.RuntimeError);
    }
  } finally {
    configure(saved);
  }
});

test('examples/strings: the demo module greets and orders with builtins only', async () => {
  const { readFileSync } = await import('node:fs');
  const { parseModule } = await import('../../src/text/parse-module.js');
  const { encodeModule } = await import('../../src/binary/encode.js');
  const path = new URL('../../../examples/strings/strings.wat', import.meta.url);
  const bytes = new Uint8Array(encodeModule(parseModule(readFileSync(path, 'utf8'))));
  const options = { builtins: ['js-string'], importedStringConstants: '"' };
  const m = new W.Module(bytes, options);
  assert.deepEqual(W.Module.imports(m), []);
  const e = new W.Instance(m).exports as { greet: Function; order: Function };
  assert.equal(e.greet('W\u00f6rld'), 'Hello, W\u00f6rld! (5 UTF-16 code units)');
  assert.equal(e.order('abc', 'abd'), 'abc comes before abd');
  assert.equal(e.order('b', 'a'), 'b comes after a');
  assert.equal(e.order('x', 'x'), 'x equals x');
  assert.throws(() => e.greet(null), W.RuntimeError);
  // Without the options the module needs an import object with all of it.
  assert.throws(() => new W.Instance(new W.Module(bytes)), TypeError);
});
