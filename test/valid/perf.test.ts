/** Validation speed: a module of about 1 MB of code must validate well under a second. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { encodeModule } from '../../src/binary/encode.js';
import { decodeModule } from '../../src/binary/decode.js';
import type { Instr } from '../../src/syntax/module.js';
import { validateModule } from '../../src/valid/index.js';
import { ft, func, I, withFuncs } from './helpers.js';

/** A function body of nested blocks, loops, locals, arithmetic, calls and memory traffic. */
function body(n: number): Instr[] {
  const b: Instr[] = [];
  const ma = { align: 2, offset: 8n, mem: 0 };
  for (let i = 0; i < n; i++) {
    b.push(
      I('block', null), I('loop', 'i32'),
      I('local.get', 0), I('local.get', 1), I('i32.add'), I('local.tee', 1),
      I('i32.const', 4), I('i32.mul'), I('i32.load', ma), I('local.get', 2), I('i32.xor'),
      I('local.get', 0), I('local.get', 1), I('call', 0), I('drop'),
      I('local.get', 1), I('br_if', 0),
      I('end'), I('local.set', 2), I('local.get', 2), I('i32.eqz'), I('br_if', 0),
      I('local.get', 0), I('if', null), I('i32.const', 0), I('local.get', 2), I('i32.store', ma), I('else'), I('nop'), I('end'),
      I('end'),
    );
  }
  b.push(I('local.get', 2), I('end'));
  return b;
}

test('validating a ~1 MB module takes well under a second', () => {
  const funcs = Array.from({ length: 400 }, () => func(0, body(50), ['i32']));
  const m = withFuncs([ft(['i32', 'i32'], ['i32'])], funcs, {
    mems: [{ limits: { min: 1n, max: null }, addr: 'i32', shared: false, pageSizeLog2: 16 }],
  });
  const bytes = encodeModule(m);
  const decoded = decodeModule(bytes);
  validateModule(decoded); // warm up
  // Best of three, so that a busy machine or one GC pause does not decide the result.
  let ms = Infinity;
  let vm = validateModule(decoded);
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    vm = validateModule(decoded);
    ms = Math.min(ms, performance.now() - t0);
  }
  const instrs = vm.funcs.reduce((n, f) => n + f.heights.length, 0);
  console.log(`validated ${(bytes.length / 1e6).toFixed(2)} MB, ${instrs} instructions in ${ms.toFixed(0)} ms`);
  assert.ok(bytes.length > 500_000, `module is ${bytes.length} bytes`);
  assert.ok(ms < 1000, `took ${ms} ms`);
});
