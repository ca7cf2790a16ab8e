/** Small builders for hand-written module ASTs in validator tests. */
import type { Instr, Module, Func } from '../../src/syntax/module.js';
import { op } from '../../src/syntax/opcodes.js';
import type { FuncType, SubType, ValType } from '../../src/syntax/types.js';

export function emptyModule(over: Partial<Module> = {}): Module {
  return {
    types: [], recGroups: [], imports: [], funcs: [], tables: [], mems: [], globals: [], tags: [],
    exports: [], start: null, elems: [], datas: [], dataCount: null, customs: [], names: null, bytes: null,
    ...over,
  };
}

/** An instruction by opcode key, e.g. `I('i32.const', 1)`. */
export function I(key: string, ...imm: Instr['imm'][number][]): Instr {
  return { op: op(key), imm, offset: -1 };
}

export function func(type: number, body: Instr[], locals: ValType[] = []): Func {
  return { type, locals, body, offset: -1, codeStart: -1, end: -1 };
}

export function ft(params: ValType[], results: ValType[]): SubType {
  const comp: FuncType = { kind: 'func', params, results };
  return { final: true, supers: [], comp };
}

/** A module whose type section is `types` (each its own rec group) with the given functions. */
export function withFuncs(types: SubType[], funcs: Func[], over: Partial<Module> = {}): Module {
  return emptyModule({
    types, recGroups: types.map((_, i) => ({ start: i, size: 1, explicit: false })), funcs, ...over,
  });
}
