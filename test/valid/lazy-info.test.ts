/**
 * Side tables recorded on first use: validateModule checks every body but keeps no
 * per-instruction tables; reading one records the function's tables, equal to an eager check's.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeModule } from '../../src/binary/decode.js';
import { encodeModule } from '../../src/binary/encode.js';
import { CompileError } from '../../src/errors.js';
import { ALL_FEATURES } from '../../src/features.js';
import { LAZY_BODY, type Module } from '../../src/syntax/module.js';
import { parseModule } from '../../src/text/parse-module.js';
import { checkExtraFunction } from '../../src/valid/check-body.js';
import { validateModule } from '../../src/valid/index.js';

const WAT = `(module
  (type $s (struct (field i32)))
  (tag $e (param i32))
  (func $a (param i32) (result i32)
    (block $b (result i32)
      (local.get 0) (br_table $b $b 0 (local.get 0))))
  (func $b (param i32) (result i32) (local (ref null $s))
    (if (result i32) (local.get 0)
      (then (loop $l (br_if $l (i32.eqz (local.get 0)))) (i32.const 1))
      (else (ref.is_null (ref.cast (ref null $s) (local.get 1))))))
  (func (param i32) (result i32)
    (block $h (result i32) (try_table (catch $e $h) (throw $e (local.get 0))) (i32.const 0)))
  (func (result i32) (return_call $a (i32.const 3))))`;

const FIELDS = ['endOf', 'elseOf', 'heights', 'branches', 'blockTypes', 'refTypes'] as const;

function checkAgainstEager(m: Module): void {
  const vm = validateModule(m, ALL_FEATURES);
  vm.funcs.forEach((fi, i) => {
    const f = m.funcs[i];
    const maxHeight = fi.maxHeight; // known without recording
    const eager = checkExtraFunction(vm, f.type, f.locals, f.body, fi.funcIndex);
    assert.equal(maxHeight, eager.maxHeight);
    for (const k of FIELDS) assert.deepEqual(fi[k], eager[k], `func ${i}: ${k}`);
    assert.deepEqual(fi.locals, eager.locals);
    assert.equal(fi.type, eager.type);
    for (const k of FIELDS) assert.equal(fi[k], fi[k], `${k} is recorded once`);
  });
}

test('side tables recorded on first use equal an eager check (decoded module)', () => {
  const m = decodeModule(encodeModule(parseModule(WAT, ALL_FEATURES)), ALL_FEATURES);
  checkAgainstEager(m);
});

test('side tables recorded on first use equal an eager check (module from text)', () => {
  checkAgainstEager(parseModule(WAT, ALL_FEATURES));
});

test('recording one function decodes only that function', () => {
  const m = decodeModule(encodeModule(parseModule(WAT, ALL_FEATURES)), ALL_FEATURES);
  const vm = validateModule(m, ALL_FEATURES);
  assert.equal(vm.funcs[1].endOf.length, m.funcs[1].body.length);
  assert.deepEqual(m.funcs.map(f => f[LAZY_BODY]?.cached !== undefined), [false, true, false, false]);
});

test('invalid bodies: the same errors, first invalid function first', () => {
  const bad = (body: string) => `(module (func $ok (result i32) (i32.const 1)) (func (result i32) ${body}) (func (result i32) (i64.const 0)))`;
  const cases: [string, string, number][] = [
    ['(i64.const 0)', 'type mismatch: instruction requires [i32] but stack has [i64]', 1],
    ['(br 1)', 'unknown label 1', 1],
    ['(local.get 3)', 'unknown local 3', 1],
    ['(i32.const 1)', 'type mismatch: instruction requires [i32] but stack has [i64]', 2],
  ];
  for (const [body, reason, funcIndex] of cases) {
    const bytes = encodeModule(parseModule(bad(body), ALL_FEATURES));
    for (const m of [decodeModule(bytes, ALL_FEATURES), parseModule(bad(body), ALL_FEATURES)]) {
      try {
        validateModule(m, ALL_FEATURES);
        assert.fail(`accepted ${body}`);
      } catch (e) {
        assert.ok(e instanceof CompileError, String(e));
        assert.deepEqual([e.phase, e.reason, e.funcIndex], ['invalid', reason, funcIndex]);
        if (m.bytes) assert.ok(e.offset > 0 && e.offset < bytes.length, `offset ${e.offset}`);
      }
    }
  }
});
