/**
 * Every CompileError for a decoded binary names the byte it is about: module-level validation
 * errors (types, imports, exports, segments, start, limits, initialisers, locals) as well as
 * code-body ones, both on the error object and in its message, also through the JS API.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeModule } from '../../src/binary/decode.js';
import { CompileError } from '../../src/errors.js';
import { WebAssembly } from '../../src/index.js';
import { validateModule } from '../../src/valid/validate.js';
import { OFFSET_CASES, type OffsetCase } from './offset-cases.js';

function compileError(c: OffsetCase): CompileError {
  try {
    validateModule(decodeModule(c.module.bytes, c.features), c.features);
  } catch (e) {
    if (e instanceof CompileError) return e;
    throw e;
  }
  assert.fail(`${c.name}: module was accepted`);
}

for (const c of OFFSET_CASES) {
  test(`offset: ${c.name}`, () => {
    assert.ok(c.module.at >= 0, 'the case marks a byte');
    const e = compileError(c);
    assert.equal(e.phase, c.phase, e.message);
    assert.ok(e.reason.includes(c.reason), `reason ${JSON.stringify(e.reason)}`);
    assert.equal(e.offset, c.module.at, `${e.message}: expected offset 0x${c.module.at.toString(16)}`);
    assert.ok(e.message.includes(` at 0x${c.module.at.toString(16)}`), e.message);
    if (c.funcIndex !== undefined) assert.equal(e.funcIndex, c.funcIndex);
  });
}

test('offset: every module-level validation error of the cases is located', () => {
  // Guards the table itself: one case per category at least.
  const names = OFFSET_CASES.map(c => c.name.split(':')[0]);
  for (const k of ['type', 'rec group', 'import', 'function', 'table', 'memory', 'tag', 'global', 'export',
    'start', 'elem', 'data', 'data count', 'code']) {
    assert.ok(names.includes(k), k);
  }
});

test('offset: the JS API CompileError names the offset', () => {
  for (const c of OFFSET_CASES) {
    if (c.features) continue; // the JS API uses its own feature set
    assert.throws(() => new WebAssembly.Module(c.module.bytes), (e: unknown) => {
      assert.ok(e instanceof WebAssembly.CompileError, c.name);
      assert.ok((e as Error).message.includes(`at 0x${c.module.at.toString(16)}`), `${c.name}: ${(e as Error).message}`);
      return true;
    });
  }
});

test('offset: modules built without a binary keep -1', () => {
  const c = OFFSET_CASES.find(x => x.name === 'export: unknown function')!;
  const m = decodeModule(c.module.bytes);
  const { offsets: _o, ...fromText } = m;
  assert.throws(() => validateModule({ ...fromText, bytes: null }), (e: unknown) => {
    assert.ok(e instanceof CompileError);
    assert.equal(e.offset, -1);
    assert.equal(e.message, 'unknown function 3');
    return true;
  });
});
