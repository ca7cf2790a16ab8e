import { test } from 'node:test';
import assert from 'node:assert/strict';
import { OP } from '../../src/syntax/opcodes.js';
import type { Imm, Instr } from '../../src/syntax/module.js';
import { emptyNames } from '../../src/syntax/module.js';
import { Ids, plainContext, printInstr, printValType } from '../../src/text/print.js';
import { ref } from '../../src/syntax/types.js';

const ins = (key: string, ...imm: Imm[]): Instr => ({ op: OP[key], imm, offset: -1 });

test('plain instructions and numeric immediates', () => {
  assert.equal(printInstr(ins('i32.add')), 'i32.add');
  assert.equal(printInstr(ins('i32.const', -1)), 'i32.const -1');
  assert.equal(printInstr(ins('i32.const', 0xffffffff)), 'i32.const -1');
  assert.equal(printInstr(ins('i64.const', 0xffffffffffffffffn)), 'i64.const -1');
  assert.equal(printInstr(ins('local.get', 3)), 'local.get 3');
  assert.equal(printInstr(ins('br_table', [0, 1, 2])), 'br_table 0 1 2');
});

test('memargs print only non-default parts, memory index first', () => {
  assert.equal(printInstr(ins('i32.load', { align: 2, offset: 0n, mem: 0 })), 'i32.load');
  assert.equal(printInstr(ins('i32.load', { align: 0, offset: 8n, mem: 0 })), 'i32.load offset=8 align=1');
  assert.equal(printInstr(ins('i64.store', { align: 3, offset: 0n, mem: 2 })), 'i64.store 2');
  assert.equal(printInstr(ins('v128.load8_lane', { align: 0, offset: 1n, mem: 1 }, 5)), 'v128.load8_lane 1 offset=1 5');
});

test('text order differs from binary order for a few instructions', () => {
  assert.equal(printInstr(ins('call_indirect', 4, 0)), 'call_indirect (type 4)');
  assert.equal(printInstr(ins('call_indirect', 4, 1)), 'call_indirect 1 (type 4)');
  assert.equal(printInstr(ins('memory.init', 3, 1)), 'memory.init 1 3');
  assert.equal(printInstr(ins('memory.init', 3, 0)), 'memory.init 3');
  assert.equal(printInstr(ins('table.init', 3, 2)), 'table.init 2 3');
  assert.equal(printInstr(ins('memory.copy', 0, 0)), 'memory.copy');
  assert.equal(printInstr(ins('memory.copy', 1, 0)), 'memory.copy 1 0');
  assert.equal(printInstr(ins('atomic.fence', 0)), 'atomic.fence');
});

test('reference and GC immediates', () => {
  assert.equal(printInstr(ins('ref.null', 'func')), 'ref.null func');
  assert.equal(printInstr(ins('ref.null', 3)), 'ref.null 3');
  assert.equal(printInstr(ins('ref.test', 'i31')), 'ref.test (ref i31)');
  assert.equal(printInstr(ins('ref.cast/null', 2)), 'ref.cast (ref null 2)');
  assert.equal(printInstr(ins('select/typed', ['i32'])), 'select (result i32)');
  assert.equal(
    printInstr(ins('br_on_cast', { label: 1, from: ref('any'), to: ref(4, false) })),
    'br_on_cast 1 anyref (ref 4)');
  assert.equal(
    printInstr(ins('try_table', null, [{ kind: 'catch', tag: 0, label: 1 }, { kind: 'catch_all_ref', label: 0 }])),
    'try_table (catch 0 1) (catch_all_ref 0)');
  assert.equal(printInstr(ins('resume', 2, [{ tag: 0, label: 1 }, { tag: 1, label: null }])),
    'resume 2 (on 0 1) (on 1 switch)');
});

test('names resolve to ids, labels only when not shadowed', () => {
  const names = emptyNames();
  names.funcs.set(0, 'main');
  names.funcs.set(1, 'bad name');
  names.globals.set(0, 'g');
  names.globals.set(1, 'g'); // duplicate: numeric
  names.locals.set(0, new Map([[0, 'x']]));
  names.fields.set(5, new Map([[1, 'f']]));
  const ids = new Ids(names);
  const ctx = plainContext(ids, 0);
  assert.equal(printInstr(ins('call', 0), ctx), 'call $main');
  assert.equal(printInstr(ins('call', 1), ctx), 'call 1');
  assert.equal(printInstr(ins('global.get', 0), ctx), 'global.get $g');
  assert.equal(printInstr(ins('global.get', 1), ctx), 'global.get 1');
  assert.equal(printInstr(ins('local.get', 0), ctx), 'local.get $x');
  assert.equal(printInstr(ins('struct.get', 5, 1), ctx), 'struct.get 5 $f');
  assert.equal(new Ids(names, { quotedIds: true }).ref('funcs', 1), '$"bad name"');
  ctx.labels.push('$l', null, '$l');
  assert.equal(printInstr(ins('br', 0), ctx), 'br $l');
  assert.equal(printInstr(ins('br', 1), ctx), 'br 1');
  assert.equal(printInstr(ins('br', 2), ctx), 'br 2'); // shadowed by the inner $l
  assert.equal(printInstr(ins('br', 3), ctx), 'br 3'); // the function's own label
});

test('value types', () => {
  assert.equal(printValType('i32'), 'i32');
  assert.equal(printValType(ref('func')), 'funcref');
  assert.equal(printValType(ref('func', false)), '(ref func)');
  assert.equal(printValType(ref(3, true, true)), '(ref null (exact 3))');
  assert.equal(printInstr(ins('ref.cast', ref(3, false, true))), 'ref.cast (ref (exact 3))');
  assert.equal(printInstr(ins('ref.null', { kind: 'ref', nullable: true, heap: 'any', shared: true })), 'ref.null (shared any)');
  assert.equal(printValType({ kind: 'ref', nullable: true, heap: 'any', shared: true }), '(ref null (shared any))');
});
