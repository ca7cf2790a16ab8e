/**
 * Stack exhaustion under the compiled tier in a fresh process (no warmed-up, optimised frames):
 * deep recursion must end in RuntimeError('exhaustion') and never leak a host RangeError, for
 * recursion with large frames, through call_indirect, alternating with interpreted functions, and
 * then the engine must keep working.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../../src');

const script = `
import { Store, invoke } from ${JSON.stringify(path.join(root, 'runtime/index.js'))};
import { RuntimeError } from ${JSON.stringify(path.join(root, 'errors.js'))};
import { load, exportedFunc } from ${JSON.stringify(path.join(here, '../exec/helpers.js'))};
const locals = Array.from({ length: 60 }, () => 'i64').join(' ');
const wat = \`(module (type $t (func (param i32) (result i32))) (table 1 funcref) (elem (i32.const 0) $ind)
  (func $r (export "r") (param i32) (result i32) (local \${locals}) local.get 0 i32.const 1 i32.add call $r)
  (func $ind (export "ind") (type $t) local.get 0 i32.const 1 i32.add i32.const 0 call_indirect (type $t))
  (func $mix (export "mix") (param i32) (result i32) local.get 0 i32.const 1 i32.add call $stays)
  (func $stays (param i32) (result i32) (try (do) (catch_all)) local.get 0 call $mix)
  (func (export "ok") (param i32) (result i32) local.get 0 i32.const 1 i32.add))\`;
const s = new Store({ tier: 'compiled' });
const inst = load(s, wat);
const out = [];
for (const name of ['r', 'ind', 'mix', 'r']) {
  try { invoke(s, exportedFunc(inst, name), [0]); out.push(name + ':returned'); }
  catch (e) { out.push(name + ':' + (e instanceof RuntimeError ? e.kind : e?.constructor?.name)); }
}
out.push('ok:' + invoke(s, exportedFunc(inst, 'ok'), [41])[0]);
console.log(out.join(' '));
`;

test('exhaustion in a fresh process is a clean RuntimeError, then the engine keeps working', () => {
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' }).trim();
  assert.equal(out, 'r:exhaustion ind:exhaustion mix:exhaustion r:exhaustion ok:42');
});
