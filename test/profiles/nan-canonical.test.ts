/**
 * The deterministic profile: every NaN-producing instruction of the opcode table (nan-results.ts)
 * returns exactly the positive canonical NaN in both tiers, from NaN operands with payloads and
 * from NaNs the operation generates itself; the full profile keeps propagating payloads.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { OPCODES } from '../../src/syntax/opcodes.js';
import { NAN_RESULT, NanResult } from '../../src/exec/nan-results.js';
import type { Value } from '../../src/runtime/index.js';
import {
  F32_CANON, F64_CANON, TIERS, call, isNaN32, isNaN64, side, u32Lanes, u64Lanes, v128FromU32, v128FromU64, validWat,
} from './helpers.js';

// Negative, payload-carrying NaNs (one signalling): anything but the canonical NaN.
const F32_NAN = 0xffa00001, F64_NAN = 0xfff4000000000001n;

const NAN_OPS = OPCODES.filter(o => NAN_RESULT[o.index] !== NanResult.None);
const ident = (name: string) => name.replace(/\./g, '_');
const WAT_TYPE: Record<string, string> = { f: 'f32', F: 'f64', v: 'v128' };

/** One exported function per NaN-producing instruction, applying it to its parameters. */
const WAT = `(module\n${NAN_OPS.map(o => {
  const ps = o.params!.map(p => WAT_TYPE[p]);
  return `  (func (export "${ident(o.name)}") (param ${ps.join(' ')}) (result ${WAT_TYPE[o.results![0]]})
    (${o.name} ${ps.map((_, i) => `(local.get ${i})`).join(' ')}))`;
}).join('\n')}\n)`;

/** A NaN operand of the instruction's operand type; v128 operands get the NaN in every lane of the right width. */
function nanArg(op: typeof NAN_OPS[number], letter: string): Value {
  if (letter === 'f') return F32_NAN;
  if (letter === 'F') return F64_NAN;
  // a v128 operand: lanes of the operand shape (f64x2.promote_low_f32x4 reads f32 lanes)
  const f32Lanes = op.name === 'f64x2.promote_low_f32x4' || (op.name.startsWith('f32x4.') && op.name !== 'f32x4.demote_f64x2_zero');
  return f32Lanes ? v128FromU32([F32_NAN, F32_NAN, F32_NAN, F32_NAN]) : v128FromU64([F64_NAN, F64_NAN]);
}

/** The NaN results of one call, as [bits, isCanonicalPositive] per NaN scalar or lane. */
function nanResults(kind: NanResult, v: Value): { count: number; canonical: number; payloadKept: number } {
  const out = { count: 0, canonical: 0, payloadKept: 0 };
  const see32 = (b: number) => {
    if (!isNaN32(b)) return;
    out.count++;
    if ((b >>> 0) === F32_CANON) out.canonical++;
    if (((b >>> 0) & 0x3fffff) === (F32_NAN & 0x3fffff)) out.payloadKept++;
  };
  const see64 = (b: bigint) => {
    if (!isNaN64(b)) return;
    out.count++;
    if (BigInt.asUintN(64, b) === F64_CANON) out.canonical++;
    if ((BigInt.asUintN(64, b) & 0x7ffffffffffffn) === (F64_NAN & 0x7ffffffffffffn)) out.payloadKept++;
  };
  if (kind === NanResult.F32) see32(v as number);
  else if (kind === NanResult.F64) see64(v as bigint);
  else if (kind === NanResult.F32x4) u32Lanes(v as Uint8Array).forEach(see32);
  else u64Lanes(v as Uint8Array).forEach(see64);
  return out;
}

test('the NaN-producing instructions are read off the opcode table', () => {
  const names = new Set(NAN_OPS.map(o => o.name));
  for (const n of ['f32.add', 'f64.div', 'f32.sqrt', 'f64.nearest', 'f32.min', 'f32.demote_f64', 'f64.promote_f32',
    'f32x4.add', 'f64x2.sqrt', 'f32x4.demote_f64x2_zero', 'f64x2.promote_low_f32x4', 'f32x4.relaxed_madd', 'f64x2.relaxed_max']) {
    assert.ok(names.has(n), n);
  }
  for (const n of ['f32.neg', 'f64.abs', 'f32.copysign', 'f32x4.pmin', 'f64x2.pmax', 'f32x4.eq', 'f32.load',
    'f32.reinterpret_i32', 'f32.convert_i32_s', 'f32x4.splat', 'f32x4.extract_lane', 'f32x4.convert_i32x4_s', 'f32.const']) {
    assert.ok(!names.has(n), n);
  }
  // 11 scalar operators x 2 widths, promote/demote scalar and SIMD, 4 roundings and 7 arithmetic
  // operators x 2 SIMD shapes, 8 relaxed
  assert.equal(NAN_OPS.length, 56);
});

for (const tier of TIERS) {
  test(`deterministic profile, ${tier} tier: every NaN-producing instruction returns the positive canonical NaN`, () => {
    const vm = validWat(WAT);
    const det = side(vm, tier, 'deterministic'), full = side(vm, tier, 'full');
    const keptInFull: string[] = [];
    for (const o of NAN_OPS) {
      const kind = NAN_RESULT[o.index] as NanResult;
      const args = o.params!.map(p => nanArg(o, p));
      const d = nanResults(kind, call(det, ident(o.name), args)[0]);
      assert.ok(d.count > 0, `${o.name}: no NaN result`);
      assert.equal(d.canonical, d.count, `${o.name}: NaN results not canonical in the deterministic profile`);
      const f = nanResults(kind, call(full, ident(o.name), args)[0]);
      assert.equal(f.count, d.count, `${o.name}: full profile gives a NaN too`);
      if (f.payloadKept === f.count) keptInFull.push(o.name);
    }
    // the full profile is unchanged: scalar arithmetic propagates the input payload (weft's choice)
    for (const ty of ['f32', 'f64']) {
      for (const op of ['add', 'sub', 'mul', 'div', 'sqrt']) assert.ok(keptInFull.includes(`${ty}.${op}`), `${ty}.${op} in the full profile: ${keptInFull}`);
    }
  });

  test(`deterministic profile, ${tier} tier: NaNs the operations generate (inf - inf, 0 / 0, sqrt -1) are positive`, () => {
    const vm = validWat(`(module
      (func (export "sub32") (param f32 f32) (result f32) (f32.sub (local.get 0) (local.get 1)))
      (func (export "div64") (param f64 f64) (result f64) (f64.div (local.get 0) (local.get 1)))
      (func (export "sqrt32") (param f32) (result f32) (f32.sqrt (local.get 0)))
      (func (export "fma") (param f64 f64 f64) (result f64) (local f64)
        (local.set 3 (f64.add (f64.mul (local.get 0) (local.get 1)) (local.get 2))) (local.get 3))
      (func (export "mulv") (param v128 v128) (result v128) (f32x4.mul (local.get 0) (local.get 1)))
      (func (export "demote") (param f64) (result f32) (f32.demote_f64 (local.get 0))))`);
    const det = side(vm, tier, 'deterministic');
    const INF32 = 0x7f800000, INF64 = 0x7ff0000000000000n;
    assert.equal(call(det, 'sub32', [INF32, INF32])[0], F32_CANON);
    assert.equal(call(det, 'div64', [0n, 0n])[0], F64_CANON);
    assert.equal(call(det, 'sqrt32', [0xbf800000])[0], F32_CANON);
    assert.equal(call(det, 'fma', [INF64, 0n, 1n])[0], F64_CANON);
    assert.equal(call(det, 'fma', [F64_NAN, 0n, 1n])[0], F64_CANON);
    assert.deepEqual(u32Lanes(call(det, 'mulv', [v128FromU32([0, INF32, 0x3f800000, 0]), v128FromU32([INF32, 0, 0x40000000, 0])])[0] as Uint8Array),
      [F32_CANON, F32_CANON, 0x40000000, 0]);
    assert.equal(call(det, 'demote', [F64_NAN])[0], F32_CANON);
    // non-NaN results and bit operations are untouched
    assert.equal(call(det, 'sub32', [0x40000000, 0x3f800000])[0], 0x3f800000);
  });
}

test('instructions that only move NaN bits keep them in the deterministic profile', () => {
  const vm = validWat(`(module
    (func (export "neg") (param f32) (result f32) (f32.neg (local.get 0)))
    (func (export "abs") (param f64) (result f64) (f64.abs (local.get 0)))
    (func (export "copysign") (param f32 f32) (result f32) (f32.copysign (local.get 0) (local.get 1)))
    (func (export "pmin") (param v128 v128) (result v128) (f32x4.pmin (local.get 0) (local.get 1)))
    (func (export "reinterpret") (param i32) (result f32) (f32.reinterpret_i32 (local.get 0))))`);
  for (const tier of TIERS) {
    const det = side(vm, tier, 'deterministic');
    assert.equal(call(det, 'neg', [F32_NAN])[0], (F32_NAN ^ 0x80000000) >>> 0);
    assert.equal(call(det, 'abs', [F64_NAN])[0], F64_NAN & 0x7fffffffffffffffn);
    assert.equal(call(det, 'copysign', [F32_NAN, 0])[0], (F32_NAN & 0x7fffffff) >>> 0);
    assert.deepEqual(u32Lanes(call(det, 'pmin', [v128FromU32([F32_NAN, 0, 0, 0]), v128FromU32([0, 0, 0, 0])])[0] as Uint8Array),
      [F32_NAN >>> 0, 0, 0, 0]);
    assert.equal(call(det, 'reinterpret', [F32_NAN])[0], F32_NAN);
  }
});

test('translations are cached per profile: one module, deterministic and full stores interleaved', () => {
  const vm = validWat(`(module (func (export "add") (param f32 f32) (result f32) (f32.add (local.get 0) (local.get 1))))`);
  for (const tier of TIERS) {
    const first = side(vm, tier, 'full'), det = side(vm, tier, 'deterministic'), again = side(vm, tier, undefined);
    for (let i = 0; i < 3; i++) {
      assert.notEqual(call(first, 'add', [F32_NAN, 0])[0], F32_CANON, tier);
      assert.equal(call(det, 'add', [F32_NAN, 0])[0], F32_CANON, tier);
      assert.notEqual(call(again, 'add', [F32_NAN, 0])[0], F32_CANON, tier);
    }
  }
});

test('deferred canonicalisation: raw NaNs never escape through locals, branches, calls, memory or select', () => {
  // Each export produces a NaN with a payload by arithmetic and lets it reach the outside another way.
  const vm = validWat(`(module
    (memory 1)
    (func $id (param f64) (result f64) (local.get 0))
    (func (export "via_local") (param f64) (result i64) (local f64)
      (local.set 1 (f64.mul (local.get 0) (f64.const 2)))
      (i64.reinterpret_f64 (local.get 1)))
    (func (export "via_branch") (param f64) (result f64) (local f64)
      (local.set 1 (f64.add (local.get 0) (f64.const 1)))
      (block (br_if 0 (f64.lt (local.get 1) (f64.const 0))))
      (local.get 1))
    (func (export "via_loop") (param f64) (result i64) (local f64 i32)
      (local.set 1 (local.get 0))
      (loop $l
        (local.set 1 (f64.sub (local.get 1) (f64.const 1)))
        (br_if $l (i32.lt_u (local.tee 2 (i32.add (local.get 2) (i32.const 1))) (i32.const 3))))
      (f64.store (i32.const 8) (local.get 1))
      (i64.load (i32.const 8)))
    (func (export "via_call") (param f64) (result f64) (call $id (f64.div (local.get 0) (f64.const 3))))
    (func (export "via_select") (param f64 i32) (result f64)
      (select (f64.sqrt (local.get 0)) (f64.const 1) (local.get 1)))
    (func (export "via_f32_store") (param f32) (result i32)
      (f32.store (i32.const 0) (f32.add (f32.mul (local.get 0) (local.get 0)) (local.get 0)))
      (i32.load (i32.const 0))))`);
  for (const tier of TIERS) {
    const det = side(vm, tier, 'deterministic');
    const c64 = BigInt.asIntN(64, F64_CANON);
    assert.equal(call(det, 'via_local', [F64_NAN])[0], c64, tier);
    assert.equal(call(det, 'via_branch', [F64_NAN])[0], F64_CANON, tier);
    assert.equal(call(det, 'via_loop', [F64_NAN])[0], c64, tier);
    assert.equal(call(det, 'via_call', [F64_NAN])[0], F64_CANON, tier);
    assert.equal(call(det, 'via_select', [F64_NAN, 1])[0], F64_CANON, tier);
    assert.equal(call(det, 'via_select', [0xbff0000000000000n, 1])[0], F64_CANON, tier); // sqrt(-1)
    assert.equal(call(det, 'via_f32_store', [F32_NAN])[0], F32_CANON, tier);
  }
});
