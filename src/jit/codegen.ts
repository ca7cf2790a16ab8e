/**
 * Translates one wasm function into the source of a JS factory: `new Function('E', source)(env)`
 * returns the compiled function for one instance (env = that instance's tables, see env.ts).
 *
 * Shape of the generated code: wasm locals and operand-stack slots become JS `let`s named by kind
 * and depth (an i64 is a pair of int32 lets: low and high word), so the host JIT sees plain
 * integer/double variables; blocks become labelled blocks, loops `for (;;)` with `continue`,
 * br_table a `switch`. Calling convention: i64 arguments are passed as two arguments (lo, hi);
 * one result is returned (an i64 returns lo, its hi goes to RT.hi); several results go to RT.res.
 *
 * Not everything is translated: functions that use instructions outside the supported set (
 * tail calls inside a try, stack switching, shared-everything instructions) return null
 * and stay in the interpreter. See README.md.
 */
import type { Module, MemArg, Instr, Catch, BrCast } from '../syntax/module.js';
import { funcTypeIndex, allMems, importCounts } from '../syntax/module.js';
import type { BlockType, FuncType, HeapType, RefType, ValType } from '../syntax/types.js';
import { ABS_HEAP_TYPES } from '../syntax/types.js';
import { OP, OPCODES } from '../syntax/opcodes.js';
import { ACCESS } from '../exec/mem-access.js';
import { NUMERIC } from './numeric.js';
import { NAN_BLIND, NAN_RESULT, NanResult } from '../exec/nan-results.js';
import { i64WithConstant } from './i64-const.js';
import { f32FromBits, f64FromWords } from './bits.js';
import { planOsr, type OsrPlan } from './osr-entry.js';
import { indirectTargets } from './indirect-targets.js';
import { isLeaf, mayGrowMemory } from './call-graph.js';
import { INLINE_BUDGET_CHARS, INLINE_MAX_CHARS, inlineCall, type LeafBody } from './inline.js';
import type { IndirectHints } from './indirect-feedback.js';
import { ShapeTracker, splitBody } from './split.js';

/** Value kinds in compiled code: i32, i64 (word pair), f32, f64, reference. */
type K = 'i' | 'I' | 'f' | 'F' | 'r' | 'v';

export class Unsupported extends Error {}

/** Limits that keep generated code within what JS parsers and compilers accept comfortably. */
/** Typed arrays read little-endian values only on little-endian hosts; others use DataViews only. */
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;


/** Host-stack words a compiled frame uses besides its variables (estimate, generous). */
const FRAME_WORDS = 24;
/**
 * A function that calls nothing (call-graph.ts `isLeaf`) and whose frame is estimated at most
 * this many words runs compiled even past RT.limit: its frame is the last it adds to the host
 * stack, and no bigger than what the test's alternative adds (SELF -> callSlow -> the
 * interpreter's dispatch loop, itself a large frame), so the limit's guarantee holds without the
 * test. Recursion always passes through a function that calls, and that one still tests.
 */
const LEAF_MAX_WORDS = 160;

/**
 * The fast path's bound: the memory's length, clamped to int32 so the host JIT keeps it (and the
 * bounds compare) in an integer register; the length itself is a double to V8 and every use paid a
 * checked conversion. Accesses past 2 GiB just take the (exact) slow path.
 */
const FAST_LIMIT = (mi: number): string => `lim${mi} = Math.min(M${mi}.bytes.length, 2147483647)`;
/** The fast-path limit in elements of 2^k bytes (k = 1..3), `lim >> k` (see memAccess). */
const ELEM_LIMITS = (mi: number, ks: readonly number[]): string[] => ks.map(k => `e${k}_${mi} = lim${mi} >> ${k}`);

/**
 * `maxBodyChars`: V8 never optimises a function whose bytecode exceeds 60 KiB
 * (--max-optimized-bytecode-size), neither on entry nor on-stack, and generated code left to its
 * bytecode interpreter ran ~500x slower than native (the interpreter tier: ~25x). Generated
 * bodies come to at most ~0.8 bytes of bytecode per source character (measured: 72 K characters
 * gave 56.9 KiB and were optimised, 81 K gave 64.3 KiB and were not), so larger bodies are split
 * into several JS functions (split.ts; OSR variants are not, they stay refused). About 1,500-2,500
 * wasm instructions, depending on how many access memory.
 */
export const LIMITS = { maxNesting: 400, maxInstrs: 60000, maxVars: 30000, maxBodyChars: 75000 };

function kindOf(t: ValType): K {
  switch (t) {
    case 'i32': return 'i';
    case 'i64': return 'I';
    case 'f32': return 'f';
    case 'f64': return 'F';
    case 'v128': return 'v';
    default: return 'r';
  }
}

function letterKind(l: string): K {
  switch (l) {
    case 'i': return 'i';
    case 'I': return 'I';
    case 'f': return 'f';
    case 'F': return 'F';
    case 'v': return 'v';
    case 'a': return 'i'; // 32-bit memories only (memory64 is rejected before this is used)
    default: throw new Unsupported(`operand ${l}`);
  }
}

interface Ctl {
  readonly kind: 'block' | 'loop' | 'if' | 'func' | 'try_table' | 'try';
  /** For try_table: its catch clauses. */
  readonly catches?: readonly Catch[];
  /**
   * For a legacy try: the variable holding the exception its catch clauses caught (for rethrow),
   * and whether a clause has begun (the JS catch is open).
   */
  readonly exn?: string;
  inCatch?: boolean;
  readonly label: string;
  /** Stack height below the construct's params. */
  readonly height: number;
  readonly params: readonly K[];
  readonly results: readonly K[];
  /** For `if` with params: lets holding the params for the else branch. */
  readonly saved: readonly string[];
}

/**
 * A cast target as (heap word, flags word), the encoding exec/casts.ts `refMatches` reads: heap =
 * type index, or -1 - index of an abstract heap type; flags bit 0 = admits null, bit 1 = exact.
 */
function castTarget(imm: HeapType | RefType, nullable: boolean): [number, number] {
  const enc = (h: HeapType): number => (typeof h === 'number' ? h : -1 - ABS_HEAP_TYPES.indexOf(h));
  if (typeof imm === 'object') return [enc(imm.heap), (nullable || imm.nullable ? 1 : 0) | (imm.exact ? 2 : 0)];
  return [enc(imm), nullable ? 1 : 0];
}

function intLit(x: number): string {
  return x < 0 ? `(${x})` : String(x);
}

function numLit(x: number): string {
  if (Object.is(x, -0)) return '(-0)';
  if (x === Infinity) return 'Infinity';
  if (x === -Infinity) return '(-Infinity)';
  return x < 0 ? `(${x})` : String(x);
}

/** The generated source and facts about it. */
export interface Generated {
  readonly source: string;
  /** Memories, globals and tables the code refers to (the factory reads them from env). */
  readonly mems: readonly number[];
  /** Immediates the code reads as `IM[n]` (the factory's second argument). */
  readonly imms: readonly unknown[];
  /**
   * The source with the typed-array views of memory `mi` taken from the global properties
   * `prefixes[mi] + kind` (see memory-views.ts) instead of made by each call, for every memory
   * with a prefix.
   */
  readonly withGlobalViews: (prefixes: readonly (string | null | undefined)[]) => string;
  /** JS functions the body was split into besides the main one (0: not split; split.ts). */
  readonly outlined: number;
}

/**
 * JS source for function `funcIdx` of `m`. `deterministic` (the deterministic profile) wraps the
 * result of every NaN-producing instruction in a canonicalisation; without it the code is as before.
 */
export function generate(m: Module, funcIdx: number, deterministic = false, hints: IndirectHints | null = null): Generated {
  const g = new Gen(m, funcIdx, deterministic, null, 'all', hints);
  try {
    return g.run();
  } catch (e) {
    // Inlined code can push a function past a limit (size, variables): then it goes without.
    if (e instanceof Unsupported && g.inlinedAny) return new Gen(m, funcIdx, deterministic, null, 'none', hints).run();
    throw e;
  }
}

/** Per module and profile: each leaf's translation for inlining (null: not inlinable). */
const leafBodies = new WeakMap<Module, Map<string, LeafBody | null>>();

function leafBody(m: Module, k: number, deterministic: boolean): LeafBody | null {
  let perModule = leafBodies.get(m);
  if (!perModule) leafBodies.set(m, (perModule = new Map()));
  const key = `${k}:${deterministic}`;
  let b = perModule.get(key);
  // Too deep in a chain: no answer here, and none cached (k may be inlinable from nearer callers).
  if (b === undefined && leafNesting >= MAX_LEAF_NESTING) {
    cutShort = true;
    return null;
  }
  if (b === undefined) {
    // Null while it is made: a call cycle back to k sees "not inlinable".
    perModule.set(key, null);
    b = null;
    const outer = cutShort;
    cutShort = false;
    if (small(m, k)) {
      leafNesting++;
      try {
        // With inlining: a function whose calls all go to inlined leaves is a leaf in effect.
        b = new Gen(m, k, deterministic, null, 'leaves').leafBody();
      } catch (e) {
        if (!(e instanceof Unsupported)) throw e;
      } finally {
        leafNesting--;
      }
    }
    // A refusal because a callee was too deep in the chain holds only for this chain (asked
    // from a compiled function itself, k is at the top: every later request gets the same).
    if (b === null && cutShort && leafNesting > 0) perModule.delete(key);
    else perModule.set(key, b);
    cutShort ||= outer;
  }
  return b;
}

/** How many leaf translations are being made inside each other now (a chain of small callers). */
let leafNesting = 0;
/** Whether a leaf translation being made met the nesting limit (its refusal is not cached). */
let cutShort = false;
const MAX_LEAF_NESTING = 3;

/** Whether defined function `k` is small enough that translating it to try inlining is cheap. */
function small(m: Module, k: number): boolean {
  const f = m.funcs[k - importCounts(m).func];
  if (f === undefined) return false;
  return f.end >= 0 ? f.end - f.codeStart <= INLINE_MAX_CHARS / 8 : f.body.length <= INLINE_MAX_CHARS / 8;
}

/** Instructions that make a function's translation hold its own try/catch (never inlined). */
const TRY_OPS = new Set(['try', 'try_table'].map(n => OPCODES.findIndex(o => o.name === n)));

/**
 * The OSR variant of function `funcIdx` entering the loop at body index `loopIndex` (osr-entry.ts):
 * it takes every local (not just the parameters) plus `dp`; `deterministic` as for `generate`.
 * Throws Unsupported when the loop does not qualify.
 */
export function generateOsr(m: Module, funcIdx: number, loopIndex: number, deterministic = false): Generated {
  const f = m.funcs[funcIdx - importCounts(m).func];
  let plan: OsrPlan;
  try {
    plan = planOsr(f.body, loopIndex);
  } catch (e) {
    throw new Unsupported((e as Error).message);
  }
  const g = new Gen(m, funcIdx, deterministic, plan);
  try {
    return g.run();
  } catch (e) {
    if (e instanceof Unsupported && g.inlinedAny) return new Gen(m, funcIdx, deterministic, plan, 'none').run();
    throw e;
  }
}

class Gen {
  private readonly out: string[] = [];
  private readonly st: K[] = [];
  /**
   * Per stack entry: null when the value is in the slot's variable(s), else a pending "atom" (a
   * constant or a local's variable) that is used in place. Atoms are cheap to repeat, and skipping
   * the copies keeps the generated code (and the host JIT's work) small. Entries are materialized
   * before control flow joins and before the local they read is assigned.
   */
  private readonly pend: (string[] | null)[] = [];
  /**
   * Deterministic profile, by stack height: the slot variable holds a scalar float result not yet
   * canonicalised. A NaN's payload and sign can only be observed by instructions outside
   * NAN_BLIND (stores, reinterpretations, locals, calls, control...), so the check waits for the
   * first such instruction: chains of arithmetic pay once, not per operation.
   */
  private readonly raw: boolean[] = [];
  /**
   * By stack height: an f32 just loaded through the Float32Array view, whose conversion quiets a
   * signalling NaN. Only instructions that can see a NaN's bits (outside NAN_BLIND: stores,
   * reinterpretations, neg/abs/copysign, locals, calls, control) need the exact value, so the
   * correction waits for one (settleLoads): `bits` then receives the word the load read (the
   * load's marker comment `QB<id>` becomes that read, and `QB<id>s` on its slow path the bits
   * of the exact value) and a NaN is rebuilt from it. Values that only meet arithmetic never pay,
   * and stay plain float32 loads to the host JIT.
   */
  private readonly loaded: ({ v: string; bits: string; id: number; fast: string } | null)[] = [];
  /**
   * By stack height: an f32 that cannot be a signalling NaN (an arithmetic result, a conversion,
   * a number constant): a store writes it through the Float32Array view with no NaN test.
   */
  private readonly quietF32: boolean[] = [];
  /** Load markers whose bits are needed (see `loaded`), and the statements that replace them. */
  private readonly markers = new Map<string, string>();
  private markerCount = 0;
  private readonly ctls: Ctl[] = [];
  private readonly vars = new Set<string>();
  private readonly consts: string[] = [];
  /** Function index -> its factory constant (funcConst). */
  private readonly funcConsts = new Map<number, string>();
  private readonly imms: unknown[] = [];
  private readonly memsUsed = new Set<number>();
  /** Typed-array views used per memory (`u8`, `i32`...), besides the DataView. */
  private readonly viewsUsed = new Map<number, Set<string>>();
  private readonly globalsUsed = new Set<number>();
  private readonly tablesUsed = new Set<number>();
  private readonly locals: K[] = [];
  private readonly memTypes;
  private readonly globalTypes: ValType[] = [];
  private readonly tableAddr: string[] = [];
  private readonly tagTypes: number[] = [];
  private readonly tagsUsed = new Set<number>();
  private labels = 0;
  private dead = false;
  /** Leaves inlined so far (their suffix numbers) and the characters they added. */
  private inlines = 0;
  get inlinedAny(): boolean {
    return this.inlines > 0;
  }
  private inlinedChars = 0;
  /** This function's body to inline at its recursive calls (undefined: not made yet; null: unfit). */
  private selfCopy: LeafBody | null | undefined = undefined;
  /** Whether some call_indirect site reports its targets (FB, see indirect-feedback.ts). */
  private reports = false;
  /** Whether the function tail-calls itself (its body is then the loop `TC`). */
  private selfTail = false;
  private deadDepth = 0;
  private off = -1;
  private readonly ft: FuncType;

  /** Body index of the instruction being translated (OSR entry plans speak in body indices). */
  private pos = 0;
  /** Whether an OSR variant has emitted its target loop. */
  private osrReached = false;
  /** The construct tree of the emitted lines, for splitting an oversized body (split.ts). */
  private readonly shape = new ShapeTracker();
  private split = false;
  private outlined = 0;

  constructor(
    private readonly m: Module, private readonly idx: number, private readonly deterministic = false,
    private readonly osr: OsrPlan | null = null,
    /**
     * What is inlined (inline.ts): small leaves and one copy of the function itself at its
     * recursive calls ('all'), leaves only ('leaves': translations made to be inlined), nothing.
     */
    private readonly inlining: 'all' | 'leaves' | 'none' = 'all',
    /**
     * Guesses for call_indirect sites with too many static candidates, from the first compiled
     * version's feedback (indirect-feedback.ts); null: that first version, which reports.
     */
    private readonly hints: IndirectHints | null = null,
  ) {
    this.ft = this.funcType(funcTypeIndex(m, idx));
    this.memTypes = allMems(m);
    for (const i of m.imports) {
      if (i.desc.kind === 'global') this.globalTypes.push(i.desc.type.type);
      if (i.desc.kind === 'table') this.tableAddr.push(i.desc.type.addr);
      if (i.desc.kind === 'tag') this.tagTypes.push(i.desc.type);
    }
    for (const t of m.tags) this.tagTypes.push(t.type);
    for (const g of m.globals) this.globalTypes.push(g.type.type);
    for (const t of m.tables) this.tableAddr.push(t.type.addr);
  }

  private funcType(ti: number): FuncType {
    const c = this.m.types[ti].comp;
    if (c.kind !== 'func') throw new Unsupported('not a function type');
    return c;
  }

  private blockSig(bt: BlockType): [K[], K[]] {
    if (bt === null) return [[], []];
    if (typeof bt === 'number') {
      const f = this.funcType(bt);
      return [f.params.map(kindOf), f.results.map(kindOf)];
    }
    return [[], [kindOf(bt)]];
  }

  // ---- names ----

  /** The JS variable(s) of stack slot `d` holding kind `k` (two for i64). */
  private slot(k: K, d: number): string[] {
    const names = k === 'I' ? [`l${d}`, `h${d}`]
      : k === 'v' ? [`va${d}`, `vb${d}`, `vc${d}`, `vd${d}`]
      : [`${k === 'i' ? 's' : k === 'f' ? 'f' : k === 'F' ? 'd' : 'r'}${d}`];
    for (const n of names) this.vars.add(n);
    return names;
  }
  private local(j: number): string[] {
    const k = this.locals[j];
    return k === 'I' ? [`x${j}`, `y${j}`] : k === 'v' ? [`x${j}`, `y${j}`, `z${j}`, `w${j}`] : [`x${j}`];
  }
  private push(k: K): string[] {
    this.forget();
    this.st.push(k);
    this.pend.push(null);
    return this.slot(k, this.st.length - 1);
  }
  private pushAtom(k: K, exprs: string[]): void {
    this.forget();
    this.st.push(k);
    this.pend.push(exprs);
  }
  /** Drops what was known about the value at the height about to be pushed (loaded, quietF32). */
  private forget(): void {
    const h = this.st.length;
    if (this.loaded.length > h) this.loaded.length = h;
    if (this.quietF32.length > h) this.quietF32.length = h;
  }
  private pop(expect?: K): string[] {
    const k = this.st.pop();
    if (k === undefined) throw new Error('jit: operand stack underflow');
    if (expect !== undefined && k !== expect) throw new Error(`jit: expected ${expect}, found ${k}`);
    const p = this.pend.pop()!;
    return p ?? this.slot(k, this.st.length);
  }
  /** The expressions of the entry `n` below the top (0 = top). */
  private peek(n = 0): string[] {
    const d = this.st.length - 1 - n;
    return this.pend[d] ?? this.slot(this.st[d], d);
  }
  /** Moves pending entry `d` into its slot variables. */
  private materialize(d: number): void {
    const p = this.pend[d];
    if (p === null) return;
    const names = this.slot(this.st[d], d);
    this.emit(names.map((v, w) => `${v} = ${p[w]};`).join(' '));
    this.pend[d] = null;
  }
  /** Materializes every pending entry (before anything where control flow joins). */
  private flush(): void {
    for (let d = 0; d < this.st.length; d++) this.materialize(d);
  }
  /** Sets the stack height to `h` (dropping entries). */
  private truncate(h: number): void {
    this.st.length = h;
    this.pend.length = h;
  }
  private emit(s: string): void {
    this.out.push(s);
  }
  private constant(js: string): string {
    const n = `K${this.consts.length}`;
    this.consts.push(`const ${n} = ${js};`);
    return n;
  }
  /** Records the current instruction offset before something that may trap or call. */
  private at(): string {
    return `o = ${this.off}; `;
  }

  // ---- control helpers ----

  /** Copies the top `kinds.length` values to the slots starting at `height`. */
  private copyTo(height: number, kinds: readonly K[]): string {
    const n = kinds.length, from = this.st.length - n;
    if (from === height) return '';
    let s = '';
    for (let k = 0; k < n; k++) {
      const dst = this.slot(kinds[k], height + k), src = this.slot(kinds[k], from + k);
      for (let w = 0; w < dst.length; w++) s += `${dst[w]} = ${src[w]}; `;
    }
    return s;
  }

  /** Code for a branch to label depth `l` (values on top of the stack; flushed). */
  private branch(l: number): string {
    const c = this.ctls[this.ctls.length - 1 - l];
    if (c.kind === 'func') return this.returnCode();
    if (c.kind === 'loop') return `${this.copyTo(c.height, c.params)}continue ${c.label};`;
    return `${this.copyTo(c.height, c.results)}break ${c.label};`;
  }

  private returnCode(): string {
    const rs = this.ft.results.map(kindOf);
    const base = this.st.length - rs.length;
    if (rs.length === 0) return 'return;';
    if (rs.length === 1 && rs[0] !== 'v') {
      const v = this.peek();
      return rs[0] === 'I' ? `RT.hi = ${v[1]}; return ${v[0]};` : `return ${v[0]};`;
    }
    let s = '', w = 0;
    for (let k = 0; k < rs.length; k++) for (const v of this.peek(rs.length - 1 - k)) s += `R[${w++}] = ${v}; `;
    return `${s}return;`;
  }

  /** A placeholder for reloading every memory view the function uses (known only at the end). */
  private refreshMems(): string {
    return '/*MEMS*/';
  }

  private useMem(mi: number): void {
    this.memsUsed.add(mi);
  }

  private is64(mi: number): boolean {
    return this.memTypes[mi].addr === 'i64';
  }

  /** Pops an address (or length) operand of memory `mi` as a JS expression of its unsigned value. */
  private popAddr(mi: number): string {
    if (!this.is64(mi)) return `(${this.pop('i')[0]} >>> 0)`;
    const [lo, hi] = this.pop('I');
    return `((${lo} >>> 0) + (${hi} >>> 0) * 4294967296)`;
  }

  // ---- calls ----

  /**
   * A call of `callee` (a JS expression evaluating to a compiled-convention function). `guess`
   * (call_indirect): `pre` only loads the table entry into `fn`; each of `guess.targets` is tested
   * against it and, when it is the entry, called by name (one known callee per call site, which
   * the host JIT can inline; see indirect-targets.ts); otherwise `guess.lookup` runs the checked
   * lookup and `callee` is called.
   */
  private call(callee: string, ft: FuncType, pre = '', guess?: { targets: readonly number[]; lookup: string }, target?: number): void {
    const ps = ft.params.map(kindOf), rs = ft.results.map(kindOf);
    const args: string[] = [];
    const argSlots: string[][] = [];
    for (let k = ps.length - 1; k >= 0; k--) argSlots.unshift(this.pop(ps[k]));
    for (const a of argSlots) args.push(...a);
    // The last argument is the callee's depth: ours plus our frame (see assemble).
    args.push('dp + $W$');
    const list = args.join(', ');
    /** The statements calling `c` and storing its results. */
    let invoke: (c: string) => string;
    if (rs.length === 0) invoke = c => `${c}(${list});`;
    else if (rs.length === 1 && rs[0] !== 'v') {
      const r = this.push(rs[0]);
      invoke = rs[0] === 'I' ? c => `${r[0]} = ${c}(${list}); ${r[1]} = RT.hi;` : c => `${r[0]} = ${c}(${list});`;
    } else {
      const names = rs.flatMap(k => this.push(k));
      invoke = c => `${c}(${list}); ${names.map((v, w) => `${v} = R[${w}];`).join(' ')}`;
    }
    // A callee that may have grown (and so replaced) a memory: views and limits are reloaded
    // after it. Callees that cannot (call-graph.ts) skip that; a guessed call_indirect then
    // reloads only on its generic path.
    const after = (k: number | undefined): string => this.mayGrow(k) ? ` ${this.refreshMems()}` : '';
    // A known callee that is a small leaf is inlined (inline.ts); it cannot grow memory.
    const results = rs.length === 1 ? this.peek() : [];
    const known = (k: number): string => this.inlined(k, args.slice(0, -1), results, rs) ?? invoke(`F[${k}]`);
    let s = `${this.at()}${pre}`;
    if (guess === undefined) s += (target === undefined ? null : this.inlined(target, args.slice(0, -1), results, rs)) ?? invoke(callee) + after(target);
    else if (guess.targets.some(k => this.mayGrow(k))) {
      for (const k of guess.targets) s += `if (fn === ${this.funcConst(k)}) { ${known(k)} } else `;
      s += `{ ${guess.lookup}${invoke(callee)} }${after(undefined)}`;
    } else {
      for (const k of guess.targets) s += `if (fn === ${this.funcConst(k)}) { ${known(k)} } else `;
      s += `{ ${guess.lookup}${invoke(callee)}${after(undefined)} }`;
    }
    this.emit(s);
  }

  /**
   * The statements of a call of leaf `k` inlined (inline.ts), or null when `k` does not qualify
   * or this function's inlining budget is spent. Takes the leaf's variables, constants, memories,
   * globals, tables and tags into this function's declarations.
   */
  private inlined(k: number, args: readonly string[], results: readonly string[], rs: readonly K[]): string | null {
    if (this.inlining === 'none' || rs.length > 1 || (rs.length === 1 && rs[0] === 'v')) return null;
    let b: LeafBody | null;
    if (k === this.idx) {
      // A recursive call: one copy of this function's own body, whose recursive calls stay calls
      // (half the JS calls of a recursion). Not in OSR variants (their own name differs).
      if (this.inlining !== 'all' || this.osr !== null) return null;
      if (this.selfCopy === undefined) {
        try {
          this.selfCopy = new Gen(this.m, this.idx, this.deterministic, null, 'leaves', this.hints).leafBody(true);
        } catch (e) {
          if (!(e instanceof Unsupported)) throw e;
          this.selfCopy = null;
        }
      }
      b = this.selfCopy;
    } else b = leafBody(this.m, k, this.deterministic);
    if (b === null || this.inlinedChars + b.text.length > INLINE_BUDGET_CHARS) return null;
    this.inlinedChars += b.text.length;
    const n = ++this.inlines, sfx = `$${n}`;
    for (const v of b.vars) this.vars.add(`${v}${sfx}`);
    for (const c of b.consts) this.consts.push(c.replace(/^const (K\d+(?:\$\d+)*)/, (_m, k: string) => `const ${k}${sfx}`));
    if (b.consts.some(c => !/^const K\d+(?:\$\d+)* = /.test(c))) throw new Error('jit: unexpected factory constant in a leaf');
    for (const [mi, views] of b.mems) {
      this.useMem(mi);
      for (const v of views) this.view(mi, v);
    }
    for (const g of b.globals) this.globalsUsed.add(g);
    for (const t of b.tables) this.tablesUsed.add(t);
    for (const t of b.tags) this.tagsUsed.add(t);
    return inlineCall(b, n, args, results, k, this.off);
  }

  /** This function's translation as a body to inline (see inline.ts), or null if it does not qualify. */
  leafBody(self = false): LeafBody | null {
    this.run();
    const text = this.out.join('\n').replace(/\/\*QB\d+s?\*\//g, m => this.markers.get(m) ?? '');
    if (text.length > INLINE_MAX_CHARS || this.imms.length > 0 || this.selfTail) return null;
    // A leaf: no real calls left ($W$: a call's depth argument), no reload placeholder. A copy of
    // the caller itself keeps its calls (same frame: its `dp + $W$` and reloads are the caller's)
    // but no tail calls (`o = -2`: call-and-return frames).
    if (self ? /\bo = -2\b/.test(text) : /\/\*MEMS\*\/|\$W\$|\bdp\b/.test(text)) return null;
    if (this.m.funcs[this.idx - this.importedFuncs()].body.some(ins => TRY_OPS.has(ins.op))) return null;
    const nParams = this.ft.params.length;
    const params: string[] = [], zeroed: [string, string][] = [];
    for (let j = 0; j < this.locals.length; j++) {
      for (const x of this.local(j)) {
        if (j < nParams) params.push(x);
        else zeroed.push([x, this.locals[j] === 'r' ? 'null' : '0']);
      }
    }
    const mems = new Map<number, ReadonlySet<string>>();
    for (const mi of this.memsUsed) mems.set(mi, new Set(this.viewsUsed.get(mi) ?? []));
    const vars = [...this.vars, ...params, ...zeroed.map(z => z[0])];
    // Own labels and constants include those of leaves inlined here (suffixed: `L1$2`, `IN2`, `K0$2`).
    const labels = [...text.matchAll(/\b((?:L|IN)\d+(?:\$\d+)*):/g)].map(l => l[1]);
    const consts = this.consts.map(c => /^const (K\d+(?:\$\d+)*) = /.exec(c)?.[1] ?? '');
    return {
      text, params, zeroed, vars, consts: [...this.consts], own: new Set([...vars, ...labels, ...consts]),
      mems, globals: new Set(this.globalsUsed), tables: new Set(this.tablesUsed), tags: new Set(this.tagsUsed),
    };
  }

  /**
   * Whether a call of function `k` (undefined: unknown) may grow a memory this function uses. A
   * shared memory can be grown by another thread at any time: its limits are reloaded after
   * every call, as before the call graph was consulted.
   */
  private mayGrow(k: number | undefined): boolean {
    if (k === undefined || this.memTypes.some(t => t.shared)) return true;
    return mayGrowMemory(this.m, k);
  }

  /** Whether function `k` may be a guessed call_indirect target of type `ti` (defined, same type index). */
  private guessable(k: number, ti: number): boolean {
    const first = this.importedFuncs();
    return Number.isInteger(k) && k >= first && k < first + this.m.funcs.length && funcTypeIndex(this.m, k) === ti;
  }

  /** A factory constant holding this instance's function `k` (its FuncInst, as tables hold). */
  private funcConst(k: number): string {
    let n = this.funcConsts.get(k);
    if (n === undefined) this.funcConsts.set(k, (n = this.constant(`FN[${k}]`)));
    return n;
  }

  /**
   * A tail call of another function: an ordinary call whose result is returned at once. The host
   * stack still holds this frame, so depth keeps counting it: a long chain of such calls reaches
   * RT.limit and continues in the interpreter, whose tail calls use constant space. `o = -2` tells
   * the catch not to add this frame to a trap's wasm stack (in wasm it is gone). Inside a
   * try_table the JS catch would see the callee's exceptions, so such functions stay interpreted.
   */
  private callOrTail(tail: boolean, callee: string, ft: FuncType, pre: string, target?: number): void {
    if (tail) this.tailCall(callee, ft, pre);
    else this.call(callee, ft, pre, undefined, target);
  }

  private tailCall(callee: string, ft: FuncType, pre: string): void {
    if (this.ctls.some(c => c.kind === 'try_table' || c.kind === 'try')) throw new Unsupported('tail call inside a try');
    const args: string[] = [];
    const ps = ft.params.map(kindOf);
    for (let k = ps.length - 1; k >= 0; k--) args.unshift(...this.pop(ps[k]));
    args.push('dp + $W$');
    this.emit(`${this.at()}${pre}o = -2; return ${callee}(${args.join(', ')});`);
    this.dead = true;
  }

  /**
   * A tail call of this function itself: a jump back to the start of the body (wrapped in the loop
   * `TC`, see assemble) with the parameters set to the arguments and the other locals zeroed, so
   * it runs in constant host stack. Arguments go through temporaries first (they may read locals).
   */
  private selfTailCall(): void {
    const ps = this.ft.params.map(kindOf);
    const vals: string[][] = [];
    for (let k = ps.length - 1; k >= 0; k--) vals.unshift(this.pop(ps[k]));
    let s = '', t = 0;
    const temps: string[][] = vals.map(v => v.map(e => {
      const q = `q${t++}`;
      this.vars.add(q);
      s += `${q} = ${e}; `;
      return q;
    }));
    temps.forEach((q, j) => this.local(j).forEach((x, w) => { s += `${x} = ${q[w]}; `; }));
    for (let j = ps.length; j < this.locals.length; j++) {
      for (const x of this.local(j)) s += `${x} = ${this.locals[j] === 'r' ? 'null' : '0'}; `;
    }
    this.selfTail = true;
    this.emit(`${s}continue TC;`);
    this.dead = true;
  }

  // ---- the translation ----

  run(): Generated {
    const f = this.m.funcs[this.idx - this.importedFuncs()];
    if (f.body.length > LIMITS.maxInstrs) throw new Unsupported('function too large');
    const ps = this.ft.params.map(kindOf);
    for (const k of ps) this.locals.push(k);
    for (const t of f.locals) this.locals.push(kindOf(t));
    if (this.locals.length > LIMITS.maxVars) throw new Unsupported('too many locals');
    this.ctls.push({ kind: 'func', label: 'L0', height: 0, params: [], results: this.ft.results.map(kindOf), saved: [] });
    for (let i = 0; i < f.body.length; i++) {
      const ins = f.body[i];
      this.off = ins.offset;
      this.pos = i;
      if (this.osr !== null) this.osrBefore(i);
      const depth = this.ctls.length;
      this.instr(ins);
      this.shape.note(depth, this.ctls.length, this.out.length, OPCODES[ins.op].name);
      if (this.ctls.length > LIMITS.maxNesting) throw new Unsupported('nesting too deep');
    }
    if (this.vars.size > LIMITS.maxVars) throw new Unsupported('too many stack slots');
    if (this.osr !== null && !this.osrReached) throw new Unsupported('osr: loop not reached');
    let chars = 0;
    for (const line of this.out) chars += line.length;
    // Too large for V8 to optimise as one function: split into several (split.ts), except an OSR
    // variant, whose skipped segments do not follow the construct tree.
    if (chars > LIMITS.maxBodyChars && this.osr !== null) throw new Unsupported('too large for the host JIT to optimise');
    // Pushed past the limit by inlined calls: translated again without them (generate), which
    // beats splitting (split regions cost calls and copies).
    if (chars > LIMITS.maxBodyChars && this.inlinedAny) throw new Unsupported('too large with its inlined calls');
    this.split = chars > LIMITS.maxBodyChars;
    // Assembled on demand: a function using memory usually needs only the global-view source.
    const assemble = (prefixes: readonly (string | null | undefined)[]): string => this.assemble(ps, prefixes);
    // A split is tried at once: its failure must reach the caller as Unsupported now.
    let source: string | undefined = this.split ? assemble([]) : undefined;
    return {
      get source() { return (source ??= assemble([])); },
      mems: [...this.memsUsed], imms: this.imms, withGlobalViews: assemble, outlined: this.outlined,
    };
  }

  private importedFuncs(): number {
    let n = 0;
    for (const i of this.m.imports) if (i.desc.kind === 'func') n++;
    return n;
  }

  /** The factory source; views of memories with a prefix in `globalViews` are global properties. */
  private assemble(ps: readonly K[], globalViews: readonly (string | null | undefined)[]): string {
    const params: string[] = [];
    // An OSR variant receives every local from the interpreter frame it replaces.
    const nArgs = this.osr !== null ? this.locals.length : ps.length;
    for (let j = 0; j < nArgs; j++) params.push(...this.local(j));
    const decl: string[] = this.osr !== null ? ['OSR = 1'] : [];
    for (let j = nArgs; j < this.locals.length; j++) {
      for (const n of this.local(j)) decl.push(`${n} = ${this.locals[j] === 'r' ? 'null' : '0'}`);
    }
    for (const v of this.vars) decl.push(`${v} = ${v[0] === 'r' ? 'null' : '0'}`);
    const head: string[] = [
      '"use strict";',
      'const { RT, F, FN, SELF, H } = E; const R = RT.res, SV = H.SV, ST = H.ST, GC = H.GC, MLD = H.MLD, MST = H.MST, LIM = RT.limit;',
      'const { REFM, CASTFAIL, NULLI31, EXN, THROW, UNPACK, NULLEXN, OOB, UNREACHABLE, S, divS32, divU32, remS32, remU32, rotl32, rotr32, ctz32, popcnt32, mulHiU32, divS64, divU64, remS64, remU64, rotl64, rotr64, clz64, ctz64, truncI32S, truncI32U, truncSatI32S, truncSatI32U, truncI64S, truncI64U, truncSatI64S, truncSatI64U, i64ToF32, i64ToF64, nearest, quiet, f32FromBits, f32ToBits, f64FromWords, f64Lo, f64Hi, copysign, fabs, fneg, CALLEE, REFCALLEE, NONNULL, TGET, TSET, TGROW, TFILL, VIEWS, VIEWREC, memoryInit, memoryCopy, memoryFill, tableInit, tableCopy, DELEG, DELEGATE, ATOMIC, AS } = H;',
    ];
    for (const mi of this.memsUsed) {
      head.push(`const M${mi} = E.M[${mi}];`);
      if (globalViews[mi] == null) head.push(`const VR${mi} = VIEWREC(M${mi});`);
    }
    const prefix = (mi: number): string | null => globalViews[mi] ?? null;
    const views = (mi: number): string[] => [...(this.viewsUsed.get(mi) ?? [])];
    /**
     * The expression of view `v` of memory `mi` for a frame to hold in its variable: the global
     * one, or the one in the memory's record. The body reads the variable, not the global: V8
     * folds a global that holds a constant into the variable all the same, and a global that
     * became variable (after a grow) is read once per call instead of per access (no generic
     * global load in a loop).
     */
    const viewOf = (mi: number, v: string): string => `${prefix(mi) ?? `VR${mi}.`}${v}`;
    // Views are renewed by the first frame that sees the buffer change (see memory-views.ts).
    const renew = (mi: number): string => `if (M${mi}.buffer !== ${viewOf(mi, 'buf')}) VIEWS(M${mi}); `;
    // Views are recreated only when the buffer object changes (growing a non-shared memory).
    const reload = (mi: number): string => `buf${mi} = M${mi}.buffer; ${frame(mi).dv ? `dv${mi} = M${mi}.view; ` : ''}${renew(mi)}`
      + views(mi).map(v => `${v}_${mi} = ${viewOf(mi, v)}; `).join('');
    for (const gi of this.globalsUsed) {
      head.push(`const G${gi} = E.G[${gi}], GC${gi} = G${gi}.cell, GD${gi} = new Float64Array(GC${gi}.buffer, GC${gi}.byteOffset, 2);`);
    }
    for (const ti of this.tablesUsed) head.push(`const T${ti} = E.T[${ti}];`);
    // The recorder of this function instance, and whether it still wants reports.
    if (this.reports) head.push('const FB = E.FB; let FBN = FB === null ? 0 : 1;');
    for (const gi of this.tagsUsed) head.push(`const TG${gi} = E.TG[${gi}];`);
    head.push(...this.consts);
    const name = this.osr !== null ? `wasm_${this.idx}_osr` : `wasm_${this.idx}`;
    // Scratch variables are declared only when the body uses them: unoptimised frames hold all.
    const text = this.out.join('\n');
    const uses = (n: string): boolean => new RegExp(`\\b${n}\\b`).test(text);
    /**
     * Which of a memory's frame variables the body reads: only those are set up at entry and
     * reloaded after calls (a frame that only loads f64s needs `e3` and the f64 view, not the
     * DataView, byte length or other limits). `buf` exists for the reload test after calls.
     */
    const reloads = text.includes('/*MEMS*/');
    const frame = (mi: number) => {
      const ks = [1, 2, 3].filter(k => uses(`e${k}_${mi}`));
      return { buf: reloads, dv: uses(`dv${mi}`), len: uses(`len${mi}`), lim: ks.length > 0 || uses(`lim${mi}`), ks };
    };
    /** A memory's frame variables: `name = value` each. */
    const memVars = (mi: number): string[] => {
      const f = frame(mi);
      return [...(f.buf ? [`buf${mi} = M${mi}.buffer`] : []), ...(f.dv ? [`dv${mi} = M${mi}.view`] : []),
        ...(f.len ? [`len${mi} = M${mi}.bytes.length`] : []), ...(f.lim ? [FAST_LIMIT(mi), ...ELEM_LIMITS(mi, f.ks)] : [])];
    };
    const memLets = [...this.memsUsed].flatMap(mi => [...memVars(mi), ...views(mi).map(v => `${v}_${mi} = ${viewOf(mi, v)}`)]);
    const scratch = ['ea', 'ix', 'tl', 'th', 'tc', 'ta', 'tb', 'td', 'te', 'tf', 'tg', 'tm0', 'tm1', 'tm2', 'tm3', 'tm4', 'tm5', 'tm6', 'tm7']
      .filter(n => new RegExp(`\\b${n}\\b`).test(text)).map(n => `${n} = 0`);
    if (/\bfn\b/.test(text)) scratch.push('fn = null');
    const lets = ['o = -1', ...scratch, ...memLets, ...decl];
    let refresh = '';
    for (const mi of this.memsUsed) {
      refresh += `${memVars(mi).filter(v => !v.startsWith('buf') && !v.startsWith('dv')).join('; ')}; if (M${mi}.buffer !== buf${mi}) { ${reload(mi)}} `;
    }
    let body = this.out.map(l => l.replaceAll('/*MEMS*/', refresh).replace(/\/\*QB\d+s?\*\//g, m => this.markers.get(m) ?? ''));
    let outlined: string[] = [], W = FRAME_WORDS + params.length;
    if (this.split) {
      const rs = this.ft.results;
      const names = new Map<string, 'i' | 'd' | 'r'>();
      for (const v of [...params, 'dp', '$RV', ...[...lets.join(', ').matchAll(/(?:^|, )([\w$]+) = /g)].map(m => m[1])]) names.set(v, 'r');
      // What is known to stay an int32 or a number (split.ts Cell): locals by kind, slots by name.
      this.locals.forEach((k, j) => {
        for (const v of this.local(j)) names.set(v, k === 'i' || k === 'I' || k === 'v' ? 'i' : k === 'f' || k === 'F' ? 'd' : 'r');
      });
      for (const v of this.vars) {
        const c = /^(s|l|h|va|vb|vc|vd)\d+$/.test(v) ? 'i' : /^[fd]\d+$/.test(v) ? 'd' : null;
        if (c !== null) names.set(v, c);
      }
      names.set('o', 'i');
      names.set('dp', 'i');
      const s = splitBody(body, this.shape.root, names, LIMITS.maxBodyChars, rs.length !== 1 || rs[0] === 'v128');
      if (s === null) throw new Unsupported('too large for the host JIT to optimise, even split');
      ({ body, defs: outlined } = s);
      this.outlined = outlined.length - 1;
      if (s.usesRV) lets.push('$RV = 0');
      // The outlined functions' frames sit on the host stack above this one.
      W += s.words;
    }
    W += lets.length;
    body = body.map(l => l.replaceAll('$W$', String(W)));
    outlined = outlined.map(l => l.replaceAll('$W$', String(W)));
    // Before the variables read the global views: they must be current.
    const entry = [...this.memsUsed].map(renew).join('');
    // Outlined functions (split.ts) live in the factory and may call this one by name.
    const open = outlined.length > 0 ? `const ${name} = function ${name}` : `return function ${name}`;
    return [
      ...head,
      ...outlined,
      // `dp`: the host-stack words used by the compiled frames below this one (every call passes
      // its own plus its frame's estimate). An argument rather than a shared counter: nothing to
      // store or restore per call, so recursion stays cheap.
      `${open}(${[...params, 'dp'].join(', ')}) {`,
      // Too deep for the host stack: run this call in the interpreter, whose frames are explicit
      // (callSlow raises RT.depth to dp, which keeps the interpreter from calling back into
      // compiled code meanwhile).
      // (An OSR variant is only entered below the limit: see bridge.ts canEnter.)
      // A leaf with a small frame skips the test (see LEAF_MAX_WORDS).
      // (A function whose calls were all inlined is a leaf in effect: no `$W$` is left.)
      this.osr !== null || (W <= LEAF_MAX_WORDS && (isLeaf(this.m, this.idx) || !text.includes('$W$'))) ? '' : `if (dp > LIM) return SELF(${[...params, 'dp'].join(', ')});`,
      ...(entry ? [entry] : []),
      `let ${lets.join(', ')};`,
      this.osr !== null ? this.osrArgTypes() : '',
      this.selfTail ? 'try { TC: for (;;) {' : 'try {',
      ...body,
      ...(this.selfTail ? ['}'] : []),
      `} catch (e) { throw RT.annotate(e, FN[${this.idx}], o); }`,
      '};',
      outlined.length > 0 ? `return ${name};` : '',
    ].join('\n');
  }

  // ---- OSR entry (see osr-entry.ts) ----

  /** Closes or opens a skipped segment, or enters the target loop, before body instruction `i`. */
  private osrBefore(i: number): void {
    const plan = this.osr!;
    if (plan.closes.has(i)) {
      if (!this.dead) this.flush();
      this.emit('}');
    }
    if (i === plan.target && !this.dead) {
      if (this.st.length !== 0) throw new Unsupported('osr: operand stack not empty at the loop');
      for (const c of this.ctls) {
        if (c.kind === 'try_table' || c.kind === 'try') throw new Unsupported('osr: loop inside a try');
        if (c.params.length !== 0) throw new Unsupported('osr: block parameters on the path');
      }
      const [p] = this.blockSig(this.osrLoopType());
      if (p.length !== 0) throw new Unsupported('osr: loop with parameters');
      // From here on the code runs as in the ordinary translation.
      this.emit('OSR = 0;');
      this.osrReached = true;
    }
    if (plan.opens.has(i)) this.emit('if (OSR === 0) {');
  }

  /**
   * An OSR variant's locals arrive as arguments of unknown type: state their kinds once (int32,
   * number) so the host JIT types them as the ordinary translation's initialised lets.
   */
  private osrArgTypes(): string {
    let s = '';
    this.locals.forEach((k, j) => {
      if (k === 'r') return;
      for (const x of this.local(j)) s += k === 'F' || k === 'f' ? `${x} = +${x}; ` : `${x} |= 0; `;
    });
    return s;
  }

  private osrLoopType(): BlockType {
    return this.m.funcs[this.idx - this.importedFuncs()].body[this.osr!.target].imm[0] as BlockType;
  }

  /** The test of an `if`: on the OSR path it takes the branch holding the loop while entering. */
  private osrIfTest(test: string): string {
    const side = this.osr?.ifs.get(this.pos);
    if (side === undefined) return test;
    return side === 'then' ? `OSR !== 0 || ${test}` : `OSR === 0 && ${test}`;
  }

  private instr(ins: Instr): void {
    const info = OPCODES[ins.op];
    const name = info.name;
    if (this.dead) {
      // Unreachable code: skip it, but keep track of nesting to find the construct's else/end.
      if (name === 'block' || name === 'loop' || name === 'if' || name === 'try' || name === 'try_table') { this.deadDepth++; return; }
      if (name === 'end' || name === 'delegate') {
        if (this.deadDepth > 0) { this.deadDepth--; return; }
      } else if (name === 'else' || name === 'catch' || name === 'catch_all') {
        if (this.deadDepth > 0) return;
      } else return;
    }
    const imm = ins.imm;
    if (this.deterministic) this.settleNaNs(ins.op);
    this.settleLoads(ins.op);
    if (info.prefix === 0xfd) return this.simd(ins);
    const tpl = NUMERIC[name];
    if (tpl !== undefined && info.params !== null && info.results !== null) {
      return this.numeric(name, tpl, info.params, info.results[0], this.deterministic && NAN_RESULT[ins.op] !== NanResult.None);
    }
    const acc = ACCESS[ins.op];
    if (acc !== undefined) {
      if (acc.atomic !== null) return this.atomic(ins.op, imm[0] as MemArg);
      if ((imm[0] as MemArg).array !== undefined) throw new Unsupported('multi-byte array access');
      return this.memAccess(name, acc.store, acc.bytes, acc.signed, imm[0] as MemArg);
    }
    switch (name) {
      case 'nop': return;
      // JS runs each thread's code in order and Atomics are sequentially consistent: nothing to do.
      case 'atomic.fence': return;
      case 'unreachable':
        this.emit(`${this.at()}UNREACHABLE();`);
        this.dead = true;
        return;
      case 'block': case 'loop': case 'try_table': {
        this.flush();
        const [p, r] = this.blockSig(imm[0] as BlockType);
        const label = `L${++this.labels}`;
        const catches = name === 'try_table' ? imm[1] as readonly Catch[] : undefined;
        this.ctls.push({ kind: name, label, height: this.st.length - p.length, params: p, results: r, saved: [], catches });
        this.emit(name === 'block' ? `${label}: {` : name === 'loop' ? `${label}: for (;;) {` : `${label}: { try {`);
        return;
      }
      case 'throw': {
        const tag = imm[0] as number;
        this.tagsUsed.add(tag);
        const ps = this.funcType(this.tagTypes[tag]).params.map(kindOf);
        const args: string[][] = [];
        for (let k = ps.length - 1; k >= 0; k--) args.unshift(this.pop(ps[k]));
        this.emit(`${this.at()}throw THROW(TG${tag}, ${args.flat().join(', ')});`);
        this.dead = true;
        return;
      }
      case 'throw_ref': {
        const r = this.pop('r')[0];
        this.emit(`${this.at()}if (${r} === null) NULLEXN(); throw ${r};`);
        this.dead = true;
        return;
      }
      case 'if': {
        const [p, r] = this.blockSig(imm[0] as BlockType);
        const c = this.pop('i')[0];
        this.flush();
        const label = `L${++this.labels}`;
        const height = this.st.length - p.length;
        // The then-branch may overwrite its params' slots; keep them for the else-branch.
        const saved: string[] = [];
        let save = '';
        for (let k = 0; k < p.length; k++) {
          for (const [w, v] of this.slot(p[k], height + k).entries()) {
            const sv = `${label}p${k}_${w}`;
            this.vars.add(sv);
            saved.push(sv);
            save += `${sv} = ${v}; `;
          }
        }
        this.ctls.push({ kind: 'if', label, height, params: p, results: r, saved });
        this.emit(`${save}${label}: { if (${this.osrIfTest(`${c} !== 0`)}) {`);
        return;
      }
      case 'else': {
        const c = this.ctls[this.ctls.length - 1];
        if (!this.dead) this.flush();
        this.truncate(c.height);
        let restore = '', i = 0;
        for (const k of c.params) for (const v of this.push(k)) restore += `${v} = ${c.saved[i++]}; `;
        this.dead = false;
        this.emit(`} else { ${restore}`);
        return;
      }
      case 'end': {
        const c = this.ctls.pop()!;
        if (c.kind !== 'func' && !this.dead) this.flush();
        if (c.kind === 'func') {
          if (!this.dead) this.emit(this.returnCode());
          this.dead = false;
          return;
        }
        if (c.kind === 'loop') this.emit(this.dead ? '}' : `break ${c.label}; }`);
        else if (c.kind === 'if') this.emit('} }');
        else if (c.kind === 'try_table') this.emit(this.catchClauses(c));
        else if (c.kind === 'try') this.endLegacyTry(c);
        else this.emit('}');
        this.truncate(c.height);
        for (const k of c.results) this.push(k);
        this.dead = false;
        return;
      }
      // Legacy exception handling: see legacyCatch.
      case 'try': {
        this.flush();
        const [p, r] = this.blockSig(imm[0] as BlockType);
        const label = `L${++this.labels}`;
        const exn = `rxe${this.labels}`;
        this.vars.add(exn);
        this.ctls.push({ kind: 'try', label, height: this.st.length - p.length, params: p, results: r, saved: [], exn, inCatch: false });
        this.emit(`${label}: { try {`);
        return;
      }
      case 'catch': case 'catch_all':
        this.legacyCatch(name === 'catch' ? imm[0] as number : undefined);
        return;
      case 'delegate': {
        const c = this.ctls[this.ctls.length - 1];
        if (!this.dead) { this.flush(); this.emit(`break ${c.label};`); }
        const h = this.ctls.length - 1;
        this.ctls.pop();
        // The label counts from outside the try; the function's own label (index 0) means the
        // caller's handlers: no handler here may take it, -1 is below them all.
        const target = this.ctls.length - 1 - (imm[0] as number);
        this.emit(`} catch (e) { ${this.handlerEntry(h)} throw DELEGATE(e, ${target === 0 ? -1 : target}); } }`);
        this.truncate(c.height);
        for (const k of c.results) this.push(k);
        this.dead = false;
        return;
      }
      case 'rethrow': {
        const c = this.ctls[this.ctls.length - 1 - (imm[0] as number)];
        this.emit(`${this.at()}throw ${c.exn!};`);
        this.dead = true;
        return;
      }
      case 'br':
        this.flush();
        this.emit(this.branch(imm[0] as number));
        this.dead = true;
        return;
      case 'br_if': {
        const c = this.pop('i')[0];
        this.flush();
        this.emit(`if (${c} !== 0) { ${this.branch(imm[0] as number)} }`);
        return;
      }
      case 'br_table': {
        const labels = imm[0] as readonly number[];
        const i = this.pop('i')[0];
        this.flush();
        const dflt = labels[labels.length - 1];
        // Group the cases by target so each branch sequence is emitted once.
        const byTarget = new Map<number, number[]>();
        for (let k = 0; k < labels.length - 1; k++) {
          if (labels[k] === dflt) continue;
          let list = byTarget.get(labels[k]);
          if (!list) byTarget.set(labels[k], (list = []));
          list.push(k);
        }
        let s = `switch (${i}) { `;
        for (const [l, cases] of byTarget) s += `${cases.map(k => `case ${k}:`).join(' ')} { ${this.branch(l)} } `;
        s += `default: { ${this.branch(dflt)} } }`;
        this.emit(s);
        this.dead = true;
        return;
      }
      case 'return':
        this.emit(this.returnCode());
        this.dead = true;
        return;
      // Calls and tail calls differ only in what follows the callee lookup (see call / tailCall).
      case 'call': case 'return_call': {
        const fi = imm[0] as number, tail = name === 'return_call';
        if (tail && fi === this.idx) this.selfTailCall();
        // A recursive call names the function itself: a constant target the host JIT can inline.
        else this.callOrTail(tail, fi === this.idx && this.osr === null ? `wasm_${fi}` : `F[${fi}]`, this.funcType(funcTypeIndex(this.m, fi)), '', fi);
        return;
      }
      case 'call_indirect': case 'return_call_indirect': {
        const ti = imm[0] as number, tab = imm[1] as number;
        this.table(tab);
        const x = this.popTab(tab);
        // The callee is looked up (and checked) before the arguments are passed, as in the spec.
        let lookup = `fn = CALLEE(T${tab}, ${x}, E.TY[${ti}]); `;
        let targets = name === 'call_indirect' ? indirectTargets(this.m, tab, ti) : [];
        if (name === 'call_indirect' && targets.length === 0 && this.osr === null) {
          // Too many candidates: guesses from run-time feedback (indirect-feedback.ts).
          if (this.hints === null) {
            this.reports = true;
            lookup += `if (FBN !== 0) FBN = FB(${this.pos}, ${ti}, T${tab}.elems[${x}]); `;
          } else targets = (this.hints.get(this.pos) ?? []).filter(k => this.guessable(k, ti));
        }
        if (targets.length > 0) {
          // The entry is read once to test the guesses; the lookup (bounds, null, signature) runs
          // only when none matched. An index past the end reads undefined and matches none.
          this.call('fn', this.funcType(ti), `fn = T${tab}.elems[${x}]; `, { targets, lookup });
        } else this.callOrTail(name !== 'call_indirect', 'fn', this.funcType(ti), lookup);
        return;
      }
      case 'call_ref': case 'return_call_ref': {
        const r = this.pop('r')[0];
        this.callOrTail(name !== 'call_ref', 'fn', this.funcType(imm[0] as number), `fn = REFCALLEE(${r}); `);
        return;
      }
      case 'drop': this.pop(); return;
      case 'select': case 'select/typed': {
        const c = this.pop('i')[0];
        const b = this.pop();
        this.materialize(this.st.length - 1);
        const k = this.st[this.st.length - 1];
        const a = this.slot(k, this.st.length - 1);
        this.emit(`if (${c} === 0) { ${a.map((v, w) => `${v} = ${b[w]};`).join(' ')} }`);
        return;
      }
      case 'local.get': {
        const j = imm[0] as number;
        this.pushAtom(this.locals[j], this.local(j));
        return;
      }
      case 'local.set': case 'local.tee': {
        const j = imm[0] as number;
        const set = name === 'local.set';
        let src = set ? this.pop(this.locals[j]) : [];
        // Pending reads of this local must see its old value.
        const names = this.local(j);
        for (let d = 0; d < this.st.length; d++) {
          const p = this.pend[d];
          if (p !== null && p.some(e => names.includes(e))) this.materialize(d);
        }
        if (!set) src = this.peek();
        this.emit(names.map((v, w) => `${v} = ${src[w]};`).join(' '));
        return;
      }
      case 'global.get': {
        const gi = imm[0] as number;
        this.globalsUsed.add(gi);
        const k = kindOf(this.globalTypes[gi]);
        const dst = this.push(k);
        this.emit(k === 'i' ? `${dst[0]} = GC${gi}[0];`
          : k === 'I' ? `${dst[0]} = GC${gi}[0]; ${dst[1]} = GC${gi}[1];`
          : k === 'f' ? `${dst[0]} = f32FromBits(GC${gi}[0]);`
          : k === 'F' ? `${dst[0]} = GD${gi}[0];`
          : k === 'v' ? dst.map((v, w) => `${v} = GC${gi}[${w}];`).join(' ')
          : `${dst[0]} = G${gi}.ref;`);
        return;
      }
      case 'global.set': {
        const gi = imm[0] as number;
        this.globalsUsed.add(gi);
        const k = kindOf(this.globalTypes[gi]);
        const src = this.pop(k);
        this.emit(k === 'i' ? `GC${gi}[0] = ${src[0]};`
          : k === 'I' ? `GC${gi}[0] = ${src[0]}; GC${gi}[1] = ${src[1]};`
          : k === 'f' ? `GC${gi}[0] = f32ToBits(${src[0]});`
          : k === 'F' ? `GD${gi}[0] = ${src[0]};`
          : k === 'v' ? src.map((v, w) => `GC${gi}[${w}] = ${v};`).join(' ')
          : `G${gi}.ref = ${src[0]};`);
        return;
      }
      case 'i32.const': this.pushAtom('i', [intLit(imm[0] as number)]); return;
      case 'i64.const': {
        const v = BigInt.asUintN(64, imm[0] as bigint);
        this.pushAtom('I', [intLit(Number(v & 0xffffffffn) | 0), intLit(Number(v >> 32n) | 0)]);
        return;
      }
      case 'f32.const': {
        const x = f32FromBits((imm[0] as number) | 0);
        const js = x === x ? numLit(x) : this.constant(`f32FromBits(${(imm[0] as number) | 0})`);
        this.pushAtom('f', [js]);
        if (x === x) this.quietF32[this.st.length - 1] = true;
        return;
      }
      case 'f64.const': {
        const b = imm[0] as bigint;
        const lo = Number(b & 0xffffffffn) | 0, hi = Number((b >> 32n) & 0xffffffffn) | 0;
        const x = f64FromWords(lo, hi);
        const js = x === x ? numLit(x) : this.constant(`f64FromWords(${lo}, ${hi})`);
        this.pushAtom('F', [js]);
        return;
      }
      case 'memory.size': {
        const mi = imm[0] as number;
        this.useMem(mi);
        if (this.is64(mi)) {
          const r = this.push('I');
          this.emit(`${r[0]} = M${mi}.pages | 0; ${r[1]} = 0;`);
        } else this.emit(`${this.push('i')[0]} = M${mi}.pages | 0;`);
        return;
      }
      case 'memory.grow': {
        const mi = imm[0] as number;
        this.useMem(mi);
        const d = this.popAddr(mi);
        if (this.is64(mi)) {
          const r = this.push('I');
          this.emit(`${this.at()}${r[0]} = M${mi}.grow(${d}) | 0; ${r[1]} = ${r[0]} < 0 ? -1 : 0; ${this.refreshMems()}`);
        } else this.emit(`${this.at()}${this.push('i')[0]} = M${mi}.grow(${d}) | 0; ${this.refreshMems()}`);
        return;
      }
      case 'memory.fill': {
        const mi = imm[0] as number;
        this.useMem(mi);
        const n = this.popAddr(mi), v = this.pop('i')[0], d = this.popAddr(mi);
        this.emit(`${this.at()}memoryFill(M${mi}, ${d}, ${v}, ${n});`);
        return;
      }
      case 'memory.copy': {
        const dm = imm[0] as number, sm = imm[1] as number;
        this.useMem(dm); this.useMem(sm);
        // The length is 64-bit only when both memories are.
        const n = this.popAddr(this.is64(dm) && this.is64(sm) ? dm : this.is64(dm) ? sm : dm);
        const s = this.popAddr(sm), d = this.popAddr(dm);
        this.emit(`${this.at()}memoryCopy(M${dm}, M${sm}, ${d}, ${s}, ${n});`);
        return;
      }
      case 'memory.init': {
        const seg = imm[0] as number, mi = imm[1] as number;
        this.useMem(mi);
        const n = this.pop('i')[0], s = this.pop('i')[0], d = this.popAddr(mi);
        this.emit(`${this.at()}memoryInit(M${mi}, E.DS[${seg}], ${d}, ${s} >>> 0, ${n} >>> 0);`);
        return;
      }
      case 'data.drop': this.emit(`E.DS[${imm[0] as number}] = null;`); return;
      case 'elem.drop': this.emit(`E.ES[${imm[0] as number}] = null;`); return;
      case 'table.init': {
        const seg = imm[0] as number, tab = this.table(imm[1] as number);
        const n = this.pop('i')[0], s = this.pop('i')[0], d = this.popTab(imm[1] as number);
        this.emit(`${this.at()}tableInit(${tab}, E.ES[${seg}], ${d}, ${s} >>> 0, ${n} >>> 0);`);
        return;
      }
      case 'table.copy': {
        const di = imm[0] as number, si = imm[1] as number;
        const dt = this.table(di), s2 = this.table(si);
        // The length is 64-bit only when both tables are.
        const n = this.popTab(this.tableAddr[di] === 'i64' && this.tableAddr[si] === 'i64' ? di : this.tableAddr[di] === 'i64' ? si : di);
        const s = this.popTab(si), d = this.popTab(di);
        this.emit(`${this.at()}tableCopy(${dt}, ${s2}, ${d}, ${s}, ${n});`);
        return;
      }
      case 'table.get': {
        const tab = this.table(imm[0] as number);
        const x = this.popTab(imm[0] as number);
        this.emit(`${this.at()}${this.push('r')[0]} = TGET(${tab}, ${x});`);
        return;
      }
      case 'table.set': {
        const tab = this.table(imm[0] as number);
        const v = this.pop('r')[0], x = this.popTab(imm[0] as number);
        this.emit(`${this.at()}TSET(${tab}, ${x}, ${v});`);
        return;
      }
      case 'table.size': {
        const tab = this.table(imm[0] as number);
        this.pushTab(imm[0] as number, `${tab}.elems.length`);
        return;
      }
      case 'table.grow': {
        const tab = this.table(imm[0] as number);
        const n = this.popTab(imm[0] as number), v = this.pop('r')[0];
        this.pushTab(imm[0] as number, `TGROW(${tab}, ${n}, ${v})`);
        return;
      }
      case 'table.fill': {
        const tab = this.table(imm[0] as number);
        const n = this.popTab(imm[0] as number), v = this.pop('r')[0], d = this.popTab(imm[0] as number);
        this.emit(`${this.at()}TFILL(${tab}, ${d}, ${v}, ${n});`);
        return;
      }
      case 'ref.null': this.emit(`${this.push('r')[0]} = null;`); return;
      case 'br_on_cast': case 'br_on_cast_fail': {
        const bc = imm[0] as BrCast;
        const [heap, flags] = castTarget(bc.to, false);
        this.flush();
        const r = this.peek()[0];
        this.emit(`if (REFM(${r}, ${heap}, ${flags}, E.TY) === ${name === 'br_on_cast'}) { ${this.branch(bc.label)} }`);
        return;
      }
      case 'ref.is_null': {
        const r = this.pop('r')[0];
        this.emit(`${this.push('i')[0]} = (${r} === null) | 0;`);
        return;
      }
      case 'ref.func': this.emit(`${this.push('r')[0]} = FN[${imm[0] as number}];`); return;
      case 'ref.as_non_null': {
        const r = this.peek()[0];
        this.emit(`if (${r} === null) { ${this.at()}NONNULL(); }`);
        return;
      }
      case 'br_on_null': {
        this.flush();
        const r = this.pop('r')[0];
        this.emit(`if (${r} === null) { ${this.branch(imm[0] as number)} }`);
        this.push('r');
        return;
      }
      case 'br_on_non_null': {
        this.flush();
        const r = this.peek()[0];
        this.emit(`if (${r} !== null) { ${this.branch(imm[0] as number)} }`);
        this.pop('r');
        return;
      }
      case 'i64.add128': case 'i64.sub128': case 'i64.mul_wide_s': case 'i64.mul_wide_u':
        this.wide(name);
        return;
      default:
        if (this.gc(name, imm, info.variant === 'null')) return;
        throw new Unsupported(name);
    }
  }

  /** Storage type -> kind of the value on the stack (packed fields are i32 there). */
  private storageKind(t: unknown): K {
    return t === 'i8' || t === 'i16' ? 'i' : kindOf(t as ValType);
  }

  private fieldKind(ti: number, f: number): K {
    const c = this.m.types[ti].comp;
    if (c.kind !== 'struct') throw new Unsupported('not a struct type');
    return this.storageKind(c.fields[f].type);
  }

  private elemKind(ti: number): K {
    const c = this.m.types[ti].comp;
    if (c.kind !== 'array') throw new Unsupported('not an array type');
    return this.storageKind(c.field.type);
  }

  /**
   * GC instructions. Object operations run the interpreter's helpers (exec/gc-ops.ts) on a scratch
   * value stack (operand k in slot k, the result in slot 0); i31, ref.eq and casts are inline.
   * Returns false for instructions it does not know.
   */
  private gc(name: string, imm: Instr['imm'], nullVariant: boolean): boolean {
    const n0 = imm[0] as number, n1 = imm[1] as number;
    const call = (n: number, js: string, result: K | null): void => {
      if (n > 1000) throw new Unsupported('too many operands');
      const ops: { k: K; e: string[] }[] = [];
      for (let k = 0; k < n; k++) {
        const kind = this.st[this.st.length - 1];
        ops.unshift({ k: kind, e: this.pop() });
      }
      let s = this.at();
      ops.forEach(({ k, e }, i) => {
        const w = 4 * i;
        if (k === 'r') s += `ST.refs[${i}] = ${e[0]}; `;
        else if (k === 'f') s += `ST.i32[${w}] = f32ToBits(${e[0]}); `;
        else if (k === 'F') s += `ST.f64[${w >> 1}] = ${e[0]}; `;
        else e.forEach((x, j) => { s += `ST.i32[${w + j}] = ${x}; `; });
      });
      s += `${js}; `;
      if (result !== null) {
        const r = this.push(result);
        if (result === 'r') s += `${r[0]} = ST.refs[0]; ST.refs[0] = null;`;
        else if (result === 'f') s += `${r[0]} = f32FromBits(ST.i32[0]);`;
        else if (result === 'F') s += `${r[0]} = ST.f64[0];`;
        else r.forEach((v, j) => { s += `${v} = ST.i32[${j}]; `; });
      }
      this.emit(s);
    };
    const fields = (ti: number): number => {
      const c = this.m.types[ti].comp;
      if (c.kind !== 'struct') throw new Unsupported('not a struct type');
      return c.fields.length;
    };
    switch (name) {
      case 'struct.new': call(fields(n0), `GC.structNew(ST, E.TY[${n0}], 0, false)`, 'r'); return true;
      case 'struct.new_default': call(0, `GC.structNewDefault(ST, E.TY[${n0}], 0, false)`, 'r'); return true;
      case 'struct.get': case 'struct.get_u': case 'struct.get_s':
        call(1, `GC.structGet(ST, ${n1}, 0, ${name === 'struct.get_s'})`, this.fieldKind(n0, n1)); return true;
      case 'struct.set': call(2, `GC.structSet(ST, ${n1}, 0)`, null); return true;
      case 'array.new': call(2, `GC.arrayNew(ST, E.TY[${n0}], 0)`, 'r'); return true;
      case 'array.new_default': call(1, `GC.arrayNewDefault(ST, E.TY[${n0}], 0)`, 'r'); return true;
      case 'array.new_fixed': call(n1, `GC.arrayNewFixed(ST, E.TY[${n0}], ${n1}, 0)`, 'r'); return true;
      case 'array.new_data': call(2, `GC.arrayNewData(ST, E.TY[${n0}], E.DS[${n1}], 0)`, 'r'); return true;
      case 'array.new_elem': call(2, `GC.arrayNewElem(ST, E.TY[${n0}], E.ES[${n1}], 0)`, 'r'); return true;
      case 'array.get': case 'array.get_u': case 'array.get_s':
        call(2, `GC.arrayGet(ST, 0, ${name === 'array.get_s'})`, this.elemKind(n0)); return true;
      case 'array.set': call(3, 'GC.arraySet(ST, 0)', null); return true;
      case 'array.len': call(1, 'GC.arrayLen(ST, 0)', 'i'); return true;
      case 'array.fill': call(4, 'GC.arrayFill(ST, 0)', null); return true;
      case 'array.copy': call(5, 'GC.arrayCopy(ST, 0)', null); return true;
      case 'array.init_data': call(4, `GC.arrayInitData(ST, E.DS[${n1}], 0)`, null); return true;
      case 'array.init_elem': call(4, `GC.arrayInitElem(ST, E.ES[${n1}], 0)`, null); return true;
      case 'ref.i31': {
        const v = this.pop('i')[0];
        this.emit(`${this.push('r')[0]} = (${v} << 1) >> 1;`);
        return true;
      }
      case 'i31.get_s': case 'i31.get_u': {
        const r = this.pop('r')[0];
        const x = this.push('i')[0];
        this.emit(`if (${r} === null) { ${this.at()}NULLI31(); } ${x} = ${name === 'i31.get_s' ? r : `${r} & 0x7fffffff`};`);
        return true;
      }
      case 'ref.eq': {
        const b = this.pop('r')[0], a = this.pop('r')[0];
        this.emit(`${this.push('i')[0]} = (${a} === ${b}) | 0;`);
        return true;
      }
      case 'any.convert_extern': case 'extern.convert_any': return true; // identities on this representation
      case 'ref.test': case 'ref.cast': {
        const [heap, flags] = castTarget(imm[0] as HeapType | RefType, nullVariant);
        return this.cast(name, heap, flags);
      }
      default: return false;
    }
  }

  private cast(name: string, heap: number, flags: number): boolean {
    if (name === 'ref.test') {
      const r = this.pop('r')[0];
      this.emit(`${this.push('i')[0]} = REFM(${r}, ${heap}, ${flags}, E.TY) ? 1 : 0;`);
    } else {
      const r = this.peek()[0];
      this.emit(`if (!REFM(${r}, ${heap}, ${flags}, E.TY)) { ${this.at()}CASTFAIL(); }`);
    }
    return true;
  }

  /**
   * The start of a JS catch for the handler at control index `h`: traps and host errors pass, and
   * so does an exception delegated to a label outside this handler (see delegated.ts); one
   * delegated to this handler's label or inside it is unwrapped and handled here.
   */
  private handlerEntry(h: number): string {
    return `if (e instanceof DELEG) { if (e.to < ${h}) throw e; e = e.exn; } else if (!(e instanceof EXN)) throw e;`;
  }

  /**
   * A legacy try compiles to `L: { try { body; break L } catch (e) { clauses; throw e } }`: each
   * `catch` clause is `if (e.tag === T) { unpack; body; break L }` and `catch_all` a plain block,
   * in order, so an exception no clause takes is thrown on. The caught exception is kept in the
   * try's `exn` variable for `rethrow`. Bodies and clauses that fall through leave their results in
   * place, as for a block, and break out.
   */
  private legacyCatch(tag: number | undefined): void {
    const c = this.ctls[this.ctls.length - 1];
    if (!this.dead) { this.flush(); this.emit(`break ${c.label};`); }
    let s = c.inCatch ? '} ' : `} catch (e) { ${this.handlerEntry(this.ctls.length - 1)} ${c.exn} = e; `;
    c.inCatch = true;
    this.truncate(c.height);
    if (tag === undefined) s += '{ ';
    else s += `if (e.tag === TG${tag}) { ${this.unpackTag(tag)}`;
    this.dead = false;
    this.emit(s);
  }

  /** Pushes the payload of caught exception `e` (tag `tag`) onto the stack: the statements doing it. */
  private unpackTag(tag: number): string {
    this.tagsUsed.add(tag);
    let s = 'UNPACK(e); ', w = 0;
    for (const k of this.funcType(this.tagTypes[tag]).params.map(kindOf)) for (const v of this.push(k)) s += `${v} = R[${w++}]; `;
    return s;
  }

  private endLegacyTry(c: Ctl): void {
    if (!this.dead) this.emit(`break ${c.label};`);
    this.emit(c.inCatch ? '} throw e; } }' : '} catch (e) { throw e; } }');
  }

  /**
   * The JS catch of a try_table: only wasm exceptions are caught (traps are not); each clause
   * tests the tag, unpacks the payload (via R) into the slots at the block's height and branches.
   * Clause labels count from outside the try_table (called after its entry is popped).
   */
  private catchClauses(c: Ctl): string {
    let s = `} catch (e) { ${this.handlerEntry(this.ctls.length)} `;
    const saveDead = this.dead;
    for (const k of c.catches!) {
      this.truncate(c.height);
      let body = '';
      if (k.tag !== undefined) body += this.unpackTag(k.tag);
      if (k.kind === 'catch_ref' || k.kind === 'catch_all_ref') body += `${this.push('r')[0]} = e; `;
      body += this.branch(k.label); // the try_table's own entry is already popped
      s += k.tag !== undefined ? `if (e.tag === TG${k.tag}) { ${body} } ` : `{ ${body} } `;
    }
    this.truncate(c.height);
    this.dead = saveDead;
    return `${s}throw e; } }`;
  }

  /** An immediate the code refers to (v128 constants, shuffles, lane indices): `IM[n]`. */
  private imm(v: unknown): string {
    this.imms.push(v);
    return `IM[${this.imms.length - 1}]`;
  }

  /**
   * A SIMD instruction, run by the interpreter's handler (exec/simd.ts) on a scratch area laid out
   * like value-stack slots: operand k at words 4k.., the result at word 0.
   */
  private simd(ins: Instr): void {
    const info = OPCODES[ins.op];
    const ps = info.params!.map(letterKind), rs = info.results!.map(letterKind);
    const mem = info.imms[0] === 'memarg' ? (ins.imm[0] as MemArg) : null;
    if (mem && this.is64(mem.mem)) ps[0] = 'I';
    const rest = mem ? ins.imm[1] : ins.imm[0];
    const im = rest === undefined ? 'undefined' : this.imm(rest);
    const ops: string[][] = [];
    for (let k = ps.length - 1; k >= 0; k--) ops.unshift(this.pop(ps[k]));
    let s = '';
    const put = (k: K, exprs: string[], w: number): void => {
      if (k === 'f') s += `SV.i32[${w}] = f32ToBits(${exprs[0]}); `;
      else if (k === 'F') s += `SV.f64[${w >> 1}] = ${exprs[0]}; `;
      else if (k === 'r') throw new Unsupported('ref operand');
      else exprs.forEach((e, i) => { s += `SV.i32[${w + i}] = ${e}; `; });
    };
    if (mem) {
      this.useMem(mem.mem);
      ops.slice(1).forEach((o, k) => put(ps[k + 1], o, 4 * (k + 1)));
      const bytes = 1 << info.align;
      const a = ops[0].length === 2 ? `((${ops[0][0]} >>> 0) + (${ops[0][1]} >>> 0) * 4294967296)` : `(${ops[0][0]} >>> 0)`;
      s += `ea = ${a} + ${Number(mem.offset)}; if (ea > len${mem.mem} - ${bytes}) { ${this.at()}OOB(); } `;
      s += `${this.constant(`H.SIMD_MEM[${ins.op}]`)}(SV, 0, M${mem.mem}.bytes, ea, ${im}); `;
    } else {
      ops.forEach((o, k) => put(ps[k], o, 4 * k));
      s += `${this.constant(`H.SIMD[${ins.op}]`)}(SV, 0, 4, 8, ${im}); `;
      const nan = this.deterministic ? NAN_RESULT[ins.op] : NanResult.None;
      if (nan === NanResult.F32x4) s += `${this.constant('H.canonF32x4')}(SV.i32, 0); `;
      else if (nan === NanResult.F64x2) s += `${this.constant('H.canonF64x2')}(SV.i32, 0); `;
    }
    if (rs.length === 1) {
      const k = rs[0], r = this.push(k);
      if (k === 'f') s += `${r[0]} = f32FromBits(SV.i32[0]);`;
      else if (k === 'F') s += `${r[0]} = SV.f64[0];`;
      else r.forEach((v, w) => { s += `${v} = SV.i32[${w}]; `; });
    }
    this.emit(s);
  }

  private table(ti: number): string {
    this.tablesUsed.add(ti);
    return `T${ti}`;
  }

  /** Pops an index (or length) operand of table `ti` as a JS expression of its unsigned value. */
  private popTab(ti: number): string {
    if (this.tableAddr[ti] !== 'i64') return `(${this.pop('i')[0]} >>> 0)`;
    const [lo, hi] = this.pop('I');
    return `((${lo} >>> 0) + (${hi} >>> 0) * 4294967296)`;
  }

  /** Pushes a size-like result (-1 or a count) of table `ti`. */
  private pushTab(ti: number, js: string): void {
    if (this.tableAddr[ti] !== 'i64') { this.emit(`${this.push('i')[0]} = ${js} | 0;`); return; }
    const r = this.push('I');
    this.emit(`${r[0]} = ${js} | 0; ${r[1]} = ${r[0]} < 0 ? -1 : 0;`);
  }

  /**
   * Deterministic profile: canonicalises the raw float results on the stack unless `op` cannot
   * observe them (see `raw`). The canonical f64 NaN is V8's NaN literal, 0x7ff8000000000000
   * (test/profiles/nan-canonical.test.ts checks the bits in this tier), and it also stands for the
   * canonical f32 NaN (an f32 NaN is carried as the f64 NaN with its payload, bits.ts).
   */
  private settleNaNs(op: number): void {
    const raw = this.raw;
    if (raw.length > this.st.length) raw.length = this.st.length;
    if (NAN_BLIND[op] || raw.length === 0) return;
    for (let d = 0; d < raw.length; d++) {
      if (!raw[d]) continue;
      const v = this.slot(this.st[d], d)[0];
      this.emit(`if (${v} !== ${v}) ${v} = NaN;`);
    }
    raw.length = 0;
  }

  /**
   * Rebuilds the exact f32 of the loads on the stack (see `loaded`) that instruction `op` could
   * observe: an instruction with a fixed signature sees its own operands only, and none of them
   * if it is NAN_BLIND; any other (locals, control, calls, select, drop) may move or expose them all.
   */
  private settleLoads(op: number): void {
    const q = this.loaded;
    if (q.length > this.st.length) q.length = this.st.length;
    if (q.length === 0 || NAN_BLIND[op]) return;
    const params = OPCODES[op].params;
    const from = params === null ? 0 : Math.max(0, this.st.length - params.length);
    for (let d = from; d < q.length; d++) {
      const e = q[d];
      if (e == null) continue;
      this.markers.set(`/*QB${e.id}*/`, ` ${e.bits} = ${e.fast};`);
      this.markers.set(`/*QB${e.id}s*/`, ` ${e.bits} = f32ToBits(${e.v});`);
      this.emit(`if (${e.v} !== ${e.v}) ${e.v} = f32FromBits(${e.bits});`);
      q[d] = null;
    }
  }

  /** `canon`: the result may be a generated NaN that the deterministic profile makes canonical. */
  private numeric(name: string, tpl: { js: string; trap?: boolean }, params: readonly string[], result: string | undefined, canon = false): void {
    const ops: string[][] = [];
    for (let k = params.length - 1; k >= 0; k--) ops.unshift(this.pop(letterKind(params[k])));
    let js = (ops.length === 2 && ops[0].length === 2 && i64WithConstant(name, ops[0], ops[1])) || tpl.js;
    // Longest placeholders first ($0l before $0).
    for (let k = 0; k < ops.length; k++) {
      const o = ops[k];
      if (o.length === 2) js = js.replaceAll(`$${k}l`, o[0]).replaceAll(`$${k}h`, o[1]);
      else js = js.replaceAll(`$${k}`, o[0]);
    }
    const pre = tpl.trap ? this.at() : '';
    if (result === undefined) throw new Error('jit: numeric op without result');
    const rk = letterKind(result);
    const r = this.push(rk);
    if (rk === 'I') this.emit(`${pre}${js} ${r[0]} = tl; ${r[1]} = th;`);
    else this.emit(`${pre}${r[0]} = ${js};`);
    // A generated NaN is quiet (numeric.ts); conversions from integers make none.
    if (rk === 'f' && (NAN_RESULT[OP[name]] === NanResult.F32 || name.startsWith('f32.convert_'))) this.quietF32[this.st.length - 1] = true;
    if (this.deterministic) {
      // the result's height is fresh: canonicalised later if it may be a NaN (settleNaNs)
      this.raw.length = this.st.length - 1;
      if (canon) this.raw[this.st.length - 1] = true;
    }
  }

  /**
   * Wide arithmetic (two i64 results: low, high). Everything is computed into temporaries before
   * the result slots are written, since they are the operands' slots. add128/sub128 chain carries
   * (borrows) through the four 32-bit words in exact doubles; the 64x64 -> 128-bit products sum
   * 16-bit limb products per column in exact doubles (a column stays below 2^35), and the signed
   * one subtracts the other factor from the high half for each negative factor.
   */
  private wide(name: string): void {
    let s: string;
    if (name === 'i64.add128' || name === 'i64.sub128') {
      const y1 = this.pop('I'), y0 = this.pop('I'), x1 = this.pop('I'), x0 = this.pop('I');
      const x = [...x0, ...x1], y = [...y0, ...y1];
      const u = (e: string): string => `(${e} >>> 0)`;
      if (name === 'i64.add128') {
        s = `te = ${u(x[0])} + ${u(y[0])}; ta = te | 0; `
          + `te = ${u(x[1])} + ${u(y[1])} + ((te > 4294967295) | 0); tb = te | 0; `
          + `te = ${u(x[2])} + ${u(y[2])} + ((te > 4294967295) | 0); tc = te | 0; `
          + `td = (${x[3]} + ${y[3]} + ((te > 4294967295) | 0)) | 0; `;
      } else {
        s = `te = ${u(x[0])} - ${u(y[0])}; ta = te | 0; `
          + `te = ${u(x[1])} - ${u(y[1])} - ((te < 0) | 0); tb = te | 0; `
          + `te = ${u(x[2])} - ${u(y[2])} - ((te < 0) | 0); tc = te | 0; `
          + `td = (${x[3]} - ${y[3]} - ((te < 0) | 0)) | 0; `;
      }
    } else {
      const [yl, yh] = this.pop('I'), [xl, xh] = this.pop('I');
      s = `tm0 = ${xl} & 65535; tm1 = ${xl} >>> 16; tm2 = ${xh} & 65535; tm3 = ${xh} >>> 16; `
        + `tm4 = ${yl} & 65535; tm5 = ${yl} >>> 16; tm6 = ${yh} & 65535; tm7 = ${yh} >>> 16; `;
      const out = ['ta', 'tb', 'tc', 'td'];
      for (let k = 0; k < 7; k++) {
        const terms: string[] = k === 0 ? [] : ['tf'];
        for (let i = Math.max(0, k - 3); i <= Math.min(3, k); i++) terms.push(`tm${i} * tm${4 + k - i}`);
        s += `te = ${terms.join(' + ')}; tf = Math.floor(te / 65536); `;
        const limb = 'te - tf * 65536';
        s += k % 2 === 0 ? `${out[k >> 1]} = ${limb}; ` : `${out[k >> 1]} |= (${limb}) << 16; `;
      }
      s += 'td |= tf << 16; ';
      if (name === 'i64.mul_wide_s') {
        // Signed: high -= (x < 0 ? y : 0) + (y < 0 ? x : 0), mod 2^64.
        const sub = (l: string, h: string): string =>
          `tg = tc; tc = (tc - ${l}) | 0; td = (td - ${h} - (((tg >>> 0) < (${l} >>> 0)) | 0)) | 0;`;
        s += `if (${xh} < 0) { ${sub(yl, yh)} } if (${yh} < 0) { ${sub(xl, xh)} } `;
      }
    }
    const lo = this.push('I'), hi = this.push('I');
    this.emit(`${s}${lo[0]} = ta; ${lo[1]} = tb; ${hi[0]} = tc; ${hi[1]} = td;`);
  }

  private view(mi: number, v: string): string {
    let set = this.viewsUsed.get(mi);
    if (!set) this.viewsUsed.set(mi, (set = new Set()));
    set.add(v);
    return `${v}_${mi}`;
  }

  /**
   * An atomic access (threads): operands staged in `AS`, the interpreter's implementation run by
   * the ATOMIC helper (see atomics.ts), the result read back from AS[0..1].
   */
  private atomic(op: number, ma: MemArg): void {
    const info = OPCODES[op];
    const mi = ma.mem;
    this.useMem(mi);
    const ps = info.params!;
    const vals: string[][] = [];
    for (let k = ps.length - 1; k >= 1; k--) vals.unshift(this.pop(letterKind(ps[k])));
    const addr = this.popAddr(mi);
    let s = this.at();
    vals.forEach((v, j) => v.forEach((x, w) => { s += `AS[${4 * (j + 1) + w}] = ${x}; `; }));
    s += `ATOMIC(${op}, M${mi}, ${addr}, ${Number(ma.offset)});`;
    if (info.results!.length === 1) {
      const r = this.push(letterKind(info.results![0]));
      s += r.length === 2 ? ` ${r[0]} = AS[0]; ${r[1]} = AS[1];` : ` ${r[0]} = AS[0];`;
    }
    this.emit(s);
  }

  /**
   * A load or store on a 32-bit memory. The fast path is one typed-array access. When the offset
   * is a multiple of the element size (2^k bytes), one unsigned compare shows the access aligned
   * and in bounds: the address rotated right by k is the element index when aligned, and at least
   * 2^(32 - k) when not, while the bound `ix < e{k} - (m - 1)` (e{k} = lim >> k, m = (offset +
   * size) / 2^k) stays below 2^(31 - k) (lim <= 2^31 - 1; an address >= 2^31 fails the same way,
   * so offset + address cannot wrap). Other offsets test `address <= lim - (offset + size)` and the alignment of the
   * effective address separately. Anything else calls mem-slow.ts, which traps exactly like the
   * interpreter or goes through the DataView. Big-endian hosts always take the slow path.
   */
  private memAccess(name: string, store: boolean, bytes: number, signed: boolean, ma: MemArg): void {
    const mi = ma.mem;
    if (this.is64(mi)) return this.memAccess64(name, store, bytes, signed, ma);
    this.useMem(mi);
    const ty = name.slice(0, 3);
    const off = Number(ma.offset);
    const quiet = store && this.quietF32[this.st.length - 1] === true;
    const val = store ? this.pop(letterKind(ty === 'i32' ? 'i' : ty === 'i64' ? 'I' : ty === 'f32' ? 'f' : 'F')) : null;
    const a = this.pop('i')[0];
    // The slow helper's kind, the fast path's view, log2 of its element size, and elements used.
    let kind: string, vw: string, k: number, n = 1;
    if (ty === 'f64') [kind, vw, k] = ['f64', 'f64', 3];
    else if (ty === 'f32') [kind, vw, k] = ['f32', 'i32', 2];
    else if (bytes === 8) [kind, vw, k, n] = ['i64', 'i32', 2, 2];
    else if (bytes === 4) [kind, vw, k] = ['i32', 'i32', 2];
    else if (bytes === 2) { kind = store || signed ? 'i16' : 'u16'; [vw, k] = [kind, 1]; }
    else { kind = store ? 'i8' : signed ? 'i8' : 'u8'; [vw, k] = [store ? 'u8' : kind, 0]; }
    const at = `${this.at()}`;
    const mem = `M${mi}`;
    let fast: string, slow: string, after = '';
    if (store) {
      const v = val!;
      const V = this.view(mi, vw);
      if (ty === 'f32') {
        // A number converts to f32 exactly (f32 values are rounded already); only a NaN needs its
        // payload carried over by hand (the host conversion would quiet a signalling NaN).
        // A value known not to be a signalling NaN (`quietF32`) converts exactly, NaN or not.
        fast = quiet ? `${this.view(mi, 'f32')}[ix] = ${v[0]};`
          : `if (${v[0]} === ${v[0]}) ${this.view(mi, 'f32')}[ix] = ${v[0]}; else ${V}[ix] = f32ToBits(${v[0]});`;
      } else fast = n === 2 ? `${V}[ix] = ${v[0]}; ${V}[ix + 1] = ${v[1]};` : `${V}[ix] = ${v[0]};`;
      slow = `${at}MST.${kind}(${mem}, ${a}, ${off}, ${v[0]}, ${kind === 'i64' ? v[1] : 0});`;
    } else {
      const V = this.view(mi, vw);
      const rk: K = ty === 'i32' ? 'i' : ty === 'i64' ? 'I' : ty === 'f32' ? 'f' : 'F';
      const r = this.push(rk);
      slow = `${at}${r[0]} = MLD.${kind}(${mem}, ${a}, ${off});${n === 2 ? ` ${r[1]} = RT.hi;` : ''}`;
      // f32: one Float32Array load, exact except that the conversion quiets a signalling NaN; the
      // word is read too only if an instruction that can see NaN bits uses the value (`loaded`).
      // The slow path's value is exact: its bits are just its own.
      if (ty === 'f32') {
        const id = this.markerCount++, bits = `qb${id}`;
        this.vars.add(bits);
        fast = `${r[0]} = ${this.view(mi, 'f32')}[ix];/*QB${id}*/`;
        slow += `/*QB${id}s*/`;
        this.loaded[this.st.length - 1] = { v: r[0], bits, id, fast: `${V}[ix]` };
      }
      else if (n === 2) fast = `${r[0]} = ${V}[ix]; ${r[1]} = ${V}[ix + 1];`;
      else fast = `${r[0]} = ${V}[ix];`;
      if (rk === 'I' && n === 1) after = ` ${r[1]} = ${signed ? `${r[0]} >> 31` : '0'};`;
    }
    if (!LITTLE_ENDIAN) { this.emit(slow + after); return; }
    if (off + bytes > 0x7fffffff) { this.emit(slow + after); return; }
    if (k > 0 && off % (1 << k) === 0) {
      // The offset keeps alignment, so the address alone is tested, in elements: one rotate and
      // one compare instead of a bounds compare plus an alignment test (vm -6%, nbody -4%).
      const m = (off + bytes) >> k;
      // `ix < e - (m - 1)`, not `ix <= e - m`: most accesses (m = 1) then subtract nothing, and
      // V8 redoes a subtraction per access (measured: vm -5%, nbody -4%; `(e - c) | 0` no better).
      const lim = m > 1 ? `e${k}_${mi} - ${m - 1}` : `e${k}_${mi}`;
      this.emit(`ix = (${a} >>> ${k}) | (${a} << ${32 - k}); if ((ix >>> 0) < ${lim}) { ${off ? `ix = (ix + ${off >> k}) | 0; ` : ''}${fast} } else { ${slow} }${after}`);
      return;
    }
    if (k === 0 && off === 0) {
      // A byte at the address itself: below the limit, the address is its own index (an int32 in
      // [0, lim)); no subtraction from the limit, no copies.
      this.emit(`if ((${a} >>> 0) < lim${mi}) { ix = ${a}; ${fast} } else { ${slow} }${after}`);
      return;
    }
    let cond = `(${a} >>> 0) <= lim${mi} - ${off + bytes}`;
    if (k > 0) cond += ` && (ea & ${(1 << k) - 1}) === 0`;
    this.emit(`ea = ${off === 0 ? a : `(${a} + ${off}) | 0`}; if (${cond}) { ix = ea >>> ${k}; ${fast} } else { ${slow} }${after}`);
  }

  /**
   * A load or store on a 64-bit memory. Aligned accesses use typed arrays (fast in the host JIT);
   * unaligned ones and big-endian hosts use the DataView. f32 bits go through f32FromBits/f32ToBits
   * (NaN payloads).
   */
  private memAccess64(name: string, store: boolean, bytes: number, signed: boolean, ma: MemArg): void {
    const mi = ma.mem;
    this.useMem(mi);
    const ty = name.slice(0, 3);
    const off = Number(ma.offset);
    const dv = `dv${mi}`;
    const val = store ? this.pop(letterKind(ty === 'i32' ? 'i' : ty === 'i64' ? 'I' : ty === 'f32' ? 'f' : 'F')) : null;
    const addr = this.popAddr(mi);
    let s = `ea = ${off === 0 ? addr : `${addr} + ${off}`}; if (ea > len${mi} - ${bytes}) { ${this.at()}OOB(); } `;
    const shift = bytes === 8 ? 3 : bytes === 4 ? 2 : 1;
    /** `fast` when aligned (typed array), `slow` otherwise (DataView). */
    const aligned = (fast: string, slow: string, b = bytes): string => {
      if (b === 1) return fast;
      if (!LITTLE_ENDIAN) return slow;
      return `if ((ea & ${b - 1}) === 0) { ${fast} } else { ${slow} }`;
    };
    const idx = (b: number) => `ea >>> ${b === 8 ? 3 : b === 4 ? 2 : 1}`;
    void shift;
    if (store) {
      const v = val!;
      if (ty === 'f32') s += `tc = f32ToBits(${v[0]}); ` + aligned(`${this.view(mi, 'i32')}[${idx(4)}] = tc;`, `${dv}.setInt32(ea, tc, true);`);
      else if (ty === 'f64') s += aligned(`${this.view(mi, 'f64')}[${idx(8)}] = ${v[0]};`, `${dv}.setFloat64(ea, ${v[0]}, true);`);
      else if (bytes === 8) {
        s += aligned(`${this.view(mi, 'i32')}[${idx(4)}] = ${v[0]}; ${this.view(mi, 'i32')}[(${idx(4)}) + 1] = ${v[1]};`,
          `${dv}.setInt32(ea, ${v[0]}, true); ${dv}.setInt32(ea + 4, ${v[1]}, true);`, 4);
      } else if (bytes === 1) s += `${this.view(mi, 'u8')}[ea] = ${v[0]};`;
      else {
        const vw = bytes === 2 ? 'i16' : 'i32';
        s += aligned(`${this.view(mi, vw)}[${idx(bytes)}] = ${v[0]};`, `${dv}.${bytes === 2 ? 'setInt16' : 'setInt32'}(ea, ${v[0]}, true);`);
      }
    } else {
      /** Assigns the loaded integer of `b` bytes to `dst`. */
      const int = (dst: string, b: number, sg: boolean): string => {
        const vw = `${sg || b === 4 ? 'i' : 'u'}${b * 8}`;
        if (b === 1) return `${dst} = ${this.view(mi, vw)}[ea];`;
        const getter = `get${sg || b === 4 ? 'Int' : 'Uint'}${b * 8}`;
        return aligned(`${dst} = ${this.view(mi, vw)}[${idx(b)}];`, `${dst} = ${dv}.${getter}(ea, true);`, b);
      };
      if (ty === 'f32') {
        const r = this.push('f')[0];
        s += int('tc', 4, true) + ` ${r} = f32FromBits(tc);`;
      } else if (ty === 'f64') {
        const r = this.push('F')[0];
        s += aligned(`${r} = ${this.view(mi, 'f64')}[${idx(8)}];`, `${r} = ${dv}.getFloat64(ea, true);`);
      } else if (ty === 'i32') s += int(this.push('i')[0], bytes, signed);
      else {
        const r = this.push('I');
        if (bytes === 8) {
          s += aligned(`${r[0]} = ${this.view(mi, 'i32')}[${idx(4)}]; ${r[1]} = ${this.view(mi, 'i32')}[(${idx(4)}) + 1];`,
            `${r[0]} = ${dv}.getInt32(ea, true); ${r[1]} = ${dv}.getInt32(ea + 4, true);`, 4);
        } else s += `${int(r[0], bytes, signed)} ${r[1]} = ${signed ? `${r[0]} >> 31` : '0'};`;
      }
    }
    this.emit(s);
  }

}
