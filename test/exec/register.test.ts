import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RuntimeError } from '../../src/errors.js';
import { parseModule } from '../../src/text/parse-module.js';
import { validateModule } from '../../src/valid/index.js';
import { encodeModule } from '../../src/binary/encode.js';
import { decodeModule } from '../../src/binary/decode.js';
import { ALL_FEATURES } from '../../src/features.js';
import { OPCODES } from '../../src/syntax/opcodes.js';
import { REG_ROWS, FUSED_PAIRS, MEM_FUSED } from '../../src/exec/reg-table.js';
import { instantiate, invoke, type Value } from '../../src/runtime/index.js';
import { exportedFunc, interpStore } from './helpers.js';

// The register forms (compile.ts virtual operand stack, reg-table.ts ops) against the host's own
// WebAssembly engine: every register row in every operand shape (locals, constants on either
// side, stack slots, result into a local), the compare-and-branch forms, fused pairs, addresses.

type Ty = 'i32' | 'i64' | 'f32' | 'f64';
const LETTER: Record<string, Ty> = { i: 'i32', I: 'i64', f: 'f32', F: 'f64' };
const VALUES: Record<Ty, string[]> = {
  i32: ['0', '1', '-1', '2', '31', '33', '0x7fffffff', '-0x80000000', '12345', '-7'],
  i64: ['0', '1', '-1', '63', '65', '0x7fffffffffffffff', '-0x8000000000000000', '0x123456789abcdef', '0xffffffff', '-12345'],
  f32: ['0', '-0', '1', '-1.5', '0.1', '1e30', '-1e-30', 'inf', '-inf', 'nan', 'nan:0x200001', '2147483648', '-9.5e18'],
  f64: ['0', '-0', '1', '-1.5', '0.1', '1e300', '-1e-300', 'inf', '-inf', 'nan', 'nan:0x4000000000001', '2147483648', '-9.5e18'],
};

/** Results as comparable bits: float results are returned reinterpreted, wrapped by the function. */
function bitsResult(ty: Ty): [Ty, (x: string) => string] {
  if (ty === 'f32') return ['i32', x => `(i32.reinterpret_f32 ${x})`];
  if (ty === 'f64') return ['i64', x => `(i64.reinterpret_f64 ${x})`];
  return [ty, x => x];
}

/** The integer type carrying a value of `ty` across the boundary (floats as their bits). */
const CARRIER: Record<Ty, 'i32' | 'i64'> = { i32: 'i32', i64: 'i64', f32: 'i32', f64: 'i64' };

/** A value's carrier: i32 as a number, i64 and f64 bits as a bigint, f32 bits as a signed number. */
function jsValue(ty: Ty, text: string): Value {
  const neg = text.startsWith('-');
  const abs = neg ? text.slice(1) : text;
  if (ty === 'i64') return BigInt.asIntN(64, BigInt(abs) * (neg ? -1n : 1n));
  if (ty === 'i32') return Number(text) | 0;
  const nan = /^nan(?::(0x[0-9a-f]+))?$/.exec(abs);
  const dv = new DataView(new ArrayBuffer(8));
  if (ty === 'f32') {
    if (nan) return ((neg ? 0x80000000 : 0) | 0x7f800000 | (nan[1] ? Number(nan[1]) : 0x400000)) | 0;
    dv.setFloat32(0, abs === 'inf' ? (neg ? -Infinity : Infinity) : Number(text));
    return dv.getInt32(0);
  }
  if (nan) return BigInt.asIntN(64, (neg ? 1n << 63n : 0n) | 0x7ff0000000000000n | (nan[1] ? BigInt(nan[1]) : 1n << 51n));
  dv.setFloat64(0, abs === 'inf' ? (neg ? -Infinity : Infinity) : Number(text));
  return dv.getBigInt64(0);
}

/**
 * A function taking carriers for `params` and reading them as `(local.get n)` via `arg(i)`:
 * float arguments are reinterpreted into float locals first, so operands are real locals.
 */
function func(name: string, params: Ty[], result: Ty, body: (arg: (i: number) => string) => string, extraLocal?: Ty): string {
  const n = params.length;
  const locals = params.map(t => t);
  const inits = params.map((t, i) => t === CARRIER[t] ? '' :
    `(local.set ${n + i} (${t}.reinterpret_${CARRIER[t]} (local.get ${i})))`).join(' ');
  const arg = (i: number) => `(local.get ${params[i] === CARRIER[params[i]] ? i : n + i})`;
  const [rt, wrap] = bitsResult(result);
  const extra = extraLocal !== undefined ? ` ${extraLocal}` : '';
  return `(func (export "${name}") (param ${params.map(t => CARRIER[t]).join(' ')}) (result ${rt}) (local ${locals.join(' ')}${extra}) ` +
    `${inits} ${wrap(body(arg))})`;
}

/** `wat` validated through its binary encoding: instructions carry their byte offsets (traces). */
function withOffsets(wat: string): ReturnType<typeof validateModule> {
  const text = validateModule(parseModule(wat, ALL_FEATURES), ALL_FEATURES);
  return validateModule(decodeModule(encodeModule(text.module) as Uint8Array, ALL_FEATURES), ALL_FEATURES);
}

interface Pair { weft: (name: string, args: Value[]) => Value[]; native: (name: string, args: Value[]) => unknown }

function both(wat: string): Pair {
  const vm = withOffsets(wat);
  const store = interpStore();
  const inst = instantiate(store, vm, []);
  const native = new WebAssembly.Instance(new WebAssembly.Module(encodeModule(vm.module) as Uint8Array<ArrayBuffer>), {});
  return {
    weft: (name, args) => invoke(store, exportedFunc(inst, name), args),
    native: (name, args) => (native.exports[name] as (...a: unknown[]) => unknown)(...args),
  };
}

/** Whether carrier `v` holds a NaN of type `ty`, and whether a quiet one. */
function nanBits(ty: 'f32' | 'f64', v: unknown): { nan: boolean; quiet: boolean } {
  if (ty === 'f32') {
    const b = (v as number) >>> 0;
    return { nan: (b & 0x7f800000) === 0x7f800000 && (b & 0x7fffff) !== 0, quiet: (b & 0x400000) !== 0 };
  }
  const b = BigInt.asUintN(64, v as bigint);
  const mant = b & ((1n << 52n) - 1n);
  return { nan: (b >> 52n & 0x7ffn) === 0x7ffn && mant !== 0n, quiet: (mant >> 51n) === 1n };
}

/**
 * Runs `name` on both engines: same result, or both trap. `nanOf`: the result is float
 * arithmetic, where any arithmetic (quiet) NaN is a right answer when the expected one is NaN.
 */
function same(p: Pair, name: string, args: Value[], what: string, nanOf?: 'f32' | 'f64'): void {
  let want: unknown, wantTrap = false;
  try { want = p.native(name, args); } catch { wantTrap = true; }
  if (wantTrap) {
    assert.throws(() => p.weft(name, args), RuntimeError, `${what}: expected a trap`);
    return;
  }
  const got = p.weft(name, args);
  if (nanOf !== undefined && nanBits(nanOf, want).nan) {
    assert.ok(nanBits(nanOf, got[0]).nan && nanBits(nanOf, got[0]).quiet, `${what}: expected an arithmetic NaN, got ${got[0]}`);
    return;
  }
  assert.deepEqual(got, want === undefined ? [] : [want], what);
}

function sig(key: string): { params: Ty[]; result: Ty } {
  const o = OPCODES.find(x => x.key === key)!;
  return { params: o.params!.map(l => LETTER[l]), result: LETTER[o.results![0]] };
}

test('every register row in every operand shape matches the host engine', () => {
  for (const row of REG_ROWS) {
    const { params, result } = sig(row.key);
    const np = params.length;
    const id = (t: Ty) => `(func $id_${t} (param ${t}) (result ${t}) (local.get 0))`;
    const funcs: string[] = [id('i32'), id('i64'), id('f32'), id('f64')];
    const op = (a: string, b?: string) => `(${row.key} ${a}${b !== undefined ? ` ${b}` : ''})`;
    const all = (arg: (i: number) => string) => params.map((_, i) => arg(i));
    funcs.push(func('ll', params, result, arg => op(...all(arg) as [string, string])));
    funcs.push(func('ss', params, result, arg => op(...params.map((t, i) => `(call $id_${t} ${arg(i)})`) as [string, string])));
    // the result into a local (the extra local after the float copies)
    funcs.push(func('set', params, result, arg => `(local.set ${2 * np} ${op(...all(arg) as [string, string])}) (local.get ${2 * np})`, result));
    const consts = np > 1 ? VALUES[params[1]].filter((_, i) => i % 3 === 0) : [];
    consts.forEach((k, i) => {
      funcs.push(func(`lk${i}`, [params[0]], result, arg => op(arg(0), `(${params[1]}.const ${k})`)));
      funcs.push(func(`kl${i}`, [params[1]], result, arg => op(`(${params[0]}.const ${k})`, arg(0))));
    });
    if (result === 'i32' && np === 2) {
      // the compare-and-branch forms: if (jumps when false) and br_if
      funcs.push(func('if', params, 'i32', arg => `(if (result i32) ${op(arg(0), arg(1))} (then (i32.const 7)) (else (i32.const 9)))`));
      funcs.push(func('brif', params, 'i32', arg => `(block (result i32) (block (br_if 0 ${op(arg(0), arg(1))}) (br 1 (i32.const 9))) (i32.const 7))`));
      // test; i32.eqz; if/br_if: the opposite test
      funcs.push(func('ifz', params, 'i32', arg => `(if (result i32) (i32.eqz ${op(arg(0), arg(1))}) (then (i32.const 7)) (else (i32.const 9)))`));
      funcs.push(func('brifz', params, 'i32', arg => `(block (result i32) (block (br_if 0 (i32.eqz ${op(arg(0), arg(1))})) (br 1 (i32.const 9))) (i32.const 7))`));
      consts.forEach((k, i) => {
        funcs.push(func(`ifk${i}`, [params[0]], 'i32', arg => `(if (result i32) ${op(arg(0), `(${params[1]}.const ${k})`)} (then (i32.const 7)) (else (i32.const 9)))`));
      });
    }
    const p = both(`(module ${funcs.join('\n')})`);
    const names = funcs.map(f => /export "(\w+)"/.exec(f)?.[1]).filter((n): n is string => n !== undefined);
    const vals = params.map(t => VALUES[t].map(v => jsValue(t, v)));
    const argSets: Value[][] = np === 1 ? vals[0].map(v => [v]) : vals[0].flatMap(a => vals[1].map(b => [a, b]));
    for (const name of names) {
      const sets = /^(lk|ifk)/.test(name) ? vals[0].map(v => [v]) : name.startsWith('kl') ? vals[1].map(v => [v]) : argSets;
      const arith = row.out === 'f32' || row.out === 'f64' ? row.out : undefined;
      for (const args of sets) same(p, name, args, `${row.key} ${name} ${args.map(String).join(',')}`, name.startsWith('if') || name.startsWith('brif') ? undefined : arith);
    }
  }
});

test('fused pairs in both positions match the host engine', () => {
  for (const fp of FUSED_PAIRS) {
    const t = fp.outer.slice(0, 3) as Ty;
    const inner = (arg: (i: number) => string) => `(${fp.inner} ${arg(0)} ${fp.innerImm ? `(${t}.const 13)` : arg(1)})`;
    const expr = (arg: (i: number) => string) => {
      const c = fp.outerImm ? `(${t}.const -77)` : arg(2);
      return fp.pos === 'L' ? `(${fp.outer} ${inner(arg)} ${c})` : `(${fp.outer} ${c} ${inner(arg)})`;
    };
    const ps: Ty[] = [t, t, t];
    const p = both(`(module
      ${func('f', ps, t, expr)}
      ${func('g', ps, t, arg => `(local.set 6 ${expr(arg)}) (local.get 6)`, t)}
      ${func('h', ps, t, arg => `(${fp.outer} ${expr(arg)} ${arg(1)})`)})`);
    const vs = VALUES[t].map(v => jsValue(t, v)).filter((_, i) => i % 2 === 0);
    for (const a of vs) for (const b of vs) for (const cc of vs.slice(0, 3)) {
      for (const n of ['f', 'g', 'h']) same(p, n, [a, b, cc], `${fp.outer}<${fp.inner} ${fp.pos} ${n} ${a},${b},${cc}`, t === 'f64' ? 'f64' : undefined);
    }
  }
});

test('operands stay right when the locals they read are written before use', () => {
  const p = both(`(module
    (func (export "getset") (param i32) (result i32) (local.get 0) (local.set 0 (i32.const 5)) (local.get 0) (i32.sub))
    (func (export "swap") (param i32 i32) (result i32)
      (local.get 0) (local.get 1) (local.set 0) (local.set 1) (i32.sub (local.get 0) (local.get 1)))
    (func (export "tee") (param i32) (result i32) (i32.add (local.get 0) (local.tee 0 (i32.const 3))))
    (func (export "addend") (param i32) (result i32)
      (i32.add (local.get 0) (i32.const 9)) (local.set 0 (i32.const 100)) (local.get 0) (i32.mul))
    (func (export "inner") (param i32 i32) (result i32)
      (i32.shl (local.get 0) (i32.const 3)) (local.set 0 (i32.const 2)) (local.get 1) (i32.xor))
    (func (export "self") (param i32) (result i32) (local.set 0 (i32.mul (local.get 0) (local.get 0))) (local.get 0))
    (func (export "blk") (param i32) (result i32)
      (i32.add (local.get 0) (block (result i32) (local.set 0 (i32.const 1)) (i32.const 10)))))`);
  for (const x of [0, 1, -7, 0x7fffffff]) {
    for (const n of ['getset', 'tee', 'addend', 'self', 'blk']) same(p, n, [x], `${n} ${x}`);
    same(p, 'swap', [x, 3], `swap ${x}`);
    same(p, 'inner', [x, 5], `inner ${x}`);
  }
});

test('addresses: x + k wraps before the offset, constant addresses, stores of constants', () => {
  const p = both(`(module (memory 1)
    (data (i32.const 0) "\\01\\02\\03\\04\\05\\06\\07\\08\\09\\0a")
    (func (export "wrap") (param i32) (result i32) (i32.load8_u offset=2 (i32.add (local.get 0) (i32.const 3))))
    (func (export "sub") (param i32) (result i32) (i32.load16_s (i32.sub (local.get 0) (i32.const 1))))
    (func (export "abs") (result i64) (i64.load (i32.const 1)))
    (func (export "st") (param i32) (result i64)
      (i64.store offset=16 (i32.add (local.get 0) (i32.const 8)) (i64.const -2))
      (i32.store8 offset=1 (i32.const 40) (i32.const 0x1ff))
      (i64.add (i64.load offset=24 (local.get 0)) (i64.load8_u (i32.const 41))))
    (func (export "f32") (param i32 i32) (result i32)
      (f32.store (local.get 0) (f32.reinterpret_i32 (local.get 1))) (i32.load (local.get 0))))`);
  for (const x of [0, 1, -3, -4, -5, 65530, 65533, 65534, 65536, -1]) {
    same(p, 'wrap', [x], `wrap ${x}`);
    same(p, 'sub', [x], `sub ${x}`);
    same(p, 'st', [x], `st ${x}`);
  }
  same(p, 'abs', [], 'abs');
  same(p, 'f32', [100, 0x7fa00001], 'f32 store');
});

test('NaN payloads survive moves, select, locals and memory', () => {
  const p = both(`(module (memory 1)
    (func (export "moves") (param i64) (result i64) (local f64 f64)
      (local.set 1 (f64.reinterpret_i64 (local.get 0))) (local.set 2 (local.get 1))
      (i64.reinterpret_f64 (select (local.get 2) (local.get 1) (i32.const 1))))
    (func (export "mem") (param i32) (result i32)
      (f32.store (i32.const 8) (f32.reinterpret_i32 (local.get 0))) (i32.reinterpret_f32 (f32.load (i32.const 8))))
    (func (export "neg") (param i64) (result i64) (i64.reinterpret_f64 (f64.neg (f64.reinterpret_i64 (local.get 0))))))`);
  for (const bits of [0x7ff0000000000001n, -0x7ffffffffffffn, 0x7ff8000000000123n]) {
    same(p, 'moves', [bits], `moves ${bits}`);
    same(p, 'neg', [bits], `neg ${bits}`);
  }
  for (const bits of [0x7f800001, -0x3fffff, 0x7fc00123]) same(p, 'mem', [bits], `mem ${bits}`);
});

test('traps inside register and fused ops report the trapping instruction', () => {
  const wat = `(module (memory 1)
    (func (export "div") (param i32 i32) (result i32) (local i32)
      (local.set 2 (i32.div_s (local.get 0) (local.get 1))) (local.get 2))
    (func (export "load") (param i32) (result i32) (i32.load offset=8 (i32.add (local.get 0) (i32.const 4))))
    (func (export "store") (param i32) (i32.store (local.get 0) (i32.const 1))))`;
  const store = interpStore();
  const vm = withOffsets(wat);
  const inst = instantiate(store, vm, []);
  const offsetOf = (f: number, key: string) => vm.module.funcs[f].body.find(i => OPCODES[i.op].key === key)!.offset;
  const traps = (name: string, args: Value[], at: number) => assert.throws(() => invoke(store, exportedFunc(inst, name), args),
    (e: unknown) => e instanceof RuntimeError && e.wasmStack[0].offset === at, name);
  traps('div', [1, 0], offsetOf(0, 'i32.div_s'));
  traps('load', [65530], offsetOf(1, 'i32.load'));
  traps('store', [65534], offsetOf(2, 'i32.store'));
});

test('loop closers (counter update fused with the branch testing it) match the host engine', () => {
  const loop = (name: string, step: string, test: string) => `(func (export "${name}") (param i32 i32) (result i32) (local i32 i32)
    (local.set 2 (local.get 1))
    (block $out (loop $l
      (local.set 3 (i32.add (local.get 3) (i32.const 1)))
      (br_if $out (i32.gt_u (local.get 3) (i32.const 1000)))
      (local.set 2 (i32.add (local.get 2) ${step}))
      (br_if $l ${test})))
    (i32.add (i32.mul (local.get 3) (i32.const 65536)) (local.get 2)))`;
  const p = both(`(module
    ${loop('ne', '(i32.const 3)', '(i32.ne (local.get 2) (local.get 0))')}
    ${loop('nek', '(i32.const -2)', '(i32.ne (local.get 2) (i32.const 40))')}
    ${loop('lts', '(i32.const 7)', '(i32.lt_s (local.get 2) (local.get 0))')}
    ${loop('ltu', '(i32.const 7)', '(i32.lt_u (local.get 2) (local.get 0))')}
    ${loop('leu', '(local.get 1)', '(i32.le_u (local.get 2) (local.get 0))')}
    ${loop('nez', '(i32.const -1)', '(local.get 2)')}
    ${loop('tee', '(i32.const 1)', '(i32.ne (local.tee 2 (i32.add (local.get 2) (i32.const 1))) (local.get 0))')}
    ${loop('gtuk', '(i32.const -2)', '(i32.gt_u (local.get 2) (i32.const 1))')}
    ${loop('gtsk', '(i32.const -3)', '(i32.gt_s (local.get 2) (i32.const -20))')}
    ${loop('ltsk', '(i32.const 5)', '(i32.lt_s (local.get 2) (i32.const 77))')}
    (func (export "label") (param i32) (result i32) (local i32)
      (local.set 0 (i32.add (local.get 0) (i32.const -1)))
      (block $b (loop $l
        (br_if $b (i32.eqz (local.get 0)))
        (local.set 1 (i32.add (local.get 1) (i32.const 1)))
        (local.set 0 (i32.add (local.get 0) (i32.const -1)))
        (br $l)))
      (local.get 1)))`);
  for (const [a, b] of [[10, 0], [0, 5], [-1, 3], [40, 100], [100, -3], [7, 7]]) {
    for (const n of ['ne', 'nek', 'lts', 'ltu', 'leu', 'nez', 'tee', 'gtuk', 'gtsk', 'ltsk']) same(p, n, [a, b], `${n} ${a} ${b}`);
    same(p, 'label', [(a & 0xff) | 1], `label ${a}`);
  }
});

test('indexed addresses (base + (i << s) + k) match the host engine', () => {
  const p = both(`(module (memory 1)
    (data (i32.const 0) "\\01\\02\\03\\04\\05\\06\\07\\08\\09\\0a\\0b\\0c\\0d\\0e\\0f\\10\\11\\12\\13\\14\\15\\16\\17\\18")
    (func (export "ld") (param i32 i32) (result i32) (i32.load offset=1 (i32.add (local.get 0) (i32.shl (local.get 1) (i32.const 2)))))
    (func (export "ldk") (param i32) (result i64) (i64.load (i32.add (i32.shl (local.get 0) (i32.const 3)) (i32.const 4))))
    (func (export "ldb") (param i32 i32) (result i32) (i32.load8_u (i32.add (local.get 0) (local.get 1))))
    (func (export "ldbk") (param i32 i32) (result i32) (i32.load8_u offset=3 (i32.add (i32.add (local.get 0) (local.get 1)) (i32.const -2))))
    (func (export "st") (param i32 i32 i32) (result i32)
      (i32.store (i32.add (i32.add (local.get 0) (i32.const 8)) (i32.shl (local.get 1) (i32.const 2))) (local.get 2))
      (i32.load offset=8 (local.get 0)))
    (func (export "stb") (param i32 i32) (result i32)
      (i32.store8 (i32.add (local.get 0) (local.get 1)) (i32.const 0x1ff)) (i32.load (local.get 0)))
    (func (export "st64") (param i32 i64) (result i64)
      (i64.store offset=2 (i32.add (i32.const 16) (i32.shl (local.get 0) (i32.const 3))) (local.get 1)) (i64.load offset=18 (i32.shl (local.get 0) (i32.const 3))))
    (func (export "moved") (param i32 i32) (result i32)
      (i32.add (local.get 0) (i32.shl (local.get 1) (i32.const 2))) (local.set 1 (i32.const 0)) (i32.load) (local.get 1) (i32.add))
    (func (export "value") (param i32 i32) (result i32) (i32.add (local.get 0) (i32.shl (local.get 1) (i32.const 3)))))`);
  const xs = [0, 1, 2, 5, -1, -4, 16383, 16384, 65532, -2147483648];
  for (const a of xs) for (const b of xs) {
    for (const n of ['ld', 'ldb', 'ldbk', 'moved', 'value', 'stb']) same(p, n, [a, b], `${n} ${a} ${b}`);
    same(p, 'st', [a, b, 0x12345678], `st ${a} ${b}`);
  }
  for (const a of xs) {
    same(p, 'ldk', [a], `ldk ${a}`);
    same(p, 'st64', [a, -0x123456789n], `st64 ${a}`);
  }
});

test('f64 loads and stores (float accessors) keep every NaN bit, trap past the end, take indexed addresses', () => {
  const p = both(`(module (memory 1)
    (func (export "rt") (param i32 i64) (result i64)
      (i64.store (local.get 0) (local.get 1))
      (f64.store offset=8 (local.get 0) (f64.load (local.get 0)))
      (i64.load offset=8 (local.get 0)))
    (func (export "x") (param i32 i32 i64) (result i64)
      (i64.store offset=3 (i32.add (local.get 0) (i32.shl (local.get 1) (i32.const 3))) (local.get 2))
      (f64.store (i32.add (i32.const 16) (i32.shl (local.get 1) (i32.const 3)))
        (f64.load offset=3 (i32.add (local.get 0) (i32.shl (local.get 1) (i32.const 3)))))
      (i64.load offset=16 (i32.shl (local.get 1) (i32.const 3))))
    (func (export "k") (param i32) (result i64)
      (f64.store (local.get 0) (f64.const nan:0x4000000000001)) (i64.load (local.get 0)))
    (func (export "hot") (param i32 i64) (result i64) (local i32)
      (i64.store (local.get 0) (local.get 1))
      (loop $l
        (f64.store offset=8 (local.get 0) (f64.load (local.get 0)))
        (f64.store (local.get 0) (f64.load offset=8 (local.get 0)))
        (br_if $l (i32.ne (local.tee 2 (i32.add (local.get 2) (i32.const 1))) (i32.const 20000))))
      (i64.load (local.get 0))))`);
  const bits = [0x7ff0000000000001n, -0x7ffffffffffffn, 0x7ff8000000000123n, 0x7ff4000000000000n, -1n, 0n, 0x3ff0000000000000n];
  for (const a of [0, 7, 65520, 65527, 65528, 65529, 65536, -1, -8]) {
    for (const b of bits) {
      same(p, 'rt', [a, b], `rt ${a} ${b}`);
      same(p, 'k', [a], `k ${a}`);
    }
  }
  for (const a of [0, 1, 8, 65000, 65528, -1]) for (const i of [0, 1, 3, 8000, -1]) same(p, 'x', [a, i, 0x7ff0000000000abcn], `x ${a} ${i}`);
  // long enough for V8 to optimise the dispatch loop: the bits survive optimised code too
  for (const b of bits) same(p, 'hot', [64, b], `hot ${b}`);
});

test('register-memory forms (an op on a load, a store of an op) match the host engine and trap at the memory access', () => {
  for (const f of MEM_FUSED) {
    const t = f.op.slice(0, 3) as Ty;
    // x, y: the operands' bits; a: the address; the other address slot holds y's bits
    // the third form: y is loaded from offset 8 (the store's own place) plus 16
    const y = f.load !== undefined ? `(${f.load} offset=24 (local.get 0))` : '(local.get 4)';
    const mem = f.store
      ? `(i64.store offset=24 (local.get 0) (local.get 2))
         (${f.mem} offset=5 (i32.add (local.get 0) (i32.const 3)) (${f.op} (local.get 3) ${y})) (i64.load offset=8 (local.get 0))`
      : `(i64.store offset=8 (local.get 0) (local.get 2)) (${t}.store offset=16 (i32.const 0)
           (${f.op} (local.get 3) (${f.mem} offset=5 (i32.add (local.get 0) (i32.const 3))))) (i64.load offset=16 (i32.const 0))`;
    const stack = f.store
      ? `(i64.store offset=24 (local.get 0) (local.get 2))
         (${f.mem} offset=8 (call $id (local.get 0)) (${f.op} (f64.add (local.get 3) (f64.const 0))
           ${f.load !== undefined ? `(${f.load} offset=24 (call $id (local.get 0)))` : '(call $idf (local.get 4))'})) (i64.load offset=8 (local.get 0))`
      : `(i64.store offset=8 (local.get 0) (local.get 2)) (local.set 5 (${f.op} (call $idf (local.get 3)) (${f.mem} offset=8 (call $id (local.get 0)))))
           (i64.reinterpret_f64 (local.get 5))`;
    const wat = `(module (memory 1)
      (func $id (param i32) (result i32) (local.get 0))
      (func $idf (param f64) (result f64) (local.get 0))
      (func (export "f") (param i32 i64 i64) (result i64) (local f64 f64 f64)
        (i64.store offset=8 (local.get 0) (local.get 2))
        (local.set 3 (f64.reinterpret_i64 (local.get 1))) (local.set 4 (f64.reinterpret_i64 (local.get 2))) ${mem})
      (func (export "g") (param i32 i64 i64) (result i64) (local f64 f64 f64)
        (local.set 3 (f64.reinterpret_i64 (local.get 1))) (local.set 4 (f64.reinterpret_i64 (local.get 2))) ${stack})
      ;; only the fused memory accesses can trap here: a for the first one, b for the load inside
      (func (export "t") (param i32 i32 f64) ${f.store
        ? `(${f.mem} offset=5 (i32.add (local.get 0) (i32.const 3)) (${f.op} (local.get 2) ${f.load !== undefined ? `(${f.load} offset=24 (local.get 1))` : '(local.get 2)'}))`
        : `(drop (${f.op} (local.get 2) (${f.mem} offset=5 (i32.add (local.get 0) (i32.const 3)))))`}))`;
    const p = both(wat);
    const vs = VALUES[t].map(v => jsValue(t, v)).filter((_, i) => i % 2 === 0);
    for (const a of [0, 64, 65520, 65521, 65528, -1]) for (const x of vs) for (const y of vs.slice(0, 4)) {
      for (const n of ['f', 'g']) same(p, n, [a, x, y], `${f.op} ${f.mem} ${n} ${a} ${x} ${y}`, 'f64');
    }
    // an out-of-bounds access reports the load or store, not the arithmetic folded with it
    const store = interpStore();
    const vm = withOffsets(wat);
    const inst = instantiate(store, vm, []);
    const offsetOf = (key: string) => vm.module.funcs[4].body.find(i => OPCODES[i.op].key === key)!.offset;
    const traps = (args: Value[], key: string) => assert.throws(() => invoke(store, exportedFunc(inst, 't'), args),
      (e: unknown) => e instanceof RuntimeError && e.wasmStack[0].offset === offsetOf(key), `${f.op} ${f.mem} ${args}: trap at ${key}`);
    invoke(store, exportedFunc(inst, 't'), [65528 - 8, 0, jsValue('f64', '1.5')]);
    traps([65530, 0, jsValue('f64', '1.5')], f.mem);
    if (f.load !== undefined) traps([0, 65510, jsValue('f64', '1.5')], f.load);
  }
});

test('an i32.add fused with the return of its result: locals, constants, early returns, branches to the end', () => {
  const p = both(`(module
    (func $fib (export "fib") (param i32) (result i32) (local i32)
      (if (i32.ge_u (local.get 0) (i32.const 2)) (then
        (loop $l
          (local.set 1 (i32.add (call $fib (i32.sub (local.get 0) (i32.const 1))) (local.get 1)))
          (br_if $l (i32.gt_u (local.tee 0 (i32.sub (local.get 0) (i32.const 2))) (i32.const 1))))))
      (i32.add (local.get 0) (local.get 1)))
    (func (export "k") (param i32) (result i32) (i32.add (local.get 0) (i32.const -5)))
    (func (export "ret") (param i32 i32) (result i32)
      (if (local.get 1) (then (return (i32.add (local.get 0) (local.get 1)))))
      (i32.mul (local.get 0) (i32.const 3)))
    (func (export "toend") (param i32 i32) (result i32)
      (br_if 0 (i32.const 99) (i32.eqz (local.get 1)))
      (drop)
      (i32.add (local.get 0) (local.get 1)))
    (func (export "blk") (param i32 i32) (result i32)
      (block (result i32) (br_if 0 (i32.const 7) (local.get 1)) (drop) (i32.add (local.get 0) (i32.const 1))))
    (func (export "ifelse") (param i32 i32) (result i32)
      (if (result i32) (local.get 1) (then (i32.add (local.get 0) (local.get 1))) (else (i32.add (local.get 0) (i32.const 9)))))
    (func (export "caller") (param i32 i32) (result i32)
      (i32.add (call $fib (local.get 0)) (i32.mul (local.get 1) (i32.const 1000)))))`);
  for (const [a, b] of [[0, 0], [1, 0], [2, 5], [10, -1], [-1, 3], [0x7fffffff, 1], [20, 0]]) {
    for (const n of ['ret', 'toend', 'blk', 'ifelse', 'caller']) same(p, n, [a, b], `${n} ${a} ${b}`);
    same(p, 'k', [a], `k ${a}`);
    if (a >= 0 && a <= 20) same(p, 'fib', [a], `fib ${a}`);
  }
});

test('br_table on an indexed load and add-then-br ops match the host engine; a load trap reports the load', () => {
  // a tiny bytecode interpreter, as compiled C writes one: switch (code[pc++]) { ... }
  const wat = `(module (memory 1)
    (data (i32.const 64) "\\00\\00\\00\\00\\01\\00\\00\\00\\02\\00\\00\\00\\07\\00\\00\\00\\ff\\ff\\ff\\ff\\03\\00\\00\\00")
    (func (export "vm") (param i32 i32) (result i32) (local i32 i32)
      block $done
        loop $next
          local.get 0 i32.const 1 i32.add local.set 3
          block $d
            block $c
              block $b
                block $a
                  local.get 0 i32.const 2 i32.shl i32.const 64 i32.add i32.load
                  br_table $a $b $c $d
                end
                ;; 0: acc += 1, pc += 1 (add and backward br)
                local.get 2 i32.const 1 i32.add local.set 2
                local.get 0 i32.const 1 i32.add local.set 0
                br $next
              end
              ;; 1: acc *= 3, pc += 1 (add and forward br to the tail)
              local.get 2 i32.const 3 i32.mul local.set 2
              local.get 3 i32.const 0 i32.add local.set 0
              br $d
            end
            ;; 2: acc -= 7, pc += 1
            local.get 2 i32.const -7 i32.add local.set 2
            local.get 0 i32.const 1 i32.add local.set 0
            local.get 0 local.get 1 i32.lt_u br_if $next
            br $done
          end
          ;; default and the tail of 1: stop after n of them
          local.get 1 i32.const -1 i32.add local.set 1
          local.get 1 i32.const 0 i32.le_s br_if $done
          br $next
        end
      end
      local.get 2 local.get 0 i32.const 1000 i32.mul i32.add)
    ;; the add before the switch writes the index itself: the load must see the new value
    (func (export "pre") (param i32 i32) (result i32) (local i32)
      block $done
        loop $next
          local.get 0 i32.const 1 i32.add local.set 0
          block $b
            block $a
              local.get 0 i32.const 2 i32.shl i32.const 60 i32.add i32.load
              br_table $a $b $done
            end
            local.get 2 i32.const 3 i32.add local.set 2
            br $next
          end
          local.get 2 i32.const 5 i32.mul local.set 2
          local.get 1 i32.const -1 i32.add local.tee 1
          br_if $next
        end
      end
      local.get 2 local.get 0 i32.const 1000 i32.mul i32.add))`;
  const p = both(wat);
  for (const [pc, n] of [[0, 1], [0, 3], [1, 5], [2, 4], [3, 2], [4, 9], [5, 9], [0, 100], [16370, 30], [16383, 2], [16384, 2], [-1, 2], [-16, 2]]) {
    same(p, 'vm', [pc, n], `vm ${pc} ${n}`);
    same(p, 'pre', [pc, n], `pre ${pc} ${n}`);
  }
  const store = interpStore();
  const vm = withOffsets(wat);
  const inst = instantiate(store, vm, []);
  const at = vm.module.funcs[0].body.find(i => OPCODES[i.op].key === 'i32.load')!.offset;
  assert.throws(() => invoke(store, exportedFunc(inst, 'vm'), [16384, 2]),
    (e: unknown) => e instanceof RuntimeError && e.wasmStack[0].offset === at, 'br_table_load trap offset');
});

test('a load whose value only decides a branch (br_if, if, eqz, loops) matches the host engine; a trap reports the load', () => {
  const wat = `(module (memory 1)
    (data (i32.const 16) "\\01\\02\\00\\05\\00\\00\\00\\00\\07\\00\\00\\00\\00\\00\\00\\00\\03")
    (func (export "strlen") (param i32) (result i32) (local i32)
      (local.set 1 (local.get 0))
      (block $done (loop $l
        (br_if $done (i32.eqz (i32.load8_u (local.get 1))))
        (local.set 1 (i32.add (local.get 1) (i32.const 1)))
        (br $l)))
      (i32.sub (local.get 1) (local.get 0)))
    (func (export "skip") (param i32) (result i32) (local i32)
      (loop $l
        (local.set 1 (i32.add (local.get 1) (i32.const 1)))
        (br_if $l (i32.load offset=4 (i32.add (local.get 0) (i32.shl (local.get 1) (i32.const 2))))))
      (local.get 1))
    (func (export "if8") (param i32) (result i32)
      (if (result i32) (i32.load8_u offset=1 (local.get 0)) (then (i32.const 10)) (else (i32.const 20))))
    (func (export "ifz") (param i32) (result i32)
      (if (result i32) (i32.eqz (i32.load (local.get 0))) (then (i32.const 10)) (else (i32.const 20))))
    (func (export "tee") (param i32) (result i32) (local i32)
      (if (local.tee 1 (i32.load8_u (local.get 0))) (then (local.set 1 (i32.add (local.get 1) (i32.const 100)))))
      (local.get 1)))`;
  const p = both(wat);
  for (const a of [0, 15, 16, 17, 18, 19, 20, 24, 28, 65532, 65534, 65535, 65536, -1]) {
    for (const n of ['strlen', 'if8', 'ifz', 'tee']) same(p, n, [a], `${n} ${a}`);
  }
  for (const a of [0, 12, 16, 20, 65000]) same(p, 'skip', [a], `skip ${a}`);
  const store = interpStore();
  const vm = withOffsets(wat);
  const inst = instantiate(store, vm, []);
  for (const [f, name, key] of [[0, 'strlen', 'i32.load8_u'], [2, 'if8', 'i32.load8_u'], [3, 'ifz', 'i32.load']] as const) {
    const at = vm.module.funcs[f].body.find(i => OPCODES[i.op].key === key)!.offset;
    assert.throws(() => invoke(store, exportedFunc(inst, name), [65536]),
      (e: unknown) => e instanceof RuntimeError && e.wasmStack[0].offset === at, `${name} trap offset`);
  }
});

test('select on a deferred x & k (select_w1_andi) matches the host engine', () => {
  const p = both(`(module
    (func (export "sel") (param i32 i32 i32) (result i32) (select (local.get 0) (local.get 1) (i32.and (local.get 2) (i32.const 5))))
    (func (export "neg") (param i32 i32 i32) (result i32) (select (local.get 0) (i32.const -9) (i32.and (local.get 2) (i32.const -2147483648))))
    (func (export "collatz") (param i32) (result i32) (local i32)
      (block $done (loop $l
        (br_if $done (i32.le_u (local.get 0) (i32.const 1)))
        (local.set 1 (i32.add (local.get 1) (i32.const 1)))
        (br_if $l (i32.lt_u (local.tee 0 (select (i32.add (i32.mul (local.get 0) (i32.const 3)) (i32.const 1))
          (i32.shr_u (local.get 0) (i32.const 1)) (i32.and (local.get 0) (i32.const 1)))) (i32.const 1000000)))))
      (i32.add (i32.mul (local.get 1) (i32.const 65536)) (local.get 0)))
    (func (export "overwrite") (param i32 i32) (result i32)
      local.get 1 i32.const 7 local.get 0 i32.const 2 i32.and
      i32.const 0 local.set 0
      select
      local.get 0 i32.add)
    (func (export "f32") (param i32 i32 i32) (result i32)
      (i32.reinterpret_f32 (select (f32.reinterpret_i32 (local.get 0)) (f32.reinterpret_i32 (local.get 1)) (i32.and (local.get 2) (i32.const 1))))))`);
  for (const [a, b, c] of [[1, 2, 0], [1, 2, 1], [1, 2, 4], [1, 2, 2], [-5, 9, -1], [3, 4, 0x80000000 | 0], [27, 0, 27], [0x7fc00001, 7, 3]]) {
    for (const n of ['sel', 'neg', 'f32']) same(p, n, [a, b, c], `${n} ${a} ${b} ${c}`);
    same(p, 'overwrite', [c, a], `overwrite ${c} ${a}`);
    same(p, 'collatz', [Math.abs(a) + 2], `collatz ${a}`);
  }
});

test('a copy between locals then br (loop_mov_jump), backward and forward, matches the host engine', () => {
  const p = both(`(module
    (func (export "swap") (param i32 i32) (result i32) (local i32 i32)
      (block $done (loop $l
        (br_if $done (i32.ge_u (local.get 3) (local.get 1)))
        (local.set 3 (i32.add (local.get 3) (i32.const 1)))
        (local.set 2 (i32.add (local.get 0) (local.get 3)))
        (block $odd
          (br_if $odd (i32.and (local.get 3) (i32.const 1)))
          (local.set 0 (local.get 2))
          (br $l))
        (local.set 0 (i32.xor (local.get 2) (i32.const 0x55)))
        (local.set 2 (local.get 0))
        (br $done)))
      (i32.add (i32.mul (local.get 0) (i32.const 31)) (local.get 2)))
    (func (export "fwd") (param i32) (result i32) (local i32)
      (block $b (local.set 1 (local.get 0)) (br $b))
      (i32.add (local.get 1) (i32.const 1))))`);
  for (const [a, n] of [[0, 0], [1, 1], [5, 2], [-3, 7], [100, 40], [0x7fffffff, 3]]) {
    same(p, 'swap', [a, n], `swap ${a} ${n}`);
    same(p, 'fwd', [a], `fwd ${a}`);
  }
});

test('compare-and-branch on a deferred f64.add (br_f64_le_add_ri) matches the host engine, NaN included', () => {
  const p = both(`(module
    (func (export "ifle") (param i64 i64) (result i32) (local f64 f64)
      (local.set 2 (f64.reinterpret_i64 (local.get 0))) (local.set 3 (f64.reinterpret_i64 (local.get 1)))
      (if (result i32) (f64.le (f64.add (local.get 2) (local.get 3)) (f64.const 4)) (then (i32.const 1)) (else (i32.const 2))))
    (func (export "ifnle") (param i64 i64) (result i32) (local f64 f64)
      (local.set 2 (f64.reinterpret_i64 (local.get 0))) (local.set 3 (f64.reinterpret_i64 (local.get 1)))
      (if (result i32) (i32.eqz (f64.le (f64.add (local.get 2) (local.get 3)) (f64.const 4))) (then (i32.const 1)) (else (i32.const 2))))
    (func (export "brif") (param i64 i64) (result i32) (local f64 f64)
      (local.set 2 (f64.reinterpret_i64 (local.get 0))) (local.set 3 (f64.reinterpret_i64 (local.get 1)))
      (block (result i32) (br_if 0 (i32.const 5) (f64.le (f64.add (local.get 2) (local.get 3)) (f64.const -0.5))) (drop) (i32.const 6)))
    (func (export "loop") (param i64 i64) (result i32) (local f64 f64 i32)
      (local.set 2 (f64.reinterpret_i64 (local.get 0))) (local.set 3 (f64.reinterpret_i64 (local.get 1)))
      (loop $l
        (local.set 4 (i32.add (local.get 4) (i32.const 1)))
        (local.set 2 (f64.mul (local.get 2) (f64.const 1.5)))
        (br_if $l (i32.and (i32.lt_u (local.get 4) (i32.const 100))
          (f64.le (f64.add (local.get 2) (local.get 3)) (f64.const 1000)))))
      (local.get 4))
    (func (export "mandel") (param i64 i64) (result i32) (local f64 f64 f64 f64 i32)
      (local.set 2 (f64.reinterpret_i64 (local.get 0))) (local.set 3 (f64.reinterpret_i64 (local.get 1)))
      (block $out (loop $l
        (br_if $out (i32.eqz (f64.le (f64.add (local.tee 4 (f64.mul (local.get 2) (local.get 2)))
          (local.tee 5 (f64.mul (local.get 3) (local.get 3)))) (f64.const 4))))
        (local.set 3 (f64.add (f64.mul (f64.add (local.get 2) (local.get 2)) (local.get 3)) (f64.const 0.1)))
        (local.set 2 (f64.add (f64.sub (local.get 4) (local.get 5)) (f64.const -0.7)))
        (br_if $l (i32.lt_u (local.tee 6 (i32.add (local.get 6) (i32.const 1))) (i32.const 50)))))
      (local.get 6)))`);
  const vs = VALUES.f64.map(v => jsValue('f64', v));
  for (const a of vs) for (const b of vs) {
    for (const n of ['ifle', 'ifnle', 'brif', 'loop', 'mandel']) same(p, n, [a, b], `${n} ${a} ${b}`);
  }
});

test('fused pairs whose inner op reads stack slots (consumer right after one push) match the host engine', () => {
  const p = both(`(module
    (func $id (param i64) (result i64) (local.get 0))
    (func $idf (param f64) (result f64) (local.get 0))
    (func (export "fnv") (param i64 i64) (result i64)
      (i64.mul (i64.xor (call $id (local.get 0)) (call $id (local.get 1))) (i64.const 1099511628211)))
    (func (export "fnvl") (param i64 i64) (result i64)
      (i64.mul (i64.xor (local.get 0) (call $id (local.get 1))) (i64.const -7046029288634856825)))
    (func (export "chain") (param i64 i64) (result i64)
      (i64.mul (i64.xor (i64.mul (i64.xor (call $id (local.get 0)) (call $id (local.get 1))) (i64.const 3))
        (call $id (local.get 1))) (i64.const 5)))
    (func (export "loc") (param i64 i64) (result i64)
      (i64.mul (i64.xor (call $id (local.get 0)) (call $id (local.get 1))) (local.get 1)))
    (func (export "fma") (param i64 i64) (result i64) (local f64)
      (local.set 2 (f64.reinterpret_i64 (local.get 1)))
      (i64.reinterpret_f64 (f64.add (f64.mul (call $idf (f64.reinterpret_i64 (local.get 0))) (call $idf (local.get 2))) (local.get 2)))))`);
  const vs = VALUES.i64.map(v => jsValue('i64', v));
  for (const a of vs) for (const b of vs) {
    for (const n of ['fnv', 'fnvl', 'chain', 'loc']) same(p, n, [a, b], `${n} ${a} ${b}`);
  }
  const fs = VALUES.f64.map(v => jsValue('f64', v));
  for (const a of fs) for (const b of fs) same(p, 'fma', [a, b], `fma ${a} ${b}`, 'f64');
});

test('a call whose last argument is x + k (call_addi): results, and the caller frame of a trap reports the call', () => {
  const wat = `(module
    (func $g (param i32 i32) (result i32) (if (i32.eq (local.get 1) (i32.const 99)) (then unreachable)) (i32.sub (local.get 0) (local.get 1)))
    (func (export "f") (param i32 i32) (result i32)
      (i32.add (call $g (local.get 0) (i32.add (local.get 1) (i32.const -1)))
        (call $g (i32.const 1000) (i32.sub (local.get 1) (i32.const 2))))))`;
  const p = both(wat);
  for (const [a, b] of [[0, 0], [5, 3], [-1, 0x7fffffff], [7, -0x80000000]]) same(p, 'f', [a, b], `f ${a} ${b}`);
  const store = interpStore();
  const vm = withOffsets(wat);
  const inst = instantiate(store, vm, []);
  const calls = vm.module.funcs[1].body.filter(i => OPCODES[i.op].key === 'call').map(i => i.offset);
  for (const [b, k] of [[100, 0], [101, 1]]) {
    assert.throws(() => invoke(store, exportedFunc(inst, 'f'), [0, b]),
      (e: unknown) => e instanceof RuntimeError && e.wasmStack[1].offset === calls[k], `call ${k} in the trace`);
  }
});
