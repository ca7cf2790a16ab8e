/**
 * Inlining small leaf functions into their compiled callers (codegen.ts `call`). A function whose
 * own calls were all inlined is a leaf in effect and is inlined the same way (codegen.ts
 * `leafBody`: chains of small functions, no cycles). A recursive call gets one copy of the
 * function's own body, whose recursive calls stay calls (codegen.ts `inlined`).
 *
 * A JS call costs V8 ~6 ns more than the same code inline (a 5-argument call of a function with
 * 30 f64 loads: 15 vs 9 ns per call), and V8 only inlines functions of at most 460 bytes of
 * bytecode: a translated function with a few memory accesses is already past that. So small
 * leaves (no calls of any kind: call-graph.ts) are inlined by the translator itself, at direct
 * calls and at the guessed targets of a call_indirect, as a labelled block:
 *
 *   IN3: try { x0$3 = arg0; x1$3 = 0; ...body, `return v` as `res = v; break IN3`... }
 *        catch (e) { e = RT.annotate(e, FN[k], o); o = <call offset>; throw e; }
 *
 * The callee's own translation is reused as text: its variables, labels and constants (exactly
 * those names, `LeafBody.own`) get a suffix `$n` (its locals are re-zeroed at each entry, as a
 * wasm call would); the memory views, helpers and scratch temporaries it shares with the caller
 * keep their names (same instance, same memory).
 * The catch adds the callee's frame to a trap's wasm stack, then the caller's catch adds its own
 * at the call's offset, so traces match a real call. Only leaves whose translation needs nothing
 * but what the caller can declare qualify: no immediates table, no try/catch, at most one result
 * and not a v128 (an i64 one is two words: `RT.hi = h; return l` becomes two assignments), no
 * memory.grow (its reload placeholder is the caller's), within a size budget.
 */

/** A leaf's translation, ready to be copied into callers. */
export interface LeafBody {
  /** The body statements (markers resolved); `return` statements still in place. */
  readonly text: string;
  /** Parameter variables, in order (i64 and v128 parameters are several). */
  readonly params: readonly string[];
  /** Other locals with their zero value (`0` or `null`). */
  readonly zeroed: readonly (readonly [string, string])[];
  /** Stack-slot and local variables to declare in the caller. */
  readonly vars: readonly string[];
  /** Factory constants the body reads: `const K0 = ...;` lines. */
  readonly consts: readonly string[];
  /** The callee's own names (variables, labels, constants): renamed per inlined copy. */
  readonly own: ReadonlySet<string>;
  readonly mems: ReadonlyMap<number, ReadonlySet<string>>;
  readonly globals: ReadonlySet<number>;
  readonly tables: ReadonlySet<number>;
  readonly tags: ReadonlySet<number>;
}

/** Largest leaf body (characters) worth copying into a caller. */
export const INLINE_MAX_CHARS = 6000;
/** Characters of inlined bodies one caller may take in (keeps callers far from the size cliff). */
export const INLINE_BUDGET_CHARS = 24000;

/** Identifiers, whole (global view names contain `$`), not after a `.` (properties) or inside numbers. */
const IDENT = /(?<![\w$.])[A-Za-z_$][\w$]*/g;

/** The identifiers of `text` in `own` (the callee's variables, labels and constants) suffixed by `sfx`. */
export function rename(text: string, own: ReadonlySet<string>, sfx: string): string {
  return text.replace(IDENT, id => own.has(id) ? `${id}${sfx}` : id);
}

/**
 * The inlined call: arguments into the renamed parameters, other locals zeroed, the body with its
 * returns turned into `res = v; break label` (`results`: the caller's result variable, if any),
 * wrapped in the try/catch that keeps trap stacks exact. `callee` is the FN index expression.
 */
export function inlineCall(b: LeafBody, n: number, args: readonly string[], results: readonly string[], callee: number, callOffset: number): string {
  const sfx = `$${n}`, label = `IN${n}`;
  let s = `${label}: try { `;
  b.params.forEach((p, j) => { s += `${p}${sfx} = ${args[j]}; `; });
  for (const [v, z] of b.zeroed) s += `${v}${sfx} = ${z}; `;
  // An i64 result is returned as `RT.hi = high; return low;` (both pure expressions).
  const body = rename(b.text, b.own, sfx)
    .replace(/\bRT\.hi = ([^;]*); return ([^;]*);/g, (_m, hi: string, lo: string) =>
      `{ ${results[0]} = ${lo.trim()}; ${results[1]} = ${hi.trim()}; break ${label}; }`)
    .replace(/\breturn\b([^;]*);/g, (_m, v: string) =>
      v.trim() === '' || results.length === 0 ? `break ${label};` : `{ ${results[0]} = ${v.trim()}; break ${label}; }`);
  s += `\n${body}\n} catch (e) { e = RT.annotate(e, FN[${callee}], o); o = ${callOffset}; throw e; }`;
  return s;
}
