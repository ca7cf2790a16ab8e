/**
 * The `spectest` module that spec scripts import from. It is defined here as an ordinary wasm
 * module (built as an AST), not as host objects: then every engine — the internal runtime or the
 * JS API — instantiates the very same thing, and its entities have exactly the types the tests
 * link against. The `print*` functions print nothing (the reference interpreter's output is never
 * checked by the tests), so empty wasm functions of the right types are faithful.
 *
 * What the testsuite imports: `grep -rho '"spectest" "[a-z_0-9]*"' testsuite | sort -u`. Names
 * used only in `assert_unlinkable` tests (global_mut_*, table_ref...) are deliberately absent.
 */
import type { Export, Expr, Func, Global, Module } from '../syntax/module.js';
import type { GlobalType, MemType, NumType, SubType, TableType, ValType } from '../syntax/types.js';
import { FUNCREF } from '../syntax/types.js';
import { op } from '../syntax/opcodes.js';

const PRINTS: readonly [string, readonly NumType[]][] = [
  ['print', []], ['print_i32', ['i32']], ['print_i64', ['i64']], ['print_f32', ['f32']],
  ['print_f64', ['f64']], ['print_i32_f32', ['i32', 'f32']], ['print_f64_f64', ['f64', 'f64']],
];

/** Raw IEEE bits of 666.6 rounded to f32 and f64 (the values of global_f32 / global_f64). */
function f32Bits(x: number): number {
  return new Uint32Array(new Float32Array([x]).buffer)[0];
}
function f64Bits(x: number): bigint {
  return new BigUint64Array(new Float64Array([x]).buffer)[0];
}

const END = { op: op('end'), imm: [], offset: -1 };

function constExpr(t: NumType): Expr {
  const imm: number | bigint = t === 'i32' ? 666 : t === 'i64' ? 666n : t === 'f32' ? f32Bits(666.6) : f64Bits(666.6);
  return [{ op: op(`${t}.const`), imm: [imm], offset: -1 }, END];
}

const GLOBALS: readonly NumType[] = ['i32', 'i64', 'f32', 'f64'];

function table(addr: 'i32' | 'i64'): TableType {
  return { elem: FUNCREF, limits: { min: 10n, max: 20n }, addr };
}

function memory(shared: boolean): MemType {
  return { limits: { min: 1n, max: 2n }, addr: 'i32', shared, pageSizeLog2: 16 };
}

/**
 * The spectest module's AST. `shared`: with its shared memory (engines whose features exclude
 * threads, e.g. under the deterministic profile, cannot compile one).
 */
export function spectestModule(shared = true): Module {
  const types: SubType[] = PRINTS.map(([, params]) => ({
    final: true, supers: [], comp: { kind: 'func', params: params as readonly ValType[], results: [] },
  }));
  const funcs: Func[] = PRINTS.map((_, i) => ({ type: i, locals: [], body: [END], offset: -1, codeStart: -1, end: -1 }));
  const globals: Global[] = GLOBALS.map(t => ({ type: { type: t, mutable: false } as GlobalType, init: constExpr(t) }));
  const exports: Export[] = [
    ...PRINTS.map(([name], i): Export => ({ name, kind: 'func', index: i })),
    ...GLOBALS.map((t, i): Export => ({ name: `global_${t}`, kind: 'global', index: i })),
    { name: 'table', kind: 'table', index: 0 },
    { name: 'table64', kind: 'table', index: 1 },
    { name: 'memory', kind: 'memory', index: 0 },
    ...(shared ? [{ name: 'shared_memory', kind: 'memory', index: 1 } as const] : []),
  ];
  return {
    types,
    recGroups: types.map((_, i) => ({ start: i, size: 1, explicit: false })),
    imports: [],
    funcs,
    tables: [{ type: table('i32'), init: null }, { type: table('i64'), init: null }],
    mems: shared ? [memory(false), memory(true)] : [memory(false)],
    globals,
    tags: [],
    exports,
    start: null,
    elems: [],
    datas: [],
    dataCount: null,
    customs: [],
    names: null,
    bytes: null,
  };
}
