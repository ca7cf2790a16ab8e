/**
 * The printer on whole modules: the shape of its output for each kind of field, and stability
 * (printing what was parsed from printed text gives the same text).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeModule } from '../../src/binary/decode.js';
import { encodeModule } from '../../src/binary/encode.js';
import { ALL_FEATURES } from '../../src/features.js';
import { emptyNames, type Instr, type Module } from '../../src/syntax/module.js';
import { OP } from '../../src/syntax/opcodes.js';
import { parseModule } from '../../src/text/parse-module.js';
import { printModule } from '../../src/text/print.js';

const SOURCE = `(module $m
  (rec (type $node (sub (struct (field $next (mut (ref null $node))) (field i8))))
       (type $leaf (sub final $node (struct (field $next (mut (ref null $node))) (field i8) (field f64)))))
  (type $arr (array (mut i16)))
  (type $ft (func (param i32) (result i32)))
  (type $ct (cont $ft))
  (import "env" "fn" (func $imp (type $ft)))
  (import "env" "tab" (table $it 1 10 funcref))
  (import "env" "mem" (memory $im i64 1 shared))
  (import "env" "glob" (global $ig (mut i64)))
  (import "env" "tag" (tag $itag (param i32)))
  (table $t 2 (ref null func) (ref.func $f))
  (memory $mm 0 1 (pagesize 1))
  (global $g f32 (f32.const -0x1.8p-3))
  (global $h (mut f64) (f64.const 0.1))
  (tag $e (param i32))
  (func $f (type $ft) (local $v v128)
    (v128.const i32x4 1 2 3 4) (local.set $v)
    (i8x16.shuffle 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 (local.get $v) (local.get $v)) drop
    (select (result i32) (i32.const 1) (i32.const 2) (local.get 0)) drop
    (i64.load offset=16 align=4 (i64.const 0)) drop
    (i32.load8_u $mm offset=1 (i32.const 0)) drop
    (memory.init $mm $d (i32.const 0) (i32.const 0) (i32.const 0))
    (table.init $t $e2 (i32.const 0) (i32.const 0) (i32.const 0))
    (call_indirect $t (type $ft) (i32.const 0) (i32.const 0)) drop
    (block $out
      (try_table (catch $e $out) (catch_all $out)
        (throw $e (i32.const 1))))
    (ref.test (ref null $node) (ref.null none)) drop
    (f64.const nan:0x4) drop
    (local.get 0))
  (func $f2)
  (elem $e1 (table $t) (i32.const 0) func $f)
  (elem $e2 funcref (ref.func $f) (ref.null func))
  (elem declare func $imp)
  (data $d "\\00\\01ab\\"\\\\")
  (data (memory $mm) (offset (i32.const 1) (i32.const 7) (i32.add)) "x")
  (export "f" (func $f))
  (start $f2)
  (@custom "hello" (after type) "\\de\\ad")
  (@custom "first" (before first) "")
)`;

/** As the CLI sees a module: encoded with a name section and decoded again. */
function viaBinary(text: string): Module {
  return decodeModule(encodeModule(parseModule(text, ALL_FEATURES), { names: true }), ALL_FEATURES);
}

const EXPECTED_LINES = [
  '(module $m',
  '  (rec',
  '    (type $node (sub (struct (field $next (mut (ref null $node))) (field i8))))',
  '    (type $leaf (sub final $node (struct (field $next (mut (ref null $node))) (field i8) (field f64))))',
  '  (type $arr (array (mut i16)))',
  '  (type $ct (cont $ft))',
  '  (import "env" "fn" (func $imp (type $ft)))',
  '  (import "env" "tab" (table $it 1 10 funcref))',
  '  (import "env" "mem" (memory $im i64 1 shared))',
  '  (import "env" "glob" (global $ig (mut i64)))',
  '  (func $f (type $ft) (param i32) (result i32)',
  '    (local $v v128)',
  '    (v128.const i32x4 0x00000001 0x00000002 0x00000003 0x00000004)',
  '    (i8x16.shuffle 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15)',
  '    select (result i32)',
  '    i64.load offset=16 align=4',
  '    i32.load8_u $mm offset=1',
  '    memory.init $mm $d',
  '    table.init $t $e2',
  '    call_indirect $t (type $ft)',
  '    block $out',
  '      try_table (catch $e $out) (catch_all $out)',
  '        throw $e',
  '      end',
  '    ref.test (ref null $node)',
  '    f64.const nan:0x4',
  '  (table $t 2 funcref (ref.func $f))',
  '  (memory $mm 0 1 (pagesize 1))',
  '  (global $g f32 (f32.const -0.1875))',
  '  (global $h (mut f64) (f64.const 0x1.999999999999ap-4))',
  '  (export "f" (func $f))',
  '  (start $f2)',
  '  (elem $e1 (table $t) (i32.const 0) func $f)',
  '  (elem $e2 funcref (ref.func $f) (ref.null func))',
  '  (elem declare func $imp)',
  '  (data $d "\\00\\01ab\\22\\5c")',
  '  (data (memory $mm) (offset (i32.const 1) (i32.const 7) (i32.add)) "x")',
  '  (@custom "hello" (after type) "\\de\\ad")',
  '  (@custom "first" (before first) "")',
];

test('every kind of field prints as expected', () => {
  const text = printModule(viaBinary(SOURCE), { customs: 'except-name', indexComments: false });
  const lines = new Set(text.split('\n'));
  for (const l of EXPECTED_LINES) assert.ok(lines.has(l), `missing line: ${l}\n---\n${text}`);
  assert.match(text, /\(func \$f2 \(type \d+\)\)/);
  assert.match(text, /\(tag \$e \(type \d+\)\)/);
});

test('printing is stable and reads back to the same binary', () => {
  const m = viaBinary(SOURCE);
  const b1 = encodeModule(m);
  const t1 = printModule(m);
  const m2 = parseModule(t1, ALL_FEATURES);
  assert.deepEqual(encodeModule(m2), b1);
  assert.equal(printModule(decodeModule(encodeModule(m2), ALL_FEATURES)), t1);
});

test('names: false prints numeric indices only', () => {
  const text = printModule(viaBinary(SOURCE), { names: false, customs: 'except-name' });
  assert.doesNotMatch(text, /\$/);
  assert.match(text, /call_indirect 1 \(type 3\)/);
});

test('hand-built modules: types outside any rec group, non-id names, odd segments', () => {
  const names = emptyNames();
  names.funcs.set(0, 'has space');
  names.funcs.set(1, 'ok');
  names.module = '';
  const end = { op: OP['end'], imm: [], offset: -1 };
  const m: Module = {
    types: [{ final: true, supers: [], comp: { kind: 'func', params: [], results: [] } },
      { final: false, supers: [], comp: { kind: 'struct', fields: [] } }],
    recGroups: [],
    imports: [], funcs: [0, 1].map(() => ({ type: 0, locals: [], body: [end], offset: -1, codeStart: -1, end: -1 })),
    tables: [], mems: [], globals: [], tags: [], exports: [], start: null,
    elems: [{ type: { kind: 'ref', nullable: false, heap: 'func' }, mode: { kind: 'passive' },
      init: [[{ op: OP['ref.func'], imm: [1], offset: -1 }, end]], usesExprs: true }],
    datas: [{ mode: { kind: 'passive' }, init: new Uint8Array(100).fill(0x41) }],
    dataCount: null, customs: [], names, bytes: null,
  };
  assert.match(printModule(m), /\(type \(;1;\) \(sub \(struct\)\)\)\n  \(func \(;0;\) \(type 0\)\)\n  \(func \$ok/);
  const text = printModule(m, { indexComments: false });
  assert.match(text, /^\(module\n  \(type \(func\)\)\n  \(type \(sub \(struct\)\)\)\n/);
  assert.match(text, /\(func \(type 0\)\)\n  \(func \$ok \(type 0\)\)/);
  assert.match(text, /\(elem \(ref func\) \(ref\.func \$ok\)\)/);
  assert.match(text, /\(data\n    "A{64}"\n    "A{36}"\n  \)/);
  assert.match(printModule(m, { quotedIds: true }), /\(func \$"has space" \(type 0\)\)/);
});

function withBody(body: Instr[]): Module {
  const m = parseModule('(module (func))', ALL_FEATURES);
  return { ...m, funcs: [{ ...m.funcs[0], body: [...body, { op: OP['end'], imm: [], offset: -1 }] }] };
}

test('large bodies', () => {
  const body: Instr[] = [];
  for (let i = 0; i < 100_000; i++) body.push({ op: OP['nop'], imm: [], offset: -1 });
  const m = withBody(body);
  const text = printModule(m);
  assert.equal(text.split('\n').length, 100_000 + 6);
  assert.deepEqual(encodeModule(parseModule(text, ALL_FEATURES)), encodeModule(m));
});

test('deep nesting keeps the indentation bounded', () => {
  const n = 50_000;
  const body: Instr[] = [];
  for (let i = 0; i < n; i++) body.push({ op: OP['block'], imm: [null], offset: -1 });
  for (let i = 0; i < n; i++) body.push({ op: OP['end'], imm: [], offset: -1 });
  const text = printModule(withBody(body));
  assert.equal(text.split('\n').length, 2 * n + 6);
  assert.ok(text.length < 200 * n);
});

test('label names from the name section are declared on blocks and used by branches', () => {
  const m = parseModule(`(module (func (param i32)
    (block (loop (br_if 1 (local.get 0)) (br 0)))
    (block (block (br 1)))))`, ALL_FEATURES);
  const names = emptyNames();
  // Labels count blocks in order: 0 = outer block, 1 = loop, 2 and 3 = the second pair.
  names.labels.set(0, new Map([[0, 'out'], [1, 'again'], [2, 'x'], [3, 'x']]));
  const text = printModule({ ...m, names });
  assert.match(text, /block \$out\n\s+loop \$again\n\s+local\.get 0\n\s+br_if \$out\n\s+br \$again/);
  // The inner $x shadows the outer one, so the branch to the outer block stays numeric.
  assert.match(text, /block \$x\n\s+block \$x\n\s+br 1\n/);
  assert.deepEqual(encodeModule(parseModule(text, ALL_FEATURES)), encodeModule(m));
});

test('names of entities the module does not have are not used', () => {
  const m = parseModule('(module (func (param i32) (local.get 0) drop (call 0) (call 5)))', ALL_FEATURES);
  const names = emptyNames();
  names.funcs.set(0, 'f');
  names.funcs.set(5, 'ghost');
  names.types.set(9, 'nothing');
  names.locals.set(0, new Map([[0, 'p'], [3, 'ghostlocal']]));
  const text = printModule({ ...m, names });
  assert.match(text, /\(func \$f \(type 0\) \(param \$p i32\)/);
  assert.match(text, /call \$f\n\s+call 5\n/);
  assert.doesNotMatch(text, /ghost|nothing/);
  assert.deepEqual(encodeModule(parseModule(text, ALL_FEATURES)), encodeModule(m));
});
