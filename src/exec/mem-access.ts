/**
 * Loads, stores and atomics described by their opcode-table rows rather than written out one by
 * one: the access width, signedness and value width are derived from the mnemonic. The interpreter
 * inlines the common case (memory 0, 32-bit addresses, small offsets); everything else comes here.
 */
import { OPCODES } from '../syntax/opcodes.js';
import { RuntimeError } from '../errors.js';
import type { MemInst } from '../runtime/memory.js';
import { isSharedBuffer, sharedAtomic } from './atomic-shared.js';

export interface Access {
  readonly store: boolean;
  /** Bytes accessed. */
  readonly bytes: number;
  readonly signed: boolean;
  /** Words of the value: 1 for i32/f32, 2 for i64/f64. */
  readonly words: number;
  /** For atomics: 'load' | 'store' | rmw op name | 'cmpxchg' | 'wait' | 'notify'. */
  readonly atomic: string | null;
}

function describe(name: string): Access | undefined {
  const m = /^(i32|i64|f32|f64)\.(atomic\.)?(load|store|rmw)(8|16|32)?(?:\.(\w+?))?(_s|_u)?$/.exec(name);
  if (m) {
    const [, ty, atomic, kind, width, rmw, sign] = m;
    const full = ty === 'i64' || ty === 'f64' ? 8 : 4;
    const bytes = width ? Number(width) / 8 : full;
    return {
      store: kind === 'store', bytes, signed: sign === '_s', words: full / 4,
      atomic: atomic ? (kind === 'rmw' ? rmw! : kind) : null,
    };
  }
  if (name === 'memory.atomic.notify') return { store: false, bytes: 4, signed: false, words: 1, atomic: 'notify' };
  if (name === 'memory.atomic.wait32') return { store: false, bytes: 4, signed: false, words: 1, atomic: 'wait' };
  if (name === 'memory.atomic.wait64') return { store: false, bytes: 8, signed: false, words: 2, atomic: 'wait' };
  return undefined;
}

export const ACCESS: readonly (Access | undefined)[] = OPCODES.map(o =>
  o.imms[0] === 'memarg' && o.prefix !== 0xfd ? describe(o.name) : undefined);

export function oob(): never {
  throw new RuntimeError('out-of-bounds-memory', 'out of bounds memory access');
}

/** Reads an address operand: u32, or u64 from (lo, hi) words (as a double; huge values stay huge). */
export function addrAt(w: Int32Array, i: number, is64: boolean): number {
  return is64 ? (w[i] >>> 0) + (w[i + 1] >>> 0) * 4294967296 : w[i] >>> 0;
}

/** Effective address of an access, bounds-checked for `bytes` bytes. */
export function effective(mem: MemInst, addr: number, offset: number, bytes: number): number {
  const ea = addr + offset;
  if (ea + bytes > mem.bytes.length) oob();
  return ea;
}

/** A plain load or store at word index `a` (address slot; a store's value is the next slot). */
export function loadStore(acc: Access, mem: MemInst, w: Int32Array, a: number, ea: number): void {
  const v = mem.view;
  if (acc.store) {
    const s = a + 4;
    switch (acc.bytes) {
      case 1: v.setInt8(ea, w[s]); return;
      case 2: v.setInt16(ea, w[s], true); return;
      case 4: v.setInt32(ea, w[s], true); return;
      default: v.setInt32(ea, w[s], true); v.setInt32(ea + 4, w[s + 1], true); return;
    }
  }
  let lo: number;
  switch (acc.bytes) {
    case 1: lo = acc.signed ? v.getInt8(ea) : v.getUint8(ea); break;
    case 2: lo = acc.signed ? v.getInt16(ea, true) : v.getUint16(ea, true); break;
    case 4: lo = v.getInt32(ea, true); break;
    default:
      w[a] = v.getInt32(ea, true);
      w[a + 1] = v.getInt32(ea + 4, true);
      return;
  }
  w[a] = lo;
  if (acc.words === 2) w[a + 1] = acc.signed ? lo >> 31 : (acc.bytes === 4 ? 0 : 0);
}

function readU(v: DataView, ea: number, bytes: number): bigint {
  switch (bytes) {
    case 1: return BigInt(v.getUint8(ea));
    case 2: return BigInt(v.getUint16(ea, true));
    case 4: return BigInt(v.getUint32(ea, true));
    default: return v.getBigUint64(ea, true);
  }
}

function writeU(v: DataView, ea: number, bytes: number, x: bigint): void {
  switch (bytes) {
    case 1: v.setUint8(ea, Number(x & 0xffn)); return;
    case 2: v.setUint16(ea, Number(x & 0xffffn), true); return;
    case 4: v.setUint32(ea, Number(x & 0xffffffffn), true); return;
    default: v.setBigUint64(ea, BigInt.asUintN(64, x), true); return;
  }
}

function wordsAt(w: Int32Array, i: number, words: number): bigint {
  return words === 2 ? (BigInt(w[i + 1] >>> 0) << 32n) | BigInt(w[i] >>> 0) : BigInt(w[i] >>> 0);
}

function putWords(w: Int32Array, i: number, words: number, x: bigint): void {
  w[i] = Number(BigInt.asIntN(32, x));
  if (words === 2) w[i + 1] = Number(BigInt.asIntN(32, x >> 32n));
}

/**
 * An atomic access at word index `a` (operands follow in consecutive slots). Unshared memories
 * have single-threaded semantics: waits trap, notify wakes nobody.
 * Returns the number of operand slots consumed minus results produced (the stack shrink).
 */
export function atomicAccess(acc: Access, mem: MemInst, w: Int32Array, a: number, ea: number): void {
  const kind = acc.atomic!;
  if (ea % acc.bytes !== 0) throw new RuntimeError('unaligned-atomic', 'unaligned atomic');
  // Shared memories may be accessed by other threads: real atomics (atomic-shared.ts).
  if (mem.type.shared && isSharedBuffer(mem)) return sharedAtomic(acc, mem, w, a, ea);
  if (kind === 'notify') {
    w[a] = 0;
    return;
  }
  const v = mem.view;
  if (kind === 'wait') {
    if (!mem.type.shared) throw new RuntimeError('expected-shared-memory', 'expected shared memory');
    const cur = readU(v, ea, acc.bytes);
    const expected = BigInt.asUintN(acc.bytes * 8, wordsAt(w, a + 4, acc.words));
    w[a] = cur !== expected ? 1 : 2;
    return;
  }
  if (kind === 'load') {
    putWords(w, a, acc.words, readU(v, ea, acc.bytes));
    return;
  }
  const operand = wordsAt(w, a + 4, acc.words);
  if (kind === 'store') {
    writeU(v, ea, acc.bytes, operand);
    return;
  }
  const old = readU(v, ea, acc.bytes);
  const mask = (1n << BigInt(acc.bytes * 8)) - 1n;
  let next: bigint;
  switch (kind) {
    case 'add': next = old + operand; break;
    case 'sub': next = old - operand; break;
    case 'and': next = old & operand; break;
    case 'or': next = old | operand; break;
    case 'xor': next = old ^ operand; break;
    case 'xchg': next = operand; break;
    case 'cmpxchg': {
      const replacement = wordsAt(w, a + 8, acc.words);
      next = (operand & mask) === old ? replacement : old;
      break;
    }
    default: throw new Error(`unknown atomic ${kind}`);
  }
  writeU(v, ea, acc.bytes, next & mask);
  putWords(w, a, acc.words, old);
}
