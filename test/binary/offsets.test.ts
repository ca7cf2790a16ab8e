/**
 * The decoder's offset table (`Module.offsets`): one module with every kind of module-level
 * entity, each expected position marked in the hand-written bytes.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeModule } from '../../src/binary/decode.js';
import { parseModule } from '../../src/text/parse-module.js';
import { validateModule } from '../../src/valid/validate.js';
import { M, sec, wasm } from '../valid/bytes.js';

const I32 = 0x7f, I64 = 0x7e, FUNCREF = 0x70, END = 0x0b, ZERO = [0x41, 0, END];

const everything = wasm(
  sec(1, 2, M('type0'), 0x60, 0, 0, 0x4e, 1, M('type1'), 0x5f, 1, 0x63, M('type1 ref'), 0, 1),
  sec(2, 5,
    'm', 'f', 0x00, M('func0'), 0,
    'm', 't', 0x01, M('table0'), FUNCREF, M('table0 limits'), 0, 1,
    'm', 'mem', 0x02, M('mem0'), 0, 1,
    'm', 'g', 0x03, M('global0'), I32, 0,
    'm', 'e', 0x04, 0, M('tag0'), 0),
  sec(3, 1, M('func1'), 0),
  sec(4, 2, M('table1'), FUNCREF, M('table1 limits'), 0, 1,
    0x40, 0, M('table2'), FUNCREF, M('table2 limits'), 0, 1, 0xd0, FUNCREF, END),
  sec(5, 1, M('mem1'), 0, 1),
  sec(13, 1, 0, M('tag1'), 0),
  sec(6, 1, M('global1'), I32, 0, ZERO),
  sec(7, 2, M('export0'), 'a', 0x00, M('export0 index'), 1, M('export1'), 'b', 0x02, M('export1 index'), 1),
  sec(8, M('start'), 1),
  sec(9, 3,
    M('elem0'), 0, ZERO, 1, 1,
    M('elem1'), 2, M('elem1 table'), 1, ZERO, M('elem1 type'), 0, 1, 1,
    M('elem2'), 5, M('elem2 type'), FUNCREF, 1, 0xd2, 1, END),
  sec(12, 2),
  sec(10, 1, 6, 2, 2, M('local a'), I32, 1, M('local b'), I64, END),
  sec(11, 2, M('data0'), 0, ZERO, 1, 0x61, M('data1'), 2, M('data1 mem'), 1, ZERO, 0),
);

test('decoder records where every module-level entity is', () => {
  const m = decodeModule(everything.bytes);
  validateModule(m); // the module is valid: offsets are recorded for valid modules too
  const k = everything.marks;
  const at = (...names: string[]) => names.map(n => {
    assert.ok(n in k, n);
    return k[n];
  });
  assert.deepEqual(m.offsets, {
    types: at('type0', 'type1'),
    typeRefs: [[], [0, k['type1 ref']]],
    funcs: at('func0', 'func1'),
    tables: at('table0', 'table1', 'table2'),
    tableLimits: at('table0 limits', 'table1 limits', 'table2 limits'),
    mems: at('mem0', 'mem1'),
    globals: at('global0', 'global1'),
    tags: at('tag0', 'tag1'),
    exports: at('export0', 'export1'),
    exportIndices: at('export0 index', 'export1 index'),
    start: k.start,
    elems: at('elem0', 'elem1', 'elem2'),
    elemTables: at('elem0', 'elem1 table', 'elem2'),
    elemTypes: at('elem0', 'elem1 type', 'elem2 type'),
    datas: at('data0', 'data1'),
    dataMems: at('data0', 'data1 mem'),
    locals: [[2, k['local a'], 3, k['local b']]],
  });
});

test('modules without locals share one empty locals entry; text modules have no offsets', () => {
  const m = decodeModule(wasm(sec(1, 1, 0x60, 0, 0), sec(3, 2, 0, 0), sec(10, 2, 2, 0, END, 2, 0, END)).bytes);
  assert.equal(m.offsets!.locals.length, 2);
  assert.equal(m.offsets!.locals[0], m.offsets!.locals[1]);
  assert.equal(m.offsets!.start, -1);
  assert.equal(parseModule('(module (func) (export "f" (func 0)))').offsets, undefined);
});
