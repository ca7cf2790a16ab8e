import { test } from 'node:test';
import assert from 'node:assert/strict';
import { OPCODES } from '../../src/syntax/opcodes.js';
import { Op } from '../../src/exec/ops.js';

// ops.ts is generated from the opcode table; a const enum has no runtime object, so spot-check
// members at both ends and in between against the table's keys.
test('internal opcode numbers match the opcode table', () => {
  const key = (i: number) => OPCODES[i].key;
  assert.equal(key(Op.unreachable), 'unreachable');
  assert.equal(key(Op.i32_add), 'i32.add');
  assert.equal(key(Op.select$typed), 'select/typed');
  assert.equal(key(Op.ref_test$null), 'ref.test/null');
  assert.equal(key(Op.struct_new), 'struct.new');
  assert.equal(key(Op.i64_trunc_sat_f64_u), 'i64.trunc_sat_f64_u');
  assert.equal(key(Op.i64_atomic_rmw32_cmpxchg_u), 'i64.atomic.rmw32.cmpxchg_u');
  assert.equal(Op.FIRST_SYNTHETIC, OPCODES.length);
});

test('every table row has its member in ops.ts (regenerate ops.ts if this fails)', async () => {
  const { readFileSync } = await import('node:fs');
  const src = readFileSync(new URL('../../../src/exec/ops.ts', import.meta.url), 'utf8');
  const members = new Map<string, number>();
  for (const m of src.matchAll(/^\s+(\w+(?:\$\w+)?) = (\d+),$/gm)) members.set(m[1], Number(m[2]));
  for (const o of OPCODES) {
    const name = o.key.replace(/\./g, '_').replace(/\//g, '$');
    assert.equal(members.get(name), o.index, `${o.key}`);
  }
});
