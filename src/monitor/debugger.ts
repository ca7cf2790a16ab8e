/**
 * Breakpoints and stepping over the interpreter's probes.
 *
 * The interpreter is synchronous, so "paused" means: the pause handler is running, inside the probe,
 * just before the instruction at `offset` executes. The handler inspects the frame (locals as typed
 * values) and returns what to do next:
 *   'continue'  run until the next breakpoint;
 *   'step'      pause before the next instruction executed, wherever it is (steps into calls);
 *   'over'      pause before the next instruction in this frame or a caller (steps over calls);
 *   'out'       pause before the next instruction in a caller of this frame.
 * Returning nothing keeps the mode set by `step()` / `continue()` (called from the handler or before
 * the run), else 'continue'. Code the handler itself runs in the same instance does not pause.
 *
 * Every instruction of every defined function gets a probe when the debugger attaches: a probe
 * added later would only take effect the next time its function is called (addProbe's note on
 * translations already made), and stepping must reach the instruction after the current one in the
 * running frame. Breakpoints can therefore be set and cleared at any time, including while paused.
 * The cost is a callback per instruction executed (the compiled tier is off for the instance).
 */
import type { ModuleInstance } from '../runtime/instance.js';
import type { ProbeContext } from '../runtime/index.js';
import type { Thread } from '../exec/thread.js';
import { OPCODES } from '../syntax/opcodes.js';
import type { ValType } from '../syntax/types.js';
import { readLocals, readSlot, type TypedValue } from './frame-values.js';
import { definedFuncs, hex, moduleOf, type FuncInfo } from './module-info.js';
import type { Monitor } from './monitor.js';
import { probeAt } from './probe-hub.js';

export type DebugAction = 'continue' | 'step' | 'over' | 'out';

export type BreakpointTarget = { readonly func: number } | { readonly offset: number };

export interface Pause {
  readonly reason: 'breakpoint' | 'step';
  readonly funcIndex: number;
  readonly funcName: string | null;
  /** Byte offset of the instruction about to run, and its mnemonic. */
  readonly offset: number;
  readonly instruction: string;
  /** Wasm frame depth on the thread (0 = outermost). */
  readonly depth: number;
  readonly ctx: ProbeContext;
  /** Parameters then declared locals, typed. */
  locals(): TypedValue[];
  local(i: number): TypedValue;
  /** Values on the operand stack (above the locals), bottom first. */
  readonly stackHeight: number;
  /**
   * Operand stack slot k (0 = bottom) read as `type`: the debugger does not track operand types,
   * the caller says what it expects there (from the code being stepped).
   */
  operand(k: number, type: ValType): TypedValue;
}

export type PauseHandler = (pause: Pause) => DebugAction | void;

export interface DebuggerReport {
  readonly pauses: number;
  readonly breakpoints: readonly BreakpointTarget[];
}

export class Debugger implements Monitor<DebuggerReport> {
  readonly name = 'debugger';
  private readonly byOffset = new Map<number, number>(); // offset -> breakpoint count
  private readonly byFunc = new Map<number, number>();
  private readonly targets = new Map<number, BreakpointTarget>();
  private nextId = 1;
  private mode: DebugAction = 'continue';
  /** What step()/continue() asked for during the current pause, if anything. */
  private requested: DebugAction | null = null;
  /** For 'over'/'out': the thread and frame depth the step started from. */
  private from: { thread: Thread; depth: number } | null = null;
  private pausing = false;
  private pauses = 0;

  constructor(private readonly onPause: PauseHandler) {}

  attach(inst: ModuleInstance): void {
    for (const f of definedFuncs(moduleOf(inst))) {
      f.body.forEach((ins, i) => {
        const entry = i === 0;
        const mnemonic = OPCODES[ins.op]!.name;
        probeAt(inst, ins.offset, (ctx) => this.hit(ctx, f, entry, mnemonic));
      });
    }
  }

  /** Pause before an instruction (by byte offset) or at a function's entry; returns an id. */
  setBreakpoint(target: BreakpointTarget): number {
    const id = this.nextId++;
    this.targets.set(id, target);
    const [map, key] = 'func' in target ? [this.byFunc, target.func] : [this.byOffset, target.offset];
    map.set(key, (map.get(key) ?? 0) + 1);
    return id;
  }

  clearBreakpoint(id: number): void {
    const target = this.targets.get(id);
    if (!target) return;
    this.targets.delete(id);
    const [map, key] = 'func' in target ? [this.byFunc, target.func] : [this.byOffset, target.offset];
    const n = (map.get(key) ?? 1) - 1;
    if (n === 0) map.delete(key);
    else map.set(key, n);
  }

  /** Pause before the next instruction executed (before the run: at the first one). */
  step(): void {
    this.mode = this.requested = 'step';
    this.from = null;
  }

  /** Run until a breakpoint. */
  continue(): void {
    this.mode = this.requested = 'continue';
    this.from = null;
  }

  private hit(ctx: ProbeContext, f: FuncInfo, entry: boolean, instruction: string): void {
    if (this.pausing) return;
    const t = ctx.thread, depth = t.depth;
    const isBreak = this.byOffset.has(ctx.offset) || (entry && this.byFunc.has(f.index));
    let stepDone = false;
    if (this.mode === 'step') stepDone = true;
    else if (this.mode === 'over' || this.mode === 'out') {
      const from = this.from;
      stepDone = from === null || from.thread !== t || (this.mode === 'over' ? depth <= from.depth : depth < from.depth);
    }
    if (!isBreak && !stepDone) return;
    this.pauses++;
    const types = [...f.params, ...f.locals];
    // the translation may keep hidden locals after the declared ones (exec/compile.ts)
    const operandBase = ctx.fp + t.frames[depth]!.c.nlocals;
    const pause: Pause = {
      reason: isBreak ? 'breakpoint' : 'step', funcIndex: f.index, funcName: f.name, offset: ctx.offset,
      instruction, depth, ctx,
      locals: () => readLocals(t, ctx.fp, types),
      local: (i) => {
        const ty = types[i];
        if (ty === undefined) throw new RangeError(`no local ${i} in function ${f.index}`);
        return readSlot(t, ctx.fp + i, ty);
      },
      stackHeight: ctx.sp - operandBase,
      operand: (k, type) => {
        const base = operandBase;
        if (k < 0 || base + k >= ctx.sp) throw new RangeError(`no operand ${k} (stack height ${ctx.sp - base})`);
        return readSlot(t, base + k, type);
      },
    };
    this.requested = null;
    this.pausing = true;
    let action: DebugAction | void;
    try {
      action = this.onPause(pause);
    } finally {
      this.pausing = false;
    }
    // the handler's return value wins; else whatever step()/continue() set during it
    const next = action ?? this.requested ?? 'continue';
    this.mode = next;
    this.from = next === 'over' || next === 'out' ? { thread: t, depth } : null;
  }

  finish(): void {}

  report(): DebuggerReport {
    return { pauses: this.pauses, breakpoints: [...this.targets.values()] };
  }

  format(): string {
    const bps = [...this.targets.values()].map((b) => ('func' in b ? `func ${b.func}` : hex(b.offset)));
    return `debugger: ${this.pauses} pauses; breakpoints: ${bps.length > 0 ? bps.join(', ') : 'none'}`;
  }
}
