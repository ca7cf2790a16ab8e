/** Every 0xfd row of the opcode table has a handler in exactly one of the two tables, and no other row does. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SIMD_MEM_OPS, SIMD_OPS } from '../../src/exec/simd.js';
import { OPCODES } from '../../src/syntax/opcodes.js';

test('SIMD_OPS / SIMD_MEM_OPS cover exactly the simd and relaxed-simd rows', () => {
  const missing: string[] = [];
  for (const row of OPCODES) {
    const isSimd = row.prefix === 0xfd;
    const isMem = row.imms.includes('memarg');
    if (isSimd) assert.ok(row.feature === 'simd' || row.feature === 'relaxed-simd', row.name);
    const op = SIMD_OPS[row.index], mem = SIMD_MEM_OPS[row.index];
    if (isSimd && !(isMem ? mem : op)) missing.push(row.name);
    if (!isSimd || isMem) assert.equal(op, undefined, row.name);
    if (!isSimd || !isMem) assert.equal(mem, undefined, row.name);
  }
  assert.deepEqual(missing, []);
  assert.equal(SIMD_OPS.length, OPCODES.length);
  assert.equal(SIMD_MEM_OPS.length, OPCODES.length);
});
