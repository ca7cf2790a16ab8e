/**
 * Relaxed SIMD under the deterministic profile: the spec prescribes choice 0 of every
 * `relaxed(R)[...]` (numerics, "Relaxed operations"), which makes each relaxed instruction behave
 * like its strict counterpart. weft takes that choice in every profile, so the deterministic
 * profile costs nothing here; this checks it, in both tiers, on pseudo-random and edge inputs.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TIERS, call, side, validWat, u32Lanes, v128FromU32 } from './helpers.js';
import { rng } from '../jit/helpers.js';

/** Pairs (relaxed, strict equivalent) as functions of the same operands. */
const PAIRS: readonly [string, number, string][] = [
  ['i8x16.relaxed_swizzle', 2, '(i8x16.swizzle (local.get 0) (local.get 1))'],
  ['i32x4.relaxed_trunc_f32x4_s', 1, '(i32x4.trunc_sat_f32x4_s (local.get 0))'],
  ['i32x4.relaxed_trunc_f32x4_u', 1, '(i32x4.trunc_sat_f32x4_u (local.get 0))'],
  ['i32x4.relaxed_trunc_f64x2_s_zero', 1, '(i32x4.trunc_sat_f64x2_s_zero (local.get 0))'],
  ['i32x4.relaxed_trunc_f64x2_u_zero', 1, '(i32x4.trunc_sat_f64x2_u_zero (local.get 0))'],
  ['f32x4.relaxed_madd', 3, '(f32x4.add (f32x4.mul (local.get 0) (local.get 1)) (local.get 2))'],
  ['f32x4.relaxed_nmadd', 3, '(f32x4.add (f32x4.mul (f32x4.neg (local.get 0)) (local.get 1)) (local.get 2))'],
  ['f64x2.relaxed_madd', 3, '(f64x2.add (f64x2.mul (local.get 0) (local.get 1)) (local.get 2))'],
  ['f64x2.relaxed_nmadd', 3, '(f64x2.add (f64x2.mul (f64x2.neg (local.get 0)) (local.get 1)) (local.get 2))'],
  ['i8x16.relaxed_laneselect', 3, '(v128.bitselect (local.get 0) (local.get 1) (local.get 2))'],
  ['i16x8.relaxed_laneselect', 3, '(v128.bitselect (local.get 0) (local.get 1) (local.get 2))'],
  ['i32x4.relaxed_laneselect', 3, '(v128.bitselect (local.get 0) (local.get 1) (local.get 2))'],
  ['i64x2.relaxed_laneselect', 3, '(v128.bitselect (local.get 0) (local.get 1) (local.get 2))'],
  ['f32x4.relaxed_min', 2, '(f32x4.min (local.get 0) (local.get 1))'],
  ['f32x4.relaxed_max', 2, '(f32x4.max (local.get 0) (local.get 1))'],
  ['f64x2.relaxed_min', 2, '(f64x2.min (local.get 0) (local.get 1))'],
  ['f64x2.relaxed_max', 2, '(f64x2.max (local.get 0) (local.get 1))'],
  ['i16x8.relaxed_q15mulr_s', 2, '(i16x8.q15mulr_sat_s (local.get 0) (local.get 1))'],
  // relaxed dot, choice 0: signed x signed, pair sums saturating to i16 (ivdotsat)
  ['i16x8.relaxed_dot_i8x16_i7x16_s', 2, `(i16x8.add_sat_s
      (i16x8.extmul_low_i8x16_s (i8x16.shuffle 0 2 4 6 8 10 12 14 0 0 0 0 0 0 0 0 (local.get 0) (local.get 0))
                                (i8x16.shuffle 0 2 4 6 8 10 12 14 0 0 0 0 0 0 0 0 (local.get 1) (local.get 1)))
      (i16x8.extmul_low_i8x16_s (i8x16.shuffle 1 3 5 7 9 11 13 15 0 0 0 0 0 0 0 0 (local.get 0) (local.get 0))
                                (i8x16.shuffle 1 3 5 7 9 11 13 15 0 0 0 0 0 0 0 0 (local.get 1) (local.get 1))))`],
];

const WAT = `(module
${PAIRS.map(([name, n, strict], i) => {
  const ps = Array(n).fill('v128').join(' ');
  return `  (func (export "r${i}") (param ${ps}) (result v128) (${name} ${Array.from({ length: n }, (_, k) => `(local.get ${k})`).join(' ')}))
  (func (export "s${i}") (param ${ps}) (result v128) ${strict})`;
}).join('\n')}
  (func (export "dot_add") (param v128 v128 v128) (result v128) (i32x4.relaxed_dot_i8x16_i7x16_add_s (local.get 0) (local.get 1) (local.get 2)))
)`;

/** Random words with edge values mixed in (NaNs, infinities, -0, extremes of each lane width). */
const EDGES = [0, 0x80000000, 0x7fc00000, 0xffa00001, 0x7f800000, 0xff800000, 0x4f800000, 0xcf000001, 0x80808080, 0x7f7f7f7f, 0x80008000, 0xffffffff, 0x10101010];

for (const tier of TIERS) {
  test(`deterministic profile, ${tier} tier: each relaxed instruction behaves like its strict counterpart`, () => {
    const det = side(validWat(WAT), tier, 'deterministic');
    const next = rng(7);
    const word = () => (next() % 3 === 0 ? EDGES[next() % EDGES.length] : next());
    for (let round = 0; round < 60; round++) {
      const args = [0, 1, 2].map(() => v128FromU32([word(), word(), word(), word()]));
      PAIRS.forEach(([name, n], i) => {
        const a = args.slice(0, n);
        assert.deepEqual(u32Lanes(call(det, `r${i}`, a)[0] as Uint8Array), u32Lanes(call(det, `s${i}`, a)[0] as Uint8Array), `${name} on ${a.map(v => u32Lanes(v).map(x => x.toString(16)))}`);
      });
    }
  });

  test(`relaxed dot products saturate their i16 pair sums (spec choice 0), ${tier} tier`, () => {
    const det = side(validWat(WAT), tier, 'deterministic');
    const dot = PAIRS.findIndex(p => p[0] === 'i16x8.relaxed_dot_i8x16_i7x16_s');
    const m128 = v128FromU32([0x80808080, 0x80808080, 0x80808080, 0x80808080]);
    // (-128 * -128) * 2 = 32768 saturates to 32767 in every i16 lane
    assert.deepEqual(u32Lanes(call(det, `r${dot}`, [m128, m128])[0] as Uint8Array), [0x7fff7fff, 0x7fff7fff, 0x7fff7fff, 0x7fff7fff]);
    // dot_add: two saturated sums (32767 each) plus c
    assert.deepEqual(u32Lanes(call(det, 'dot_add', [m128, m128, v128FromU32([1, 2, 3, -1])])[0] as Uint8Array), [65535, 65536, 65537, 65533]);
  });
}
