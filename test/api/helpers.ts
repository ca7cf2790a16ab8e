/** Test helpers: WAT text -> bytes (weft's own parser and encoder), and native-vs-weft runs. */
import { parseModule } from '../../src/text/parse-module.js';
import { encodeModule } from '../../src/binary/encode.js';
import { WebAssembly as weftWasm } from '../../src/api/index.js';

export function wat(text: string): Uint8Array<ArrayBuffer> {
  return new Uint8Array(encodeModule(parseModule(text)));
}

export const weft = weftWasm as unknown as typeof WebAssembly;
export const native = globalThis.WebAssembly;

/** What a thunk did, in a form comparable across engines: a value description or an error name. */
export function outcome(f: () => unknown): string {
  try {
    return 'ok:' + describe(f());
  } catch (e) {
    return 'throw:' + errorName(e);
  }
}

export async function outcomeAsync(f: () => Promise<unknown>): Promise<string> {
  try {
    return 'ok:' + describe(await f());
  } catch (e) {
    return 'throw:' + errorName(e);
  }
}

function errorName(e: unknown): string {
  if (e instanceof Error) return e.name;
  return typeof e === 'object' && e !== null ? Object.prototype.toString.call(e) : String(e);
}

function describe(v: unknown): string {
  if (typeof v === 'bigint') return `${v}n`;
  if (typeof v === 'number') return Object.is(v, -0) ? '-0' : String(v);
  if (typeof v === 'function') return `function(${v.length})`;
  if (Array.isArray(v)) return `[${v.map(describe).join(',')}]`;
  if (v === null || v === undefined || typeof v !== 'object') return String(v);
  return Object.prototype.toString.call(v);
}

/** Runs `f` against both namespaces; returns [native, weft] outcomes. */
export function both(f: (W: typeof WebAssembly) => unknown): [string, string] {
  return [outcome(() => f(native)), outcome(() => f(weft))];
}

export async function bothAsync(f: (W: typeof WebAssembly) => Promise<unknown>): Promise<[string, string]> {
  return [await outcomeAsync(() => f(native)), await outcomeAsync(() => f(weft))];
}
