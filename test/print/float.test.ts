import { test } from 'node:test';
import assert from 'node:assert/strict';
import { printF32, printF64 } from '../../src/text/print-float.js';

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
