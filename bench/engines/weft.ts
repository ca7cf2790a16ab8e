/**
 * weft through its runtime API (src/runtime): decode, validate, instantiate in a Store configured
 * with one execution tier, invoke with raw values. One Engine per tier.
 */
import { decodeModule } from '../../src/binary/decode.js';
import { validateModule } from '../../src/valid/index.js';
import { Store, instantiate, invoke, type EngineOptions } from '../../src/runtime/index.js';
import type { Engine } from './engine.js';

type Tier = NonNullable<EngineOptions['tier']>;

/** A module with one tiny function: used to check a tier really compiles (see `probeTier`). */
const PROBE_WASM = new Uint8Array([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
  0x01, 0x06, 0x01, 0x60, 0x01, 0x7f, 0x01, 0x7f, // type (i32) -> i32
  0x03, 0x02, 0x01, 0x00, // one function
  0x07, 0x07, 0x01, 0x03, 0x72, 0x75, 0x6e, 0x00, 0x00, // export "run"
  0x0a, 0x09, 0x01, 0x07, 0x00, 0x20, 0x00, 0x41, 0x01, 0x6a, 0x0b, // local.get 0; i32.const 1; i32.add
]);

function newStore(tier: Tier): Store {
  // The cast keeps this file compiling against a runtime whose EngineOptions has no `tier` yet.
  return new Store({ tier, maxCallDepth: 100000 } as EngineOptions);
}

/**
 * Whether this runtime has the tier: the Store must report compiled functions after running the
 * probe module on a 'compiled' store (older runtimes ignore the option and have no stats()).
 */
async function probeTier(tier: Tier): Promise<string | null> {
  if (tier === 'interpreter') return null;
  const store = newStore(tier);
  const stats = (store as { stats?: () => { compiled: number; evalBlocked?: boolean } }).stats;
  if (typeof stats !== 'function') return 'this runtime has no compiled tier (Store has no stats())';
  const before = stats.call(store).compiled;
  const runner = load(tier, PROBE_WASM);
  for (let i = 0; i < 2000; i++) {
    if (runner.run(i) !== i + 1) return `tier '${tier}' computed a wrong result on the probe module`;
  }
  const after = stats.call(store);
  if (after.evalBlocked) return 'compiled tier disabled here (new Function blocked)';
  return after.compiled > before ? null : `tier '${tier}' did not compile the probe function`;
}

function load(tier: Tier, bytes: Uint8Array) {
  const vm = validateModule(decodeModule(bytes));
  const store = newStore(tier);
  const inst = instantiate(store, vm, []);
  const ex = inst.exports.get('run');
  if (!ex || ex.kind !== 'func') throw new Error('weft: module has no exported function "run"');
  const f = ex.value;
  return { run: (n: number) => (invoke(store, f, [n | 0])[0] as number) >>> 0 };
}

function weftEngine(name: string, tier: Tier, about: string): Engine {
  return { name, about, probe: () => probeTier(tier), load: async bytes => load(tier, bytes) };
}

export const weftInterp = weftEngine('weft-interp', 'interpreter', "weft runtime API, tier 'interpreter'");
export const weftCompiled = weftEngine('weft-compiled', 'compiled', "weft runtime API, tier 'compiled' (wasm -> JS at first call)");
export const weftAuto = weftEngine('weft-auto', 'auto', "weft runtime API, default tier 'auto' (interpreter, tier-up when hot)");

/** decode, then validate, timed separately (ms), for the load-time report. */
export function decodeThenValidate(bytes: Uint8Array): { decodeMs: number; validateMs: number } {
  const t0 = performance.now();
  const m = decodeModule(bytes);
  const t1 = performance.now();
  validateModule(m);
  return { decodeMs: t1 - t0, validateMs: performance.now() - t1 };
}
