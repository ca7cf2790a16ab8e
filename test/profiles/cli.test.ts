/**
 * Profiles from the outside: the script runner's classification under the deterministic profile,
 * and `weft wast|run|validate --profile` as child processes (bad names are usage errors).
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runWast } from '../../src/script/run-text.js';
import { DETERMINISTIC_NAN } from '../../src/script/run.js';
import { createEngine } from '../../src/script/engines.js';
import { encodeModule } from '../../src/binary/encode.js';
import { parseModule } from '../../src/text/parse-module.js';
import { ALL_FEATURES } from '../../src/features.js';

const BIN = fileURLToPath(new URL('../../../bin/weft.js', import.meta.url));
let dir = '';
const at = (name: string) => join(dir, name);

function weft(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: dir, timeout: 30_000 });
  return { code: r.status, stdout: r.stdout.toString(), stderr: r.stderr.toString() };
}

// One assertion per kind of NaN expectation, on f32.add of a NaN with a payload.
const SCRIPT = `(module
  (func (export "add") (param f32 f32) (result f32) (f32.add (local.get 0) (local.get 1)))
  (func (export "neg") (param f32) (result f32) (f32.neg (local.get 0))))
(assert_return (invoke "add" (f32.const -nan:0x200001) (f32.const 1)) (f32.const nan:arithmetic))
(assert_return (invoke "add" (f32.const inf) (f32.const -inf)) (f32.const nan:canonical))
(assert_return (invoke "add" (f32.const nan:0x200000) (f32.const 1)) (f32.const nan:0x600000))
(assert_return (invoke "add" (f32.const inf) (f32.const -inf)) (f32.const -nan))
(assert_return (invoke "neg" (f32.const nan:0x200000)) (f32.const -nan:0x200000))
(assert_return (invoke "add" (f32.const 1) (f32.const 1)) (f32.const 3))
`;

const NAN_F64_WAT = `(module (func (export "f") (result i64)
  (i64.reinterpret_f64 (f64.add (f64.const -nan:0x4000000000001) (f64.const 1)))))`;
const V128_WAT = '(module (func (export "f") (param v128) (result v128) (local.get 0)))';

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'weft-profiles-'));
  writeFileSync(at('nan.wast'), SCRIPT);
  writeFileSync(at('nan.wat'), NAN_F64_WAT);
  writeFileSync(at('v128.wat'), V128_WAT);
  writeFileSync(at('v128.wasm'), encodeModule(parseModule(V128_WAT, ALL_FEATURES)));
});

after(() => rmSync(dir, { recursive: true, force: true }));

test('runner: under the deterministic profile only specific non-canonical NaN expectations are skipped', () => {
  for (const tier of ['interpreter', 'compiled'] as const) {
    const det = runWast(SCRIPT, 'nan.wast', createEngine('internal', { tier, profile: ['deterministic'] }), { deterministic: true });
    // arithmetic/canonical patterns and bit moves pass; the wrong sum really fails
    assert.equal(det.passed, 4, tier);
    assert.equal(det.skipped, 2, tier);
    assert.equal(det.skipReasons.get(DETERMINISTIC_NAN), 2, tier);
    assert.equal(det.failed, 1, tier);
    // without the option the same mismatches are failures
    const strict = runWast(SCRIPT, 'nan.wast', createEngine('internal', { tier, profile: ['deterministic'] }));
    assert.equal(strict.failed, 3, tier);
  }
});

test('weft wast --profile: skips are counted; bad profiles are usage errors', () => {
  const r = weft('wast', '--profile', 'deterministic', 'nan.wast');
  assert.equal(r.code, 1, r.stderr); // the one genuine failure
  assert.match(r.stdout, /4 passed, 1 failed, 2 skipped \(2 expects a NaN other than the deterministic profile's canonical one\)/);
  const bad = weft('wast', '--profile', 'fast', 'nan.wast');
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /unknown profile "fast"/);
  assert.equal(weft('wast', '--profile').code, 2);
});

test('weft run --profile deterministic canonicalises; scalar rejects v128; bad names are usage errors', () => {
  const det = weft('run', '--profile', 'deterministic', '--invoke', 'f', 'nan.wat');
  assert.equal(det.code, 0, det.stderr);
  assert.equal(det.stdout.trim(), String(0x7ff8000000000000n));
  const full = weft('run', '--invoke', 'f', 'nan.wat');
  assert.equal(full.code, 0, full.stderr);
  assert.notEqual(full.stdout.trim(), String(0x7ff8000000000000n));
  const scalar = weft('run', '--profile', 'scalar', '--invoke', 'f', 'v128.wasm');
  assert.equal(scalar.code, 1);
  assert.equal(scalar.stderr.trim().split('\n').length, 1, scalar.stderr);
  const bad = weft('run', '--profile', 'turbo', 'nan.wat');
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--profile: unknown profile "turbo"/);
});

test('weft validate --profile scalar: v128 is invalid in text and binary; bad names fail with one line', () => {
  assert.equal(weft('validate', 'v128.wat', 'v128.wasm').code, 0);
  for (const f of ['v128.wat', 'v128.wasm']) {
    const r = weft('validate', '--profile', 'scalar', f);
    assert.equal(r.code, 1);
    assert.match(r.stderr, new RegExp(`^${f.replace('.', '\\.')}: error: `));
    assert.equal(r.stderr.trim().split('\n').length, 1);
  }
  assert.equal(weft('validate', '--profile', 'deterministic', 'v128.wasm').code, 0);
  const bad = weft('validate', '--profile', 'tiny', 'v128.wat');
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /unknown profile "tiny"/);
});
