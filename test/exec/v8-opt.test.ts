import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';

// The dispatch loop (interp.ts `run`) is only fast when V8's optimising compiler takes it, and
// V8 refuses functions above a bytecode size (60 KB in V8 11-12; `run` is close, see README
// "Register operands"). A case too many would silently make every wasm program several times
// slower: this runs a hot loop in a child process and asks V8 whether `run` got optimised.

const CHILD = `
const { parseModule } = await import(${JSON.stringify(new URL('../../src/text/parse-module.js', import.meta.url).href)});
const { validateModule } = await import(${JSON.stringify(new URL('../../src/valid/index.js', import.meta.url).href)});
const { Store, instantiate, invoke } = await import(${JSON.stringify(new URL('../../src/runtime/index.js', import.meta.url).href)});
const { run } = await import(${JSON.stringify(new URL('../../src/exec/interp.js', import.meta.url).href)});
const wat = '(module (func (export "f") (param i32) (result i32) (local i32) ' +
  '(loop $l (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 0) (i32.const 3)))) ' +
  '(br_if $l (local.tee 0 (i32.sub (local.get 0) (i32.const 1))))) (local.get 1)))';
const store = new Store({ tier: 'interpreter' });
const inst = instantiate(store, validateModule(parseModule(wat)), []);
const f = inst.exports.get('f').value;
// Optimisation runs on a background thread: keep the loop hot until it lands (or time runs out).
const until = Date.now() + 20000;
let status = 0;
for (let i = 0; Date.now() < until; i++) {
  invoke(store, f, [20000]);
  status = %GetOptimizationStatus(run);
  if (i >= 60 && (status & 16) !== 0) break;
  if (i >= 400) break;
}
console.log(JSON.stringify({ status }));
`;

function optimised(extraFlags: string[]): boolean {
  const r = spawnSync(process.execPath, ['--allow-natives-syntax', ...extraFlags, '--input-type=module', '-e', CHILD],
    { encoding: 'utf8', timeout: 60000 });
  assert.equal(r.status, 0, r.stderr);
  const { status } = JSON.parse(r.stdout.trim().split('\n').pop()!) as { status: number };
  return (status & (1 << 4)) !== 0; // V8 OptimizationStatus::kOptimized
}

test('V8 optimises the interpreter dispatch loop', () => {
  assert.ok(optimised([]), 'interp.ts run() is not optimised: too large? (node --print-bytecode --print-bytecode-filter=run)');
});

test('the check above notices a function V8 will not optimise', () => {
  assert.ok(!optimised(['--max-optimized-bytecode-size=20000']));
});
