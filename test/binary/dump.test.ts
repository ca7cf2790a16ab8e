/**
 * The objdump-style dump: section headers, details and a disassembly that lines up offsets, raw
 * bytes and mnemonics.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeModule } from '../../src/binary/decode.js';
import { objdump } from '../../src/binary/dump.js';

test('objdump shows sections, names and disassembly', () => {
  const bytes = Uint8Array.from([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x7f, // type: () -> i32
    0x03, 0x02, 0x01, 0x00, // func
    0x07, 0x07, 0x01, 0x03, 0x72, 0x75, 0x6e, 0x00, 0x00, // export "run"
    0x0a, 0x0b, 0x01, 0x09, 0x01, 0x01, 0x7e, 0x02, 0x7f, 0x41, 0x2a, 0x0b, 0x0b, // code
    0x00, 0x0b, 0x04, 0x6e, 0x61, 0x6d, 0x65, 0x01, 0x04, 0x01, 0x00, 0x01, 0x66, // name: func 0 "f"
  ]);
  const text = objdump(decodeModule(bytes));
  assert.match(text, /Type start=0x0000000a end=0x0000000f \(size=0x00000005\) count: 1/);
  assert.match(text, / - type\[0\] \(\) -> i32/);
  assert.match(text, / - func\[0\] <f> -> "run"/);
  assert.match(text, /local\[0\] type=i64/);
  assert.match(text, / 000023: 02 7f +\| block i32/);
  assert.match(text, / 000025: 41 2a +\|   i32.const 42/);
  assert.match(text, / 000027: 0b +\| end/);
  assert.match(text, / 000028: 0b +\| end/);
  assert.match(text, /Custom:\n - name: "name"/);
});
