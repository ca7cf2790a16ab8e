/**
 * The host boundary of the compiled tier (jit/bridge.ts `directEntry` / `hostEntry`): calls from the
 * host into compiled code and from compiled code into host functions convert embedding Values
 * directly. Every scalar type crosses bit-exactly (NaN payloads, signalling f32 NaNs included), in
 * both directions, with the interpreter as the reference; bad host results and suspensions fail as
 * they do from the interpreter; re-entrancy and the depth limit still work.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RuntimeError } from '../../src/errors.js';
import { Store, hostFunc, invoke, HostRef, Suspension, type Value, type ModuleInstance } from '../../src/runtime/index.js';
import { load, exportedFunc } from '../exec/helpers.js';

const TYPES = `(module
  (func (export "t") (param i32 i64 f32 f64 externref) (result i32) (i32.const 0))
  (func (export "r_i32") (result i32) (i32.const 0))
  (func (export "r_i64") (result i64) (i64.const 0))
  (func (export "r_f32") (result f32) (f32.const 0))
  (func (export "r_f64") (result f64) (f64.const 0))
  (func (export "r_ref") (result externref) (ref.null extern)))`;

/** Values that must survive every crossing unchanged (as embedding Values: floats as bits). */
const I32S = [0, 1, -1, 0x7fffffff, -0x80000000];
const I64S = [0n, -1n, 0x7fffffffffffffffn, -0x8000000000000000n, 0x123456789abcdef0n];
const F32S = [0, 0x80000000, 0x3f800000, 0x7fc00000, 0xffc00001, 0x7fa00000 /* signalling */, 0x7f800000];
const F64S = [0n, 0x8000000000000000n, 0x3ff0000000000000n, 0x7ff8000000000000n, 0xfff8000000000001n,
  0x7ff4000000000000n /* signalling */, 0x7ff0000000000000n];

const WAT = `(module
  (import "h" "echo" (func $echo (param i32 i64 f32 f64 externref) (result i32)))
  (import "h" "i32" (func $hi32 (result i32)))
  (import "h" "i64" (func $hi64 (result i64)))
  (import "h" "f32" (func $hf32 (result f32)))
  (import "h" "f64" (func $hf64 (result f64)))
  (import "h" "ref" (func $href (result externref)))
  (func (export "id_i32") (param i32) (result i32) (local.get 0))
  (func (export "id_i64") (param i64) (result i64) (local.get 0))
  (func (export "id_f32") (param f32) (result f32) (local.get 0))
  (func (export "id_f64") (param f64) (result f64) (local.get 0))
  (func (export "id_ref") (param externref) (result externref) (local.get 0))
  (func (export "none") (param i32))
  (func (export "echo") (param i32 i64 f32 f64 externref) (result i32)
    (call $echo (local.get 0) (local.get 1) (local.get 2) (local.get 3) (local.get 4)))
  (func (export "get_i32") (result i32) (call $hi32))
  (func (export "get_i64") (result i64) (call $hi64))
  (func (export "get_f32") (result f32) (call $hf32))
  (func (export "get_f64") (result f64) (call $hf64))
  (func (export "get_ref") (result externref) (call $href)))`;

interface Side { store: Store; inst: ModuleInstance; seen: Value[][]; next: Value[] }

/** The module on a store of `tier`, with host functions that record their arguments and return `next`. */
function setup(tier: 'interpreter' | 'compiled'): Side {
  const store = new Store({ tier });
  const types = load(store, TYPES);
  const ty = (n: string) => exportedFunc(types, n).type;
  const side: Side = { store, inst: null as unknown as ModuleInstance, seen: [], next: [] };
  const imports = [
    hostFunc(ty('t'), args => { side.seen.push(args); return [args.length]; }),
    ...['r_i32', 'r_i64', 'r_f32', 'r_f64', 'r_ref'].map(n => hostFunc(ty(n), () => [side.next.shift()!])),
  ].map(value => ({ kind: 'func' as const, value }));
  side.inst = load(store, WAT, imports);
  return side;
}

function call(side: Side, name: string, ...args: Value[]): Value[] {
  return invoke(side.store, exportedFunc(side.inst, name), args);
}

test('host -> compiled: every scalar type, bit-exact, as in the interpreter', () => {
  const interp = setup('interpreter'), jit = setup('compiled');
  const ref = new HostRef({});
  const cases: [string, Value[]][] = [
    ...I32S.map((v): [string, Value[]] => ['id_i32', [v]]), ...I64S.map((v): [string, Value[]] => ['id_i64', [v]]),
    ...F32S.map((v): [string, Value[]] => ['id_f32', [v]]), ...F64S.map((v): [string, Value[]] => ['id_f64', [v]]),
    ['id_ref', [ref]], ['id_ref', [null]], ['none', [5]],
  ];
  for (const [name, args] of cases) {
    const want = call(interp, name, ...args);
    assert.deepEqual(call(jit, name, ...args), want, `${name}(${String(args[0])})`);
    assert.deepEqual(call(jit, name, ...args), want, `${name}(${String(args[0])}) again`); // compiled by now
  }
  assert.ok(jit.store.stats().compiled >= 6);
  assert.equal(jit.store.thread.sp, 0);
});

test('compiled -> host: arguments and every result type, bit-exact, as in the interpreter', () => {
  const interp = setup('interpreter'), jit = setup('compiled');
  const ref = new HostRef('r');
  for (let i = 0; i < F32S.length; i++) {
    const args: Value[] = [I32S[i % I32S.length], I64S[i % I64S.length], F32S[i], F64S[i], ref];
    assert.deepEqual(call(jit, 'echo', ...args), call(interp, 'echo', ...args));
  }
  assert.deepEqual(jit.seen, interp.seen);
  assert.equal(jit.seen[5][2], 0x7fa00000, 'a signalling f32 NaN reaches the host unchanged');
  const results: [string, Value][] = [
    ...I32S.map((v): [string, Value] => ['get_i32', v]), ...I64S.map((v): [string, Value] => ['get_i64', v]),
    ...F32S.map((v): [string, Value] => ['get_f32', v]), ...F64S.map((v): [string, Value] => ['get_f64', v]),
    ['get_ref', ref], ['get_ref', null],
  ];
  for (const [name, v] of results) {
    interp.next.push(v); jit.next.push(v);
    assert.deepEqual(call(jit, name), call(interp, name), `${name} ${String(v)}`);
  }
  // i32 results wrap as ToInt32 does; i64 results as BigInt.asIntN(64)
  interp.next.push(0x1_0000_0007); jit.next.push(0x1_0000_0007);
  assert.deepEqual(call(jit, 'get_i32'), [7]);
  jit.next.push(0x1_0000_0000_0000_0005n);
  assert.deepEqual(call(jit, 'get_i64'), [5n]);
});

test('compiled -> host: wrong result counts and suspensions fail as from the interpreter', () => {
  for (const tier of ['interpreter', 'compiled'] as const) {
    const store = new Store({ tier });
    const types = load(store, '(module (func (export "t") (result i32) (i32.const 0)))');
    const ty = exportedFunc(types, 't').type;
    let give: () => Value[] | Suspension = () => [1, 2];
    const h = hostFunc(ty, () => give());
    const inst = load(store, `(module (import "h" "f" (func $f (result i32)))
      (func (export "go") (result i32) (call $f)))`, [{ kind: 'func', value: h }]);
    const go = () => invoke(store, exportedFunc(inst, 'go'), []);
    assert.throws(go, (e: unknown) => e instanceof TypeError && /returned 2 results, expected 1/.test(e.message), tier);
    give = () => new Suspension(Promise.resolve([1]));
    assert.throws(go, (e: unknown) => e instanceof RuntimeError && /cannot suspend/.test(e.message), tier);
    give = () => [3];
    assert.deepEqual(go(), [3], `${tier}: still works afterwards`);
    assert.equal(store.thread.sp, 0);
    assert.equal(store.thread.depth, -1);
  }
});

test('compiled -> host -> compiled re-entry, and unbounded recursion through the host ends in exhaustion', () => {
  const store = new Store({ tier: 'compiled', maxCallDepth: 2000 });
  const types = load(store, '(module (func (export "t") (param i32) (result i32) (i32.const 0)))');
  const ty = exportedFunc(types, 't').type;
  let inst: ModuleInstance | null = null;
  const h = hostFunc(ty, ([n]) => invoke(store, exportedFunc(inst!, 'down'), [(n as number) - 1]));
  inst = load(store, `(module (import "h" "f" (func $f (param i32) (result i32)))
    (func (export "down") (param i32) (result i32)
      (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 42)) (else (call $f (local.get 0))))))`,
  [{ kind: 'func', value: h }]);
  assert.deepEqual(invoke(store, exportedFunc(inst, 'down'), [100]), [42]);
  assert.throws(() => invoke(store, exportedFunc(inst!, 'down'), [1e9]), (e: unknown) => e instanceof RuntimeError && e.kind === 'exhaustion');
  assert.deepEqual(invoke(store, exportedFunc(inst, 'down'), [3]), [42]);
  assert.equal(store.thread.sp, 0);
});
