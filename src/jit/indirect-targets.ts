/**
 * Which functions a `call_indirect` is likely to reach, from the module alone: the functions that
 * its element segments put (or can put: passive segments) into the table, and whose type index is
 * the call's. Compiled code tests the table entry against these few first and calls them by name
 * (codegen.ts `call`): V8 then sees one known callee per call site and can inline it, where a call
 * through a function value that changes between calls costs ~13 ns on the test machine (native
 * wasm's call_indirect: ~4 ns). Any other entry takes the checked generic path, so a table changed
 * by table.set/grow/init, by JS, or by another module only makes the guess miss.
 *
 * Only defined functions with the very same type index qualify: then the spec's signature check
 * holds by construction (same module, same type index), and no imported value is assumed to stay.
 */
import type { Module } from '../syntax/module.js';
import { funcTypeIndex, importCounts } from '../syntax/module.js';
import { OPCODES } from '../syntax/opcodes.js';

/** More candidates than this: no guesses (each would add a test to every call, and code). */
export const MAX_INDIRECT_TARGETS = 4;

const REF_FUNC = OPCODES.findIndex(o => o.name === 'ref.func');
const END = OPCODES.findIndex(o => o.name === 'end');

/** Per module: `${table}:${typeIndex}` -> candidate function indices ([] = none or too many). */
const cache = new WeakMap<Module, Map<string, readonly number[]>>();

/**
 * Function indices (at most MAX_INDIRECT_TARGETS, in segment order) that a `call_indirect` of type
 * `typeIndex` through table `table` may call, or [] when there are none or too many to test.
 */
export function indirectTargets(m: Module, table: number, typeIndex: number): readonly number[] {
  let perModule = cache.get(m);
  if (!perModule) cache.set(m, (perModule = new Map()));
  const key = `${table}:${typeIndex}`;
  let found = perModule.get(key);
  if (!found) perModule.set(key, (found = scan(m, table, typeIndex)));
  return found;
}

function scan(m: Module, table: number, typeIndex: number): readonly number[] {
  const firstDefined = importCounts(m).func;
  const out = new Set<number>();
  for (const e of m.elems) {
    if (e.mode.kind === 'declarative' || (e.mode.kind === 'active' && e.mode.table !== table)) continue;
    for (const item of e.init) {
      if (item.length !== 2 || item[0].op !== REF_FUNC || item[1].op !== END) continue;
      const k = item[0].imm[0] as number;
      if (k < firstDefined || funcTypeIndex(m, k) !== typeIndex || out.has(k)) continue;
      if (out.size === MAX_INDIRECT_TARGETS) return [];
      out.add(k);
    }
  }
  return [...out];
}
