/** Module parsing: abbreviations, type uses, ids, instruction forms and syntax errors. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ParseError } from '../../src/errors.js';
import type { Instr, Module } from '../../src/syntax/module.js';
import { OPCODES } from '../../src/syntax/opcodes.js';
import { parseModule } from '../../src/text/parse-module.js';

/** A function body as `key imm,imm` strings (without the final end). */
function body(m: Module, i = 0): string[] {
  return m.funcs[i].body.slice(0, -1).map(show);
}

function show(ins: Instr): string {
  const imms = ins.imm.map(v => (typeof v === 'object' && v !== null && !(v instanceof Uint8Array) ? JSON.stringify(v, (_, x) => (typeof x === 'bigint' ? String(x) : x)) : String(v)));
  return [OPCODES[ins.op].key, ...imms].join(' ');
}

function parseFails(text: string, reason?: RegExp): void {
  assert.throws(() => parseModule(text), (e: unknown) => e instanceof ParseError && (!reason || reason.test(e.reason)), text);
}

test('bare fields or (module ...)', () => {
  assert.equal(parseModule('(func) (func)').funcs.length, 2);
  const m = parseModule('(module $m (func))');
  assert.equal(m.names!.module, 'm');
  assert.equal(m.funcs[0].body.length, 1);
  assert.equal(m.funcs[0].offset, -1);
});

test('implicit type insertion and reuse', () => {
  const m = parseModule(`
    (import "m" "f" (func (param f32)))
    (type $a (func (param i32)))
    (func (param i32))
    (func (param i64) (result i32) i32.const 0)
    (func (param $x i64) (result i32) (i32.const 1))`);
  // Implicit types come after all explicit ones, in text order of their first use.
  assert.deepEqual(m.imports.map(i => i.desc), [{ kind: 'func', type: 1 }]);
  assert.deepEqual(m.funcs.map(f => f.type), [0, 2, 2]);
  assert.equal(m.types.length, 3);
  assert.deepEqual(m.recGroups.map(g => g.explicit), [false, false, false]);
  assert.equal(m.names!.locals.get(3)!.get(0), 'x');
});

test('type use with (type) and matching inline declarations', () => {
  const m = parseModule('(type $t (func (param i32) (result i32))) (func (type $t) (param $p i32) (result i32) local.get $p)');
  assert.equal(m.funcs[0].type, 0);
  assert.deepEqual(body(m), ['local.get 0']);
  parseFails('(type $t (func (param i32))) (func (type $t) (param i64))', /inline function type/);
});

test('inline imports and exports', () => {
  const m = parseModule(`
    (func $i (export "a") (export "b") (import "m" "n") (param i32))
    (global $g (import "m" "g") (mut i32))
    (func $d (export "c"))
    (memory (export "mem") 1 2)
    (table $t (export "t") 0 funcref)`);
  assert.deepEqual(m.exports, [
    { name: 'a', kind: 'func', index: 0 }, { name: 'b', kind: 'func', index: 0 },
    { name: 'c', kind: 'func', index: 1 }, { name: 'mem', kind: 'memory', index: 0 },
    { name: 't', kind: 'table', index: 0 },
  ]);
  assert.equal(m.imports.length, 2);
  assert.deepEqual(m.imports[1].desc, { kind: 'global', type: { type: 'i32', mutable: true } });
  parseFails('(func) (import "m" "n" (func))', /import after func/);
});

test('table and memory abbreviations with inline segments', () => {
  const m = parseModule(`
    (func $f) (func $g)
    (table $t funcref (elem $f $g $f))
    (table i64 funcref (elem (ref.func $g)))
    (memory (data "ab" "cd"))
    (memory i64 (pagesize 1) (data "xyz"))`);
  assert.deepEqual(m.tables.map(t => [t.type.limits.min, t.type.limits.max, t.type.addr]), [[3n, 3n, 'i32'], [1n, 1n, 'i64']]);
  assert.equal(m.elems.length, 2);
  assert.equal(m.elems[0].usesExprs, false);
  assert.equal(m.elems[1].usesExprs, true);
  assert.deepEqual(m.elems[1].mode.kind === 'active' && m.elems[1].mode.table, 1);
  assert.deepEqual(m.mems.map(x => [x.limits.min, x.pageSizeLog2, x.addr]), [[1n, 16, 'i32'], [3n, 0, 'i64']]);
  assert.deepEqual([...m.datas[0].init], [0x61, 0x62, 0x63, 0x64]);
});

test('elem and data segment forms', () => {
  const m = parseModule(`
    (table $t 10 funcref) (memory $m 1) (func $f)
    (elem $e0 (i32.const 0) $f)
    (elem (table $t) (offset (i32.const 1)) func $f)
    (elem funcref (ref.func $f) (item ref.null func))
    (elem declare func $f)
    (elem 0 (i32.const 2) func $f)
    (data $d0 (i32.const 0) "a")
    (data (memory $m) (offset i32.const 1) "b")
    (data "passive")`);
  assert.deepEqual(m.elems.map(e => [e.mode.kind, e.usesExprs, e.init.length]), [
    ['active', false, 1], ['active', false, 1], ['passive', true, 2], ['declarative', false, 1],
    ['active', false, 1],
  ]);
  assert.deepEqual(m.datas.map(d => d.mode.kind), ['active', 'active', 'passive']);
  assert.equal(m.names!.elems.get(0), 'e0');
  assert.equal(m.names!.datas.get(0), 'd0');
});

test('folded and plain instructions, labels', () => {
  const m = parseModule(`
    (func $f (param $x i32) (result i32)
      (block $out (result i32)
        (if $l (result i32) (local.get $x)
          (then (br $out (i32.const 1)))
          (else (i32.const 2))))
      loop $l2 br $l2 end $l2
      block $a block $b br_table $a $b 0 end end)`);
  assert.deepEqual(body(m), [
    'block i32', 'local.get 0', 'if i32', 'i32.const 1', 'br 1', 'else', 'i32.const 2', 'end', 'end',
    'loop null', 'br 0', 'end', 'block null', 'block null', 'br_table [1,0,0]', 'end', 'end',
  ]);
  parseFails('(func block $a end $b)', /mismatching label/);
  parseFails('(func br $nope)', /unknown label/);
  parseFails('(func call $nope)', /unknown function/);
  parseFails('(func local.get $nope)', /unknown local/);
  parseFails('(func i32.frob)', /unknown operator/);
});

test('block types: single result inline, otherwise a type index', () => {
  const m = parseModule('(func block (param i32) (result i32) end block (result i32 i32) end)');
  assert.deepEqual(body(m), ['block 1', 'end', 'block 2', 'end']);
  assert.equal(m.types.length, 3);
});

test('immediates in text order', () => {
  const m = parseModule(`
    (type $ft (func)) (table $t0 1 funcref) (table $t1 1 funcref) (memory $m0 1) (memory $m1 1)
    (elem $e func) (data $d "")
    (func
      (call_indirect $t1 (type $ft) (i32.const 0))
      (call_indirect (type $ft) (i32.const 0))
      (table.init $t1 $e (i32.const 0) (i32.const 0) (i32.const 0))
      (table.init $e (i32.const 0) (i32.const 0) (i32.const 0))
      (memory.init $m1 $d (i32.const 0) (i32.const 0) (i32.const 0))
      (table.copy $t0 $t1 (i32.const 0) (i32.const 0) (i32.const 0))
      (drop (i32.load $m1 offset=4 align=2 (i32.const 0)))
      (drop (i64.load16_s 1 (i32.const 0)))
      (drop (select (result i32) (i32.const 0) (i32.const 0) (i32.const 0)))
      (drop (select (i32.const 0) (i32.const 0) (i32.const 0)))
      (drop (ref.test (ref null $ft) (ref.null func)))
      (drop (ref.test (ref func) (ref.null func)))
      (drop (v128.load8_lane 1 (i32.const 0) (v128.const i64x2 0 0)))
      (drop (v128.load8_lane $m1 offset=0 3 (i32.const 0) (v128.const i64x2 0 0)))
      (drop (i8x16.shuffle 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 (v128.const i32x4 1 2 3 4) (v128.const f32x4 0 0 0 0))))`);
  assert.deepEqual(body(m).filter(s => !s.startsWith('i32.const') && !s.startsWith('v128.const') && s !== 'drop' && !s.startsWith('ref.null')), [
    'call_indirect 0 1', 'call_indirect 0 0', 'table.init 0 1', 'table.init 0 0', 'memory.init 0 1',
    'table.copy 0 1', 'i32.load {"align":1,"offset":"4","mem":1}', 'i64.load16_s {"align":1,"offset":"0","mem":1}',
    'select/typed ["i32"]', 'select', 'ref.test/null 0', 'ref.test func',
    'v128.load8_lane {"align":0,"offset":"0","mem":0} 1', 'v128.load8_lane {"align":0,"offset":"0","mem":1} 3',
    'i8x16.shuffle 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15',
  ]);
  parseFails('(memory 1) (func (drop (i32.load align=3 (i32.const 0))))', /alignment/);
});

test('gc types, fields by name, rec groups', () => {
  const m = parseModule(`
    (rec (type $a (sub (struct (field $x i32) (field $y (mut i64)))))
         (type $b (sub final $a (struct (field $x i32) (field $y (mut i64)) (field $z (ref null $b))))))
    (type $arr (array (mut i8)))
    (func (param (ref $b)) (result i64) (struct.get $b $y (local.get 0)))`);
  assert.deepEqual(m.recGroups, [{ start: 0, size: 2, explicit: true }, { start: 2, size: 1, explicit: false }, { start: 3, size: 1, explicit: false }]);
  assert.equal(m.types[1].final, true);
  assert.deepEqual(m.types[1].supers, [0]);
  assert.deepEqual(body(m), ['local.get 0', 'struct.get 1 1']);
  assert.equal(m.names!.fields.get(1)!.get(2), 'z');
  parseFails('(type $s (struct (field $x i32))) (func (struct.get $s $nope (unreachable)))', /unknown field/);
});

test('exceptions: try_table catch labels resolve outside, legacy try', () => {
  const m = parseModule(`
    (tag $e (param i32))
    (func
      (block $h (result i32)
        (try_table $t (catch $e $h) (catch_all 0) (br $t))
        (unreachable))
      drop
      try $l nop catch $e drop catch_all end
      try nop delegate 0
      (try (do nop) (delegate 0)))`);
  const b = body(m);
  assert.equal(b[1], 'try_table null [{"kind":"catch","tag":0,"label":0},{"kind":"catch_all","label":0}]');
  assert.equal(b[2], 'br 0');
  assert.ok(b.includes('catch 0') && b.includes('catch_all') && b.filter(s => s === 'delegate 0').length === 2);
  parseFails('(func (try (do) (catch_all) (catch_all)))');
});

test('custom section annotations', () => {
  const m = parseModule('(module (@custom "a" "x") (@custom "b" (before first) "y") (func (@custom "inside" "") nop))');
  assert.deepEqual(m.customs.map(c => [c.name, c.after, c.data.length]), [['a', 11, 1], ['b', 0, 1]]);
});

test('duplicate ids', () => {
  parseFails('(func $f) (func $f)', /duplicate func/);
  parseFails('(func (param $x i32) (local $x i32))', /duplicate local/);
  parseFails('(type $t (func)) (type $t (func))', /duplicate type/);
});

test('names from $ids', () => {
  const m = parseModule(`
    (module $mod
      (type $sig (func (param i32)))
      (global $g i32 (i32.const 0))
      (memory $mem 1) (table $tab 1 funcref) (tag $exn)
      (func $f (param $a i32) (local $b i64) (block $outer (loop $inner))))`);
  const n = m.names!;
  assert.equal(n.module, 'mod');
  assert.equal(n.types.get(0), 'sig');
  assert.equal(n.funcs.get(0), 'f');
  assert.deepEqual([...n.locals.get(0)!], [[0, 'a'], [1, 'b']]);
  assert.deepEqual([...n.labels.get(0)!], [[0, 'outer'], [1, 'inner']]);
  assert.equal(n.globals.get(0), 'g');
  assert.equal(n.memories.get(0), 'mem');
  assert.equal(n.tables.get(0), 'tab');
  assert.equal(n.tags.get(0), 'exn');
});

test('error classes follow the reference interpreter', () => {
  parseFails('(func (i32.const 0drop))', /^unknown operator/);
  parseFails('(func (i32.const .5))', /^unknown operator/);
  parseFails('(func (param i32) (i32.const 0) (block (result i32) (param i32)))', /^unexpected token/);
  parseFails('(func (v128.const i32x4 1 2 3) drop)', /wrong number of lane literals/);
  parseFails('(func (i8x16.shuffle 0 1 2 (v128.const i64x2 0 0) (v128.const i64x2 0 0)) drop)', /invalid lane length/);
  parseFails('(func (i8x16.extract_lane_s 256 (v128.const i64x2 0 0)) drop)', /i8 constant out of range/);
  parseFails('(memory 0x1_0000_0000_0000_0000)', /i64 constant out of range/);
  parseFails('(func (type 9) (param i32))', /unknown type/);
  parseFails('(@)', /empty annotation id/);
  // 32-bit memory sizes beyond 4 GiB are a validation matter, not syntax.
  assert.equal(parseModule('(memory 0x1_0000_0000)').mems[0].limits.min, 0x100000000n);
});

test('@name annotations name definitions', () => {
  const m = parseModule('(module $m (@name "Modül") (func $f (@name "λ")) (tag (@name "θ")) (global $g (@name "γ") i32 (i32.const 0)))');
  assert.equal(m.names!.module, 'Modül');
  assert.equal(m.names!.funcs.get(0), 'λ');
  assert.equal(m.names!.tags.get(0), 'θ');
  assert.equal(m.names!.globals.get(0), 'γ');
});

test('deeply nested plain code does not exhaust the stack', () => {
  const n = 50000;
  const m = parseModule(`(func ${'block '.repeat(n)}${'end '.repeat(n)})`);
  assert.equal(m.funcs[0].body.length, 2 * n + 1);
  parseFails('(func block if else else end end)', /unexpected token/);
  parseFails('(func try catch_all catch_all end)', /unexpected token/);
  parseFails('(func block end end)', /unexpected token/);
  // Folded nesting is recursive: beyond the JS stack it is reported, not a crash.
  parseFails(`(func ${'(block '.repeat(200000)}${')'.repeat(200001)}`, /nesting too deep/);
});
