/**
 * Functions too large for one JS function are split (jit/split.ts): differential tests against the
 * interpreter and native WebAssembly. Most use a tiny LIMITS.maxBodyChars so that small functions
 * split into many nested regions (fast, and every construct meets a cut); two use real sizes.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generate, generateOsr, LIMITS, Unsupported } from '../../src/jit/codegen.js';
import { ShapeTracker, splitBody } from '../../src/jit/split.js';
import { jitStats } from '../../src/jit/runtime.js';
import { parseModule } from '../../src/text/parse-module.js';
import { encodeModule } from '../../src/binary/encode.js';
import { ALL_FEATURES } from '../../src/features.js';
import { Store, invoke, type Value } from '../../src/runtime/index.js';
import { RuntimeError } from '../../src/errors.js';
import { loadBinary, exportedFunc } from '../exec/helpers.js';
import { pair, outcome, isCompiled, rng, trapOf, memLoopWat } from './helpers.js';

/** Runs `fn` with the body limit set to `chars` (restored after). */
function withLimit<T>(chars: number, fn: () => T): T {
  const saved = LIMITS.maxBodyChars;
  LIMITS.maxBodyChars = chars;
  try {
    return fn();
  } finally {
    LIMITS.maxBodyChars = saved;
  }
}

/** Native WebAssembly's results of export `name` (i64 as BigInt), or `trap`. */
function native(wat: string, name: string, args: unknown[]): string {
  const bytes = encodeModule(parseModule(wat, ALL_FEATURES));
  const inst = new WebAssembly.Instance(new WebAssembly.Module(bytes as Uint8Array<ArrayBuffer>), {});
  try {
    const r = (inst.exports[name] as (...a: unknown[]) => unknown)(...args);
    return typeof r === 'bigint' ? `${BigInt.asUintN(64, r)}n` : String(r);
  } catch (e) {
    if (e instanceof WebAssembly.RuntimeError) return 'trap';
    throw e;
  }
}

/** Interpreter and compiled tier agree on every input, the export compiled and was split. */
function agree(wat: string, name: string, inputs: Value[][], chars: number): void {
  withLimit(chars, () => {
    const before = jitStats().split;
    const p = pair(wat);
    for (const args of inputs) assert.equal(outcome(p.jit, name, args), outcome(p.interp, name, args), `${name}(${args.join(', ')})`);
    assert.ok(isCompiled(p.jit.inst, name), 'compiled');
    assert.ok(jitStats().split > before, 'split');
  });
}

/**
 * An interpreter's dispatch loop: `cases` cases in nested blocks, br_table on a program counter,
 * each case ~10 instructions on i32/i64/f64 locals, then `br $top`; case `cases - 1` exits.
 */
function dispatch(cases: number): string {
  let blocks = '';
  for (let k = 0; k < cases; k++) blocks += `(block $c${k} `;
  let s = `(module (func (export "run") (param i32) (result i64) (local $pc i32) (local $a i32) (local $b i64) (local $d f64) (local $n i32)
    (loop $top (block $exit ${blocks}
      (br_table ${Array.from({ length: cases }, (_, k) => `$c${k}`).join(' ')} $exit (local.get $pc)))\n`;
  for (let k = 0; k < cases; k++) {
    const next = k === cases - 1 ? 0 : (k * 37 + 11) % (cases - 1);
    s += `  (local.set $a (i32.add (i32.mul (local.get $a) (i32.const ${k * 2 + 3})) (i32.const ${k})))
      (local.set $b (i64.add (local.get $b) (i64.extend_i32_u (local.get $a))))
      (local.set $d (f64.add (local.get $d) (f64.convert_i32_s (local.get $a))))
      (local.set $n (i32.add (local.get $n) (i32.const 1)))
      (local.set $pc (select (i32.const ${next}) (i32.const ${cases}) (i32.lt_u (local.get $n) (local.get 0))))
      (br $top))\n`;
  }
  s += `) (return (i64.add (local.get $b) (i64.trunc_f64_s (f64.div (local.get $d) (f64.const 1024)))))
    (unreachable)))`;
  return s;
}

test('a loop of 400 memory statements (past the real limit) is split, compiled and agrees with native', () => {
  const wat = memLoopWat(400);
  const before = jitStats().split;
  const p = pair(wat);
  for (const n of [1, 3, 7]) {
    const got = outcome(p.jit, 'run', [n]);
    assert.equal(got, outcome(p.interp, 'run', [n]));
  }
  assert.ok(isCompiled(p.jit.inst, 'run'));
  assert.equal(jitStats().split, before + 1);
  // Native: a fresh instance per input, as the pair's memories saw 1, 3, 7 in turn.
  assert.equal(String(native(wat, 'run', [1])), outcome(pair(wat).jit, 'run', [1]));
});

test('a 300-case br_table dispatch loop is split and agrees with the interpreter and native', () => {
  const wat = dispatch(300);
  const p = pair(wat);
  for (const n of [0, 1, 299, 1000]) {
    const got = outcome(p.jit, 'run', [n]);
    assert.equal(got, outcome(p.interp, 'run', [n]), `run(${n})`);
    assert.equal(got, native(wat, 'run', [n]), `native run(${n})`);
  }
  assert.ok(isCompiled(p.jit.inst, 'run'));
  const g = generate(parseModule(dispatch(300)), 0);
  assert.ok(g.outlined > 1, 'several regions');
  const sizes = g.source.split(/\nconst \$P\d+ = |\ntry {/).map(f => f.length);
  assert.ok(sizes.every(n => n <= LIMITS.maxBodyChars), `each function within the limit: ${sizes.join(' ')}`);
});

/**
 * Random straight-line statements on locals of every type and memory, inside nested blocks, with
 * branches out of deep regions to outer labels and returns of every result type from inside.
 */
function nested(seed: number, depth: number, result: 'i32' | 'i64' | 'f32' | 'f64'): string {
  const next = rng(seed);
  const stmt = (): string => {
    switch (next() % 7) {
      case 0: return '(local.set $a (i32.add (local.get $a) (i32.mul (local.get $p) (i32.const 3))))';
      case 1: return '(local.set $b (i64.add (i64.mul (local.get $b) (i64.const 0x100000001)) (i64.extend_i32_s (local.get $a))))';
      case 2: return '(local.set $f (f32.add (f32.mul (local.get $f) (f32.const 1.5)) (f32.convert_i32_s (local.get $a))))';
      case 3: return '(local.set $d (f64.sub (local.get $d) (f64.convert_i64_s (local.get $b))))';
      case 4: return `(i32.store offset=${(next() % 16) * 4} (i32.const 0) (i32.xor (local.get $a) (i32.load offset=${(next() % 16) * 4} (i32.const 0))))`;
      case 5: return `(local.set $a (i32.add (local.get $a) (i32.load offset=${(next() % 16) * 4} (i32.const 0))))`;
      default: return '(i64.store offset=64 (i32.const 0) (i64.rotl (local.get $b) (i64.const 13)))';
    }
  };
  const ret = result === 'i32' ? '(local.get $a)' : result === 'i64' ? '(local.get $b)' : result === 'f32' ? '(local.get $f)' : '(local.get $d)';
  const level = (d: number): string => {
    let s = '';
    for (let k = 0; k < 4; k++) s += stmt() + '\n';
    if (d < depth) {
      s += `(block $b${d} ${level(d + 1)})\n`;
      s += `(br_if $b${Math.max(0, d - 2)} (i32.eq (i32.and (local.get $a) (i32.const 7)) (i32.const ${d % 8})))\n`;
      s += `(if (i32.eq (i32.and (local.get $a) (i32.const 31)) (i32.const ${d})) (then (return ${ret})))\n`;
      s += `(loop $l${d} ${stmt()} (local.set $i (i32.add (local.get $i) (i32.const 1))) (br_if $l${d} (i32.and (local.get $i) (i32.const 3))))\n`;
    }
    for (let k = 0; k < 3; k++) s += stmt() + '\n';
    return s;
  };
  return `(module (memory 1) (func (export "f") (param $p i32) (result ${result})
    (local $a i32) (local $b i64) (local $f f32) (local $d f64) (local $i i32)
    (local.set $a (local.get $p))
    (block $b0 ${level(1)})
    ${ret}))`;
}

test('deep nesting: branches out of deep regions and returns of i32/i64/f32/f64 from inside them agree', () => {
  const inputs = [[0], [1], [5], [17], [-3], [1234567], [0x7fffffff]];
  for (const [seed, result] of [[1, 'i32'], [2, 'i64'], [3, 'f32'], [4, 'f64'], [5, 'i64'], [6, 'f64']] as const) {
    agree(nested(seed, 12, result), 'f', inputs, 3000);
  }
});

test('multiple results returned from inside an outlined region', () => {
  let body = '';
  for (let k = 0; k < 40; k++) body += `(local.set 1 (i64.add (local.get 1) (i64.extend_i32_u (local.get 0))))
    (if (i32.eq (local.get 0) (i32.const ${k})) (then (br $o (local.get 1) (f64.const ${k}.5))))\n`;
  const wat = `(module (func (export "m") (param i32) (result i64 f64) (local i64)
    (block $o (result i64 f64) ${body} (local.get 1) (f64.const -1))))`;
  agree(wat, 'm', [[0], [7], [39], [40], [-1]], 2500);
});

const trapWat = (n: number): string => {
  let body = '';
  for (let k = 0; k < n; k++) body += `(local.set 1 (i32.add (local.get 1) (i32.div_s (i32.const 1000) (i32.sub (local.get 0) (i32.const ${k})))))\n`;
  return `(module (memory 1)
    (func $deep (export "deep") (param i32) (result i32) (local i32) (block (loop ${body}))
      (i32.load (i32.add (local.get 1) (i32.const 65530))))
    (func (export "outer") (param i32) (result i32) (i32.add (i32.const 1) (call $deep (local.get 0)))))`;
};

test('a trap inside an outlined region has the same kind, offsets and wasm stack as in the interpreter', () => {
  withLimit(2000, () => {
    const bin = encodeModule(parseModule(trapWat(60), ALL_FEATURES));
    const si = new Store({ tier: 'interpreter' }), sc = new Store({ tier: 'compiled' });
    const ii = loadBinary(si, bin), ic = loadBinary(sc, bin);
    for (const args of [[37], [59], [0], [100]]) {
      const a = trapOf(si, ii, 'outer', args), b = trapOf(sc, ic, 'outer', args);
      assert.equal(b.kind, a.kind);
      assert.deepEqual(b.wasmStack, a.wasmStack, `stack for ${args}`);
      assert.ok(b.wasmStack.every(f => f.offset > 0));
    }
    assert.ok(isCompiled(ic, 'deep'));
    assert.ok(generate(parseModule(trapWat(60)), 0).outlined > 0);
  });
});

test('recursion through an outlined region ends in the clean exhaustion trap, then works again', () => {
  let body = '';
  for (let k = 0; k < 30; k++) body += `(local.set 1 (i32.add (local.get 1) (i32.const ${k})))\n`;
  const wat = `(module (func $r (export "r") (param i32) (result i32) (local i32)
    (block ${body} (local.set 1 (i32.add (local.get 1) (call $r (i32.add (local.get 0) (i32.const 1))))) ${body})
    (local.get 1))
    (func (export "sum") (param i32) (result i32) (local i32)
    (block ${body} (if (i32.gt_s (local.get 0) (i32.const 0)) (then
      (local.set 1 (i32.add (local.get 1) (call 1 (i32.sub (local.get 0) (i32.const 1))))))) ${body})
    (local.get 1)))`;
  withLimit(700, () => {
    const p = pair(wat);
    assert.equal(outcome(p.jit, 'r', [0]), 'trap:exhaustion');
    assert.equal(outcome(p.jit, 'sum', [500]), outcome(p.interp, 'sum', [500]));
    assert.equal(outcome(p.jit, 'r', [0]), 'trap:exhaustion');
    assert.ok(isCompiled(p.jit.inst, 'sum'));
  });
});

test('exceptions thrown inside outlined regions reach the right handler (try_table and legacy try)', () => {
  let body = '';
  for (let k = 0; k < 25; k++) body += `(local.set 1 (i32.add (local.get 1) (i32.const ${k})))
    (if (i32.eq (local.get 0) (i32.const ${k})) (then (throw $e (local.get 1))))\n`;
  const wat = `(module (tag $e (param i32)) (tag $other)
    (func $thrower (param i32) (if (i32.eq (local.get 0) (i32.const 99)) (then (throw $other))))
    (func (export "tt") (param i32) (result i32) (local i32)
      (block $h (result i32)
        (try_table (catch $e $h) ${body} (call $thrower (local.get 0)))
        (i32.const -1))
      (i32.add (local.get 1)))
    (func (export "legacy") (param i32) (result i32) (local i32)
      (try (result i32) (do ${body} (call $thrower (local.get 0)) (i32.const -1))
        (catch $e (i32.add (local.get 1)))
        (catch_all (i32.const -99))))
    (func (export "uncaught") (param i32) (result i32) (local i32) ${body} (local.get 1)))`;
  agree(wat, 'tt', [[0], [5], [24], [30]], 900);
  agree(wat, 'legacy', [[0], [5], [24], [30], [99]], 900);
  withLimit(900, () => {
    const p = pair(wat);
    assert.throws(() => invoke(p.jit.store, exportedFunc(p.jit.inst, 'uncaught'), [3]));
    assert.equal(outcome(p.jit, 'uncaught', [40]), outcome(p.interp, 'uncaught', [40]));
  });
});

test('memory grown inside an outlined region: the parent and other regions see the new memory', () => {
  let body = '';
  for (let k = 0; k < 30; k++) body += `(i32.store (i32.const ${k * 4}) (i32.add (i32.load (i32.const ${k * 4})) (local.get 0)))\n`;
  const wat = `(module (memory 1)
    (func (export "g") (param i32) (result i32) (local i32)
      (block ${body} (local.set 1 (memory.grow (i32.const 1))) ${body})
      (i32.store (i32.const 70000) (local.get 0))
      (block ${body})
      (i32.add (local.get 1) (i32.load (i32.const 70000)))))`;
  agree(wat, 'g', [[1], [2], [3]], 2000);
});

test('a self tail call from inside an outlined region', () => {
  let body = '';
  for (let k = 0; k < 30; k++) body += `(local.set 1 (i32.add (local.get 1) (i32.const ${k})))\n`;
  const wat = `(module (func $t (export "t") (param i32 i32) (result i32)
    (block ${body} (if (i32.gt_s (local.get 0) (i32.const 0)) (then
      (return_call $t (i32.sub (local.get 0) (i32.const 1)) (local.get 1)))) ${body})
    (local.get 1)))`;
  agree(wat, 't', [[0, 0], [5, 1], [10000, 3]], 700);
});

test('splitting gives up cleanly: a body that cannot be cut small enough, OSR variants, bad shapes', () => {
  // One straight run of statements, far above a limit no region and call site can meet.
  const wat = memLoopWat(50);
  withLimit(100, () => {
    assert.throws(() => generate(parseModule(wat), 0), (e: unknown) => e instanceof Unsupported && /even split/.test((e as Error).message));
    // OSR variants are never split (their skipped segments ignore the construct tree).
    const loopAt = parseModule(wat).funcs[0].body.findIndex(i => i.op === 0x03);
    assert.throws(() => generateOsr(parseModule(wat), 0, loopAt), Unsupported);
    // ...and the function still runs, interpreted, with the same results.
    const p = pair(wat);
    assert.equal(outcome(p.jit, 'run', [3]), outcome(p.interp, 'run', [3]));
    assert.equal(isCompiled(p.jit.inst, 'run'), false);
  });
  // splitBody directly: unbalanced lines are never outlined; an empty body needs nothing.
  const shape = new ShapeTracker().root;
  assert.equal(splitBody(Array.from({ length: 100 }, () => "{ x0 = 1;"), shape, new Map([["x0", "i"]]), 200, false), null);
  assert.deepEqual(splitBody([], shape, new Map(), 200, false), { defs: [], body: [], usesRV: false, words: 0 });
});
