/**
 * JSPI (WebAssembly.Suspending / WebAssembly.promising) on weft's interpreter: real async imports
 * (timers, fs.promises) awaited deep inside wasm, interleaved promising calls, rejections entering
 * wasm as JSTag exceptions, and the proposal's traps.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { wat, weft } from '../api/helpers.js';

const W = weft as any;
const sleep = (ms: number) => new Promise<void>(r => setTimeout(r, ms));

const DEEP = wat(`(module
  (import "env" "wait" (func $wait (param i32) (result i32)))
  (func $deep (export "deep") (param $n i32) (param $ms i32) (result i32)
    (if (result i32) (i32.eqz (local.get $n))
      (then (call $wait (local.get $ms)))
      (else (i32.add (i32.const 1)
        (call $deep (i32.sub (local.get $n) (i32.const 1)) (local.get $ms)))))))`);

function instantiate(bytes: Uint8Array, imports: object): any {
  return new W.Instance(new W.Module(bytes), imports).exports;
}

test('a timer awaited 50 wasm calls deep', async () => {
  let waits = 0;
  const wait = new W.Suspending((ms: number) => new Promise(r => setTimeout(() => { waits++; r(ms * 2); }, ms)));
  const { deep } = instantiate(DEEP, { env: { wait } });
  const p = W.promising(deep)(50, 5);
  assert.ok(p instanceof Promise);
  assert.equal(waits, 0, 'the promising call returns at the first suspension');
  assert.equal(await p, 60);
  assert.equal(waits, 1);
});

test('a file read (fs.promises) into memory from inside wasm', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'weft-jspi-'));
  const file = join(dir, 'data.bin');
  const bytes = new Uint8Array(1000).map((_, i) => (i * 7) & 0xff);
  await writeFile(file, bytes);
  const mod = wat(`(module
    (import "env" "read" (func $read (param i32 i32) (result i32)))
    (memory (export "mem") 1)
    (func $sum (param $p i32) (param $n i32) (result i32) (local $s i32)
      (block $out (loop $l
        (br_if $out (i32.eqz (local.get $n)))
        (local.set $s (i32.add (local.get $s) (i32.load8_u (local.get $p))))
        (local.set $p (i32.add (local.get $p) (i32.const 1)))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $l)))
      (local.get $s))
    (func $nest (param $d i32) (result i32)
      (if (result i32) (local.get $d)
        (then (call $nest (i32.sub (local.get $d) (i32.const 1))))
        (else (call $sum (i32.const 64) (call $read (i32.const 64) (i32.const 4096))))))
    (func (export "run") (result i32) (call $nest (i32.const 20))))`);
  let mem!: WebAssembly.Memory;
  const read = new W.Suspending(async (ptr: number, max: number) => {
    const data = await readFile(file);
    const n = Math.min(max, data.length);
    new Uint8Array(mem.buffer, ptr, n).set(data.subarray(0, n));
    return n;
  });
  const ex = instantiate(mod, { env: { read } });
  mem = ex.mem;
  const expect = bytes.reduce((a, b) => a + b, 0);
  assert.equal(await W.promising(ex.run)(), expect);
});

test('several promising calls interleave and finish in settle order', async () => {
  const order: number[] = [];
  const mod = wat(`(module
    (import "env" "wait" (func $wait (param i32) (result i32)))
    (global $total (export "total") (mut i32) (i32.const 0))
    (func (export "work") (param $id i32) (param $ms i32) (param $rounds i32) (result i32) (local $acc i32)
      (loop $l
        (local.set $acc (i32.add (local.get $acc) (call $wait (local.get $ms))))
        (global.set $total (i32.add (global.get $total) (i32.const 1)))
        (local.set $rounds (i32.sub (local.get $rounds) (i32.const 1)))
        (br_if $l (local.get $rounds)))
      (i32.add (i32.mul (local.get $id) (i32.const 1000)) (local.get $acc))))`);
  const wait = new W.Suspending((ms: number) => sleep(ms).then(() => ms));
  const ex = instantiate(mod, { env: { wait } });
  const work = W.promising(ex.work);
  const ps = [work(1, 100, 2), work(2, 1, 2), work(3, 30, 2)].map((p: Promise<number>, i: number) => p.then(v => { order.push(i + 1); return v; }));
  assert.equal(ex.total.value, 0, 'nothing ran past the first suspension yet');
  assert.deepEqual(await Promise.all(ps), [1200, 2002, 3060]);
  assert.equal(ex.total.value, 6);
  assert.deepEqual(order, [2, 3, 1]);
});

const CATCHER = wat(`(module
  (import "env" "fetch" (func $fetch (param i32) (result i32)))
  (import "env" "tag" (tag $js (param externref)))
  (func (export "guarded") (param i32) (result i32)
    (block $h (result externref)
      (try_table (catch $js $h)
        (return (call $fetch (local.get 0))))
      (unreachable))
    (drop)
    (i32.const -1))
  (func (export "catchall") (param i32) (result i32)
    (block $h
      (try_table (catch_all $h)
        (return (call $fetch (local.get 0)))))
    (i32.const -2))
  (func (export "plain") (param i32) (result i32) (call $fetch (local.get 0)))
  (func (export "after") (param i32) (result i32) (drop (call $fetch (local.get 0))) (unreachable)))`);

function catcher(): any {
  const fetch = new W.Suspending((x: number) => x < 0 ? Promise.reject(new Error('no ' + x)) : sleep(1).then(() => x + 1));
  return instantiate(CATCHER, { env: { fetch, tag: W.JSTag } });
}

test('a rejection enters wasm as a JSTag exception (catch $jstag, catch_all) or rejects the promise', async () => {
  const ex = catcher();
  assert.equal(await W.promising(ex.guarded)(4), 5);
  assert.equal(await W.promising(ex.guarded)(-4), -1);
  assert.equal(await W.promising(ex.catchall)(-4), -2);
  await assert.rejects(W.promising(ex.plain)(-7), (e: unknown) => e instanceof Error && e.message === 'no -7');
});

test('a trap after resuming rejects with RuntimeError', async () => {
  const ex = catcher();
  await assert.rejects(W.promising(ex.after)(1), W.RuntimeError);
});

test('traps: suspending without promising, and through JS frames', async () => {
  const ex = catcher();
  // Called from a plain export: the stack cannot suspend.
  assert.throws(() => ex.plain(3), W.RuntimeError);
  // A promise-free Suspending import works anywhere.
  const now = new W.Suspending((x: number) => x * 3);
  const ex2 = instantiate(wat(`(module (import "env" "f" (func $f (param i32) (result i32)))
    (func (export "g") (param i32) (result i32) (call $f (local.get 0))))`), { env: { f: now } });
  assert.equal(ex2.g(5), 15);
  assert.equal(await W.promising(ex2.g)(5), 15);
  // promising -> wasm -> JS -> wasm -> Suspending: a JS frame in between; the inner call traps.
  let inner: unknown = null;
  const outer = instantiate(wat(`(module (import "env" "js" (func $js (param i32) (result i32)))
    (func (export "go") (param i32) (result i32) (call $js (local.get 0))))`), {
    env: { js: (x: number) => { try { return ex.plain(x); } catch (e) { inner = e; throw e; } } },
  });
  await assert.rejects(W.promising(outer.go)(2), W.RuntimeError);
  assert.ok(inner instanceof W.RuntimeError);
  // The stacks involved are clean afterwards.
  assert.equal(await W.promising(ex.plain)(8), 9);
  assert.equal(ex2.g(2), 6);
});

test('API surface: constructor and argument checks', () => {
  assert.equal(typeof W.Suspending, 'function');
  assert.equal(typeof W.promising, 'function');
  assert.equal(W.promising.length, 1);
  assert.throws(() => W.Suspending(() => 0), TypeError);
  assert.throws(() => new W.Suspending(5), TypeError);
  assert.throws(() => W.promising(() => 0), TypeError);
  const s = new W.Suspending(() => 0);
  assert.equal(Object.getPrototypeOf(s), W.Suspending.prototype);
  assert.equal(Object.prototype.toString.call(s), '[object WebAssembly.Suspending]');
  assert.deepEqual(Object.keys(s), []);
  // A Suspending is not callable from JS.
  assert.throws(() => (s as any)(), TypeError);
});

test('promising without suspension resolves; multi-value and argument errors', async () => {
  const ex = instantiate(wat(`(module
    (import "env" "two" (func $two (param i32) (result i32 i64)))
    (func (export "id") (param i64) (result i64) (local.get 0))
    (func (export "pair") (param i32) (result i32 i64) (call $two (local.get 0))))`), {
    env: { two: new W.Suspending((x: number) => sleep(1).then(() => [x, BigInt(x) << 40n])) },
  });
  assert.equal(await W.promising(ex.id)(7n), 7n);
  await assert.rejects(W.promising(ex.id)(7), TypeError);
  assert.deepEqual(await W.promising(ex.pair)(3), [3, 3n << 40n]);
});

test('hot code that tiered up on the main stack still suspends under promising', async () => {
  const ex = instantiate(DEEP, { env: { wait: new W.Suspending((ms: number) => ms === 0 ? 1 : sleep(ms).then(() => ms)) } });
  let s = 0;
  for (let i = 0; i < 3000; i++) s += ex.deep(10, 0);
  assert.equal(s, 3000 * 11);
  assert.equal(await W.promising(ex.deep)(30, 2), 32);
});

test('wasm exceptions thrown after a resume reject with WebAssembly.Exception', async () => {
  const tag = new W.Tag({ parameters: ['i32'] });
  const ex = instantiate(wat(`(module
    (import "env" "wait" (func $wait (param i32) (result i32)))
    (import "env" "tag" (tag $t (param i32)))
    (func (export "f") (param i32) (result i32) (throw $t (call $wait (local.get 0)))))`), {
    env: { tag, wait: new W.Suspending((x: number) => sleep(1).then(() => x * 10)) },
  });
  await assert.rejects(W.promising(ex.f)(4), (e: any) => e instanceof W.Exception && e.is(tag) && e.getArg(tag, 0) === 40);
});
