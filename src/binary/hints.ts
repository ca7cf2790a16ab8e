/**
 * The compilation-hints proposal's custom sections, decoded into one structure per module:
 * - `metadata.code.compilation_priority`: per function, a compilation priority and an optional
 *   optimization priority (127 = the function runs once);
 * - `metadata.code.instr_freq`: per instruction, a log2 execution frequency relative to its function
 *   (0 = never optimize, 127 = always optimize, otherwise 32 means once per call);
 * - `metadata.code.call_targets`: per call_ref/call_indirect, the likely targets and their share.
 *
 * All three share the branch-hint layout: vec(funcidx vec(byte offset, hint length, payload)).
 * Hints never change behaviour, so a malformed section is dropped (reported in `ignored`) rather
 * than rejected (entries decoded before the fault are kept). The compiled tier can read
 * `compilation` to pick functions to compile eagerly (src/jit/hints.ts reads the same section).
 */
import type { Module } from '../syntax/module.js';
import { Reader } from './reader.js';

export const RUN_ONCE = 127;

export interface CompilationPriority {
  readonly compilation: number;
  /** Absent when the hint carries only the compilation priority. */
  readonly optimization?: number;
}

export interface InstrFrequency {
  /** Byte offset of the instruction from the start of the function body (its locals). */
  readonly offset: number;
  readonly freq: number;
}

export interface CallTargets {
  readonly offset: number;
  readonly targets: readonly { readonly func: number; readonly percent: number }[];
}

export interface CodeHints {
  readonly compilation: ReadonlyMap<number, CompilationPriority>;
  readonly instrFreq: ReadonlyMap<number, readonly InstrFrequency[]>;
  readonly callTargets: ReadonlyMap<number, readonly CallTargets[]>;
  /** Names of hint sections dropped as malformed. */
  readonly ignored: readonly string[];
}

/** One hint entry: the function, the byte offset and a reader over exactly its payload. */
type Entry = (func: number, offset: number, payload: Reader) => void;

function eachHint(data: Uint8Array, entry: Entry): void {
  const r = new Reader(data);
  for (let n = r.u32(); n > 0; n--) {
    const func = r.u32();
    for (let k = r.u32(); k > 0; k--) {
      const offset = r.u32();
      const len = r.u32();
      const start = r.pos;
      if (start + len > data.length) throw new RangeError('hint runs past its section');
      entry(func, offset, new Reader(data, start, start + len));
      r.pos = start + len;
    }
  }
  if (r.pos !== data.length) throw new RangeError('trailing bytes');
}

function push<T>(m: Map<number, T[]>, k: number, v: T): void {
  const a = m.get(k);
  if (a) a.push(v); else m.set(k, [v]);
}

const cache = new WeakMap<Module, CodeHints>();

/** The module's compilation hints (decoded once per module). */
export function codeHints(m: Module): CodeHints {
  let h = cache.get(m);
  if (h === undefined) cache.set(m, (h = decodeHints(m)));
  return h;
}

export function decodeHints(m: Module): CodeHints {
  const compilation = new Map<number, CompilationPriority>();
  const instrFreq = new Map<number, InstrFrequency[]>();
  const callTargets = new Map<number, CallTargets[]>();
  const ignored: string[] = [];
  const parsers: Record<string, Entry> = {
    'metadata.code.compilation_priority': (func, _offset, p) => {
      const c = p.u32();
      // Values past the second are reserved for extensions and skipped.
      compilation.set(func, p.pos < p.end ? { compilation: c, optimization: p.u32() } : { compilation: c });
    },
    'metadata.code.instr_freq': (func, offset, p) => push(instrFreq, func, { offset, freq: p.u8() }),
    'metadata.code.call_targets': (func, offset, p) => {
      const targets: { func: number; percent: number }[] = [];
      while (p.pos < p.end) targets.push({ func: p.u32(), percent: p.u32() });
      push(callTargets, func, { offset, targets });
    },
  };
  for (const c of m.customs) {
    const parse = parsers[c.name];
    if (parse === undefined) continue;
    try {
      eachHint(c.data, parse);
    } catch {
      ignored.push(c.name);
    }
  }
  return { compilation, instrFreq, callTargets, ignored };
}
