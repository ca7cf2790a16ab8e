/**
 * The `weft` command as a child process: exit codes, and failures reported as exactly one line
 * (never a stack trace) for every kind of bad input.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { encodeModule } from '../../src/binary/encode.js';
import { parseModule } from '../../src/text/parse-module.js';

const BIN = fileURLToPath(new URL('../../../bin/weft.js', import.meta.url));
let dir = '';
const at = (name: string) => join(dir, name);

interface Result { code: number | null; stdout: string; stderr: string; out: Buffer }

function weft(...args: string[]): Result {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: dir, timeout: 30_000 });
  return { code: r.status, stdout: r.stdout.toString(), stderr: r.stderr.toString(), out: r.stdout };
}

/** A failure: status 1 and one line on stderr that names the file, without any stack trace. */
function assertOneLineError(r: Result, file: string, pattern?: RegExp): void {
  assert.equal(r.code, 1, r.stderr);
  const lines = r.stderr.trimEnd().split('\n');
  assert.equal(lines.length, 1, r.stderr);
  assert.ok(lines[0].startsWith(`${file}: error: `), lines[0]);
  assert.ok(!/\n\s+at /.test(r.stderr) && !r.stderr.includes('internal error'), r.stderr);
  if (pattern) assert.match(lines[0], pattern);
}

const GOOD_WAT = `(module
  (func $add (export "add") (param i32 i32) (result i32) local.get 0 local.get 1 i32.add)
  (memory 1) (data (i32.const 0) "hi"))`;

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'weft-cli-'));
  writeFileSync(at('good.wat'), GOOD_WAT);
  const good = encodeModule(parseModule(GOOD_WAT));
  writeFileSync(at('good.wasm'), good);
  writeFileSync(at('empty.wasm'), new Uint8Array(0));
  writeFileSync(at('truncated.wasm'), good.subarray(0, good.length - 5));
  writeFileSync(at('garbage.bin'), new Uint8Array([1, 2, 3, 250, 0, 7]));
  writeFileSync(at('invalid.wat'), '(module (func (result i32)))');
  writeFileSync(at('invalid.wasm'), encodeModule(parseModule('(module (func (result i32)))')));
  writeFileSync(at('syntax.wat'), '(module (func (i32.const)))');
  writeFileSync(at('bad-utf8.wat'), new Uint8Array([0x28, 0x6d, 0xff, 0x29]));
});

after(() => rmSync(dir, { recursive: true, force: true }));

test('usage, help and version', () => {
  const none = weft();
  assert.equal(none.code, 2);
  assert.match(none.stderr, /usage: weft <command>/);
  const help = weft('--help');
  assert.equal(help.code, 0);
  assert.match(help.stdout, /validate/);
  assert.match(help.stdout, /wasm2wat/);
  const version = weft('--version');
  assert.equal(version.code, 0);
  assert.match(version.stdout, /^weft \d+\.\d+\.\d+/);
  const unknown = weft('frobnicate');
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /unknown command 'frobnicate'/);
  for (const cmd of ['validate', 'objdump', 'wat2wasm', 'wasm2wat']) {
    const r = weft(cmd, '--help');
    assert.equal(r.code, 0, cmd + ': ' + r.stderr);
    assert.match(r.stdout, new RegExp(`usage: weft ${cmd}`));
  }
  const badOpt = weft('validate', '--bogus', 'good.wat');
  assert.equal(badOpt.code, 2);
  assert.match(badOpt.stderr, /unknown option: --bogus/);
  assert.equal(weft('validate').code, 2);
});

test('validate accepts valid modules silently, or says so with -v', () => {
  for (const f of ['good.wat', 'good.wasm']) {
    const r = weft('validate', f);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout + r.stderr, '');
  }
  const v = weft('validate', '-v', 'good.wasm');
  assert.equal(v.code, 0);
  assert.equal(v.stdout, 'good.wasm: valid\n');
});

test('validate reports every bad input in one line', () => {
  assertOneLineError(weft('validate', 'missing.wasm'), 'missing.wasm', /no such file/);
  assertOneLineError(weft('validate', 'empty.wasm'), 'empty.wasm');
  assertOneLineError(weft('validate', 'truncated.wasm'), 'truncated.wasm', / at 0x/);
  assertOneLineError(weft('validate', 'garbage.bin'), 'garbage.bin', /magic header/);
  assertOneLineError(weft('validate', 'invalid.wat'), 'invalid.wat', /type mismatch/);
  assertOneLineError(weft('validate', 'invalid.wasm'), 'invalid.wasm', /type mismatch.* at 0x/);
  assertOneLineError(weft('validate', 'syntax.wat'), 'syntax.wat', /1:\d+/);
  assertOneLineError(weft('validate', 'bad-utf8.wat'), 'bad-utf8.wat', /UTF-8/);
  assertOneLineError(weft('validate', '.'), '.', /directory/);
});

test('validate checks several files and fails if any fails', () => {
  const r = weft('validate', 'good.wat', 'invalid.wat', 'good.wasm');
  assert.equal(r.code, 1);
  assert.equal(r.stderr.trimEnd().split('\n').length, 1);
});

test('wat2wasm writes the binary to -o or to a pipe', () => {
  const r = weft('wat2wasm', 'good.wat', '-o', 'out.wasm');
  assert.equal(r.code, 0, r.stderr);
  const bytes = readFileSync(at('out.wasm'));
  assert.deepEqual([...bytes.subarray(0, 4)], [0, 0x61, 0x73, 0x6d]);
  const piped = weft('wat2wasm', 'good.wat');
  assert.equal(piped.code, 0);
  assert.deepEqual(piped.out, bytes);
  assertOneLineError(weft('wat2wasm', 'invalid.wat', '-o', 'x.wasm'), 'invalid.wat', /type mismatch/);
  assert.equal(weft('wat2wasm', '--no-check', 'invalid.wat', '-o', 'x.wasm').code, 0);
  assertOneLineError(weft('wat2wasm', 'syntax.wat'), 'syntax.wat');
});

test('wasm2wat prints text that assembles back to the same bytes', () => {
  const r = weft('wasm2wat', 'good.wasm');
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^\(module\n/);
  assert.match(r.stdout, /i32\.add/);
  writeFileSync(at('back.wat'), r.stdout);
  assert.equal(weft('wat2wasm', 'back.wat', '-o', 'back.wasm').code, 0);
  assert.deepEqual(readFileSync(at('back.wasm')), readFileSync(at('good.wasm')));
  const named = weft('wat2wasm', '--debug-names', 'good.wat', '-o', 'named.wasm');
  assert.equal(named.code, 0);
  const text = weft('wasm2wat', 'named.wasm', '-o', 'named.wat');
  assert.equal(text.code, 0);
  assert.match(readFileSync(at('named.wat'), 'utf8'), /\(func \$add /);
  assert.doesNotMatch(weft('wasm2wat', '--no-names', 'named.wasm').stdout, /\$add/);
  assertOneLineError(weft('wasm2wat', 'invalid.wasm'), 'invalid.wasm');
  assert.equal(weft('wasm2wat', '--no-check', 'invalid.wasm').code, 0);
  assertOneLineError(weft('wasm2wat', 'truncated.wasm'), 'truncated.wasm');
});

test('objdump shows the sections', () => {
  const r = weft('objdump', 'good.wasm');
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /code/i);
  assertOneLineError(weft('objdump', 'garbage.bin'), 'garbage.bin');
  assertOneLineError(weft('objdump', 'missing.wasm'), 'missing.wasm');
});

test('feature switches', () => {
  const simd = '(module (func (drop (v128.const i64x2 0 0))))';
  writeFileSync(at('simd.wat'), simd);
  assert.equal(weft('validate', 'simd.wat').code, 0);
  assertOneLineError(weft('validate', '--disable', 'simd', 'simd.wat'), 'simd.wat');
  const r = weft('validate', '--enable', 'no-such-feature', 'simd.wat');
  assert.equal(r.code, 1);
  assert.match(r.stderr, /unknown feature/);
});
