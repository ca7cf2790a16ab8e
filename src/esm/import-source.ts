/**
 * The source phase as an API (Node 20 cannot parse `import source` or `import.source()`):
 * `await importSource(url)` is the WebAssembly.Module a source phase import of `url` would give,
 * compiled by weft. One Module per URL, shared with instance-phase imports of the same URL.
 */
import { Module, WebAssembly } from '../api/index.js';
import { fetchBytes, toURL } from './fetch-bytes.js';
import { ESM_COMPILE_OPTIONS, moduleSource } from './registry.js';

export function importSource(specifier: string | URL, base?: string | URL): Promise<Module> {
  let url: URL;
  try {
    url = toURL(specifier, base);
  } catch (e) {
    return Promise.reject(e);
  }
  return moduleSource(url.href, async () => WebAssembly.compile((await fetchBytes(url)) as Uint8Array<ArrayBuffer>, ESM_COMPILE_OPTIONS));
}
