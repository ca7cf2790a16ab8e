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
import type { Ref } from '../runtime/values.js';
import type { CValType } from '../valid/canon-types.js';
import { cellToValue, valueToCell } from '../runtime/cells.js';
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
import { ContObj, NO_REFS, NO_WORDS, type ContState } from '../runtime/cont.js';
import { copySlots, deliver, findHandler, HANDLER_WORDS } from './switching.js';
import { tierUp } from '../jit/tier.js';
import { canEnter, enterCompiled } from '../jit/bridge.js';

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
  const base = sp - ps.length;
  const args = new Array(ps.length);
  for (let k = 0; k < ps.length; k++) args[k] = cellToValue(ps[k], t.i32, (base + k) * 4, t.refs[base + k]);
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
  for (let k = 0; k < rs.length; k++) {
    const ty = rs[k];
    if (typeof ty === 'object') t.refs[base + k] = results[k];
    else valueToCell(ty, results[k], t.i32, (base + k) * 4);
  }
  return base + rs.length;
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

/** Takes the state of a continuation, leaving it consumed (continuations are one-shot). */
function takeCont(k: ContObj | null): ContState {
  if (k === null) trap('null-continuation', 'null continuation reference');
  const st = k.state;
  if (st === null) trap('continuation-consumed', 'continuation already consumed');
  k.state = null;
  return st;
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

const ACT_CALL = 1, ACT_RETURN = 2, ACT_SWITCH = 3;

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
  let inst: ModuleInstance = fr.inst;
  let mem: MemInst = inst.mems[0];
  let i32 = t.i32, u32 = t.u32, f32 = t.f32, f64 = t.f64, refs = t.refs;
  let callee: FuncInst | null = null;
  let tail = false;
  let retN = 0;
  let action = 0;

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
          case Op.loop_jump:
            if (--t.fuel < 0) outOfFuel();
            if (fr.fn !== null) fr.fn.hot--; // back-edges count towards tier-up (src/jit)
            pc = code[pc];
            continue;
          case Op.loop_br_if:
            if (i32[--sp << 2] !== 0) {
              if (--t.fuel < 0) outOfFuel();
              if (fr.fn !== null) fr.fn.hot--;
              pc = code[pc];
            } else pc++;
            continue;
          case Op.br_if_jump:
            if (i32[--sp << 2] !== 0) pc = code[pc]; else pc++;
            continue;
          case Op.br_if_copy:
            if (i32[--sp << 2] !== 0) {
              if (code[pc] < pc && --t.fuel < 0) outOfFuel();
              const n = code[pc + 2], dst = fp + code[pc + 1];
              moveSlots(i32, refs, dst, sp - n, n);
              sp = dst + n; pc = code[pc];
            } else pc += 3;
            continue;
          case Op.if_false:
            if (i32[--sp << 2] === 0) pc = code[pc]; else pc++;
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
          case Op.return_x:
            retN = code[pc];
            action = ACT_RETURN;
            break;
          case Op.call:
            callee = inst.funcs[code[pc++]];
            tail = false; action = ACT_CALL;
            break;
          case Op.return_call:
            callee = inst.funcs[code[pc++]];
            tail = true; action = ACT_CALL;
            break;
          case Op.call_indirect: case Op.return_call_indirect: {
            tail = code[pc - 1] === Op.return_call_indirect;
            const ty = inst.types[code[pc]], tab = inst.tables[code[pc + 1]];
            const is64 = code[pc + 2] !== 0;
            pc += 3;
            sp--;
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
            pc++;
            const f = refs[--sp] as FuncInst | null;
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
          case Op.drop: sp--; continue;
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
          case Op.local_set: {
            const s = fp + code[pc++], w = s << 2, d = --sp << 2;
            i32[w] = i32[d]; i32[w + 1] = i32[d + 1]; i32[w + 2] = i32[d + 2]; i32[w + 3] = i32[d + 3];
            refs[s] = refs[sp];
            continue;
          }
          case Op.local_tee: {
            const s = fp + code[pc++], w = s << 2, d = (sp - 1) << 2;
            i32[w] = i32[d]; i32[w + 1] = i32[d + 1]; i32[w + 2] = i32[d + 2]; i32[w + 3] = i32[d + 3];
            refs[s] = refs[sp - 1];
            continue;
          }
          case Op.local_get_w1: i32[sp++ << 2] = i32[(fp + code[pc++]) << 2]; continue;
          case Op.local_get_w2: {
            const w = (fp + code[pc++]) << 2, d = sp++ << 2;
            i32[d] = i32[w]; i32[d + 1] = i32[w + 1];
            continue;
          }
          case Op.local_get_ref: refs[sp++] = refs[fp + code[pc++]]; continue;
          case Op.local_set_w1: i32[(fp + code[pc++]) << 2] = i32[--sp << 2]; continue;
          case Op.local_set_w2: {
            const w = (fp + code[pc++]) << 2, d = --sp << 2;
            i32[w] = i32[d]; i32[w + 1] = i32[d + 1];
            continue;
          }
          case Op.local_set_ref: refs[fp + code[pc++]] = refs[--sp]; continue;
          case Op.local_tee_w1: i32[(fp + code[pc++]) << 2] = i32[(sp - 1) << 2]; continue;
          case Op.local_tee_w2: {
            const w = (fp + code[pc++]) << 2, d = (sp - 1) << 2;
            i32[w] = i32[d]; i32[w + 1] = i32[d + 1];
            continue;
          }
          case Op.local_tee_ref: refs[fp + code[pc++]] = refs[sp - 1]; continue;
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

          // ---- superinstructions (compile.ts `fuse`) ----
          case Op.local_get2_w1: {
            const d = sp << 2;
            i32[d] = i32[(fp + code[pc]) << 2]; i32[d + 4] = i32[(fp + code[pc + 1]) << 2];
            sp += 2; pc += 2;
            continue;
          }
          case Op.i32_add_imm: { const a = (sp - 1) << 2; i32[a] = (i32[a] + code[pc++]) | 0; continue; }
          case Op.i32_add_ll:
            i32[sp++ << 2] = (i32[(fp + code[pc]) << 2] + i32[(fp + code[pc + 1]) << 2]) | 0;
            pc += 2;
            continue;
          case Op.local_get2_w2: {
            const d = sp << 2, a = (fp + code[pc]) << 2, b = (fp + code[pc + 1]) << 2;
            i32[d] = i32[a]; i32[d + 1] = i32[a + 1]; i32[d + 4] = i32[b]; i32[d + 5] = i32[b + 1];
            sp += 2; pc += 2;
            continue;
          }
          case Op.f64_add_local: { const a = (sp - 1) << 1; f64[a] = f64[a] + f64[(fp + code[pc++]) << 1]; continue; }
          case Op.f64_mul_local: { const a = (sp - 1) << 1; f64[a] = f64[a] * f64[(fp + code[pc++]) << 1]; continue; }
          case Op.local_get_add_imm: i32[sp++ << 2] = (i32[(fp + code[pc]) << 2] + code[pc + 1]) | 0; pc += 2; continue;
          case Op.i32_shl_imm: { const a = (sp - 1) << 2; i32[a] = i32[a] << code[pc++]; continue; }
          case Op.i32_shr_s_imm: { const a = (sp - 1) << 2; i32[a] = i32[a] >> code[pc++]; continue; }
          case Op.i32_shr_u_imm: { const a = (sp - 1) << 2; i32[a] = i32[a] >>> code[pc++]; continue; }
          case Op.i32_and_imm: { const a = (sp - 1) << 2; i32[a] = i32[a] & code[pc++]; continue; }
          case Op.i32_mul_imm: { const a = (sp - 1) << 2; i32[a] = Math.imul(i32[a], code[pc++]); continue; }
          case Op.i32_eq_imm: { const a = (sp - 1) << 2; i32[a] = i32[a] === code[pc++] ? 1 : 0; continue; }
          case Op.i32_ne_imm: { const a = (sp - 1) << 2; i32[a] = i32[a] !== code[pc++] ? 1 : 0; continue; }
          case Op.i32_lt_s_imm: { const a = (sp - 1) << 2; i32[a] = i32[a] < code[pc++] ? 1 : 0; continue; }
          case Op.i32_lt_u_imm: { const a = (sp - 1) << 2; i32[a] = u32[a] < (code[pc++] >>> 0) ? 1 : 0; continue; }
          case Op.i32_gt_s_imm: { const a = (sp - 1) << 2; i32[a] = i32[a] > code[pc++] ? 1 : 0; continue; }
          case Op.i32_gt_u_imm: { const a = (sp - 1) << 2; i32[a] = u32[a] > (code[pc++] >>> 0) ? 1 : 0; continue; }
          case Op.i32_le_s_imm: { const a = (sp - 1) << 2; i32[a] = i32[a] <= code[pc++] ? 1 : 0; continue; }
          case Op.i32_le_u_imm: { const a = (sp - 1) << 2; i32[a] = u32[a] <= (code[pc++] >>> 0) ? 1 : 0; continue; }
          case Op.i32_ge_s_imm: { const a = (sp - 1) << 2; i32[a] = i32[a] >= code[pc++] ? 1 : 0; continue; }
          case Op.i32_ge_u_imm: { const a = (sp - 1) << 2; i32[a] = u32[a] >= (code[pc++] >>> 0) ? 1 : 0; continue; }
          case Op.i32_sub_local: { const a = (sp - 1) << 2; i32[a] = (i32[a] - i32[(fp + code[pc++]) << 2]) | 0; continue; }
          case Op.i32_and_local: { const a = (sp - 1) << 2; i32[a] = i32[a] & i32[(fp + code[pc++]) << 2]; continue; }
          case Op.i32_or_local: { const a = (sp - 1) << 2; i32[a] = i32[a] | i32[(fp + code[pc++]) << 2]; continue; }
          case Op.i32_xor_local: { const a = (sp - 1) << 2; i32[a] = i32[a] ^ i32[(fp + code[pc++]) << 2]; continue; }
          // i64 ops with a constant (2 code words): the helpers take the constant from the free
          // slot above the operand (the const's own slot before fusion).
          case Op.i64_mul_imm: case Op.i64_shl_imm: case Op.i64_shr_u_imm: case Op.i64_rotl_imm: {
            const b = sp << 2, op = code[pc - 1];
            i32[b] = code[pc]; i32[b + 1] = code[pc + 1];
            pc += 2;
            if (op === Op.i64_mul_imm) I64.mul64(i32, b - 4, b);
            else if (op === Op.i64_shl_imm) I64.shl64(i32, b - 4, b);
            else if (op === Op.i64_shr_u_imm) I64.shrU64(i32, b - 4, b);
            else I64.rotl64(i32, b - 4, b);
            continue;
          }
          case Op.i64_add_imm: {
            const a = (sp - 1) << 2, lo = (i32[a] >>> 0) + (code[pc] >>> 0);
            i32[a] = lo | 0; i32[a + 1] = (i32[a + 1] + code[pc + 1] + (lo > 0xffffffff ? 1 : 0)) | 0;
            pc += 2;
            continue;
          }
          case Op.i64_xor_imm: { const a = (sp - 1) << 2; i32[a] ^= code[pc]; i32[a + 1] ^= code[pc + 1]; pc += 2; continue; }
          case Op.i64_and_imm: { const a = (sp - 1) << 2; i32[a] &= code[pc]; i32[a + 1] &= code[pc + 1]; pc += 2; continue; }
          // local.get x; load (compile.ts `fuseLoad`): pc moves past both operands before a trap,
          // so the trap reports the load's offset.
          case Op.i32_load_local: {
            const ea = (i32[(fp + code[pc]) << 2] >>> 0) + code[pc + 1];
            pc += 2;
            if (ea + 4 > mem.bytes.length) oob();
            i32[sp++ << 2] = mem.view.getInt32(ea, true);
            continue;
          }
          case Op.load_w2_local: {
            const ea = (i32[(fp + code[pc]) << 2] >>> 0) + code[pc + 1];
            pc += 2;
            if (ea + 8 > mem.bytes.length) oob();
            const v = mem.view, d = sp++ << 2;
            i32[d] = v.getInt32(ea, true); i32[d + 1] = v.getInt32(ea + 4, true);
            continue;
          }
          // Loop back-edges fused with their test (compile.ts `absorbTest`); they count like loop_br_if.
          case Op.loop_br_unless:
            if (i32[--sp << 2] === 0) {
              if (--t.fuel < 0) outOfFuel();
              if (fr.fn !== null) fr.fn.hot--;
              pc = code[pc];
            } else pc++;
            continue;
          case Op.loop_br_if_ne: case Op.loop_br_if_lt_u: case Op.loop_br_if_le_u:
          case Op.loop_br_if_gt_u: case Op.loop_br_if_lt_s: {
            const b = (sp -= 2) << 2;
            const x = i32[b], y = i32[b + 4];
            let taken: boolean;
            switch (code[pc - 1]) {
              case Op.loop_br_if_ne: taken = x !== y; break;
              case Op.loop_br_if_lt_u: taken = (x >>> 0) < (y >>> 0); break;
              case Op.loop_br_if_le_u: taken = (x >>> 0) <= (y >>> 0); break;
              case Op.loop_br_if_gt_u: taken = (x >>> 0) > (y >>> 0); break;
              default: taken = x < y; break;
            }
            if (taken) {
              if (--t.fuel < 0) outOfFuel();
              if (fr.fn !== null) fr.fn.hot--;
              pc = code[pc];
            } else pc++;
            continue;
          }
          case Op.f64_sub_local: { const a = (sp - 1) << 1; f64[a] = f64[a] - f64[(fp + code[pc++]) << 1]; continue; }
          case Op.f64_add_ll: f64[sp++ << 1] = f64[(fp + code[pc]) << 1] + f64[(fp + code[pc + 1]) << 1]; pc += 2; continue;
          case Op.f64_sub_ll: f64[sp++ << 1] = f64[(fp + code[pc]) << 1] - f64[(fp + code[pc + 1]) << 1]; pc += 2; continue;
          case Op.f64_mul_ll: f64[sp++ << 1] = f64[(fp + code[pc]) << 1] * f64[(fp + code[pc + 1]) << 1]; pc += 2; continue;
          case Op.local_get_shl_imm: i32[sp++ << 2] = i32[(fp + code[pc]) << 2] << code[pc + 1]; pc += 2; continue;
          // Comparisons with a constant fused into the branch after them (compile.ts `absorbTest`).
          case Op.br_if_imm_test: case Op.br_unless_imm_test: case Op.loop_br_if_imm_test:
          case Op.br_if_local_imm_test: case Op.br_unless_local_imm_test: case Op.loop_br_if_local_imm_test: {
            let op = code[pc - 1], x: number;
            if (op >= Op.br_if_local_imm_test) { // the same three, operand in a local
              x = i32[(fp + code[pc++]) << 2];
              op = op - Op.br_if_local_imm_test + Op.br_if_imm_test;
            } else x = i32[--sp << 2];
            const k = code[pc + 1];
            let r: boolean;
            switch (code[pc]) {
              case Op.i32_eq_imm: r = x === k; break;
              case Op.i32_ne_imm: r = x !== k; break;
              case Op.i32_lt_s_imm: r = x < k; break;
              case Op.i32_lt_u_imm: r = (x >>> 0) < (k >>> 0); break;
              case Op.i32_gt_s_imm: r = x > k; break;
              case Op.i32_gt_u_imm: r = (x >>> 0) > (k >>> 0); break;
              case Op.i32_le_s_imm: r = x <= k; break;
              case Op.i32_le_u_imm: r = (x >>> 0) <= (k >>> 0); break;
              case Op.i32_ge_s_imm: r = x >= k; break;
              default: r = (x >>> 0) >= (k >>> 0); break;
            }
            if (r !== (op === Op.br_unless_imm_test)) {
              if (op === Op.loop_br_if_imm_test) {
                if (--t.fuel < 0) outOfFuel();
                if (fr.fn !== null) fr.fn.hot--;
              }
              pc = code[pc + 2];
            } else pc += 3;
            continue;
          }
          case Op.local_add_imm_to:
            i32[(fp + code[pc + 2]) << 2] = (i32[(fp + code[pc]) << 2] + code[pc + 1]) | 0;
            pc += 3;
            continue;
          case Op.local_add_imm: {
            const w = (fp + code[pc]) << 2;
            i32[w] = (i32[w] + code[pc + 1]) | 0;
            pc += 2;
            continue;
          }
          case Op.local_add_imm_tee: {
            const w = (fp + code[pc]) << 2;
            i32[sp++ << 2] = i32[w] = (i32[w] + code[pc + 1]) | 0;
            pc += 2;
            continue;
          }
          case Op.i32_add_local: { const a = (sp - 1) << 2; i32[a] = (i32[a] + i32[(fp + code[pc++]) << 2]) | 0; continue; }
          case Op.global_get: {
            const g = inst.globals[code[pc++]], cell = g.cell, d = sp << 2;
            i32[d] = cell[0]; i32[d + 1] = cell[1]; i32[d + 2] = cell[2]; i32[d + 3] = cell[3];
            refs[sp++] = g.ref;
            continue;
          }
          case Op.global_set: {
            const g = inst.globals[code[pc++]], cell = g.cell, d = --sp << 2;
            cell[0] = i32[d]; cell[1] = i32[d + 1]; cell[2] = i32[d + 2]; cell[3] = i32[d + 3];
            g.ref = refs[sp] as Ref;
            continue;
          }
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

          // ---- memory: fast path (memory 0, 32-bit addresses, offset < 2^31) ----
          case Op.i32_load: {
            const a = (sp - 1) << 2, ea = (i32[a] >>> 0) + code[pc++];
            if (ea + 4 > mem.bytes.length) oob();
            i32[a] = mem.view.getInt32(ea, true);
            continue;
          }
          case Op.i64_load: case Op.f64_load: {
            const a = (sp - 1) << 2, ea = (i32[a] >>> 0) + code[pc++];
            if (ea + 8 > mem.bytes.length) oob();
            const v = mem.view;
            i32[a] = v.getInt32(ea, true); i32[a + 1] = v.getInt32(ea + 4, true);
            continue;
          }
          case Op.f32_load: {
            const a = (sp - 1) << 2, ea = (i32[a] >>> 0) + code[pc++];
            if (ea + 4 > mem.bytes.length) oob();
            i32[a] = mem.view.getInt32(ea, true);
            continue;
          }
          case Op.i32_store: case Op.f32_store: {
            const a = (sp -= 2) << 2, ea = (i32[a] >>> 0) + code[pc++];
            if (ea + 4 > mem.bytes.length) oob();
            mem.view.setInt32(ea, i32[a + 4], true);
            continue;
          }
          case Op.i32_load8_u: {
            const a = (sp - 1) << 2, ea = (i32[a] >>> 0) + code[pc++];
            if (ea + 1 > mem.bytes.length) oob();
            i32[a] = mem.bytes[ea];
            continue;
          }
          case Op.i32_store8: {
            const a = (sp -= 2) << 2, ea = (i32[a] >>> 0) + code[pc++];
            if (ea + 1 > mem.bytes.length) oob();
            mem.bytes[ea] = i32[a + 4];
            continue;
          }
          // The remaining widths share one path driven by the opcode table (mem-access.ts).
          case Op.i32_load8_s: case Op.i32_load16_s: case Op.i32_load16_u:
          case Op.i64_load8_s: case Op.i64_load8_u: case Op.i64_load16_s: case Op.i64_load16_u:
          case Op.i64_load32_s: case Op.i64_load32_u:
          case Op.i64_store: case Op.f64_store:
          case Op.i32_store16: case Op.i64_store8: case Op.i64_store16: case Op.i64_store32: {
            const acc = ACCESS[code[pc - 1]]!;
            if (acc.store) sp -= 2;
            const a = (acc.store ? sp : sp - 1) << 2;
            const ea = effective(mem, i32[a] >>> 0, code[pc++], acc.bytes);
            loadStore(acc, mem, i32, a, ea);
            continue;
          }
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

          // ---- i32 ----
          case Op.i32_eqz: { const a = (sp - 1) << 2; i32[a] = i32[a] === 0 ? 1 : 0; continue; }
          case Op.i32_eq: { const b = --sp << 2, a = b - 4; i32[a] = i32[a] === i32[b] ? 1 : 0; continue; }
          case Op.i32_ne: { const b = --sp << 2, a = b - 4; i32[a] = i32[a] !== i32[b] ? 1 : 0; continue; }
          case Op.i32_lt_s: { const b = --sp << 2, a = b - 4; i32[a] = i32[a] < i32[b] ? 1 : 0; continue; }
          case Op.i32_lt_u: { const b = --sp << 2, a = b - 4; i32[a] = u32[a] < u32[b] ? 1 : 0; continue; }
          case Op.i32_gt_s: { const b = --sp << 2, a = b - 4; i32[a] = i32[a] > i32[b] ? 1 : 0; continue; }
          case Op.i32_gt_u: { const b = --sp << 2, a = b - 4; i32[a] = u32[a] > u32[b] ? 1 : 0; continue; }
          case Op.i32_le_s: { const b = --sp << 2, a = b - 4; i32[a] = i32[a] <= i32[b] ? 1 : 0; continue; }
          case Op.i32_le_u: { const b = --sp << 2, a = b - 4; i32[a] = u32[a] <= u32[b] ? 1 : 0; continue; }
          case Op.i32_ge_s: { const b = --sp << 2, a = b - 4; i32[a] = i32[a] >= i32[b] ? 1 : 0; continue; }
          case Op.i32_ge_u: { const b = --sp << 2, a = b - 4; i32[a] = u32[a] >= u32[b] ? 1 : 0; continue; }
          case Op.i32_clz: { const a = (sp - 1) << 2; i32[a] = Math.clz32(i32[a]); continue; }
          case Op.i32_ctz: { const a = (sp - 1) << 2; i32[a] = I64.ctz32(i32[a]); continue; }
          case Op.i32_popcnt: { const a = (sp - 1) << 2; i32[a] = I64.popcnt32(i32[a]); continue; }
          case Op.i32_add: { const b = --sp << 2, a = b - 4; i32[a] = (i32[a] + i32[b]) | 0; continue; }
          case Op.i32_sub: { const b = --sp << 2, a = b - 4; i32[a] = (i32[a] - i32[b]) | 0; continue; }
          case Op.i32_mul: { const b = --sp << 2, a = b - 4; i32[a] = Math.imul(i32[a], i32[b]); continue; }
          case Op.i32_div_s: { const b = --sp << 2, a = b - 4; i32[a] = divS32(i32[a], i32[b]); continue; }
          case Op.i32_div_u: { const b = --sp << 2, a = b - 4; i32[a] = divU32(i32[a], i32[b]); continue; }
          case Op.i32_rem_s: { const b = --sp << 2, a = b - 4; i32[a] = remS32(i32[a], i32[b]); continue; }
          case Op.i32_rem_u: { const b = --sp << 2, a = b - 4; i32[a] = remU32(i32[a], i32[b]); continue; }
          case Op.i32_and: { const b = --sp << 2, a = b - 4; i32[a] = i32[a] & i32[b]; continue; }
          case Op.i32_or: { const b = --sp << 2, a = b - 4; i32[a] = i32[a] | i32[b]; continue; }
          case Op.i32_xor: { const b = --sp << 2, a = b - 4; i32[a] = i32[a] ^ i32[b]; continue; }
          case Op.i32_shl: { const b = --sp << 2, a = b - 4; i32[a] = i32[a] << i32[b]; continue; }
          case Op.i32_shr_s: { const b = --sp << 2, a = b - 4; i32[a] = i32[a] >> i32[b]; continue; }
          case Op.i32_shr_u: { const b = --sp << 2, a = b - 4; i32[a] = i32[a] >>> i32[b]; continue; }
          case Op.i32_rotl: { const b = --sp << 2, a = b - 4; i32[a] = rotl32(i32[a], i32[b]); continue; }
          case Op.i32_rotr: { const b = --sp << 2, a = b - 4; i32[a] = rotr32(i32[a], i32[b]); continue; }

          // ---- i64 (lo, hi words) ----
          case Op.i64_eqz: { const a = (sp - 1) << 2; i32[a] = (i32[a] | i32[a + 1]) === 0 ? 1 : 0; continue; }
          case Op.i64_eq: { const b = --sp << 2, a = b - 4; i32[a] = i32[a] === i32[b] && i32[a + 1] === i32[b + 1] ? 1 : 0; continue; }
          case Op.i64_ne: { const b = --sp << 2, a = b - 4; i32[a] = i32[a] !== i32[b] || i32[a + 1] !== i32[b + 1] ? 1 : 0; continue; }
          case Op.i64_lt_s: { const b = --sp << 2, a = b - 4, x = i32[a + 1], y = i32[b + 1]; i32[a] = (x !== y ? x < y : u32[a] < u32[b]) ? 1 : 0; continue; }
          case Op.i64_lt_u: { const b = --sp << 2, a = b - 4, x = u32[a + 1], y = u32[b + 1]; i32[a] = (x !== y ? x < y : u32[a] < u32[b]) ? 1 : 0; continue; }
          case Op.i64_gt_s: { const b = --sp << 2, a = b - 4, x = i32[a + 1], y = i32[b + 1]; i32[a] = (x !== y ? x > y : u32[a] > u32[b]) ? 1 : 0; continue; }
          case Op.i64_gt_u: { const b = --sp << 2, a = b - 4, x = u32[a + 1], y = u32[b + 1]; i32[a] = (x !== y ? x > y : u32[a] > u32[b]) ? 1 : 0; continue; }
          case Op.i64_le_s: { const b = --sp << 2, a = b - 4, x = i32[a + 1], y = i32[b + 1]; i32[a] = (x !== y ? x < y : u32[a] <= u32[b]) ? 1 : 0; continue; }
          case Op.i64_le_u: { const b = --sp << 2, a = b - 4, x = u32[a + 1], y = u32[b + 1]; i32[a] = (x !== y ? x < y : u32[a] <= u32[b]) ? 1 : 0; continue; }
          case Op.i64_ge_s: { const b = --sp << 2, a = b - 4, x = i32[a + 1], y = i32[b + 1]; i32[a] = (x !== y ? x > y : u32[a] >= u32[b]) ? 1 : 0; continue; }
          case Op.i64_ge_u: { const b = --sp << 2, a = b - 4, x = u32[a + 1], y = u32[b + 1]; i32[a] = (x !== y ? x > y : u32[a] >= u32[b]) ? 1 : 0; continue; }
          case Op.i64_clz: { const a = (sp - 1) << 2; i32[a] = I64.clz64(i32[a], i32[a + 1]); i32[a + 1] = 0; continue; }
          case Op.i64_ctz: { const a = (sp - 1) << 2; i32[a] = I64.ctz64(i32[a], i32[a + 1]); i32[a + 1] = 0; continue; }
          case Op.i64_popcnt: { const a = (sp - 1) << 2; i32[a] = I64.popcnt32(i32[a]) + I64.popcnt32(i32[a + 1]); i32[a + 1] = 0; continue; }
          case Op.i64_add: { // inlined: the loop is too large for V8 to inline helpers
            const b = --sp << 2, a = b - 4, lo = (i32[a] >>> 0) + (i32[b] >>> 0);
            i32[a] = lo | 0; i32[a + 1] = (i32[a + 1] + i32[b + 1] + (lo > 0xffffffff ? 1 : 0)) | 0;
            continue;
          }
          case Op.i64_sub: {
            const b = --sp << 2, a = b - 4, lo = (i32[a] >>> 0) - (i32[b] >>> 0);
            i32[a] = lo | 0; i32[a + 1] = (i32[a + 1] - i32[b + 1] - (lo < 0 ? 1 : 0)) | 0;
            continue;
          }
          case Op.i64_mul: { const b = --sp << 2; I64.mul64(i32, b - 4, b); continue; }
          case Op.i64_div_s: { const b = --sp << 2; I64.divS64(i32, b - 4, b); continue; }
          case Op.i64_div_u: { const b = --sp << 2; I64.divU64(i32, b - 4, b); continue; }
          case Op.i64_rem_s: { const b = --sp << 2; I64.remS64(i32, b - 4, b); continue; }
          case Op.i64_rem_u: { const b = --sp << 2; I64.remU64(i32, b - 4, b); continue; }
          case Op.i64_and: { const b = --sp << 2, a = b - 4; i32[a] &= i32[b]; i32[a + 1] &= i32[b + 1]; continue; }
          case Op.i64_or: { const b = --sp << 2, a = b - 4; i32[a] |= i32[b]; i32[a + 1] |= i32[b + 1]; continue; }
          case Op.i64_xor: { const b = --sp << 2, a = b - 4; i32[a] ^= i32[b]; i32[a + 1] ^= i32[b + 1]; continue; }
          case Op.i64_shl: { const b = --sp << 2; I64.shl64(i32, b - 4, b); continue; }
          case Op.i64_shr_s: { const b = --sp << 2; I64.shrS64(i32, b - 4, b); continue; }
          case Op.i64_shr_u: { const b = --sp << 2; I64.shrU64(i32, b - 4, b); continue; }
          case Op.i64_rotl: { const b = --sp << 2; I64.rotl64(i32, b - 4, b); continue; }
          case Op.i64_rotr: { const b = --sp << 2; I64.rotr64(i32, b - 4, b); continue; }

          // ---- f32 (arithmetic through the Float32Array view; sign ops on raw bits) ----
          case Op.f32_eq: { const b = --sp << 2, a = b - 4; i32[a] = f32[a] === f32[b] ? 1 : 0; continue; }
          case Op.f32_ne: { const b = --sp << 2, a = b - 4; i32[a] = f32[a] !== f32[b] ? 1 : 0; continue; }
          case Op.f32_lt: { const b = --sp << 2, a = b - 4; i32[a] = f32[a] < f32[b] ? 1 : 0; continue; }
          case Op.f32_gt: { const b = --sp << 2, a = b - 4; i32[a] = f32[a] > f32[b] ? 1 : 0; continue; }
          case Op.f32_le: { const b = --sp << 2, a = b - 4; i32[a] = f32[a] <= f32[b] ? 1 : 0; continue; }
          case Op.f32_ge: { const b = --sp << 2, a = b - 4; i32[a] = f32[a] >= f32[b] ? 1 : 0; continue; }
          case Op.f32_abs: { const a = (sp - 1) << 2; i32[a] &= 0x7fffffff; continue; }
          case Op.f32_neg: { const a = (sp - 1) << 2; i32[a] ^= -0x80000000; continue; }
          case Op.f32_copysign: { const b = --sp << 2, a = b - 4; i32[a] = (i32[a] & 0x7fffffff) | (i32[b] & -0x80000000); continue; }
          case Op.f32_ceil: { const a = (sp - 1) << 2; f32[a] = Math.ceil(f32[a]); continue; }
          case Op.f32_floor: { const a = (sp - 1) << 2; f32[a] = Math.floor(f32[a]); continue; }
          case Op.f32_trunc: { const a = (sp - 1) << 2; f32[a] = Math.trunc(f32[a]); continue; }
          case Op.f32_nearest: { const a = (sp - 1) << 2; f32[a] = nearest(f32[a]); continue; }
          case Op.f32_sqrt: { const a = (sp - 1) << 2; f32[a] = Math.sqrt(f32[a]); continue; }
          case Op.f32_add: { const b = --sp << 2, a = b - 4; f32[a] = f32[a] + f32[b]; continue; }
          case Op.f32_sub: { const b = --sp << 2, a = b - 4; f32[a] = f32[a] - f32[b]; continue; }
          case Op.f32_mul: { const b = --sp << 2, a = b - 4; f32[a] = f32[a] * f32[b]; continue; }
          case Op.f32_div: { const b = --sp << 2, a = b - 4; f32[a] = f32[a] / f32[b]; continue; }
          case Op.f32_min: { const b = --sp << 2, a = b - 4; f32[a] = Math.min(f32[a], f32[b]); continue; }
          case Op.f32_max: { const b = --sp << 2, a = b - 4; f32[a] = Math.max(f32[a], f32[b]); continue; }

          // ---- f64 (view index = word index / 2) ----
          case Op.f64_eq: { const b = --sp << 2, a = b - 4; i32[a] = f64[a >> 1] === f64[b >> 1] ? 1 : 0; continue; }
          case Op.f64_ne: { const b = --sp << 2, a = b - 4; i32[a] = f64[a >> 1] !== f64[b >> 1] ? 1 : 0; continue; }
          case Op.f64_lt: { const b = --sp << 2, a = b - 4; i32[a] = f64[a >> 1] < f64[b >> 1] ? 1 : 0; continue; }
          case Op.f64_gt: { const b = --sp << 2, a = b - 4; i32[a] = f64[a >> 1] > f64[b >> 1] ? 1 : 0; continue; }
          case Op.f64_le: { const b = --sp << 2, a = b - 4; i32[a] = f64[a >> 1] <= f64[b >> 1] ? 1 : 0; continue; }
          case Op.f64_ge: { const b = --sp << 2, a = b - 4; i32[a] = f64[a >> 1] >= f64[b >> 1] ? 1 : 0; continue; }
          case Op.f64_abs: { const a = (sp - 1) << 2; i32[a + 1] &= 0x7fffffff; continue; }
          case Op.f64_neg: { const a = (sp - 1) << 2; i32[a + 1] ^= -0x80000000; continue; }
          case Op.f64_copysign: { const b = --sp << 2, a = b - 4; i32[a + 1] = (i32[a + 1] & 0x7fffffff) | (i32[b + 1] & -0x80000000); continue; }
          case Op.f64_ceil: { const a = (sp - 1) << 1; f64[a] = quiet(Math.ceil(f64[a])); continue; }
          case Op.f64_floor: { const a = (sp - 1) << 1; f64[a] = quiet(Math.floor(f64[a])); continue; }
          case Op.f64_trunc: { const a = (sp - 1) << 1; f64[a] = quiet(Math.trunc(f64[a])); continue; }
          case Op.f64_nearest: { const a = (sp - 1) << 1; f64[a] = quiet(nearest(f64[a])); continue; }
          case Op.f64_sqrt: { const a = (sp - 1) << 1; f64[a] = Math.sqrt(f64[a]); continue; }
          case Op.f64_add: { const b = --sp << 1, a = b - 2; f64[a] = f64[a] + f64[b]; continue; }
          case Op.f64_sub: { const b = --sp << 1, a = b - 2; f64[a] = f64[a] - f64[b]; continue; }
          case Op.f64_mul: { const b = --sp << 1, a = b - 2; f64[a] = f64[a] * f64[b]; continue; }
          case Op.f64_div: { const b = --sp << 1, a = b - 2; f64[a] = f64[a] / f64[b]; continue; }
          case Op.f64_min: { const b = --sp << 1, a = b - 2; f64[a] = quiet(Math.min(f64[a], f64[b])); continue; }
          case Op.f64_max: { const b = --sp << 1, a = b - 2; f64[a] = quiet(Math.max(f64[a], f64[b])); continue; }

          // ---- conversions ----
          case Op.i32_wrap_i64: continue;
          case Op.i32_trunc_f32_s: { const a = (sp - 1) << 2; i32[a] = CV.truncI32S(f32[a]); continue; }
          case Op.i32_trunc_f32_u: { const a = (sp - 1) << 2; i32[a] = CV.truncI32U(f32[a]); continue; }
          case Op.i32_trunc_f64_s: { const a = (sp - 1) << 2; i32[a] = CV.truncI32S(f64[a >> 1]); continue; }
          case Op.i32_trunc_f64_u: { const a = (sp - 1) << 2; i32[a] = CV.truncI32U(f64[a >> 1]); continue; }
          case Op.i64_extend_i32_s: { const a = (sp - 1) << 2; i32[a + 1] = i32[a] >> 31; continue; }
          case Op.i64_extend_i32_u: { const a = (sp - 1) << 2; i32[a + 1] = 0; continue; }
          case Op.i64_trunc_f32_s: { const a = (sp - 1) << 2; CV.truncI64S(f32[a], i32, a); continue; }
          case Op.i64_trunc_f32_u: { const a = (sp - 1) << 2; CV.truncI64U(f32[a], i32, a); continue; }
          case Op.i64_trunc_f64_s: { const a = (sp - 1) << 2; CV.truncI64S(f64[a >> 1], i32, a); continue; }
          case Op.i64_trunc_f64_u: { const a = (sp - 1) << 2; CV.truncI64U(f64[a >> 1], i32, a); continue; }
          case Op.f32_convert_i32_s: { const a = (sp - 1) << 2; f32[a] = i32[a]; continue; }
          case Op.f32_convert_i32_u: { const a = (sp - 1) << 2; f32[a] = u32[a]; continue; }
          case Op.f32_convert_i64_s: { const a = (sp - 1) << 2; f32[a] = CV.i64ToF32(i32[a], i32[a + 1], true); continue; }
          case Op.f32_convert_i64_u: { const a = (sp - 1) << 2; f32[a] = CV.i64ToF32(i32[a], i32[a + 1], false); continue; }
          case Op.f32_demote_f64: { const a = (sp - 1) << 2; f32[a] = f64[a >> 1]; continue; }
          case Op.f64_convert_i32_s: { const a = (sp - 1) << 2; f64[a >> 1] = i32[a]; continue; }
          case Op.f64_convert_i32_u: { const a = (sp - 1) << 2; f64[a >> 1] = u32[a]; continue; }
          case Op.f64_convert_i64_s: { const a = (sp - 1) << 2; f64[a >> 1] = CV.i64ToF64(i32[a], i32[a + 1], true); continue; }
          case Op.f64_convert_i64_u: { const a = (sp - 1) << 2; f64[a >> 1] = CV.i64ToF64(i32[a], i32[a + 1], false); continue; }
          case Op.f64_promote_f32: { const a = (sp - 1) << 2; f64[a >> 1] = f32[a]; continue; }
          case Op.i32_reinterpret_f32: case Op.i64_reinterpret_f64:
          case Op.f32_reinterpret_i32: case Op.f64_reinterpret_i64:
            continue; // same bits, same slot
          case Op.i32_extend8_s: { const a = (sp - 1) << 2; i32[a] = (i32[a] << 24) >> 24; continue; }
          case Op.i32_extend16_s: { const a = (sp - 1) << 2; i32[a] = (i32[a] << 16) >> 16; continue; }
          case Op.i64_extend8_s: { const a = (sp - 1) << 2; i32[a] = (i32[a] << 24) >> 24; i32[a + 1] = i32[a] >> 31; continue; }
          case Op.i64_extend16_s: { const a = (sp - 1) << 2; i32[a] = (i32[a] << 16) >> 16; i32[a + 1] = i32[a] >> 31; continue; }
          case Op.i64_extend32_s: { const a = (sp - 1) << 2; i32[a + 1] = i32[a] >> 31; continue; }
          case Op.i32_trunc_sat_f32_s: { const a = (sp - 1) << 2; i32[a] = CV.truncSatI32S(f32[a]); continue; }
          case Op.i32_trunc_sat_f32_u: { const a = (sp - 1) << 2; i32[a] = CV.truncSatI32U(f32[a]); continue; }
          case Op.i32_trunc_sat_f64_s: { const a = (sp - 1) << 2; i32[a] = CV.truncSatI32S(f64[a >> 1]); continue; }
          case Op.i32_trunc_sat_f64_u: { const a = (sp - 1) << 2; i32[a] = CV.truncSatI32U(f64[a >> 1]); continue; }
          case Op.i64_trunc_sat_f32_s: { const a = (sp - 1) << 2; CV.truncSatI64S(f32[a], i32, a); continue; }
          case Op.i64_trunc_sat_f32_u: { const a = (sp - 1) << 2; CV.truncSatI64U(f32[a], i32, a); continue; }
          case Op.i64_trunc_sat_f64_s: { const a = (sp - 1) << 2; CV.truncSatI64S(f64[a >> 1], i32, a); continue; }
          case Op.i64_trunc_sat_f64_u: { const a = (sp - 1) << 2; CV.truncSatI64U(f64[a >> 1], i32, a); continue; }

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
          case Op.resume: case Op.resume_throw: case Op.resume_throw_ref: {
            const op = code[pc - 1];
            const arg = op === Op.resume_throw_ref ? 0 : code[pc++];
            const hpos = pc;
            pc = hpos + 1 + code[hpos] * HANDLER_WORDS;
            const st = takeCont(refs[--sp] as ContObj | null);
            let nargs = 0;
            if (op === Op.resume) {
              nargs = arg;
              sp -= nargs;
            } else if (op === Op.resume_throw) {
              const tag = inst.tags[arg];
              const ps = (tag.type.comp as { params: readonly CValType[] }).params;
              sp -= ps.length;
              const args = new Array(ps.length);
              for (let k = 0; k < ps.length; k++) args[k] = cellToValue(ps[k], i32, (sp + k) << 2, refs[sp + k]);
              pendingExn = new WasmException(tag, args);
            } else {
              pendingExn = refs[--sp];
              if (pendingExn === null) trap('null-reference', 'null exception reference');
            }
            fr.pc = pc; t.sp = sp;
            if (pendingExn !== null && st.fn !== null) {
              // Throwing into a continuation that has not started: it is raised at the resume.
              const e = pendingExn;
              pendingExn = null;
              throw e;
            }
            const top = deliver(st, t, sp, nargs, null, false, compiledOf);
            const bottom = st.bottom ?? top;
            bottom.parent = t; bottom.hcode = code; bottom.hpos = hpos; bottom.hinst = inst; bottom.parentEntry = entry;
            top.fuel = t.fuel; // one budget for all the stacks of a computation
            t = top; entry = 0; action = ACT_SWITCH;
            break;
          }
          case Op.suspend: {
            const tag = inst.tags[code[pc++]];
            const found = findHandler(t, tag, false);
            if (found === null) trap('unhandled-tag', 'unhandled tag');
            const [bottom, pos] = found;
            const n = (tag.type.comp as { params: readonly CValType[] }).params.length;
            sp -= n;
            fr.pc = pc; t.sp = sp;
            const k = new ContObj(null, { fn: null, top: t, bottom, boundWords: NO_WORDS, boundRefs: NO_REFS });
            const p = bottom.parent!, hcode = bottom.hcode!;
            bottom.parent = null;
            entry = bottom.parentEntry;
            // Branch to the handler's label in the resumer, with the payload and the continuation.
            const pfr = p.frames[p.depth];
            const dst = pfr.fp + hcode[pos + 3];
            p.ensure(dst + n + 1);
            copySlots(t, sp, p, dst, n);
            p.refs[dst + n] = k;
            t.park(); // compact while suspended (thread.ts); after the payload was copied out
            p.sp = dst + n + 1;
            pfr.pc = hcode[pos + 2];
            p.fuel = t.fuel;
            t = p; action = ACT_SWITCH;
            break;
          }
          case Op.switch: {
            const nargs = code[pc], tag = inst.tags[code[pc + 1]];
            pc += 2;
            const target = refs[--sp] as ContObj | null;
            if (target === null) trap('null-continuation', 'null continuation reference');
            if (target.state === null) trap('continuation-consumed', 'continuation already consumed');
            const found = findHandler(t, tag, true);
            if (found === null) trap('unhandled-tag', 'unhandled tag');
            const st = takeCont(target);
            const [bottom] = found;
            sp -= nargs;
            fr.pc = pc; t.sp = sp;
            // The current computation up to the handler becomes a continuation, passed along.
            const mine = new ContObj(null, { fn: null, top: t, bottom, boundWords: NO_WORDS, boundRefs: NO_REFS });
            const top = deliver(st, t, sp, nargs, mine, true, compiledOf);
            t.park(); // compact while suspended (thread.ts); after the arguments were copied out
            const nb = st.bottom ?? top;
            nb.parent = bottom.parent; nb.hcode = bottom.hcode; nb.hpos = bottom.hpos; nb.hinst = bottom.hinst;
            nb.parentEntry = bottom.parentEntry;
            bottom.parent = null;
            top.fuel = t.fuel; // one budget for all the stacks of a computation
            t = top; entry = 0; action = ACT_SWITCH;
            break;
          }

          default:
            throw new Error(`interpreter: unexpected op ${code[pc - 1]} at ${pc - 1}`);
        }

        // ---- the call and return sequences (reached by `break`) ----
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
            c = gc; code = gc.code; pc = 0; fp = nfp; sp = nfp + gc.nlocals;
            inst = g.instance!; mem = inst.mems[0];
            continue;
          }
        }
        if (action === ACT_SWITCH) {
          // Continue on stack `t` (set by the op): reload everything the loop caches.
          action = 0;
          fr = t.frames[t.depth];
          c = fr.c; code = c.code; pc = fr.pc; fp = fr.fp; sp = t.sp; inst = fr.inst; mem = inst.mems[0];
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
          t.parent = null;
          entry = t.parentEntry;
          p.fuel = t.fuel;
          t = p;
          fr = t.frames[t.depth];
          c = fr.c; code = c.code; pc = fr.pc; fp = fr.fp; sp = t.sp; inst = fr.inst; mem = inst.mems[0];
          i32 = t.i32; u32 = t.u32; f32 = t.f32; f64 = t.f64; refs = t.refs;
          continue;
        }
        fr = t.frames[t.depth];
        c = fr.c; code = c.code; pc = fr.pc; fp = fr.fp; inst = fr.inst; mem = inst.mems[0];
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
          t.parent = null;
          entry = t.parentEntry;
          p.fuel = t.fuel;
          t = p;
        }
        if (caught) {
          fr = t.frames[t.depth];
          c = fr.c; code = c.code; pc = fr.pc; fp = fr.fp; sp = t.sp; inst = fr.inst; mem = inst.mems[0];
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
          t.parent = null;
          entry = t.parentEntry;
          p.fuel = t.fuel;
          t = p;
          at = t.frames[t.depth].pc;
        }
      }
      t.sp = t.frames[entryDepth].fp;
      t.depth = entryDepth - 1;
      throw e;
    }
  }
}
