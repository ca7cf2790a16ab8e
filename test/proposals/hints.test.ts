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
