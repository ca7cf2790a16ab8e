/**
 * Atomic instructions on shared memories, with real atomicity: every access goes through Atomics.*
 * on typed views of the SharedArrayBuffer, so instances on several workers sharing the buffer see
 * sequentially consistent loads, stores and read-modify-writes, and memory.atomic.wait/notify block
 * and wake for real (Atomics.wait/notify). Unshared memories keep the single-threaded path in
 * mem-access.ts.
 *
 * Atomics.wait is not allowed on a browser's main thread (it throws); weft turns that into a trap
 * rather than silently returning, since the program expected to block.
 */
import { RuntimeError } from '../errors.js';
import type { MemInst } from '../runtime/memory.js';
import type { Access } from './mem-access.js';

interface Views {
  readonly u8: Uint8Array;
  readonly u16: Uint16Array;
  readonly u32: Uint32Array;
  readonly i32: Int32Array;
  readonly u64: BigUint64Array;
  readonly i64: BigInt64Array;
}

/**
 * Views without a length track a growable SharedArrayBuffer's length, so one set per buffer
 * stays valid across memory.grow on any thread.
 */
const viewCache = new WeakMap<SharedArrayBuffer, Views>();

function viewsOf(buf: SharedArrayBuffer): Views {
  let v = viewCache.get(buf);
  if (v === undefined) {
    v = {
      u8: new Uint8Array(buf), u16: new Uint16Array(buf), u32: new Uint32Array(buf),
      i32: new Int32Array(buf), u64: new BigUint64Array(buf), i64: new BigInt64Array(buf),
    };
    viewCache.set(buf, v);
  }
  return v;
}

export function isSharedBuffer(mem: MemInst): boolean {
  return typeof SharedArrayBuffer !== 'undefined' && mem.buffer instanceof SharedArrayBuffer;
}

function i64At(w: Int32Array, i: number): bigint {
  return (BigInt(w[i + 1]) << 32n) | BigInt(w[i] >>> 0);
}

function putI64(w: Int32Array, i: number, x: bigint): void {
  w[i] = Number(BigInt.asIntN(32, x));
  w[i + 1] = Number(BigInt.asIntN(32, x >> 32n));
}

type NarrowView = Uint8Array | Uint16Array | Uint32Array;

function narrow(v: Views, bytes: number): NarrowView {
  return bytes === 1 ? v.u8 : bytes === 2 ? v.u16 : v.u32;
}

/** memory.atomic.wait32/64: operands address (a), expected (a+4), timeout in ns as i64 (a+8). */
function wait(acc: Access, v: Views, w: Int32Array, a: number, ea: number): void {
  const ns = i64At(w, a + 8);
  const ms = ns < 0n ? Infinity : Number(ns) / 1e6;
  let r: string;
  try {
    r = acc.bytes === 4
      ? Atomics.wait(v.i32, ea >> 2, w[a + 4], ms)
      : Atomics.wait(v.i64, ea >> 3, i64At(w, a + 4), ms);
  } catch (e) {
    throw new RuntimeError('other', `memory.atomic.wait cannot block on this thread (${e instanceof Error ? e.message : String(e)})`);
  }
  w[a] = r === 'ok' ? 0 : r === 'not-equal' ? 1 : 2;
}

/** A threads instruction on a shared memory at word index `a`; alignment and bounds already hold. */
export function sharedAtomic(acc: Access, mem: MemInst, w: Int32Array, a: number, ea: number): void {
  const v = viewsOf(mem.buffer as SharedArrayBuffer);
  const kind = acc.atomic!;
  if (kind === 'notify') {
    w[a] = Atomics.notify(v.i32, ea >> 2, w[a + 4] >>> 0);
    return;
  }
  if (kind === 'wait') return wait(acc, v, w, a, ea);
  if (acc.bytes === 8) {
    const i = ea >> 3;
    const x = i64At(w, a + 4);
    let old: bigint;
    switch (kind) {
      case 'load': old = Atomics.load(v.u64, i); break;
      case 'store': Atomics.store(v.u64, i, x); return;
      case 'add': old = Atomics.add(v.u64, i, x); break;
      case 'sub': old = Atomics.sub(v.u64, i, x); break;
      case 'and': old = Atomics.and(v.u64, i, x); break;
      case 'or': old = Atomics.or(v.u64, i, x); break;
      case 'xor': old = Atomics.xor(v.u64, i, x); break;
      case 'xchg': old = Atomics.exchange(v.u64, i, x); break;
      case 'cmpxchg': old = Atomics.compareExchange(v.u64, i, x, i64At(w, a + 8)); break;
      default: throw new Error(`unknown atomic ${kind}`);
    }
    putI64(w, a, old);
    return;
  }
  // 1, 2 or 4 bytes: the typed array wraps the operand to the access width (ToUint8/16/32).
  const t = narrow(v, acc.bytes);
  const i = ea / acc.bytes;
  const x = w[a + 4];
  let old: number;
  switch (kind) {
    case 'load': old = Atomics.load(t, i); break;
    case 'store': Atomics.store(t, i, x); return;
    case 'add': old = Atomics.add(t, i, x); break;
    case 'sub': old = Atomics.sub(t, i, x); break;
    case 'and': old = Atomics.and(t, i, x); break;
    case 'or': old = Atomics.or(t, i, x); break;
    case 'xor': old = Atomics.xor(t, i, x); break;
    case 'xchg': old = Atomics.exchange(t, i, x); break;
    case 'cmpxchg': {
      // The replacement operand follows the expected one: slot a+8.
      old = Atomics.compareExchange(t, i, x, w[a + 8]);
      break;
    }
    default: throw new Error(`unknown atomic ${kind}`);
  }
  w[a] = old | 0;
  if (acc.words === 2) w[a + 1] = 0;
}
