/**
 * func.new, host-function form: functions made from bytes in memory run on the calling instance's
 * state, through call_ref and call_indirect, in both tiers with the same results; bad bodies and
 * bad ranges trap with the reason and the offset in the body.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LinkError, RuntimeError } from '../../src/errors.js';
import { TIERS, OFF, compile, exampleWat, link, load, type Tier } from './helpers.js';
import { Store, instantiate, invoke, engineImport, type FuncInst } from '../../src/runtime/index.js';

/** Types 0..2 fixed; func 0 is func.new, func 1 is $triple; global 0 is $g. */
const M = `(module
  (type $v_i (func (result i32)))
  (type $ii_i (func (param i32 i32) (result i32)))
  (type $mk (func (param i32 i32 i32) (result (ref func))))
  (import "weft:func" "new" (func $new (type $mk)))
  (memory (export "memory") 1)
  (global $g (export "g") (mut i32) (i32.const 100))
  (table $t (export "table") 4 funcref)
  (func $triple (param i32) (result i32) (i32.mul (local.get 0) (i32.const 3)))
  (func (export "make") (param $ty i32) (param $addr i32) (param $len i32) (param $slot i32)
    (table.set $t (local.get $slot) (call $new (local.get $ty) (local.get $addr) (local.get $len))))
  (func (export "call_v_i") (param $slot i32) (result i32)
    (call_indirect $t (type $v_i) (local.get $slot)))
  (func (export "call_ii_i") (param $slot i32) (param i32 i32) (result i32)
    (call_indirect $t (type $ii_i) (local.get 1) (local.get 2) (local.get $slot)))
  ;; sum of f(i, sum) for i = 0..n-1, f from the table, called through call_ref
  (func (export "loop_ref") (param $slot i32) (param $n i32) (result i32)
    (local $f (ref $ii_i)) (local $i i32) (local $sum i32)
    (local.set $f (ref.cast (ref $ii_i) (table.get $t (local.get $slot))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $sum (call_ref $ii_i (local.get $i) (local.get $sum) (local.get $f)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (local.get $sum))
  (func (export "get_g") (result i32) (global.get $g))
  (func (export "load") (param i32) (result i32) (i32.load (local.get 0))))`;

/**
 * `() -> i32`: mem[8] += g; g += 1; return triple(mem[8]). Reads and writes the instance's memory
 * and global and calls one of its functions.
 */
const STATEFUL = [
  0x00, // no locals
  0x41, 0x08, 0x41, 0x08, 0x28, 0x02, 0x00, 0x23, 0x00, 0x6a, 0x36, 0x02, 0x00, // mem[8] = mem[8] + g
  0x23, 0x00, 0x41, 0x01, 0x6a, 0x24, 0x00, // g = g + 1
  0x41, 0x08, 0x28, 0x02, 0x00, 0x10, 0x01, // triple(mem[8])
  0x0b,
];

/** `(a, b) -> i32` with one i32 local: l = a * 7; l + b (a specialised multiply-add). */
const MULADD = [0x01, 0x01, 0x7f, 0x20, 0x00, 0x41, 0x07, 0x6c, 0x21, 0x02, 0x20, 0x02, 0x20, 0x01, 0x6a, 0x0b];

/** Everything observable from one scenario, compared across tiers. */
function scenario(tier: Tier): unknown[] {
  const m = load(M, tier);
  const out: unknown[] = [];
  m.poke(0x100, STATEFUL);
  m.poke(8, [5, 0, 0, 0]);
  m.call('make', 0, 0x100, STATEFUL.length, 0);
  out.push(m.call('call_v_i', 0), m.call('call_v_i', 0), m.call('get_g'), m.call('load', 8));
  // The bytes were copied: overwriting them changes nothing.
  m.poke(0x100, new Array(STATEFUL.length).fill(0));
  out.push(m.call('call_v_i', 0));
  m.poke(0x200, MULADD);
  m.call('make', 1, 0x200, MULADD.length, 1);
  out.push(m.call('call_ii_i', 1, 6, 4), m.call('loop_ref', 1, 5000));
  return out;
}

for (const tier of TIERS) {
  test(`${tier}: a new function shares memory and globals, calls the module's functions`, () => {
    assert.deepEqual(scenario(tier), [
      // 5+100=105 -> 315; 105+101=206 -> 618; g 102; mem[8] 206; 206+102=308 -> 924
      [315], [618], [102], [206], [924],
      [46], [((5000 * 4999) / 2) * 7 | 0],
    ]);
  });
}

test('both tiers give identical results', () => {
  assert.deepEqual(scenario('interpreter'), scenario('compiled'));
});

test('compiled tier: a new function tiers up like any other', () => {
  const m = load(M, 'compiled');
  m.poke(0x200, MULADD);
  m.call('make', 1, 0x200, MULADD.length, 1);
  assert.deepEqual(m.call('loop_ref', 1, 10), [315]);
  const f = m.inst.tables[0].get(1) as { jit: unknown; index: number };
  assert.notEqual(f.jit, null);
  assert.equal(f.index, m.inst.funcs.length); // one past the module's last function
});

test('the polynomial JIT example: compiled code agrees with the interpreter loop', () => {
  for (const tier of TIERS) {
    const m = load(exampleWat(), tier);
    for (const x of [0, 1, 3, -5, 1000]) assert.deepEqual(m.call('jit', x), m.call('interp', x), `${tier} x=${x}`);
    assert.deepEqual(m.call('bench_jit', 20000), m.call('bench_interp', 20000));
  }
});

test('traps in new code name the function func.new#k in the wasm stack, in both tiers', () => {
  for (const tier of TIERS) {
    const m = load(M, tier);
    m.poke(0x100, [0x00, 0x00, 0x0b]); // unreachable
    m.call('make', 0, 0x100, 3, 0);
    m.call('make', 0, 0x100, 3, 1);
    for (const [slot, name] of [[0, 'func.new#0'], [1, 'func.new#1']] as const) {
      assert.throws(() => m.call('call_v_i', slot), (e: unknown) => {
        assert.ok(e instanceof RuntimeError);
        assert.equal(e.kind, 'unreachable');
        assert.equal(e.wasmStack[0].funcName, name, tier);
        assert.equal(e.wasmStack[0].offset, 1);
        return true;
      });
    }
  }
});

/** Makes a function from `body` (type `ty`) and returns the trap message, or null if none. */
function makeError(body: readonly number[], ty = 0, tier: Tier = 'interpreter'): { reason: string; cause: unknown } | null {
  const m = load(M, tier);
  m.poke(0x100, body);
  try {
    m.call('make', ty, 0x100, body.length, 0);
    return null;
  } catch (e) {
    assert.ok(e instanceof RuntimeError, String(e));
    assert.equal(e.wasmStack.length > 0, true);
    return { reason: e.reason, cause: (e as { cause?: unknown }).cause };
  }
}

const BAD_BODIES: [string, number[], number, string][] = [
  ['malformed LEB', [0x00, 0x41, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00, 0x0b], 0,
    'func.new: malformed function body: integer representation too long at 0x6 in the new body'],
  ['wrong result type', [0x00, 0x42, 0x00, 0x0b], 0,
    'func.new: invalid function body: type mismatch'],
  ['out-of-range function index', [0x00, 0x10, 0x09, 0x0b], 0,
    'func.new: invalid function body: unknown function 9 at 0x1 in the new body'],
  ['truncated', [0x00, 0x41, 0x01], 0,
    'func.new: malformed function body: unexpected end of section or function at 0x3 in the new body'],
  ['empty', [], 0, 'func.new: malformed function body: unexpected end of section or function at 0x0 in the new body'],
  ['bytes after end', [0x00, 0x41, 0x01, 0x0b, 0x00], 0,
    'func.new: malformed function body: section size mismatch at 0x4 in the new body'],
  ['unknown type index', [0x00, 0x41, 0x01, 0x0b], 99, 'func.new: invalid function body: unknown type 99'],
  ['huge type index', [0x00, 0x41, 0x01, 0x0b], -1, 'func.new: invalid function body: unknown type 4294967295'],
  ['memory.init without a data count section', [0x00, 0x41, 0x00, 0x41, 0x00, 0x41, 0x00, 0xfc, 0x08, 0x00, 0x00, 0x41, 0x00, 0x0b], 0,
    'func.new: malformed function body: data count section required at 0x7 in the new body'],
  ['unknown global', [0x00, 0x23, 0x05, 0x0b], 0, 'func.new: invalid function body: unknown global 5 at 0x1 in the new body'],
  ['too many locals', [0x01, 0xff, 0xff, 0x03, 0x7f, 0x41, 0x00, 0x0b], 0,
    'func.new: malformed function body: too many locals at 0x0 in the new body'],
];

for (const [what, body, ty, message] of BAD_BODIES) {
  test(`bad body traps with reason and offset: ${what}`, () => {
    for (const tier of TIERS) {
      const r = makeError(body, ty, tier);
      assert.ok(r, `${what}: no trap`);
      assert.ok(r.reason.startsWith(message), `${tier}: ${r.reason}`);
      assert.equal((r.cause as Error).name, 'CompileError');
    }
  });
}

test('a type that is not a function type is rejected', () => {
  const m = load(M.replace('(memory', '(type $s (struct)) (memory'), 'interpreter');
  m.poke(0x100, [0x00, 0x0b]);
  assert.throws(() => m.call('make', 3, 0x100, 2, 0), /func\.new: invalid function body: non-function type/);
});

test('a source range outside memory traps as a memory access', () => {
  for (const tier of TIERS) {
    const m = load(M, tier);
    for (const [addr, len] of [[65530, 10], [-1, 2], [0, 65537], [65536, 0]]) {
      const r = (() => { try { m.call('make', 0, addr, len, 0); return null; } catch (e) { return e; } })();
      if (addr === 65536 && len === 0) {
        // An empty range at the end is in bounds; the empty body is then malformed.
        assert.match((r as Error).message, /malformed function body: unexpected end/);
        continue;
      }
      assert.ok(r instanceof RuntimeError, `${addr}+${len}`);
      assert.equal(r.kind, 'out-of-bounds-memory');
      assert.equal(r.reason, 'out of bounds memory access');
    }
  }
});

test('feature off: the import is not provided (LinkError unknown import)', () => {
  const vm = compile(M, OFF);
  assert.throws(() => link(vm), (e: unknown) => e instanceof LinkError && /unknown import weft:func\.new/.test(e.message));
});

test('the import must have the creator type', () => {
  const vm = compile(`(module (import "weft:func" "new" (func (param i32))) (memory 1))`);
  assert.throws(() => instantiate(new Store(), vm, link(vm)), /incompatible import type for weft:func\.new/);
});

test('funcref result and memory64 forms; a module without memory 0 cannot import it', () => {
  const funcref = M.replace('(type $mk (func (param i32 i32 i32) (result (ref func))))', '(type $mk (func (param i32 i32 i32) (result funcref)))');
  const m = load(funcref, 'interpreter');
  m.poke(0x100, STATEFUL);
  m.call('make', 0, 0x100, STATEFUL.length, 0);
  assert.deepEqual(m.call('call_v_i', 0), [300]);

  const m64 = load(`(module
    (type $v_i (func (result i32)))
    (import "weft:func" "new" (func $new (param i32 i64 i64) (result (ref func))))
    (memory (export "memory") i64 1)
    (func (export "run") (param i64 i64) (result i32)
      (call_ref $v_i (ref.cast (ref $v_i) (call $new (i32.const 0) (local.get 0) (local.get 1))))))`, 'interpreter');
  m64.poke(16, [0x00, 0x41, 0x2a, 0x0b]);
  assert.deepEqual(m64.call('run', 16n, 4n), [42]);
  assert.throws(() => m64.call('run', 2n ** 63n, 4n), /out of bounds memory access/);

  const narrow = compile(`(module (import "weft:func" "new" (func (param i32 i32 i32) (result (ref func)))) (memory i64 1))`);
  assert.throws(() => instantiate(new Store(), narrow, link(narrow)), /memory 0 has i64 addresses/);
  const none = compile(`(module (import "weft:func" "new" (func (param i32 i32 i32) (result (ref func)))))`);
  assert.throws(() => instantiate(new Store(), none, link(none)), (e: unknown) => e instanceof LinkError && /no memory 0/.test(e.message));
});

test('new code can use func.new itself, tables and ref.func of declared functions only', () => {
  const m = load(M.replace('(func $triple', '(elem declare func $triple) (func $triple'), 'interpreter');
  // (ref.func 1) is allowed (declared); returns table size via table.size 0 + 0
  m.poke(0x100, [0x00, 0xd2, 0x01, 0x1a, 0xfc, 0x10, 0x00, 0x0b]);
  m.call('make', 0, 0x100, 8, 0);
  assert.deepEqual(m.call('call_v_i', 0), [4]);
  // A new function that calls func.new (function 0) to make another one, drops it, returns 7.
  m.poke(0x300, [0x00, 0x41, 0x01, 0x0b]);
  m.poke(0x100, [0x00, 0x41, 0x00, 0x41, 0x80, 0x06, 0x41, 0x04, 0x10, 0x00, 0x1a, 0x41, 0x07, 0x0b]);
  m.call('make', 0, 0x100, 14, 1);
  assert.deepEqual(m.call('call_v_i', 1), [7]);
  assert.deepEqual(m.call('call_v_i', 1), [7]);
  const undeclared = load(M, 'interpreter');
  undeclared.poke(0x100, [0x00, 0xd2, 0x01, 0x1a, 0xfc, 0x10, 0x00, 0x0b]);
  assert.throws(() => undeclared.call('make', 0, 0x100, 8, 0), /undeclared function reference at 0x1 in the new body/);
});

test('each instance makes its own functions; many functions stay cheap', () => {
  for (const tier of TIERS) {
    const a = load(M, tier), b = load(M, tier);
    a.poke(0x100, [0x00, 0x41, 0x01, 0x0b]); // () -> 1
    b.poke(0x100, [0x00, 0x41, 0x02, 0x0b]); // () -> 2
    a.call('make', 0, 0x100, 4, 0);
    b.call('make', 0, 0x100, 4, 0);
    assert.deepEqual([a.call('call_v_i', 0), b.call('call_v_i', 0)], [[1], [2]], tier);
    // 2000 more functions of one instance, each returning its own number.
    const t0 = performance.now();
    for (let i = 0; i < 2000; i++) {
      a.poke(0x100, [0x00, 0x41, i & 0x7f, (i >> 7) & 0x7f, 0x0b].map((x, j) => (j === 2 ? x | 0x80 : x)));
      a.call('make', 0, 0x100, 5, 1 + (i % 3));
      assert.deepEqual(a.call('call_v_i', 1 + (i % 3)), [i], `${tier} #${i}`);
    }
    assert.ok(performance.now() - t0 < 5000);
    // The last one (i = 1999, slot 2) is a's func.new#2000: index N + 2000.
    const last = a.inst.tables[0].get(2) as { index: number };
    assert.equal(last.index, a.inst.funcs.length + 2000);
  }
});

test('engineImport: only a function import named weft:func.new, only with the feature on', () => {
  const vm = compile(`(module
    (import "weft:func" "new" (global i32))
    (import "weft:func" "old" (func (param i32 i32 i32) (result (ref func))))
    (import "weft:fun" "new" (func (param i32 i32 i32) (result (ref func))))
    (import "weft:func" "new" (func (param i32 i32 i32) (result (ref func))))
    (memory 1))`);
  assert.deepEqual([0, 1, 2, 3].map(i => engineImport(vm, i) !== undefined), [false, false, false, true]);
  assert.equal(engineImport(compile(`(module (import "weft:func" "new" (func (param i32 i32 i32) (result (ref func)))))`, OFF), 0), undefined);
  // The template itself, called without instantiation, refuses.
  const template = engineImport(vm, 3)!.value as FuncInst;
  assert.throws(() => invoke(new Store(), template, [0, 0, 0]), /without an importing instance/);
});
