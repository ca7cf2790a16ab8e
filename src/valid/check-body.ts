/**
 * Validating one more function body against a module that has already been validated (func.new:
 * code made while the module runs). The body is checked exactly as a body of the module's own code
 * section would be (same code checker, same context: every type, function, table, memory, global,
 * tag, element and data segment of the module, and ref.func only of declared functions), so the
 * new code can do nothing the module's own code could not.
 */
import { CompileError } from '../errors.js';
import type { Instr } from '../syntax/module.js';
import type { ValType } from '../syntax/types.js';
import type { DefType } from './canon-types.js';
import { checkFunction, type ModuleCtx } from './code.js';
import type { FuncInfo, ValidModule } from './info.js';

const contexts = new WeakMap<ValidModule, ModuleCtx>();

/** The code checker's context for `vm`, rebuilt from what validation handed on (once per module). */
function contextOf(vm: ValidModule): ModuleCtx {
  let ctx = contexts.get(vm);
  if (ctx) return ctx;
  const m = vm.module;
  // Imported functions are exact only when imported so; defined functions always are (validate.ts).
  const exact: number[] = [];
  for (const imp of m.imports) if (imp.desc.kind === 'func') exact.push(imp.desc.exact ? 1 : 0);
  for (let i = 0; i < m.funcs.length; i++) exact.push(1);
  const typeIndex = new Map<DefType, number>();
  vm.types.forEach((d, i) => { if (!typeIndex.has(d)) typeIndex.set(d, i); });
  const { funcs: _funcs, ...checked } = vm;
  ctx = {
    ...checked, dataCount: m.datas.length, exactFuncs: Uint8Array.from(exact),
    typeIndexOf: d => typeIndex.get(d) ?? -1,
  };
  contexts.set(vm, ctx);
  return ctx;
}

/**
 * Validates `body` with declared `locals` as a function of type index `typeIndex` of `vm`, and
 * returns its side table. `funcIndex` is the index the new function is known by in messages.
 * Throws CompileError('invalid') with the offset of the offending instruction (the body's own
 * offsets) or, for a bad type index, no offset.
 */
export function checkExtraFunction(
  vm: ValidModule, typeIndex: number, locals: readonly ValType[], body: readonly Instr[], funcIndex: number,
  localsAt?: readonly number[],
): FuncInfo {
  if (!(typeIndex >= 0 && typeIndex < vm.types.length)) throw new CompileError('invalid', `unknown type ${typeIndex}`, -1, funcIndex);
  return checkFunction(contextOf(vm), funcIndex, vm.types[typeIndex], locals, body, -1, localsAt);
}
