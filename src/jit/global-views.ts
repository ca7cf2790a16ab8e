/**
 * Typed-array views of a memory as properties of the global object, which compiled code reads
 * into its variables at entry (and after a call or grow replaced the buffer). Why: V8 treats a
 * global property that was never reassigned as a constant of the code that reads it (a
 * property-cell dependency), and an access to a constant typed array needs no map check, no reload
 * of its length and data pointer after each loop stack check, and compares with an immediate
 * length. Views made by each call pay all three per access, and an allocation per call.
 *
 * Each memory instance gets its own names (a per-process random token, so two copies of weft in
 * one realm do not collide), non-enumerable. A memory's views are replaced when its buffer changes
 * (growth); the first compiled frame that notices calls `refreshViews`. From then on V8 treats
 * them as variables and compiled code is about as fast as with views of its own (measured: no
 * better when they are deleted and defined again instead). When the memory instance is collected,
 * its properties are deleted (FinalizationRegistry); without FinalizationRegistry, or if the
 * global object refuses the properties, compiled code makes views of its own.
 */
import type { MemInst } from '../runtime/memory.js';

/** View kinds by the name generated code uses (the `buf` property holds the buffer they view). */
export const VIEW_CTORS = {
  u8: Uint8Array, i8: Int8Array, u16: Uint16Array, i16: Int16Array, i32: Int32Array, f64: Float64Array,
} as const;

const TOKEN = `__weft${Math.random().toString(36).slice(2, 8)}_m`;
let next = 0;
const prefixes = new WeakMap<MemInst, string>();
const globals = globalThis as unknown as Record<string, unknown>;
const names = (prefix: string): string[] => ['buf', ...Object.keys(VIEW_CTORS)].map(k => prefix + k);
const cleanup = typeof FinalizationRegistry === 'function'
  ? new FinalizationRegistry<string>(prefix => { for (const n of names(prefix)) delete globals[n]; })
  : null;
/** Set when the global object refused a property (frozen, non-extensible): no more tries. */
let refused = false;

function viewValues(m: MemInst): [string, unknown][] {
  const b = m.buffer as ArrayBuffer; // or a SharedArrayBuffer: views of either work alike
  return [['buf', b], ...Object.entries(VIEW_CTORS).map(([k, C]) => [k, new C(b)] as [string, unknown])];
}

/**
 * The prefix of `m`'s global view names (`<prefix>u8`, `<prefix>buf`...), installing them on
 * first use; null when global views are unavailable here.
 */
export function globalViewPrefix(m: MemInst): string | null {
  const known = prefixes.get(m);
  if (known !== undefined) return known;
  if (cleanup === null || refused) return null;
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
  return prefix;
}

/** Defines `m`'s views with their values: a property V8 saw only one value in is a constant. */
function define(m: MemInst, prefix: string): void {
  for (const [k, v] of viewValues(m)) {
    Object.defineProperty(globalThis, prefix + k, { value: v, writable: true, configurable: true, enumerable: false });
  }
}

/** Points `m`'s global views at its current buffer (after a grow replaced it). */
export function refreshViews(m: MemInst): void {
  const prefix = prefixes.get(m);
  if (prefix === undefined || globals[prefix + 'buf'] === m.buffer) return;
  for (const [k, v] of viewValues(m)) globals[prefix + k] = v;
}
