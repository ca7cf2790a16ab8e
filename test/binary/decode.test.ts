/**
 * Decoder behaviour on hand-built binaries: every malformed-module error path, feature gating,
 * offsets, custom sections, the name section, and the encoder's choices (elem forms, locals).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeModule } from '../../src/binary/decode.js';
import { encodeModule } from '../../src/binary/encode.js';
import { CompileError } from '../../src/errors.js';
import { ALL_FEATURES, features } from '../../src/features.js';
import { OP } from '../../src/syntax/opcodes.js';
import { stripOffsets } from './strip.js';

const HEADER = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];

/** A module from [section id, contents] pairs; sizes are filled in. */
function mod(...sections: [number, number[]][]): Uint8Array {
  const out = [...HEADER];
  for (const [id, body] of sections) out.push(id, ...leb(body.length), ...body);
  return Uint8Array.from(out);
}

function leb(n: number): number[] {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n) b |= 0x80;
    out.push(b);
  } while (n);
  return out;
}

const str = (s: string) => [s.length, ...[...s].map(c => c.charCodeAt(0))];
const TYPE_V_V: [number, number[]] = [1, [1, 0x60, 0, 0]];
const FUNC_1: [number, number[]] = [3, [1, 0]];
const code = (...bodies: number[][]): [number, number[]] =>
  [10, [bodies.length, ...bodies.flatMap(b => [...leb(b.length), ...b])]];

function malformed(bytes: Uint8Array, reason: string, feats = ALL_FEATURES): CompileError {
  let err: CompileError | undefined;
  assert.throws(() => decodeModule(bytes, feats), (e: unknown) => {
    assert.ok(e instanceof CompileError, `not a CompileError: ${e}`);
    assert.equal(e.phase, 'malformed');
    assert.equal(e.reason, reason);
    err = e;
    return true;
  });
  return err!;
}

test('header errors', () => {
  malformed(Uint8Array.from([0x00, 0x61]), 'unexpected end');
  malformed(Uint8Array.from([0x00, 0x61, 0x73, 0x6e, 1, 0, 0, 0]), 'magic header not detected');
  malformed(Uint8Array.from([0x00, 0x61, 0x73, 0x6d, 1, 0]), 'unexpected end');
  malformed(Uint8Array.from([0x00, 0x61, 0x73, 0x6d, 2, 0, 0, 0]), 'unknown binary version');
  assert.equal(decodeModule(mod()).types.length, 0);
});

test('section framing errors', () => {
  malformed(mod([14, []]), 'malformed section id');
  malformed(mod(TYPE_V_V, TYPE_V_V), 'unexpected content after last section');
  malformed(mod(FUNC_1, TYPE_V_V), 'unexpected content after last section');
  malformed(mod([12, [0]], [5, [0]]), 'unexpected content after last section');
  malformed(mod([1, [1, 0x60, 0, 0, 0]]), 'section size mismatch');
  malformed(Uint8Array.from([...HEADER, 1, 10, 1, 0x60, 0, 0]), 'length out of bounds');
  malformed(mod([1, [2, 0x60, 0, 0]]), 'unexpected end of section or function');
  malformed(mod([0, [5, 0x61]]), 'length out of bounds');
  // Tag section sits between memory and global.
  const tagged = mod(TYPE_V_V, [5, [0]], [13, [0]], [6, [0]]);
  assert.equal(decodeModule(tagged).tags.length, 0);
  malformed(mod(TYPE_V_V, [6, [0]], [13, [0]]), 'unexpected content after last section');
});

test('function, code and data count consistency', () => {
  malformed(mod(TYPE_V_V, FUNC_1), 'function and code section have inconsistent lengths');
  malformed(mod(TYPE_V_V, code([0, 0x0b])), 'function and code section have inconsistent lengths');
  malformed(mod([12, [1]]), 'data count and data section have inconsistent lengths');
  malformed(mod([5, [1, 0, 1]], [12, [2]], [11, [1, 1, 0]]),
    'data count and data section have inconsistent lengths');
  // data.drop without a data count section.
  malformed(mod(TYPE_V_V, FUNC_1, [5, [1, 0, 1]], code([0, 0xfc, 9, 0, 0x0b]), [11, [1, 1, 0]]),
    'data count section required');
  const ok = decodeModule(mod(TYPE_V_V, FUNC_1, [5, [1, 0, 1]], [12, [1]], code([0, 0xfc, 9, 0, 0x0b]), [11, [1, 1, 0]]));
  assert.equal(ok.dataCount, 1);
  // The encoder adds the section a module needs but does not declare (modules built from text).
  const again = decodeModule(encodeModule({ ...ok, dataCount: null }));
  assert.equal(again.dataCount, 1);
});

test('code body errors', () => {
  malformed(mod(TYPE_V_V, FUNC_1, code([0, 0x41, 0x01, 0x1a])), 'unexpected end of section or function');
  malformed(mod(TYPE_V_V, FUNC_1, code([0, 0x0b, 0x01])), 'section size mismatch');
  malformed(mod(TYPE_V_V, FUNC_1, code([0, 0x05, 0x0b])), 'END opcode expected');
  malformed(mod(TYPE_V_V, FUNC_1, code([0, 0xff, 0x0b])), 'illegal opcode ff');
  const e = malformed(mod(TYPE_V_V, FUNC_1, code([0, 0xfc, 0x7f, 0x0b])), 'illegal opcode fc 7f');
  assert.equal(e.funcIndex, 0);
  malformed(mod(TYPE_V_V, FUNC_1, code([0, 0x3f, 0x01, 0x1a, 0x0b])), 'zero byte expected',
    features({ 'multi-memory': false }));
  malformed(mod(TYPE_V_V, FUNC_1, code([2, 0xff, 0xff, 0xff, 0xff, 0x0f, 0x7f, 0x82, 0x80, 0x80, 0x80, 0x10, 0x7f, 0x0b])),
    'integer too large');
  malformed(mod(TYPE_V_V, FUNC_1, code([2, 0xff, 0xff, 0xff, 0xff, 0x0f, 0x7f, 0xff, 0xff, 0xff, 0xff, 0x0f, 0x7e, 0x0b])),
    'too many locals');
  malformed(mod(TYPE_V_V, FUNC_1, code([1, 1, 0x7a, 0x0b])), 'malformed value type');
  const bit7 = mod(TYPE_V_V, FUNC_1, code([0, 0x41, 0, 0x28, 0x80, 0x01, 0, 0x1a, 0x0b]));
  malformed(bit7, 'malformed memop flags', features({ 'multibyte-array': false }));
  // With multibyte-array, bit 7 alone is the array form: a type index and nothing else.
  const arrayForm = decodeModule(bit7, features({ 'multibyte-array': true })).funcs[0].body[1].imm[0];
  assert.deepEqual(arrayForm, { align: 0, offset: 0n, mem: 0, array: 0 });
});

test('block structure: separators only where their construct allows them', () => {
  const body = (...ins: number[]) => mod([1, [1, 0x60, 0, 0]], [3, [1, 0]], [13, [1, 0, 0]], code([0, ...ins, 0x0b]));
  const ok = (...ins: number[]) => decodeModule(body(...ins));
  ok(0x04, 0x40, 0x05, 0x0b); // if else end (needs an i32 to be valid, not to be well-formed)
  ok(0x06, 0x40, 0x07, 0x00, 0x07, 0x00, 0x19, 0x0b); // try catch catch catch_all end
  ok(0x06, 0x40, 0x18, 0x00); // try delegate
  const bad = (...ins: number[]) => malformed(body(...ins), 'END opcode expected');
  bad(0x02, 0x40, 0x05, 0x0b); // block else
  bad(0x04, 0x40, 0x05, 0x05, 0x0b); // if else else
  bad(0x06, 0x40, 0x19, 0x07, 0x00, 0x0b); // try catch_all catch
  bad(0x06, 0x40, 0x07, 0x00, 0x18, 0x00); // try catch delegate
  bad(0x02, 0x40, 0x18, 0x00); // block delegate
  bad(0x07, 0x00); // catch at the top
});

test('feature gating: a disabled proposal\'s instructions are illegal opcodes', () => {
  const simd = mod(TYPE_V_V, FUNC_1, code([0, 0xfd, 12, ...new Array(16).fill(0), 0x1a, 0x0b]));
  assert.equal(decodeModule(simd).funcs[0].body[0].op, OP['v128.const']);
  malformed(simd, 'illegal opcode fd 0c', features({ simd: false }));
  const signExt = mod(TYPE_V_V, FUNC_1, code([0, 0x41, 0, 0xc0, 0x1a, 0x0b]));
  malformed(signExt, 'illegal opcode c0', features({ 'sign-ext': false }));
});

test('feature gating: a disabled proposal\'s types are malformed', () => {
  const rec = mod([1, [1, 0x4e, 1, 0x60, 0, 0]]);
  assert.equal(decodeModule(rec).recGroups[0].explicit, true);
  malformed(rec, 'malformed definition type', features({ gc: false }));
  malformed(mod([1, [1, 0x5f, 0]]), 'malformed definition type', features({ gc: false }));
  const anyref = mod([1, [1, 0x60, 1, 0x6e, 0]]);
  malformed(anyref, 'malformed value type', features({ gc: false }));
  const v128 = mod([1, [1, 0x60, 1, 0x7b, 0]]);
  malformed(v128, 'malformed value type', features({ simd: false }));
  const typed = mod([1, [1, 0x60, 1, 0x64, 0x70, 0]]);
  assert.deepEqual(decodeModule(typed).types[0].comp, { kind: 'func', params: [{ kind: 'ref', nullable: false, heap: 'func' }], results: [] });
  malformed(typed, 'malformed value type', features({ gc: false, 'function-references': false }));
  malformed(mod([1, [1, 0x60, 1, 0x69, 0]]), 'malformed value type', features({ exceptions: false }));
});

test('type errors', () => {
  malformed(mod([1, [1, 0x61]]), 'malformed definition type');
  malformed(mod([1, [1, 0x5e, 0x78, 0x02]]), 'malformed mutability', features({ 'shared-everything': false }));
  malformed(mod([4, [1, 0x7f, 0, 0]]), 'malformed reference type');
  malformed(mod([5, [1, 0x10, 0]]), 'malformed limits flags');
  malformed(mod([5, [1, 0x02, 0]]), 'malformed limits flags', features({ threads: false }));
  malformed(mod([5, [1, 0x08, 0, 0x41]]), 'invalid custom page size');
  malformed(mod([6, [1, 0x7f, 0x02, 0x41, 0, 0x0b]]), 'malformed mutability', features());
  malformed(mod([2, [1, ...str('m'), ...str('n'), 0x05, 0]]), 'malformed import kind');
  malformed(mod([7, [1, ...str('e'), 0x05, 0]]), 'malformed export kind');
});

test('types decode: rec groups, sub types, GC and reference types', () => {
  const m = decodeModule(mod([1, [
    2,
    0x4e, 2, 0x50, 0, 0x5f, 1, 0x78, 1, 0x4f, 1, 0, 0x5e, 0x64, 0x6e, 0,
    0x60, 1, 0x63, 0x00, 1, 0x7b,
  ]]));
  assert.deepEqual(m.recGroups, [{ start: 0, size: 2, explicit: true }, { start: 2, size: 1, explicit: false }]);
  assert.deepEqual(m.types[0], { final: false, supers: [], comp: { kind: 'struct', fields: [{ type: 'i8', mutable: true }] } });
  assert.deepEqual(m.types[1].comp, { kind: 'array', field: { type: { kind: 'ref', nullable: false, heap: 'any' }, mutable: false } });
  assert.deepEqual(m.types[1].supers, [0]);
  assert.deepEqual(m.types[2].comp, { kind: 'func', params: [{ kind: 'ref', nullable: true, heap: 0 }], results: ['v128'] });
  assert.deepEqual(stripOffsets(decodeModule(encodeModule(m))), stripOffsets(m));
});

test('offsets: instructions and function bodies', () => {
  const bytes = mod(TYPE_V_V, FUNC_1, code([1, 1, 0x7f, 0x41, 0x05, 0x1a, 0x0b]));
  const f = decodeModule(bytes).funcs[0];
  assert.deepEqual(f.locals, ['i32']);
  assert.equal(bytes[f.offset], 7); // the body size
  assert.equal(f.codeStart, f.offset + 4);
  assert.equal(f.end, bytes.length);
  assert.deepEqual(f.body.map(i => [i.op, i.offset]), [
    [OP['i32.const'], f.codeStart], [OP['drop'], f.codeStart + 2], [OP['end'], f.codeStart + 3],
  ]);
  assert.deepEqual(f.body[0].imm, [5]);
});

test('custom sections keep their place; the name section is parsed', () => {
  const names = [
    0, ...leb(str('mod').length), ...str('mod'),
    1, 5, 1, 0, ...str('fn'),
    2, 8, 1, 0, 1, 0, ...str('loc'),
  ];
  const bytes = mod([0, [...str('first'), 1, 2]], TYPE_V_V, [0, [...str('mid')]], FUNC_1,
    code([1, 1, 0x7f, 0x0b]), [0, [...str('name'), ...names]]);
  const m = decodeModule(bytes);
  assert.deepEqual(m.customs.map(c => [c.name, c.after]), [['first', 0], ['mid', 1], ['name', 10]]);
  assert.equal(m.names?.module, 'mod');
  assert.equal(m.names?.funcs.get(0), 'fn');
  assert.equal(m.names?.locals.get(0)?.get(0), 'loc');
  assert.deepEqual(encodeModule(m), bytes);
});

test('a broken name section does not make the module malformed', () => {
  const bad = [1, 0x7f, 1]; // subsection size runs past the end
  const m = decodeModule(mod([0, [...str('name'), 0, 4, ...str('abc'), ...bad]]));
  assert.equal(m.names?.module, 'abc');
  assert.equal(m.customs.length, 1);
  const m2 = decodeModule(mod([0, [...str('name'), 1, 4, 1, 0, 2, 0xff]]));
  assert.equal(m2.names?.funcs.size, 0);
});

test('element segments: all eight forms round-trip byte for byte', () => {
  const i0 = [0x41, 0, 0x0b];
  const refFunc = [0xd2, 0, 0x0b];
  const segs = [
    [0, ...i0, 1, 0],
    [1, 0, 1, 0],
    [2, 1, ...i0, 0, 1, 0],
    [3, 0, 1, 0],
    [4, ...i0, 1, ...refFunc],
    [5, 0x70, 1, ...refFunc],
    [6, 1, ...i0, 0x70, 1, ...refFunc],
    [7, 0x70, 1, ...refFunc],
  ];
  const bytes = mod(TYPE_V_V, FUNC_1, [4, [2, 0x70, 0, 1, 0x70, 0, 1]], [9, [segs.length, ...segs.flat()]], code([0, 0x0b]));
  const m = decodeModule(bytes);
  assert.deepEqual(m.elems.map(e => [e.mode.kind, e.usesExprs, e.type.nullable]), [
    ['active', false, false], ['passive', false, false], ['active', false, false], ['declarative', false, false],
    ['active', true, true], ['passive', true, true], ['active', true, true], ['declarative', true, true],
  ]);
  assert.deepEqual(encodeModule(m), bytes);
  // Flag 8 is a shared active segment under shared-everything threads; without it, malformed.
  malformed(mod([9, [1, 8]]), 'malformed elements segment kind', features({ 'shared-everything': false }));
  malformed(mod([9, [1, 1, 1]]), 'malformed element kind');
});

test('data segments: three forms round-trip', () => {
  const i0 = [0x41, 0, 0x0b];
  const bytes = mod([5, [2, 0, 1, 0, 1]], [11, [3, 0, ...i0, 1, 0xaa, 1, 2, 0xbb, 0xcc, 2, 1, ...i0, 0]]);
  const m = decodeModule(bytes);
  assert.deepEqual(m.datas.map(d => d.mode.kind === 'active' ? d.mode.mem : -1), [0, -1, 1]);
  assert.deepEqual([...m.datas[1].init], [0xbb, 0xcc]);
  assert.deepEqual(encodeModule(m), bytes);
  malformed(mod([11, [1, 3]]), 'malformed data segment kind');
});

test('encoder: locals compressed into runs; names emitted on request', () => {
  const m = decodeModule(mod(TYPE_V_V, FUNC_1, code([3, 1, 0x7f, 1, 0x7f, 2, 0x7e, 0x0b])));
  assert.deepEqual(m.funcs[0].locals, ['i32', 'i32', 'i64', 'i64']);
  const again = encodeModule(m);
  assert.deepEqual([...again.subarray(again.length - 6)], [2, 2, 0x7f, 2, 0x7e, 0x0b]);
  const named = { ...m, names: { ...m.names ?? emptyish(), funcs: new Map([[0, 'f']]) } };
  const out = decodeModule(encodeModule(named, { names: true }));
  assert.equal(out.names?.funcs.get(0), 'f');
  assert.equal(decodeModule(encodeModule(named)).names, null);
});

function emptyish() {
  return {
    funcs: new Map(), locals: new Map(), labels: new Map(), types: new Map(), fields: new Map(),
    tables: new Map(), memories: new Map(), globals: new Map(), elems: new Map(), datas: new Map(),
    tags: new Map(),
  };
}
