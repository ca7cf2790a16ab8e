/** The generated JS module text for a wasm module (pure function, checked in-process). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { markerSource, wasmModuleSource } from '../../src/esm/generate-source.js';

test('one import per module name, string export names, default', () => {
  const src = wasmModuleSource({
    url: 'file:///x/a.wasm', runtimeUrl: 'file:///rt.js', bytesBase64: 'AGFzbQEAAAA=',
    importModules: ['./util.js', 'pkg'], exportNames: ['fib', 'a-b', 'default', '"q"'],
  });
  assert.match(src, /^import "weft-esm-wasm:file:\/\/\/x\/a\.wasm";$/m);
  assert.match(src, /^import \{ evaluateWasmModule \} from "file:\/\/\/rt\.js";$/m);
  assert.match(src, /^import \* as \$self from "file:\/\/\/x\/a\.wasm";$/m);
  assert.match(src, /^import \* as \$dep0 from "\.\/util\.js";$/m);
  assert.match(src, /^import \* as \$dep1 from "pkg";$/m);
  assert.match(src, /export \{ \$e0 as "fib", \$e1 as "a-b", \$e2 as "default", \$e3 as "\\"q\\"" \};/);
});

test('no exports: no export statement', () => {
  const src = wasmModuleSource({ url: 'file:///a.wasm', runtimeUrl: 'file:///rt.js', bytesBase64: '', importModules: [], exportNames: [] });
  assert.doesNotMatch(src, /export|let /);
});

test('the marker module records the namespace', () => {
  assert.equal(markerSource('file:///a.wasm', 'file:///r.js'),
    'import { wasmRecord } from "file:///r.js";\nimport * as $wasm from "file:///a.wasm";\nwasmRecord($wasm, "file:///a.wasm");\n');
});
