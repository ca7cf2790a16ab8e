/**
 * The spec testsuite's binary modules: every `(module binary ...)` must decode, except inside
 * `assert_malformed`, where decoding must fail with the expected message (matched as a prefix, as
 * the reference interpreter does). Decoded modules must also survive encode -> decode unchanged.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { decodeModule } from '../../src/binary/decode.js';
import { encodeModule } from '../../src/binary/encode.js';
import { CompileError } from '../../src/errors.js';
import { features, type Feature, type FeatureSet } from '../../src/features.js';
import { binaryCases } from './wast-binary.js';
import { stripOffsets } from './strip.js';

const SUITE = '/work/shared/testsuite';

function wastFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...wastFiles(p));
    else if (e.name.endsWith('.wast')) out.push(p);
  }
  return out.sort();
}

export interface Outcome { pass: number; fail: string[] }

/** Core tests assume Wasm 3.0 alone: proposals that reuse its malformed encodings must be off. */
export const CORE_FEATURES: FeatureSet = features({
  threads: false, 'stack-switching': false, 'wide-arithmetic': false, 'custom-page-sizes': false,
  'custom-descriptors': false, 'multibyte-array': false, 'shared-everything': false,
});

/** Each proposal's tests run with that proposal (and the ones it builds on) switched on. */
const PROPOSAL_FEATURES: Record<string, Partial<Record<Feature, boolean>>> = {
  'custom-descriptors': { 'custom-descriptors': true },
  'custom-page-sizes': { 'custom-page-sizes': true },
  'shared-everything-threads': { 'shared-everything': true, threads: true },
  'stack-switching': { 'stack-switching': true },
  threads: { threads: true },
  'wide-arithmetic': { 'wide-arithmetic': true },
};

function featuresFor(file: string): FeatureSet {
  const m = /\/proposals\/([^/]+)\//.exec(file);
  if (!m) return CORE_FEATURES;
  return features({ ...CORE_FEATURES, ...(PROPOSAL_FEATURES[m[1]] ?? {}) });
}

export function runFile(file: string): Outcome {
  const feats = featuresFor(file);
  const o: Outcome = { pass: 0, fail: [] };
  for (const c of binaryCases(file)) {
    const where = `${file}:${c.line}`;
    let mod;
    try {
      mod = decodeModule(c.bytes, feats);
    } catch (e) {
      if (!(e instanceof CompileError)) {
        o.fail.push(`${where}: crashed: ${(e as Error).stack}`);
      } else if (c.command === 'assert_malformed') {
        if (c.message !== null && !e.reason.startsWith(c.message)) {
          o.fail.push(`${where}: expected "${c.message}", got "${e.reason}"`);
        } else o.pass++;
      } else {
        o.fail.push(`${where}: ${c.command}: unexpected decode error "${e.message}"`);
      }
      continue;
    }
    if (c.command === 'assert_malformed') {
      o.fail.push(`${where}: expected malformed "${c.message}", decoded fine`);
      continue;
    }
    try {
      const again = decodeModule(encodeModule(mod), feats);
      assert.deepEqual(stripOffsets(again), stripOffsets(mod));
      o.pass++;
    } catch (e) {
      o.fail.push(`${where}: round trip: ${(e as Error).message.slice(0, 300)}`);
    }
  }
  return o;
}

const files = wastFiles(join(SUITE, 'core')).concat(wastFiles(join(SUITE, 'proposals')));

test('spec testsuite binary modules', { skip: files.length === 0 && 'testsuite not found' }, () => {
  let pass = 0;
  const fails: string[] = [];
  for (const f of files) {
    const o = runFile(f);
    pass += o.pass;
    fails.push(...o.fail);
  }
  if (fails.length) console.log(fails.join('\n'));
  console.log(`binary spec cases: ${pass} passed, ${fails.length} failed`);
  assert.equal(fails.length, 0);
});
