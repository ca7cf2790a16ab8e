/**
 * The printer's round trip over the spec testsuite: for every module expected to be valid,
 * b1 = encode(module) (core and proposals); print(decode(b1)) parsed and encoded again must give
 * b1 byte for byte.
 * Text modules are also checked encoded with a name section, so that the printed $ids are tested.
 * WEFT_TESTSUITE overrides the testsuite location; a missing testsuite skips with a message.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { decodeModule } from '../../src/binary/decode.js';
import { encodeModule } from '../../src/binary/encode.js';
import { ALL_FEATURES } from '../../src/features.js';
import { parseModule } from '../../src/text/parse-module.js';
import { printModule } from '../../src/text/print.js';
import { validModules } from './wast-modules.js';

const SUITE = process.env.WEFT_TESTSUITE ?? '/work/shared/testsuite';
const CORE = join(SUITE, 'core');

function wastFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...wastFiles(p));
    else if (e.name.endsWith('.wast')) out.push(p);
  }
  return out.sort();
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** Why a module does not round-trip, or null if it does. */
function roundTrip(b1: Uint8Array): string | null {
  let text: string;
  try {
    text = printModule(decodeModule(b1, ALL_FEATURES));
  } catch (e) {
    return `print: ${(e as Error).message}`;
  }
  try {
    const b2 = encodeModule(parseModule(text, ALL_FEATURES));
    return sameBytes(b1, b2) ? null : `bytes differ (${b1.length} vs ${b2.length})`;
  } catch (e) {
    return `reparse: ${(e as Error).message.split('\n')[0]}`;
  }
}

/**
 * A binary with a data count section that no instruction needs cannot be written in text (the
 * parser adds one only when code needs it): such a module may differ in exactly that section.
 */
function onlyDataCountDiffers(b1: Uint8Array): boolean {
  const m = decodeModule(b1, ALL_FEATURES);
  if (m.dataCount === null) return false;
  const back = parseModule(printModule(m), ALL_FEATURES);
  return sameBytes(encodeModule({ ...back, dataCount: m.dataCount }), b1);
}

const totals = { modules: 0, passed: 0, inexpressible: 0, broken: 0, named: 0, namedPassed: 0 };

if (!existsSync(CORE)) {
  test('round trip over the spec testsuite', { skip: `testsuite not found at ${CORE} (set WEFT_TESTSUITE)` }, () => {});
} else {
  const proposals = join(SUITE, 'proposals');
  const files = [...wastFiles(CORE), ...(existsSync(proposals) ? wastFiles(proposals) : [])];
  for (const file of files) {
    test(`round trip: ${relative(SUITE, file)}`, async () => {
      const { modules, broken } = await validModules(file);
      totals.broken += broken;
      const failures: string[] = [];
      for (const m of modules) {
        totals.modules++;
        const why = roundTrip(m.bytes);
        if (why === null) totals.passed++;
        else if (onlyDataCountDiffers(m.bytes)) totals.inexpressible++;
        else failures.push(`line ${m.line}: ${why}`);
        // With a name section the printer writes $ids; the text must still read back the same.
        if (m.named) {
          totals.named++;
          const whyNamed = roundTrip(m.named);
          if (whyNamed === null) totals.namedPassed++;
          else failures.push(`line ${m.line} (with names): ${whyNamed}`);
        }
      }
      assert.deepEqual(failures, []);
    });
  }
  after(() => {
    console.log(`# round trip: ${totals.passed}/${totals.modules} modules identical`
      + `, ${totals.inexpressible} not expressible in text, ${totals.broken} skipped (parse/decode failed before printing)`
      + `; with name sections: ${totals.namedPassed}/${totals.named} identical`);
  });
}
