/**
 * Typing rules of the custom-descriptors proposal (partial: allocation with a descriptor,
 * ref.get_desc, and the descriptor-equality casts; exactness of the descriptor operand is checked
 * loosely).
 */
import type { BrCast } from '../syntax/module.js';
import { OPCODES } from '../syntax/opcodes.js';
import type { HeapType, RefType } from '../syntax/types.js';
import type { CRefType, DefType } from './canon-types.js';
import { mkRef } from './canon.js';
import type { CodeChecker } from './code.js';
import type { Rule } from './rules.js';
import { isBottomHeapType, isSubRefType, sameHierarchy, topOf } from './subtype.js';

/** The type at `idx` and its descriptor; `missing` is the message when it has none. */
function described(c: CodeChecker, idx: number, missing: string): { d: DefType; desc: DefType } {
  const d = c.type(idx);
  if (!d.descriptor) c.fail(missing);
  return { d, desc: d.descriptor };
}

function newDesc(defaults: boolean): Rule {
  return (c, ins) => {
    const { d, desc } = described(c, ins.imm[0] as number, 'type without descriptor requires non-descriptor allocation');
    c.popT(mkRef(desc, true, true));
    if (d.comp.kind === 'struct') {
      const fs = d.comp.fields;
      if (defaults) {
        for (const f of fs) if (typeof f.type !== 'string' && !f.type.nullable) c.fail('type mismatch: field type is not defaultable');
      } else {
        for (let i = fs.length - 1; i >= 0; i--) c.popT(fs[i].type === 'i8' || fs[i].type === 'i16' ? 'i32' : fs[i].type as never);
      }
    }
    c.push(mkRef(d, false, true));
  };
}

/** The descriptor of a cast target, which must have one. */
function targetDescriptor(c: CodeChecker, rt: CRefType): DefType {
  const h = rt.heap;
  if (typeof h === 'string') c.fail(`type ${h} does not have a descriptor`);
  if (!h.descriptor) c.fail(`type ${c.ctx.typeIndexOf(h)} does not have a descriptor`);
  return h.descriptor;
}

function castDescEq(c: CodeChecker, rt: CRefType): void {
  const desc = targetDescriptor(c, rt);
  c.popT(mkRef(desc, true, !!rt.exact));
  const from = c.popRef();
  if (from !== undefined && topOf(from.heap) !== topOf(rt.heap)) c.fail('type mismatch: invalid cast');
}

function brOnCastDescEq(fail: boolean): Rule {
  return (c, ins) => {
    const bc = ins.imm[0] as BrCast;
    const rt1 = c.refType(bc.from);
    const rt2 = c.refType(bc.to);
    c.refTypes[c.pc] = rt2;
    if (!sameHierarchy(rt1, rt2)) c.fail('type mismatch: cast types are in different hierarchies');
    const desc = targetDescriptor(c, rt2);
    const ts = c.labelTypes(c.label(bc.label));
    const last = ts[ts.length - 1];
    if (ts.length === 0 || typeof last === 'string') return c.fail('type mismatch: label requires a reference type last');
    const diff = mkRef(rt1.heap, rt1.nullable && !rt2.nullable, rt1.exact, rt1.shared);
    if (!isSubRefType(fail ? diff : rt2, last)) c.fail('type mismatch: cast type does not match label');
    c.popT(mkRef(desc, true, !!rt2.exact));
    c.popT(rt1);
    const rest = ts.slice(0, -1);
    c.popVals(rest);
    c.pushVals(rest);
    c.push(fail ? rt2 : diff);
    c.branches[c.pc] = [c.target(bc.label)];
  };
}

export const DESC_RULES: Record<string, Rule> = {
  'struct.new_desc': newDesc(false),
  'struct.new_default_desc': newDesc(true),
  'ref.get_desc': (c, ins) => {
    const { d, desc } = described(c, ins.imm[0] as number, 'type without descriptor');
    const t = c.popT(mkRef(d, true));
    // Only an exact reference to the very type named gives an exact descriptor.
    const exact = t === undefined || (typeof t !== 'string' && ((!!t.exact && t.heap === d) || isBottomHeapType(t.heap)));
    c.push(mkRef(desc, false, exact));
  },
  'ref.cast_desc_eq': (c, ins) => {
    const rt = c.heapImm(ins.imm[0] as HeapType | RefType, OPCODES[ins.op].variant === 'null');
    c.refTypes[c.pc] = rt;
    castDescEq(c, rt);
    c.push(rt);
  },
  br_on_cast_desc_eq: brOnCastDescEq(false),
  br_on_cast_desc_eq_fail: brOnCastDescEq(true),
};
