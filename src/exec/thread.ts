/**
 * A thread of execution: one value stack (16-byte slots in one ArrayBuffer, with typed views, plus
 * a parallel array for references) and an explicit frame stack. The interpreter loop keeps no wasm
 * state on the host stack, so a Thread is also the unit a future continuation (stack switching,
 * JSPI) would suspend and resume: a continuation is just another Thread.
 */
import type { Compiled } from './compiled.js';
import type { FuncInst, Suspension } from '../runtime/func.js';
import type { ModuleInstance } from '../runtime/instance.js';
import type { SimdViews } from './simd-types.js';
import { simdViews } from './simd-types.js';
import { RuntimeError } from '../errors.js';

export class Frame {
  fn: FuncInst | null = null;
  c: Compiled = null as unknown as Compiled;
  inst: ModuleInstance = null as unknown as ModuleInstance;
  /** Code position to resume at (the return address while a callee runs). */
  pc = 0;
  /** First slot of the frame (its first parameter). */
  fp = 0;
}

const INITIAL_SLOTS = 1 << 14;

export class Thread {
  buf!: ArrayBuffer;
  i32!: Int32Array;
  u32!: Uint32Array;
  f32!: Float32Array;
  f64!: Float64Array;
  i64!: BigInt64Array;
  simd!: SimdViews;
  refs: unknown[] = [];
  /** Capacity in slots. */
  cap = 0;
  /** First free slot when no wasm code runs on this thread's loop. */
  sp = 0;
  /** Index of the innermost frame (-1: none). */
  depth = -1;
  readonly frames: Frame[] = [];
  /** Whether a host function may suspend this stack (stacks made by `invokeAsync`). */
  suspendable = false;
  /** While suspended: what the host is waiting for, and the host function that asked. */
  suspension: Suspension | null = null;
  suspendedFn: FuncInst | null = null;
  /**
   * Set by `invokeAsync` when the awaited promise rejected: `run` throws `error` at the suspended
   * call site on re-entry, so wasm handlers see it as if the host function had thrown (JSPI).
   */
  resumeThrow: { error: unknown } | null = null;
  /** Remaining fuel (see interp.ts `outOfFuel`); Infinity = unmetered. */
  fuel = Infinity;

  // ---- stack switching: set while this stack runs as a resumed continuation ----
  /** The stack that resumed this one (null for a root stack or a suspended/finished one). */
  parent: Thread | null = null;
  /** Handler table of the resume that started this stack: code, position of it, its instance. */
  hcode: Int32Array | null = null;
  hpos = 0;
  hinst: ModuleInstance | null = null;
  /** The parent's activation entry depth, restored when control returns to the parent. */
  parentEntry = 0;

  constructor(readonly maxDepth: number, readonly maxSlots: number, initialSlots = INITIAL_SLOTS) {
    this.resize(initialSlots);
  }

  private resize(slots: number): void {
    const old = this.i32;
    this.buf = new ArrayBuffer(slots * 16);
    this.i32 = new Int32Array(this.buf);
    if (old) this.i32.set(old);
    this.u32 = new Uint32Array(this.buf);
    this.f32 = new Float32Array(this.buf);
    this.f64 = new Float64Array(this.buf);
    this.i64 = new BigInt64Array(this.buf);
    this.simd = simdViews(this.buf);
    for (let i = this.refs.length; i < slots; i++) this.refs.push(null);
    this.cap = slots;
  }

  /** Makes room for `slots` slots; the interpreter must reload its views afterwards. */
  ensure(slots: number): void {
    if (slots <= this.cap) return;
    if (slots > this.maxSlots) throw new RuntimeError('exhaustion', 'call stack exhausted');
    let n = this.cap;
    while (n < slots) n *= 2;
    this.resize(Math.min(n, this.maxSlots));
  }

  /** Pushes a frame record (reusing frame objects) and returns it. */
  pushFrame(): Frame {
    const d = ++this.depth;
    if (d >= this.maxDepth) {
      this.depth--;
      throw new RuntimeError('exhaustion', 'call stack exhausted');
    }
    let f = this.frames[d];
    if (!f) this.frames[d] = f = new Frame();
    return f;
  }
}
