/**
 * func.new, host-function form (feature 'func-new'; docs/func-new.md). The proposal's instruction
 * has no binary encoding yet, so the engine provides it as an import:
 *
 *   (import "weft:func" "new" (func (param i32 i32 i32) (result (ref func))))   ;; memory 0 is i32
 *   (import "weft:func" "new" (func (param i32 i64 i64) (result (ref func))))   ;; memory 0 is i64
 *
 * (`funcref` as the result type works too: function types match imports only as declared, so the
 * engine offers each form.)
 *
 * Operands: a type index of the importing module, then the address and length of a function body
 * in the importer's memory 0, in the code section's format (local declarations, instructions,
 * `end`; no size prefix). The call copies the bytes, decodes and validates them as a function of
 * that type in the context of the importer's whole module (src/valid/check-body.ts), and returns a
 * new function bound to the importer: it shares its memories, tables, globals, tags and segments,
 * is named `func.new#k` (k counts per importing instance) in traces, runs in the interpreter and
 * tiers up to the compiled tier like any function of the module.
 *
 * Failures trap (the proposal leaves trap-or-null open; a trap carries the reason): a range
 * outside memory 0 traps as a memory access would; a malformed or invalid body traps with a
 * RuntimeError whose message holds the CompileError's reason and its offset in the body (the
 * CompileError itself is the RuntimeError's `cause`).
 */
import { CompileError, LinkError, RuntimeError } from '../errors.js';
import { decodeFunctionBody, type DecodedBody } from '../binary/decode-body.js';
import { emptyNames, type Func, type Module } from '../syntax/module.js';
import type { AddrType, ValType } from '../syntax/types.js';
import type { DefType } from '../valid/canon-types.js';
import { canonicalizeTypes } from '../valid/canon.js';
import { checkExtraFunction } from '../valid/check-body.js';
import type { FuncInfo, ValidModule } from '../valid/info.js';
import { oob } from '../exec/mem-access.js';
import { FuncInst, hostFunc } from './func.js';
import { importerBoundFunc } from './importer-bound.js';
import type { ExternVal, ModuleInstance } from './instance.js';
import type { Value } from './values.js';

/** The import's module and field name: an engine namespace no host module is expected to use. */
export const FUNC_NEW_MODULE = 'weft:func';
export const FUNC_NEW_NAME = 'new';

/** `(func (param i32 a a) (result (ref null? func)))` for address type `a`, canonical. */
function creatorType(addr: AddrType, nullable: boolean): DefType {
  const params: ValType[] = ['i32', addr, addr];
  const results: ValType[] = [{ kind: 'ref', nullable, heap: 'func' }];
  return canonicalizeTypes({
    types: [{ final: true, supers: [], comp: { kind: 'func', params, results } }],
    recGroups: [{ start: 0, size: 1, explicit: false }],
  })[0];
}

/** One template per form (address type, nullable result); each importer gets its own bound function. */
function template(addr: AddrType, nullable: boolean): FuncInst {
  const type = creatorType(addr, nullable);
  return importerBoundFunc(type, inst => boundCreator(inst, type, addr));
}

const TEMPLATES: Record<AddrType, readonly [FuncInst, FuncInst]> = {
  i32: [template('i32', false), template('i32', true)],
  i64: [template('i64', false), template('i64', true)],
};

/**
 * The value the engine provides for import `index` of `vm`, or undefined if the engine provides
 * none (then the embedder resolves it as usual: "unknown import" when it has nothing either).
 * Provided only when the module was compiled with the 'func-new' feature.
 */
export function engineImport(vm: ValidModule, index: number): ExternVal | undefined {
  const imp = vm.module.imports[index];
  if (!vm.features['func-new'] || imp.module !== FUNC_NEW_MODULE || imp.name !== FUNC_NEW_NAME) return undefined;
  if (imp.desc.kind !== 'func') return undefined;
  // The form the import declares (i64 operands, nullable result) or else the plain one, which
  // import matching then rejects with a LinkError if the declared type is neither.
  let funcIdx = 0;
  for (let i = 0; i < index; i++) if (vm.module.imports[i].desc.kind === 'func') funcIdx++;
  const comp = vm.funcTypes[funcIdx].comp;
  const wide = comp.kind === 'func' && comp.params.length === 3 && comp.params[1] === 'i64';
  const result = comp.kind === 'func' ? comp.results[0] : undefined;
  const nullable = typeof result === 'object' && result.nullable;
  return { kind: 'func', value: TEMPLATES[wide ? 'i64' : 'i32'][nullable ? 1 : 0] };
}

/** Whether import `index` of `vm` is one the engine provides (embedders skip looking it up). */
export function isEngineImport(vm: ValidModule, index: number): boolean {
  return engineImport(vm, index) !== undefined;
}

function boundCreator(inst: ModuleInstance, type: DefType, addr: AddrType): FuncInst {
  const vm = inst.module as ValidModule;
  const mem = vm.mems?.[0];
  if (mem === undefined) throw new LinkError(`${FUNC_NEW_MODULE}.${FUNC_NEW_NAME}: the importing module has no memory 0 to read function bodies from`);
  if (mem.addr !== addr) {
    throw new LinkError(`${FUNC_NEW_MODULE}.${FUNC_NEW_NAME}: memory 0 has ${mem.addr} addresses; import it as (func (param i32 ${mem.addr} ${mem.addr}) (result (ref func)))`);
  }
  return hostFunc(type, (args: Value[]) => [create(inst, vm, args)]);
}

/** An address or length operand as a number (u64 operands beyond 2^53 are out of bounds anyway). */
function unsigned(v: Value): number {
  return typeof v === 'bigint' ? Number(BigInt.asUintN(64, v)) : (v as number) >>> 0;
}

function create(inst: ModuleInstance, vm: ValidModule, args: Value[]): FuncInst {
  const typeIndex = (args[0] as number) >>> 0;
  const addr = unsigned(args[1]);
  const len = unsigned(args[2]);
  const mem = inst.mems[0];
  if (addr + len > mem.bytes.length) oob();
  // A copy: later writes to memory (or a grow, which replaces the buffer) do not reach the new code.
  const bytes = mem.bytes.slice(addr, addr + len);
  let decoded: DecodedBody;
  let info: FuncInfo;
  try {
    decoded = decodeFunctionBody(bytes, vm.features, vm.module.dataCount !== null);
    // In messages the body is the function it would have become: the next one of the module.
    info = checkExtraFunction(vm, typeIndex, decoded.locals, decoded.body, nextIndex(inst, vm), decoded.where);
  } catch (e) {
    if (e instanceof CompileError) throw bodyError(e);
    throw e;
  }
  return addFunction(homeOf(inst, vm), vm.types[typeIndex], typeIndex, decoded, info, bytes.length);
}

function bodyError(e: CompileError): RuntimeError {
  const where = e.offset >= 0 ? ` at 0x${e.offset.toString(16)} in the new body` : '';
  const err = new RuntimeError('other', `func.new: ${e.phase} function body: ${e.reason}${where}`);
  err.cause = e;
  return err;
}

/**
 * Where an instance's new functions live: a module derived from the importer's, whose function
 * list is the module's followed by every function func.new has made for this instance (function
 * index N + k for the k-th, N being the module's function count), and an instance of it derived
 * from the importer's (ModuleInstance.derive: the very same memories, tables, globals, tags and
 * segments; its function list likewise extended). The interpreter's and the compiled tier's
 * translators and stack traces find a function's body, entry and name by index in its instance's
 * module, so they handle new functions unchanged, and calls to them cost what any call costs.
 * One home per importer: making a function appends to it (the lists are copied once, not per new
 * function). New functions live as long as the importing instance, like its own functions.
 */
interface Home {
  /** The derived module's function bodies and names (appended to). */
  readonly funcs: Func[];
  readonly names: Map<number, string>;
  /** The derived ValidModule's per-function lists (appended to, kept in step). */
  readonly infos: FuncInfo[];
  readonly funcTypes: DefType[];
  readonly inst: ModuleInstance;
  /** How many functions have been made (k of the next one). */
  made: number;
}

const homes = new WeakMap<ModuleInstance, Home>();

function homeOf(inst: ModuleInstance, vm: ValidModule): Home {
  let home = homes.get(inst);
  if (home) return home;
  const m = vm.module;
  const funcs = [...m.funcs];
  const names = new Map<number, string>();
  // Bodies come from separate buffers, each with offsets from its own first byte: no `bytes`.
  const module: Module = { ...m, funcs, names: { ...(m.names ?? emptyNames()), funcs: names }, bytes: null, offsets: undefined };
  const infos = [...vm.funcs];
  const funcTypes = [...vm.funcTypes];
  const derived: ValidModule = { ...vm, module, funcs: infos, funcTypes };
  home = { funcs, names, infos, funcTypes, inst: inst.derive(derived), made: 0 };
  homes.set(inst, home);
  return home;
}

/** The index the next new function of `inst` gets. */
function nextIndex(inst: ModuleInstance, vm: ValidModule): number {
  return vm.funcTypes.length + (homes.get(inst)?.made ?? 0);
}

function addFunction(home: Home, type: DefType, typeIndex: number, decoded: DecodedBody, info: FuncInfo, size: number): FuncInst {
  const index = home.funcTypes.length;
  home.funcs.push({
    type: typeIndex, locals: decoded.locals, body: decoded.body, offset: 0,
    codeStart: decoded.body[0]?.offset ?? 0, end: size,
  });
  home.names.set(index, `func.new#${home.made++}`);
  home.infos.push(info);
  home.funcTypes.push(type);
  const f = new FuncInst(type, home.inst, index, null);
  home.inst.funcs.push(f);
  return f;
}
