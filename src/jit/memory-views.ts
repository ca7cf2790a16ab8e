/**
 * Typed-array views of a memory, shared by the compiled functions using it, so that a call reads
 * its views instead of making them. Two places:
 *
 * - Global properties, for the module instance that owns them (tier.ts viewsOwner), which compiled
 *   code reads into its variables at entry (and after a call or grow replaced the buffer). Why
 *   global: V8 treats a global property that was never reassigned as a constant of the code that
 *   reads it (a property-cell dependency), and an access to a constant typed array needs no map
 *   check, no reload of its length and data pointer after each loop stack check, and compares
 *   with an immediate length. Each memory instance gets its own names (a per-process random token,
 *   so two copies of weft in one realm do not collide), non-enumerable. After a grow V8 treats
 *   them as variables and the code is about as fast as with views in a record (measured: no
 *   better when deleted and defined again instead). When the memory instance is collected, its
 *   properties are deleted (FinalizationRegistry); without FinalizationRegistry, if the global
 *   object refuses the properties, or when MAX_LIVE memories have them, there are no global views.
 * - A record per memory instance (`viewRecord`), for everything else: one property load per view
 *   and call.
 *
 * Both are replaced when the buffer changes (growth) by the first compiled frame that notices
 * (`refreshViews`).
 */
import type { MemInst } from '../runtime/memory.js';

/** View kinds by the name generated code uses (the `buf` property holds the buffer they view). */
const VIEW_CTORS = {
  u8: Uint8Array, i8: Int8Array, u16: Uint16Array, i16: Int16Array, i32: Int32Array, f32: Float32Array, f64: Float64Array,
} as const;

/** A memory's views in an object (one shape for all: the keys of VIEW_CTORS plus `buf`). */
export type ViewRecord = { buf: ArrayBuffer } & { [K in keyof typeof VIEW_CTORS]: InstanceType<(typeof VIEW_CTORS)[K]> };

const records = new WeakMap<MemInst, ViewRecord>();

function makeRecord(m: MemInst): ViewRecord {
  const b = m.buffer as ArrayBuffer; // or a SharedArrayBuffer: views of either work alike
  return {
    buf: b, u8: new Uint8Array(b), i8: new Int8Array(b), u16: new Uint16Array(b), i16: new Int16Array(b),
    i32: new Int32Array(b), f32: new Float32Array(b), f64: new Float64Array(b),
  };
}

/** The record of `m`'s views (made on first use, kept current by refreshViews). */
export function viewRecord(m: MemInst): ViewRecord {
  let r = records.get(m);
  if (r === undefined) records.set(m, (r = makeRecord(m)));
  return r;
}

const TOKEN = `__weft${Math.random().toString(36).slice(2, 8)}_m`;
let next = 0;
const prefixes = new WeakMap<MemInst, string>();
const globals = globalThis as unknown as Record<string, unknown>;
const names = (prefix: string): string[] => ['buf', ...Object.keys(VIEW_CTORS)].map(k => prefix + k);
const cleanup = typeof FinalizationRegistry === 'function'
  ? new FinalizationRegistry<string>(prefix => {
    live--;
    for (const n of names(prefix)) delete globals[n];
  })
  : null;
/** Set when the global object refused a property (frozen, non-extensible): no more tries. */
let refused = false;
/**
 * Memories with global views at a time. Their properties keep the buffers alive until a
 * finalization task after the memory instance is collected, which never comes within one
 * synchronous job: without a cap, a loop instantiating modules with large memories would keep
 * them all.
 */
const MAX_LIVE = 8;
let live = 0;

function viewValues(m: MemInst): [string, unknown][] {
  return Object.entries(makeRecord(m));
}

/**
 * The prefix of `m`'s global view names (`<prefix>u8`, `<prefix>buf`...), installing them on
 * first use; null when global views are unavailable here.
 */
export function globalViewPrefix(m: MemInst): string | null {
  const known = prefixes.get(m);
  if (known !== undefined) return known;
  if (cleanup === null || refused || live >= MAX_LIVE) return null;
  const prefix = `${TOKEN}${next++}$`;
  try {
    define(m, prefix);
  } catch {
    refused = true;
    for (const n of names(prefix)) if (Object.getOwnPropertyDescriptor(globalThis, n)?.configurable) delete globals[n];
    return null;
  }
  cleanup.register(m, prefix);
  prefixes.set(m, prefix);
  live++;
  return prefix;
}

/** Defines `m`'s views with their values: a property V8 saw only one value in is a constant. */
function define(m: MemInst, prefix: string): void {
  for (const [k, v] of viewValues(m)) {
    Object.defineProperty(globalThis, prefix + k, { value: v, writable: true, configurable: true, enumerable: false });
  }
}

/** Points `m`'s views (record and global) at its current buffer (after a grow replaced it). */
export function refreshViews(m: MemInst): void {
  const r = records.get(m);
  if (r !== undefined && r.buf !== m.buffer) Object.assign(r, makeRecord(m));
  const prefix = prefixes.get(m);
  if (prefix === undefined || globals[prefix + 'buf'] === m.buffer) return;
  for (const [k, v] of viewValues(m)) globals[prefix + k] = v;
}
