/** `weft run --monitor`: reports on stderr after the program ends (also after a trap); output unchanged. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const EXAMPLES = path.join(ROOT, 'examples');

function weftRun(args: string[]) {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'bin/weft.js'), 'run', ...args], {
    cwd: EXAMPLES, encoding: 'utf8', env: { ...process.env, WEFT_ENGINE: 'weft' }, timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('weft run --monitor prints every report and leaves the program output alone', () => {
  const r = weftRun(['--dir', '.', '--monitor', 'coverage,opcodes', '--monitor', 'profile', '--monitor=calls', 'hello.wasm', 'x']);
  assert.equal(r.code, 0);
  assert.equal(r.stdout, 'Hello from weft!\nargv[0] = hello.wasm\nargv[1] = x\n');
  assert.match(r.stderr, /^coverage: \d+\/\d+ instructions/m);
  assert.match(r.stderr, /^ {2}\$main: [1-9]\d*\/\d+ instrs/m);
  assert.match(r.stderr, /^opcodes: [1-9]\d* instructions executed/m);
  assert.match(r.stderr, /^profile: \d+ functions called/m);
  assert.match(r.stderr, /^calls: [1-9]\d* calls/m);
  assert.ok(r.stderr.indexOf('coverage:') < r.stderr.indexOf('opcodes:'));
});

test('reports also come after a trap', () => {
  const r = weftRun(['--monitor', 'coverage,calls', 'trap.wasm', 'div0']);
  assert.equal(r.code, 134);
  assert.match(r.stderr, /trap: integer divide by zero[\s\S]*\ncoverage: [\s\S]*\ncalls: /);
  assert.match(r.stderr, /\$fail_in\(i32:\d+\)\n(\s+\$strcmp.*\n)*\s+\$divide\(/);
});

test('unknown monitor names are a usage error', () => {
  const r = weftRun(['--monitor', 'coverage,nope', 'hello.wasm']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /--monitor: unknown monitor 'nope'/);
});

test('monitor options in braces: calls{depth=N;trace=N}', () => {
  const r = weftRun(['--monitor', 'calls{depth=1;trace=2},opcodes', 'hello.wasm']);
  assert.equal(r.code, 0);
  assert.match(r.stderr, /^calls: \d+ calls[^\n]*\n {2}\$_start\.command_export\(\)\n {4}\$_start\(\)\n {2}\.\.\. 1 more calls not traced\n/m);
  const bad = weftRun(['--monitor', 'calls{deep=1}', 'hello.wasm']);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /unknown option 'deep'/);
});

test('--monitor-json: one JSON object keyed by monitor name', () => {
  const r = weftRun(['--monitor', 'coverage,calls{trace=3}', '--monitor-json', 'hello.wasm']);
  assert.equal(r.code, 0);
  const reports = JSON.parse(r.stderr) as { coverage: { coveredInstructions: number }; calls: { trace: { args: { type: string; value: unknown }[] }[] } };
  assert.ok(reports.coverage.coveredInstructions > 0);
  assert.equal(reports.calls.trace.length, 3);
});
