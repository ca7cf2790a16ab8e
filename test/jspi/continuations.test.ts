/**
 * JSPI meets stack switching: a promising call (runtime `invokeAsync`) whose wasm resumes
 * continuations, and a host call inside a continuation that suspends. The whole chain of stacks
 * stays suspended and continues where the host call was (Thread.resumeAt).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RuntimeError } from '../../src/errors.js';
import { HostRef, Store, Suspension, WasmException, hostFunc, invoke, invokeAsync, type Value, type ModuleInstance } from '../../src/runtime/index.js';
import { load, exportedFunc } from '../exec/helpers.js';

const sleep = (ms: number) => new Promise<void>(r => setTimeout(r, ms));

const MOD = `(module
  (type $sig (func (param i32) (result i32)))
  (import "h" "fetch" (func $fetch (param i32) (result i32)))
  (import "h" "jstag" (tag $js (param externref)))
  (type $ft (func))
  (type $ct (cont $ft))
  (type $gft (func (param i32)))
  (type $gct (cont $gft))
  (tag $yield (param i32))
  (tag $oops (param i32))
  ;; A generator whose items come from an async import: fetch(0), fetch(1), ... fetch(n-1).
  (func $gen (param $n i32) (local $i i32)
    (loop $l
      (if (i32.lt_u (local.get $i) (local.get $n)) (then
        (suspend $yield (call $fetch (local.get $i)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $l)))))
  ;; Catches a failed fetch inside the continuation and yields -1 instead.
  (func $careful
    (block $h (result externref)
      (try_table (catch $js $h)
        (suspend $yield (call $fetch (i32.const -1)))
        (return))
      (unreachable))
    (drop)
    (suspend $yield (i32.const -1)))
  (elem declare func $gen $careful)
  (func $drain (param $k (ref null $ct)) (result i32) (local $sum i32)
    (loop $next
      (block $done
        (block $on (result i32 (ref $ct))
          (resume $ct (on $yield $on) (local.get $k))
          (br $done))
        (local.set $k)
        (local.set $sum (i32.add (local.get $sum)))
        (br $next)))
    (local.get $sum))
  (func (export "sum") (param i32) (result i32)
    (call $drain (cont.bind $gct $ct (local.get 0) (cont.new $gct (ref.func $gen)))))
  (func (export "careful") (result i32) (call $drain (cont.new $ct (ref.func $careful))))
  (func $failing
    (suspend $yield (call $fetch (i32.const 0)))
    (suspend $yield (call $fetch (i32.const -1))))
  (elem declare func $failing)
  (func (export "uncaught") (result i32)
    (block $h (result externref)
      (try_table (catch $js $h)
        (return (call $drain (cont.new $ct (ref.func $failing)))))
      (unreachable))
    (drop)
    (i32.const -100)))`;

function setup(tier: 'auto' | 'compiled' | 'interpreter' = 'auto'): { store: Store; inst: ModuleInstance; fn: (name: string, ...args: Value[]) => Promise<Value[]>; calls: number[] } {
  const store = new Store({ tier });
  const calls: number[] = [];
  // Reuse a wasm function's canonical type for the host function (params i32, results i32).
  const probe = load(store, `(module (func (export "f") (param i32) (result i32) (local.get 0)))`);
  let jstag: unknown = null;
  const fetch = hostFunc(exportedFunc(probe, 'f').type, ([x]) => {
    calls.push(x as number);
    if ((x as number) < 0) return new Suspension(sleep(2).then(() => { throw new WasmException(jstag as never, [new HostRef('bad')]); }));
    return new Suspension(sleep(1).then(() => [(x as number) * 10 + 1]));
  });
  const tagMod = load(store, `(module (tag (export "t") (param externref)))`);
  const tag = tagMod.exports.get('t')!;
  jstag = tag.value;
  const inst = load(store, MOD, [{ kind: 'func', value: fetch }, tag]);
  return { store, inst, calls, fn: (name, ...args) => invokeAsync(store, exportedFunc(inst, name), args) };
}

test('a generator continuation awaits an async import inside a promising call', async () => {
  const { fn, calls } = setup();
  assert.deepEqual(await fn('sum', 5), [1 + 11 + 21 + 31 + 41]);
  assert.deepEqual(calls, [0, 1, 2, 3, 4]);
});

test('interleaved promising calls, each with its own continuations suspended on the host', async () => {
  const { fn } = setup();
  const r = await Promise.all([fn('sum', 3), fn('sum', 6), fn('sum', 1)]);
  assert.deepEqual(r, [[33], [156], [1]]);
});

test('a rejection inside a continuation: caught there, or propagated to the resumer', async () => {
  const { fn, calls } = setup();
  assert.deepEqual(await fn('careful'), [-1]);
  assert.deepEqual(calls, [-1]);
  // Not caught in the continuation: it dies and the exception reaches the resumer's handler.
  assert.deepEqual(await fn('uncaught'), [-100]);
});

test('suspending inside a continuation outside promising still traps', async () => {
  const { store, inst, fn } = setup();
  assert.throws(() => invoke(store, exportedFunc(inst, 'sum'), [2]), (e: unknown) => e instanceof RuntimeError && /cannot suspend/.test(e.message));
  assert.equal(store.thread.depth, -1);
  assert.deepEqual(await fn('sum', 2), [12]);
});

test('under the forced compiled tier, code on a promising stack runs interpreted and suspends', async () => {
  const { store, inst, fn } = setup('compiled');
  // Synchronously the drain loop and generator bodies would be compiled where possible...
  assert.throws(() => invoke(store, exportedFunc(inst, 'sum'), [1]), /cannot suspend/);
  // ...on the suspendable stack they are interpreted (jit/bridge.ts canEnter), so they suspend.
  assert.deepEqual(await fn('sum', 4), [1 + 11 + 21 + 31]);
});
