/**
 * The C program in examples/jspi (lines.c -> lines.wasm, freestanding clang): blocking-style
 * imports backed by a real file handle (fs.promises) and timers, through JSPI.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { open, writeFile, mkdtemp } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { weft } from '../api/helpers.js';

const W = weft as any;
// dist/test/jspi -> repository root
const root = fileURLToPath(new URL('../../../', import.meta.url));
const WASM = readFileSync(join(root, 'examples/jspi/lines.wasm'));

async function wc(path: string, depth: number): Promise<[number, number, number, number]> {
  const fh = await open(path);
  let memory!: WebAssembly.Memory;
  let sleeps = 0;
  const env = {
    async_read: new W.Suspending(async (ptr: number, max: number) => {
      const { bytesRead } = await fh.read(new Uint8Array(memory.buffer, ptr, max), 0, max);
      return bytesRead;
    }),
    sleep_ms: new W.Suspending((ms: number) => new Promise(r => setTimeout(() => { sleeps++; r(undefined); }, ms))),
  };
  try {
    const { instance } = await W.instantiate(WASM, { env });
    memory = instance.exports.memory;
    const reached = await W.promising(instance.exports.stats)(depth);
    const e = instance.exports;
    assert.equal(sleeps, Math.ceil(e.bytes() / 512), 'one sleep per chunk read');
    return [reached, e.lines(), e.words(), e.bytes()];
  } finally {
    await fh.close();
  }
}

test('lines.wasm counts a file read through async imports, 200 C frames deep', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'weft-jspi-c-'));
  const file = join(dir, 'text.txt');
  const text = Array.from({ length: 300 }, (_, i) => `line ${i}:${' word'.repeat(i % 7)}\n`).join('');
  await writeFile(file, text);
  const words = text.split(/\s+/).filter(w => w.length > 0).length;
  assert.deepEqual(await wc(file, 200), [200, 300, words, text.length]);
});

test('lines.wasm without promising traps at the first suspension', async () => {
  const env = {
    async_read: new W.Suspending(async () => 0),
    sleep_ms: new W.Suspending(async () => undefined),
  };
  const { instance } = await W.instantiate(WASM, { env });
  assert.throws(() => instance.exports.stats(3), W.RuntimeError);
  // ... and the instance still works afterwards under promising.
  assert.equal(await W.promising(instance.exports.stats)(3), 3);
});
