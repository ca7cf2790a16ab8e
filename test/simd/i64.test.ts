/** i64x2 works on 32-bit word pairs; check it against BigInt arithmetic on edge and pseudo-random values. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lanes, run } from './harness.js';

const I64 = (x: bigint): bigint => BigInt.asIntN(64, x);
const EDGES = [0n, 1n, -1n, 2n ** 63n - 1n, -(2n ** 63n), 0xffffffffn, 0x100000000n, -0x100000000n, 0x7fffffffn, -0x80000000n, 0x123456789abcdef0n];

/** Deterministic xorshift so failures reproduce. */
let seed = 0x9e3779b9;
function rand32(): number {
  seed ^= seed << 13; seed ^= seed >>> 17; seed ^= seed << 5;
  return seed >>> 0;
}
const rand64 = (): bigint => I64((BigInt(rand32()) << 32n) | BigInt(rand32()));

function pairs(): [bigint, bigint][] {
  const out: [bigint, bigint][] = [];
  for (const x of EDGES) for (const y of EDGES) out.push([x, y]);
  for (let i = 0; i < 300; i++) out.push([rand64(), rand64()]);
  return out;
}

const binary: Record<string, (x: bigint, y: bigint) => bigint> = {
  'i64x2.add': (x, y) => I64(x + y),
  'i64x2.sub': (x, y) => I64(x - y),
  'i64x2.mul': (x, y) => I64(x * y),
  'i64x2.eq': (x, y) => (x === y ? -1n : 0n),
  'i64x2.ne': (x, y) => (x !== y ? -1n : 0n),
  'i64x2.lt_s': (x, y) => (x < y ? -1n : 0n),
  'i64x2.gt_s': (x, y) => (x > y ? -1n : 0n),
  'i64x2.le_s': (x, y) => (x <= y ? -1n : 0n),
  'i64x2.ge_s': (x, y) => (x >= y ? -1n : 0n),
};

test('i64x2 binary ops match BigInt', () => {
  const ps = pairs();
  for (const [name, f] of Object.entries(binary)) {
    for (let i = 0; i + 1 < ps.length; i += 2) {
      const [x0, y0] = ps[i], [x1, y1] = ps[i + 1];
      assert.deepEqual(lanes(name, [['i64', [x0, x1]], ['i64', [y0, y1]]], 'i64'), [f(x0, y0), f(x1, y1)], `${name} ${x0} ${y0} ${x1} ${y1}`);
    }
  }
});

test('i64x2 shifts, neg, abs match BigInt', () => {
  for (const x of [...EDGES, rand64(), rand64()]) {
    for (const s of [0, 1, 31, 32, 33, 63, 64, 65, -1]) {
      const n = BigInt(s & 63);
      assert.deepEqual(lanes('i64x2.shl', [['i64', [x, x]], ['int32', s]], 'i64'), [I64(x << n), I64(x << n)]);
      assert.deepEqual(lanes('i64x2.shr_s', [['i64', [x, x]], ['int32', s]], 'i64'), [x >> n, x >> n]);
      const u = BigInt.asUintN(64, x) >> n;
      assert.deepEqual(lanes('i64x2.shr_u', [['i64', [x, x]], ['int32', s]], 'u64'), [u, u]);
    }
    assert.deepEqual(lanes('i64x2.neg', [['i64', [x, -x]]], 'i64'), [I64(-x), I64(x)]);
    assert.deepEqual(lanes('i64x2.abs', [['i64', [x, 5n]]], 'i64'), [I64(x < 0n ? -x : x), 5n]);
  }
});

test('i64x2 extend and extmul', () => {
  const lanes32 = [-1, -0x80000000, 0x7fffffff, 3];
  assert.deepEqual(lanes('i64x2.extend_low_i32x4_s', [['i32', lanes32]], 'i64'), [-1n, -0x80000000n]);
  assert.deepEqual(lanes('i64x2.extend_low_i32x4_u', [['i32', lanes32]], 'i64'), [0xffffffffn, 0x80000000n]);
  assert.deepEqual(lanes('i64x2.extend_high_i32x4_s', [['i32', lanes32]], 'i64'), [0x7fffffffn, 3n]);
  assert.deepEqual(lanes('i64x2.extend_high_i32x4_u', [['i32', [0, 0, -2, 1]]], 'i64'), [0xfffffffen, 1n]);
  for (let i = 0; i < 200; i++) {
    const a = [rand32() | 0, rand32() | 0, rand32() | 0, i < 3 ? -0x80000000 : rand32() | 0];
    const b = [rand32() | 0, rand32() | 0, rand32() | 0, i < 3 ? -0x80000000 : rand32() | 0];
    const S = (k: number) => BigInt(a[k]) * BigInt(b[k]);
    const U = (k: number) => BigInt(a[k] >>> 0) * BigInt(b[k] >>> 0);
    assert.deepEqual(lanes('i64x2.extmul_low_i32x4_s', [['i32', a], ['i32', b]], 'i64'), [S(0), S(1)]);
    assert.deepEqual(lanes('i64x2.extmul_high_i32x4_s', [['i32', a], ['i32', b]], 'i64'), [S(2), S(3)]);
    assert.deepEqual(lanes('i64x2.extmul_low_i32x4_u', [['i32', a], ['i32', b]], 'u64'), [U(0), U(1)]);
    assert.deepEqual(lanes('i64x2.extmul_high_i32x4_u', [['i32', a], ['i32', b]], 'u64'), [U(2), U(3)]);
  }
});

test('i64x2 all_true and bitmask', () => {
  assert.equal(run('i64x2.all_true', [['i64', [0x100000000n, 1n]]]).i32[0], 1);
  assert.equal(run('i64x2.all_true', [['i64', [0n, 1n]]]).i32[0], 0);
  assert.equal(run('i64x2.bitmask', [['i64', [-1n, 1n]]]).i32[0], 1);
  assert.equal(run('i64x2.bitmask', [['i64', [1n, -(2n ** 63n)]]]).i32[0], 2);
});
