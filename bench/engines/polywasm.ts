/**
 * polywasm (npm, installed by fetch-engines.sh into bench/.cache): a WebAssembly polyfill that
 * translates each wasm function to a JS function. Loaded through its WebAssembly-like namespace.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CACHE_DIR } from '../paths.js';
import { exportedRun, type Engine } from './engine.js';

const ENTRY = path.join(CACHE_DIR, 'node_modules/polywasm/index.js');

interface PolyNamespace {
  instantiate(bytes: Uint8Array, imports?: object): Promise<{ instance: { exports: Record<string, unknown> } }>;
}

let ns: PolyNamespace | null = null;

async function namespace(): Promise<PolyNamespace> {
  ns ??= (await import(pathToFileURL(ENTRY).href) as { WebAssembly: PolyNamespace }).WebAssembly;
  return ns;
}

export const polywasm: Engine = {
  name: 'polywasm',
  about: 'polywasm (npm): wasm functions translated to JS',
  async probe() {
    if (!existsSync(ENTRY)) return 'not installed (run: sh bench/fetch-engines.sh)';
    await namespace();
    return null;
  },
  async load(bytes) {
    const { instance } = await (await namespace()).instantiate(bytes, {});
    const run = exportedRun(instance.exports, 'polywasm');
    return { run: n => (run(n) as number) >>> 0 };
  },
};
