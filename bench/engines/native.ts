/** Node's own WebAssembly (V8: Liftoff, then TurboFan): the baseline every ratio is relative to. */
import { exportedRun, type Engine } from './engine.js';

export const native: Engine = {
  name: 'native',
  about: `V8 ${process.versions.v8} WebAssembly (the baseline)`,
  probe: async () => null,
  async load(bytes) {
    const instance = await WebAssembly.instantiate(await WebAssembly.compile(bytes as BufferSource), {});
    const run = exportedRun(instance.exports, 'native');
    return { run: n => (run(n) as number) >>> 0 };
  },
};
