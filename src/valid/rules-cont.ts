/**
 * Typing rules of the stack-switching proposal (cont.new, cont.bind, suspend, resume,
 * resume_throw, resume_throw_ref, switch), per /work/shared/docs/proposals/stack-switching.md.
 */
import type { Handler } from '../syntax/module.js';
import type { CValType, DefType } from './canon-types.js';
import { mkRef } from './canon.js';
import type { CodeChecker } from './code.js';
import type { BranchTarget } from './info.js';
import type { Rule } from './rules.js';
import { isSubValTypes } from './subtype.js';

interface Sig { readonly params: readonly CValType[]; readonly results: readonly CValType[] }

/** The continuation type at `idx` and the function type it wraps. */
function contType(c: CodeChecker, idx: number): { ct: DefType; ft: Sig } {
  const ct = c.type(idx);
  if (ct.comp.kind !== 'cont') c.fail(`non-continuation type ${idx}`);
  const f = ct.comp.type;
  if (f.comp.kind !== 'func') c.fail(`non-function type ${idx}`);
  return { ct, ft: f.comp };
}

/** The function type a DefType of kind cont wraps, or null. */
function contFunc(d: DefType): Sig | null {
  if (d.comp.kind !== 'cont' || d.comp.type.comp.kind !== 'func') return null;
  return d.comp.type.comp;
}

function tagSig(c: CodeChecker, idx: number): Sig {
  const t = c.tag(idx);
  if (t.comp.kind !== 'func') c.fail(`non-function type`);
  return t.comp;
}

/** Checks resume handlers against the continuation's results `ts`; one branch target each. */
function handlers(c: CodeChecker, hs: readonly Handler[], ts: readonly CValType[]): void {
  const targets: BranchTarget[] = [];
  for (const h of hs) {
    const tag = tagSig(c, h.tag);
    if (h.label === null) {
      if (tag.params.length !== 0 || !isSubValTypes(tag.results, ts) || !isSubValTypes(ts, tag.results)) {
        c.fail('type mismatch in switch handler');
      }
      targets.push({ pc: -1, arity: 0, height: -1 });
      continue;
    }
    const lts = c.labelTypes(c.label(h.label));
    const last = lts[lts.length - 1];
    if (last !== undefined && typeof last !== 'string' && typeof last.heap !== 'string' && last.heap.comp.kind !== 'cont') {
      c.fail(`non-continuation type ${c.ctx.typeIndexOf(last.heap)}`);
    }
    const ctFunc = last !== undefined && typeof last !== 'string' && typeof last.heap !== 'string' ? contFunc(last.heap) : null;
    if (ctFunc === null) {
      c.fail(`type mismatch: instruction requires concrete continuation reference type but label has [${lts.map(t => c.typeName(t)).join(' ')}]`);
    }
    // The label receives the tag's parameters and a continuation expecting the tag's results.
    if (!isSubValTypes(tag.params, lts.slice(0, -1))) c.fail('type mismatch: handler tag parameters do not match label');
    if (!isSubValTypes(ctFunc.params, tag.results) || !isSubValTypes(ts, ctFunc.results)) {
      c.fail('type mismatch: handler continuation type does not match');
    }
    targets.push(c.target(h.label));
  }
  c.branches[c.pc] = targets;
}

export const CONT_RULES: Record<string, Rule> = {
  'cont.new': (c, ins) => {
    const idx = ins.imm[0] as number;
    const { ct } = contType(c, idx);
    c.popT(mkRef((ct.comp as { type: DefType }).type, true));
    c.push(mkRef(ct, false));
  },
  'cont.bind': (c, ins) => {
    const a = contType(c, ins.imm[0] as number);
    const b = contType(c, ins.imm[1] as number);
    const n = a.ft.params.length - b.ft.params.length;
    if (n < 0) c.fail('type mismatch: cont.bind target type has too many parameters');
    const rest = a.ft.params.slice(n);
    if (!isSubValTypes(b.ft.params, rest) || !isSubValTypes(a.ft.results, b.ft.results)) {
      c.fail('type mismatch: cont.bind types do not match');
    }
    c.popT(mkRef(a.ct, true));
    c.popVals(a.ft.params.slice(0, n));
    c.push(mkRef(b.ct, false));
  },
  suspend: (c, ins) => {
    const t = tagSig(c, ins.imm[0] as number);
    c.popVals(t.params);
    c.pushVals(t.results);
  },
  resume: (c, ins) => {
    const { ct, ft } = contType(c, ins.imm[0] as number);
    handlers(c, ins.imm[1] as readonly Handler[], ft.results);
    c.popT(mkRef(ct, true));
    c.popVals(ft.params);
    c.pushVals(ft.results);
  },
  resume_throw: (c, ins) => {
    const { ct, ft } = contType(c, ins.imm[0] as number);
    const tag = tagSig(c, ins.imm[1] as number);
    if (tag.results.length !== 0) c.fail('non-empty tag result type');
    handlers(c, ins.imm[2] as readonly Handler[], ft.results);
    c.popT(mkRef(ct, true));
    c.popVals(tag.params);
    c.pushVals(ft.results);
  },
  resume_throw_ref: (c, ins) => {
    const { ct, ft } = contType(c, ins.imm[0] as number);
    handlers(c, ins.imm[1] as readonly Handler[], ft.results);
    c.popT(mkRef(ct, true));
    c.popT(mkRef('exn', true));
    c.pushVals(ft.results);
  },
  switch: (c, ins) => {
    const { ct, ft } = contType(c, ins.imm[0] as number);
    const tag = tagSig(c, ins.imm[1] as number);
    if (tag.params.length !== 0) c.fail('type mismatch in switch tag');
    const last = ft.params[ft.params.length - 1];
    const ct2 = last !== undefined && typeof last !== 'string' && typeof last.heap !== 'string' ? contFunc(last.heap) : null;
    if (ct2 === null) return c.fail('type mismatch: switch requires a continuation as last parameter');
    if (!isSubValTypes(ft.results, tag.results) || !isSubValTypes(tag.results, ct2.results)) {
      c.fail('type mismatch in switch tag');
    }
    c.popT(mkRef(ct, true));
    c.popVals(ft.params.slice(0, -1));
    c.pushVals(ct2.params);
  },
};
