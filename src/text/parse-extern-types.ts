/**
 * The types of imported and defined tables, memories and globals: address types, limits,
 * `shared`, custom page sizes and mutability.
 */
import type { AddrType, GlobalType, Limits, MemType, TableType } from '../syntax/types.js';
import type { FeatureSet } from '../features.js';
import type { ModuleContext } from './context.js';
import type { Cursor } from './cursor.js';
import { parseRefType, parseValType } from './parse-types.js';

/**
 * `min max?`, u64 whatever the address type: Wasm 3.0 leaves the size bounds of 32-bit memories
 * and tables to validation (core/memory.wast), so only the u64 range is syntax.
 */
export function parseLimits(cur: Cursor, bits: 32 | 64 = 64): Limits {
  const bound = (): bigint => {
    const t = cur.peek();
    const v = cur.nat(1 << 16); // any size; the range is checked here, with its own message
    if (v >= 1n << BigInt(bits)) cur.fail(`i${bits} constant out of range`, t);
    return v;
  };
  const min = bound();
  const max = cur.isNat() ? bound() : null;
  return { min, max };
}

/** An optional address type (default i32). */
export function parseAddrType(cur: Cursor): AddrType {
  if (cur.eatKeyword('i64')) return 'i64';
  cur.eatKeyword('i32');
  return 'i32';
}

export interface TablePrefix { readonly addr: AddrType; readonly shared: boolean }

/** Address type, then `shared`, before a table's limits (or its element type, abbreviated). */
export function parseTablePrefix(cur: Cursor): TablePrefix {
  const addr = parseAddrType(cur);
  return { addr, shared: cur.eatKeyword('shared') };
}

/** `addrtype? shared? limits reftype`; `prefix` if already read by the caller. */
export function parseTableType(ctx: ModuleContext, prefix: TablePrefix | null): TableType {
  const { addr, shared } = prefix ?? parseTablePrefix(ctx.cur);
  const limits = parseLimits(ctx.cur);
  const elem = parseRefType(ctx);
  return shared ? { elem, limits, addr, shared } : { elem, limits, addr };
}

/**
 * `limits shared? (pagesize n)?` after an address type the caller has read. Without memory64
 * (e.g. the threads proposal's scripts) the bounds of a memory are u32 syntax, as before Wasm 3.0.
 */
export function parseMemType(cur: Cursor, addr: AddrType, features?: FeatureSet): MemType {
  const limits = parseLimits(cur, features && !features.memory64 ? 32 : 64);
  let shared = false;
  let pageSizeLog2 = 16;
  for (;;) {
    if (cur.eatKeyword('shared')) shared = true;
    else if (cur.eatKeyword('unshared')) shared = false;
    else if (cur.peekParen('pagesize')) pageSizeLog2 = parsePageSize(cur);
    else break;
  }
  return { limits, addr, shared, pageSizeLog2 };
}

/** `(pagesize n)`, n a power of two; returns log2 n. */
export function parsePageSize(cur: Cursor): number {
  cur.open('pagesize');
  const t = cur.peek();
  const v = cur.nat(64);
  if (v === 0n || (v & (v - 1n)) !== 0n) cur.fail('invalid custom page size', t);
  cur.rparen();
  return v.toString(2).length - 1;
}

/** `t`, `(mut t)`, or with shared-everything `(shared mut? t)`. */
export function parseGlobalType(ctx: ModuleContext): GlobalType {
  const cur: Cursor = ctx.cur;
  if (cur.peekParen('mut')) {
    cur.open('mut');
    const type = parseValType(ctx);
    cur.rparen();
    return { type, mutable: true };
  }
  if (cur.peekParen('shared')) {
    cur.open('shared');
    const mutable = cur.eatKeyword('mut');
    const type = parseValType(ctx);
    cur.rparen();
    return { type, mutable, shared: true };
  }
  return { type: parseValType(ctx), mutable: false };
}
