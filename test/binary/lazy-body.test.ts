/**
 * Lazily decoded function bodies: decodeModule checks every body but builds a function's
 * instructions only when `body` is first read; errors are exactly those of an eager decode.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { decodeModule } from '../../src/binary/decode.js';
import { CodeReader } from '../../src/binary/decode-code.js';
import { TypeReader } from '../../src/binary/decode-types.js';
import { encodeModule } from '../../src/binary/encode.js';
import { Reader } from '../../src/binary/reader.js';
import { CompileError } from '../../src/errors.js';
import { ALL_FEATURES, type FeatureSet } from '../../src/features.js';
import { LAZY_BODY, type Expr, type Func } from '../../src/syntax/module.js';
import { parseModule } from '../../src/text/parse-module.js';
import { validateModule } from '../../src/valid/index.js';

const HEADER = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
/** type 0: [] -> []; two functions of type 0; then the code section's bodies (each < 128 bytes). */
function twoFuncs(a: number[], b: number[], extra: number[] = []): Uint8Array {
  const code = [2, a.length, ...a, b.length, ...b];
  return Uint8Array.from([...HEADER, 1, 4, 1, 0x60, 0, 0, 3, 3, 2, 0, 0, 10, code.length, ...code, ...extra]);
}

function compileError(f: () => unknown): CompileError {
  try {
    f();
  } catch (e) {
    if (e instanceof CompileError) return e;
    throw e;
  }
  assert.fail('expected a CompileError');
}

/** The body at `f.codeStart` decoded eagerly, as the decoder did before bodies were lazy. */
function eagerBody(bytes: Uint8Array, f: Func, features: FeatureSet): Expr {
  const r = new Reader(bytes, f.codeStart);
  return new CodeReader(r, new TypeReader(r, features), features).expr();
}

const WAT = `(module
  (type $t (func (param i32) (result i32)))
  (memory 1)
  (data "abc")
  (func $a (param i32) (result i32)
    (block $b (result i32)
      (local.get 0) (br_table $b $b 0 (local.get 0))))
  (func $b (param i32) (result i32) (local i64 f64 v128)
    (local.set 1 (i64.const -123456789012))
    (local.set 2 (f64.const 1.5))
    (local.set 3 (v128.const i32x4 1 2 3 4))
    (if (result i32) (local.get 0)
      (then (i32.load offset=8 (local.get 0)))
      (else (memory.init 0 (i32.const 0) (i32.const 0) (i32.const 1)) (i32.const 7))))
  (func (param i32) (result i32)
    (block $h (try_table (catch_all $h) (call $a (local.get 0)) (drop)))
    (i32x4.extract_lane 3 (i8x16.shuffle 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 31 (v128.const i64x2 1 2) (v128.const i64x2 3 4)))))`;

test('a decoded body is built on first read, equals an eager decode, and is kept', () => {
  const bytes = encodeModule(parseModule(WAT, ALL_FEATURES));
  const m = decodeModule(bytes, ALL_FEATURES);
  assert.equal(m.funcs.length, 3);
  for (const f of m.funcs) assert.equal(f[LAZY_BODY]?.cached, undefined, 'nothing decoded by decodeModule');
  validateModule(m, ALL_FEATURES);
  for (const f of m.funcs) assert.equal(f[LAZY_BODY]?.cached, undefined, 'nor kept by validateModule');
  for (const f of m.funcs) {
    const body = f.body;
    assert.deepEqual(body, eagerBody(bytes, f, ALL_FEATURES));
    assert.equal(f.body, body, 'decoded once, then the same array');
    assert.equal(f[LAZY_BODY]?.cached, body);
  }
  // Compares and spreads like a plain Func (the accessor is an own enumerable property).
  const f = m.funcs[1];
  assert.deepEqual({ ...f }, { type: f.type, locals: f.locals, body: f.body, offset: f.offset, codeStart: f.codeStart, end: f.end });
  assert.deepEqual(Object.keys(f).sort(), ['body', 'codeStart', 'end', 'locals', 'offset', 'type']);
  // A frozen function decodes and keeps its body too (the cache is not on the function).
  const g = Object.freeze(decodeModule(bytes, ALL_FEATURES).funcs[2]);
  assert.deepEqual(g.body, eagerBody(bytes, g, ALL_FEATURES));
  assert.equal(g.body, g.body);
});

test('a module re-encoded from lazily decoded bodies is byte-identical', () => {
  const bytes = encodeModule(parseModule(WAT, ALL_FEATURES));
  assert.deepEqual(encodeModule(decodeModule(bytes, ALL_FEATURES)), bytes);
});

test('every body of the bundled C programs decodes lazily as it did eagerly', () => {
  for (const name of ['hello', 'primes', 'trap', 'wc']) {
    const bytes = readFileSync(new URL(`../../../examples/${name}.wasm`, import.meta.url));
    const m = decodeModule(bytes, ALL_FEATURES);
    validateModule(m, ALL_FEATURES);
    assert.ok(m.funcs.length > 10);
    for (const f of m.funcs) assert.deepEqual(f.body, eagerBody(bytes, f, ALL_FEATURES), `${name}: function at ${f.offset}`);
  }
});

test('modules from text keep plain bodies', () => {
  const m = parseModule(WAT, ALL_FEATURES);
  for (const f of m.funcs) {
    assert.equal(f[LAZY_BODY], undefined);
    assert.ok(Array.isArray(Object.getOwnPropertyDescriptor(f, 'body')?.value));
  }
});

test('malformed bodies are rejected by decodeModule with the eager decoder\'s errors', () => {
  // An illegal opcode in function 1 wins over an invalid (but well-formed) function 0: decoding
  // comes first, and checks every body.
  let e = compileError(() => validateModule(decodeModule(twoFuncs([0, 0x6a, 0x0b], [0, 0x27, 0x0b]))));
  assert.deepEqual([e.phase, e.reason, e.offset, e.funcIndex], ['malformed', 'illegal opcode 27', 28, 1]);
  // Well-formed everywhere: the invalid function 0 is what validation reports, at its offset.
  e = compileError(() => validateModule(decodeModule(twoFuncs([0, 0x6a, 0x0b], [0, 0x01, 0x1a, 0x0b]))));
  assert.deepEqual([e.phase, e.reason, e.offset, e.funcIndex], ['invalid', 'type mismatch: instruction requires [i32] but stack has []', 24, 0]);
  // Two invalid bodies: the first one is reported.
  e = compileError(() => validateModule(decodeModule(twoFuncs([0, 0x6a, 0x0b], [0, 0x1a, 0x0b]))));
  assert.deepEqual([e.phase, e.offset, e.funcIndex], ['invalid', 24, 0]);
  // Expected values below are what the eager decoder reported (checked against it).
  // Immediates the skim steps over (f64, v128) still run out where the eager decoder did.
  e = compileError(() => decodeModule(twoFuncs([0, 0x44, 0, 0, 0], [0, 0x0b]), ALL_FEATURES));
  assert.deepEqual([e.phase, e.reason, e.offset, e.funcIndex], ['malformed', 'unexpected end of section or function', 31, 0]);
  e = compileError(() => decodeModule(Uint8Array.from([...HEADER, 1, 4, 1, 0x60, 0, 0, 3, 2, 1, 0, 10, 6, 1, 4, 0, 0xfd, 0x0c, 0]), ALL_FEATURES));
  assert.deepEqual([e.phase, e.reason, e.offset, e.funcIndex], ['malformed', 'unexpected end of section or function', 26, 0]);
  // Block structure and the body size are checked too.
  e = compileError(() => decodeModule(twoFuncs([0, 0x05, 0x0b], [0, 0x0b])));
  assert.deepEqual([e.reason, e.offset, e.funcIndex], ['END opcode expected', 24, 0]);
  e = compileError(() => decodeModule(twoFuncs([0, 0x0b, 0x01], [0, 0x0b])));
  assert.deepEqual([e.reason, e.offset, e.funcIndex], ['section size mismatch', 25, 0]);
});

test('memory.init and data.drop in a skimmed body still need a data count section', () => {
  // data.drop 0 in function 1 and no data count section: reported at the instruction, after
  // the data section (which comes later) was read.
  const data = [11, 4, 1, 1, 1, 0x61];
  const e = compileError(() => decodeModule(twoFuncs([0, 0x0b], [0, 0xfc, 0x09, 0, 0x0b], data)));
  assert.deepEqual([e.phase, e.reason, e.offset], ['malformed', 'data count section required', 27]);
  const withCount = Uint8Array.from([...HEADER, 1, 4, 1, 0x60, 0, 0, 3, 3, 2, 0, 0, 12, 1, 1,
    10, 10, 2, 2, 0, 0x0b, 5, 0, 0xfc, 0x09, 0, 0x0b, ...data]);
  const m = decodeModule(withCount);
  validateModule(m);
  assert.equal(m.funcs[1].body.length, 2);
});
