/**
 * Splitting a generated function body that is too large for the host JIT (see README.md "Size
 * cliff" and "Splitting"): V8 never optimises a JS function with more than 60 KiB of bytecode, so
 * a big wasm function ran in V8's bytecode interpreter (~400x native) or stayed in weft's (~50x).
 *
 * Structured regions of the body are outlined into functions of the same factory (so they share
 * its constants and helpers; each is a function of its own to V8, with its own bytecode budget).
 * A region receives the parent's variables it uses (wasm locals, stack slots, memory views and
 * limits, `o`, `dp`) as arguments and hands back those it assigns through the factory's `$O`
 * array, in a `finally`: so a trap inside still leaves its offset in the parent's `o` (whose catch
 * builds the wasm stack), a memory grow inside refreshes the parent's views, a wasm exception
 * propagates to the enclosing JS try at the region's place (the right handler) with the locals it
 * set, and calls inside keep the parent's `dp` (plus the region frames' words).
 *
 * A region is a run of consecutive statements of one construct's body (whole nested constructs
 * included), never crossing an `else` or catch clause. Branches leaving it (`break L` / `continue
 * L` to a label outside it, `continue TC`) become `return <code>` and the call site switches on
 * the code; a `return` of the function stores its value in `$RV` and returns -1.
 */
/** A construct (block, loop, if, try, try_table) of the generated body, by line index. */
export interface ShapeNode {
  /** Line opening the construct (-1 for the function body). */
  readonly start: number;
  /** Line closing it (the line count for the function body). */
  end: number;
  /** Lines between its parts (`} else {`, legacy catch clauses): runs never cross them. */
  readonly seps: number[];
  readonly kids: ShapeNode[];
}

/**
 * Records the construct tree while codegen emits lines: `note` is called after each instruction
 * with the line count and control depth before and after it.
 */
export class ShapeTracker {
  readonly root: ShapeNode = { start: -1, end: -1, seps: [], kids: [] };
  private readonly open: ShapeNode[] = [this.root];

  note(depthBefore: number, depthAfter: number, lines: number, name: string): void {
    if (depthAfter > depthBefore) {
      // The construct's opening line is the last one emitted (materialisations come first).
      const n: ShapeNode = { start: lines - 1, end: -1, seps: [], kids: [] };
      this.open[this.open.length - 1].kids.push(n);
      this.open.push(n);
    } else if (depthAfter < depthBefore) {
      if (this.open.length > 1) this.open.pop()!.end = lines - 1;
    } else if (name === 'else' || name === 'catch' || name === 'catch_all') {
      this.open[this.open.length - 1].seps.push(lines - 1);
    }
  }
}

/** The outlined functions and the rewritten body. */
export interface Split {
  /** Declarations of the outlined functions (`const $P1 = () => {...};`), to follow the lets. */
  readonly defs: string[];
  readonly body: string[];
  /** Whether a region returns from the function (the parent then declares `$RV`). */
  readonly usesRV: boolean;
  /** Host-stack words of the deepest chain of outlined calls (they count towards `dp`). */
  readonly words: number;
}

/** Below this many characters a region is not worth a call (less under a tiny test limit). */
const MIN_REGION = 400;
/** Characters a call site costs the parent (the call, copies back and escape switch, roughly). */
const CALL_CHARS = 150;
/** Host-stack words of a JS frame besides its variables (as codegen's FRAME_WORDS). */
const FRAME_WORDS = 24;

interface Item { from: number; to: number; size: number }
interface Region { from: number; to: number }

/**
 * Outlines regions of `lines` (the function body, one statement or construct boundary per line)
 * until the parent and every outlined function are at most `limit` characters. `names`: the
 * parent's variables (parameters, `dp` and lets, `$RV` included) and what they hold. `voidReturn`: the
 * function's return statements carry no value (none, or several results passed through RT.res).
 * Null when that cannot be reached (the function then stays in the interpreter).
 */
export function splitBody(lines: readonly string[], shape: ShapeNode, names: ReadonlyMap<string, Cell>, limit: number, voidReturn: boolean): Split | null {
  const target = Math.floor(limit * 0.6), minRegion = Math.min(MIN_REGION, target >> 2);
  const regions: Region[] = [];
  const root: ShapeNode = { ...shape, end: lines.length };

  const sizeOf = (n: ShapeNode): number => {
    const items: (Item | null)[] = [];
    let k = 0, sepChars = 0;
    const seps = new Set(n.seps);
    for (let i = n.start + 1; i < n.end; i++) {
      const kid = n.kids[k];
      if (kid !== undefined && kid.start === i) {
        items.push({ from: kid.start, to: kid.end, size: sizeOf(kid) });
        i = kid.end;
        k++;
      } else if (seps.has(i)) { items.push(null); sepChars += lines[i].length + 1; }
      else items.push({ from: i, to: i, size: lines[i].length + 1 });
    }
    let total = (n.start >= 0 ? lines[n.start].length : 0) + (n.end < lines.length ? lines[n.end].length : 0);
    total += sepChars;
    for (const it of items) if (it !== null) total += it.size;
    if (total <= (n.start < 0 ? limit : target)) return total;
    // Too big: pack each part's items into runs of at most `target` and outline them.
    let run: Item[] = [], runSize = 0;
    const close = (): void => {
      if (runSize >= minRegion && balanced(lines, run[0].from, run[run.length - 1].to)) {
        regions.push({ from: run[0].from, to: run[run.length - 1].to });
        total -= runSize - CALL_CHARS;
      }
      run = [];
      runSize = 0;
    };
    for (const it of items) {
      if (it === null) { close(); continue; }
      if (runSize + it.size > target && run.length > 0) close();
      run.push(it);
      runSize += it.size;
    }
    close();
    return total;
  };
  const top = sizeOf(root);
  if (top > limit) return null;
  return outline(lines, regions, names, limit, voidReturn);
}

/** Whether lines from..to open and close as many braces (a run must be whole statements). */
function balanced(lines: readonly string[], from: number, to: number): boolean {
  let d = 0;
  for (let i = from; i <= to; i++) {
    for (const ch of lines[i]) {
      if (ch === '{') d++;
      else if (ch === '}' && --d < 0) return false;
    }
  }
  return d === 0;
}

/** Identifiers not preceded by a dot (property names are not variables). */
const IDENT = /(?<![\w$.])[A-Za-z_$][\w$]*/g;
/** Assignment targets: generated code writes `x = e` and `x op= e` with spaces, never `x++`. */
const ASSIGNED = /(?<![\w$.])([A-Za-z_$][\w$]*) (?:[-+*/%&|^]|<<|>>>?)?= (?!=)/g;

/**
 * How a variable goes back to the parent: an int32 (`$OI`, an Int32Array), a number (`$OD`, a
 * Float64Array: NaN bits kept, as for f64 globals), anything else (`$O`).
 */
export type Cell = 'i' | 'd' | 'r';
const CELLS = { i: '$OI', d: '$OD', r: '$O' } as const;

/** Applies `regions` (innermost first) to a copy of `lines`. */
function outline(src: readonly string[], regions: readonly Region[], names: ReadonlyMap<string, Cell>, limit: number, voidReturn: boolean): Split | null {
  const lines = [...src];
  const defs: string[] = [];
  // Host-stack words of each outlined function and the deepest chain it calls, by name.
  const wordsOf = new Map<string, number>();
  let usesRV = false, words = 0;
  const size = { i: 0, d: 0, r: 0 };
  for (const [n, r] of regions.entries()) {
    const name = `$P${n + 1}`;
    let text = lines.slice(r.from, r.to + 1).filter(l => l !== '').join('\n');
    let inner = 0;
    for (const m of text.matchAll(/\$P\d+(?=\()/g)) inner = Math.max(inner, wordsOf.get(m[0]) ?? 0);
    let returns = false;
    // Returns first: the escape codes below are returns too.
    text = text.replace(/\breturn\b( [^;]*)?;/g, (_m, v: string | undefined) => {
      returns = true;
      return v === undefined ? 'return -1;' : `{ $RV =${v}; return -1; }`;
    });
    const defined = new Set([...text.matchAll(/\b(L\d+): /g)].map(m => m[1]));
    const escapes: string[] = [];
    text = text.replace(/\b(break|continue) (L\d+|TC);/g, (m, _kw: string, label: string) => {
      if (defined.has(label)) return m;
      let c = escapes.indexOf(m);
      if (c < 0) c = escapes.push(m) - 1;
      return `return ${c + 1};`;
    });
    if (returns) usesRV = true;
    // The parent's variables the region uses come in as arguments (its own registers to the host
    // JIT); those it assigns go back through $O, also when it throws (the trap offset `o`, and
    // locals a handler in the parent reads). Closures sharing the parent's variables instead made
    // them all context slots: 12-15x slower.
    const used = [...new Set(text.match(IDENT) ?? [])].filter(v => names.has(v));
    const assigned = new Set([...text.matchAll(ASSIGNED)].map(m => m[1]));
    const out = used.filter(v => assigned.has(v));
    const own = FRAME_WORDS + used.length + inner;
    wordsOf.set(name, own);
    words = Math.max(words, own);
    if (text.length > limit) return null;
    const count = { i: 0, d: 0, r: 0 };
    const cells = out.map(v => {
      const c = names.get(v)!;
      return `${CELLS[c]}[${count[c]++}]`;
    });
    for (const c of ['i', 'd', 'r'] as const) size[c] = Math.max(size[c], count[c]);
    defs.push(`const ${name} = function (${used.join(', ')}) {\ntry {\n${text}\nreturn 0;\n} finally { ${out.map((v, k) => `${cells[k]} = ${v};`).join(' ')} }\n};`);
    const back = `finally { ${out.map((v, k) => `${v} = ${cells[k]};`).join(' ')} }`;
    let call: string;
    if (escapes.length > 0 || returns) {
      call = `{ let $c = 0; try { $c = ${name}(${used.join(', ')}); } ${back} switch ($c) { case 0: break; `
        + escapes.map((e, c) => `case ${c + 1}: ${e}`).join(' ')
        + `${returns ? ` case -1: return${voidReturn ? '' : ' $RV'};` : ''} } }`;
    } else call = `try { ${name}(${used.join(', ')}); } ${back}`;
    lines[r.from] = call;
    for (let i = r.from + 1; i <= r.to; i++) lines[i] = '';
  }
  // Generic elements from the start (a double array would canonicalise NaNs); typed arrays for
  // values known to be int32 or numbers: no boxing of doubles on the way back.
  if (defs.length > 0) defs.unshift(`const $O = [null], $OI = new Int32Array(${size.i}), $OD = new Float64Array(${size.d});`);
  return { defs, body: lines.filter(l => l !== ''), usesRV, words };
}
