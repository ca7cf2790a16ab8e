/**
 * The browser path over http, in-process: importSource and importWasm fetch with the host's fetch
 * from a local server (a wasm-to-wasm graph, so no JS module has to come over the network).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { importSource, importWasm, namespaceInstance } from '../../src/esm/index.js';
import { WebAssembly } from '../../src/index.js';
import { wasm } from './fixtures.js';

const FILES: Record<string, Uint8Array> = {
  '/lib/math.wasm': wasm(`(module (func (export "sq") (param i32) (result i32) (i32.mul (local.get 0) (local.get 0))))`),
  '/app.wasm': wasm(`(module
    (import "./lib/math.wasm" "sq" (func $sq (param i32) (result i32)))
    (func (export "sumsq") (param i32 i32) (result i32) (i32.add (call $sq (local.get 0)) (call $sq (local.get 1)))))`),
};

async function serve(): Promise<{ server: Server; base: string }> {
  const server = createServer((req, res) => {
    const body = FILES[req.url ?? ''];
    if (!body) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/wasm' }).end(body);
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  return { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}/` };
}

test('importSource and importWasm over http', async () => {
  const { server, base } = await serve();
  try {
    const m = await importSource('lib/math.wasm', base);
    assert.ok(m instanceof WebAssembly.Module);
    assert.equal(await importSource(new URL('lib/math.wasm', base)), m);
    const app = await importWasm('app.wasm', base);
    assert.equal((app.sumsq as (a: number, b: number) => number)(3, 4), 25);
    const lib = await importWasm('lib/math.wasm', base);
    assert.equal((namespaceInstance(lib).exports as Record<string, unknown>).sq, lib.sq);
    await assert.rejects(importSource('missing.wasm', base), /HTTP 404/);
  } finally {
    server.close();
  }
});
