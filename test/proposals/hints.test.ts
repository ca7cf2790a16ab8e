/** Compilation hints: the metadata.code.* custom sections decoded into CodeHints. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseModule } from '../../src/text/parse-module.js';
import { decodeModule, encodeModule } from '../../src/binary/index.js';
import { codeHints } from '../../src/binary/hints.js';

const WAT = `(module
  (@custom "metadata.code.compilation_priority" "\\02\\00\\01\\00\\02\\01\\0a\\01\\01\\00\\01\\00")
  (@custom "metadata.code.instr_freq" "\\01\\01\\02\\03\\01\\26\\09\\01\\7f")
  (@custom "metadata.code.call_targets" "\\01\\01\\01\\05\\04\\00\\46\\01\\14")
  (@custom "metadata.code.compilation_priority" "\\01\\00\\05")
  (func) (func))`;

test('compilation priority, instruction frequencies and call targets decode', () => {
  const m = decodeModule(encodeModule(parseModule(WAT)));
  const h = codeHints(m);
  assert.deepEqual([...h.compilation], [[0, { compilation: 1, optimization: 10 }], [1, { compilation: 0 }]]);
  assert.deepEqual(h.instrFreq.get(1), [{ offset: 3, freq: 0x26 }, { offset: 9, freq: 127 }]);
  assert.deepEqual(h.callTargets.get(1), [{ offset: 5, targets: [{ func: 0, percent: 70 }, { func: 1, percent: 20 }] }]);
  assert.deepEqual(h.ignored, ['metadata.code.compilation_priority'], 'the truncated second section is ignored');
  assert.equal(codeHints(m), h, 'decoded once per module');
});

test('text annotations become a compilation_priority section', () => {
  const m = parseModule(`(module
    (import "env" "f" (func))
    (func $a (@metadata.code.compilation_priority (compilation 1) (optimization 10)) (result i32) (i32.const 1))
    (func $b)
    (func $c (export "c") (@metadata.code.compilation_priority (compilation 0) (run_once)))
    (func $d (@metadata.code.compilation_priority "\\02"))
  )`);
  const back = decodeModule(encodeModule(m));
  assert.deepEqual([...codeHints(back).compilation], [
    [1, { compilation: 1, optimization: 10 }], [3, { compilation: 0, optimization: 127 }], [4, { compilation: 2 }],
  ]);
  assert.throws(() => parseModule('(module (func (@metadata.code.compilation_priority (optimization 1))))'), /needs \(compilation N\)/);
});
