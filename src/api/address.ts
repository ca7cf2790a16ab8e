/**
 * AddressValue (memory64 / table64 JS API): indices, sizes and deltas are Numbers for i32-indexed
 * memories and tables, and BigInts (or Numbers, accepted for compatibility) for i64-indexed ones.
 */
import type { AddrType } from '../syntax/types.js';
import { enforceRange, toBigInt, U32_MAX } from './webidl.js';

/** Converts an AddressValue argument; out-of-range values are TypeErrors (EnforceRange). */
export function toAddress(v: unknown, addr: AddrType, what: string): number {
  if (typeof v === 'bigint' || addr === 'i64') {
    const n = typeof v === 'number' ? BigInt(enforceRange(v, Number.MAX_SAFE_INTEGER, what)) : toBigInt(v);
    const max = addr === 'i64' ? (1n << 64n) - 1n : BigInt(U32_MAX);
    if (n < 0n || n > max) throw new TypeError(`${what}: ${n} is outside the range [0, ${max}]`);
    // Beyond 2^53 nothing can be allocated anyway; keep the (inexact) number for range checks.
    return Number(n);
  }
  return enforceRange(v, U32_MAX, what);
}

/** An address as a JS value of the right kind for the address type. */
export function fromAddress(n: number, addr: AddrType): number | bigint {
  return addr === 'i64' ? BigInt(n) : n;
}

/** Reads the `address` member of a Memory/Table descriptor. */
export function addressType(v: unknown, what: string): AddrType {
  if (v === undefined) return 'i32';
  const s = typeof v === 'symbol' ? '' : String(v);
  if (s !== 'i32' && s !== 'i64') throw new TypeError(`${what}: address must be "i32" or "i64"`);
  return s;
}

/**
 * The `initial` (required) and `maximum` (optional) members of a Memory or Table descriptor, read
 * in WebIDL's lexicographic member order after `address`.
 */
export function descriptorLimits(d: Record<string, unknown>, addr: AddrType, what: string): { initial: number; maximum: number | null } {
  const initialV = d.initial;
  if (initialV === undefined) throw new TypeError(`${what}: descriptor property 'initial' is required`);
  const initial = toAddress(initialV, addr, `${what} initial`);
  const maximumV = d.maximum;
  const maximum = maximumV === undefined ? null : toAddress(maximumV, addr, `${what} maximum`);
  return { initial, maximum };
}
