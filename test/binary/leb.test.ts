/**
 * LEB128 and fixed-width primitives: the reader's edge cases and errors, and the writer as its
 * inverse (minimal encodings).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Reader } from '../../src/binary/reader.js';
import { Writer, encodeS32, encodeS64, encodeU32, encodeU64 } from '../../src/binary/writer.js';
import { CompileError } from '../../src/errors.js';

const rd = (...bytes: number[]) => new Reader(Uint8Array.from(bytes));

function fails(f: () => unknown, reason: string): void {
  assert.throws(f, (e: unknown) => {
    assert.ok(e instanceof CompileError, `not a CompileError: ${e}`);
    assert.equal(e.phase, 'malformed');
    assert.equal(e.reason, reason);
    return true;
  });
}

test('u32: boundaries', () => {
  assert.equal(rd(0x00).u32(), 0);
  assert.equal(rd(0x7f).u32(), 127);
  assert.equal(rd(0x80, 0x01).u32(), 128);
  assert.equal(rd(0xff, 0xff, 0xff, 0xff, 0x0f).u32(), 0xffffffff);
  // Non-minimal but within five bytes is fine.
  assert.equal(rd(0x80, 0x80, 0x80, 0x80, 0x00).u32(), 0);
  const r = rd(0x81, 0x00, 0x05);
  assert.equal(r.u32(), 1);
  assert.equal(r.pos, 2);
});

test('u32: errors', () => {
  fails(() => rd(0x80, 0x80, 0x80, 0x80, 0x80, 0x00).u32(), 'integer representation too long');
  fails(() => rd(0xff, 0xff, 0xff, 0xff, 0x1f).u32(), 'integer too large');
  fails(() => rd(0x80, 0x80, 0x80, 0x80, 0x70).u32(), 'integer too large');
  fails(() => rd(0x80, 0x80).u32(), 'unexpected end of section or function');
  fails(() => rd().u32(), 'unexpected end of section or function');
});

test('s32: boundaries and errors', () => {
  assert.equal(rd(0x7f).s32(), -1);
  assert.equal(rd(0x3f).s32(), 63);
  assert.equal(rd(0x40).s32(), -64);
  assert.equal(rd(0xc0, 0x00).s32(), 64);
  assert.equal(rd(0x80, 0x80, 0x80, 0x80, 0x78).s32(), -0x80000000);
  assert.equal(rd(0xff, 0xff, 0xff, 0xff, 0x07).s32(), 0x7fffffff);
  assert.equal(rd(0xff, 0xff, 0xff, 0xff, 0x7f).s32(), -1);
  fails(() => rd(0xff, 0xff, 0xff, 0xff, 0x0f).s32(), 'integer too large');
  fails(() => rd(0x80, 0x80, 0x80, 0x80, 0x70).s32(), 'integer too large');
  fails(() => rd(0xff, 0xff, 0xff, 0xff, 0xff, 0x7f).s32(), 'integer representation too long');
});

test('s33: block and heap type range', () => {
  assert.equal(rd(0x40).s33(), -64);
  assert.equal(rd(0x70).s33(), -16);
  assert.equal(rd(0xff, 0xff, 0xff, 0xff, 0x0f).s33(), 2 ** 32 - 1);
  assert.equal(rd(0x80, 0x80, 0x80, 0x80, 0x70).s33(), -(2 ** 32));
  assert.equal(rd(0xff, 0xff, 0xff, 0xff, 0x7f).s33(), -1);
  fails(() => rd(0xff, 0xff, 0xff, 0xff, 0x1f).s33(), 'integer too large');
  fails(() => rd(0x80, 0x80, 0x80, 0x80, 0x60).s33(), 'integer too large');
  fails(() => rd(0x80, 0x80, 0x80, 0x80, 0x80, 0x00).s33(), 'integer representation too long');
});

test('u64 and s64', () => {
  assert.equal(rd(0x05).u64(), 5n);
  assert.equal(rd(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01).u64(), 2n ** 64n - 1n);
  fails(() => rd(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x02).u64(), 'integer too large');
  fails(() => rd(0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00).u64(),
    'integer representation too long');
  assert.equal(rd(0x7f).s64(), -1n);
  assert.equal(rd(0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x7f).s64(), -(2n ** 63n));
  assert.equal(rd(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x00).s64(), 2n ** 63n - 1n);
  assert.equal(rd(0x80, 0x80, 0x80, 0x80, 0x80, 0x7f).s64(), -(2n ** 35n));
  fails(() => rd(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01).s64(), 'integer too large');
  fails(() => rd(0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x70).s64(), 'integer too large');
});

test('fixed-width values', () => {
  assert.equal(rd(0x00, 0x00, 0xc0, 0x7f).fixedU32(), 0x7fc00000);
  assert.equal(rd(1, 2, 3, 4, 5, 6, 7, 0x88).fixedU64(), 0x8807060504030201n);
  fails(() => rd(1, 2, 3).fixedU32(), 'unexpected end of section or function');
});

test('names: UTF-8 validation and lengths', () => {
  assert.equal(rd(3, 0x61, 0x62, 0x63).name(), 'abc');
  assert.equal(rd(2, 0xc3, 0xa9).name(), 'é');
  assert.equal(rd(3, 0xef, 0xbb, 0xbf).name(), '\ufeff'); // a BOM is kept, not stripped
  fails(() => rd(2, 0xc0, 0x80).name(), 'malformed UTF-8 encoding'); // overlong
  fails(() => rd(3, 0xed, 0xa0, 0x80).name(), 'malformed UTF-8 encoding'); // surrogate
  fails(() => rd(1, 0x80).name(), 'malformed UTF-8 encoding');
  fails(() => rd(5, 0x61).name(), 'length out of bounds');
});

test('writer: minimal LEBs that read back', () => {
  assert.deepEqual([...encodeU32(0)], [0]);
  assert.deepEqual([...encodeU32(128)], [0x80, 0x01]);
  assert.deepEqual([...encodeU32(0xffffffff)], [0xff, 0xff, 0xff, 0xff, 0x0f]);
  assert.deepEqual([...encodeS32(-1)], [0x7f]);
  assert.deepEqual([...encodeS32(64)], [0xc0, 0x00]);
  assert.deepEqual([...encodeS32(-65)], [0xbf, 0x7f]);
  assert.deepEqual([...encodeU64(2n ** 64n - 1n)], [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]);
  assert.deepEqual([...encodeS64(-(2n ** 63n))], [0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x7f]);
  const ints = [0, 1, -1, 63, 64, -64, -65, 127, 128, 2 ** 20, -(2 ** 31), 2 ** 31 - 1, 12345678];
  for (const n of ints) assert.equal(new Reader(encodeS32(n)).s32(), n);
  for (const n of ints) if (n >= 0) assert.equal(new Reader(encodeU32(n)).u32(), n);
  for (const n of [-(2 ** 32), 2 ** 32 - 1, -1, 0, 70]) assert.equal(new Reader(new Writer().s33(n).finish()).s33(), n);
  const bigs = [0n, -1n, 2n ** 63n - 1n, -(2n ** 63n), 2n ** 35n, -(2n ** 35n) - 7n, 0x123456789abcn];
  for (const n of bigs) assert.equal(new Reader(encodeS64(n)).s64(), n);
  for (const n of bigs) if (n >= 0n) assert.equal(new Reader(encodeU64(n)).u64(), n);
  const w = new Writer(1).fixedU32(0xdeadbeef).fixedU64(0x0102030405060708n).name('né');
  const r = new Reader(w.finish());
  assert.equal(r.fixedU32(), 0xdeadbeef);
  assert.equal(r.fixedU64(), 0x0102030405060708n);
  assert.equal(r.name(), 'né');
});

test('random values round-trip through writer and reader', () => {
  let seed = 12345;
  const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0);
  for (let i = 0; i < 3000; i++) {
    const shift = next() % 33;
    const u = next() >>> (32 - Math.min(shift, 32));
    assert.equal(new Reader(encodeU32(u)).u32(), u >>> 0);
    const s = (next() | 0) >> (next() % 32);
    assert.equal(new Reader(encodeS32(s)).s32(), s);
    const big = (BigInt(next()) << 32n | BigInt(next())) >> BigInt(next() % 64);
    assert.equal(new Reader(encodeU64(big)).u64(), big);
    const sbig = BigInt.asIntN(64, big << BigInt(next() % 8));
    assert.equal(new Reader(encodeS64(sbig)).s64(), sbig);
  }
});
