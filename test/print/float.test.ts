import { test } from 'node:test';
import assert from 'node:assert/strict';
import { printF32, printF64 } from '../../src/text/print-float.js';
import { parseF32, parseF64 } from '../../src/text/numbers.js';

const f32bits = (x: number) => { const d = new DataView(new ArrayBuffer(4)); d.setFloat32(0, x); return d.getUint32(0); };
const f64bits = (x: number) => { const d = new DataView(new ArrayBuffer(8)); d.setFloat64(0, x); return d.getBigUint64(0); };

test('exact decimals print as decimals', () => {
  assert.equal(printF32(f32bits(1)), '1');
  assert.equal(printF32(f32bits(-1.5)), '-1.5');
  assert.equal(printF64(f64bits(1234.125)), '1234.125');
  assert.equal(printF64(f64bits(-0.5)), '-0.5');
});

test('inexact values print as hex floats', () => {
  assert.equal(printF64(f64bits(0.1)), '0x1.999999999999ap-4');
  assert.equal(printF32(f32bits(0.1)), '0x1.99999ap-4');
  assert.equal(printF32(1), '0x0.000002p-126'); // smallest subnormal
  assert.equal(printF64(1n), '0x0.0000000000001p-1022');
  assert.equal(printF32(0x7f7fffff), '0x1.fffffep+127');
});

test('zeros, infinities and NaNs keep their sign and payload', () => {
  assert.equal(printF32(0), '0x0p+0');
  assert.equal(printF32(0x80000000), '-0x0p+0');
  assert.equal(printF64(0x8000000000000000n), '-0x0p+0');
  assert.equal(printF32(0x7f800000), 'inf');
  assert.equal(printF32(0xff800000), '-inf');
  assert.equal(printF32(0x7fc00000), 'nan');
  assert.equal(printF32(0xffc00000), '-nan');
  assert.equal(printF32(0x7f800001), 'nan:0x1');
  assert.equal(printF64(0x7ff8000000000000n), 'nan');
  assert.equal(printF64(0xfff0000000000123n), '-nan:0x123');
});

test('every printed f64 reads back to the same bits via Number for decimals', () => {
  for (const x of [3, 1e10, 2 ** 52, 0.75, 1 / 3, Math.PI, 1e-300, 123456.789]) {
    const s = printF64(f64bits(x));
    if (!s.includes('0x')) assert.equal(Number(s), x, s);
  }
});

test('random bit patterns read back to the same bits through the text parser', () => {
  // A fixed-seed generator: the test is deterministic.
  let seed = 0x2545f491;
  const next = () => { seed ^= seed << 13; seed ^= seed >>> 17; seed ^= seed << 5; return seed >>> 0; };
  for (let i = 0; i < 20000; i++) {
    // Mix fully random patterns with small exponents, where short exact decimals are likely.
    let b32 = next();
    if (i % 3 === 0) b32 = ((b32 & 0x807fff00) | ((120 + (i % 20)) << 23)) >>> 0;
    assert.equal(parseF32(printF32(b32)), b32, printF32(b32));
    let b64 = (BigInt(next()) << 32n) | BigInt(next());
    if (i % 3 === 0) b64 = (b64 & 0x800fffff00000000n) | (BigInt(1010 + (i % 40)) << 52n);
    assert.equal(parseF64(printF64(b64)), b64, printF64(b64));
  }
});
