/**
 * Small leaves inlined into compiled callers (jit/inline.ts): same results, traps with the same
 * wasm stacks as a real call, locals zeroed at every entry, exceptions passing through, NaN bits
 * kept, guessed call_indirect targets, and callers that would grow too large going without.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseModule } from '../../src/text/parse-module.js';
import { encodeModule } from '../../src/binary/encode.js';
import { ALL_FEATURES } from '../../src/features.js';
import { generate, generateOsr, LIMITS } from '../../src/jit/codegen.js';
import { OPCODES } from '../../src/syntax/opcodes.js';
import { rename, INLINE_MAX_CHARS } from '../../src/jit/inline.js';
import { Store, hostFunc, type Value } from '../../src/runtime/index.js';
import { loadBinary, exportedFunc } from '../exec/helpers.js';
import { pair, outcome, isCompiled, trapOf } from './helpers.js';

const WAT = `(module
  (type $ii (func (param i32) (result i32)))
  (memory 1) (tag $t (param i32))
  (table funcref (elem $sq $maybe5))
  (func $sq (type $ii) (i32.mul (local.get 0) (local.get 0)))
  (func $maybe5 (type $ii) (local i32)
    (if (local.get 0) (then (local.set 1 (i32.const 5))))
    (local.get 1))
  (func $load (param i32) (result i32) (i32.load offset=4 (local.get 0)))
  (func $div (param i32 i32) (result i32) (i32.div_s (local.get 0) (local.get 1)))
  (func $thrower (param i32) (if (local.get 0) (then (throw $t (local.get 0)))))
  (func $f32id (param f32) (result f32) (local.get 0))
  (func $wide (param i64 i32) (result i32) (i32.add (i32.wrap_i64 (i64.shr_u (local.get 0) (i64.const 32))) (local.get 1)))
  (func $grows (result i32) (memory.grow (i32.const 1)))
  (func $mix (param i64 i64) (result i64)
    (if (i64.eqz (local.get 1)) (then (return (i64.const -81985529216486896))))
    (i64.add (i64.mul (local.get 0) (i64.const 0x9E3779B97F4A7C15)) (i64.rotl (local.get 1) (i64.const 31))))
  (func (export "zeroed") (param i32) (result i32) (local $i i32) (local $s i32)
    (loop $l
      (local.set $s (i32.add (i32.mul (local.get $s) (i32.const 3)) (call $maybe5 (i32.and (local.get $i) (i32.const 1)))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $i) (local.get 0))))
    (local.get $s))
  (func (export "load") (param i32) (result i32) (i32.add (call $load (local.get 0)) (i32.const 1)))
  (func (export "div") (param i32 i32) (result i32) (call $div (local.get 0) (local.get 1)))
  (func (export "catch") (param i32) (result i32)
    (block $h (result i32) (try_table (catch $t $h) (call $thrower (local.get 0))) (i32.const -1)))
  (func (export "nan") (param i32) (result i32) (i32.reinterpret_f32 (call $f32id (f32.reinterpret_i32 (local.get 0)))))
  (func (export "wide") (param i64 i32) (result i32) (call $wide (local.get 0) (local.get 1)))
  (func (export "ind") (param i32 i32) (result i32) (call_indirect (type $ii) (local.get 1) (local.get 0)))
  (func (export "set") (param i32) (table.set (local.get 0) (ref.func $sq)))
  (func (export "grow") (result i32) (call $grows))
  (func (export "mix") (param i64 i64) (result i64) (call $mix (call $mix (local.get 0) (local.get 1)) (local.get 0))))`;

test('inlined leaves compute what calls compute', () => {
  const p = pair(WAT);
  const cases: [string, Value[]][] = [
    ['zeroed', [1]], ['zeroed', [10]], ['load', [0]], ['load', [65532]], ['load', [-1]], ['div', [7, 2]], ['div', [7, 0]],
    ['div', [-0x80000000, -1]], ['catch', [0]], ['catch', [9]], ['nan', [0x7fa00001]], ['nan', [0xffc00000 | 0]], ['nan', [0x3f800000]],
    ['wide', [0x500000000n, 2]], ['wide', [-1n, 1]], ['ind', [0, 7]], ['ind', [1, 1]], ['ind', [1, 0]], ['ind', [2, 1]], ['ind', [-1, 1]], ['grow', []],
    ['mix', [1n, 2n]], ['mix', [-1n, 0n]], ['mix', [0x123456789abcdefn, -0x7000000000000000n]], ['mix', [0n, 0n]],
  ];
  for (const [name, args] of cases) assert.equal(outcome(p.jit, name, args), outcome(p.interp, name, args), `${name}(${args.join(', ')})`);
  assert.equal(outcome(p.jit, 'zeroed', [4]), String(((0 * 3 + 0) * 3 + 5) * 3 * 3 + 5));
  // Entries replaced at run time take the generic path.
  outcome(p.jit, 'set', [1]); outcome(p.interp, 'set', [1]);
  assert.equal(outcome(p.jit, 'ind', [1, 6]), '36');
  assert.equal(outcome(p.interp, 'ind', [1, 6]), '36');
  for (const e of ['zeroed', 'load', 'div', 'catch', 'nan', 'wide', 'ind', 'mix']) assert.ok(isCompiled(p.jit.inst, e), e);
});

test('the generated code inlines small leaves only', () => {
  const m = parseModule(WAT, ALL_FEATURES);
  const src = (i: number): string => generate(m, i).source;
  // Function indices: $sq 0, $maybe5 1, $load 2, $div 3, $thrower 4, $f32id 5, $wide 6, $grows 7, $mix 8,
  // zeroed 9, load 10, div 11, catch 12, nan 13, wide 14, ind 15, set 16, grow 17, mix 18.
  assert.match(src(9), /IN1: try \{/);
  assert.doesNotMatch(src(9), /F\[1\]\(/);
  assert.match(src(15), /if \(fn === K\d+\) \{ IN1: try \{.*else if \(fn === K\d+\) \{ IN2: try \{/s);
  // A leaf that grows memory is called, not inlined.
  assert.match(src(17), /F\[7\]\(/);
  // i64 results: two assignments, no side channel.
  assert.match(src(18), /IN2: try \{/);
  assert.doesNotMatch(src(18), /RT\.hi = \w+\$/);
});

test('a trap inside an inlined leaf has the wasm stack of a real call (leaf frame, then the caller at the call)', () => {
  const bin = encodeModule(parseModule(WAT, ALL_FEATURES));
  const si = new Store({ tier: 'interpreter' }), sc = new Store({ tier: 'compiled' });
  const ii = loadBinary(si, bin), ic = loadBinary(sc, bin);
  for (const [name, args] of [['div', [1, 0]], ['load', [65535]], ['div', [-0x80000000, -1]]] as [string, Value[]][]) {
    const a = trapOf(si, ii, name, args), b = trapOf(sc, ic, name, args);
    assert.equal(b.kind, a.kind, name);
    assert.deepEqual(b.wasmStack, a.wasmStack, `${name} stack`);
    assert.equal(b.wasmStack.length, 2, name);
  }
  // Traps in the caller after an inlined call still name the caller's own offset.
  const a = trapOf(si, ii, 'ind', [5, 1]), b = trapOf(sc, ic, 'ind', [5, 1]);
  assert.deepEqual(b.wasmStack, a.wasmStack);
});

test('renaming touches the callee\'s own names only', () => {
  const own = new Set(['x0', 'x1', 'd2', 'L3', 's4', 'K2', 'r1', 'l2', 'h2', 'va0', 'qb0', 'L3p0_0']);
  const text = 'x0 = MLD.f64(M0, x1, 8); d2 = f64_0[ix] + __weftab_m0$f64.length + 0x1f + 1e30 + x10; L3: { s4 = K2; r1 = null; l2 = h2 | va0; qb0 = L3p0_0; break L3; } o = 12;';
  assert.equal(rename(text, own, '$7'),
    'x0$7 = MLD.f64(M0, x1$7, 8); d2$7 = f64_0[ix] + __weftab_m0$f64.length + 0x1f + 1e30 + x10; L3$7: { s4$7 = K2$7; r1$7 = null; l2$7 = h2$7 | va0$7; qb0$7 = L3p0_0$7; break L3$7; } o = 12;');
  assert.equal(rename('', own, '$1'), '');
  assert.equal(rename(text, new Set(), '$1'), text);
});

/** A caller of `n` memory statements, plus four calls of a leaf of about INLINE_MAX_CHARS / 2 characters. */
function bigCaller(n: number): string {
  let body = '', leaf = '';
  for (let i = 0; i < n; i++) body += `(i32.store offset=${(i % 64) * 4} (local.get 0) (i32.add (i32.load offset=${((i * 7) % 64) * 4} (local.get 0)) (local.get 0)))\n`;
  for (let i = 0; i < 20; i++) leaf += `(local.set 1 (i32.add (local.get 1) (i32.load offset=${i * 4} (local.get 0))))\n`;
  return `(module (memory 1)
    (func $leaf (param i32) (result i32) (local i32) ${leaf} (local.get 1))
    (func (export "run") (param i32) (result i32) ${body}
      (i32.add (i32.add (call $leaf (local.get 0)) (call $leaf (i32.const 4))) (i32.add (call $leaf (i32.const 8)) (call $leaf (i32.const 12))))))`;
}

test('a caller that inlining would push past the size limit compiles without inlining', () => {
  // Callers growing by 10 statements: first inlined, then (near the limit) called, then refused.
  let inlinedSeen = false, fallback = -1;
  for (let n = 100; n < 600 && fallback < 0; n += 10) {
    let src: string;
    try {
      src = generate(parseModule(bigCaller(n)), 1).source;
    } catch {
      break;
    }
    if (src.includes('IN1:')) inlinedSeen = true;
    else if (inlinedSeen && src.includes('F[0](')) fallback = n;
  }
  assert.ok(inlinedSeen && fallback > 0, 'a size where the caller compiles only without its inlined leaves');
  const p = pair(bigCaller(fallback));
  assert.equal(outcome(p.jit, 'run', [16]), outcome(p.interp, 'run', [16]));
  assert.ok(isCompiled(p.jit.inst, 'run'));
  assert.ok(INLINE_MAX_CHARS < LIMITS.maxBodyChars);
});

test('an OSR variant inlines leaves too: a long loop in a function called once, traps included', () => {
  const wat = `(module (memory 1)
    (func $step (param i32) (result i32) (i32.add (i32.load (i32.const 8)) (i32.div_u (i32.const 1000000) (local.get 0))))
    (func (export "main") (param i32) (result i32) (local $i i32) (local $s i32)
      (local.set $i (local.get 0))
      (loop $l
        (local.set $s (i32.add (local.get $s) (call $step (local.get $i))))
        (local.set $i (i32.sub (local.get $i) (i32.const 1)))
        (br_if $l (i32.ne (local.get $i) (i32.const -1))))
      (local.get $s)))`;
  const bin = encodeModule(parseModule(wat, ALL_FEATURES));
  const si = new Store({ tier: 'interpreter' });
  const ii = loadBinary(si, bin);
  // The loop ends by dividing by zero: the trap's stack names $step, then main.
  const a = trapOf(si, ii, 'main', [5000]);
  const sa = new Store({ tier: 'auto', tierUpThreshold: 50 });
  const ia = loadBinary(sa, bin);
  const before = sa.stats().osrEntries;
  const b = trapOf(sa, ia, 'main', [5000]);
  assert.equal(b.kind, a.kind);
  assert.deepEqual(b.wasmStack, a.wasmStack);
  assert.ok(sa.stats().osrEntries > before, 'entered by OSR');
  const m = parseModule(wat, ALL_FEATURES);
  const loop = m.funcs[1].body.findIndex(ins => OPCODES[ins.op].name === 'loop');
  assert.ok(/IN1: try/.test(generateOsr(m, 1, loop).source));
});

test('inlined leaves using SIMD, GC, tables, globals, a second memory and references behave as calls', () => {
  const wat = `(module
    (type $pt (struct (field $x (mut i32)) (field $y f64)))
    (memory $a 1) (memory $b 1)
    (global $g (mut i32) (i32.const 5))
    (global $gl (mut i64) (i64.const 7))
    (table $t 4 funcref)
    (func $simd (param v128 i32) (result i32)
      (i32x4.bitmask (i32x4.add (local.get 0) (i32x4.splat (local.get 1)))))
    (func $gc (param (ref null $pt)) (result f64)
      (struct.set $pt $x (local.get 0) (i32.add (struct.get $pt $x (local.get 0)) (i32.const 1)))
      (f64.add (struct.get $pt $y (local.get 0)) (f64.convert_i32_s (struct.get $pt $x (local.get 0)))))
    (func $tab (param i32) (result funcref) (table.get $t (local.get 0)))
    (func $glob (param i32) (result i64)
      (global.set $g (i32.add (global.get $g) (local.get 0)))
      (global.set $gl (i64.mul (global.get $gl) (i64.extend_i32_s (local.get 0))))
      (global.get $gl))
    (func $mem2 (param i32) (result i32)
      (i32.store $b (i32.const 12) (local.get 0))
      (i32.add (i32.load $b (i32.const 12)) (i32.load $a (i32.const 12))))
    (func $f (param f64 f32) (result f64) (f64.mul (local.get 0) (f64.promote_f32 (local.get 1))))
    (func $nc (result f64) (f64.const nan:0x4000000000001))
    (elem declare func $f)
    (func (export "simd") (param i32) (result i32) (call $simd (v128.const i32x4 1 2 3 4) (local.get 0)))
    (func (export "gc") (param i32) (result f64) (local $p (ref null $pt))
      (local.set $p (struct.new $pt (local.get 0) (f64.const 0.5)))
      (drop (call $gc (local.get $p)))
      (call $gc (local.get $p)))
    (func (export "gcnull") (result f64) (call $gc (ref.null $pt)))
    (func (export "tab") (param i32) (result i32) (ref.is_null (call $tab (local.get 0))))
    (func (export "glob") (param i32) (result i64) (drop (call $glob (local.get 0))) (i64.add (call $glob (i32.const 3)) (i64.extend_i32_s (global.get $g))))
    (func (export "mem2") (param i32) (result i32) (i32.store $a (i32.const 12) (i32.const 100)) (call $mem2 (local.get 0)))
    (func (export "f") (param f64) (result f64) (call $f (local.get 0) (f32.const 1.5)))
    (func (export "nc") (result i64) (i64.reinterpret_f64 (call $nc))))`;
  const p = pair(wat);
  const cases: [string, Value[]][] = [['simd', [10]], ['simd', [-3]], ['gc', [3]], ['gcnull', []], ['tab', [0]], ['tab', [9]], ['glob', [2]], ['glob', [-1]], ['mem2', [7]], ['f', [0x4004000000000000n]], ['f', [0x7ff8000000000001n]], ['f', [0xfff4000000000000n]], ['nc', []]];
  for (const [name, args] of cases) assert.equal(outcome(p.jit, name, args), outcome(p.interp, name, args), `${name}(${args.join(', ')})`);
  const m = parseModule(wat, ALL_FEATURES);
  for (let i = 7; i <= 14; i++) {
    const src = generate(m, i).source;
    assert.match(src, /IN1: try/, `export ${i} inlines its leaf`);
  }
});

test('chains of small functions are inlined into each other; cycles and real calls stop it; traps keep every frame', () => {
  const wat = `(module (memory 1)
    (func $leaf (param i32) (result i32) (i32.div_u (i32.const 1000) (local.get 0)))
    (func $mid (param i32) (result i32) (i32.add (call $leaf (local.get 0)) (call $leaf (i32.add (local.get 0) (i32.const 1)))))
    (func $top (param i32) (result i32) (i32.mul (call $mid (local.get 0)) (i32.const 3)))
    (func $even (param i32) (result i32) (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 1)) (else (call $odd (i32.sub (local.get 0) (i32.const 1))))))
    (func $odd (param i32) (result i32) (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 0)) (else (call $even (i32.sub (local.get 0) (i32.const 1))))))
    (func $grows (result i32) (memory.grow (i32.const 0)))
    (func $callsGrow (param i32) (result i32) (i32.add (call $grows) (local.get 0)))
    (func (export "top") (param i32) (result i32) (call $top (local.get 0)))
    (func (export "even") (param i32) (result i32) (call $even (local.get 0)))
    (func (export "cg") (param i32) (result i32) (call $callsGrow (local.get 0))))`;
  const m = parseModule(wat, ALL_FEATURES);
  const top = generate(m, 7).source;
  // $top inlined into the export, $mid into $top, $leaf twice into $mid: no call left.
  assert.doesNotMatch(top, /F\[\d+\]\(/);
  assert.doesNotMatch(top, /dp > LIM/);
  assert.match(top, /IN1: try/);
  assert.match(generate(m, 8).source, /F\[3\]\(|wasm_3\(/);
  assert.match(generate(m, 9).source, /F\[6\]\(/);
  const p = pair(wat);
  for (const [name, args] of [['top', [4]], ['top', [0]], ['top', [-1]], ['even', [7]], ['even', [10]], ['cg', [2]]] as [string, Value[]][]) {
    assert.equal(outcome(p.jit, name, args), outcome(p.interp, name, args), `${name}(${args.join(', ')})`);
  }
  const bin = encodeModule(m);
  const si = new Store({ tier: 'interpreter' }), sc = new Store({ tier: 'compiled' });
  const ii = loadBinary(si, bin), ic = loadBinary(sc, bin);
  for (const a of [0, -1]) {
    const x = trapOf(si, ii, 'top', [a]), y = trapOf(sc, ic, 'top', [a]);
    assert.deepEqual(y.wasmStack, x.wasmStack, `top(${a})`);
    assert.equal(y.wasmStack.length, 4);
  }
});

test('a chain deeper than the nesting limit: the far end is called, and still inlined where it is near', () => {
  const wat = `(module
    (func $d (param i32) (result i32) (i32.add (local.get 0) (i32.const 1)))
    (func $c (param i32) (result i32) (call $d (i32.mul (local.get 0) (i32.const 2))))
    (func $b (param i32) (result i32) (call $c (i32.xor (local.get 0) (i32.const 3))))
    (func $a (param i32) (result i32) (call $b (i32.sub (local.get 0) (i32.const 4))))
    (func (export "x") (param i32) (result i32) (call $a (local.get 0)))
    (func (export "y") (param i32) (result i32) (call $d (local.get 0)))
    (func (export "z") (param i32) (result i32) (call $c (local.get 0))))`;
  const m = parseModule(wat, ALL_FEATURES);
  assert.match(generate(m, 4).source, /F\[3\]\(/);
  assert.match(generate(m, 5).source, /IN1: try/);
  assert.match(generate(m, 6).source, /IN1\$1: try/);
  const p = pair(wat);
  for (const e of ['x', 'y', 'z']) for (const a of [0, 9, -7]) assert.equal(outcome(p.jit, e, [a]), outcome(p.interp, e, [a]), `${e}(${a})`);
});

test('recursive functions inline one copy of themselves: same results, depth limit, exhaustion and trap stacks as calls', () => {
  const wat = `(module
    (import "h" "grow" (func $hostGrow (param i32)))
    (memory 1)
    (func $fib (param i32) (result i32)
      (if (result i32) (i32.lt_u (local.get 0) (i32.const 2)) (then (local.get 0))
        (else (i32.add (call $fib (i32.sub (local.get 0) (i32.const 1))) (call $fib (i32.sub (local.get 0) (i32.const 2)))))))
    (func $down (param i32) (result i32)
      (if (result i32) (i32.eqz (local.get 0)) (then (i32.div_u (i32.const 1) (i32.load (i32.const 0))))
        (else (i32.add (i32.const 1) (call $down (i32.sub (local.get 0) (i32.const 1)))))))
    (func $growing (param i32) (result i32)
      (if (i32.eq (local.get 0) (i32.const 3)) (then (call $hostGrow (i32.const 1))))
      (if (result i32) (i32.eqz (local.get 0)) (then (i32.load (i32.const 65536)))
        (else (i32.add (i32.load (i32.const 65540)) (call $growing (i32.sub (local.get 0) (i32.const 1)))))))
    (func $tail (param i32) (result i32)
      (if (result i32) (i32.eqz (local.get 0)) (then (return_call $tail2 (i32.const 5)))
        (else (i32.add (i32.const 1) (call $tail (i32.sub (local.get 0) (i32.const 1)))))))
    (func $tail2 (param i32) (result i32) (i32.mul (local.get 0) (i32.const 3)))
    (func (export "fib") (param i32) (result i32) (call $fib (local.get 0)))
    (func (export "down") (param i32) (result i32) (call $down (local.get 0)))
    (func (export "set") (param i32) (i32.store (i32.const 0) (local.get 0)))
    (func (export "growing") (param i32) (result i32) (call $growing (local.get 0)))
    (func (export "tail") (param i32) (result i32) (call $tail (local.get 0))))`;
  const m = parseModule(wat, ALL_FEATURES);
  const fib = generate(m, 1).source;
  // Both recursive calls get a copy; the copies call the function itself; the depth test stays.
  assert.match(fib, /IN1: try/);
  assert.match(fib, /IN2: try/);
  assert.match(fib, /wasm_1\(/);
  assert.match(fib, /dp > LIM/);
  assert.doesNotMatch(generate(m, 4).source, /IN\d+: try/);
  const mk = (tier: 'interpreter' | 'compiled') => {
    const store = new Store({ tier, maxCallDepth: 200000 });
    const types = loadBinary(store, encodeModule(parseModule('(module (func (export "t") (param i32)))')));
    let inst: ReturnType<typeof loadBinary> | null = null;
    const grow = hostFunc(exportedFunc(types, 't').type, () => { inst!.mems[0].grow(1); return []; });
    inst = loadBinary(store, encodeModule(m), [{ kind: 'func', value: grow }]);
    return { store, inst };
  };
  const a = mk('interpreter'), b = mk('compiled');
  const run = (s: typeof a, name: string, args: Value[]) => outcome(s, name, args);
  for (const [name, args] of [['fib', [0]], ['fib', [1]], ['fib', [15]], ['set', [1]], ['down', [10]], ['down', [60000]], ['tail', [5]], ['growing', [6]]] as [string, Value[]][]) {
    assert.equal(run(b, name, args), run(a, name, args), `${name}(${args.join(', ')})`);
  }
  assert.equal(run(b, 'down', [60000]), '60001');
  assert.equal(run(b, 'down', [10_000_000]), 'trap:exhaustion');
  // A trap at the bottom of a recursion: every frame, at its call's offset.
  run(a, 'set', [0]); run(b, 'set', [0]);
  const x = trapOf(a.store, a.inst, 'down', [7]), y = trapOf(b.store, b.inst, 'down', [7]);
  assert.equal(y.kind, 'div-by-zero');
  assert.deepEqual(y.wasmStack, x.wasmStack);
  assert.equal(y.wasmStack.length, 9);
});
