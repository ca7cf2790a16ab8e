/**
 * A thread of execution: one value stack (16-byte slots in one ArrayBuffer, with typed views, plus
 * a parallel array for references) and an explicit frame stack. The interpreter loop keeps no wasm
 * state on the host stack, so a Thread is also the unit a continuation (stack switching) or a
 * promising call (JSPI) suspends and resumes: a continuation is just another Thread.
 *
 * Memory of suspended continuations: a program may keep a great many of them (a million parked
 * generators should fit in a few hundred MB). An ArrayBuffer with its typed views costs over a
 * kilobyte however small, so a suspended continuation with a small live stack is *parked*: its
 * live slots move into a plain array and its buffer goes back to a small pool, from which the
 * next stack to run (or the same one, when resumed) takes it again. Parking and unparking copy
 * only the live part of the stack; big stacks are never parked (the copy would cost more than
 * the memory saved).
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

/** Stacks with at most this many live slots are parked when suspended. */
const PARK_MAX_SLOTS = 64;
/** Buffers of at most this many slots are kept for reuse; at most POOL_MAX of them. */
const POOL_SLOT_LIMIT = 1024;
const POOL_MAX = 64;

/** A value stack's storage, detached from its thread (the pool's entries). */
interface Storage {
  buf: ArrayBuffer; i32: Int32Array; u32: Uint32Array; f32: Float32Array; f64: Float64Array;
  i64: BigInt64Array; refs: unknown[]; cap: number;
}

const pool: Storage[] = [];

/** New storage of `slots` slots; `refs`, if given, is extended and kept (see Thread.resize). */
function allocate(slots: number, refs: unknown[] = []): Storage {
  const buf = new ArrayBuffer(slots * 16);
  for (let i = refs.length; i < slots; i++) refs.push(null);
  return {
    buf, i32: new Int32Array(buf), u32: new Uint32Array(buf), f32: new Float32Array(buf),
    f64: new Float64Array(buf), i64: new BigInt64Array(buf), refs, cap: slots,
  };
}

/** What a parked thread holds instead of a buffer (never read, never written). */
const EMPTY: Storage = allocate(0);

/** A promising call's state (JSPI), kept aside: most stacks never have one. */
interface JspiState {
  suspendable: boolean;
  suspension: Suspension | null;
  suspendedFn: FuncInst | null;
  resumeThrow: { error: unknown } | null;
  resumeAt: Thread | null;
}

// Per-instance fields cost memory in every parked continuation, so rarely used state lives in
// side objects behind accessors (prototype-level, free per instance).
export class Thread {
  i32!: Int32Array;
  u32!: Uint32Array;
  f32!: Float32Array;
  f64!: Float64Array;
  i64!: BigInt64Array;
  refs!: unknown[];
  /** Capacity in slots. */
  cap = 0;
  /** First free slot when no wasm code runs on this thread's loop. */
  sp = 0;
  /** Index of the innermost frame (-1: none). */
  depth = -1;
  /** Frame records, reused across calls (replaced by an exact-size copy when parked). */
  frames: Frame[] = [];
  /** Remaining fuel (see interp.ts `outOfFuel`); Infinity = unmetered. */
  fuel = Infinity;
  /**
   * While parked: the live slots' words (4 per slot), followed by their references unless all
   * were null.
   */
  private saved: unknown[] | null = null;
  private jspi: JspiState | null = null;
  /** SIMD views, made on first use (most stacks never run a v128 instruction). */
  private simdCache: SimdViews | null = null;

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
    this.attach(this.acquire(initialSlots));
  }

  get buf(): ArrayBuffer {
    return this.i32.buffer as ArrayBuffer;
  }

  private jspiState(): JspiState {
    return this.jspi ??= { suspendable: false, suspension: null, suspendedFn: null, resumeThrow: null, resumeAt: null };
  }
  /** Whether a host function may suspend this stack (stacks made by `invokeAsync`). */
  get suspendable(): boolean { return this.jspi !== null && this.jspi.suspendable; }
  set suspendable(v: boolean) { this.jspiState().suspendable = v; }
  /** While suspended: what the host is waiting for, and the host function that asked. */
  get suspension(): Suspension | null { return this.jspi === null ? null : this.jspi.suspension; }
  set suspension(v: Suspension | null) { this.jspiState().suspension = v; }
  get suspendedFn(): FuncInst | null { return this.jspi === null ? null : this.jspi.suspendedFn; }
  set suspendedFn(v: FuncInst | null) { this.jspiState().suspendedFn = v; }
  /**
   * Set by `invokeAsync` when the awaited promise rejected: `run` throws `error` at the suspended
   * call site on re-entry, so wasm handlers see it as if the host function had thrown (JSPI).
   */
  get resumeThrow(): { error: unknown } | null { return this.jspi === null ? null : this.jspi.resumeThrow; }
  set resumeThrow(v: { error: unknown } | null) { this.jspiState().resumeThrow = v; }
  /**
   * On a suspended promising stack: the continuation stack (resumed, directly or not, from this
   * one) whose host call suspended, where `run` continues; null if it was this stack itself.
   */
  get resumeAt(): Thread | null { return this.jspi === null ? null : this.jspi.resumeAt; }
  set resumeAt(v: Thread | null) { this.jspiState().resumeAt = v; }

  get simd(): SimdViews {
    return this.simdCache ??= simdViews(this.buf);
  }

  /** Storage for at least `slots` slots: a pooled buffer if one is big enough, else a new one. */
  private acquire(slots: number): Storage {
    if (slots <= POOL_SLOT_LIMIT && pool.length > 0 && pool[pool.length - 1].cap >= slots) return pool.pop()!;
    return allocate(slots);
  }

  private attach(st: Storage): void {
    this.i32 = st.i32; this.u32 = st.u32; this.f32 = st.f32; this.f64 = st.f64;
    this.i64 = st.i64; this.refs = st.refs; this.cap = st.cap;
    this.simdCache = null;
  }

  /**
   * Grows the buffer. The reference array stays the same object (only longer): callers may hold
   * it across an `ensure` that did not need to move the words.
   */
  private resize(slots: number): void {
    const old = this.i32;
    this.attach(allocate(slots, this.refs === EMPTY.refs ? [] : this.refs));
    this.i32.set(old);
  }

  /**
   * Called when this stack is suspended (it is the top of a continuation): if its live stack is
   * small, saves the live slots and gives the buffer back to the pool (see the file comment).
   * The stack must be unparked before it runs again.
   */
  park(): void {
    const n = this.sp;
    if (n > PARK_MAX_SLOTS || this.saved !== null) return;
    const i32 = this.i32, refs = this.refs;
    let withRefs = false;
    for (let i = 0; i < n; i++) {
      if (refs[i] !== null) {
        withRefs = true;
        break;
      }
    }
    const saved: unknown[] = new Array(withRefs ? n * 5 : n * 4); // exact size: push over-allocates
    for (let i = 0; i < n * 4; i++) saved[i] = i32[i];
    if (withRefs) for (let i = 0; i < n; i++) saved[n * 4 + i] = refs[i];
    this.saved = saved;
    if (this.cap <= POOL_SLOT_LIMIT && pool.length < POOL_MAX) {
      refs.fill(null, 0, n); // the pool must not keep objects alive
      pool.push({ buf: this.buf, i32, u32: this.u32, f32: this.f32, f64: this.f64, i64: this.i64, refs, cap: this.cap });
    }
    this.attach(EMPTY);
    // An exact-size copy: the array grew by appending, with spare capacity.
    this.frames = this.frames.slice(0, this.depth + 1);
  }

  /** Gives a parked stack a buffer again, with its live slots restored. No-op if not parked. */
  unpark(): void {
    const saved = this.saved;
    if (saved === null) return;
    const n = this.sp;
    this.attach(this.acquire(Math.max(16, 2 * n)));
    const i32 = this.i32, refs = this.refs;
    for (let i = 0; i < n * 4; i++) i32[i] = saved[i] as number;
    if (saved.length > n * 4) for (let i = 0; i < n; i++) refs[i] = saved[n * 4 + i];
    this.saved = null;
  }

  /** Makes room for `slots` slots; the interpreter must reload its views afterwards. */
  ensure(slots: number): void {
    if (slots <= this.cap) return;
    if (slots > this.maxSlots) throw new RuntimeError('exhaustion', 'call stack exhausted');
    let n = Math.max(this.cap, 16);
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
