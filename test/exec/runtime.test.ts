import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RuntimeError, LinkError } from '../../src/errors.js';
import {
  Store, hostFunc, WasmException, HostRef, StructObj, createMemory, type ExternVal,
} from '../../src/runtime/index.js';
import { load, loadBinary, call, exportedFunc, interpStore } from './helpers.js';

test('deep recursion traps with exhaustion and the engine keeps working', () => {
  const store = interpStore({ maxCallDepth: 5000 });
  const inst = load(store, `(module
    (func $f (export "runaway") (call $f))
    (func $g (export "count") (param i32) (result i32)
      (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 0))
        (else (i32.add (i32.const 1) (call $g (i32.sub (local.get 0) (i32.const 1))))))))`);
  assert.throws(() => call(store, inst, 'runaway'), (e: unknown) =>
    e instanceof RuntimeError && e.kind === 'exhaustion' && e.reason === 'call stack exhausted');
  assert.deepEqual(call(store, inst, 'count', 4000), [4000]);
  assert.throws(() => call(store, inst, 'count', 6000), (e: unknown) => e instanceof RuntimeError && e.kind === 'exhaustion');
  assert.deepEqual(call(store, inst, 'count', 10), [10]);
  assert.equal(store.thread.depth, -1);
  assert.equal(store.thread.sp, 0);
});

test('tail calls run in constant stack', () => {
  const store = interpStore({ maxCallDepth: 100 });
  const inst = load(store, `(module
    (func $loop (export "loop") (param i64 i64) (result i64)
      (if (result i64) (i64.eqz (local.get 0)) (then (local.get 1))
        (else (return_call $loop (i64.sub (local.get 0) (i64.const 1)) (i64.add (local.get 1) (i64.const 2)))))))`);
  assert.deepEqual(call(store, inst, 'loop', 100000n, 0n), [200000n]);
});

test('calls across instances, shared memory and tables', () => {
  const store = interpStore();
  const a = load(store, `(module
    (memory (export "mem") 1)
    (func (export "store") (param i32 i32) (i32.store (local.get 0) (local.get 1)))
    (func (export "twice") (param i32) (result i32) (i32.mul (local.get 0) (i32.const 2))))`);
  const imports: ExternVal[] = [a.exports.get('twice')!, a.exports.get('mem')!, a.exports.get('store')!];
  const b = load(store, `(module
    (import "a" "twice" (func $twice (param i32) (result i32)))
    (import "a" "mem" (memory 1))
    (import "a" "store" (func $store (param i32 i32)))
    (func (export "go") (param i32) (result i32)
      (call $store (i32.const 8) (call $twice (local.get 0)))
      (i32.load (i32.const 8))))`, imports);
  assert.deepEqual(call(store, b, 'go', 21), [42]);
});

test('import matching rejects a mismatched function type', () => {
  const store = interpStore();
  const a = load(store, `(module (func (export "f") (param i64)))`);
  assert.throws(() => load(store, `(module (import "a" "f" (func (param i32))))`, [a.exports.get('f')!]), LinkError);
});

test('a trap carries a wasm stack trace with names and byte offsets', (t) => {
  const wat = `(module
    (func $inner (export "inner") (param i32) (result i32) (i32.div_s (i32.const 1) (local.get 0)))
    (func $outer (export "outer") (result i32) (call $inner (i32.const 0))))`;
  const store = interpStore();
  const inst = load(store, wat);
  try {
    call(store, inst, 'outer');
    assert.fail('expected a trap');
  } catch (e) {
    assert.ok(e instanceof RuntimeError);
    assert.equal(e.reason, 'integer divide by zero');
    assert.deepEqual(e.wasmStack.map(f => f.funcIndex), [0, 1]);
    assert.match(String(e.wasmStack[0].funcName), /inner/);
    assert.match(String(e.wasmStack[1].funcName), /outer/);
  }
  if (!existsSync('/usr/bin/wat2wasm')) { t.skip('wat2wasm not installed'); return; }
  const dir = mkdtempSync(join(tmpdir(), 'weft-'));
  writeFileSync(join(dir, 'm.wat'), wat);
  execFileSync('/usr/bin/wat2wasm', ['--debug-names', join(dir, 'm.wat'), '-o', join(dir, 'm.wasm')]);
  const bin = loadBinary(store, new Uint8Array(readFileSync(join(dir, 'm.wasm'))));
  try {
    call(store, bin, 'outer');
    assert.fail('expected a trap');
  } catch (e) {
    assert.ok(e instanceof RuntimeError);
    const [inner, outer] = e.wasmStack;
    assert.equal(inner.funcIndex, 0);
    assert.equal(outer.funcIndex, 1);
    const bytes = readFileSync(join(dir, 'm.wasm'));
    assert.equal(bytes[inner.offset], 0x6d, 'inner frame points at i32.div_s');
    assert.equal(bytes[outer.offset], 0x10, 'outer frame points at the call');
    assert.match(e.formatWasmStack(), /wasm-function\[0\]:0x/);
  }
});

test('wasm exceptions: caught in wasm, escaping to the host, thrown by the host', () => {
  const store = interpStore();
  let hostTag: unknown = null;
  const inst = load(store, `(module
    (tag $e (export "e") (param i32))
    (func $throw (export "throw") (param i32) (throw $e (local.get 0)))
    (func (export "catch") (param i32) (result i32)
      (block $h (result i32)
        (try_table (catch $e $h) (call $throw (local.get 0)))
        (i32.const -1)))
    (func (export "legacy") (param i32) (result i32)
      (try (result i32) (do (call $throw (local.get 0)) (i32.const -1))
        (catch $e (i32.add (i32.const 100))))))`);
  assert.deepEqual(call(store, inst, 'catch', 7), [7]);
  assert.deepEqual(call(store, inst, 'legacy', 7), [107]);
  try {
    call(store, inst, 'throw', 5);
    assert.fail('expected an exception');
  } catch (e) {
    assert.ok(e instanceof WasmException);
    assert.deepEqual(e.args, [5]);
    hostTag = e.tag;
  }
  assert.equal(hostTag, inst.exports.get('e')!.value);
  assert.equal(store.thread.depth, -1);
});

test('host functions: arguments, results, re-entrancy, host refs', () => {
  const store = interpStore();
  const typesInst = load(store, `(module (type $t (func (param i32 externref) (result i32))) (func (export "f") (type $t) (i32.const 0)))`);
  const ty = exportedFunc(typesInst, 'f').type;
  let inner: ReturnType<typeof load> | null = null;
  const seen: unknown[] = [];
  const host = hostFunc(ty, ([x, r]) => {
    seen.push((r as HostRef).value);
    // re-enter wasm from the host function
    const [y] = call(store, inner!, 'double', x);
    return [(y as number) + 1];
  });
  inner = load(store, `(module
    (import "h" "f" (func $h (param i32 externref) (result i32)))
    (func (export "double") (param i32) (result i32) (i32.shl (local.get 0) (i32.const 1)))
    (func (export "go") (param i32 externref) (result i32) (call $h (local.get 0) (local.get 1))))`,
  [{ kind: 'func', value: host }]);
  assert.deepEqual(call(store, inner, 'go', 20, new HostRef('hello')), [41]);
  assert.deepEqual(seen, ['hello']);
});

test('host calls of every small arity (callHost fast paths) pass values unchanged', () => {
  const store = interpStore();
  const types = load(store, `(module
    (func (export "t0") (result i32) (i32.const 0))
    (func (export "t1") (param i64) (result i64) (local.get 0))
    (func (export "t2") (param f64 externref) (result i32) (i32.const 0))
    (func (export "t3") (param i32 i32 i32) (result i32 i32) (local.get 0) (local.get 1)))`);
  const ty = (n: string) => exportedFunc(types, n).type;
  const seen: unknown[][] = [];
  const h0 = hostFunc(ty('t0'), args => { seen.push(args); return [0x1_0000_0007]; }); // wraps to 7
  const h1 = hostFunc(ty('t1'), args => { seen.push(args); return [(args[0] as bigint) + 1n]; });
  const h2 = hostFunc(ty('t2'), args => { seen.push(args); return [-5]; });
  const h3 = hostFunc(ty('t3'), args => { seen.push(args); return [(args[0] as number) + (args[1] as number), args[2]]; });
  const inst = load(store, `(module
    (import "h" "0" (func $h0 (result i32)))
    (import "h" "1" (func $h1 (param i64) (result i64)))
    (import "h" "2" (func $h2 (param f64 externref) (result i32)))
    (import "h" "3" (func $h3 (param i32 i32 i32) (result i32 i32)))
    (func (export "go") (param externref) (result i32 i64 i32 i32 i32)
      (call $h0) (call $h1 (i64.const -2)) (call $h2 (f64.const -0.5) (local.get 0))
      (call $h3 (i32.const 3) (i32.const -4) (i32.const 9))))`,
  [h0, h1, h2, h3].map(value => ({ kind: 'func' as const, value })));
  const r = new HostRef('x');
  assert.deepEqual(call(store, inst, 'go', r), [7, -1n, -5, -1, 9]);
  // f64 arguments arrive as their bits (the runtime's raw form), references as themselves
  assert.deepEqual(seen, [[], [-2n], [0xbfe0000000000000n, r], [3, -4, 9]]);
});

test('numerics preserve NaN payloads through moves, loads and stores', () => {
  const store = interpStore();
  const inst = load(store, `(module (memory 1)
    (func (export "f32") (param f32) (result f32)
      (f32.store (i32.const 0) (local.get 0)) (f32.load (i32.const 0)))
    (func (export "neg") (param f64) (result f64) (f64.neg (local.get 0)))
    (func (export "add") (param f32) (result f32) (f32.add (local.get 0) (f32.const 1))))`);
  assert.deepEqual(call(store, inst, 'f32', 0x7fa00001), [0x7fa00001]);
  assert.deepEqual(call(store, inst, 'neg', 0x7ff4000000000001n), [0xfff4000000000001n]);
  const [r] = call(store, inst, 'add', 0x7fa00001) as number[];
  assert.equal((r & 0x7fc00000) === 0x7fc00000, true, 'arithmetic NaN is quiet');
});

test('GC objects and traps', () => {
  const store = interpStore();
  const inst = load(store, `(module
    (type $p (struct (field (mut i32)) (field i8)))
    (type $a (array (mut i16)))
    (func (export "mk") (result (ref $p)) (struct.new $p (i32.const 5) (i32.const 300)))
    (func (export "get8") (param (ref null $p)) (result i32) (struct.get_s $p 1 (local.get 0)))
    (func (export "arr") (param i32) (result i32)
      (array.get_s $a (array.new $a (i32.const 65535) (i32.const 3)) (local.get 0))))`);
  const [s] = call(store, inst, 'mk');
  assert.ok(s instanceof StructObj);
  assert.deepEqual(call(store, inst, 'get8', s), [44]);
  assert.throws(() => call(store, inst, 'get8', null), /null structure reference/);
  assert.deepEqual(call(store, inst, 'arr', 2), [-1]);
  assert.throws(() => call(store, inst, 'arr', 3), /out of bounds array access/);
});

test('memories grow within their limits', () => {
  const m = createMemory({ limits: { min: 1n, max: 2n }, addr: 'i32', shared: false, pageSizeLog2: 16 });
  assert.equal(m.grow(1), 1);
  assert.equal(m.bytes.length, 2 * 65536);
  assert.equal(m.grow(1), -1);
  const tiny = createMemory({ limits: { min: 3n, max: 10n }, addr: 'i32', shared: false, pageSizeLog2: 0 });
  assert.equal(tiny.bytes.length, 3);
  assert.equal(tiny.grow(7), 3);
});

test('fuel bounds a non-terminating loop, and refuelling lets execution continue', () => {
  const store = interpStore({ fuel: 1000 });
  const inst = load(store, `(module
    (func (export "spin") (loop $l (br $l)))
    (func (export "sum") (param i32) (result i32) (local i32)
      (loop $l
        (local.set 1 (i32.add (local.get 1) (local.get 0)))
        (br_if $l (local.tee 0 (i32.sub (local.get 0) (i32.const 1)))))
      (local.get 1)))`);
  assert.throws(() => call(store, inst, 'spin'), /fuel exhausted/);
  store.thread.fuel = 200;
  assert.deepEqual(call(store, inst, 'sum', 100), [5050]);
  assert.ok(store.thread.fuel < 200 - 98);
});

test('stack switching: a generator suspends and is resumed on its own stack', () => {
  const store = interpStore();
  const inst = load(store, `(module
    (type $ft (func))
    (type $ct (cont $ft))
    (tag $yield (param i32))
    (func $gen
      (local $i i32)
      (loop $l
        (suspend $yield (local.get $i))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br_if $l (i32.lt_u (local.get $i) (i32.const 10)))))
    (elem declare func $gen)
    (func (export "sum") (result i32)
      (local $k (ref null $ct)) (local $sum i32)
      (local.set $k (cont.new $ct (ref.func $gen)))
      (block $done
        (loop $next
          (block $on_yield (result i32 (ref $ct))
            (resume $ct (on $yield $on_yield) (local.get $k))
            (br $done))
          (local.set $k)
          (local.set $sum (i32.add (local.get $sum)))
          (br $next)))
      (local.get $sum))
    (func (export "unhandled") (suspend $yield (i32.const 1))))`);
  assert.deepEqual(call(store, inst, 'sum'), [45]);
  assert.throws(() => call(store, inst, 'unhandled'), (e: unknown) => e instanceof RuntimeError && e.kind === 'unhandled-tag');
  assert.deepEqual(call(store, inst, 'sum'), [45]);
  assert.equal(store.thread.depth, -1);
});

test('a host function can suspend a stack entered with invokeAsync (JSPI-style)', async () => {
  const { Suspension, invokeAsync } = await import('../../src/runtime/index.js');
  const store = interpStore();
  const sig = exportedFunc(load(store, `(module (func (export "f") (param i32) (result i32) (local.get 0)))`), 'f').type;
  const slow = hostFunc(sig, ([x]) => new Suspension(new Promise(r => setTimeout(() => r([(x as number) * 10]), 5))));
  const inst = load(store, `(module
    (import "h" "slow" (func $slow (param i32) (result i32)))
    (func (export "go") (param i32) (result i32)
      (i32.add (call $slow (local.get 0)) (call $slow (i32.const 1)))))`, [{ kind: 'func', value: slow }]);
  const pending = invokeAsync(store, exportedFunc(inst, 'go'), [4]);
  // The main stack stays usable while the other one is suspended.
  assert.deepEqual(call(store, load(store, `(module (func (export "k") (result i32) (i32.const 3)))`), 'k'), [3]);
  assert.deepEqual(await pending, [50]);
  assert.throws(() => call(store, inst, 'go', 1), /cannot suspend/);
  assert.equal(store.thread.depth, -1);
});

test('probes run before the instruction at a byte offset', async (t) => {
  if (!existsSync('/usr/bin/wat2wasm')) { t.skip('wat2wasm not installed'); return; }
  const { addProbe } = await import('../../src/runtime/index.js');
  const { decodeModule } = await import('../../src/binary/decode.js');
  const { OP } = await import('../../src/syntax/opcodes.js');
  const dir = mkdtempSync(join(tmpdir(), 'weft-'));
  writeFileSync(join(dir, 'p.wat'), `(module (func (export "f") (param i32) (result i32)
    (i32.mul (i32.add (local.get 0) (i32.const 1)) (i32.const 3))))`);
  execFileSync('/usr/bin/wat2wasm', [join(dir, 'p.wat'), '-o', join(dir, 'p.wasm')]);
  const bytes = new Uint8Array(readFileSync(join(dir, 'p.wasm')));
  const store = interpStore();
  const inst = loadBinary(store, bytes);
  assert.deepEqual(call(store, inst, 'f', 4), [15]);
  const mul = decodeModule(bytes).funcs[0].body.find(i => i.op === OP['i32.mul'])!;
  const seen: number[] = [];
  addProbe(inst, mul.offset, ctx => {
    // Just before i32.mul: the operands are the top two slots.
    seen.push(ctx.thread.i32[(ctx.sp - 2) * 4], ctx.thread.i32[(ctx.sp - 1) * 4]);
  });
  assert.deepEqual(call(store, inst, 'f', 4), [15]);
  assert.deepEqual(seen, [5, 3]);
});
