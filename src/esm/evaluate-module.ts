/**
 * The evaluation of one wasm module in an ES module graph, called by the JS source that the Node
 * hooks generate for it (generate-source.ts): compile (once per URL), read the imports from the
 * dependency namespaces, instantiate on weft's engine, then initialize the module's export
 * bindings through `bind` (the only code that can assign the generated module's `let`s).
 */
import { Instance } from '../api/index.js';
import { exportBindings, sharesMutableGlobals } from './export-bindings.js';
import { esmImportObject } from './import-object.js';
import { addLiveBinding, refreshingFunction, refreshingHostFunction } from './live-bindings.js';
import { moduleSourceSync, wasmRecord } from './registry.js';

function base64Bytes(b64: string): Uint8Array {
  const s = atob(b64);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

/**
 * @param self  the generated module's own namespace (it imports itself), the key under which
 *              `namespaceInstance` and wasm-to-wasm imports find the instance
 * @param deps  import module name → namespace of the ES module it resolved to
 * @param bind  sets export binding `i` (in the module's export order) to a value
 */
export function evaluateWasmModule(
  self: object, url: string, bytesBase64: string, deps: Record<string, object>,
  bind: (i: number, v: unknown) => void,
): void {
  const module = moduleSourceSync(url, () => base64Bytes(bytesBase64));
  const record = wasmRecord(self, url);
  record.module = module;
  const wrap = sharesMutableGlobals(module);
  const instance = new Instance(module, esmImportObject(module, name => deps[name], wrap ? refreshingHostFunction : undefined));
  record.instance = instance;
  exportBindings(module, instance).forEach((b, i) => {
    if (b.kind === 'uninitialized') return;
    if (b.kind === 'live') {
      bind(i, b.value);
      addLiveBinding(() => bind(i, b.read()));
      return;
    }
    bind(i, wrap && typeof b.value === 'function' ? refreshingFunction(b.value) : b.value);
  });
}
