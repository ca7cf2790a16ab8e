/** Helpers for the compiled-tier tests: one module instantiated in an interpreting and a compiling store. */
import { Store, invoke, type Value } from '../../src/runtime/index.js';
import { RuntimeError } from '../../src/errors.js';
import { load, exportedFunc } from '../exec/helpers.js';
import type { ModuleInstance } from '../../src/runtime/index.js';
import assert from 'node:assert/strict';

export interface Pair {
  readonly interp: { store: Store; inst: ModuleInstance };
  readonly jit: { store: Store; inst: ModuleInstance };
}

export function pair(wat: string): Pair {
  const s1 = new Store({ tier: 'interpreter' }), s2 = new Store({ tier: 'compiled' });
  return { interp: { store: s1, inst: load(s1, wat) }, jit: { store: s2, inst: load(s2, wat) } };
}

/** Runs an export; a trap becomes `trap:<kind>`, results become comparable strings. */
export function outcome(side: { store: Store; inst: ModuleInstance }, name: string, args: Value[], exactNaN = true): string {
  try {
    const rs = invoke(side.store, exportedFunc(side.inst, name), args);
    return rs.map(v => show(v, exactNaN)).join(',');
  } catch (e) {
    if (e instanceof RuntimeError) return `trap:${e.kind}`;
    throw e;
  }
}

function show(v: Value, exactNaN: boolean): string {
  if (typeof v === 'bigint') {
    const b = BigInt.asUintN(64, v);
    if (!exactNaN && (b & 0x7ff0000000000000n) === 0x7ff0000000000000n && (b & 0xfffffffffffffn) !== 0n) return 'nan64';
    return `${b}n`;
  }
  if (typeof v === 'number') {
    const b = v >>> 0;
    if (!exactNaN && (b & 0x7f800000) === 0x7f800000 && (b & 0x7fffff) !== 0) return 'nan32';
    return String(v);
  }
  return String(v);
}

/** Whether the export `name` of `inst` has compiled code. */
export function isCompiled(inst: ModuleInstance, name: string): boolean {
  return exportedFunc(inst, name).jit !== null;
}

/** A small deterministic PRNG (tests must be reproducible). */
export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s ^= s << 13; s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5; s >>>= 0;
    return s;
  };
}

const I32_EDGES = [0, 1, -1, 2, 31, 32, 63, 64, 0x7fffffff, -0x80000000, 0x12345678, -0x789abcdf];
const I64_EDGES = [0n, 1n, -1n, 63n, 64n, 0x7fffffffffffffffn, -0x8000000000000000n, 0xffffffffn, 0x100000000n, -0x100000000n, 0x123456789abcdefn];
const F32_EDGES = [0, 0x80000000, 0x3f800000, 0xbf800000, 0x7f800000, 0xff800000, 0x7fc00000, 0x7fa00000, 0xffc00001, 0x00000001, 0x4f000000, 0xcf000000, 0x5f000000, 0x3f000000, 0x4b800001];
const F64_EDGES = [0n, 0x8000000000000000n, 0x3ff0000000000000n, 0xbff0000000000000n, 0x7ff0000000000000n, 0xfff0000000000000n,
  0x7ff8000000000000n, 0x7ff4000000000000n, 0xfff8000000000001n, 1n, 0x41e0000000000000n, 0xc1e0000000000000n, 0x43e0000000000000n, 0x3fe0000000000000n];

/** Random argument of a value type (letter as in the opcode table), edge values half of the time. */
export function randomArg(letter: string, next: () => number): Value {
  const pick = <T>(xs: readonly T[]): T => xs[next() % xs.length];
  const edge = (next() & 1) === 0;
  switch (letter) {
    case 'i': return edge ? pick(I32_EDGES) : next() | 0;
    case 'I': return edge ? pick(I64_EDGES) : BigInt.asIntN(64, (BigInt(next()) << 32n) | BigInt(next()));
    case 'f': return edge ? pick(F32_EDGES) : next() >>> 0;
    case 'F': return edge ? pick(F64_EDGES) : (BigInt(next()) << 32n) | BigInt(next());
    default: throw new Error(`no random ${letter}`);
  }
}

/** Runs an export that must trap; returns the trap (fails the test if it returns or throws otherwise). */
export function trapOf(s: Store, inst: ModuleInstance, name: string, args: Value[]): RuntimeError {
  try {
    invoke(s, exportedFunc(inst, name), args);
  } catch (e) {
    if (e instanceof RuntimeError) return e;
    throw e;
  }
  assert.fail(`${name}: no trap`);
}

/**
 * A function of `n` memory-to-memory statements in a loop (~40 characters of JS per wasm
 * instruction): the size tests' way to pass the compiled tier's body limit.
 */
export function memLoopWat(n: number): string {
  let body = '';
  for (let i = 0; i < n; i++) body += `(i32.store offset=${(i % 64) * 4} (local.get 1) (i32.add (i32.load offset=${((i * 7) % 64) * 4} (local.get 1)) (local.get 0)))\n`;
  return `(module (memory 1) (func (export "run") (param i32) (result i32) (local i32 i32)
    (loop $l ${body}
      (local.set 2 (i32.add (local.get 2) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get 2) (local.get 0))))
    (i32.load (i32.const 4))))`;
}
