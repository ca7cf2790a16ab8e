/**
 * Typing rules of control instructions: blocks, branches, calls, exceptions (both the Wasm 3.0
 * try_table form and the legacy try/catch/delegate/rethrow form), and the parametric ones.
 */
import type { BlockType, ValType } from '../syntax/types.js';
import type { Catch, Instr } from '../syntax/module.js';
import type { CValType } from './canon-types.js';
import type { CodeChecker, Ctrl, VT } from './code.js';
import { Kind } from './kind.js';
import { mkRef } from './canon.js';
import type { BranchTarget } from './info.js';
import { isSubRefType, isSubValTypes } from './subtype.js';
import type { Rule } from './rules.js';

const EXNREF_NN = mkRef('exn', false);
const FUNCREF = mkRef('func', true);

function openBlock(c: CodeChecker, ins: Instr, kind: Kind): Ctrl {
  const sig = c.blockSig(ins.imm[0] as BlockType);
  c.blockTypes[c.pc] = sig;
  if (kind === Kind.If) c.popT('i32');
  c.popVals(sig.params);
  return c.pushCtrl(kind, sig);
}

/** Checks that values of types `ts` may be passed to label `l` (arity and subtyping). */
function checkLabelAccepts(c: CodeChecker, l: Ctrl, ts: readonly CValType[]): void {
  if (!isSubValTypes(ts, c.labelTypes(l))) c.fail('type mismatch: catch clause does not match label type');
}

/** The function-level label (what `return` and tail calls leave through). */
function returnTarget(c: CodeChecker): BranchTarget {
  return c.target(c.ctrls.length - 1);
}

function tailCall(c: CodeChecker, callee: { readonly params: readonly CValType[]; readonly results: readonly CValType[] }): void {
  if (!isSubValTypes(callee.results, c.funcType.results)) c.fail('type mismatch: tail call result types do not match');
  c.popVals(callee.params);
  c.branches[c.pc] = [returnTarget(c)];
  c.setUnreachable();
}

/** The table of call_indirect: must hold function references. */
function indirectTable(c: CodeChecker, idx: number): CValType {
  const t = c.table(idx);
  if (!isSubRefType(t.elem, FUNCREF)) c.fail('type mismatch: call_indirect table must hold function references');
  return t.addr;
}

function exceptionTag(c: CodeChecker, idx: number): readonly CValType[] {
  const tag = c.tag(idx);
  if (tag.comp.kind !== 'func') c.fail(`non-function type`);
  if (tag.comp.results.length !== 0) c.fail('non-empty tag result type');
  return tag.comp.params;
}

export const CONTROL_RULES: Record<string, Rule> = {
  unreachable: c => c.setUnreachable(),

  block: (c, ins) => { openBlock(c, ins, Kind.Block); },
  loop: (c, ins) => { openBlock(c, ins, Kind.Loop); },
  if: (c, ins) => { openBlock(c, ins, Kind.If); },
  else: c => {
    const f = c.ctrls[c.ctrls.length - 1];
    if (f.kind !== Kind.If) c.fail('else without if');
    c.checkFrameResults(f);
    c.resetFrame(f);
    f.kind = Kind.Else;
    c.elseOf[f.pc] = c.pc;
    f.middles.push(c.pc);
    c.pushVals(f.params);
  },
  end: c => {
    const top = c.ctrls[c.ctrls.length - 1];
    if (top.kind === Kind.If) {
      // An `if` without `else` behaves as if the else branch passed its parameters through.
      c.checkFrameResults(top);
      c.resetFrame(top);
      c.pushVals(top.params);
    }
    const f = c.popCtrl();
    c.closeFrame(f, c.pc);
    if (c.ctrls.length > 0) c.pushVals(f.results);
  },

  br: (c, ins) => {
    const depth = ins.imm[0] as number;
    const l = c.label(depth);
    c.popVals(c.labelTypes(l));
    c.branches[c.pc] = [c.target(depth)];
    c.setUnreachable();
  },
  br_if: (c, ins) => {
    const depth = ins.imm[0] as number;
    c.popT('i32');
    const ts = c.labelTypes(c.label(depth));
    c.popVals(ts);
    c.pushVals(ts);
    c.branches[c.pc] = [c.target(depth)];
  },
  br_table: (c, ins) => {
    const labels = ins.imm[0] as readonly number[];
    c.popT('i32');
    const def = labels[labels.length - 1];
    const arity = c.labelTypes(c.label(def)).length;
    const targets: BranchTarget[] = [];
    for (const depth of labels) {
      const ts = c.labelTypes(c.label(depth));
      if (ts.length !== arity) c.fail('type mismatch: br_table targets have different arities');
      // Check against the actual values, then put them back for the next label.
      const popped: VT[] = new Array(ts.length);
      for (let i = ts.length - 1; i >= 0; i--) popped[i] = c.popT(ts[i]);
      c.pushVals(popped);
      targets.push(c.target(depth));
    }
    c.branches[c.pc] = targets;
    c.setUnreachable();
  },
  return: c => {
    c.popVals(c.funcType.results);
    c.branches[c.pc] = [returnTarget(c)];
    c.setUnreachable();
  },

  call: (c, ins) => {
    const ft = c.func(ins.imm[0] as number).comp as { params: readonly CValType[]; results: readonly CValType[] };
    c.popVals(ft.params);
    c.pushVals(ft.results);
  },
  call_indirect: (c, ins) => {
    const addr = indirectTable(c, ins.imm[1] as number);
    const ft = c.funcTypeAt(ins.imm[0] as number);
    c.popT(addr);
    c.popVals(ft.params);
    c.pushVals(ft.results);
  },
  return_call: (c, ins) => {
    tailCall(c, c.func(ins.imm[0] as number).comp as { params: readonly CValType[]; results: readonly CValType[] });
  },
  return_call_indirect: (c, ins) => {
    const addr = indirectTable(c, ins.imm[1] as number);
    const ft = c.funcTypeAt(ins.imm[0] as number);
    c.popT(addr);
    tailCall(c, ft);
  },
  call_ref: (c, ins) => {
    const idx = ins.imm[0] as number;
    const ft = c.funcTypeAt(idx);
    c.popT(mkRef(c.type(idx), true));
    c.popVals(ft.params);
    c.pushVals(ft.results);
  },
  return_call_ref: (c, ins) => {
    const idx = ins.imm[0] as number;
    const ft = c.funcTypeAt(idx);
    c.popT(mkRef(c.type(idx), true));
    tailCall(c, ft);
  },

  drop: c => { c.pop(); },
  select: (c, ins) => {
    if (ins.imm.length > 0) {
      // Typed select.
      const ts = ins.imm[0] as readonly ValType[];
      if (ts.length !== 1) c.fail('invalid result arity');
      const t = c.valType(ts[0]);
      c.popT('i32');
      c.popT(t);
      c.popT(t);
      c.push(t);
      return;
    }
    c.popT('i32');
    const t1 = c.pop();
    const t2 = c.pop();
    if ((t1 !== undefined && typeof t1 !== 'string') || (t2 !== undefined && typeof t2 !== 'string')) {
      c.fail('type mismatch: select without type requires numeric or vector operands');
    }
    if (t1 !== undefined && t2 !== undefined && t1 !== t2) c.fail(`type mismatch: select operands ${t1} and ${t2} differ`);
    c.push(t1 ?? t2);
  },

  // ---- exceptions (Wasm 3.0) ----
  throw: (c, ins) => {
    c.popVals(exceptionTag(c, ins.imm[0] as number));
    c.setUnreachable();
  },
  throw_ref: c => {
    c.popT(mkRef('exn', true));
    c.setUnreachable();
  },
  try_table: (c, ins) => {
    const sig = c.blockSig(ins.imm[0] as BlockType);
    c.blockTypes[c.pc] = sig;
    c.popVals(sig.params);
    // Catch labels are resolved outside the try_table's own label.
    const targets: BranchTarget[] = [];
    for (const k of ins.imm[1] as readonly Catch[]) {
      const l = c.label(k.label);
      let ts: readonly CValType[];
      switch (k.kind) {
        case 'catch': ts = exceptionTag(c, k.tag!); break;
        case 'catch_ref': ts = [...exceptionTag(c, k.tag!), EXNREF_NN]; break;
        case 'catch_all': ts = []; break;
        case 'catch_all_ref': ts = [EXNREF_NN]; break;
      }
      checkLabelAccepts(c, l, ts);
      targets.push(c.target(k.label));
    }
    c.branches[c.pc] = targets;
    c.pushCtrl(Kind.TryTable, sig);
  },

  // ---- legacy exceptions ----
  try: (c, ins) => { openBlock(c, ins, Kind.Try); },
  catch: (c, ins) => {
    const f = c.ctrls[c.ctrls.length - 1];
    if (f.kind !== Kind.Try && f.kind !== Kind.Catch) c.fail('catch without try');
    const params = exceptionTag(c, ins.imm[0] as number);
    c.checkFrameResults(f);
    c.resetFrame(f);
    f.kind = Kind.Catch;
    f.middles.push(c.pc);
    c.pushVals(params);
  },
  catch_all: c => {
    const f = c.ctrls[c.ctrls.length - 1];
    if (f.kind !== Kind.Try && f.kind !== Kind.Catch) c.fail('catch_all without try');
    c.checkFrameResults(f);
    c.resetFrame(f);
    f.kind = Kind.CatchAll;
    f.middles.push(c.pc);
  },
  delegate: (c, ins) => {
    const f = c.ctrls[c.ctrls.length - 1];
    if (f.kind !== Kind.Try) c.fail('delegate without try');
    c.popCtrl();
    c.closeFrame(f, c.pc);
    c.endOf[c.pc] = c.pc;
    // The label is counted from outside the try; the function's label means the caller.
    c.branches[c.pc] = [c.target(ins.imm[0] as number)];
    c.pushVals(f.results);
  },
  rethrow: (c, ins) => {
    const l = c.label(ins.imm[0] as number);
    if (l.kind !== Kind.Catch && l.kind !== Kind.CatchAll) c.fail('invalid rethrow label');
    c.setUnreachable();
  },
};

