/**
 * weft through its JS API (src/api: a drop-in `WebAssembly` namespace), as an application using
 * the polyfill would run it: the namespace's shared store, default tier, JS-value conversions on
 * every call. The difference to `weft-auto` is the JS API's own overhead.
 */
import { WebAssembly as WeftWasm } from '../../src/api/index.js';
import { exportedRun, type Engine } from './engine.js';

export const weftJsApi: Engine = {
  name: 'weft-jsapi',
  about: 'weft JS API (src/api WebAssembly namespace, default tier)',
  probe: async () => null,
  async load(bytes) {
    const { instance } = await WeftWasm.instantiate(bytes as BufferSource, {});
    const run = exportedRun(instance.exports as Record<string, unknown>, 'weft-jsapi');
    return { run: n => (run(n) as number) >>> 0 };
  },
};
