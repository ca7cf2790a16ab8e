/**
 * The script engine over weft's internal runtime API: bytes are decoded and validated by weft's
 * own decoder and validator, instances live in one `Store` per engine (so one per script), and
 * values cross in the runtime's raw representation (see runtime/values.ts), so nothing — NaN
 * payloads included — is lost between the interpreter and the result checks.
 */
import type { Const } from './ast.js';
import type { ClassifiedError, Engine, RefValue, ScriptValue } from './engine.js';
import type { EngineOptions } from './engines.js';
import { spectestModule } from './spectest.js';
import type { Module } from '../syntax/module.js';
import type { CValType } from '../valid/canon-types.js';
import { ALL_FEATURES, DEFAULT_FEATURES, type FeatureSet } from '../features.js';
import { CompileError, LinkError, RuntimeError } from '../errors.js';
import { decodeModule } from '../binary/decode.js';
import { validateModule, type ValidModule } from '../valid/index.js';
import {
  Store, instantiate, invoke, engineImport, HostRef, WasmException, FuncInst, StructObj, ArrayObj, ContObj,
  type ExternVal, type ModuleInstance, type Value,
} from '../runtime/index.js';

export class InternalEngine implements Engine<ValidModule, ModuleInstance> {
  readonly name = 'internal';
  readonly canExecute = true;
  private readonly features: FeatureSet;
  private readonly store: Store;
  /** The host values `(ref.extern N)` / `(ref.host N)`: one object per N, so identity holds. */
  private readonly hostRefs = new Map<number, HostRef>();
  private readonly hostIds = new Map<HostRef, number>();

  constructor(opts: EngineOptions = {}) {
    this.store = new Store({ features: opts.features ?? DEFAULT_FEATURES, tier: opts.tier, profile: opts.profile, tierUpThreshold: opts.tierUpThreshold });
    this.features = this.store.features; // the profile's omissions applied
  }

  compile(bytes: Uint8Array): ValidModule {
    return validateModule(decodeModule(bytes, this.features), this.features);
  }

  compileModule(module: Module): ValidModule {
    return validateModule(module, this.features);
  }

  instantiate(vm: ValidModule, lookup: (moduleName: string) => ModuleInstance | undefined): ModuleInstance {
    const imports: ExternVal[] = vm.module.imports.map((imp, i) => {
      // Engine-provided imports (func.new, with its feature on) are never looked up.
      const ext = engineImport(vm, i) ?? lookup(imp.module)?.exports.get(imp.name);
      if (ext === undefined) throw new LinkError(`unknown import ${imp.module}.${imp.name}`);
      return ext;
    });
    return instantiate(this.store, vm, imports);
  }

  invoke(inst: ModuleInstance, name: string, args: readonly Const[]): ScriptValue[] {
    const ext = inst.exports.get(name);
    if (ext?.kind !== 'func') throw new Error(`no exported function "${name}"`);
    const type = ext.value.type.comp;
    if (type.kind !== 'func') throw new Error(`export "${name}" has no function type`);
    const results = invoke(this.store, ext.value, args.map(a => this.toValue(a)));
    return results.map((v, i) => this.fromValue(v, type.results[i]));
  }

  get(inst: ModuleInstance, name: string): ScriptValue {
    const ext = inst.exports.get(name);
    if (ext?.kind !== 'global') throw new Error(`no exported global "${name}"`);
    return this.fromValue(ext.value.get(), ext.value.type.type);
  }

  spectest(): ModuleInstance {
    // spectest is a host module: it has its two memories and i64 table whatever proposals the
    // script under test may use, so it is validated with every feature on.
    return instantiate(this.store, validateModule(spectestModule(), ALL_FEATURES), []);
  }

  classify(e: unknown): ClassifiedError | null {
    if (e instanceof CompileError) return { class: e.phase, message: e.reason };
    if (e instanceof LinkError) return { class: 'unlinkable', message: e.reason };
    if (e instanceof RuntimeError) {
      if (e.kind === 'exhaustion') return { class: 'exhaustion', message: e.reason };
      if (e.kind === 'unhandled-tag') return { class: 'suspension', message: e.reason };
      return { class: 'trap', message: e.reason };
    }
    if (e instanceof WasmException) return { class: 'exception', message: 'uncaught exception' };
    return null;
  }

  // ---- values ----------------------------------------------------------------------------------

  private host(id: number): HostRef {
    let h = this.hostRefs.get(id);
    if (!h) {
      h = new HostRef(id);
      this.hostRefs.set(id, h);
      this.hostIds.set(h, id);
    }
    return h;
  }

  private toValue(c: Const): Value {
    switch (c.kind) {
      case 'i32': return c.value | 0;
      case 'i64': return BigInt.asIntN(64, c.value);
      case 'f32': return c.bits >>> 0;
      case 'f64': return BigInt.asUintN(64, c.bits);
      case 'v128': return c.bytes.slice();
      case 'ref.null': return null;
      case 'ref.extern': case 'ref.host': return this.host(c.id);
    }
  }

  private fromValue(v: Value, t: CValType): ScriptValue {
    switch (t) {
      case 'i32': return { kind: 'i32', value: Number(v) | 0 };
      case 'i64': return { kind: 'i64', value: BigInt.asIntN(64, v as bigint) };
      case 'f32': return { kind: 'f32', bits: Number(v) >>> 0 };
      case 'f64': return { kind: 'f64', bits: BigInt.asUintN(64, v as bigint) };
      case 'v128': return { kind: 'v128', bytes: (v as Uint8Array).slice() };
    }
    const ref = this.describeRef(v);
    // The runtime's extern.convert_any is an identity: an internal object seen through an
    // externref type is reported as externalized.
    const externType = t.heap === 'extern' || t.heap === 'noextern';
    const viewed: RefValue = externType && ref.kind !== 'null' && ref.kind !== 'host' ? { kind: 'extern', inner: ref } : ref;
    return { kind: 'ref', ref: viewed };
  }

  private describeRef(v: Value): RefValue {
    if (v === null || v === undefined) return { kind: 'null' };
    if (v instanceof HostRef) {
      const id = this.hostIds.get(v);
      return id === undefined ? { kind: 'other' } : { kind: 'host', id };
    }
    if (typeof v === 'number') return { kind: 'i31' };
    if (v instanceof FuncInst) return { kind: 'func' };
    if (v instanceof StructObj) return { kind: 'struct' };
    if (v instanceof ArrayObj) return { kind: 'array' };
    if (v instanceof WasmException) return { kind: 'exn' };
    if (v instanceof ContObj) return { kind: 'cont' };
    return { kind: 'other' };
  }
}
