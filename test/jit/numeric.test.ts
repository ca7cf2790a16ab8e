/**
 * Differential tests: every numeric instruction the compiled tier translates, run under the forced
 * compiled tier and under the interpreter on the same random and edge inputs.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { OPCODES } from '../../src/syntax/opcodes.js';
import { NUMERIC } from '../../src/jit/numeric.js';
import { pair, outcome, isCompiled, rng, randomArg } from './helpers.js';

const TYPE: Record<string, string> = { i: 'i32', I: 'i64', f: 'f32', F: 'f64' };
/** Only these produce NaNs whose bits are fully specified (others: any arithmetic NaN). */
const BIT_EXACT = /\.(abs|neg|copysign|reinterpret_\w+)$/;
const ROUNDS = 60;

const rows = OPCODES.filter(o => NUMERIC[o.name] !== undefined && o.params !== null && o.results !== null);

test('every numeric template has an opcode row', () => {
  assert.equal(rows.length, Object.keys(NUMERIC).length);
});

// One module with a function per instruction, so the test compiles few modules.
const funcs = rows.map((o, k) => {
  const ps = o.params!.map(l => TYPE[l]).join(' ');
  const gets = o.params!.map((_, j) => `local.get ${j}`).join(' ');
  return `(func (export "f${k}") (param ${ps}) (result ${TYPE[o.results![0]]}) ${gets} ${o.name})`;
});
const p = pair(`(module ${funcs.join('\n')})`);

for (const [k, o] of rows.entries()) {
  test(`${o.name}: compiled == interpreted`, () => {
    const next = rng(k * 7919 + 1);
    const exact = BIT_EXACT.test(o.name);
    for (let r = 0; r < ROUNDS; r++) {
      const args = o.params!.map(l => randomArg(l, next));
      const want = outcome(p.interp, `f${k}`, args, exact);
      const got = outcome(p.jit, `f${k}`, args, exact);
      assert.equal(got, want, `${o.name}(${args.join(', ')})`);
    }
    assert.ok(isCompiled(p.jit.inst, `f${k}`), 'compiled');
  });
}
