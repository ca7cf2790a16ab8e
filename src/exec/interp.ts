/**
 * The interpreter loop: one `switch` over the translated code (compile.ts), an explicit frame stack
 * and value stack (thread.ts). Wasm-to-wasm calls, returns, tail calls and calls into other
 * instances never recurse on the host stack; only host functions do (and a host function calling
 * back into wasm starts a nested `run` on the same Thread, above the current frames).
 *
 * Value stack layout: slot k = int32 words 4k..4k+3 and refs[k]. `sp` is the first free slot, `fp`
 * the current frame's first slot (its first parameter). Operand word indices are written `a`, `b`
 * (first, second operand, `slot << 2`); results go to the first operand's slot.
 *
 * Ops `continue` the dispatch loop; calls and returns `break` out of the switch into the shared call
 * and return sequences after it. Traps are thrown as RuntimeError and wasm exceptions as
 * WasmException; the catch around the loop unwinds to a handler or annotates and rethrows.
 */
import { Op } from './ops.js';
import type { Thread, Frame } from './thread.js';
import { offsetAt } from './compiled.js';
import { compiledOf } from './code-cache.js';
import { RuntimeError, type WasmFrame } from '../errors.js';
import { Suspension, type FuncInst } from '../runtime/func.js';
import type { ModuleInstance } from '../runtime/instance.js';
import type { MemInst } from '../runtime/memory.js';
import { WasmException } from '../runtime/tag.js';
import type { Ref, Value } from '../runtime/values.js';
import type { CValType } from '../valid/canon-types.js';
import { cellToValue, valueToCell } from '../runtime/cells.js';
// The generated register cases may use any of these, depending on which ops are hot (reg-table.ts).
import * as I64 from './numeric/i64.js';
import { divS32, divU32, remS32, remU32, rotl32, rotr32 } from './numeric/i32.js';
import { nearest, quiet } from './numeric/float.js';
import { addSub128, mulWide } from './numeric/wide.js';
import * as CV from './numeric/convert.js';
import { ACCESS, addrAt, atomicAccess, effective, loadStore, oob } from './mem-access.js';
import { descMatches, isSubDef, refMatches } from './casts.js';
import type { StructObj } from '../runtime/gc-objects.js';
import * as GC from './gc-ops.js';
import { sharedRmw } from './shared-ops.js';
import { arrayAccess } from './array-bytes.js';
import * as BULK from './bulk.js';
import { SIMD_OPS, SIMD_MEM_OPS } from './simd.js';
import { OPCODES } from '../syntax/opcodes.js';
import { coldOp, KW, KF32, KF64 } from './reg-cold.js';
import { ContObj, NO_REFS, NO_WORDS } from '../runtime/cont.js';
import { copySlots, leaveToParent, resumeOp, suspendOp, switchOp, takeCont } from './switching.js';
import { tierUp } from '../jit/tier.js';
import { canEnter, enterCompiled } from '../jit/bridge.js';
import { enterOsr, OSR_PC } from '../jit/osr.js';

function trap(kind: RuntimeError['kind'], reason: string): never {
  throw new RuntimeError(kind, reason);
}

function funcParams(f: FuncInst): readonly CValType[] {
  return (f.type.comp as { params: readonly CValType[] }).params;
}
function funcResults(f: FuncInst): readonly CValType[] {
  return (f.type.comp as { results: readonly CValType[] }).results;
}

/** Calls host function `g` with the arguments on top of the stack; returns the new sp. */
export function callHost(t: Thread, g: FuncInst, sp: number): number {
  const ps = funcParams(g), rs = funcResults(g);
  const np = ps.length;
  const base = sp - np;
  const i32 = t.i32, refs = t.refs;
  // Small arities get an array literal (packed, unlike `new Array(n)`, which the host function
  // then reads through holey-array checks) and skip the per-value conversion call.
  let args: Value[];
  if (np === 0) args = [];
  else if (np === 1) args = [hostArg(ps[0], i32, base, refs)];
  else if (np === 2) args = [hostArg(ps[0], i32, base, refs), hostArg(ps[1], i32, base + 1, refs)];
  else {
    args = [];
    for (let k = 0; k < np; k++) args.push(cellToValue(ps[k], i32, (base + k) * 4, refs[base + k]));
  }
  t.sp = base;
  const results = g.host!(args);
  if (results instanceof Suspension) {
    // JSPI: the promising call's stack is the root of the chain of running continuations; all of
    // the chain stays suspended, and `run` continues on `t` (see Thread.resumeAt).
    let root = t;
    while (root.parent !== null) root = root.parent;
    if (root.suspendable === false) {
      throw new RuntimeError('other', 'cannot suspend: no suspendable entry on this stack');
    }
    root.suspension = results;
    root.suspendedFn = g;
    root.resumeAt = root === t ? null : t;
    return -1;
  }
  if (!Array.isArray(results) || results.length !== rs.length) {
    throw new TypeError(`host function returned ${Array.isArray(results) ? results.length : typeof results} results, expected ${rs.length}`);
  }
  t.ensure(base + rs.length + 1);
  if (rs.length === 1 && rs[0] === 'i32') {
    // The common single i32 result (same conversion as valueToCell).
    t.i32[base << 2] = Number(results[0]) | 0;
    return base + 1;
  }
  for (let k = 0; k < rs.length; k++) {
    const ty = rs[k];
    if (typeof ty === 'object') t.refs[base + k] = results[k];
    else valueToCell(ty, results[k], t.i32, (base + k) * 4);
  }
  return base + rs.length;
}

/** Argument `s` of a host call: i32 and references without going through `cellToValue`'s switch. */
function hostArg(ty: CValType, i32: Int32Array, s: number, refs: unknown[]): Value {
  if (ty === 'i32') return i32[s << 2];
  if (typeof ty === 'object') return refs[s] as Value;
  return cellToValue(ty, i32, s << 2, refs[s]);
}

/** Pushes the payload of exception `e` (and optionally the exnref) at slot `s`; returns the new sp. */
function pushPayload(t: Thread, e: WasmException, s: number, withRef: boolean): number {
  const ps = (e.tag.type.comp as { params: readonly CValType[] }).params;
  t.ensure(s + ps.length + 2);
  for (let k = 0; k < ps.length; k++) {
    const ty = ps[k];
    if (typeof ty === 'object') t.refs[s + k] = e.args[k];
    else valueToCell(ty, e.args[k], t.i32, (s + k) * 4);
  }
  let sp = s + ps.length;
  if (withRef) t.refs[sp++] = e;
  return sp;
}

/**
 * Looks for a handler of `e` in frames entryDepth..t.depth, innermost first. On success the thread
 * is left positioned at the handler (depth, frame pc, t.sp) and true is returned.
 */
function unwind(t: Thread, e: WasmException, entryDepth: number): boolean {
  for (let d = t.depth; d >= entryDepth; d--) {
    const fr = t.frames[d];
    const hs = fr.c.handlers;
    if (hs.length === 0) continue;
    const p = fr.pc;
    let h = -1;
    for (const x of hs) if (x.start < p && p <= x.end && x.id > h) h = x.id;
    while (h >= 0) {
      const hd = hs[h];
      for (const k of hd.catches) {
        if (k.tag >= 0 && fr.inst.tags[k.tag] !== e.tag) continue;
        t.depth = d;
        const s = fr.fp + k.height;
        if (k.legacy) {
          t.refs[fr.fp + k.exnSlot] = e;
          t.sp = k.tag >= 0 ? pushPayload(t, e, s, false) : s;
        } else {
          let sp = k.tag >= 0 ? pushPayload(t, e, s, k.ref) : s;
          if (k.tag < 0 && k.ref) t.refs[sp++] = e;
          t.sp = sp;
        }
        fr.pc = k.target;
        return true;
      }
      h = hd.delegateTo !== null ? hd.delegateTo : hd.parent;
    }
  }
  return false;
}

/** The wasm stack of frames entryDepth..t.depth, innermost first, for a trap raised at `pc`. */
function traceOf(t: Thread, entryDepth: number, pc: number): WasmFrame[] {
  const out: WasmFrame[] = [];
  for (let d = t.depth; d >= entryDepth; d--) {
    const fr = t.frames[d];
    // A frame whose call went on in compiled code (OSR) was added to the trace there.
    if (fr.pc === OSR_PC) continue;
    const at = d === t.depth ? pc - 1 : fr.pc - 1;
    const idx = fr.c.funcIndex;
    out.push({ funcIndex: idx, funcName: idx >= 0 ? fr.inst.funcName(idx) : null, offset: offsetAt(fr.c, at) });
  }
  return out;
}

/**
 * Fuel: every call and every backward branch costs one unit of `Thread.fuel` (Infinity unless the
 * store sets a budget), so any non-terminating program runs out. Running out traps for now; the
 * frames are all explicit, so a later tier can suspend here instead and resume with `run`.
 */
function outOfFuel(): never {
  throw new RuntimeError('other', 'fuel exhausted');
}

/**
 * Whether `e` is the host's own stack overflow. No regex: this runs in a catch block that may sit
 * near the host stack limit, where compiling one throws a SyntaxError. If even this check overflows,
 * it throws a RangeError again, which a shallower catch classifies.
 */
function isHostStackOverflow(e: unknown): boolean {
  return e instanceof RangeError && e.message.indexOf('call stack') >= 0;
}

/** Copies `n` slots from `src` to `dst` (dst <= src), words and references. */
function moveSlots(i32: Int32Array, refs: unknown[], dst: number, src: number, n: number): void {
  if (n === 0) return;
  if (n === 1) {
    const d = dst << 2, s = src << 2;
    i32[d] = i32[s]; i32[d + 1] = i32[s + 1]; i32[d + 2] = i32[s + 2]; i32[d + 3] = i32[s + 3];
    refs[dst] = refs[src];
    return;
  }
  i32.copyWithin(dst << 2, src << 2, (src + n) << 2);
  for (let k = 0; k < n; k++) refs[dst + k] = refs[src + k];
}

const ACT_CALL = 1, ACT_RETURN = 2, ACT_SWITCH = 3, ACT_BACK = 4;

/**
 * Runs the frame at t.depth (already set up) until the frame at `entryDepth` returns; then the
 * results are at that frame's fp, t.sp points after them, and the result is true. Returns false
 * if a host function suspended the thread (see `Suspension`); the frames stay in place.
 */
export function run(root: Thread, entryDepth: number): boolean {
  // `t` is the stack being executed: `root`, or a continuation's stack (stack switching).
  // `entry` is the depth at which returning leaves `t`: entryDepth on the root, 0 on others.
  let t = root;
  let entry = entryDepth;
  const inner = root.resumeAt;
  if (inner !== null) {
    // Resuming a promising stack that suspended inside a continuation (JSPI).
    root.resumeAt = null;
    t = inner;
    entry = 0;
  }
  let pendingExn: unknown = null;
  let fr: Frame = t.frames[t.depth];
  let c = fr.c, code = c.code, pc = fr.pc, fp = fr.fp, sp = t.sp;
  // fp as a word index (fp << 2): register operands are word offsets from it
  let fw = fp << 2;
  let inst: ModuleInstance = fr.inst;
  let mem: MemInst = inst.mems[0];
  let i32 = t.i32, u32 = t.u32, f32 = t.f32, f64 = t.f64, refs = t.refs;
  let callee: FuncInst | null = null;
  let tail = false;
  let retN = 0;
  let action = 0;
  // Shared temporaries of the generated register cases (reg-table.ts `readOperand`): one set of
  // registers for all of them keeps this function small enough for V8 to optimise.
  let A = 0, B = 0, AL = 0, AH = 0, BL = 0, BH = 0, CL = 0, CH = 0, D = 0, V = 0, VH = 0, ea = 0, lo = 0, s = 0, r = 0, to = 0;
  let a0 = 0, a1 = 0, b0 = 0, b1 = 0, ll = 0, m1 = 0, m2 = 0;
  let v: DataView;

  for (;;) {
    try {
      // JSPI: the promise a suspended host call awaited rejected; throw at the call site.
      if (t.resumeThrow !== null) {
        const r = t.resumeThrow;
        t.resumeThrow = null;
        throw r.error;
      }
      for (;;) {
        switch (code[pc++] as Op) {
          // ---- control ----
          case Op.unreachable: trap('unreachable', 'unreachable');
          case Op.jump: pc = code[pc]; continue;
          case Op.br_copy: {
            if (code[pc] < pc && --t.fuel < 0) outOfFuel();
            const n = code[pc + 2], dst = fp + code[pc + 1];
            moveSlots(i32, refs, dst, sp - n, n);
            sp = dst + n; pc = code[pc];
            continue;
          }
          case Op.loop_jump: pc = code[pc]; action = ACT_BACK; break;
          case Op.br_if_copy:
            if (i32[--sp << 2] !== 0) {
              if (code[pc] < pc && --t.fuel < 0) outOfFuel();
              const n = code[pc + 2], dst = fp + code[pc + 1];
              moveSlots(i32, refs, dst, sp - n, n);
              sp = dst + n; pc = code[pc];
            } else pc += 3;
            continue;
          case Op.br_table_x: {
            const max = code[pc];
            let i = u32[--sp << 2];
            if (i > max) i = max;
            const e = pc + 1 + i * 3;
            if (code[e] < pc && --t.fuel < 0) outOfFuel();
            const n = code[e + 2], dst = fp + code[e + 1];
            moveSlots(i32, refs, dst, sp - n, n);
            sp = dst + n; pc = code[e];
            continue;
          }
          case Op.br_table_r: {
            const max = code[pc + 1];
            let i = u32[fw + code[pc]];
            if (i > max) i = max;
            const to = code[pc + 2 + i];
            if (to < pc) { pc = to; action = ACT_BACK; break; }
            pc = to;
            continue;
          }
          case Op.br_table_load_addi: case Op.br_table_load: {
            if (code[pc - 1] === Op.br_table_load_addi) {
              i32[fw + code[pc]] = (i32[fw + code[pc + 1]] + code[pc + 2]) | 0;
              pc += 3;
            }
            // an interpreter's dispatch in compiled C: switch (code[pc]) loads its index
            ea = ((i32[fw + code[pc]] + (i32[fw + code[pc + 1]] << code[pc + 2]) + code[pc + 3]) >>> 0) + code[pc + 4];
            pc += 5;
            if (ea + 4 > mem.bytes.length) oob();
            const max = code[pc];
            let i = mem.view.getUint32(ea, true);
            if (i > max) i = max;
            to = code[pc + 1 + i];
            if (to < pc) { pc = to; action = ACT_BACK; break; }
            pc = to;
            continue;
          }
          case Op.return_x: // the results' height is static: sp may be stale after register ops
            retN = code[pc];
            sp = fp + code[pc + 1] + retN;
            action = ACT_RETURN;
            break;
          case Op.call: // func, height after the arguments (static, so no sp_set is needed)
            callee = inst.funcs[code[pc]];
            sp = fp + code[pc + 1];
            pc += 2;
            tail = false; action = ACT_CALL;
            break;
          case Op.call_addi:
            i32[fw + code[pc]] = (i32[fw + code[pc + 1]] + code[pc + 2]) | 0;
            callee = inst.funcs[code[pc + 3]];
            sp = fp + code[pc + 4];
            pc += 5;
            tail = false; action = ACT_CALL;
            break;
          case Op.return_call:
            callee = inst.funcs[code[pc]];
            sp = fp + code[pc + 1];
            pc += 2;
            tail = true; action = ACT_CALL;
            break;
          case Op.call_indirect: case Op.return_call_indirect: {
            tail = code[pc - 1] === Op.return_call_indirect;
            const ty = inst.types[code[pc]], tab = inst.tables[code[pc + 1]];
            const is64 = code[pc + 2] !== 0;
            sp = fp + code[pc + 3] - 1;
            pc += 4;
            const idx = addrAt(i32, sp << 2, is64);
            if (idx >= tab.elems.length) trap('undefined-element', `undefined element ${idx}`);
            const f = tab.elems[idx] as FuncInst | null;
            if (f === null) trap('uninitialized-element', `uninitialized element ${idx}`);
            if (!isSubDef(f.type, ty)) trap('indirect-call-mismatch', 'indirect call type mismatch');
            callee = f; action = ACT_CALL;
            break;
          }
          case Op.call_ref: case Op.return_call_ref: {
            tail = code[pc - 1] === Op.return_call_ref;
            sp = fp + code[pc + 1] - 1;
            pc += 2;
            const f = refs[sp] as FuncInst | null;
            if (f === null) trap('null-reference', 'null function reference');
            callee = f; action = ACT_CALL;
            break;
          }
          case Op.throw: {
            const tag = inst.tags[code[pc++]];
            const ps = (tag.type.comp as { params: readonly CValType[] }).params;
            const base = sp - ps.length;
            const args = new Array(ps.length);
            for (let k = 0; k < ps.length; k++) args[k] = cellToValue(ps[k], i32, (base + k) << 2, refs[base + k]);
            sp = base;
            throw new WasmException(tag, args);
          }
          case Op.throw_ref: {
            const e = refs[--sp];
            if (e === null) trap('null-reference', 'null exception reference');
            throw e;
          }
          case Op.rethrow:
            throw refs[fp + code[pc++]];
          case Op.select: {
            sp -= 2; // val1 at sp-1, val2 at sp, condition at sp+1
            if (i32[(sp + 1) << 2] === 0) moveSlots(i32, refs, sp - 1, sp, 1);
            continue;
          }

          // ---- variables ----
          case Op.local_get: {
            const s = fp + code[pc++], w = s << 2, d = sp << 2;
            i32[d] = i32[w]; i32[d + 1] = i32[w + 1]; i32[d + 2] = i32[w + 2]; i32[d + 3] = i32[w + 3];
            refs[sp++] = refs[s];
            continue;
          }
          case Op.local_get_w1: i32[sp++ << 2] = i32[(fp + code[pc++]) << 2]; continue;
          case Op.local_get_w2: {
            const w = (fp + code[pc++]) << 2, d = sp++ << 2;
            i32[d] = i32[w]; i32[d + 1] = i32[w + 1];
            continue;
          }
          case Op.local_get_ref: refs[sp++] = refs[fp + code[pc++]]; continue;
          case Op.probe: {
            const offset = code[pc++];
            const fn = inst.probes?.get(offset);
            if (fn !== undefined) {
              fr.pc = pc; t.sp = sp;
              fn({ inst, funcIndex: c.funcIndex, offset, thread: t, fp, sp });
              i32 = t.i32; u32 = t.u32; f32 = t.f32; f64 = t.f64; refs = t.refs;
            }
            continue;
          }

          // ---- register forms (compile.ts virtual operand stack): operands are word offsets from fp ----
          case Op.sp_set: sp = fp + code[pc++]; continue;
          case Op.mov_w1: { i32[fw + code[pc]] = i32[fw + code[pc + 1]]; pc += 2; continue; }
          case Op.mov_w2: {
            const d = fw + code[pc], s = fw + code[pc + 1];
            i32[d] = i32[s]; i32[d + 1] = i32[s + 1];
            pc += 2;
            continue;
          }
          case Op.mov_slot: {
            const d = fw + code[pc], s = fw + code[pc + 1];
            i32[d] = i32[s]; i32[d + 1] = i32[s + 1]; i32[d + 2] = i32[s + 2]; i32[d + 3] = i32[s + 3];
            refs[d >> 2] = refs[s >> 2];
            pc += 2;
            continue;
          }
          case Op.mov_ref: refs[fp + (code[pc] >> 2)] = refs[fp + (code[pc + 1] >> 2)]; pc += 2; continue;
          case Op.const_w1: i32[fw + code[pc]] = code[pc + 1]; pc += 2; continue;
          case Op.const_w2: {
            const d = fw + code[pc];
            i32[d] = code[pc + 1]; i32[d + 1] = code[pc + 2];
            pc += 3;
            continue;
          }
          case Op.br_nez:
            if (i32[fw + code[pc]] !== 0) {
              const to = code[pc + 1];
              if (to < pc) { pc = to; action = ACT_BACK; break; }
              pc = to;
            } else pc += 2;
            continue;
          case Op.br_eqz:
            if (i32[fw + code[pc]] === 0) {
              const to = code[pc + 1];
              if (to < pc) { pc = to; action = ACT_BACK; break; }
              pc = to;
            } else pc += 2;
            continue;
          case Op.global_get_r: {
            const g = inst.globals[code[pc + 1]], cell = g.cell, d = fw + code[pc];
            i32[d] = cell[0]; i32[d + 1] = cell[1]; i32[d + 2] = cell[2]; i32[d + 3] = cell[3];
            refs[d >> 2] = g.ref;
            pc += 2;
            continue;
          }
          case Op.global_set_r: {
            const g = inst.globals[code[pc]], cell = g.cell, a = fw + code[pc + 1];
            cell[0] = i32[a]; cell[1] = i32[a + 1]; cell[2] = i32[a + 2]; cell[3] = i32[a + 3];
            g.ref = refs[a >> 2] as Ref;
            pc += 2;
            continue;
          }
          case Op.select_w1: {
            i32[fw + code[pc]] = i32[fw + code[pc + 3]] !== 0 ? i32[fw + code[pc + 1]] : i32[fw + code[pc + 2]];
            pc += 4;
            continue;
          }
          case Op.select_w1_andi: {
            i32[fw + code[pc]] = (i32[fw + code[pc + 3]] & code[pc + 4]) !== 0 ? i32[fw + code[pc + 1]] : i32[fw + code[pc + 2]];
            pc += 5;
            continue;
          }
          case Op.select_w2: {
            const s = i32[fw + code[pc + 3]] !== 0 ? fw + code[pc + 1] : fw + code[pc + 2], d = fw + code[pc];
            const lo = i32[s], hi = i32[s + 1];
            i32[d] = lo; i32[d + 1] = hi;
            pc += 4;
            continue;
          }
          case Op.reg_cold: pc = coldOp(code, pc, fp, i32, f32, f64); continue;
          // Generated from reg-table.ts (test/exec/reg-ops.test.ts).
          // <reg-ops>
          case Op.i32_add_rr: { A = i32[fw + code[pc + 1]]; B = i32[fw + code[pc + 2]]; i32[fw + code[pc]] = (A + B) | 0; pc += 3; continue; }
          case Op.i32_add_ri: { A = i32[fw + code[pc + 1]]; B = code[pc + 2]; i32[fw + code[pc]] = (A + B) | 0; pc += 3; continue; }
          case Op.i32_sub_rr: { A = i32[fw + code[pc + 1]]; B = i32[fw + code[pc + 2]]; i32[fw + code[pc]] = (A - B) | 0; pc += 3; continue; }
          case Op.i32_sub_ri: { A = i32[fw + code[pc + 1]]; B = code[pc + 2]; i32[fw + code[pc]] = (A - B) | 0; pc += 3; continue; }
          case Op.i32_mul_rr: { A = i32[fw + code[pc + 1]]; B = i32[fw + code[pc + 2]]; i32[fw + code[pc]] = Math.imul(A, B); pc += 3; continue; }
          case Op.i32_mul_ri: { A = i32[fw + code[pc + 1]]; B = code[pc + 2]; i32[fw + code[pc]] = Math.imul(A, B); pc += 3; continue; }
          case Op.i32_and_rr: { A = i32[fw + code[pc + 1]]; B = i32[fw + code[pc + 2]]; i32[fw + code[pc]] = A & B; pc += 3; continue; }
          case Op.i32_and_ri: { A = i32[fw + code[pc + 1]]; B = code[pc + 2]; i32[fw + code[pc]] = A & B; pc += 3; continue; }
          case Op.i32_or_rr: { A = i32[fw + code[pc + 1]]; B = i32[fw + code[pc + 2]]; i32[fw + code[pc]] = A | B; pc += 3; continue; }
          case Op.i32_or_ri: { A = i32[fw + code[pc + 1]]; B = code[pc + 2]; i32[fw + code[pc]] = A | B; pc += 3; continue; }
          case Op.i32_xor_rr: { A = i32[fw + code[pc + 1]]; B = i32[fw + code[pc + 2]]; i32[fw + code[pc]] = A ^ B; pc += 3; continue; }
          case Op.i32_xor_ri: { A = i32[fw + code[pc + 1]]; B = code[pc + 2]; i32[fw + code[pc]] = A ^ B; pc += 3; continue; }
          case Op.i32_shl_rr: { A = i32[fw + code[pc + 1]]; B = i32[fw + code[pc + 2]]; i32[fw + code[pc]] = A << B; pc += 3; continue; }
          case Op.i32_shl_ri: { A = i32[fw + code[pc + 1]]; B = code[pc + 2]; i32[fw + code[pc]] = A << B; pc += 3; continue; }
          case Op.i32_shr_s_rr: { A = i32[fw + code[pc + 1]]; B = i32[fw + code[pc + 2]]; i32[fw + code[pc]] = A >> B; pc += 3; continue; }
          case Op.i32_shr_s_ri: { A = i32[fw + code[pc + 1]]; B = code[pc + 2]; i32[fw + code[pc]] = A >> B; pc += 3; continue; }
          case Op.i32_shr_u_rr: { A = i32[fw + code[pc + 1]]; B = i32[fw + code[pc + 2]]; i32[fw + code[pc]] = (A >>> B) | 0; pc += 3; continue; }
          case Op.i32_shr_u_ri: { A = i32[fw + code[pc + 1]]; B = code[pc + 2]; i32[fw + code[pc]] = (A >>> B) | 0; pc += 3; continue; }
          case Op.i32_eq_rr: { A = i32[fw + code[pc + 1]]; B = i32[fw + code[pc + 2]]; i32[fw + code[pc]] = A === B ? 1 : 0; pc += 3; continue; }
          case Op.i32_eq_ri: { A = i32[fw + code[pc + 1]]; B = code[pc + 2]; i32[fw + code[pc]] = A === B ? 1 : 0; pc += 3; continue; }
          case Op.br_i32_eq_rr: { A = i32[fw + code[pc + 0]]; B = i32[fw + code[pc + 1]]; if (A === B) { to = code[pc + 2]; if (to < pc) { pc = to; action = ACT_BACK; break; } pc = to; } else pc += 3; continue; }
          case Op.br_i32_eq_ri: { A = i32[fw + code[pc + 0]]; B = code[pc + 1]; if (A === B) { to = code[pc + 2]; if (to < pc) { pc = to; action = ACT_BACK; break; } pc = to; } else pc += 3; continue; }
          case Op.i32_ne_rr: { A = i32[fw + code[pc + 1]]; B = i32[fw + code[pc + 2]]; i32[fw + code[pc]] = A !== B ? 1 : 0; pc += 3; continue; }
          case Op.i32_ne_ri: { A = i32[fw + code[pc + 1]]; B = code[pc + 2]; i32[fw + code[pc]] = A !== B ? 1 : 0; pc += 3; continue; }
          case Op.br_i32_ne_rr: { A = i32[fw + code[pc + 0]]; B = i32[fw + code[pc + 1]]; if (A !== B) { to = code[pc + 2]; if (to < pc) { pc = to; action = ACT_BACK; break; } pc = to; } else pc += 3; continue; }
          case Op.br_i32_ne_ri: { A = i32[fw + code[pc + 0]]; B = code[pc + 1]; if (A !== B) { to = code[pc + 2]; if (to < pc) { pc = to; action = ACT_BACK; break; } pc = to; } else pc += 3; continue; }
          case Op.i32_lt_s_rr: { A = i32[fw + code[pc + 1]]; B = i32[fw + code[pc + 2]]; i32[fw + code[pc]] = A < B ? 1 : 0; pc += 3; continue; }
          case Op.i32_lt_s_ri: { A = i32[fw + code[pc + 1]]; B = code[pc + 2]; i32[fw + code[pc]] = A < B ? 1 : 0; pc += 3; continue; }
          case Op.br_i32_lt_s_rr: { A = i32[fw + code[pc + 0]]; B = i32[fw + code[pc + 1]]; if (A < B) { to = code[pc + 2]; if (to < pc) { pc = to; action = ACT_BACK; break; } pc = to; } else pc += 3; continue; }
          case Op.br_i32_lt_s_ri: { A = i32[fw + code[pc + 0]]; B = code[pc + 1]; if (A < B) { to = code[pc + 2]; if (to < pc) { pc = to; action = ACT_BACK; break; } pc = to; } else pc += 3; continue; }
          case Op.i32_lt_u_rr: { A = i32[fw + code[pc + 1]]; B = i32[fw + code[pc + 2]]; i32[fw + code[pc]] = (A >>> 0) < (B >>> 0) ? 1 : 0; pc += 3; continue; }
          case Op.i32_lt_u_ri: { A = i32[fw + code[pc + 1]]; B = code[pc + 2]; i32[fw + code[pc]] = (A >>> 0) < (B >>> 0) ? 1 : 0; pc += 3; continue; }
          case Op.br_i32_lt_u_rr: { A = i32[fw + code[pc + 0]]; B = i32[fw + code[pc + 1]]; if ((A >>> 0) < (B >>> 0)) { to = code[pc + 2]; if (to < pc) { pc = to; action = ACT_BACK; break; } pc = to; } else pc += 3; continue; }
          case Op.br_i32_lt_u_ri: { A = i32[fw + code[pc + 0]]; B = code[pc + 1]; if ((A >>> 0) < (B >>> 0)) { to = code[pc + 2]; if (to < pc) { pc = to; action = ACT_BACK; break; } pc = to; } else pc += 3; continue; }
          case Op.i32_gt_s_rr: { A = i32[fw + code[pc + 1]]; B = i32[fw + code[pc + 2]]; i32[fw + code[pc]] = A > B ? 1 : 0; pc += 3; continue; }
          case Op.i32_gt_s_ri: { A = i32[fw + code[pc + 1]]; B = code[pc + 2]; i32[fw + code[pc]] = A > B ? 1 : 0; pc += 3; continue; }
          case Op.br_i32_gt_s_rr: { A = i32[fw + code[pc + 0]]; B = i32[fw + code[pc + 1]]; if (A > B) { to = code[pc + 2]; if (to < pc) { pc = to; action = ACT_BACK; break; } pc = to; } else pc += 3; continue; }
          case Op.br_i32_gt_s_ri: { A = i32[fw + code[pc + 0]]; B = code[pc + 1]; if (A > B) { to = code[pc + 2]; if (to < pc) { pc = to; action = ACT_BACK; break; } pc = to; } else pc += 3; continue; }
          case Op.i32_gt_u_rr: { A = i32[fw + code[pc + 1]]; B = i32[fw + code[pc + 2]]; i32[fw + code[pc]] = (A >>> 0) > (B >>> 0) ? 1 : 0; pc += 3; continue; }
          case Op.i32_gt_u_ri: { A = i32[fw + code[pc + 1]]; B = code[pc + 2]; i32[fw + code[pc]] = (A >>> 0) > (B >>> 0) ? 1 : 0; pc += 3; continue; }
          case Op.br_i32_gt_u_rr: { A = i32[fw + code[pc + 0]]; B = i32[fw + code[pc + 1]]; if ((A >>> 0) > (B >>> 0)) { to = code[pc + 2]; if (to < pc) { pc = to; action = ACT_BACK; break; } pc = to; } else pc += 3; continue; }
          case Op.br_i32_gt_u_ri: { A = i32[fw + code[pc + 0]]; B = code[pc + 1]; if ((A >>> 0) > (B >>> 0)) { to = code[pc + 2]; if (to < pc) { pc = to; action = ACT_BACK; break; } pc = to; } else pc += 3; continue; }
          case Op.br_i32_le_s_rr: { A = i32[fw + code[pc + 0]]; B = i32[fw + code[pc + 1]]; if (A <= B) { to = code[pc + 2]; if (to < pc) { pc = to; action = ACT_BACK; break; } pc = to; } else pc += 3; continue; }
          case Op.br_i32_le_s_ri: { A = i32[fw + code[pc + 0]]; B = code[pc + 1]; if (A <= B) { to = code[pc + 2]; if (to < pc) { pc = to; action = ACT_BACK; break; } pc = to; } else pc += 3; continue; }
          case Op.br_i32_le_u_rr: { A = i32[fw + code[pc + 0]]; B = i32[fw + code[pc + 1]]; if ((A >>> 0) <= (B >>> 0)) { to = code[pc + 2]; if (to < pc) { pc = to; action = ACT_BACK; break; } pc = to; } else pc += 3; continue; }
          case Op.br_i32_le_u_ri: { A = i32[fw + code[pc + 0]]; B = code[pc + 1]; if ((A >>> 0) <= (B >>> 0)) { to = code[pc + 2]; if (to < pc) { pc = to; action = ACT_BACK; break; } pc = to; } else pc += 3; continue; }
          case Op.br_i32_ge_s_rr: { A = i32[fw + code[pc + 0]]; B = i32[fw + code[pc + 1]]; if (A >= B) { to = code[pc + 2]; if (to < pc) { pc = to; action = ACT_BACK; break; } pc = to; } else pc += 3; continue; }
          case Op.br_i32_ge_s_ri: { A = i32[fw + code[pc + 0]]; B = code[pc + 1]; if (A >= B) { to = code[pc + 2]; if (to < pc) { pc = to; action = ACT_BACK; break; } pc = to; } else pc += 3; continue; }
          case Op.br_i32_ge_u_rr: { A = i32[fw + code[pc + 0]]; B = i32[fw + code[pc + 1]]; if ((A >>> 0) >= (B >>> 0)) { to = code[pc + 2]; if (to < pc) { pc = to; action = ACT_BACK; break; } pc = to; } else pc += 3; continue; }
          case Op.br_i32_ge_u_ri: { A = i32[fw + code[pc + 0]]; B = code[pc + 1]; if ((A >>> 0) >= (B >>> 0)) { to = code[pc + 2]; if (to < pc) { pc = to; action = ACT_BACK; break; } pc = to; } else pc += 3; continue; }
          case Op.i32_eqz_r: { A = i32[fw + code[pc + 1]]; i32[fw + code[pc]] = A === 0 ? 1 : 0; pc += 2; continue; }
          case Op.i64_add_rr: { AL = fw + code[pc + 1]; AH = i32[AL + 1]; AL = i32[AL]; BL = fw + code[pc + 2]; BH = i32[BL + 1]; BL = i32[BL]; D = fw + code[pc]; lo = (AL >>> 0) + (BL >>> 0); i32[D] = lo | 0; i32[D + 1] = (AH + BH + (lo > 0xffffffff ? 1 : 0)) | 0; pc += 3; continue; }
          case Op.i64_add_ri: { AL = fw + code[pc + 1]; AH = i32[AL + 1]; AL = i32[AL]; BL = code[pc + 2]; BH = code[pc + 3]; D = fw + code[pc]; lo = (AL >>> 0) + (BL >>> 0); i32[D] = lo | 0; i32[D + 1] = (AH + BH + (lo > 0xffffffff ? 1 : 0)) | 0; pc += 4; continue; }
          case Op.i64_sub_rr: { AL = fw + code[pc + 1]; AH = i32[AL + 1]; AL = i32[AL]; BL = fw + code[pc + 2]; BH = i32[BL + 1]; BL = i32[BL]; D = fw + code[pc]; lo = (AL >>> 0) - (BL >>> 0); i32[D] = lo | 0; i32[D + 1] = (AH - BH - (lo < 0 ? 1 : 0)) | 0; pc += 3; continue; }
          case Op.i64_sub_ri: { AL = fw + code[pc + 1]; AH = i32[AL + 1]; AL = i32[AL]; BL = code[pc + 2]; BH = code[pc + 3]; D = fw + code[pc]; lo = (AL >>> 0) - (BL >>> 0); i32[D] = lo | 0; i32[D + 1] = (AH - BH - (lo < 0 ? 1 : 0)) | 0; pc += 4; continue; }
          case Op.i64_mul_rr: { AL = fw + code[pc + 1]; AH = i32[AL + 1]; AL = i32[AL]; BL = fw + code[pc + 2]; BH = i32[BL + 1]; BL = i32[BL]; D = fw + code[pc]; a0 = AL & 0xffff; a1 = AL >>> 16; b0 = BL & 0xffff; b1 = BL >>> 16; ll = a0 * b0; m1 = a1 * b0; m2 = a0 * b1; i32[D + 1] = (a1 * b1 + (m1 >>> 16) + (m2 >>> 16) + (((ll >>> 16) + (m1 & 0xffff) + (m2 & 0xffff)) >>> 16) + Math.imul(AL, BH) + Math.imul(AH, BL)) | 0; i32[D] = Math.imul(AL, BL); pc += 3; continue; }
          case Op.i64_mul_ri: { AL = fw + code[pc + 1]; AH = i32[AL + 1]; AL = i32[AL]; BL = code[pc + 2]; BH = code[pc + 3]; D = fw + code[pc]; a0 = AL & 0xffff; a1 = AL >>> 16; b0 = BL & 0xffff; b1 = BL >>> 16; ll = a0 * b0; m1 = a1 * b0; m2 = a0 * b1; i32[D + 1] = (a1 * b1 + (m1 >>> 16) + (m2 >>> 16) + (((ll >>> 16) + (m1 & 0xffff) + (m2 & 0xffff)) >>> 16) + Math.imul(AL, BH) + Math.imul(AH, BL)) | 0; i32[D] = Math.imul(AL, BL); pc += 4; continue; }
          case Op.i64_and_rr: { AL = fw + code[pc + 1]; AH = i32[AL + 1]; AL = i32[AL]; BL = fw + code[pc + 2]; BH = i32[BL + 1]; BL = i32[BL]; D = fw + code[pc]; i32[D] = AL & BL; i32[D + 1] = AH & BH; pc += 3; continue; }
          case Op.i64_and_ri: { AL = fw + code[pc + 1]; AH = i32[AL + 1]; AL = i32[AL]; BL = code[pc + 2]; BH = code[pc + 3]; D = fw + code[pc]; i32[D] = AL & BL; i32[D + 1] = AH & BH; pc += 4; continue; }
          case Op.i64_or_rr: { AL = fw + code[pc + 1]; AH = i32[AL + 1]; AL = i32[AL]; BL = fw + code[pc + 2]; BH = i32[BL + 1]; BL = i32[BL]; D = fw + code[pc]; i32[D] = AL | BL; i32[D + 1] = AH | BH; pc += 3; continue; }
          case Op.i64_or_ri: { AL = fw + code[pc + 1]; AH = i32[AL + 1]; AL = i32[AL]; BL = code[pc + 2]; BH = code[pc + 3]; D = fw + code[pc]; i32[D] = AL | BL; i32[D + 1] = AH | BH; pc += 4; continue; }
          case Op.i64_xor_rr: { AL = fw + code[pc + 1]; AH = i32[AL + 1]; AL = i32[AL]; BL = fw + code[pc + 2]; BH = i32[BL + 1]; BL = i32[BL]; D = fw + code[pc]; i32[D] = AL ^ BL; i32[D + 1] = AH ^ BH; pc += 3; continue; }
          case Op.i64_xor_ri: { AL = fw + code[pc + 1]; AH = i32[AL + 1]; AL = i32[AL]; BL = code[pc + 2]; BH = code[pc + 3]; D = fw + code[pc]; i32[D] = AL ^ BL; i32[D + 1] = AH ^ BH; pc += 4; continue; }
          case Op.i64_shl_rr: { AL = fw + code[pc + 1]; AH = i32[AL + 1]; AL = i32[AL]; BL = fw + code[pc + 2]; BH = i32[BL + 1]; BL = i32[BL]; D = fw + code[pc]; s = BL & 63; if (s === 0) { i32[D] = AL; i32[D + 1] = AH; } else if (s < 32) { i32[D + 1] = (AH << s) | (AL >>> (32 - s)); i32[D] = AL << s; } else { i32[D + 1] = AL << (s - 32); i32[D] = 0; } pc += 3; continue; }
          case Op.i64_shl_ri: { AL = fw + code[pc + 1]; AH = i32[AL + 1]; AL = i32[AL]; BL = code[pc + 2]; BH = code[pc + 3]; D = fw + code[pc]; s = BL & 63; if (s === 0) { i32[D] = AL; i32[D + 1] = AH; } else if (s < 32) { i32[D + 1] = (AH << s) | (AL >>> (32 - s)); i32[D] = AL << s; } else { i32[D + 1] = AL << (s - 32); i32[D] = 0; } pc += 4; continue; }
          case Op.i64_shr_s_rr: { AL = fw + code[pc + 1]; AH = i32[AL + 1]; AL = i32[AL]; BL = fw + code[pc + 2]; BH = i32[BL + 1]; BL = i32[BL]; D = fw + code[pc]; s = BL & 63; if (s === 0) { i32[D] = AL; i32[D + 1] = AH; } else if (s < 32) { i32[D] = (AL >>> s) | (AH << (32 - s)); i32[D + 1] = AH >> s; } else { i32[D] = AH >> (s - 32); i32[D + 1] = AH >> 31; } pc += 3; continue; }
          case Op.i64_shr_s_ri: { AL = fw + code[pc + 1]; AH = i32[AL + 1]; AL = i32[AL]; BL = code[pc + 2]; BH = code[pc + 3]; D = fw + code[pc]; s = BL & 63; if (s === 0) { i32[D] = AL; i32[D + 1] = AH; } else if (s < 32) { i32[D] = (AL >>> s) | (AH << (32 - s)); i32[D + 1] = AH >> s; } else { i32[D] = AH >> (s - 32); i32[D + 1] = AH >> 31; } pc += 4; continue; }
          case Op.i64_shr_u_rr: { AL = fw + code[pc + 1]; AH = i32[AL + 1]; AL = i32[AL]; BL = fw + code[pc + 2]; BH = i32[BL + 1]; BL = i32[BL]; D = fw + code[pc]; s = BL & 63; if (s === 0) { i32[D] = AL; i32[D + 1] = AH; } else if (s < 32) { i32[D] = (AL >>> s) | (AH << (32 - s)); i32[D + 1] = AH >>> s; } else { i32[D] = AH >>> (s - 32); i32[D + 1] = 0; } pc += 3; continue; }
          case Op.i64_shr_u_ri: { AL = fw + code[pc + 1]; AH = i32[AL + 1]; AL = i32[AL]; BL = code[pc + 2]; BH = code[pc + 3]; D = fw + code[pc]; s = BL & 63; if (s === 0) { i32[D] = AL; i32[D + 1] = AH; } else if (s < 32) { i32[D] = (AL >>> s) | (AH << (32 - s)); i32[D + 1] = AH >>> s; } else { i32[D] = AH >>> (s - 32); i32[D + 1] = 0; } pc += 4; continue; }
          case Op.i64_rotl_rr: { AL = fw + code[pc + 1]; AH = i32[AL + 1]; AL = i32[AL]; BL = fw + code[pc + 2]; BH = i32[BL + 1]; BL = i32[BL]; D = fw + code[pc]; s = BL & 63; if (s === 0) { i32[D] = AL; i32[D + 1] = AH; } else if (s < 32) { i32[D] = (AL << s) | (AH >>> (32 - s)); i32[D + 1] = (AH << s) | (AL >>> (32 - s)); } else { r = s - 32; if (r === 0) { i32[D] = AH; i32[D + 1] = AL; } else { i32[D] = (AH << r) | (AL >>> (32 - r)); i32[D + 1] = (AL << r) | (AH >>> (32 - r)); } } pc += 3; continue; }
          case Op.i64_rotl_ri: { AL = fw + code[pc + 1]; AH = i32[AL + 1]; AL = i32[AL]; BL = code[pc + 2]; BH = code[pc + 3]; D = fw + code[pc]; s = BL & 63; if (s === 0) { i32[D] = AL; i32[D + 1] = AH; } else if (s < 32) { i32[D] = (AL << s) | (AH >>> (32 - s)); i32[D + 1] = (AH << s) | (AL >>> (32 - s)); } else { r = s - 32; if (r === 0) { i32[D] = AH; i32[D + 1] = AL; } else { i32[D] = (AH << r) | (AL >>> (32 - r)); i32[D + 1] = (AL << r) | (AH >>> (32 - r)); } } pc += 4; continue; }
          case Op.i64_eqz_r: { AL = fw + code[pc + 1]; AH = i32[AL + 1]; AL = i32[AL]; i32[fw + code[pc]] = (AL | AH) === 0 ? 1 : 0; pc += 2; continue; }
          case Op.f32_add_rr: { A = f32[fw + code[pc + 1]]; B = f32[fw + code[pc + 2]]; f32[fw + code[pc]] = A + B; pc += 3; continue; }
          case Op.f32_add_ri: { A = f32[fw + code[pc + 1]]; KW[0] = code[pc + 2]; B = KF32[0]; f32[fw + code[pc]] = A + B; pc += 3; continue; }
          case Op.f32_sub_rr: { A = f32[fw + code[pc + 1]]; B = f32[fw + code[pc + 2]]; f32[fw + code[pc]] = A - B; pc += 3; continue; }
          case Op.f32_sub_ri: { A = f32[fw + code[pc + 1]]; KW[0] = code[pc + 2]; B = KF32[0]; f32[fw + code[pc]] = A - B; pc += 3; continue; }
          case Op.f32_mul_rr: { A = f32[fw + code[pc + 1]]; B = f32[fw + code[pc + 2]]; f32[fw + code[pc]] = A * B; pc += 3; continue; }
          case Op.f32_mul_ri: { A = f32[fw + code[pc + 1]]; KW[0] = code[pc + 2]; B = KF32[0]; f32[fw + code[pc]] = A * B; pc += 3; continue; }
          case Op.f32_div_rr: { A = f32[fw + code[pc + 1]]; B = f32[fw + code[pc + 2]]; f32[fw + code[pc]] = A / B; pc += 3; continue; }
          case Op.f64_add_rr: { A = f64[(fw + code[pc + 1]) >> 1]; B = f64[(fw + code[pc + 2]) >> 1]; f64[(fw + code[pc]) >> 1] = A + B; pc += 3; continue; }
          case Op.f64_add_ri: { A = f64[(fw + code[pc + 1]) >> 1]; KW[0] = code[pc + 2]; KW[1] = code[pc + 3]; B = KF64[0]; f64[(fw + code[pc]) >> 1] = A + B; pc += 4; continue; }
          case Op.f64_sub_rr: { A = f64[(fw + code[pc + 1]) >> 1]; B = f64[(fw + code[pc + 2]) >> 1]; f64[(fw + code[pc]) >> 1] = A - B; pc += 3; continue; }
          case Op.f64_sub_ri: { A = f64[(fw + code[pc + 1]) >> 1]; KW[0] = code[pc + 2]; KW[1] = code[pc + 3]; B = KF64[0]; f64[(fw + code[pc]) >> 1] = A - B; pc += 4; continue; }
          case Op.f64_mul_rr: { A = f64[(fw + code[pc + 1]) >> 1]; B = f64[(fw + code[pc + 2]) >> 1]; f64[(fw + code[pc]) >> 1] = A * B; pc += 3; continue; }
          case Op.f64_mul_ri: { A = f64[(fw + code[pc + 1]) >> 1]; KW[0] = code[pc + 2]; KW[1] = code[pc + 3]; B = KF64[0]; f64[(fw + code[pc]) >> 1] = A * B; pc += 4; continue; }
          case Op.f64_div_rr: { A = f64[(fw + code[pc + 1]) >> 1]; B = f64[(fw + code[pc + 2]) >> 1]; f64[(fw + code[pc]) >> 1] = A / B; pc += 3; continue; }
          case Op.f64_div_ri: { A = f64[(fw + code[pc + 1]) >> 1]; KW[0] = code[pc + 2]; KW[1] = code[pc + 3]; B = KF64[0]; f64[(fw + code[pc]) >> 1] = A / B; pc += 4; continue; }
          case Op.f64_lt_rr: { A = f64[(fw + code[pc + 1]) >> 1]; B = f64[(fw + code[pc + 2]) >> 1]; i32[fw + code[pc]] = A < B ? 1 : 0; pc += 3; continue; }
          case Op.f64_lt_ri: { A = f64[(fw + code[pc + 1]) >> 1]; KW[0] = code[pc + 2]; KW[1] = code[pc + 3]; B = KF64[0]; i32[fw + code[pc]] = A < B ? 1 : 0; pc += 4; continue; }
          case Op.br_f64_lt_rr: { A = f64[(fw + code[pc + 0]) >> 1]; B = f64[(fw + code[pc + 1]) >> 1]; if (A < B) { to = code[pc + 2]; if (to < pc) { pc = to; action = ACT_BACK; break; } pc = to; } else pc += 3; continue; }
          case Op.brn_f64_lt_rr: { A = f64[(fw + code[pc + 0]) >> 1]; B = f64[(fw + code[pc + 1]) >> 1]; if (!(A < B)) { to = code[pc + 2]; if (to < pc) { pc = to; action = ACT_BACK; break; } pc = to; } else pc += 3; continue; }
          case Op.br_f64_lt_ri: { A = f64[(fw + code[pc + 0]) >> 1]; KW[0] = code[pc + 1]; KW[1] = code[pc + 2]; B = KF64[0]; if (A < B) { to = code[pc + 3]; if (to < pc) { pc = to; action = ACT_BACK; break; } pc = to; } else pc += 4; continue; }
          case Op.brn_f64_lt_ri: { A = f64[(fw + code[pc + 0]) >> 1]; KW[0] = code[pc + 1]; KW[1] = code[pc + 2]; B = KF64[0]; if (!(A < B)) { to = code[pc + 3]; if (to < pc) { pc = to; action = ACT_BACK; break; } pc = to; } else pc += 4; continue; }
          case Op.f64_gt_rr: { A = f64[(fw + code[pc + 1]) >> 1]; B = f64[(fw + code[pc + 2]) >> 1]; i32[fw + code[pc]] = A > B ? 1 : 0; pc += 3; continue; }
          case Op.f64_gt_ri: { A = f64[(fw + code[pc + 1]) >> 1]; KW[0] = code[pc + 2]; KW[1] = code[pc + 3]; B = KF64[0]; i32[fw + code[pc]] = A > B ? 1 : 0; pc += 4; continue; }
          case Op.br_f64_gt_rr: { A = f64[(fw + code[pc + 0]) >> 1]; B = f64[(fw + code[pc + 1]) >> 1]; if (A > B) { to = code[pc + 2]; if (to < pc) { pc = to; action = ACT_BACK; break; } pc = to; } else pc += 3; continue; }
          case Op.brn_f64_gt_rr: { A = f64[(fw + code[pc + 0]) >> 1]; B = f64[(fw + code[pc + 1]) >> 1]; if (!(A > B)) { to = code[pc + 2]; if (to < pc) { pc = to; action = ACT_BACK; break; } pc = to; } else pc += 3; continue; }
          case Op.br_f64_gt_ri: { A = f64[(fw + code[pc + 0]) >> 1]; KW[0] = code[pc + 1]; KW[1] = code[pc + 2]; B = KF64[0]; if (A > B) { to = code[pc + 3]; if (to < pc) { pc = to; action = ACT_BACK; break; } pc = to; } else pc += 4; continue; }
          case Op.brn_f64_gt_ri: { A = f64[(fw + code[pc + 0]) >> 1]; KW[0] = code[pc + 1]; KW[1] = code[pc + 2]; B = KF64[0]; if (!(A > B)) { to = code[pc + 3]; if (to < pc) { pc = to; action = ACT_BACK; break; } pc = to; } else pc += 4; continue; }
          case Op.f64_le_rr: { A = f64[(fw + code[pc + 1]) >> 1]; B = f64[(fw + code[pc + 2]) >> 1]; i32[fw + code[pc]] = A <= B ? 1 : 0; pc += 3; continue; }
          case Op.f64_le_ri: { A = f64[(fw + code[pc + 1]) >> 1]; KW[0] = code[pc + 2]; KW[1] = code[pc + 3]; B = KF64[0]; i32[fw + code[pc]] = A <= B ? 1 : 0; pc += 4; continue; }
          case Op.br_f64_le_rr: { A = f64[(fw + code[pc + 0]) >> 1]; B = f64[(fw + code[pc + 1]) >> 1]; if (A <= B) { to = code[pc + 2]; if (to < pc) { pc = to; action = ACT_BACK; break; } pc = to; } else pc += 3; continue; }
          case Op.brn_f64_le_rr: { A = f64[(fw + code[pc + 0]) >> 1]; B = f64[(fw + code[pc + 1]) >> 1]; if (!(A <= B)) { to = code[pc + 2]; if (to < pc) { pc = to; action = ACT_BACK; break; } pc = to; } else pc += 3; continue; }
          case Op.br_f64_le_ri: { A = f64[(fw + code[pc + 0]) >> 1]; KW[0] = code[pc + 1]; KW[1] = code[pc + 2]; B = KF64[0]; if (A <= B) { to = code[pc + 3]; if (to < pc) { pc = to; action = ACT_BACK; break; } pc = to; } else pc += 4; continue; }
          case Op.brn_f64_le_ri: { A = f64[(fw + code[pc + 0]) >> 1]; KW[0] = code[pc + 1]; KW[1] = code[pc + 2]; B = KF64[0]; if (!(A <= B)) { to = code[pc + 3]; if (to < pc) { pc = to; action = ACT_BACK; break; } pc = to; } else pc += 4; continue; }
          case Op.f64_ge_rr: { A = f64[(fw + code[pc + 1]) >> 1]; B = f64[(fw + code[pc + 2]) >> 1]; i32[fw + code[pc]] = A >= B ? 1 : 0; pc += 3; continue; }
          case Op.f64_ge_ri: { A = f64[(fw + code[pc + 1]) >> 1]; KW[0] = code[pc + 2]; KW[1] = code[pc + 3]; B = KF64[0]; i32[fw + code[pc]] = A >= B ? 1 : 0; pc += 4; continue; }
          case Op.br_f64_ge_rr: { A = f64[(fw + code[pc + 0]) >> 1]; B = f64[(fw + code[pc + 1]) >> 1]; if (A >= B) { to = code[pc + 2]; if (to < pc) { pc = to; action = ACT_BACK; break; } pc = to; } else pc += 3; continue; }
          case Op.brn_f64_ge_rr: { A = f64[(fw + code[pc + 0]) >> 1]; B = f64[(fw + code[pc + 1]) >> 1]; if (!(A >= B)) { to = code[pc + 2]; if (to < pc) { pc = to; action = ACT_BACK; break; } pc = to; } else pc += 3; continue; }
          case Op.br_f64_ge_ri: { A = f64[(fw + code[pc + 0]) >> 1]; KW[0] = code[pc + 1]; KW[1] = code[pc + 2]; B = KF64[0]; if (A >= B) { to = code[pc + 3]; if (to < pc) { pc = to; action = ACT_BACK; break; } pc = to; } else pc += 4; continue; }
          case Op.brn_f64_ge_ri: { A = f64[(fw + code[pc + 0]) >> 1]; KW[0] = code[pc + 1]; KW[1] = code[pc + 2]; B = KF64[0]; if (!(A >= B)) { to = code[pc + 3]; if (to < pc) { pc = to; action = ACT_BACK; break; } pc = to; } else pc += 4; continue; }
          case Op.f64_abs_r: { AL = fw + code[pc + 1]; AH = i32[AL + 1]; AL = i32[AL]; D = fw + code[pc]; i32[D] = AL; i32[D + 1] = AH & 0x7fffffff; pc += 2; continue; }
          case Op.f64_neg_r: { AL = fw + code[pc + 1]; AH = i32[AL + 1]; AL = i32[AL]; D = fw + code[pc]; i32[D] = AL; i32[D + 1] = AH ^ -0x80000000; pc += 2; continue; }
          case Op.f64_sqrt_r: { A = f64[(fw + code[pc + 1]) >> 1]; f64[(fw + code[pc]) >> 1] = Math.sqrt(A); pc += 2; continue; }
          case Op.i32_trunc_f64_s_r: { A = f64[(fw + code[pc + 1]) >> 1]; i32[fw + code[pc]] = CV.truncI32S(A); pc += 2; continue; }
          case Op.i64_extend_i32_s_r: { A = i32[fw + code[pc + 1]]; D = fw + code[pc]; i32[D] = A; i32[D + 1] = A >> 31; pc += 2; continue; }
          case Op.i64_extend_i32_u_r: { A = i32[fw + code[pc + 1]]; D = fw + code[pc]; i32[D] = A; i32[D + 1] = 0; pc += 2; continue; }
          case Op.f32_demote_f64_r: { A = f64[(fw + code[pc + 1]) >> 1]; f32[fw + code[pc]] = A; pc += 2; continue; }
          case Op.f64_convert_i32_s_r: { A = i32[fw + code[pc + 1]]; f64[(fw + code[pc]) >> 1] = A; pc += 2; continue; }
          case Op.f64_convert_i32_u_r: { A = i32[fw + code[pc + 1]]; f64[(fw + code[pc]) >> 1] = A >>> 0; pc += 2; continue; }
          case Op.f64_promote_f32_r: { A = f32[fw + code[pc + 1]]; f64[(fw + code[pc]) >> 1] = A; pc += 2; continue; }
          case Op.i32_load_r: { D = fw + code[pc]; ea = ((i32[fw + code[pc + 1]] + code[pc + 2]) >>> 0) + code[pc + 3]; pc += 4; if (ea + 4 > mem.bytes.length) oob(); i32[D] = mem.view.getInt32(ea, true); continue; }
          case Op.i32_load_x: { D = fw + code[pc]; ea = ((i32[fw + code[pc + 1]] + (i32[fw + code[pc + 2]] << code[pc + 3]) + code[pc + 4]) >>> 0) + code[pc + 5]; pc += 6; if (ea + 4 > mem.bytes.length) oob(); i32[D] = mem.view.getInt32(ea, true); continue; }
          case Op.i64_load_r: { D = fw + code[pc]; ea = ((i32[fw + code[pc + 1]] + code[pc + 2]) >>> 0) + code[pc + 3]; pc += 4; if (ea + 8 > mem.bytes.length) oob(); v = mem.view; i32[D] = v.getInt32(ea, true); i32[D + 1] = v.getInt32(ea + 4, true); continue; }
          case Op.i64_load_x: { D = fw + code[pc]; ea = ((i32[fw + code[pc + 1]] + (i32[fw + code[pc + 2]] << code[pc + 3]) + code[pc + 4]) >>> 0) + code[pc + 5]; pc += 6; if (ea + 8 > mem.bytes.length) oob(); v = mem.view; i32[D] = v.getInt32(ea, true); i32[D + 1] = v.getInt32(ea + 4, true); continue; }
          case Op.i32_load8_s_r: { D = fw + code[pc]; ea = ((i32[fw + code[pc + 1]] + code[pc + 2]) >>> 0) + code[pc + 3]; pc += 4; if (ea + 1 > mem.bytes.length) oob(); i32[D] = (mem.bytes[ea] << 24) >> 24; continue; }
          case Op.i32_load8_u_r: { D = fw + code[pc]; ea = ((i32[fw + code[pc + 1]] + code[pc + 2]) >>> 0) + code[pc + 3]; pc += 4; if (ea + 1 > mem.bytes.length) oob(); i32[D] = mem.bytes[ea]; continue; }
          case Op.i32_load8_u_x: { D = fw + code[pc]; ea = ((i32[fw + code[pc + 1]] + (i32[fw + code[pc + 2]] << code[pc + 3]) + code[pc + 4]) >>> 0) + code[pc + 5]; pc += 6; if (ea + 1 > mem.bytes.length) oob(); i32[D] = mem.bytes[ea]; continue; }
          case Op.i32_load16_s_r: { D = fw + code[pc]; ea = ((i32[fw + code[pc + 1]] + code[pc + 2]) >>> 0) + code[pc + 3]; pc += 4; if (ea + 2 > mem.bytes.length) oob(); i32[D] = mem.view.getInt16(ea, true); continue; }
          case Op.i32_load16_u_r: { D = fw + code[pc]; ea = ((i32[fw + code[pc + 1]] + code[pc + 2]) >>> 0) + code[pc + 3]; pc += 4; if (ea + 2 > mem.bytes.length) oob(); i32[D] = mem.view.getUint16(ea, true); continue; }
          case Op.i64_load8_s_r: { D = fw + code[pc]; ea = ((i32[fw + code[pc + 1]] + code[pc + 2]) >>> 0) + code[pc + 3]; pc += 4; if (ea + 1 > mem.bytes.length) oob(); lo = (mem.bytes[ea] << 24) >> 24; i32[D] = lo; i32[D + 1] = lo >> 31; continue; }
          case Op.i64_load8_u_r: { D = fw + code[pc]; ea = ((i32[fw + code[pc + 1]] + code[pc + 2]) >>> 0) + code[pc + 3]; pc += 4; if (ea + 1 > mem.bytes.length) oob(); i32[D] = mem.bytes[ea]; i32[D + 1] = 0; continue; }
          case Op.i64_load16_s_r: { D = fw + code[pc]; ea = ((i32[fw + code[pc + 1]] + code[pc + 2]) >>> 0) + code[pc + 3]; pc += 4; if (ea + 2 > mem.bytes.length) oob(); lo = mem.view.getInt16(ea, true); i32[D] = lo; i32[D + 1] = lo >> 31; continue; }
          case Op.i64_load16_u_r: { D = fw + code[pc]; ea = ((i32[fw + code[pc + 1]] + code[pc + 2]) >>> 0) + code[pc + 3]; pc += 4; if (ea + 2 > mem.bytes.length) oob(); i32[D] = mem.view.getUint16(ea, true); i32[D + 1] = 0; continue; }
          case Op.i64_load32_s_r: { D = fw + code[pc]; ea = ((i32[fw + code[pc + 1]] + code[pc + 2]) >>> 0) + code[pc + 3]; pc += 4; if (ea + 4 > mem.bytes.length) oob(); lo = mem.view.getInt32(ea, true); i32[D] = lo; i32[D + 1] = lo >> 31; continue; }
          case Op.i64_load32_u_r: { D = fw + code[pc]; ea = ((i32[fw + code[pc + 1]] + code[pc + 2]) >>> 0) + code[pc + 3]; pc += 4; if (ea + 4 > mem.bytes.length) oob(); i32[D] = mem.view.getInt32(ea, true); i32[D + 1] = 0; continue; }
          case Op.i32_store_x: { D = fw + code[pc + 4]; V = i32[D]; ea = ((i32[fw + code[pc + 0]] + (i32[fw + code[pc + 1]] << code[pc + 2]) + code[pc + 3]) >>> 0) + code[pc + 5]; pc += 6; if (ea + 4 > mem.bytes.length) oob(); mem.view.setInt32(ea, V, true); continue; }
          case Op.i32_store_r: { D = fw + code[pc + 2]; V = i32[D]; ea = ((i32[fw + code[pc]] + code[pc + 1]) >>> 0) + code[pc + 3]; pc += 4; if (ea + 4 > mem.bytes.length) oob(); mem.view.setInt32(ea, V, true); continue; }
          case Op.i32_store_ri: { V = code[pc + 2]; ea = ((i32[fw + code[pc]] + code[pc + 1]) >>> 0) + code[pc + 3]; pc += 4; if (ea + 4 > mem.bytes.length) oob(); mem.view.setInt32(ea, V, true); continue; }
          case Op.i64_store_x: { D = fw + code[pc + 4]; V = i32[D]; VH = i32[D + 1]; ea = ((i32[fw + code[pc + 0]] + (i32[fw + code[pc + 1]] << code[pc + 2]) + code[pc + 3]) >>> 0) + code[pc + 5]; pc += 6; if (ea + 8 > mem.bytes.length) oob(); v = mem.view; v.setInt32(ea, V, true); v.setInt32(ea + 4, VH, true); continue; }
          case Op.i64_store_r: { D = fw + code[pc + 2]; V = i32[D]; VH = i32[D + 1]; ea = ((i32[fw + code[pc]] + code[pc + 1]) >>> 0) + code[pc + 3]; pc += 4; if (ea + 8 > mem.bytes.length) oob(); v = mem.view; v.setInt32(ea, V, true); v.setInt32(ea + 4, VH, true); continue; }
          case Op.i64_store_ri: { V = code[pc + 2]; VH = code[pc + 3]; ea = ((i32[fw + code[pc]] + code[pc + 1]) >>> 0) + code[pc + 4]; pc += 5; if (ea + 8 > mem.bytes.length) oob(); v = mem.view; v.setInt32(ea, V, true); v.setInt32(ea + 4, VH, true); continue; }
          case Op.i32_store8_x: { D = fw + code[pc + 4]; V = i32[D]; ea = ((i32[fw + code[pc + 0]] + (i32[fw + code[pc + 1]] << code[pc + 2]) + code[pc + 3]) >>> 0) + code[pc + 5]; pc += 6; if (ea + 1 > mem.bytes.length) oob(); mem.bytes[ea] = V; continue; }
          case Op.i32_store8_r: { D = fw + code[pc + 2]; V = i32[D]; ea = ((i32[fw + code[pc]] + code[pc + 1]) >>> 0) + code[pc + 3]; pc += 4; if (ea + 1 > mem.bytes.length) oob(); mem.bytes[ea] = V; continue; }
          case Op.i32_store8_ri: { V = code[pc + 2]; ea = ((i32[fw + code[pc]] + code[pc + 1]) >>> 0) + code[pc + 3]; pc += 4; if (ea + 1 > mem.bytes.length) oob(); mem.bytes[ea] = V; continue; }
          case Op.i32_store16_r: { D = fw + code[pc + 2]; V = i32[D]; ea = ((i32[fw + code[pc]] + code[pc + 1]) >>> 0) + code[pc + 3]; pc += 4; if (ea + 2 > mem.bytes.length) oob(); mem.view.setInt16(ea, V, true); continue; }
          case Op.i32_store16_ri: { V = code[pc + 2]; ea = ((i32[fw + code[pc]] + code[pc + 1]) >>> 0) + code[pc + 3]; pc += 4; if (ea + 2 > mem.bytes.length) oob(); mem.view.setInt16(ea, V, true); continue; }
          case Op.f64_load_r: { D = fw + code[pc]; ea = ((i32[fw + code[pc + 1]] + code[pc + 2]) >>> 0) + code[pc + 3]; pc += 4; if (ea + 8 > mem.bytes.length) oob(); f64[D >> 1] = mem.view.getFloat64(ea, true); continue; }
          case Op.f64_load_x: { D = fw + code[pc]; ea = ((i32[fw + code[pc + 1]] + (i32[fw + code[pc + 2]] << code[pc + 3]) + code[pc + 4]) >>> 0) + code[pc + 5]; pc += 6; if (ea + 8 > mem.bytes.length) oob(); f64[D >> 1] = mem.view.getFloat64(ea, true); continue; }
          case Op.f64_store_x: { D = fw + code[pc + 4]; ea = ((i32[fw + code[pc + 0]] + (i32[fw + code[pc + 1]] << code[pc + 2]) + code[pc + 3]) >>> 0) + code[pc + 5]; pc += 6; if (ea + 8 > mem.bytes.length) oob(); mem.view.setFloat64(ea, f64[D >> 1], true); continue; }
          case Op.f64_store_r: { D = fw + code[pc + 2]; ea = ((i32[fw + code[pc]] + code[pc + 1]) >>> 0) + code[pc + 3]; pc += 4; if (ea + 8 > mem.bytes.length) oob(); mem.view.setFloat64(ea, f64[D >> 1], true); continue; }
          case Op.f32_add_mul_L: { A = f32[fw + code[pc + 1]]; B = f32[fw + code[pc + 2]]; A = Math.fround(A * B); B = f32[fw + code[pc + 3]]; f32[fw + code[pc]] = A + B; pc += 4; continue; }
          case Op.f32_add_mul_R: { A = f32[fw + code[pc + 1]]; B = f32[fw + code[pc + 2]]; B = Math.fround(A * B); A = f32[fw + code[pc + 3]]; f32[fw + code[pc]] = A + B; pc += 4; continue; }
          case Op.f32_add_muli_L: { A = f32[fw + code[pc + 1]]; KW[0] = code[pc + 2]; B = KF32[0]; A = Math.fround(A * B); B = f32[fw + code[pc + 3]]; f32[fw + code[pc]] = A + B; pc += 4; continue; }
          case Op.f32_add_muli_R: { A = f32[fw + code[pc + 1]]; KW[0] = code[pc + 2]; B = KF32[0]; B = Math.fround(A * B); A = f32[fw + code[pc + 3]]; f32[fw + code[pc]] = A + B; pc += 4; continue; }
          case Op.f64_add_mul_L: { A = f64[(fw + code[pc + 1]) >> 1]; B = f64[(fw + code[pc + 2]) >> 1]; A = A * B; B = f64[(fw + code[pc + 3]) >> 1]; f64[(fw + code[pc]) >> 1] = A + B; pc += 4; continue; }
          case Op.f64_add_mul_R: { A = f64[(fw + code[pc + 1]) >> 1]; B = f64[(fw + code[pc + 2]) >> 1]; B = A * B; A = f64[(fw + code[pc + 3]) >> 1]; f64[(fw + code[pc]) >> 1] = A + B; pc += 4; continue; }
          case Op.f64_add_add_L: { A = f64[(fw + code[pc + 1]) >> 1]; B = f64[(fw + code[pc + 2]) >> 1]; A = A + B; B = f64[(fw + code[pc + 3]) >> 1]; f64[(fw + code[pc]) >> 1] = A + B; pc += 4; continue; }
          case Op.f64_add_add_R: { A = f64[(fw + code[pc + 1]) >> 1]; B = f64[(fw + code[pc + 2]) >> 1]; B = A + B; A = f64[(fw + code[pc + 3]) >> 1]; f64[(fw + code[pc]) >> 1] = A + B; pc += 4; continue; }
          case Op.f64_add_sub_L: { A = f64[(fw + code[pc + 1]) >> 1]; B = f64[(fw + code[pc + 2]) >> 1]; A = A - B; B = f64[(fw + code[pc + 3]) >> 1]; f64[(fw + code[pc]) >> 1] = A + B; pc += 4; continue; }
          case Op.f64_add_sub_R: { A = f64[(fw + code[pc + 1]) >> 1]; B = f64[(fw + code[pc + 2]) >> 1]; B = A - B; A = f64[(fw + code[pc + 3]) >> 1]; f64[(fw + code[pc]) >> 1] = A + B; pc += 4; continue; }
          case Op.f64_sub_mul_L: { A = f64[(fw + code[pc + 1]) >> 1]; B = f64[(fw + code[pc + 2]) >> 1]; A = A * B; B = f64[(fw + code[pc + 3]) >> 1]; f64[(fw + code[pc]) >> 1] = A - B; pc += 4; continue; }
          case Op.f64_sub_mul_R: { A = f64[(fw + code[pc + 1]) >> 1]; B = f64[(fw + code[pc + 2]) >> 1]; B = A * B; A = f64[(fw + code[pc + 3]) >> 1]; f64[(fw + code[pc]) >> 1] = A - B; pc += 4; continue; }
          case Op.f64_sub_add_L: { A = f64[(fw + code[pc + 1]) >> 1]; B = f64[(fw + code[pc + 2]) >> 1]; A = A + B; B = f64[(fw + code[pc + 3]) >> 1]; f64[(fw + code[pc]) >> 1] = A - B; pc += 4; continue; }
          case Op.f64_sub_add_R: { A = f64[(fw + code[pc + 1]) >> 1]; B = f64[(fw + code[pc + 2]) >> 1]; B = A + B; A = f64[(fw + code[pc + 3]) >> 1]; f64[(fw + code[pc]) >> 1] = A - B; pc += 4; continue; }
          case Op.f64_sub_sub_L: { A = f64[(fw + code[pc + 1]) >> 1]; B = f64[(fw + code[pc + 2]) >> 1]; A = A - B; B = f64[(fw + code[pc + 3]) >> 1]; f64[(fw + code[pc]) >> 1] = A - B; pc += 4; continue; }
          case Op.f64_sub_sub_R: { A = f64[(fw + code[pc + 1]) >> 1]; B = f64[(fw + code[pc + 2]) >> 1]; B = A - B; A = f64[(fw + code[pc + 3]) >> 1]; f64[(fw + code[pc]) >> 1] = A - B; pc += 4; continue; }
          case Op.f64_mul_mul_L: { A = f64[(fw + code[pc + 1]) >> 1]; B = f64[(fw + code[pc + 2]) >> 1]; A = A * B; B = f64[(fw + code[pc + 3]) >> 1]; f64[(fw + code[pc]) >> 1] = A * B; pc += 4; continue; }
          case Op.f64_mul_mul_R: { A = f64[(fw + code[pc + 1]) >> 1]; B = f64[(fw + code[pc + 2]) >> 1]; B = A * B; A = f64[(fw + code[pc + 3]) >> 1]; f64[(fw + code[pc]) >> 1] = A * B; pc += 4; continue; }
          case Op.f64_mul_add_L: { A = f64[(fw + code[pc + 1]) >> 1]; B = f64[(fw + code[pc + 2]) >> 1]; A = A + B; B = f64[(fw + code[pc + 3]) >> 1]; f64[(fw + code[pc]) >> 1] = A * B; pc += 4; continue; }
          case Op.f64_mul_add_R: { A = f64[(fw + code[pc + 1]) >> 1]; B = f64[(fw + code[pc + 2]) >> 1]; B = A + B; A = f64[(fw + code[pc + 3]) >> 1]; f64[(fw + code[pc]) >> 1] = A * B; pc += 4; continue; }
          case Op.f64_mul_sub_L: { A = f64[(fw + code[pc + 1]) >> 1]; B = f64[(fw + code[pc + 2]) >> 1]; A = A - B; B = f64[(fw + code[pc + 3]) >> 1]; f64[(fw + code[pc]) >> 1] = A * B; pc += 4; continue; }
          case Op.f64_mul_sub_R: { A = f64[(fw + code[pc + 1]) >> 1]; B = f64[(fw + code[pc + 2]) >> 1]; B = A - B; A = f64[(fw + code[pc + 3]) >> 1]; f64[(fw + code[pc]) >> 1] = A * B; pc += 4; continue; }
          case Op.i32_xor_shli_L: { A = i32[fw + code[pc + 1]]; B = code[pc + 2]; A = A << B; B = i32[fw + code[pc + 3]]; i32[fw + code[pc]] = A ^ B; pc += 4; continue; }
          case Op.i32_xor_shli_R: { A = i32[fw + code[pc + 1]]; B = code[pc + 2]; B = A << B; A = i32[fw + code[pc + 3]]; i32[fw + code[pc]] = A ^ B; pc += 4; continue; }
          case Op.i32_xor_shr_ui_L: { A = i32[fw + code[pc + 1]]; B = code[pc + 2]; A = (A >>> B) | 0; B = i32[fw + code[pc + 3]]; i32[fw + code[pc]] = A ^ B; pc += 4; continue; }
          case Op.i32_xor_shr_ui_R: { A = i32[fw + code[pc + 1]]; B = code[pc + 2]; B = (A >>> B) | 0; A = i32[fw + code[pc + 3]]; i32[fw + code[pc]] = A ^ B; pc += 4; continue; }
          case Op.i32_add_shli_L: { A = i32[fw + code[pc + 1]]; B = code[pc + 2]; A = A << B; B = i32[fw + code[pc + 3]]; i32[fw + code[pc]] = (A + B) | 0; pc += 4; continue; }
          case Op.i32_add_shli_R: { A = i32[fw + code[pc + 1]]; B = code[pc + 2]; B = A << B; A = i32[fw + code[pc + 3]]; i32[fw + code[pc]] = (A + B) | 0; pc += 4; continue; }
          case Op.i32_add_shli_Li: { A = i32[fw + code[pc + 1]]; B = code[pc + 2]; A = A << B; B = code[pc + 3]; i32[fw + code[pc]] = (A + B) | 0; pc += 4; continue; }
          case Op.i32_add_muli_Li: { A = i32[fw + code[pc + 1]]; B = code[pc + 2]; A = Math.imul(A, B); B = code[pc + 3]; i32[fw + code[pc]] = (A + B) | 0; pc += 4; continue; }
          case Op.f64_add_muli_L: { A = f64[(fw + code[pc + 1]) >> 1]; KW[0] = code[pc + 2]; KW[1] = code[pc + 3]; B = KF64[0]; A = A * B; B = f64[(fw + code[pc + 4]) >> 1]; f64[(fw + code[pc]) >> 1] = A + B; pc += 5; continue; }
          case Op.f64_add_muli_R: { A = f64[(fw + code[pc + 1]) >> 1]; KW[0] = code[pc + 2]; KW[1] = code[pc + 3]; B = KF64[0]; B = A * B; A = f64[(fw + code[pc + 4]) >> 1]; f64[(fw + code[pc]) >> 1] = A + B; pc += 5; continue; }
          case Op.f64_sub_muli_L: { A = f64[(fw + code[pc + 1]) >> 1]; KW[0] = code[pc + 2]; KW[1] = code[pc + 3]; B = KF64[0]; A = A * B; B = f64[(fw + code[pc + 4]) >> 1]; f64[(fw + code[pc]) >> 1] = A - B; pc += 5; continue; }
          case Op.f64_sub_muli_R: { A = f64[(fw + code[pc + 1]) >> 1]; KW[0] = code[pc + 2]; KW[1] = code[pc + 3]; B = KF64[0]; B = A * B; A = f64[(fw + code[pc + 4]) >> 1]; f64[(fw + code[pc]) >> 1] = A - B; pc += 5; continue; }
          case Op.i64_add_muli_L: { CL = fw + code[pc + 4]; CH = i32[CL + 1]; CL = i32[CL]; AL = fw + code[pc + 1]; AH = i32[AL + 1]; AL = i32[AL]; BL = code[pc + 2]; BH = code[pc + 3]; D = fw + code[pc]; a0 = AL & 0xffff; a1 = AL >>> 16; b0 = BL & 0xffff; b1 = BL >>> 16; ll = a0 * b0; m1 = a1 * b0; m2 = a0 * b1; i32[D + 1] = (a1 * b1 + (m1 >>> 16) + (m2 >>> 16) + (((ll >>> 16) + (m1 & 0xffff) + (m2 & 0xffff)) >>> 16) + Math.imul(AL, BH) + Math.imul(AH, BL)) | 0; i32[D] = Math.imul(AL, BL); AL = i32[D]; AH = i32[D + 1]; BL = CL; BH = CH; lo = (AL >>> 0) + (BL >>> 0); i32[D] = lo | 0; i32[D + 1] = (AH + BH + (lo > 0xffffffff ? 1 : 0)) | 0; pc += 5; continue; }
          case Op.i64_add_muli_R: { CL = fw + code[pc + 4]; CH = i32[CL + 1]; CL = i32[CL]; AL = fw + code[pc + 1]; AH = i32[AL + 1]; AL = i32[AL]; BL = code[pc + 2]; BH = code[pc + 3]; D = fw + code[pc]; a0 = AL & 0xffff; a1 = AL >>> 16; b0 = BL & 0xffff; b1 = BL >>> 16; ll = a0 * b0; m1 = a1 * b0; m2 = a0 * b1; i32[D + 1] = (a1 * b1 + (m1 >>> 16) + (m2 >>> 16) + (((ll >>> 16) + (m1 & 0xffff) + (m2 & 0xffff)) >>> 16) + Math.imul(AL, BH) + Math.imul(AH, BL)) | 0; i32[D] = Math.imul(AL, BL); BL = i32[D]; BH = i32[D + 1]; AL = CL; AH = CH; lo = (AL >>> 0) + (BL >>> 0); i32[D] = lo | 0; i32[D + 1] = (AH + BH + (lo > 0xffffffff ? 1 : 0)) | 0; pc += 5; continue; }
          case Op.i64_add_muli_Li: { CL = code[pc + 4]; CH = code[pc + 5]; AL = fw + code[pc + 1]; AH = i32[AL + 1]; AL = i32[AL]; BL = code[pc + 2]; BH = code[pc + 3]; D = fw + code[pc]; a0 = AL & 0xffff; a1 = AL >>> 16; b0 = BL & 0xffff; b1 = BL >>> 16; ll = a0 * b0; m1 = a1 * b0; m2 = a0 * b1; i32[D + 1] = (a1 * b1 + (m1 >>> 16) + (m2 >>> 16) + (((ll >>> 16) + (m1 & 0xffff) + (m2 & 0xffff)) >>> 16) + Math.imul(AL, BH) + Math.imul(AH, BL)) | 0; i32[D] = Math.imul(AL, BL); AL = i32[D]; AH = i32[D + 1]; BL = CL; BH = CH; lo = (AL >>> 0) + (BL >>> 0); i32[D] = lo | 0; i32[D + 1] = (AH + BH + (lo > 0xffffffff ? 1 : 0)) | 0; pc += 6; continue; }
          case Op.i64_mul_rotli_Li: { CL = code[pc + 4]; CH = code[pc + 5]; AL = fw + code[pc + 1]; AH = i32[AL + 1]; AL = i32[AL]; BL = code[pc + 2]; BH = code[pc + 3]; D = fw + code[pc]; s = BL & 63; if (s === 0) { i32[D] = AL; i32[D + 1] = AH; } else if (s < 32) { i32[D] = (AL << s) | (AH >>> (32 - s)); i32[D + 1] = (AH << s) | (AL >>> (32 - s)); } else { r = s - 32; if (r === 0) { i32[D] = AH; i32[D + 1] = AL; } else { i32[D] = (AH << r) | (AL >>> (32 - r)); i32[D + 1] = (AL << r) | (AH >>> (32 - r)); } } AL = i32[D]; AH = i32[D + 1]; BL = CL; BH = CH; a0 = AL & 0xffff; a1 = AL >>> 16; b0 = BL & 0xffff; b1 = BL >>> 16; ll = a0 * b0; m1 = a1 * b0; m2 = a0 * b1; i32[D + 1] = (a1 * b1 + (m1 >>> 16) + (m2 >>> 16) + (((ll >>> 16) + (m1 & 0xffff) + (m2 & 0xffff)) >>> 16) + Math.imul(AL, BH) + Math.imul(AH, BL)) | 0; i32[D] = Math.imul(AL, BL); pc += 6; continue; }
          case Op.i64_xor_shr_ui_L: { CL = fw + code[pc + 4]; CH = i32[CL + 1]; CL = i32[CL]; AL = fw + code[pc + 1]; AH = i32[AL + 1]; AL = i32[AL]; BL = code[pc + 2]; BH = code[pc + 3]; D = fw + code[pc]; s = BL & 63; if (s === 0) { i32[D] = AL; i32[D + 1] = AH; } else if (s < 32) { i32[D] = (AL >>> s) | (AH << (32 - s)); i32[D + 1] = AH >>> s; } else { i32[D] = AH >>> (s - 32); i32[D + 1] = 0; } AL = i32[D]; AH = i32[D + 1]; BL = CL; BH = CH; i32[D] = AL ^ BL; i32[D + 1] = AH ^ BH; pc += 5; continue; }
          case Op.i64_xor_shr_ui_R: { CL = fw + code[pc + 4]; CH = i32[CL + 1]; CL = i32[CL]; AL = fw + code[pc + 1]; AH = i32[AL + 1]; AL = i32[AL]; BL = code[pc + 2]; BH = code[pc + 3]; D = fw + code[pc]; s = BL & 63; if (s === 0) { i32[D] = AL; i32[D + 1] = AH; } else if (s < 32) { i32[D] = (AL >>> s) | (AH << (32 - s)); i32[D + 1] = AH >>> s; } else { i32[D] = AH >>> (s - 32); i32[D + 1] = 0; } BL = i32[D]; BH = i32[D + 1]; AL = CL; AH = CH; i32[D] = AL ^ BL; i32[D + 1] = AH ^ BH; pc += 5; continue; }
          case Op.i64_mul_xor_Li: { CL = code[pc + 3]; CH = code[pc + 4]; AL = fw + code[pc + 1]; AH = i32[AL + 1]; AL = i32[AL]; BL = fw + code[pc + 2]; BH = i32[BL + 1]; BL = i32[BL]; D = fw + code[pc]; i32[D] = AL ^ BL; i32[D + 1] = AH ^ BH; AL = i32[D]; AH = i32[D + 1]; BL = CL; BH = CH; a0 = AL & 0xffff; a1 = AL >>> 16; b0 = BL & 0xffff; b1 = BL >>> 16; ll = a0 * b0; m1 = a1 * b0; m2 = a0 * b1; i32[D + 1] = (a1 * b1 + (m1 >>> 16) + (m2 >>> 16) + (((ll >>> 16) + (m1 & 0xffff) + (m2 & 0xffff)) >>> 16) + Math.imul(AL, BH) + Math.imul(AH, BL)) | 0; i32[D] = Math.imul(AL, BL); pc += 5; continue; }
          case Op.i64_rotl_add_Li: { CL = code[pc + 3]; CH = code[pc + 4]; AL = fw + code[pc + 1]; AH = i32[AL + 1]; AL = i32[AL]; BL = fw + code[pc + 2]; BH = i32[BL + 1]; BL = i32[BL]; D = fw + code[pc]; lo = (AL >>> 0) + (BL >>> 0); i32[D] = lo | 0; i32[D + 1] = (AH + BH + (lo > 0xffffffff ? 1 : 0)) | 0; AL = i32[D]; AH = i32[D + 1]; BL = CL; BH = CH; s = BL & 63; if (s === 0) { i32[D] = AL; i32[D + 1] = AH; } else if (s < 32) { i32[D] = (AL << s) | (AH >>> (32 - s)); i32[D + 1] = (AH << s) | (AL >>> (32 - s)); } else { r = s - 32; if (r === 0) { i32[D] = AH; i32[D + 1] = AL; } else { i32[D] = (AH << r) | (AL >>> (32 - r)); i32[D + 1] = (AL << r) | (AH >>> (32 - r)); } } pc += 5; continue; }
          case Op.f64_add_rm: { A = f64[(fw + code[pc + 1]) >> 1]; D = fw + code[pc]; ea = ((i32[fw + code[pc + 2]] + code[pc + 3]) >>> 0) + code[pc + 4]; pc += 5; if (ea + 8 > mem.bytes.length) oob(); B = mem.view.getFloat64(ea, true); f64[(D) >> 1] = A + B; continue; }
          case Op.f64_sub_rm: { A = f64[(fw + code[pc + 1]) >> 1]; D = fw + code[pc]; ea = ((i32[fw + code[pc + 2]] + code[pc + 3]) >>> 0) + code[pc + 4]; pc += 5; if (ea + 8 > mem.bytes.length) oob(); B = mem.view.getFloat64(ea, true); f64[(D) >> 1] = A - B; continue; }
          case Op.f64_mul_rm: { A = f64[(fw + code[pc + 1]) >> 1]; D = fw + code[pc]; ea = ((i32[fw + code[pc + 2]] + code[pc + 3]) >>> 0) + code[pc + 4]; pc += 5; if (ea + 8 > mem.bytes.length) oob(); B = mem.view.getFloat64(ea, true); f64[(D) >> 1] = A * B; continue; }
          case Op.f64_store_add_rr: { A = f64[(fw + code[pc + 2]) >> 1]; B = f64[(fw + code[pc + 3]) >> 1]; ea = ((i32[fw + code[pc]] + code[pc + 1]) >>> 0) + code[pc + 4]; pc += 5; if (ea + 8 > mem.bytes.length) oob(); mem.view.setFloat64(ea, (A + B), true); continue; }
          case Op.f64_store_sub_rr: { A = f64[(fw + code[pc + 2]) >> 1]; B = f64[(fw + code[pc + 3]) >> 1]; ea = ((i32[fw + code[pc]] + code[pc + 1]) >>> 0) + code[pc + 4]; pc += 5; if (ea + 8 > mem.bytes.length) oob(); mem.view.setFloat64(ea, (A - B), true); continue; }
          case Op.f64_store_mul_rr: { A = f64[(fw + code[pc + 2]) >> 1]; B = f64[(fw + code[pc + 3]) >> 1]; ea = ((i32[fw + code[pc]] + code[pc + 1]) >>> 0) + code[pc + 4]; pc += 5; if (ea + 8 > mem.bytes.length) oob(); mem.view.setFloat64(ea, (A * B), true); continue; }
          case Op.f64_store_add_rm: { A = f64[(fw + code[pc + 2]) >> 1]; ea = ((i32[fw + code[pc + 3]] + code[pc + 4]) >>> 0) + code[pc + 5]; pc += 5; if (ea + 8 > mem.bytes.length) oob(); B = mem.view.getFloat64(ea, true); ea = ((i32[fw + code[pc - 5]] + code[pc - 4]) >>> 0) + code[pc + 1]; pc += 2; if (ea + 8 > mem.bytes.length) oob(); mem.view.setFloat64(ea, (A + B), true); continue; }
          case Op.br_f64_le_add_ri: { A = f64[(fw + code[pc + 0]) >> 1]; B = f64[(fw + code[pc + 1]) >> 1]; A = A + B; KW[0] = code[pc + 2]; KW[1] = code[pc + 3]; B = KF64[0]; if (A <= B) { to = code[pc + 4]; if (to < pc) { pc = to; action = ACT_BACK; break; } pc = to; } else pc += 5; continue; }
          case Op.brn_f64_le_add_ri: { A = f64[(fw + code[pc + 0]) >> 1]; B = f64[(fw + code[pc + 1]) >> 1]; A = A + B; KW[0] = code[pc + 2]; KW[1] = code[pc + 3]; B = KF64[0]; if (!(A <= B)) { to = code[pc + 4]; if (to < pc) { pc = to; action = ACT_BACK; break; } pc = to; } else pc += 5; continue; }
          case Op.br_i32_load8_u_nez: { ea = ((i32[fw + code[pc]] + code[pc + 1]) >>> 0) + code[pc + 2]; pc += 3; if (ea + 1 > mem.bytes.length) oob(); if ((mem.bytes[ea]) !== 0) { to = code[pc]; if (to < pc) { pc = to; action = ACT_BACK; break; } pc = to; } else pc += 1; continue; }
          case Op.br_i32_load8_u_eqz: { ea = ((i32[fw + code[pc]] + code[pc + 1]) >>> 0) + code[pc + 2]; pc += 3; if (ea + 1 > mem.bytes.length) oob(); if ((mem.bytes[ea]) === 0) { to = code[pc]; if (to < pc) { pc = to; action = ACT_BACK; break; } pc = to; } else pc += 1; continue; }
          case Op.br_i32_load_nez: { ea = ((i32[fw + code[pc]] + code[pc + 1]) >>> 0) + code[pc + 2]; pc += 3; if (ea + 4 > mem.bytes.length) oob(); if ((mem.view.getInt32(ea, true)) !== 0) { to = code[pc]; if (to < pc) { pc = to; action = ACT_BACK; break; } pc = to; } else pc += 1; continue; }
          case Op.br_i32_load_eqz: { ea = ((i32[fw + code[pc]] + code[pc + 1]) >>> 0) + code[pc + 2]; pc += 3; if (ea + 4 > mem.bytes.length) oob(); if ((mem.view.getInt32(ea, true)) === 0) { to = code[pc]; if (to < pc) { pc = to; action = ACT_BACK; break; } pc = to; } else pc += 1; continue; }
          case Op.i32_add_rr_ret: { A = i32[fw + code[pc + 1]]; B = i32[fw + code[pc + 2]]; i32[fw] = (A + B) | 0; retN = 1; sp = fp + 1; action = ACT_RETURN; break; }
          case Op.i32_add_ri_ret: { A = i32[fw + code[pc + 1]]; B = code[pc + 2]; i32[fw] = (A + B) | 0; retN = 1; sp = fp + 1; action = ACT_RETURN; break; }
          case Op.loop_addi_ne: { A = i32[fw + code[pc + 1]]; B = code[pc + 2]; A = (A + B) | 0; i32[fw + code[pc]] = A; B = i32[fw + code[pc + 3]]; if (A !== B) { to = code[pc + 4]; if (to < pc) { pc = to; action = ACT_BACK; break; } pc = to; } else pc += 5; continue; }
          case Op.loop_addi_nei: { A = i32[fw + code[pc + 1]]; B = code[pc + 2]; A = (A + B) | 0; i32[fw + code[pc]] = A; B = code[pc + 3]; if (A !== B) { to = code[pc + 4]; if (to < pc) { pc = to; action = ACT_BACK; break; } pc = to; } else pc += 5; continue; }
          case Op.loop_addi_lt_s: { A = i32[fw + code[pc + 1]]; B = code[pc + 2]; A = (A + B) | 0; i32[fw + code[pc]] = A; B = i32[fw + code[pc + 3]]; if (A < B) { to = code[pc + 4]; if (to < pc) { pc = to; action = ACT_BACK; break; } pc = to; } else pc += 5; continue; }
          case Op.loop_addi_lt_u: { A = i32[fw + code[pc + 1]]; B = code[pc + 2]; A = (A + B) | 0; i32[fw + code[pc]] = A; B = i32[fw + code[pc + 3]]; if ((A >>> 0) < (B >>> 0)) { to = code[pc + 4]; if (to < pc) { pc = to; action = ACT_BACK; break; } pc = to; } else pc += 5; continue; }
          case Op.loop_add_le_u: { A = i32[fw + code[pc + 1]]; B = i32[fw + code[pc + 2]]; A = (A + B) | 0; i32[fw + code[pc]] = A; B = i32[fw + code[pc + 3]]; if ((A >>> 0) <= (B >>> 0)) { to = code[pc + 4]; if (to < pc) { pc = to; action = ACT_BACK; break; } pc = to; } else pc += 5; continue; }
          case Op.loop_addi_nez: { A = i32[fw + code[pc + 1]]; B = code[pc + 2]; A = (A + B) | 0; i32[fw + code[pc]] = A;  if (A !== 0) { to = code[pc + 3]; if (to < pc) { pc = to; action = ACT_BACK; break; } pc = to; } else pc += 4; continue; }
          case Op.loop_addi_gt_ui: { A = i32[fw + code[pc + 1]]; B = code[pc + 2]; A = (A + B) | 0; i32[fw + code[pc]] = A; B = code[pc + 3]; if ((A >>> 0) > (B >>> 0)) { to = code[pc + 4]; if (to < pc) { pc = to; action = ACT_BACK; break; } pc = to; } else pc += 5; continue; }
          case Op.loop_addi_gt_si: { A = i32[fw + code[pc + 1]]; B = code[pc + 2]; A = (A + B) | 0; i32[fw + code[pc]] = A; B = code[pc + 3]; if (A > B) { to = code[pc + 4]; if (to < pc) { pc = to; action = ACT_BACK; break; } pc = to; } else pc += 5; continue; }
          case Op.loop_addi_lt_si: { A = i32[fw + code[pc + 1]]; B = code[pc + 2]; A = (A + B) | 0; i32[fw + code[pc]] = A; B = code[pc + 3]; if (A < B) { to = code[pc + 4]; if (to < pc) { pc = to; action = ACT_BACK; break; } pc = to; } else pc += 5; continue; }
          case Op.loop_addi_jump: { A = i32[fw + code[pc + 1]]; B = code[pc + 2]; i32[fw + code[pc]] = (A + B) | 0; to = code[pc + 3]; if (to < pc) { pc = to; action = ACT_BACK; break; } pc = to; continue; }
          case Op.loop_mov_jump: { i32[fw + code[pc]] = i32[fw + code[pc + 1]]; to = code[pc + 2]; if (to < pc) { pc = to; action = ACT_BACK; break; } pc = to; continue; }
          // </reg-ops>
          case Op.table_get: {
            const tab = inst.tables[code[pc]], is64 = code[pc + 1] !== 0;
            pc += 2;
            const i = addrAt(i32, (sp - 1) << 2, is64);
            if (i >= tab.elems.length) BULK.tableOob();
            refs[sp - 1] = tab.elems[i];
            continue;
          }
          case Op.table_set: {
            const tab = inst.tables[code[pc]], is64 = code[pc + 1] !== 0;
            pc += 2;
            sp -= 2;
            const i = addrAt(i32, sp << 2, is64);
            if (i >= tab.elems.length) BULK.tableOob();
            tab.elems[i] = refs[sp + 1] as Ref;
            continue;
          }

          // ---- memory (the fast path, memory 0 with 32-bit addresses, is in register form) ----
          case Op.mem_slow: {
            const op = code[pc], m = inst.mems[code[pc + 1]];
            const off = (code[pc + 2] >>> 0) + (code[pc + 3] >>> 0) * 4294967296;
            pc += 4;
            const acc = ACCESS[op]!;
            if (acc.store) sp -= 2;
            const a = (acc.store ? sp : sp - 1) << 2;
            const is64 = m.type.addr === 'i64';
            loadStore(acc, m, i32, a, effective(m, addrAt(i32, a, is64), off, acc.bytes));
            continue;
          }
          case Op.atomic: {
            const op = code[pc], m = inst.mems[code[pc + 1]];
            const off = (code[pc + 2] >>> 0) + (code[pc + 3] >>> 0) * 4294967296;
            pc += 4;
            const acc = ACCESS[op]!;
            const info = OPCODES[op];
            const np = info.params!.length, nr = info.results!.length;
            sp -= np;
            const a = sp << 2;
            const is64 = m.type.addr === 'i64';
            atomicAccess(acc, m, i32, a, effective(m, addrAt(i32, a, is64), off, acc.bytes));
            sp += nr;
            continue;
          }
          case Op.array_mem: {
            const acc = ACCESS[code[pc++]]!;
            if (acc.store) { sp -= 3; arrayAccess(acc, t, sp); } else { sp--; arrayAccess(acc, t, sp - 1); }
            continue;
          }
          case Op.memory_size: {
            const m = inst.mems[code[pc]], is64 = code[pc + 1] !== 0;
            pc += 2;
            const d = sp++ << 2;
            i32[d] = m.pages; if (is64) i32[d + 1] = Math.floor(m.pages / 4294967296);
            continue;
          }
          case Op.memory_grow: {
            const m = inst.mems[code[pc]], is64 = code[pc + 1] !== 0;
            pc += 2;
            const a = (sp - 1) << 2;
            const delta = addrAt(i32, a, is64);
            const r = delta > m.maxPages ? -1 : m.grow(delta);
            i32[a] = r; if (is64) i32[a + 1] = r < 0 ? -1 : Math.floor(r / 4294967296);
            continue;
          }

          // ---- constants ----
          case Op.i32_const: case Op.f32_const:
            i32[sp++ << 2] = code[pc++];
            continue;
          case Op.i64_const: case Op.f64_const: {
            const d = sp++ << 2;
            i32[d] = code[pc]; i32[d + 1] = code[pc + 1];
            pc += 2;
            continue;
          }

          // ---- i64 division (BigInt; the other numeric ops only exist in register form) ----
          case Op.i64_div_s: { const b = --sp << 2; I64.divS64(i32, b - 4, b); continue; }
          case Op.i64_div_u: { const b = --sp << 2; I64.divU64(i32, b - 4, b); continue; }
          case Op.i64_rem_s: { const b = --sp << 2; I64.remS64(i32, b - 4, b); continue; }
          case Op.i64_rem_u: { const b = --sp << 2; I64.remU64(i32, b - 4, b); continue; }

          // ---- wide arithmetic ----
          case Op.i64_add128: sp -= 2; addSub128(i32, (sp - 2) << 2, false); continue;
          case Op.i64_sub128: sp -= 2; addSub128(i32, (sp - 2) << 2, true); continue;
          case Op.i64_mul_wide_s: mulWide(i32, (sp - 2) << 2, true); continue;
          case Op.i64_mul_wide_u: mulWide(i32, (sp - 2) << 2, false); continue;

          // ---- bulk memory and tables ----
          case Op.memory_init: {
            const seg = inst.datas[code[pc]], m = inst.mems[code[pc + 1]], is64 = code[pc + 2] !== 0;
            pc += 3; sp -= 3;
            const a = sp << 2;
            BULK.memoryInit(m, seg, addrAt(i32, a, is64), u32[a + 4], u32[a + 8]);
            continue;
          }
          case Op.data_drop: inst.datas[code[pc++]] = null; continue;
          case Op.memory_copy: {
            const dm = inst.mems[code[pc]], sm = inst.mems[code[pc + 1]];
            const d64 = code[pc + 2] !== 0, s64 = code[pc + 3] !== 0;
            pc += 4; sp -= 3;
            const a = sp << 2;
            BULK.memoryCopy(dm, sm, addrAt(i32, a, d64), addrAt(i32, a + 4, s64), addrAt(i32, a + 8, d64 && s64));
            continue;
          }
          case Op.memory_fill: {
            const m = inst.mems[code[pc]], is64 = code[pc + 1] !== 0;
            pc += 2; sp -= 3;
            const a = sp << 2;
            BULK.memoryFill(m, addrAt(i32, a, is64), i32[a + 4], addrAt(i32, a + 8, is64));
            continue;
          }
          case Op.table_init: {
            const seg = inst.elems[code[pc]], tab = inst.tables[code[pc + 1]], is64 = code[pc + 2] !== 0;
            pc += 3; sp -= 3;
            const a = sp << 2;
            BULK.tableInit(tab, seg, addrAt(i32, a, is64), u32[a + 4], u32[a + 8]);
            continue;
          }
          case Op.elem_drop: inst.elems[code[pc++]] = null; continue;
          case Op.table_copy: {
            const dt = inst.tables[code[pc]], st = inst.tables[code[pc + 1]];
            const d64 = code[pc + 2] !== 0, s64 = code[pc + 3] !== 0;
            pc += 4; sp -= 3;
            const a = sp << 2;
            BULK.tableCopy(dt, st, addrAt(i32, a, d64), addrAt(i32, a + 4, s64), addrAt(i32, a + 8, d64 && s64));
            continue;
          }
          case Op.table_grow: {
            const tab = inst.tables[code[pc]], is64 = code[pc + 1] !== 0;
            pc += 2; sp--;
            const a = (sp - 1) << 2;
            const delta = addrAt(i32, a + 4, is64);
            const r = delta > tab.maxSize ? -1 : tab.grow(delta, refs[sp - 1] as Ref);
            i32[a] = r; if (is64) i32[a + 1] = r < 0 ? -1 : 0;
            continue;
          }
          case Op.table_size: {
            const tab = inst.tables[code[pc]], is64 = code[pc + 1] !== 0;
            pc += 2;
            const d = sp++ << 2;
            i32[d] = tab.elems.length; if (is64) i32[d + 1] = 0;
            continue;
          }
          case Op.table_fill: {
            const tab = inst.tables[code[pc]], is64 = code[pc + 1] !== 0;
            pc += 2; sp -= 3;
            const a = sp << 2;
            BULK.tableFill(tab, addrAt(i32, a, is64), refs[sp + 1], addrAt(i32, a + 8, is64));
            continue;
          }

          // ---- references ----
          case Op.ref_null: refs[sp++] = null; continue;
          case Op.ref_is_null: { const s = sp - 1; i32[s << 2] = refs[s] === null ? 1 : 0; continue; }
          case Op.ref_func: refs[sp++] = inst.funcs[code[pc++]]; continue;
          case Op.ref_eq: { sp--; const s = sp - 1; i32[s << 2] = refs[s] === refs[sp] ? 1 : 0; continue; }
          case Op.ref_as_non_null:
            if (refs[sp - 1] === null) trap('null-reference', 'null reference');
            continue;
          case Op.br_on_null:
            if (refs[sp - 1] === null) {
              sp--;
              const n = code[pc + 2], dst = fp + code[pc + 1];
              moveSlots(i32, refs, dst, sp - n, n);
              sp = dst + n; pc = code[pc];
            } else pc += 3;
            continue;
          case Op.br_on_non_null:
            if (refs[sp - 1] !== null) {
              const n = code[pc + 2], dst = fp + code[pc + 1];
              moveSlots(i32, refs, dst, sp - n, n);
              sp = dst + n; pc = code[pc];
            } else { sp--; pc += 3; }
            continue;
          case Op.br_on_cast: case Op.br_on_cast_fail: {
            const ok = refMatches(refs[sp - 1], code[pc + 3], code[pc + 4], inst.types);
            if (ok === (code[pc - 1] === Op.br_on_cast)) {
              const n = code[pc + 2], dst = fp + code[pc + 1];
              moveSlots(i32, refs, dst, sp - n, n);
              sp = dst + n; pc = code[pc];
            } else pc += 5;
            continue;
          }
          case Op.ref_test: case Op.ref_test$null: {
            const s = sp - 1;
            i32[s << 2] = refMatches(refs[s], code[pc], code[pc + 1], inst.types) ? 1 : 0;
            pc += 2;
            continue;
          }
          case Op.ref_cast: case Op.ref_cast$null:
            if (!refMatches(refs[sp - 1], code[pc], code[pc + 1], inst.types)) trap('cast-failure', 'cast failure');
            pc += 2;
            continue;
          case Op.any_convert_extern: case Op.extern_convert_any: continue;
          case Op.ref_i31: { const s = sp - 1; refs[s] = (i32[s << 2] << 1) >> 1; continue; }
          case Op.i31_get_s: case Op.i31_get_u: {
            const s = sp - 1, v = refs[s] as number | null;
            if (v === null) trap('null-reference', 'null i31 reference');
            i32[s << 2] = code[pc - 1] === Op.i31_get_s ? v : v & 0x7fffffff;
            continue;
          }

          // ---- GC ----
          case Op.struct_new: case Op.struct_new_desc: {
            const withDesc = code[pc - 1] === Op.struct_new_desc;
            const d = inst.types[code[pc++]];
            const n = (d.comp as { fields: readonly unknown[] }).fields.length + (withDesc ? 1 : 0);
            sp -= n;
            GC.structNew(t, d, sp, withDesc);
            sp++;
            continue;
          }
          case Op.struct_new_default: GC.structNewDefault(t, inst.types[code[pc++]], sp++, false); continue;
          case Op.struct_new_default_desc: GC.structNewDefault(t, inst.types[code[pc++]], sp - 1, true); continue;
          case Op.ref_get_desc: {
            pc++;
            const o = refs[sp - 1] as StructObj | null;
            if (o === null) trap('null-reference', 'null reference');
            refs[sp - 1] = o.desc;
            continue;
          }
          case Op.ref_cast_desc_eq: case Op.ref_cast_desc_eq$null: {
            const desc = refs[--sp];
            if (desc === null) GC.nullDescriptor();
            if (!descMatches(refs[sp - 1], desc, code[pc + 1])) trap('cast-failure', 'descriptor cast failure');
            pc += 2;
            continue;
          }
          case Op.br_on_cast_desc_eq: case Op.br_on_cast_desc_eq_fail: {
            const desc = refs[--sp];
            if (desc === null) GC.nullDescriptor();
            const ok = descMatches(refs[sp - 1], desc, code[pc + 4]);
            if (ok === (code[pc - 1] === Op.br_on_cast_desc_eq)) {
              const n = code[pc + 2], dst = fp + code[pc + 1];
              moveSlots(i32, refs, dst, sp - n, n);
              sp = dst + n; pc = code[pc];
            } else pc += 5;
            continue;
          }
          case Op.struct_get: case Op.struct_get_u:
            GC.structGet(t, code[pc + 1], sp - 1, false); pc += 2; continue;
          case Op.struct_get_s:
            GC.structGet(t, code[pc + 1], sp - 1, true); pc += 2; continue;
          case Op.struct_set: sp -= 2; GC.structSet(t, code[pc + 1], sp); pc += 2; continue;
          case Op.array_new: sp--; GC.arrayNew(t, inst.types[code[pc++]], sp - 1); continue;
          case Op.array_new_default: GC.arrayNewDefault(t, inst.types[code[pc++]], sp - 1); continue;
          case Op.array_new_fixed: {
            const d = inst.types[code[pc]], n = code[pc + 1];
            pc += 2; sp -= n;
            GC.arrayNewFixed(t, d, n, sp);
            sp++;
            continue;
          }
          case Op.array_new_data: sp--; GC.arrayNewData(t, inst.types[code[pc]], inst.datas[code[pc + 1]], sp - 1); pc += 2; continue;
          case Op.array_new_elem: sp--; GC.arrayNewElem(t, inst.types[code[pc]], inst.elems[code[pc + 1]], sp - 1); pc += 2; continue;
          case Op.array_get: case Op.array_get_u: sp--; GC.arrayGet(t, sp - 1, false); pc++; continue;
          case Op.array_get_s: sp--; GC.arrayGet(t, sp - 1, true); pc++; continue;
          case Op.array_set: sp -= 3; GC.arraySet(t, sp); pc++; continue;
          case Op.array_len: GC.arrayLen(t, sp - 1); continue;
          case Op.array_fill: sp -= 4; GC.arrayFill(t, sp); pc++; continue;
          case Op.array_copy: sp -= 5; GC.arrayCopy(t, sp); pc += 2; continue;
          case Op.array_init_data: sp -= 4; GC.arrayInitData(t, inst.datas[code[pc + 1]], sp); pc += 2; continue;
          case Op.array_init_elem: sp -= 4; GC.arrayInitElem(t, inst.elems[code[pc + 1]], sp); pc += 2; continue;

          // ---- shared-everything-threads read-modify-writes (shared-ops.ts) ----
          case Op.global_atomic_rmw_add: case Op.global_atomic_rmw_sub: case Op.global_atomic_rmw_and:
          case Op.global_atomic_rmw_or: case Op.global_atomic_rmw_xor: case Op.global_atomic_rmw_xchg:
          case Op.global_atomic_rmw_cmpxchg: case Op.table_atomic_rmw_xchg: case Op.table_atomic_rmw_cmpxchg:
          case Op.struct_atomic_rmw_add: case Op.struct_atomic_rmw_sub: case Op.struct_atomic_rmw_and:
          case Op.struct_atomic_rmw_or: case Op.struct_atomic_rmw_xor: case Op.struct_atomic_rmw_xchg:
          case Op.struct_atomic_rmw_cmpxchg: case Op.array_atomic_rmw_add: case Op.array_atomic_rmw_sub:
          case Op.array_atomic_rmw_and: case Op.array_atomic_rmw_or: case Op.array_atomic_rmw_xor:
          case Op.array_atomic_rmw_xchg: case Op.array_atomic_rmw_cmpxchg:
            sp -= code[pc + 2];
            sharedRmw(t, inst, code[pc - 1], code[pc], code[pc + 1], sp++);
            pc += 3;
            continue;

          // ---- SIMD (semantics in simd.ts, over this stack's views) ----
          case Op.simd: {
            const op = code[pc], np = code[pc + 1], ix = code[pc + 2];
            pc += 3;
            const a = (sp - np) << 2;
            SIMD_OPS[op]!(t.simd, a, a + 4, a + 8, ix < 0 ? undefined : (c.imms[ix] as never));
            sp += 1 - np;
            continue;
          }
          case Op.simd_mem: {
            const op = code[pc], m = inst.mems[code[pc + 1]];
            const off = (code[pc + 2] >>> 0) + (code[pc + 3] >>> 0) * 4294967296;
            const ix = code[pc + 4];
            pc += 5;
            const info = OPCODES[op];
            const np = info.params!.length, nr = info.results!.length;
            sp -= np;
            const a = sp << 2;
            const ea = effective(m, addrAt(i32, a, m.type.addr === 'i64'), off, 1 << info.align);
            SIMD_MEM_OPS[op]!(t.simd, a, m.bytes, ea, ix < 0 ? undefined : (c.imms[ix] as never));
            sp += nr;
            continue;
          }

          // ---- stack switching (each continuation runs on its own Thread) ----
          case Op.cont_new: {
            pc++;
            const f = refs[sp - 1] as FuncInst | null;
            if (f === null) trap('null-reference', 'null function reference');
            refs[sp - 1] = new ContObj(inst.types[code[pc - 1]], { fn: f, top: null, bottom: null, boundWords: NO_WORDS, boundRefs: NO_REFS });
            continue;
          }
          case Op.cont_bind: {
            const n = code[pc], ct = inst.types[code[pc + 1]];
            pc += 2;
            const k = refs[--sp] as ContObj | null;
            const st = takeCont(k);
            sp -= n;
            const words = new Int32Array(st.boundWords.length + n * 4);
            words.set(st.boundWords);
            words.set(i32.subarray(sp << 2, (sp + n) << 2), st.boundWords.length);
            const brefs = [...st.boundRefs, ...refs.slice(sp, sp + n)];
            refs[sp++] = new ContObj(ct, { fn: st.fn, top: st.top, bottom: st.bottom, boundWords: words, boundRefs: brefs });
            continue;
          }
          // Transfers between stacks (switching.ts): continue on the stack they return.
          case Op.resume: case Op.resume_throw: case Op.resume_throw_ref: {
            const tr = resumeOp(t, inst, code, pc, sp, entry, compiledOf);
            t = tr.t; entry = tr.entry; pendingExn = tr.exn; action = ACT_SWITCH;
            break;
          }
          case Op.suspend: {
            const tr = suspendOp(t, inst.tags[code[pc]], pc + 1, sp);
            t = tr.t; entry = tr.entry; action = ACT_SWITCH;
            break;
          }
          case Op.switch: {
            const tr = switchOp(t, inst.tags[code[pc + 1]], code[pc], refs[sp - 1] as ContObj | null, pc + 2, sp - 1, compiledOf);
            t = tr.t; entry = tr.entry; action = ACT_SWITCH;
            break;
          }

          default:
            throw new Error(`interpreter: unexpected op ${code[pc - 1]} at ${pc - 1}`);
        }

        // ---- backward branches, the call and return sequences (reached by `break`) ----
        if (action === ACT_BACK) {
          action = 0;
          if (--t.fuel < 0) outOfFuel();
          // Back-edges count towards tier-up (src/jit); when the countdown runs out, the rest of
          // this call may move to compiled code (OSR). If it did, finish the frame as a return.
          if (fr.fn === null || --fr.fn.hot >= 0 || !enterOsr(t, fr, pc)) continue;
          sp = t.sp; retN = c.nresults;
          i32 = t.i32; u32 = t.u32; f32 = t.f32; f64 = t.f64; refs = t.refs;
        }
        if (action === ACT_CALL) {
          action = 0;
          const g = callee!;
          callee = null;
          if (--t.fuel < 0) outOfFuel();
          // Compiled tier (src/jit): count calls towards tier-up; call compiled code directly.
          // Tail calls stay in the interpreter: the caller's frame (and its handlers) must go first.
          if (!tail && (g.jit !== null || (--g.hot < 0 && tierUp(t, g))) && canEnter(t)) {
            fr.pc = pc;
            sp = enterCompiled(t, g, sp);
            i32 = t.i32; u32 = t.u32; f32 = t.f32; f64 = t.f64; refs = t.refs;
            continue;
          } else if (g.host !== null) {
            fr.pc = pc;
            sp = callHost(t, g, sp);
            if (sp < 0) {
              // The host asked to suspend (JSPI-style): leave the stack as it is; `invokeAsync`
              // pushes the results later and runs this thread again from the same place.
              if (tail) trap('other', 'cannot suspend in a tail call to the host');
              return false;
            }
            i32 = t.i32; u32 = t.u32; f32 = t.f32; f64 = t.f64; refs = t.refs;
            if (!tail) continue;
            retN = funcResults(g).length;
          } else {
            const gc = g.compiled ?? compiledOf(g);
            const nfp = tail ? fp : sp - gc.nparams;
            const top = Math.max(nfp + gc.frameSlots, sp);
            if (top > t.cap) {
              t.ensure(top);
              i32 = t.i32; u32 = t.u32; f32 = t.f32; f64 = t.f64; refs = t.refs;
            }
            if (tail) {
              moveSlots(i32, refs, fp, sp - gc.nparams, gc.nparams);
            } else {
              fr.pc = pc;
              fr = t.pushFrame();
            }
            for (let s = nfp + gc.nparams, e = nfp + gc.nlocals; s < e; s++) {
              const w = s << 2;
              i32[w] = 0; i32[w + 1] = 0; i32[w + 2] = 0; i32[w + 3] = 0;
              refs[s] = null;
            }
            fr.fn = g; fr.c = gc; fr.inst = g.instance!; fr.fp = nfp; fr.pc = 0;
            c = gc; code = gc.code; pc = 0; fp = nfp; fw = fp << 2; sp = nfp + gc.nlocals;
            inst = g.instance!; mem = inst.mems[0];
            continue;
          }
        }
        if (action === ACT_SWITCH) {
          // Continue on stack `t` (set by the op): reload everything the loop caches.
          action = 0;
          fr = t.frames[t.depth];
          c = fr.c; code = c.code; pc = fr.pc; fp = fr.fp; fw = fp << 2; sp = t.sp; inst = fr.inst; mem = inst.mems[0];
          i32 = t.i32; u32 = t.u32; f32 = t.f32; f64 = t.f64; refs = t.refs;
          if (pendingExn !== null) {
            const e = pendingExn;
            pendingExn = null;
            throw e;
          }
          continue;
        }
        // ACT_RETURN: results are the top retN slots; they go to fp.
        action = 0;
        moveSlots(i32, refs, fp, sp - retN, retN);
        sp = fp + retN;
        if (--t.depth < entry) {
          const p = t.parent;
          if (p === null) {
            t.sp = sp;
            return true;
          }
          // A continuation finished: its results go to the stack that resumed it.
          copySlots(t, fp, p, p.sp, retN);
          p.sp += retN;
          entry = t.parentEntry;
          t = leaveToParent(t, p);
          fr = t.frames[t.depth];
          c = fr.c; code = c.code; pc = fr.pc; fp = fr.fp; fw = fp << 2; sp = t.sp; inst = fr.inst; mem = inst.mems[0];
          i32 = t.i32; u32 = t.u32; f32 = t.f32; f64 = t.f64; refs = t.refs;
          continue;
        }
        fr = t.frames[t.depth];
        c = fr.c; code = c.code; pc = fr.pc; fp = fr.fp; fw = fp << 2; inst = fr.inst; mem = inst.mems[0];
      }
    } catch (err) {
      action = 0;
      callee = null;
      let e = err;
      if (e instanceof WasmException) {
        t.frames[t.depth].pc = pc;
        let caught = false;
        for (;;) {
          if (unwind(t, e, entry)) { caught = true; break; }
          const p = t.parent;
          if (p === null) break;
          // Uncaught in a continuation: it dies, and the exception reaches its resumer.
          entry = t.parentEntry;
          t = leaveToParent(t, p);
        }
        if (caught) {
          fr = t.frames[t.depth];
          c = fr.c; code = c.code; pc = fr.pc; fp = fr.fp; fw = fp << 2; sp = t.sp; inst = fr.inst; mem = inst.mems[0];
          i32 = t.i32; u32 = t.u32; f32 = t.f32; f64 = t.f64; refs = t.refs;
          continue;
        }
      } else {
        if (isHostStackOverflow(e)) e = new RuntimeError('exhaustion', 'call stack exhausted');
        // Unwind the whole chain of running continuations back to the root stack.
        let at = pc;
        for (;;) {
          if (e instanceof RuntimeError) e.wasmStack.push(...traceOf(t, entry, at));
          const p = t.parent;
          if (p === null) break;
          entry = t.parentEntry;
          t = leaveToParent(t, p);
          at = t.frames[t.depth].pc;
        }
      }
      t.sp = t.frames[entryDepth].fp;
      t.depth = entryDepth - 1;
      throw e;
    }
  }
}
