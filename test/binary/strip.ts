/**
 * Test helper: a module with every byte offset (and the source bytes, offset table and text
 * positions) blanked, so that a module and its re-encoded twin compare equal.
 */
import type { Module } from '../../src/syntax/module.js';

const OFFSET_KEYS = new Set(['offset', 'codeStart', 'end']);

function strip(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(strip);
  if (v instanceof Uint8Array || v === null || typeof v !== 'object') return v;
  if (v instanceof Map) return new Map([...v].map(([k, x]) => [k, strip(x)]));
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) {
    // `offset` is also a MemArg field and an elem/data mode's offset expression: keep those.
    if (OFFSET_KEYS.has(k) && typeof x === 'number') continue;
    out[k] = strip(x);
  }
  return out;
}

export function stripOffsets(m: Module): unknown {
  const { offsets: _offsets, text: _text, ...rest } = m;
  return strip({ ...rest, bytes: null });
}
