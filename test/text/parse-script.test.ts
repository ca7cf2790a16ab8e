/** Script parsing: every command form, constants and result patterns. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Command } from '../../src/script/ast.js';
import { parseScript } from '../../src/text/parse-script.js';

function commands(text: string): Command[] {
  return [...parseScript(text, 'test.wast').commands];
}

test('module forms', () => {
  const cs = commands(`
    (module $a (func (export "f")))
    (module $b binary "\\00asm" "\\01\\00\\00\\00")
    (module quote "(func $x" ")")
    (module definition $d (func))
    (module instance $i $d)
    (register "name" $a)`);
  assert.deepEqual(cs.map(c => c.kind), ['module', 'module', 'module', 'module', 'instance', 'register']);
  const [a, b, q, d, i, r] = cs;
  assert.ok(a.kind === 'module' && a.id === 'a' && a.module.kind === 'text' && a.module.module.exports.length === 1);
  assert.ok(b.kind === 'module' && b.module.kind === 'binary' && b.module.bytes.length === 8);
  assert.ok(q.kind === 'module' && q.module.kind === 'quote' && q.module.text === '(func $x)');
  assert.ok(d.kind === 'module' && d.definition && d.id === 'd');
  assert.deepEqual(i.kind === 'instance' && [i.id, i.module], ['i', 'd']);
  assert.deepEqual(r.kind === 'register' && [r.name, r.id], ['name', 'a']);
  assert.deepEqual(a.loc, { line: 2, column: 5 });
});

test('actions, constants and patterns', () => {
  const [c] = commands(`(assert_return (invoke $m "f" (i32.const -1) (i64.const 0xffffffffffffffff) (f32.const 1.5)
      (f64.const -0) (v128.const i16x8 1 2 3 4 5 6 7 -1) (ref.null extern) (ref.extern 7) (ref.host 1))
    (f32.const nan:canonical) (f64.const nan:arithmetic) (v128.const f32x4 nan:canonical 1 -inf nan:arithmetic)
    (ref.null) (ref.extern) (ref.func) (ref.i31) (ref.struct) (either (i32.const 1) (i32.const 2)))`);
  assert.equal(c.kind, 'assert_return');
  if (c.kind !== 'assert_return' || c.action.kind !== 'invoke') return;
  assert.equal(c.action.module, 'm');
  const args = c.action.args;
  assert.deepEqual(args.slice(0, 4), [
    { kind: 'i32', value: -1 }, { kind: 'i64', value: -1n }, { kind: 'f32', bits: 0x3fc00000 },
    { kind: 'f64', bits: 0x8000000000000000n },
  ]);
  assert.deepEqual(args[4], { kind: 'v128', bytes: new Uint8Array([1, 0, 2, 0, 3, 0, 4, 0, 5, 0, 6, 0, 7, 0, 0xff, 0xff]) });
  assert.deepEqual(args.slice(5), [{ kind: 'ref.null', heap: 'extern' }, { kind: 'ref.extern', id: 7 }, { kind: 'ref.host', id: 1 }]);
  const e = c.expected;
  assert.deepEqual(e[0], { kind: 'f32', nan: 'canonical' });
  assert.deepEqual(e[1], { kind: 'f64', nan: 'arithmetic' });
  assert.deepEqual(e[2], { kind: 'v128', shape: 'f32x4', lanes: [
    { kind: 'nan', nan: 'canonical' }, { kind: 'float', bits: 0x3f800000n }, { kind: 'float', bits: 0xff800000n },
    { kind: 'nan', nan: 'arithmetic' },
  ] });
  assert.deepEqual(e.slice(3).map(x => x.kind), ['ref.null.any', 'ref.extern.any', 'ref.func', 'ref.i31', 'ref.struct', 'either']);
});

test('assertions', () => {
  const cs = commands(`
    (assert_trap (invoke "f") "unreachable")
    (assert_trap (module (func $s unreachable) (start $s)) "unreachable")
    (assert_exhaustion (invoke "f") "call stack exhausted")
    (assert_exception (invoke "f"))
    (assert_suspension (invoke "f") "unhandled")
    (assert_invalid (module (func (result i32))) "type mismatch")
    (assert_malformed (module quote "(func") "unexpected end")
    (assert_unlinkable (module (import "x" "y" (func))) "unknown import")
    (assert_uninstantiable (module binary "") "x")
    (get "g")
    (invoke "h")`);
  assert.deepEqual(cs.map(c => c.kind), [
    'assert_trap', 'assert_trap_module', 'assert_exhaustion', 'assert_exception', 'assert_suspension',
    'assert_invalid', 'assert_malformed', 'assert_unlinkable', 'assert_uninstantiable', 'action', 'action',
  ]);
});

test('a text module that does not parse is kept as text', () => {
  const [c] = commands('(assert_invalid (module (func (frobnicate))) "x")');
  assert.ok(c.kind === 'assert_invalid' && c.module.kind === 'quote');
  assert.equal(c.module.text, '(module (func (frobnicate)))');
});

test('inline module scripts and skipped commands', () => {
  const cs = commands('(func (export "f")) (memory 1)');
  assert.equal(cs.length, 1);
  assert.ok(cs[0].kind === 'module' && cs[0].module.kind === 'text' && cs[0].module.module.mems.length === 1);
  assert.equal(commands('(thread $t (invoke "f")) (wait $t) (module)').length, 1);
});
