/**
 * Numeric literals: integer forms and ranges, and exact float rounding to f32/f64 bits (the
 * edge cases of core/const.wast and core/float_literals.wast, computed independently).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseF32, parseF64, parseI32, parseI64, parseNat, parseUnsigned } from '../../src/text/numbers.js';

const f32 = (s: string): string | null => {
  const b = parseF32(s);
  return b === null ? null : '0x' + b.toString(16).padStart(8, '0');
};
const f64 = (s: string): string | null => {
  const b = parseF64(s);
  return b === null ? null : '0x' + b.toString(16).padStart(16, '0');
};

test('integers: decimal, hex, underscores, signs', () => {
  assert.equal(parseNat('0'), 0n);
  assert.equal(parseNat('1_000_000'), 1000000n);
  assert.equal(parseNat('0xff_ff'), 0xffffn);
  assert.equal(parseNat('0xFF'), 255n);
  for (const bad of ['_1', '1_', '1__0', '0x', '0x_1', '0x1_', '', '+1', '1a', '0X1']) {
    assert.equal(parseNat(bad), null, bad);
  }
  assert.equal(parseI32('-1'), -1);
  assert.equal(parseI32('+1'), 1);
  assert.equal(parseI32('0xffffffff'), -1);
  assert.equal(parseI32('-0x80000000'), -2147483648);
  assert.equal(parseI32('4294967295'), -1);
  assert.throws(() => parseI32('4294967296'), /constant out of range/);
  assert.throws(() => parseI32('-2147483649'), /constant out of range/);
  assert.throws(() => parseI32('0x1_0000_0000'), /constant out of range/);
  assert.equal(parseI64('0xffffffffffffffff'), -1n);
  assert.equal(parseI64('-9223372036854775808'), -9223372036854775808n);
  assert.equal(parseI64('18446744073709551615'), -1n);
  assert.throws(() => parseI64('18446744073709551616'), /constant out of range/);
  assert.throws(() => parseI64('-9223372036854775809'), /constant out of range/);
  assert.equal(parseI32('1.0'), null);
  assert.throws(() => parseUnsigned('256', 8), /constant out of range/);
});

test('f32: exact values, specials and nan payloads', () => {
  assert.equal(f32('0'), '0x00000000');
  assert.equal(f32('-0'), '0x80000000');
  assert.equal(f32('1'), '0x3f800000');
  assert.equal(f32('0.1'), '0x3dcccccd');
  assert.equal(f32('1e10'), '0x501502f9');
  assert.equal(f32('inf'), '0x7f800000');
  assert.equal(f32('-inf'), '0xff800000');
  assert.equal(f32('nan'), '0x7fc00000');
  assert.equal(f32('-nan'), '0xffc00000');
  assert.equal(f32('nan:0x1'), '0x7f800001');
  assert.equal(f32('nan:0x7f_ffff'), '0x7fffffff');
  assert.equal(f32('-nan:0x200000'), '0xffa00000');
  assert.throws(() => f32('nan:0x0'), /constant out of range/);
  assert.throws(() => f32('nan:0x800000'), /constant out of range/);
  assert.equal(f32('0x1p-149'), '0x00000001'); // smallest subnormal
  assert.equal(f32('0x1p-150'), '0x00000000'); // half of it: ties to even (zero)
  assert.equal(f32('0x1.000001p-149'), '0x00000001');
  assert.equal(f32('0x1.fffffep127'), '0x7f7fffff'); // largest finite
  assert.equal(f32('3.4028234e38'), '0x7f7fffff');
  assert.equal(f32('0x1.fffffefffffffffffp127'), '0x7f7fffff'); // just below the rounding boundary
  assert.throws(() => f32('0x1.ffffffp127'), /constant out of range/); // rounds to infinity
  assert.throws(() => f32('1e39'), /constant out of range/);
  assert.equal(f32('1e-50'), '0x00000000');
  assert.equal(f32('0x1_0.8p0'), '0x41840000');
  assert.equal(f32('1_000.000_1'), '0x447a0002');
  assert.equal(f32('1.'), '0x3f800000');
  assert.equal(f32('0x1.'), '0x3f800000');
  assert.equal(f32('1.e1'), '0x41200000');
  assert.equal(f32('0x1P+1'), '0x40000000');
  assert.equal(f32('1E-1'), '0x3dcccccd');
  for (const bad of ['.5', '1._5', '0x.1', '1e', '1e_1', 'infinity', 'nan:1', '0x1p', '1.0x']) {
    assert.equal(f32(bad), null, bad);
  }
});

test('f32: correct rounding without double rounding', () => {
  // 1 + 2^-24 + 2^-60: via f64 it rounds to 1 + 2^-24, then ties to even -> 1.0; exact -> up.
  assert.equal(f32('0x1.000001000000001p0'), '0x3f800001');
  assert.equal(f32('1.00000005960464477550'), '0x3f800001');
  // Exact ties: 1 + 2^-24 -> even (1.0); 1 + 3*2^-24 -> even (1 + 2^-22).
  assert.equal(f32('0x1.000001p0'), '0x3f800000');
  assert.equal(f32('0x1.000003p0'), '0x3f800002');
  // Long hex mantissa.
  assert.equal(f32('0x1.00000100000000000000000000000000000000000000001p0'), '0x3f800001');
  // Decimal with many digits, just above a tie.
  assert.equal(f32('16777217.0000000000000000000000000000000001'), '0x4b800001');
  assert.equal(f32('16777217'), '0x4b800000');
  assert.equal(f32('16777219'), '0x4b800002');
});

test('f64: exact values, subnormals, boundaries', () => {
  assert.equal(f64('1'), '0x3ff0000000000000');
  assert.equal(f64('0.1'), '0x3fb999999999999a');
  assert.equal(f64('-0x1p-1074'), '0x8000000000000001');
  assert.equal(f64('0x1p-1075'), '0x0000000000000000');
  assert.equal(f64('0x1.0000000000001p-1075'), '0x0000000000000001');
  assert.equal(f64('4.9406564584124654e-324'), '0x0000000000000001');
  assert.equal(f64('2.2250738585072012e-308'), '0x0010000000000000');
  // (2 - 2^-52) * 2^-1023 is halfway between the largest subnormal and the smallest normal.
  assert.equal(f64('0x1.fffffffffffffp-1023'), '0x0010000000000000');
  assert.equal(f64('0x1.fffffffffffffp1023'), '0x7fefffffffffffff');
  assert.equal(f64('1.7976931348623157e308'), '0x7fefffffffffffff');
  assert.throws(() => f64('1.7976931348623159e308'), /constant out of range/);
  assert.throws(() => f64('0x1p1024'), /constant out of range/);
  assert.equal(f64('nan:0xf_ffff_ffff_ffff'), '0x7fffffffffffffff');
  assert.throws(() => f64('nan:0x10000000000000'), /constant out of range/);
  assert.equal(f64('nan'), '0x7ff8000000000000');
  assert.equal(f64('+inf'), '0x7ff0000000000000');
  assert.equal(f64('1e-400'), '0x0000000000000000');
  assert.equal(f64('0e1000000000'), '0x0000000000000000');
  // Huge exponents balanced by long mantissas still round exactly.
  assert.equal(f64('0.' + '0'.repeat(200000) + '1e200001'), '0x3ff0000000000000');
  assert.equal(f64('0x0.' + '0'.repeat(50000) + '1p200004'), '0x3ff0000000000000');
  assert.throws(() => f64('1e1000000000'), /constant out of range/);
  assert.equal(f64('123456789012345678901234567890'), '0x45f8ee90ff6c373e');
});
