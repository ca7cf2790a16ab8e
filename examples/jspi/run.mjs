// Runs lines.wasm on weft with JSPI: `node examples/jspi/run.mjs [file] [depth]` (after `npm run build`).
// The C code calls async_read/sleep_ms as if they blocked; here they are fs.promises and timers.
import { open } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { WebAssembly } from '../../dist/src/api/index.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const path = process.argv[2] ?? here + 'lines.c';
const depth = Number(process.argv[3] ?? 100);

const fh = await open(path);
let memory;
const env = {
  async_read: new WebAssembly.Suspending(async (ptr, max) => {
    const { bytesRead } = await fh.read(new Uint8Array(memory.buffer, ptr, max), 0, max);
    return bytesRead;
  }),
  sleep_ms: new WebAssembly.Suspending(ms => new Promise(resolve => setTimeout(resolve, ms))),
};
const { instance } = await WebAssembly.instantiate(readFileSync(here + 'lines.wasm'), { env });
memory = instance.exports.memory;
const stats = WebAssembly.promising(instance.exports.stats);
const reached = await stats(depth);
await fh.close();
const { lines, words, bytes } = instance.exports;
console.log(`${lines()} ${words()} ${bytes()} ${path} (read ${reached} C frames deep)`);
