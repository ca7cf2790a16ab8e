/**
 * Validation errors in modules parsed from text name the line:column of the construct at fault
 * (instructions, constant expressions, module fields), as binary modules name byte offsets.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CompileError } from '../../src/errors.js';
import { decodeModule } from '../../src/binary/decode.js';
import { encodeModule } from '../../src/binary/encode.js';
import { packPosition, unpackPosition } from '../../src/syntax/module.js';
import { parseModule } from '../../src/text/parse-module.js';
import { validateModule } from '../../src/valid/index.js';

/** The CompileError validating `wat` raises; `^` in the source stands just before where it must point. */
function errorAt(src: string): { error: CompileError; want: { line: number; column: number } } {
  const lines = src.split('\n');
  const line = lines.findIndex(l => l.includes('^'));
  assert.ok(line >= 0, 'the source marks the expected position with ^');
  const want = { line: line + 1, column: lines[line].indexOf('^') + 2 };
  const wat = src.replace('^', ' ');
  try {
    validateModule(parseModule(wat));
  } catch (e) {
    assert.ok(e instanceof CompileError, String(e));
    return { error: e, want };
  }
  assert.fail('module validated');
}

function check(src: string, reason: RegExp, funcIndex = -1): void {
  const { error, want } = errorAt(src);
  assert.match(error.reason, reason);
  assert.deepEqual({ line: error.line, column: error.column }, want, error.message);
  assert.equal(error.funcIndex, funcIndex);
  assert.equal(error.offset, -1, 'text modules have no byte offsets');
  assert.ok(error.message.includes(` at ${want.line}:${want.column}`), error.message);
}

test('an instruction with mistyped operands: its mnemonic', () => {
  check(`(module
  (func (param i32) (result i32)
    local.get 0
    f32.const 1
   ^i32.add))`, /type mismatch/, 0);
});

test('folded instructions: the mnemonic after the paren', () => {
  check(`(module
  (func (result i32)
    (i32.add (i32.const 1)
      (^f32.neg (i32.const 2)))))`, /type mismatch/, 0);
});

test('a function body leaving the wrong results: the closing paren of the function', () => {
  check(`(module (func $f (result i32)
  i64.const 1
^))`, /type mismatch/, 0);
});

test('a block whose end does not match its type: the block end', () => {
  check(`(module (func
  block (result i32)
  ^end drop))`, /type mismatch/, 0);
});

test('unknown indices in instructions and constant expressions', () => {
  check(`(module (func ^call 5))`, /unknown function/, 0);
  check(`(module (global i32 (^global.get 3)))`, /unknown global/);
  check(`(module (global $g (mut i32) (i32.const 0)) (global i32 (^global.get $g)))`, /constant expression required/);
});

test('module fields: the field that defines the entity', () => {
  check(`(module
  (func (export "a"))
  ^(func (export "a")))`, /duplicate export name/);
  check(`(module (memory 1) ^(memory 70000))`, /memory size/);
  // A constant expression of the wrong type: where its value is complete, the global's closing paren.
  check(`(module
  (global i32 (f32.const 1)^))`, /type mismatch/);
  check(`(module (table 1 funcref) ^(elem (table 0) (i32.const 0) externref))`, /type mismatch/);
  check(`(module (func (param i32)) ^(start 0))`, /start function/);
});

test('imports count in the index spaces they join', () => {
  check(`(module
  (import "m" "f" (func))
  (func (export "a"))
  ^(export "a" (func 0)))`, /duplicate export name/);
});

test('binary modules keep byte offsets; text printed back to binary gets them', () => {
  const wat = '(module (func (result i32) f32.const 1))';
  const bin = encodeModule(parseModule(wat));
  try {
    validateModule(decodeModule(bin));
    assert.fail('validated');
  } catch (e) {
    assert.ok(e instanceof CompileError);
    assert.ok(e.offset > 0 && e.line === undefined, e.message);
    assert.match(e.message, / at 0x[0-9a-f]+ in func 0$/);
  }
});

test('valid text modules validate as before', () => {
  validateModule(parseModule('(module (func (export "f") (param i32) (result i32) local.get 0))'));
});

test('packed positions round-trip, long lines clamp the column', () => {
  assert.deepEqual(unpackPosition(packPosition(12, 34)), { line: 12, column: 34 });
  assert.deepEqual(unpackPosition(packPosition(1, 5_000_000)), { line: 1, column: 5_000_000 });
  assert.equal(unpackPosition(packPosition(3, 1 << 25)).line, 3);
});
