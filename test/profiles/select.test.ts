/**
 * Choosing a profile: features.ts (applyProfile and friends), `new Store({ profile })`, the JS
 * API's `configure({ profile })`, and what each profile rules out (scalar: v128 modules fail to
 * compile; deterministic: threads), with bad profile names rejected everywhere.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  ALL_FEATURES, DEFAULT_FEATURES, PROFILES, applyProfile, isDeterministic, parseProfiles, profileFeatures, profileList,
} from '../../src/features.js';
import { Store } from '../../src/runtime/index.js';
import { CompileError } from '../../src/errors.js';
import { decodeModule } from '../../src/binary/decode.js';
import { encodeModule } from '../../src/binary/encode.js';
import { validateModule } from '../../src/valid/index.js';
import { parseModule } from '../../src/text/parse-module.js';
import { ParseError } from '../../src/errors.js';
import { WebAssembly, configure, configuration } from '../../src/api/index.js';

const V128_WAT = '(module (func (export "f") (param v128) (result v128) (local.get 0)))';
const SIMD_OP_WAT = '(module (func (export "f") (result i32) (i32x4.extract_lane 0 (v128.const i32x4 1 2 3 4))))';
const SHARED_WAT = '(module (memory 1 1 shared) (func (export "f") (result i32) (i32.atomic.load (i32.const 0))))';
const PLAIN_WAT = '(module (func (export "f") (result f32) (f32.const 1)))';
const bin = (wat: string) => encodeModule(parseModule(wat, ALL_FEATURES)) as Uint8Array<ArrayBuffer>;

test('profiles as feature omissions, in one place', () => {
  assert.deepEqual([...PROFILES], ['full', 'deterministic', 'scalar']);
  assert.deepEqual(profileFeatures(undefined), {});
  assert.deepEqual(profileFeatures('full'), {});
  assert.deepEqual(profileFeatures('scalar'), { simd: false, 'relaxed-simd': false });
  assert.deepEqual(profileFeatures('deterministic'), { threads: false, 'shared-everything': false });
  // an intersection omits the union of what each omits
  assert.deepEqual(profileFeatures(['deterministic', 'scalar']), { threads: false, 'shared-everything': false, simd: false, 'relaxed-simd': false });
  assert.equal(applyProfile(DEFAULT_FEATURES, 'full'), DEFAULT_FEATURES);
  const s = applyProfile(ALL_FEATURES, 'scalar');
  assert.equal(s.simd, false);
  assert.equal(s.gc, true);
  assert.ok(isDeterministic(['scalar', 'deterministic']));
  assert.ok(!isDeterministic('scalar') && !isDeterministic(undefined));
  assert.deepEqual(parseProfiles('deterministic, scalar'), ['deterministic', 'scalar']);
  assert.deepEqual(parseProfiles(''), []);
});

test('bad profile names and shapes are TypeErrors', () => {
  assert.throws(() => parseProfiles('deterministic,bogus'), TypeError);
  assert.throws(() => profileList('Deterministic' as never), TypeError);
  assert.throws(() => profileList([42] as never), TypeError);
  assert.throws(() => profileList({} as never), TypeError);
  assert.throws(() => new Store({ profile: 'nope' as never }), TypeError);
  assert.throws(() => configure({ profile: ['scalar', 'x'] as never }), TypeError);
  assert.equal(configuration().profile, undefined); // the failed configure changed nothing
});

test('the scalar profile: v128 types and instructions fail to compile (binary malformed, text unknown type)', () => {
  const store = new Store({ profile: 'scalar' });
  assert.equal(store.features.simd, false);
  assert.equal(store.features['relaxed-simd'], false);
  assert.equal(store.deterministic, false);
  for (const wat of [V128_WAT, SIMD_OP_WAT]) {
    assert.throws(() => validateModule(decodeModule(bin(wat), store.features), store.features), CompileError);
    assert.throws(() => parseModule(wat, store.features), ParseError);
  }
  const plain = decodeModule(bin(PLAIN_WAT), store.features);
  validateModule(plain, store.features);
});

test('the deterministic profile rules out threads (the proposal\'s {N, T})', () => {
  const store = new Store({ profile: 'deterministic' });
  assert.ok(store.deterministic);
  assert.equal(store.features.threads, false);
  assert.throws(() => validateModule(decodeModule(bin(SHARED_WAT), store.features), store.features), CompileError);
  assert.equal(new Store({ profile: ['deterministic', 'scalar'] }).features.simd, false);
});

test('JS API: configure({ profile }) applies to modules compiled afterwards, and back', async () => {
  try {
    configure({ profile: 'scalar' });
    assert.deepEqual(configuration().profile, 'scalar');
    assert.equal(WebAssembly.validate(bin(V128_WAT)), false);
    assert.throws(() => new WebAssembly.Module(bin(SIMD_OP_WAT)), WebAssembly.CompileError);
    await assert.rejects(WebAssembly.compile(bin(V128_WAT)), WebAssembly.CompileError);
    assert.ok(WebAssembly.validate(bin(PLAIN_WAT)));

    configure({ profile: 'deterministic' });
    assert.throws(() => new WebAssembly.Module(bin(SHARED_WAT)), WebAssembly.CompileError);
    const { instance } = await WebAssembly.instantiate(bin(`(module
      (func (export "nan") (param f64) (result i64) (i64.reinterpret_f64 (f64.add (local.get 0) (f64.const 1)))))`));
    const nan = (instance.exports as { nan: (x: number) => bigint }).nan;
    assert.equal(BigInt.asUintN(64, nan(NaN)), 0x7ff8000000000000n);
  } finally {
    configure({});
  }
  assert.ok(WebAssembly.validate(bin(V128_WAT)));
  assert.ok(WebAssembly.validate(bin(SHARED_WAT)));
});
