import { test } from 'node:test';
import assert from 'node:assert/strict';
import { matches, formatExpected, formatValue } from '../../src/script/expect.js';
import type { Expected } from '../../src/script/ast.js';
import type { RefValue, ScriptValue } from '../../src/script/engine.js';

const f32 = (bits: number): ScriptValue => ({ kind: 'f32', bits });
const f64 = (bits: bigint): ScriptValue => ({ kind: 'f64', bits });

test('integers compare as two\'s complement', () => {
  assert.ok(matches({ kind: 'i32', value: -1 }, { kind: 'i32', value: 0xffffffff }));
  assert.ok(matches({ kind: 'i64', value: -1n }, { kind: 'i64', value: 0xffffffffffffffffn }));
  assert.ok(!matches({ kind: 'i32', value: 1 }, { kind: 'i64', value: 1n }));
});

test('floats compare bit for bit', () => {
  assert.ok(matches(f32(0x80000000), { kind: 'f32', bits: 0x80000000 }));
  assert.ok(!matches(f32(0), { kind: 'f32', bits: 0x80000000 }));
  assert.ok(!matches(f32(0x7fc00001), { kind: 'f32', bits: 0x7fc00000 }));
  assert.ok(matches(f64(0x7ff0000000000001n), { kind: 'f64', bits: 0x7ff0000000000001n }));
});

test('NaN patterns', () => {
  const canon32: Expected = { kind: 'f32', nan: 'canonical' };
  const arith32: Expected = { kind: 'f32', nan: 'arithmetic' };
  assert.ok(matches(f32(0x7fc00000), canon32));
  assert.ok(matches(f32(0xffc00000), canon32));
  assert.ok(!matches(f32(0x7fc00001), canon32));
  assert.ok(matches(f32(0x7fc00001), arith32));
  assert.ok(!matches(f32(0x7f800001), arith32), 'a signalling NaN is not arithmetic');
  assert.ok(!matches(f32(0x7f800000), arith32), 'infinity is not a NaN');
  const canon64: Expected = { kind: 'f64', nan: 'canonical' };
  const arith64: Expected = { kind: 'f64', nan: 'arithmetic' };
  assert.ok(matches(f64(0xfff8000000000000n), canon64));
  assert.ok(!matches(f64(0x7ff8000000000001n), canon64));
  assert.ok(matches(f64(0x7ffc000000000000n), arith64));
  assert.ok(!matches(f64(0x7ff4000000000000n), arith64));
});

test('v128 lane patterns', () => {
  const bytes = new Uint8Array(16);
  const dv = new DataView(bytes.buffer);
  dv.setUint32(0, 0x7fc00000, true);
  dv.setFloat32(4, 1, true);
  dv.setUint32(8, 0x80000000, true);
  dv.setUint32(12, 0xffc00001, true);
  const v: ScriptValue = { kind: 'v128', bytes };
  const one = BigInt(new Uint32Array(new Float32Array([1]).buffer)[0]);
  assert.ok(matches(v, { kind: 'v128', shape: 'f32x4', lanes: [
    { kind: 'nan', nan: 'canonical' }, { kind: 'float', bits: one }, { kind: 'float', bits: 0x80000000n }, { kind: 'nan', nan: 'arithmetic' },
  ] }));
  assert.ok(!matches(v, { kind: 'v128', shape: 'f32x4', lanes: [
    { kind: 'nan', nan: 'canonical' }, { kind: 'float', bits: one }, { kind: 'float', bits: 0n }, { kind: 'nan', nan: 'arithmetic' },
  ] }));
  const ints = new Uint8Array(16).fill(0xff);
  assert.ok(matches({ kind: 'v128', bytes: ints }, { kind: 'v128', shape: 'i16x8', lanes: Array(8).fill({ kind: 'int', value: -1n }) }));
  assert.ok(matches({ kind: 'v128', bytes: ints }, { kind: 'v128', bytes: ints.slice() }));
});

test('reference patterns', () => {
  const ref = (r: RefValue): ScriptValue => ({ kind: 'ref', ref: r });
  assert.ok(matches(ref({ kind: 'null' }), { kind: 'ref.null', heap: 'func' }));
  assert.ok(matches(ref({ kind: 'null' }), { kind: 'ref.null.any' }));
  assert.ok(!matches(ref({ kind: 'func' }), { kind: 'ref.null.any' }));
  assert.ok(matches(ref({ kind: 'host', id: 3 }), { kind: 'ref.extern', id: 3 }));
  assert.ok(matches(ref({ kind: 'host', id: 3 }), { kind: 'ref.host', id: 3 }));
  assert.ok(!matches(ref({ kind: 'host', id: 3 }), { kind: 'ref.extern', id: 4 }));
  assert.ok(matches(ref({ kind: 'extern', inner: { kind: 'i31' } }), { kind: 'ref.extern.any' }));
  assert.ok(!matches(ref({ kind: 'null' }), { kind: 'ref.extern.any' }));
  assert.ok(matches(ref({ kind: 'i31' }), { kind: 'ref.eq' }));
  assert.ok(matches(ref({ kind: 'struct' }), { kind: 'ref.any' }));
  assert.ok(!matches(ref({ kind: 'func' }), { kind: 'ref.any' }));
  assert.ok(matches(ref({ kind: 'array' }), { kind: 'either', options: [{ kind: 'ref.struct' }, { kind: 'ref.array' }] }));
});

test('rendering for messages', () => {
  assert.equal(formatValue({ kind: 'i32', value: -1 }), '(i32.const -1)');
  assert.equal(formatValue(f32(0x7fc00000)), '(f32.const bits 0x7fc00000)');
  assert.equal(formatExpected({ kind: 'f64', nan: 'canonical' }), '(f64.const nan:canonical)');
  assert.equal(formatExpected({ kind: 'either', options: [{ kind: 'i32', value: 1 }, { kind: 'i32', value: 2 }] }),
    '(either (i32.const 1) (i32.const 2))');
});
