/**
 * Random small leaves (integer and float arithmetic, memory, globals, branches, traps) called
 * directly and through a guessed call_indirect from a loop: the compiled tier, which inlines
 * them (jit/inline.ts), must compute what the interpreter computes. Float results reach the
 * checksum only through saturating truncation, so NaN payloads (free to differ) never show.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generate } from '../../src/jit/codegen.js';
import { parseModule } from '../../src/text/parse-module.js';
import { ALL_FEATURES } from '../../src/features.js';
import { pair, outcome, rng } from './helpers.js';

type T = 'i32' | 'i64' | 'f32' | 'f64';
const TYPES: T[] = ['i32', 'i64', 'f32', 'f64'];

function program(seed: number, wide = false): string {
  const next = rng(seed);
  const pick = <X>(xs: readonly X[]): X => xs[next() % xs.length];
  const params: T[] = Array.from({ length: next() % 4 }, () => pick(TYPES));
  const locals: T[] = Array.from({ length: next() % 3 }, () => pick(TYPES));
  const result: T = pick(TYPES);
  const vars = [...params, ...locals];
  const addr = (d: number): string => `(i32.and ${expr('i32', d)} (i32.const 0xff8))`;
  const constOf = (t: T): string => {
    const n = (next() | 0) >> (next() % 24);
    return t === 'i32' ? `(i32.const ${n})` : t === 'i64' ? `(i64.const ${n * 4099})` : `(${t}.const ${n / 7})`;
  };
  function expr(t: T, d: number): string {
    const own = vars.map((v, j) => [v, j] as const).filter(([v]) => v === t);
    if (d > 3 || next() % 4 === 0) return own.length > 0 && next() % 2 === 0 ? `(local.get ${pick(own)[1]})` : constOf(t);
    const a = () => expr(t, d + 1);
    switch (t) {
      case 'i32': return pick([
        () => `(i32.${pick(['add', 'sub', 'mul', 'xor', 'and', 'or', 'shl', 'shr_s', 'shr_u', 'rotl'])} ${a()} ${a()})`,
        () => `(i32.${pick(['div_s', 'rem_u'])} ${a()} ${a()})`,
        () => `(i32.eqz ${a()})`, () => `(i32.lt_s ${a()} ${a()})`, () => `(i32.wrap_i64 ${expr('i64', d + 1)})`,
        () => `(i32.load offset=8 ${addr(d + 1)})`, () => `(i32.load8_s ${addr(d + 1)})`, () => `(global.get $g)`,
        () => `(select ${a()} ${a()} ${a()})`, () => `(i32.trunc_sat_f64_s ${expr('f64', d + 1)})`,
        () => `(if (result i32) ${a()} (then ${a()}) (else ${a()}))`,
        () => `(block $b (result i32) (drop (br_if $b ${a()} ${a()})) ${a()})`,
      ])();
      case 'i64': return pick([
        () => `(i64.${pick(['add', 'sub', 'mul', 'xor', 'shl', 'shr_u', 'rotr'])} ${a()} ${a()})`,
        () => `(i64.extend_i32_s ${expr('i32', d + 1)})`, () => `(i64.load ${addr(d + 1)})`, () => `(global.get $gl)`,
        () => `(i64.div_u ${a()} ${a()})`, () => `(i64.trunc_sat_f32_u ${expr('f32', d + 1)})`,
      ])();
      case 'f64': return pick([
        () => `(f64.${pick(['add', 'sub', 'mul', 'div', 'min', 'max'])} ${a()} ${a()})`, () => `(f64.sqrt ${a()})`,
        () => `(f64.convert_i32_s ${expr('i32', d + 1)})`, () => `(f64.promote_f32 ${expr('f32', d + 1)})`, () => `(f64.load ${addr(d + 1)})`,
      ])();
      case 'f32': return pick([
        () => `(f32.${pick(['add', 'mul', 'sub'])} ${a()} ${a()})`, () => `(f32.neg ${a()})`, () => `(f32.abs ${a()})`,
        () => `(f32.demote_f64 ${expr('f64', d + 1)})`, () => `(f32.reinterpret_i32 ${expr('i32', d + 1)})`, () => `(f32.load ${addr(d + 1)})`,
      ])();
    }
  }
  let body = '';
  for (let k = 0, n = 1 + next() % 4; k < n; k++) {
    const s = next() % 4;
    if (s === 0 && vars.length > 0) { const j = next() % vars.length; body += `(local.set ${j} ${expr(vars[j], 1)})\n`; }
    else if (s === 1) body += `(i32.store offset=4 ${addr(1)} ${expr('i32', 1)})\n`;
    else if (s === 2) body += `(global.set $g ${expr('i32', 1)})\n`;
    else body += `(if ${expr('i32', 2)} (then (return ${expr(result, 1)})))\n`;
  }
  body += expr(result, 0);
  const sig = `(param ${params.join(' ')}) (result ${result})`;
  const toI64 = (e: string): string => result === 'i32' ? `(i64.extend_i32_u ${e})` : result === 'i64' ? e
    : `(i64.trunc_sat_${result}_s ${e})`;
  const argOf = (t: T): string => t === 'i32' ? '(i32.add (local.get $i) (local.get 0))' : t === 'i64' ? '(i64.extend_i32_s (i32.mul (local.get $i) (local.get 0)))'
    : `(${t}.convert_i32_s (i32.sub (local.get 0) (local.get $i)))`;
  const args = params.map(argOf).join(' ');
  return `(module (memory 1) (global $g (mut i32) (i32.const 3)) (global $gl (mut i64) (i64.const 11))
    (type $sig (func ${sig}))
    (table funcref (elem $leaf $leaf2 ${wide ? '$leaf3 $leaf4 $leaf5 $leaf6' : ''}))
    (data (i32.const 0) "\\01\\02\\03\\04\\fe\\ff\\80\\7f\\00\\00\\c0\\7f\\11\\22\\33\\44")
    (func $leaf (type $sig) (local ${locals.join(' ')}) ${body})
    (func $leaf2 (type $sig) ${constOf(result)})
    (func $mid (type $sig) (${result}.add (call $leaf ${params.map((_, j) => `(local.get ${j})`).join(' ')}) (${result}.const 1)))
    (func $rec (param $n i32) (param $i i32) (result i64)
      (if (result i64) (i32.le_s (local.get $n) (i32.const 0)) (then ${toI64(`(call $leaf ${args.replaceAll('local.get 0', 'local.get $n')})`)})
        (else (i64.add (i64.mul (call $rec (i32.sub (local.get $n) (i32.const 1)) (local.get $i)) (i64.const 31))
          ${toI64(`(call $mid ${args.replaceAll('local.get 0', 'local.get $n')})`)}))))
    ${wide ? [3, 4, 5, 6].map(k => `(func $leaf${k} (type $sig) ${constOf(result)})`).join('\n') : ''}
    (func (export "run") (param i32) (result i64) (local $i i32) (local $acc i64)
      (loop $l
        (local.set $acc (i64.add (i64.mul (local.get $acc) (i64.const 31)) ${toI64(`(call $leaf ${args})`)}))
        (local.set $acc (i64.xor (local.get $acc) ${toI64(`(call_indirect (type $sig) ${args} (i32.and (local.get $i) (i32.const 1)))`)}))
        (local.set $acc (i64.sub (local.get $acc) ${toI64(`(call $mid ${args})`)}))
        (local.set $acc (i64.xor (local.get $acc) (call $rec (i32.and (local.get 0) (i32.const 7)) (local.get $i))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br_if $l (i32.lt_u (local.get $i) (i32.const ${wide ? 200 : 6}))))
      (i64.add (local.get $acc) (i64.add (i64.load (i32.const 8)) (i64.extend_i32_u (global.get $g))))))`;
}

test('random leaves: inlined code computes what the interpreter computes (traps included)', () => {
  let inlined = 0, selfCopies = 0;
  const seeds = Number(process.env.WEFT_RANDOM_SEEDS ?? 60);
  for (let seed = 1; seed <= seeds; seed++) {
    const wat = program(seed);
    const m = parseModule(wat, ALL_FEATURES);
    if (/IN1: try/.test(generate(m, 4).source)) inlined++;
    // $rec (3) holds a copy of itself whose recursive call stays a call.
    if (/IN\d+: try[\s\S]*wasm_3\(/.test(generate(m, 3).source)) selfCopies++;
    const p = pair(wat);
    for (const a of [0, 1, 7, -5, 0x7fffffff]) assert.equal(outcome(p.jit, 'run', [a]), outcome(p.interp, 'run', [a]), `seed ${seed} run(${a})\n${wat}`);
  }
  assert.ok(inlined >= seeds * 0.9, `${inlined} of ${seeds} inlined`);
  assert.ok(selfCopies >= seeds * 0.5, `${selfCopies} of ${seeds} with a self copy`);
});

test('random leaves behind a call_indirect with six candidates: feedback guesses, recompiled code, same results', () => {
  let recompiled = 0;
  for (let seed = 1; seed <= 12; seed++) {
    const wat = program(seed, true);
    const p = pair(wat);
    const before = p.jit.store.stats().recompiled;
    for (const a of [3, 0, -9, 3]) assert.equal(outcome(p.jit, 'run', [a]), outcome(p.interp, 'run', [a]), `seed ${seed} run(${a})\n${wat}`);
    // Calls that trap early never reach the sample size; the others are compiled again, once.
    const n = p.jit.store.stats().recompiled - before;
    assert.ok(n <= 1);
    recompiled += n;
  }
  assert.ok(recompiled >= 6, `${recompiled} of 12 compiled again`);
});
