/**
 * A JS-API-shaped engine over weft's embedding runtime (src/runtime): decode, validate, link the
 * imports the caller supplies as host functions, instantiate, and expose exports the way the JS API
 * does (functions taking and returning JS values, memories with a live `buffer`). It lets `weft run`
 * use weft's interpreter before the full JS API (src/api) exists; engine-select.ts picks it.
 */
import { decodeModule } from '../binary/decode.js';
import { LinkError } from '../errors.js';
import { ALL_FEATURES } from '../features.js';
import { hostFunc, instantiate, invoke, Store, type FuncInst, type Value } from '../runtime/index.js';
import type { ValType } from '../syntax/types.js';
import { validateModule } from '../valid/index.js';
import type { ImportObject, RunnableInstance } from './engine-select.js';

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);
const f64 = new Float64Array(1);
const u64 = new BigUint64Array(f64.buffer);

/** JS value -> the runtime's raw value (floats travel as their IEEE bits). */
function toRaw(t: ValType, v: unknown): Value {
  switch (t) {
    case 'i32': return Number(v) | 0;
    case 'i64': return BigInt.asIntN(64, BigInt(v as bigint));
    case 'f32': f32[0] = Number(v); return u32[0]!;
    case 'f64': f64[0] = Number(v); return u64[0]!;
    default: return v as Value;
  }
}

/** The runtime's raw value -> JS value. */
function fromRaw(t: ValType, v: Value): unknown {
  switch (t) {
    case 'f32': u32[0] = v as number; return f32[0];
    case 'f64': u64[0] = v as bigint; return f64[0];
    default: return v;
  }
}

function sigOf(f: FuncInst): { params: readonly ValType[]; results: readonly ValType[] } {
  return f.type.comp as unknown as { params: readonly ValType[]; results: readonly ValType[] };
}

function single(results: unknown[]): unknown {
  return results.length === 0 ? undefined : results.length === 1 ? results[0] : results;
}

export function instantiateOnRuntime(bytes: Uint8Array, imports: ImportObject): RunnableInstance {
  const module = decodeModule(bytes, ALL_FEATURES);
  const vm = validateModule(module, ALL_FEATURES);
  const store = new Store({ features: ALL_FEATURES });
  let funcIndex = 0;
  const externs = module.imports.map((imp) => {
    const provided = imports[imp.module]?.[imp.name];
    if (imp.desc.kind !== 'func' || typeof provided !== 'function') {
      throw new LinkError(`no ${imp.desc.kind} provided for import ${imp.module}.${imp.name}`);
    }
    const type = vm.funcTypes[funcIndex++]!;
    const host = provided as (...args: unknown[]) => unknown;
    const shell = hostFunc(type, (args) => {
      const { params, results } = sigOf(shell);
      const r = host(...args.map((a, i) => fromRaw(params[i]!, a)));
      if (results.length === 0) return [];
      const rs = results.length === 1 ? [r] : (r as unknown[]);
      return rs.map((v, i) => toRaw(results[i]!, v));
    });
    return { kind: 'func' as const, value: shell };
  });
  const inst = instantiate(store, vm, externs);
  const exports: Record<string, unknown> = {};
  for (const [name, ev] of inst.exports) {
    if (ev.kind === 'func') {
      const f = ev.value;
      const { params, results } = sigOf(f);
      exports[name] = (...args: unknown[]) => {
        const raw = invoke(store, f, params.map((t, i) => toRaw(t, args[i])));
        return single(raw.map((v, i) => fromRaw(results[i]!, v)));
      };
    } else {
      exports[name] = ev.value; // a MemInst's `buffer` is kept current across grows, as WASI needs
    }
  }
  return { exports };
}
