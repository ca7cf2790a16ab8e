/**
 * Calling exported functions with every kind of JS argument, in each tier: the compiled tier
 * converts JS values straight to its own convention (jit/host-boundary.ts `jsEntry`), the interpreter
 * straight into its stack cells (api/interp-entry.ts); both must do what native WebAssembly does — same results, same error
 * types, conversions in argument order (valueOf side effects), traps and stack exhaustion alike.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { configure } from '../../src/api/index.js';
import { native, outcome, wat, weft } from './helpers.js';

const MODULE = wat(`(module
  (func (export "i32") (param i32) (result i32) (local.get 0))
  (func (export "i64") (param i64) (result i64) (local.get 0))
  (func (export "f32") (param f32) (result f32) (local.get 0))
  (func (export "f64") (param f64) (result f64) (local.get 0))
  (func (export "ext") (param externref) (result externref) (local.get 0))
  (func (export "func") (param funcref) (result funcref) (local.get 0))
  (func (export "mixed") (param i32 i64 f32 f64) (result f64)
    (f64.add (f64.add (f64.convert_i32_s (local.get 0)) (f64.convert_i64_s (local.get 1)))
             (f64.add (f64.promote_f32 (local.get 2)) (local.get 3))))
  (func (export "none") (param i32))
  (func (export "trap") (param i32) (result i32) (i32.div_s (i32.const 1) (local.get 0)))
  (func $deep (export "deep") (param i32) (result i32) (call $deep (i32.add (local.get 0) (i32.const 1)))))`);

const VALUES: [string, () => unknown][] = [
  ['0', () => 0], ['-0', () => -0], ['1.5', () => 1.5], ['-1.5', () => -1.5], ['2^31', () => 2 ** 31],
  ['2^32+5', () => 2 ** 32 + 5], ['1e40', () => 1e40], ['NaN', () => NaN], ['Infinity', () => Infinity],
  ['f32 max+', () => 3.4028235677973366e38], ['f32 halfway', () => 1 + 2 ** -24], ['tiny', () => 1e-46],
  ['"12"', () => '12'], ['"abc"', () => 'abc'], ['true', () => true], ['null', () => null],
  ['undefined', () => undefined], ['{}', () => ({})], ['valueOf', () => ({ valueOf: () => 7 })],
  ['5n', () => 5n], ['-1n', () => -1n], ['2^64+3n', () => 2n ** 64n + 3n], ['"0x10"', () => '0x10'],
  ['symbol', () => Symbol('s')], ['function', () => () => 1],
];

type Exports = Record<string, (...a: unknown[]) => unknown>;

function exportsOf(W: typeof WebAssembly): Exports {
  return new W.Instance(new W.Module(MODULE), {}).exports as unknown as Exports;
}

/** Runs `f` natively and on weft in each tier (twice in a row, so the compiled tier has compiled). */
function agree(what: string, f: (e: Exports) => unknown): void {
  const want = outcome(() => f(exportsOf(native)));
  for (const tier of ['interpreter', 'compiled', 'auto'] as const) {
    configure({ tier });
    try {
      const e = exportsOf(weft);
      for (let round = 0; round < 2; round++) assert.equal(outcome(() => f(e)), want, `${what} (${tier}, round ${round})`);
    } finally {
      configure({});
    }
  }
}

test('every argument kind for every scalar and reference parameter, as native', () => {
  for (const name of ['i32', 'i64', 'f32', 'f64', 'ext']) {
    for (const [label, make] of VALUES) agree(`${name}(${label})`, e => e[name](make()));
  }
  agree('func(null)', e => e.func(null));
  agree('func(a JS function)', e => e.func(() => 1));
  agree('func(an export)', e => typeof e.func(e.i32));
});

test('conversions run in argument order, and a throwing one stops the call', () => {
  agree('mixed in order', e => {
    const seen: string[] = [];
    const v = (x: unknown, tag: string) => ({ valueOf: () => { seen.push(tag); return x; } });
    const r = e.mixed(v(1, 'a'), 2n, v(3.5, 'c'), v(4, 'd'));
    return `${String(r)} ${seen.join('')}`;
  });
  agree('conversions that call back into wasm', e => {
    const again = (x: number) => ({ valueOf: () => e.f64((e.i32(x) as number) + 0.5) });
    return e.mixed(again(1), 2n, again(3), e.mixed(again(4), 5n, 6, 7));
  });
  agree('mixed: the second conversion throws', e => {
    let third = false;
    try {
      e.mixed(1, 'x', { valueOf: () => { third = true; return 1; } }, 1);
    } catch (err) {
      return `${(err as Error).name} third=${third}`;
    }
    return 'no error';
  });
});

test('missing and extra arguments, no results, traps and exhaustion, as native', () => {
  agree('mixed()', e => e.mixed());
  agree('i32(1, 2, 3)', e => e.i32(1, 2, 3));
  agree('none(1)', e => e.none(1));
  agree('trap(0)', e => e.trap(0));
  agree('trap(2)', e => e.trap(2));
  agree('deep(0)', e => e.deep(0));
  agree('after exhaustion', e => { try { e.deep(0); } catch { /* exhausted */ } return e.i32(41); });
});

const IMPORTS = wat(`(module
  (import "js" "r_i32" (func $ri32 (param i32 i64 f32 f64 externref) (result i32)))
  (import "js" "r_i64" (func $ri64 (result i64)))
  (import "js" "r_f32" (func $rf32 (result f32)))
  (import "js" "r_f64" (func $rf64 (result f64)))
  (import "js" "r_ext" (func $rext (result externref)))
  (import "js" "r_none" (func $rnone))
  (func (export "i32") (param i32 i64 f32 f64 externref) (result i32)
    (call $ri32 (local.get 0) (local.get 1) (local.get 2) (local.get 3) (local.get 4)))
  (func (export "i64") (result i64) (call $ri64))
  (func (export "f32") (result f32) (call $rf32))
  (func (export "f64") (result f64) (call $rf64))
  (func (export "ext") (result externref) (call $rext))
  (func (export "none") (call $rnone))
  (func (export "caught") (result i32) (try (result i32) (do (call $rnone) (i32.const 0)) (catch_all (i32.const 1)))))`);

/** Runs `f` natively and on weft in each tier, with the imports `js` returning `give()`. */
function agreeImports(what: string, give: () => unknown, f: (e: Exports, seen: unknown[][]) => unknown): void {
  const run = (W: typeof WebAssembly): string => {
    const seen: unknown[][] = [];
    const host = (...a: unknown[]) => { seen.push(a); return give(); };
    const js = { r_i32: host, r_i64: host, r_f32: host, r_f64: host, r_ext: host, r_none: host };
    const e = new W.Instance(new W.Module(IMPORTS), { js }).exports as unknown as Exports;
    const rounds = [outcome(() => f(e, seen)), outcome(() => f(e, seen))];
    return `${rounds.join(' | ')} seen ${outcome(() => seen.map(a => a.map(v => typeof v === 'bigint' ? `${v}n` : Object.is(v, -0) ? '-0' : String(v)).join(',')))}`;
  };
  const want = run(native);
  for (const tier of ['interpreter', 'compiled', 'auto'] as const) {
    configure({ tier });
    try {
      assert.equal(run(weft), want, `${what} (${tier})`);
    } finally {
      configure({});
    }
  }
}

test('compiled code calling JS imports: arguments and every result kind, as native', () => {
  const ext = { tag: 'x' };
  agreeImports('arguments reach JS as native passes them', () => 3, e =>
    e.i32(-7, -(2n ** 63n), 1.5, -0, ext) as number + (e.i32(2 ** 31 + 1, 5n, NaN, 1e300, null) as number));
  for (const [label, make] of VALUES) {
    for (const name of ['i32', 'i64', 'f32', 'f64', 'ext']) {
      agreeImports(`${name} result ${label}`, make, e => name === 'i32' ? e.i32(0, 0n, 0, 0, null) : e[name]());
    }
  }
  agreeImports('no result ignores the returned value', () => 'anything', e => e.none());
});

test('what a JS import throws reaches wasm handlers and the JS caller unchanged', () => {
  const err = new Error('from js');
  agreeImports('a thrown Error passes through', () => { throw err; }, e => {
    try { e.none(); } catch (x) { return x === err; }
    return 'no throw';
  });
  agreeImports('catch_all in wasm catches it', () => { throw err; }, e => e.caught());
  agreeImports('a thrown primitive', () => { throw 42; }, e => {
    try { e.none(); } catch (x) { return x; }
    return 'no throw';
  });
});
