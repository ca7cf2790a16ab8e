/**
 * Stack switching support for the interpreter loop: every continuation runs on its own Thread
 * (value stack + frames), so suspending is just leaving that Thread as it is and resuming is
 * switching the loop's current Thread. These helpers find handlers and move arguments between
 * stacks; the control transfers themselves are in interp.ts.
 */
import { RuntimeError } from '../errors.js';
import type { TagInst } from '../runtime/tag.js';
import type { ContState } from '../runtime/cont.js';
import { Thread } from './thread.js';
import type { Compiled } from './compiled.js';

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
  compiledOf: (f: NonNullable<ContState['fn']>) => Compiled,
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
