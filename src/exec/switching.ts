/**
 * Stack switching support for the interpreter loop: every continuation runs on its own Thread
 * (value stack + frames), so suspending is just leaving that Thread as it is and resuming is
 * switching the loop's current Thread. These helpers find handlers, move arguments between
 * stacks and do the transfers of `resume`, `suspend` and `switch` (kept out of interp.ts `run`,
 * whose size V8's optimising compiler limits: they are rare next to its arithmetic cases).
 */
import { RuntimeError } from '../errors.js';
import { WasmException, type TagInst } from '../runtime/tag.js';
import { ContObj, NO_REFS, NO_WORDS, type ContState } from '../runtime/cont.js';
import type { ModuleInstance } from '../runtime/instance.js';
import type { CValType } from '../valid/canon-types.js';
import { cellToValue } from '../runtime/cells.js';
import { Op } from './ops.js';
import { Thread } from './thread.js';
import type { Compiled } from './compiled.js';

type CompiledOf = (f: NonNullable<ContState['fn']>) => Compiled;

function trap(kind: RuntimeError['kind'], reason: string): never {
  throw new RuntimeError(kind, reason);
}

/** Takes the state of a continuation, leaving it consumed (continuations are one-shot). */
export function takeCont(k: ContObj | null): ContState {
  if (k === null) trap('null-continuation', 'null continuation reference');
  const st = k.state;
  if (st === null) trap('continuation-consumed', 'continuation already consumed');
  k.state = null;
  return st;
}

/**
 * Where the interpreter continues after a transfer between stacks: on stack `t` (its top frame
 * and `t.sp` hold the state), leaving it at depth `entry`, raising `exn` there first if not null.
 */
export interface Transfer {
  readonly t: Thread;
  readonly entry: number;
  readonly exn: unknown;
}

/**
 * `resume`, `resume_throw`, `resume_throw_ref` at code position `pc` (after the op) of the top
 * frame of `t`, with the stack at `sp`: links the continuation's stack under `t` with the
 * handler table and switches to it.
 */
export function resumeOp(t: Thread, inst: ModuleInstance, code: Int32Array, pc: number, sp: number, entry: number,
  compiledOf: CompiledOf): Transfer {
  const op = code[pc - 1];
  const arg = op === Op.resume_throw_ref ? 0 : code[pc++];
  const hpos = pc;
  pc = hpos + 1 + code[hpos] * HANDLER_WORDS;
  const i32 = t.i32, refs = t.refs;
  const st = takeCont(refs[--sp] as ContObj | null);
  let nargs = 0;
  let exn: unknown = null;
  if (op === Op.resume) {
    nargs = arg;
    sp -= nargs;
  } else if (op === Op.resume_throw) {
    const tag = inst.tags[arg];
    const ps = (tag.type.comp as { params: readonly CValType[] }).params;
    sp -= ps.length;
    const args = new Array(ps.length);
    for (let k = 0; k < ps.length; k++) args[k] = cellToValue(ps[k], i32, (sp + k) << 2, refs[sp + k]);
    exn = new WasmException(tag, args);
  } else {
    exn = refs[--sp];
    if (exn === null) trap('null-reference', 'null exception reference');
  }
  t.frames[t.depth].pc = pc; t.sp = sp;
  // Throwing into a continuation that has not started: it is raised at the resume.
  if (exn !== null && st.fn !== null) throw exn;
  const top = deliver(st, t, sp, nargs, null, false, compiledOf);
  const bottom = st.bottom ?? top;
  bottom.parent = t; bottom.hcode = code; bottom.hpos = hpos; bottom.hinst = inst; bottom.parentEntry = entry;
  top.fuel = t.fuel; // one budget for all the stacks of a computation
  return { t: top, entry: 0, exn };
}

/** `suspend` of `tag` at code position `pc` (after the op) of the top frame of `t`. */
export function suspendOp(t: Thread, tag: TagInst, pc: number, sp: number): Transfer {
  const found = findHandler(t, tag, false);
  if (found === null) trap('unhandled-tag', 'unhandled tag');
  const [bottom, pos] = found;
  const n = (tag.type.comp as { params: readonly CValType[] }).params.length;
  sp -= n;
  t.frames[t.depth].pc = pc; t.sp = sp;
  const k = new ContObj(null, { fn: null, top: t, bottom, boundWords: NO_WORDS, boundRefs: NO_REFS });
  const p = bottom.parent!, hcode = bottom.hcode!;
  bottom.parent = null;
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
  return { t: p, entry: bottom.parentEntry, exn: null };
}

/** `switch` to continuation `target` with `nargs` arguments, at `pc` of the top frame of `t`. */
export function switchOp(t: Thread, tag: TagInst, nargs: number, target: ContObj | null, pc: number, sp: number,
  compiledOf: CompiledOf): Transfer {
  if (target === null) trap('null-continuation', 'null continuation reference');
  if (target.state === null) trap('continuation-consumed', 'continuation already consumed');
  const found = findHandler(t, tag, true);
  if (found === null) trap('unhandled-tag', 'unhandled tag');
  const st = takeCont(target);
  const [bottom] = found;
  sp -= nargs;
  t.frames[t.depth].pc = pc; t.sp = sp;
  // The current computation up to the handler becomes a continuation, passed along.
  const mine = new ContObj(null, { fn: null, top: t, bottom, boundWords: NO_WORDS, boundRefs: NO_REFS });
  const top = deliver(st, t, sp, nargs, mine, true, compiledOf);
  t.park(); // compact while suspended (thread.ts); after the arguments were copied out
  const nb = st.bottom ?? top;
  nb.parent = bottom.parent; nb.hcode = bottom.hcode; nb.hpos = bottom.hpos; nb.hinst = bottom.hinst;
  nb.parentEntry = bottom.parentEntry;
  bottom.parent = null;
  top.fuel = t.fuel; // one budget for all the stacks of a computation
  return { t: top, entry: 0, exn: null };
}

/** Words per resume handler entry: tag, is-switch, target, height, arity. */
export const HANDLER_WORDS = 5;

/**
 * The innermost running continuation (from `t` outwards) whose resume has a handler for `tag` of
 * the given kind (suspend handlers `(on $t $l)` or switch handlers `(on $t switch)`).
 * Returns the stack the handling resume started and the position of the handler entry in its
 * resumer's code, or null.
 */
export function findHandler(t: Thread, tag: TagInst, isSwitch: boolean): [Thread, number] | null {
  for (let th: Thread | null = t; th !== null && th.parent !== null; th = th.parent) {
    const code = th.hcode!, n = code[th.hpos];
    for (let i = 0; i < n; i++) {
      const pos = th.hpos + 1 + i * HANDLER_WORDS;
      if ((code[pos + 1] !== 0) === isSwitch && th.hinst!.tags[code[pos]] === tag) return [th, pos];
    }
  }
  return null;
}

/** Copies n slots (words and references) from one stack to another. */
export function copySlots(src: Thread, s: number, dst: Thread, d: number, n: number): void {
  dst.i32.set(src.i32.subarray(s * 4, (s + n) * 4), d * 4);
  for (let k = 0; k < n; k++) dst.refs[d + k] = src.refs[s + k];
}

/**
 * Hands arguments to a continuation and returns the stack to run: for a fresh continuation a new
 * stack with a frame for its function (bound args + args as parameters); for a suspended one its
 * top stack, with bound args + args pushed as the results of the `suspend`/`switch`. `extra`, if
 * given, is one more (reference) argument after the others (the `switch` continuation).
 */
export function deliver(
  st: ContState, src: Thread, s: number, n: number, extra: unknown, hasExtra: boolean,
  compiledOf: CompiledOf,
): Thread {
  const nb = st.boundRefs.length, total = nb + n + (hasExtra ? 1 : 0);
  let top: Thread, at: number, c: Compiled | null = null;
  if (st.fn !== null) {
    if (st.fn.host !== null) throw new RuntimeError('other', 'cannot resume a host function as a continuation');
    c = compiledOf(st.fn);
    // Small to start with (it grows on demand): many continuations stay tiny (see thread.ts).
    top = new Thread(src.maxDepth, src.maxSlots, Math.max(16, 2 * (total + c.frameSlots)));
    at = 0;
    top.ensure(total + c.frameSlots);
  } else {
    top = st.top!;
    top.unpark();
    at = top.sp;
    top.ensure(at + total + 1);
  }
  top.i32.set(st.boundWords, at * 4);
  for (let k = 0; k < nb; k++) top.refs[at + k] = st.boundRefs[k];
  copySlots(src, s, top, at + nb, n);
  if (hasExtra) top.refs[at + nb + n] = extra;
  if (c !== null) {
    for (let k = c.nparams; k < c.nlocals; k++) {
      top.i32.fill(0, k * 4, k * 4 + 4);
      top.refs[k] = null;
    }
    const fr = top.pushFrame();
    fr.fn = st.fn; fr.c = c; fr.inst = st.fn!.instance!; fr.fp = 0; fr.pc = 0;
    top.sp = c.nlocals;
  } else {
    top.sp = at + total;
  }
  return top;
}

/**
 * Control leaves continuation stack `t` for `p`, the stack that resumed it (the continuation
 * returned, or an exception or trap escaped it): unlinks it and hands the fuel budget back.
 * The caller restores the resumer's entry depth (`t.parentEntry`) first. Returns `p`.
 */
export function leaveToParent(t: Thread, p: Thread): Thread {
  t.parent = null;
  p.fuel = t.fuel;
  return p;
}
