/**
 * The `metadata.code.compilation_priority` custom section (compilation-hints proposal): per
 * function, a compilation priority and an optional optimization priority (the estimated negative
 * log-probability of being on top of the stack; 127 = runs once). Under tier 'auto', functions
 * with an optimization priority below RUN_ONCE are compiled at their first call instead of after the
 * countdown; run-once functions are never compiled. Malformed sections are ignored (hints never
 * change behaviour).
 */
import type { Module } from '../syntax/module.js';

export const RUN_ONCE = 127;
const SECTION = 'metadata.code.compilation_priority';

export interface Hints {
  /** Functions to compile at first call. */
  readonly hot: ReadonlySet<number>;
  /** Functions to leave in the interpreter. */
  readonly once: ReadonlySet<number>;
}

const cache = new WeakMap<Module, Hints>();

export function hintsOf(m: Module): Hints {
  let h = cache.get(m);
  if (!h) cache.set(m, (h = parse(m)));
  return h;
}

export function hotFunctions(m: Module): ReadonlySet<number> {
  return hintsOf(m).hot;
}

function parse(m: Module): Hints {
  const hot = new Set<number>(), once = new Set<number>();
  for (const c of m.customs) {
    if (c.name !== SECTION) continue;
    const d = c.data;
    let p = 0;
    const u32 = (): number => {
      let r = 0, shift = 0;
      for (;;) {
        if (p >= d.length) throw new RangeError('truncated hint');
        const b = d[p++];
        r += (b & 0x7f) * 2 ** shift;
        if ((b & 0x80) === 0) return r;
        shift += 7;
      }
    };
    try {
      for (let n = u32(); n > 0; n--) {
        const func = u32();
        for (let k = u32(); k > 0; k--) {
          u32(); // byte offset (0: function level)
          const len = u32(), end = p + len;
          u32(); // compilation priority
          if (p < end) {
            const opt = u32();
            if (opt === RUN_ONCE) once.add(func); else hot.add(func);
          }
          p = end;
        }
      }
    } catch {
      // ignore a malformed hint section
    }
  }
  return { hot, once };
}
