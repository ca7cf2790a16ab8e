/**
 * What a module's functions can do when called, from their bodies alone: whether a call may end
 * with a memory grown (so the caller must reload its views and limits afterwards), and whether a
 * function calls anything at all (so its own frame is the last one it adds to the host stack).
 * Compiled callers use these facts to skip per-call work (codegen.ts `call` and `assemble`).
 *
 * Growth is only ever caused by code running: a `memory.grow`, or anything whose code this module
 * cannot see (an imported function: JS may grow any memory it can reach; a call_indirect or
 * call_ref: the target is only known at run time; stack switching: a continuation runs unknown
 * code). So "may grow" is reachability, over direct calls to defined functions, of a function
 * with one of those instructions. Bodies are scanned on demand, one summary per function and
 * module (a big module pays only for the functions its compiled code calls).
 */
import type { Instr, Module } from '../syntax/module.js';
import { LAZY_BODY, importCounts } from '../syntax/module.js';
import { OPCODES } from '../syntax/opcodes.js';

const op = (name: string): number => OPCODES.findIndex(o => o.name === name);
/** Direct calls: the callee is known, its body decides. */
const DIRECT = new Set([op('call'), op('return_call')]);
/** Instructions that run code this module cannot see, or grow a memory themselves. */
const OPAQUE = new Set(
  ['memory.grow', 'call_indirect', 'return_call_indirect', 'call_ref', 'return_call_ref',
    'cont.new', 'cont.bind', 'suspend', 'resume', 'resume_throw', 'resume_throw_ref', 'switch'].map(op),
);

interface Summary {
  /** Grows a memory or runs unknown code itself. */
  readonly opaque: boolean;
  /** Defined functions it calls directly (imported callees make it opaque). */
  readonly callees: readonly number[];
  /** Calls nothing, directly or otherwise. */
  readonly leaf: boolean;
}

interface Facts {
  readonly summaries: Map<number, Summary>;
  /** Answers already known for `mayGrowMemory`. */
  readonly grows: Map<number, boolean>;
}

const perModule = new WeakMap<Module, Facts>();

function facts(m: Module): Facts {
  let f = perModule.get(m);
  if (!f) perModule.set(m, (f = { summaries: new Map(), grows: new Map() }));
  return f;
}

/** Visits a defined function's instructions without keeping a decoded body that was not kept yet. */
function visitBody(m: Module, local: number, visit: (ins: Instr) => void): void {
  const fn = m.funcs[local];
  const lazy = fn[LAZY_BODY];
  if (lazy && lazy.cached === undefined) lazy.visit(visit);
  else for (const ins of fn.body) visit(ins);
}

function summary(m: Module, idx: number): Summary {
  const f = facts(m);
  let s = f.summaries.get(idx);
  if (s) return s;
  const imported = importCounts(m).func;
  // Imports, and indices outside the module (never from a validated module): nothing is known.
  if (!Number.isInteger(idx) || idx < imported || idx - imported >= m.funcs.length) s = { opaque: true, callees: [], leaf: false };
  else {
    let opaque = false, leaf = true;
    const callees = new Set<number>();
    visitBody(m, idx - imported, ins => {
      if (DIRECT.has(ins.op)) {
        leaf = false;
        const k = ins.imm[0] as number;
        if (k < imported) opaque = true;
        else callees.add(k);
      } else if (OPAQUE.has(ins.op)) {
        opaque = true;
        if (OPCODES[ins.op].name !== 'memory.grow') leaf = false;
      }
    });
    s = { opaque, callees: [...callees], leaf };
  }
  f.summaries.set(idx, s);
  return s;
}

/**
 * Whether calling function `idx` (an index in the module's function space) may grow a memory
 * before it returns: true for imports, for functions with memory.grow, call_indirect, call_ref
 * or stack switching, and for any function that reaches one of those through direct calls.
 */
export function mayGrowMemory(m: Module, idx: number): boolean {
  const f = facts(m);
  const known = f.grows.get(idx);
  if (known !== undefined) return known;
  // Everything reachable from idx: if none is opaque, none of them may grow either.
  const seen = new Set<number>([idx]);
  const todo = [idx];
  let grows = false;
  while (todo.length > 0 && !grows) {
    const k = todo.pop()!;
    if (f.grows.get(k) === true) { grows = true; break; }
    const s = summary(m, k);
    if (s.opaque) { grows = true; break; }
    for (const c of s.callees) if (!seen.has(c)) { seen.add(c); todo.push(c); }
  }
  if (grows) f.grows.set(idx, true);
  else for (const k of seen) f.grows.set(k, false);
  return grows;
}

/** Whether defined function `idx` calls nothing (no call of any kind, no stack switching). */
export function isLeaf(m: Module, idx: number): boolean {
  return summary(m, idx).leaf;
}
