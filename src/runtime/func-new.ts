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
import { emptyNames, type Func, type Module, type Names } from '../syntax/module.js';
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

/** Per importing instance: how many functions func.new has made (for their names). */
const made = new WeakMap<ModuleInstance, number>();

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
  const index = vm.funcTypes.length;
  let decoded: DecodedBody;
  let info: FuncInfo;
  try {
    decoded = decodeFunctionBody(bytes, vm.features, vm.module.dataCount !== null);
    info = checkExtraFunction(vm, typeIndex, decoded.locals, decoded.body, index, decoded.where);
  } catch (e) {
    if (e instanceof CompileError) throw bodyError(e);
    throw e;
  }
  const k = made.get(inst) ?? 0;
  made.set(inst, k + 1);
  return newFunction(inst, vm, typeIndex, decoded, info, bytes, `func.new#${k}`);
}

function bodyError(e: CompileError): RuntimeError {
  const where = e.offset >= 0 ? ` at 0x${e.offset.toString(16)} in the new body` : '';
  const err = new RuntimeError('other', `func.new: ${e.phase} function body: ${e.reason}${where}`);
  err.cause = e;
  return err;
}

/**
 * The new function, as function `index` (one past the module's last) of a module derived from the
 * importer's with its body appended: the interpreter's and the compiled tier's translators, which
 * find a body by index in a module, handle it unchanged. It runs on an instance derived from the
 * importer's (ModuleInstance.derive: the same state, its function list plus the new function), so
 * calls to it cost what any call costs, and it becomes garbage with its last reference.
 */
function newFunction(
  inst: ModuleInstance, vm: ValidModule, typeIndex: number, decoded: DecodedBody, info: FuncInfo,
  bytes: Uint8Array, name: string,
): FuncInst {
  const m = vm.module;
  const index = vm.funcTypes.length;
  const func: Func = {
    type: typeIndex, locals: decoded.locals, body: decoded.body, offset: 0,
    codeStart: decoded.body[0]?.offset ?? 0, end: bytes.length,
  };
  const module: Module = { ...m, funcs: [...m.funcs, func], names: namesWith(m.names, index, name), bytes, offsets: undefined };
  const type = vm.types[typeIndex];
  const derived: ValidModule = { ...vm, module, funcs: [...vm.funcs, info], funcTypes: [...vm.funcTypes, type] };
  const home = inst.derive(derived);
  const f = new FuncInst(type, home, index, null);
  home.funcs.push(f);
  return f;
}

/** The derived module's names: only its one function is ever looked up through it. */
function namesWith(base: Names | null, index: number, name: string): Names {
  return { ...(base ?? emptyNames()), funcs: new Map([[index, name]]) };
}
