/**
 * Every invalid or malformed module of the spec testsuite (core and the proposals weft runs),
 * compiled from bytes as the script runner does, fails with a CompileError that names a byte
 * offset. Skipped if the testsuite is not there.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { decodeModule } from '../../src/binary/decode.js';
import { encodeModule } from '../../src/binary/encode.js';
import { CompileError } from '../../src/errors.js';
import type { FeatureSet } from '../../src/features.js';
import { parseScript } from '../../src/text/parse-script.js';
import { validateModule } from '../../src/valid/validate.js';
import { CORE_FEATURES, coreWastFiles, TESTSUITE } from './spec-oracle.js';
import { proposalWastFiles } from './spec-text.js';

/** The CompileError that compiling these bytes ends in, if any. */
function compileError(bytes: Uint8Array, f: FeatureSet): CompileError | null {
  try {
    validateModule(decodeModule(bytes, f), f);
    return null;
  } catch (e) {
    if (e instanceof CompileError) return e;
    throw e;
  }
}

test('spec testsuite: every CompileError names an offset', t => {
  if (!existsSync(TESTSUITE)) {
    t.skip(`no testsuite at ${TESTSUITE}`);
    return;
  }
  const files = [
    ...coreWastFiles().map(file => ({ file, features: CORE_FEATURES })),
    ...proposalWastFiles(),
  ];
  let errors = 0;
  const missing: string[] = [];
  for (const { file, features } of files) {
    let script;
    try {
      script = parseScript(readFileSync(file, 'utf8'), file, features);
    } catch {
      continue; // scripts weft cannot read are the text tests' business
    }
    for (const cmd of script.commands) {
      if (cmd.kind !== 'assert_invalid' && cmd.kind !== 'assert_malformed') continue;
      const sm = cmd.module;
      if (sm.kind === 'quote') continue;
      let bytes: Uint8Array;
      try {
        bytes = sm.kind === 'binary' ? sm.bytes : encodeModule(sm.module);
      } catch {
        continue; // not encodable: the runner validates the AST, which has no offsets
      }
      const e = compileError(bytes, features);
      if (!e) continue;
      errors++;
      if (e.offset < 0) missing.push(`${file}:${cmd.loc.line}: ${e.reason}`);
    }
  }
  assert.ok(errors > 1000, `only ${errors} compile errors seen`);
  assert.deepEqual(missing.slice(0, 20), [], `${missing.length} of ${errors} errors without an offset`);
});
