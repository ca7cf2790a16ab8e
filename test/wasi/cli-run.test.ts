/**
 * `weft run` end to end, as a child process: exit codes pass through, directories are granted with
 * --dir/--dir-ro, --env and --invoke work, and failures are one clear line (traps: one line plus the
 * wasm stack), never a Node stack trace.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { EXAMPLES, ROOT, TEST_WASM, tmpDir } from './harness.js';

const WEFT = path.join(ROOT, 'bin/weft.js');
/** WEFT_ENGINE if set; else the native engine and weft's own (its JS API, as users get it). */
const ENGINES = process.env['WEFT_ENGINE'] ? [process.env['WEFT_ENGINE']] : ['native', 'weft'];

function weftRunOn(engine: string, args: string[], opts: { cwd?: string; input?: string } = {}) {
  const r = spawnSync(process.execPath, [WEFT, 'run', ...args], {
    cwd: opts.cwd ?? EXAMPLES, input: opts.input ?? '', encoding: 'utf8',
    env: { ...process.env, WEFT_ENGINE: engine }, timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function assertNoNodeStack(stderr: string): void {
  assert.doesNotMatch(stderr, /at .*\.js:\d+|node:internal|file:\/\//, `Node stack trace leaked:\n${stderr}`);
}

for (const engine of ENGINES) describe(`weft run (engine: ${engine})`, () => {
  const weftRun = weftRunOn.bind(null, engine);

  it('hello.wasm prints its greeting and arguments, exit 0', () => {
    const r = weftRun(['hello.wasm', 'one', '--two']);
    assert.equal(r.stderr, '');
    assert.equal(r.stdout, 'Hello from weft!\nargv[0] = hello.wasm\nargv[1] = one\nargv[2] = --two\n');
    assert.equal(r.code, 0);
  });

  it('-- separates options from program arguments; --env sets variables', () => {
    const r = weftRun(['--env', 'WEFT_GREETING=salut', 'hello.wasm', '--', 'x']);
    assert.equal(r.stdout, 'Hello from weft!\nargv[0] = hello.wasm\nargv[1] = x\nWEFT_GREETING = salut\n');
  });

  it('--trace-wasi logs each call with its errno', () => {
    const r = weftRun(['--trace-wasi', 'wc.wasm', 'missing.txt', 'out.txt']);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /^wasi: args_sizes_get\(\d+, \d+\) -> 0$/m);
    assert.match(r.stderr, /^wasi: fd_write\(2, \d+, \d+, \d+\) -> 0$/m);
  });

  it('primes.wasm passes its exit code through', () => {
    const r = weftRun(['primes.wasm', '1000']);
    assert.equal(r.stdout, '168 primes below 1000, largest 997\n');
    assert.equal(r.code, 168);
  });

  it('wc.wasm works in a --dir preopen and is refused by --dir-ro', () => {
    const dir = tmpDir('cli-wc');
    fs.writeFileSync(path.join(dir, 'in.txt'), 'a b c\nd e\n');
    const ok = weftRun(['--dir', `${dir}::.`, path.join(EXAMPLES, 'wc.wasm'), 'in.txt', 'out.txt']);
    assert.equal(ok.stdout, '2 5 10 in.txt\n');
    assert.equal(ok.code, 0);
    assert.match(fs.readFileSync(path.join(dir, 'out.txt'), 'utf8'), /^words: 5$/m);
    const ro = weftRun(['--dir-ro', `${dir}::.`, path.join(EXAMPLES, 'wc.wasm'), 'in.txt', 'out2.txt']);
    assert.equal(ro.code, 1);
    assert.match(ro.stderr, /cannot create out2.txt/);
    assert.ok(!fs.existsSync(path.join(dir, 'out2.txt')));
    fs.rmSync(dir, { recursive: true });
  });

  it('stdin, --env and file system calls through the CLI (fsops.c)', () => {
    const dir = tmpDir('cli-fsops');
    const r = weftRun(['--dir', `${dir}::.`, '--env', 'FSOPS=cli', path.join(TEST_WASM, 'fsops.wasm'), 'x'], { input: 'abc\n' });
    assert.equal(r.stderr, 'done\n');
    assert.equal(r.code, 7);
    assert.match(r.stdout, /^argc 2 argv1 x env cli$/m);
    assert.match(r.stdout, /^stdin 4 bytes/m);
    assert.doesNotMatch(r.stdout, /FAILED/);
    assert.equal(fs.readFileSync(path.join(dir, 'work/log.txt'), 'utf8'), 'one\ntwo\n');
    fs.rmSync(dir, { recursive: true });
  });

  it('without --dir the program sees no files', () => {
    const r = weftRun(['wc.wasm', 'hello.c', 'out.txt']);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /cannot open hello.c/);
  });

  for (const [how, reason, innermost] of [
    ['unreachable', 'unreachable', 'fail_in'],
    ['oob', 'out of bounds memory access', 'fail_in'],
    ['div0', 'integer divide by zero', 'divide'],
  ] as const) {
    it(`trap.wasm ${how}: one trap line plus the wasm stack, exit 134`, () => {
      const r = weftRun(['trap.wasm', how]);
      assert.equal(r.stdout, `about to trap (${how})\n`);
      assert.equal(r.code, 134);
      const lines = r.stderr.trimEnd().split('\n');
      assert.equal(lines[0], `trap.wasm: trap: ${reason}`);
      assert.match(lines[1]!, new RegExp(`^    at ${innermost} \\(wasm-function\\[\\d+\\]:0x[0-9a-f]+\\)$`));
      assert.ok(lines.some((l) => /^    at main \(/.test(l)), r.stderr);
      assertNoNodeStack(r.stderr);
    });
  }

  it('a stack overflow is a trap with a bounded stack listing', () => {
    const dir = tmpDir('cli-rec');
    const wat = path.join(dir, 'rec.wat');
    fs.writeFileSync(wat, '(module (memory (export "memory") 1) (func $f (export "_start") (call $f)))');
    const r = weftRun([wat]);
    assert.equal(r.code, 134);
    const lines = r.stderr.trimEnd().split('\n');
    assert.equal(lines[0], `${wat}: trap: call stack exhausted`);
    assert.ok(lines.length <= 42, `${lines.length} lines`);
    assert.match(lines.at(-1)!, /^    \.\.\. \d+ more frames$/);
    fs.rmSync(dir, { recursive: true });
  });

  it('a missing --dir is one line, exit 1', () => {
    const r = weftRun(['--dir', '/no/such/dir::.', 'hello.wasm']);
    assert.equal(r.code, 1);
    assert.equal(r.stderr, 'hello.wasm: error: cannot preopen /no/such/dir: no such directory\n');
  });

  it('a missing file is one line, exit 1', () => {
    const r = weftRun(['nope.wasm']);
    assert.equal(r.code, 1);
    assert.equal(r.stderr, 'nope.wasm: error: no such file\n');
  });

  it('a bad binary is one line, exit 1', () => {
    const dir = tmpDir('cli-bad');
    const bad = path.join(dir, 'bad.wasm');
    fs.writeFileSync(bad, Uint8Array.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 0x01, 0x05, 0x01]));
    const r = weftRun([bad]);
    assert.equal(r.code, 1);
    assert.equal(r.stderr.trimEnd().split('\n').length, 1, r.stderr);
    assert.match(r.stderr, /^.*bad\.wasm: error: /);
    assertNoNodeStack(r.stderr);
    fs.rmSync(dir, { recursive: true });
  });

  it('.wat input, unknown imports and --invoke', () => {
    const dir = tmpDir('cli-wat');
    const wat = path.join(dir, 'm.wat');
    fs.writeFileSync(wat, `(module
      (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
      (memory (export "memory") 1)
      (func (export "add") (param i32 i64) (result i64) (i64.add (i64.extend_i32_s (local.get 0)) (local.get 1)))
      (func (export "_start") (call $exit (i32.const 42))))`);
    const start = weftRun([wat]);
    assert.equal(start.stderr, '');
    assert.equal(start.code, 42);
    const inv = weftRun(['--invoke', 'add', wat, '-5', '9007199254740993']);
    assert.equal(inv.stderr, '');
    assert.equal(inv.stdout, '9007199254740988\n');
    assert.equal(inv.code, 0);
    const before = weftRun(['--invoke', 'add', '-5', '10', wat]);
    assert.equal(before.stderr, '');
    assert.equal(before.stdout, '5\n');

    const lib = path.join(dir, 'lib.wat');
    fs.writeFileSync(lib, '(module (memory (export "memory") 1) (func (export "f") (result i32) (i32.const -1)))');
    const noStart = weftRun([lib]);
    assert.equal(noStart.code, 1);
    assert.match(noStart.stderr, /^.*lib\.wat: error: no _start export/);
    const f = weftRun(['--invoke', 'f', lib]);
    assert.equal(f.stdout, '-1\n');
    assert.equal(weftRun(['--invoke', 'nope', lib]).stderr, `${lib}: error: invoke: no exported function 'nope'\n`);

    const reactor = path.join(dir, 'reactor.wat');
    fs.writeFileSync(reactor, `(module
      (import "wasi_snapshot_preview1" "fd_write" (func $w (param i32 i32 i32 i32) (result i32)))
      (memory (export "memory") 1)
      (global $n (mut i32) (i32.const 0))
      (data (i32.const 16) "hi\\n") (data (i32.const 0) "\\10\\00\\00\\00\\03\\00\\00\\00")
      (func (export "_initialize") (global.set $n (i32.const 40)))
      (func (export "greet") (result i32) (drop (call $w (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8))) (i32.add (global.get $n) (i32.const 2))))`);
    const re = weftRun(['--invoke', 'greet', reactor]);
    assert.equal(re.stderr, '');
    assert.equal(re.stdout, 'hi\n42\n');

    const imp = path.join(dir, 'imp.wat');
    fs.writeFileSync(imp, '(module (import "env" "f" (func)) (import "wasi_snapshot_preview1" "nope" (func)) (func (export "_start")))');
    const bad = weftRun([imp]);
    assert.equal(bad.code, 1);
    assert.equal(bad.stderr, `${imp}: error: unknown imports env.f, wasi_snapshot_preview1.nope (weft run provides only wasi_snapshot_preview1)\n`);
    fs.rmSync(dir, { recursive: true });
  });

  it('bad usage exits 2 with the usage', () => {
    const r = weftRun(['--frobnicate', 'hello.wasm']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /unknown option: --frobnicate/);
    assert.match(r.stderr, /usage: weft run/);
  });
});

describe('weft run: engine options (weft engine)', () => {
  const weftRun = weftRunOn.bind(null, 'weft');
  const dir = tmpDir('cli-limits');
  const prog = path.join(dir, 'limits.wat');
  fs.writeFileSync(prog, `(module
    (memory (export "memory") 1)
    (func $r (param i32) (result i32) (i32.add (i32.const 1) (call $r (local.get 0))))
    (func (export "deep") (result i32) (call $r (i32.const 0)))
    (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0)))
    (func (export "_start") (loop $l (br $l))))`);

  it('--fuel ends an endless loop with a trap (exit 134)', () => {
    const r = weftRun(['--fuel', '100000', prog]);
    assert.equal(r.code, 134);
    assert.match(r.stderr, /trap: fuel exhausted/);
    assertNoNodeStack(r.stderr);
  });

  it('--max-call-depth bounds recursion; --max-memory bounds memory.grow', () => {
    const deep = weftRun(['--max-call-depth', '300', '--invoke', 'deep', prog]);
    assert.equal(deep.code, 134);
    assert.match(deep.stderr, /trap: call stack exhausted/);
    assert.match(deep.stderr, /\.\.\. \d+ more frames/);
    assert.equal(weftRun(['--max-memory', '1M', '--invoke', 'grow', prog, '15']).stdout, '1\n');
    assert.equal(weftRun(['--max-memory', '1M', '--invoke', 'grow', prog, '16']).stdout, '-1\n');
    const big = weftRun(['--max-memory', '64K', '--tier', 'interpreter', '--invoke', 'grow', prog, '1']);
    assert.equal(big.stdout, '-1\n');
  });

  it('bad values exit 2; the native engine refuses engine options', () => {
    for (const args of [['--fuel', '-3'], ['--tier', 'fast'], ['--max-memory', '12x'], ['--max-call-depth', '0']]) {
      const r = weftRun([...args, prog]);
      assert.equal(r.code, 2, args.join(' '));
      assert.match(r.stderr, /usage: weft run/);
    }
    const native = weftRunOn('native', ['--fuel', '10', prog]);
    assert.equal(native.code, 1);
    assert.match(native.stderr, /engine options \(fuel\) need weft's engine/);
  });
});
