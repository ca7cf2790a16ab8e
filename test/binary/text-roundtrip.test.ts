/**
 * Round trip of modules the text parser builds from spec scripts wabt cannot compile (GC,
 * exceptions, proposals): encode then decode must give back the same module, names included.
 * This covers the encoder on every instruction and type form the text format can express.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { decodeModule } from '../../src/binary/decode.js';
import { encodeModule } from '../../src/binary/encode.js';
import { ALL_FEATURES } from '../../src/features.js';
import type { Module, Names } from '../../src/syntax/module.js';
import { parseScript } from '../../src/text/parse-script.js';
import { stripOffsets } from './strip.js';

const SUITE = '/work/shared/testsuite';
const FILES = [
  'core/array.wast', 'core/struct.wast', 'core/br_on_cast.wast', 'core/ref_cast.wast',
  'core/ref_test.wast', 'core/type-rec.wast', 'core/type-subtyping.wast', 'core/try_table.wast',
  'core/i31.wast', 'core/return_call_ref.wast', 'core/call_ref.wast', 'core/throw_ref.wast',
  'core/array_new_elem.wast', 'core/table.wast', 'core/memory64.wast', 'core/table64.wast',
  'core/legacy/try_delegate.wast', 'core/legacy/try_catch.wast', 'core/select.wast',
  'proposals/custom-descriptors/descriptors.wast', 'proposals/custom-descriptors/exact.wast',
  'proposals/custom-page-sizes/custom-page-sizes.wast', 'proposals/stack-switching/cont.wast',
  'proposals/threads/atomic.wast', 'proposals/wide-arithmetic/wide-arithmetic.wast',
  'proposals/shared-everything-threads/shared-structs.wast',
];

function textModules(x: unknown, out: Module[]): void {
  if (!x || typeof x !== 'object' || x instanceof Uint8Array) return;
  const o = x as { kind?: string; module?: Module };
  if (o.kind === 'text' && o.module) { out.push(o.module); return; }
  for (const v of Object.values(x)) textModules(v, out);
}

/** Names as sorted entries, without empty inner maps (the name section drops those). */
function normNames(n: Names | null): unknown {
  if (!n) return null;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(n)) {
    if (!(v instanceof Map)) { out[k] = v; continue; }
    out[k] = [...v]
      .filter(([, x]) => !(x instanceof Map) || x.size > 0)
      .sort((a, b) => a[0] - b[0])
      .map(([i, x]) => [i, x instanceof Map ? [...x].sort((a, b) => a[0] - b[0]) : x]);
  }
  return out;
}

test('text-built modules survive encode -> decode', () => {
  let compared = 0;
  const failures: string[] = [];
  for (const rel of FILES) {
    const file = `${SUITE}/${rel}`;
    if (!existsSync(file)) continue;
    let script;
    try {
      script = parseScript(readFileSync(file, 'utf8'), file, ALL_FEATURES);
    } catch {
      continue; // the text parser's business, not the binary format's
    }
    const mods: Module[] = [];
    textModules(script, mods);
    mods.forEach((m, i) => {
      try {
        const back = decodeModule(encodeModule(m, { names: true }), ALL_FEATURES);
        assert.deepEqual(stripOffsets({ ...back, names: null, customs: [] }), stripOffsets({ ...m, names: null, customs: [] }));
        if (m.names) assert.deepEqual(normNames(back.names), normNames(m.names));
        compared++;
      } catch (e) {
        failures.push(`${rel} module #${i}: ${(e as Error).message.slice(0, 400)}`);
      }
    });
  }
  console.log(`text round trip: ${compared} modules`);
  assert.deepEqual(failures, []);
});
