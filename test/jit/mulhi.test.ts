/**
 * The high word of a 32x32-bit product as compiled code computes it (i64-const.ts `mulHiExpr`: a
 * double product corrected by the exact low word), against BigInt on a million random operand
 * pairs, on pairs whose product lies within 2^11 of a multiple of 2^32 (where an uncorrected double
 * product rounds to the wrong word), and with the multiplier folded as a constant.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mulHiExpr } from '../../src/jit/i64-const.js';
import { rng } from './helpers.js';

type Hi = (a: number, c: number) => number;

/** mulHiExpr as a function of (a, c); `constant` folds c into the expression instead. */
function compile(constant: number | null): Hi {
  const c = constant === null ? 'c' : String(constant);
  return new Function('a', 'c', `const lo = Math.imul(a, ${c}); return ${mulHiExpr('a', `(${c} >>> 0)`, constant === null ? null : constant >>> 0, 'lo')} | 0;`) as Hi;
}

const reference = (a: number, c: number): number => Number((BigInt(a >>> 0) * BigInt(c >>> 0)) >> 32n) | 0;

/** The inverse of odd `a` modulo 2^32. */
function inverse32(a: number): number {
  let x = 1;
  for (let k = 0; k < 5; k++) x = Math.imul(x, 2 - Math.imul(a, x));
  return x;
}

test('random operands: a million pairs', () => {
  const hi = compile(null), next = rng(2024);
  for (let k = 0; k < 1_000_000; k++) {
    const a = next() | 0, c = next() | 0;
    if (hi(a, c) !== reference(a, c)) assert.fail(`${a >>> 0} * ${c >>> 0}`);
  }
});

test('products near a multiple of 2^32, and edge operands', () => {
  const hi = compile(null), next = rng(7);
  const edges = [0, 1, 2, -1, -2, 0x7fffffff, -0x80000000, 0x80000001, 0x10000, 0xffff, 0x1fffff, 0x200000];
  for (const a of edges) for (const c of edges) assert.equal(hi(a, c), reference(a, c), `${a >>> 0} * ${c >>> 0}`);
  for (let k = 0; k < 200_000; k++) {
    // c = inv(a) * t makes a * c = t (mod 2^32): a low word of t, tiny or just below 2^32.
    const a = next() | 1, t = (next() & 0x7ff) * (k & 1 ? 1 : -1);
    const c = Math.imul(inverse32(a), t);
    if (hi(a, c) !== reference(a, c)) assert.fail(`${a >>> 0} * ${c >>> 0} (low word ${t})`);
  }
});

test('constant multipliers folded into the expression (small ones exact without correction)', () => {
  const next = rng(31);
  const constants = [0, 1, 3, 435, 0x1fffff, 0x200000, 0x85ebca87, 0xc2b2ae3d, 0x27d4eb4f, 0x9e3779b1, 0xffffffff, 0x80000000];
  for (const c of constants) {
    const hi = compile(c);
    const inv = c & 1 ? inverse32(c) : 0;
    for (let k = 0; k < 50_000; k++) {
      const a = k & 1 && inv !== 0 ? Math.imul(inv, (next() & 0x7ff) - 0x400) : next() | 0;
      if (hi(a, c) !== reference(a, c)) assert.fail(`${a >>> 0} * ${c >>> 0}`);
    }
  }
});
