/**
 * Shared-everything-threads: the official proposal scripts (those that can link against the
 * spectest module, see below), weft's own run-time script test/wast/shared/rmw.wast in both tiers,
 * and the binary form of the memory-order immediate.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, resolve } from 'node:path';
import { runWastFile } from '../../src/script/node-files.js';
import { failureLines } from '../../src/script/result.js';
import { createEngine } from '../../src/script/engines.js';
import { ALL_FEATURES, DEFAULT_FEATURES } from '../../src/features.js';
import { parseModule } from '../../src/text/parse-module.js';
import { encodeModule } from '../../src/binary/encode.js';
import { decodeModule } from '../../src/binary/decode.js';
import { printModule } from '../../src/text/print.js';
import { OPCODES } from '../../src/syntax/opcodes.js';
import { CompileError } from '../../src/errors.js';

const OWN = resolve(dirname(fileURLToPath(import.meta.url)), '../../../test/wast/shared');
const SUITE = resolve(process.env.WEFT_TESTSUITE ?? '/work/shared/testsuite', 'proposals/shared-everything-threads');

// The other four scripts (shared-funcs/globals/tables/types) import spectest entities that exist
// in no spectest module (e.g. `global_f32` as `(shared i32)`, `global_mut_t` as `(ref $t)`):
// they come from a validation-only runner and cannot instantiate here.
const OFFICIAL = ['shared-arrays.wast', 'shared-builtins.wast', 'shared-gc-unreachable.wast', 'shared-i31.wast',
  'shared-polymorphism.wast', 'shared-ref-equivalence.wast', 'shared-structs.wast'];

for (const name of OFFICIAL) {
  test(`official ${name} passes`, { skip: !existsSync(SUITE) }, () => {
    const engine = createEngine('internal', { features: ALL_FEATURES });
    const r = runWastFile({ path: resolve(SUITE, name), name }, engine, { features: ALL_FEATURES });
    assert.deepEqual(failureLines(r), []);
  });
}

for (const tier of ['interpreter', 'compiled'] as const) {
  test(`rmw.wast: atomic read-modify-writes (${tier})`, () => {
    const engine = createEngine('internal', { features: ALL_FEATURES, tier });
    const r = runWastFile({ path: resolve(OWN, 'rmw.wast'), name: 'rmw.wast' }, engine, { features: ALL_FEATURES });
    assert.deepEqual(failureLines(r), []);
    assert.ok(r.passed >= 16, `only ${r.passed} commands ran`);
  });
}

const TEXT = `(module
  (type $s (shared (struct (field (mut i32)))))
  (global $g (shared mut i32) (i32.const 0))
  (func (param (ref $s)) (result i32 i32 i32)
    (global.atomic.rmw.add acq_rel $g (i32.const 1))
    (struct.atomic.get seq_cst $s 0 (local.get 0))
    (i31.get_u (ref.i31_shared (i32.const 1)))))`;

test('memory orders: one byte, doubled in the nibbles of an RMW, and back to text', () => {
  const bytes = encodeModule(parseModule(TEXT, ALL_FEATURES));
  const hex = Buffer.from(bytes).toString('hex');
  assert.ok(hex.includes('fe5111'), 'global.atomic.rmw.add acq_rel encodes order 0x11');
  assert.ok(hex.includes('fe5c00'), 'struct.atomic.get seq_cst encodes order 0x00');
  assert.ok(hex.includes('fb1f'), 'ref.i31_shared is 0xfb 0x1f');
  const m = decodeModule(bytes, ALL_FEATURES);
  const names = m.funcs[0].body.map(i => OPCODES[i.op].name);
  assert.deepEqual(names.filter(n => n.includes('atomic') || n.includes('shared')),
    ['global.atomic.rmw.add', 'struct.atomic.get', 'ref.i31_shared']);
  const text = printModule(m);
  assert.match(text, /global\.atomic\.rmw\.add acq_rel/);
  assert.match(text, /struct\.atomic\.get seq_cst/);
});

test('a mismatched RMW order byte is malformed', () => {
  const bytes = encodeModule(parseModule(TEXT, ALL_FEATURES));
  const at = Buffer.from(bytes).indexOf(Buffer.from([0xfe, 0x51, 0x11]));
  bytes[at + 2] = 0x01;
  assert.throws(() => decodeModule(bytes, ALL_FEATURES), (e: unknown) => e instanceof CompileError && e.phase === 'malformed');
});

test('shared-everything is off by default', () => {
  assert.throws(() => parseModule(TEXT, DEFAULT_FEATURES));
});

test('segment flag bit 3 marks a shared data/element segment (binary only)', () => {
  const m = parseModule(`(module (type $f (shared (func))) (func (type $f) (data.drop 0))
    (data "ab") (elem (ref null (shared func)) (ref.null (shared func))))`, ALL_FEATURES);
  const shared = { ...m, datas: m.datas.map(d => ({ ...d, shared: true })), elems: m.elems.map(e => ({ ...e, shared: true })) };
  const back = decodeModule(encodeModule(shared), ALL_FEATURES);
  assert.equal(back.datas[0].shared, true);
  assert.equal(back.elems[0].shared, true);
  assert.equal(decodeModule(encodeModule(m), ALL_FEATURES).datas[0].shared, undefined);
  // The bit is malformed without the feature.
  assert.throws(() => decodeModule(encodeModule(shared), DEFAULT_FEATURES), (e: unknown) => e instanceof CompileError && e.phase === 'malformed');
});

test('shared functions may only touch shared segments; shared element segments need shared types', async () => {
  const { validateModule } = await import('../../src/valid/validate.js');
  const m = parseModule(`(module (type $f (shared (func))) (func (type $f) (data.drop 0)) (data "ab"))`, ALL_FEATURES);
  assert.throws(() => validateModule(m, ALL_FEATURES), /shared functions cannot access unshared data segments/);
  validateModule({ ...m, datas: m.datas.map(d => ({ ...d, shared: true })) }, ALL_FEATURES);
  const e = parseModule(`(module (elem funcref (ref.null func)))`, ALL_FEATURES);
  assert.throws(() => validateModule({ ...e, elems: e.elems.map(s => ({ ...s, shared: true })) }, ALL_FEATURES), /shared element type/);
});

test('text: `(data shared ...)` parses, prints and encodes with bit 3', () => {
  const m = parseModule(`(module (memory 1) (data shared "a") (data (i32.const 0) shared "b") (data "c"))`, ALL_FEATURES);
  assert.deepEqual(m.datas.map(d => !!d.shared), [true, true, false]);
  const bytes = encodeModule(m);
  assert.deepEqual(decodeModule(bytes, ALL_FEATURES).datas.map(d => !!d.shared), [true, true, false]);
  const text = printModule(m);
  assert.match(text, /\(data (\(;0;\) )?shared "a"\)/);
  assert.match(text, /\(data (\(;1;\) )?\(i32\.const 0\) shared "b"\)/);
});
