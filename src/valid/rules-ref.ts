/**
 * Typing rules of reference and GC instructions: ref.*, br_on_null/non_null, casts, i31, struct
 * and array operations, extern/any conversions.
 */
import type { BrCast } from '../syntax/module.js';
import { OPCODES } from '../syntax/opcodes.js';
import type { HeapType, RefType } from '../syntax/types.js';
import type { CFieldType, CRefType, CStorageType, CValType, DefType } from './canon-types.js';
import { mkRef } from './canon.js';
import { BOT_REF } from './bot-ref.js';
import type { CodeChecker } from './code.js';
import type { Rule } from './rules.js';
import { isSharedRef, isSubRefType, isSubStorageType, isSubValType, sameHierarchy, topOf } from './subtype.js';

const I31_NN = mkRef('i31', false);

/** The value type a storage type is read as. */
function unpack(t: CStorageType): CValType {
  return t === 'i8' || t === 'i16' ? 'i32' : t;
}

function isDefaultable(t: CStorageType): boolean {
  return typeof t === 'string' || t.nullable;
}

/** Result of allocation: `(ref $t)`, exact when custom descriptors are on. */
function allocated(c: CodeChecker, d: DefType): CRefType {
  return mkRef(d, false, c.ctx.features['custom-descriptors']);
}

function structType(c: CodeChecker, idx: number): readonly CFieldType[] {
  const d = c.type(idx);
  if (d.comp.kind !== 'struct') c.fail(`type mismatch: type ${idx} is not a struct type`);
  c.requireShared(d.shared, 'structs');
  return d.comp.fields;
}

function arrayField(c: CodeChecker, idx: number): CFieldType {
  const d = c.type(idx);
  if (d.comp.kind !== 'array') c.fail(`type mismatch: type ${idx} is not an array type`);
  c.requireShared(d.shared, 'arrays');
  return d.comp.field;
}

function field(c: CodeChecker, typeIdx: number, fieldIdx: number): CFieldType {
  const fs = structType(c, typeIdx);
  if (fieldIdx >= fs.length) c.fail(`unknown field ${fieldIdx}`);
  return fs[fieldIdx];
}

/** Packed fields must be read with _s/_u, others without. */
function checkPacking(c: CodeChecker, f: CFieldType, signed: boolean): void {
  const packed = f.type === 'i8' || f.type === 'i16';
  if (packed !== signed) c.fail(packed ? 'type mismatch: packed storage type requires get_s or get_u' : 'type mismatch: non-packed storage type');
}

function structGet(signed: boolean): Rule {
  return (c, ins) => {
    const idx = ins.imm[0] as number;
    const f = field(c, idx, ins.imm[1] as number);
    checkPacking(c, f, signed);
    c.popT(mkRef(c.type(idx), true));
    c.push(unpack(f.type));
  };
}

function arrayGet(signed: boolean): Rule {
  return (c, ins) => {
    const idx = ins.imm[0] as number;
    const f = arrayField(c, idx);
    checkPacking(c, f, signed);
    c.popT('i32');
    c.popT(mkRef(c.type(idx), true));
    c.push(unpack(f.type));
  };
}

function mutableArray(c: CodeChecker, idx: number): CFieldType {
  const f = arrayField(c, idx);
  if (!f.mutable) c.fail('immutable array');
  return f;
}

function numericOrVector(c: CodeChecker, f: CFieldType): void {
  if (typeof f.type !== 'string') c.fail('array type is not numeric or vector');
}

/** Casts are only allowed within one hierarchy, and never to continuations. */
function checkCastable(c: CodeChecker, from: CRefType | undefined, to: CRefType): void {
  if (topOf(to.heap) === 'cont') c.fail('invalid cast');
  if (from !== undefined && topOf(from.heap) !== topOf(to.heap)) {
    c.fail(`type mismatch: cast from ${c.typeName(from)} to ${c.typeName(to)}`);
  }
}

/** rt1 \ rt2: what is left of rt1 when values of rt2 are taken out (only nullability changes). */
function diffRef(rt1: CRefType, rt2: CRefType): CRefType {
  return mkRef(rt1.heap, rt1.nullable && !rt2.nullable, rt1.exact, rt1.shared);
}

/** Splits a label's types into [t*, last ref type]; fails if the last one is not a reference. */
function labelWithRef(c: CodeChecker, depth: number): { rest: readonly CValType[]; last: CRefType } {
  const ts = c.labelTypes(c.label(depth));
  const last = ts[ts.length - 1];
  if (ts.length === 0 || typeof last === 'string') c.fail('type mismatch: label requires a reference type last');
  return { rest: ts.slice(0, -1), last };
}

function brOnCast(fail: boolean): Rule {
  return (c, ins) => {
    const bc = ins.imm[0] as BrCast;
    const rt1 = c.refType(bc.from);
    const rt2 = c.refType(bc.to);
    c.refTypes[c.pc] = rt2;
    // Custom descriptors relaxes `rt2 <: rt1` to "in the same hierarchy".
    const related = c.ctx.features['custom-descriptors'] ? sameHierarchy(rt1, rt2) : isSubRefType(rt2, rt1);
    if (!related) c.fail('type mismatch: cast target is not a subtype of the source type');
    checkCastable(c, rt1, rt2);
    const { rest, last } = labelWithRef(c, bc.label);
    const sent = fail ? diffRef(rt1, rt2) : rt2;
    if (!isSubRefType(sent, last)) c.fail('type mismatch: cast type does not match label');
    c.popT(rt1);
    c.popVals(rest);
    c.pushVals(rest);
    c.push(fail ? rt2 : diffRef(rt1, rt2));
    c.branches[c.pc] = [c.target(bc.label)];
  };
}

function refTest(cast: boolean): Rule {
  return (c, ins) => {
    // The nullability of the target comes from the opcode variant (ref.test vs ref.test null).
    const rt = c.heapImm(ins.imm[0] as HeapType | RefType, OPCODES[ins.op].variant === 'null');
    c.refTypes[c.pc] = rt;
    const from = c.popRef();
    checkCastable(c, from, rt);
    c.push(cast ? rt : 'i32');
  };
}

function convert(from: 'extern' | 'any', to: 'any' | 'extern'): Rule {
  return c => {
    const t = c.popRef();
    if (t !== undefined) {
      if (!isSubRefType(t, mkRef(from, true, false, isSharedRef(t)))) c.fail(`type mismatch: expected ${from}ref`);
    }
    c.push(mkRef(to, t === undefined ? false : t.nullable, false, t !== undefined && isSharedRef(t)));
  };
}

export const REF_RULES: Record<string, Rule> = {
  'ref.null': (c, ins) => {
    const rt = c.heapImm(ins.imm[0] as HeapType | RefType, true);
    c.refTypes[c.pc] = rt;
    c.push(rt);
  },
  'ref.is_null': c => {
    c.popRef();
    c.push('i32');
  },
  'ref.as_non_null': c => {
    const t = c.popRef();
    c.push(t === undefined ? BOT_REF : mkRef(t.heap, false, t.exact, t.shared));
  },
  'ref.func': (c, ins) => {
    const idx = ins.imm[0] as number;
    const d = c.func(idx);
    if (!c.constExpr && !c.ctx.declaredRefs[idx]) c.fail('undeclared function reference');
    const exact = c.ctx.features['custom-descriptors'] && c.ctx.exactFuncs[idx] === 1;
    c.push(mkRef(d, false, exact));
  },
  'ref.eq': c => {
    // Both operands are eqrefs of one sharedness (either one).
    let shared: boolean | undefined;
    for (let i = 0; i < 2; i++) {
      const t = c.popRef();
      if (t === undefined) continue;
      shared ??= isSharedRef(t);
      if (!isSubRefType(t, mkRef('eq', true, false, shared))) {
        c.fail(`type mismatch: ref.eq requires eqref but stack has [${c.typeName(t)}]`);
      }
    }
    c.push('i32');
  },
  br_on_null: (c, ins) => {
    const depth = ins.imm[0] as number;
    const t = c.popRef();
    const ts = c.labelTypes(c.label(depth));
    c.popVals(ts);
    c.pushVals(ts);
    c.push(t === undefined ? BOT_REF : mkRef(t.heap, false, t.exact, t.shared));
    c.branches[c.pc] = [c.target(depth)];
  },
  br_on_non_null: (c, ins) => {
    const depth = ins.imm[0] as number;
    const { rest, last } = labelWithRef(c, depth);
    const t = c.popRef();
    if (t !== undefined && !isSubRefType(mkRef(t.heap, false, t.exact, t.shared), last)) {
      c.fail(`type mismatch: br_on_non_null operand ${c.typeName(t)} does not match label`);
    }
    c.popVals(rest);
    c.pushVals(rest);
    c.branches[c.pc] = [c.target(depth)];
  },

  'ref.test': refTest(false),
  'ref.cast': refTest(true),
  br_on_cast: brOnCast(false),
  br_on_cast_fail: brOnCast(true),
  'any.convert_extern': convert('extern', 'any'),
  'extern.convert_any': convert('any', 'extern'),

  'ref.i31': c => {
    c.popT('i32');
    c.push(I31_NN);
  },
  'i31.get_s': c => {
    const t = c.popRef();
    if (t !== undefined && !isSubRefType(t, mkRef('i31', true, false, isSharedRef(t)))) c.fail('type mismatch: expected i31ref');
    c.push('i32');
  },

  // ---- structs ----
  'struct.new': (c, ins) => {
    const idx = ins.imm[0] as number;
    const fs = structType(c, idx);
    const d = c.type(idx);
    if (d.descriptor) c.fail('type with descriptor requires descriptor allocation');
    for (let i = fs.length - 1; i >= 0; i--) c.popT(unpack(fs[i].type));
    c.push(allocated(c, d));
  },
  'struct.new_default': (c, ins) => {
    const idx = ins.imm[0] as number;
    const fs = structType(c, idx);
    const d = c.type(idx);
    if (d.descriptor) c.fail('type with descriptor requires descriptor allocation');
    for (const f of fs) if (!isDefaultable(f.type)) c.fail('type mismatch: field type is not defaultable');
    c.push(allocated(c, d));
  },
  'struct.get': structGet(false),
  'struct.get_s': structGet(true),
  'struct.get_u': structGet(true),
  'struct.set': (c, ins) => {
    const idx = ins.imm[0] as number;
    const f = field(c, idx, ins.imm[1] as number);
    if (!f.mutable) c.fail('immutable field');
    c.popT(unpack(f.type));
    c.popT(mkRef(c.type(idx), true));
  },

  // ---- arrays ----
  'array.new': (c, ins) => {
    const idx = ins.imm[0] as number;
    const f = arrayField(c, idx);
    c.popT('i32');
    c.popT(unpack(f.type));
    c.push(allocated(c, c.type(idx)));
  },
  'array.new_default': (c, ins) => {
    const idx = ins.imm[0] as number;
    const f = arrayField(c, idx);
    if (!isDefaultable(f.type)) c.fail('type mismatch: array element type is not defaultable');
    c.popT('i32');
    c.push(allocated(c, c.type(idx)));
  },
  'array.new_fixed': (c, ins) => {
    const idx = ins.imm[0] as number;
    const f = arrayField(c, idx);
    const n = ins.imm[1] as number;
    const t = unpack(f.type);
    for (let i = 0; i < n; i++) c.popT(t);
    c.push(allocated(c, c.type(idx)));
  },
  'array.new_data': (c, ins) => {
    const idx = ins.imm[0] as number;
    const f = arrayField(c, idx);
    numericOrVector(c, f);
    c.data(ins.imm[1] as number);
    c.popT('i32');
    c.popT('i32');
    c.push(allocated(c, c.type(idx)));
  },
  'array.new_elem': (c, ins) => {
    const idx = ins.imm[0] as number;
    const f = arrayField(c, idx);
    const et = c.elemType(ins.imm[1] as number);
    if (!isSubStorageType(et, f.type)) c.fail('type mismatch: element segment does not match array type');
    c.popT('i32');
    c.popT('i32');
    c.push(allocated(c, c.type(idx)));
  },
  'array.get': arrayGet(false),
  'array.get_s': arrayGet(true),
  'array.get_u': arrayGet(true),
  'array.set': (c, ins) => {
    const idx = ins.imm[0] as number;
    const f = mutableArray(c, idx);
    c.popT(unpack(f.type));
    c.popT('i32');
    c.popT(mkRef(c.type(idx), true));
  },
  'array.len': c => {
    // Polymorphic over sharedness, like the other abstract-typed operands.
    const t = c.popRef();
    if (t !== undefined && !isSubRefType(t, mkRef('array', true, false, isSharedRef(t)))) {
      c.fail(`type mismatch: instruction requires [arrayref] but stack has [${c.typeName(t)}]`);
    }
    c.push('i32');
  },
  'array.fill': (c, ins) => {
    const idx = ins.imm[0] as number;
    const f = mutableArray(c, idx);
    c.popT('i32');
    c.popT(unpack(f.type));
    c.popT('i32');
    c.popT(mkRef(c.type(idx), true));
  },
  'array.copy': (c, ins) => {
    const dst = ins.imm[0] as number, src = ins.imm[1] as number;
    const fd = mutableArray(c, dst);
    const fs = arrayField(c, src);
    if (!isSubStorageType(fs.type, fd.type)) c.fail('array types do not match');
    c.popT('i32');
    c.popT('i32');
    c.popT(mkRef(c.type(src), true));
    c.popT('i32');
    c.popT(mkRef(c.type(dst), true));
  },
  'array.init_data': (c, ins) => {
    const idx = ins.imm[0] as number;
    const f = mutableArray(c, idx);
    numericOrVector(c, f);
    c.data(ins.imm[1] as number);
    c.popT('i32');
    c.popT('i32');
    c.popT('i32');
    c.popT(mkRef(c.type(idx), true));
  },
  'array.init_elem': (c, ins) => {
    const idx = ins.imm[0] as number;
    const f = mutableArray(c, idx);
    const et = c.elemType(ins.imm[1] as number);
    if (!isSubValType(et, unpack(f.type)) || typeof f.type === 'string') c.fail('type mismatch: element segment does not match array type');
    c.popT('i32');
    c.popT('i32');
    c.popT('i32');
    c.popT(mkRef(c.type(idx), true));
  },
};
REF_RULES['i31.get_u'] = REF_RULES['i31.get_s'];
