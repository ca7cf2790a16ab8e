/** The lexer: token classes, strings and escapes, comments, annotations, errors with line:col. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ParseError } from '../../src/errors.js';
import { tokenize } from '../../src/text/lexer.js';
import { stripAnnotations } from '../../src/text/annotations.js';

const kinds = (s: string): string[] => tokenize(s).map(t => `${t.kind}:${t.text}`);

function lexError(src: string): { reason: string; line: number; column: number } {
  try {
    tokenize(src);
  } catch (e) {
    assert.ok(e instanceof ParseError, String(e));
    return { reason: e.reason, line: e.line, column: e.column };
  }
  assert.fail(`no error for ${JSON.stringify(src)}`);
}

test('token classes', () => {
  assert.deepEqual(kinds('(module $m i32.add 0x1f -1.5 inf nan:0x1 "s" offset=4 0x_1 Abc)'), [
    '(:(', 'keyword:module', 'id:$m', 'keyword:i32.add', 'number:0x1f', 'number:-1.5', 'number:inf',
    'number:nan:0x1', 'string:"s"', 'keyword:offset=4', 'reserved:0x_1', 'reserved:Abc', '):)',
  ]);
  // Adjacent strings/idchars without space form one reserved token.
  assert.deepEqual(kinds('"a""b" 1"x"'), ['reserved:"a""b"', 'reserved:1"x"']);
  // Quoted ids name the same thing as plain ones.
  const [a, b] = tokenize('$"abc" $abc');
  assert.equal(a.kind, 'id');
  assert.deepEqual(a.bytes, b.bytes);
});

test('line and column of tokens', () => {
  const toks = tokenize('(module\n  (func $f)\n\t;; comment\n  (; block\n ;) i32)');
  const f = toks.find(t => t.text === '$f')!;
  assert.deepEqual([f.line, f.col], [2, 9]);
  const i = toks.find(t => t.text === 'i32')!;
  assert.deepEqual([i.line, i.col], [5, 5]);
});

test('string escapes', () => {
  const [t] = tokenize(String.raw`"\t\n\r\"\'\\\00\ff\u{41}\u{1F600}é"`);
  assert.deepEqual([...t.bytes!], [9, 10, 13, 0x22, 0x27, 0x5c, 0, 0xff, 0x41, 0xf0, 0x9f, 0x98, 0x80, 0xc3, 0xa9]);
});

test('nested block comments', () => {
  assert.deepEqual(kinds('a (; x (; y ;) z ;) b'), ['keyword:a', 'keyword:b']);
  assert.deepEqual(kinds('a ;; (b\nc'), ['keyword:a', 'keyword:c']);
});

test('annotations are stripped, @custom kept aside', () => {
  const { tokens, customs } = stripAnnotations(tokenize('(module (@name "m") (@custom "c" "d") (func (@x (y) z)))'));
  assert.deepEqual(tokens.map(t => t.text), ['(', 'module', '(', 'func', ')', ')']);
  assert.equal(customs.length, 1);
  assert.equal(customs[0].at, 2);
});

test('lexical errors carry line:column', () => {
  assert.deepEqual(lexError('(module\n  "abc'), { reason: 'unclosed string', line: 2, column: 3 });
  assert.deepEqual(lexError('"a\nb"'), { reason: 'unclosed string', line: 1, column: 1 });
  assert.deepEqual(lexError('(a (; b'), { reason: 'unclosed comment', line: 1, column: 4 });
  assert.deepEqual(lexError('x\n  \u00e9'), { reason: 'illegal character', line: 2, column: 3 });
  assert.deepEqual(lexError('"\\q"'), { reason: 'illegal escape', line: 1, column: 2 });
  assert.deepEqual(lexError('"\\u{110000}"'), { reason: 'illegal escape', line: 1, column: 2 });
  assert.deepEqual(lexError('"\x01"'), { reason: 'illegal character', line: 1, column: 2 });
  assert.deepEqual(lexError('"\udc80"'), { reason: 'malformed UTF-8 encoding', line: 1, column: 2 });
  assert.equal(lexError('$').reason, 'empty identifier');
  assert.equal(lexError('$""').reason, 'empty identifier');
});
