/**
 * Instructions in the text format, plain and folded, into flat `Instr` lists.
 *
 * Mnemonics and immediates come from the opcode table: immediates are parsed generically by their
 * ImmKind. The only hand-written cases are the structured instructions (labels, block types, `end`
 * matching) and a few text-order quirks: the optional table/memory index written *before* the
 * other immediates (`call_indirect $t (type $ft)`, `table.init $t $e`, `memory.init $m $d`),
 * `select (result t)` and `ref.test (ref null t)` choosing between two opcode rows.
 */
import type { FeatureSet } from '../features.js';
import { packPosition, type Catch, type Handler, type Imm, type Instr, type MemArg } from '../syntax/module.js';
import type { ImmKind, OpInfo } from '../syntax/opcodes.js';
import { OP, OPS_BY_NAME } from '../syntax/opcodes.js';
import type { BlockType, ValType } from '../syntax/types.js';
import type { ModuleContext } from './context.js';
import type { Cursor } from './cursor.js';
import { idName } from './cursor.js';
import { isKnownKeyword } from './keywords.js';
import type { Token } from './lexer.js';
import { parseF32, parseF64, parseI32, parseI64, parseIntBits, parseNat, parseUnsigned } from './numbers.js';
import { parseHeapType, parseParamsResults, parseRefType, parseTypeUse, parseValType } from './parse-types.js';

/** Keywords that end an instruction sequence inside a structured instruction. */
const TERMINATORS = new Set(['end', 'else', 'catch', 'catch_all', 'delegate']);
const BLOCKS = new Set(['block', 'loop', 'if', 'try', 'try_table']);
const CATCH_CLAUSES = ['catch', 'catch_ref', 'catch_all', 'catch_all_ref'] as const;

const V128_SHAPES: Record<string, { lanes: number; kind: 'int' | 'f32' | 'f64' }> = {
  i8x16: { lanes: 16, kind: 'int' }, i16x8: { lanes: 8, kind: 'int' }, i32x4: { lanes: 4, kind: 'int' },
  i64x2: { lanes: 2, kind: 'int' }, f32x4: { lanes: 4, kind: 'f32' }, f64x2: { lanes: 2, kind: 'f64' },
};

const END = OP['end'];

/** Local ids of the function being parsed; empty for constant expressions. */
export interface BodyScope {
  readonly localIds: ReadonlyMap<string, number>;
  /** Receives label names by block number (blocks counted in order), for the name section. */
  readonly labelNames?: Map<number, string>;
}

/** A plain structured instruction still open in `parseInstrs`. */
interface PlainFrame {
  readonly kind: string;
  readonly label: string | null;
  /** Position of this `if`'s `else` in the output, or -1. */
  elseAt: number;
  /** `catch`/`catch_all` clauses of a `try` so far, and whether `catch_all` was one. */
  clauses: number;
  catchAll: boolean;
}

export class InstrParser {
  /** Enclosing labels, innermost last; null for unlabelled blocks. */
  private readonly labels: (string | null)[] = [];
  /** Structured instructions seen so far (label name indices). */
  private blocks = 0;
  private readonly cur: Cursor;

  constructor(
    private readonly ctx: ModuleContext,
    private readonly scope: BodyScope,
    private readonly features?: FeatureSet,
  ) {
    this.cur = ctx.cur;
  }

  /** Instructions up to the closing `)` of the enclosing construct, plus the final `end`. */
  parseExpr(): Instr[] {
    const out: Instr[] = [];
    this.parseInstrs(out);
    if (this.cur.peek().kind !== ')') this.cur.unexpected();
    out.push(this.at(instr(END, []), this.cur.peek()));
    return out;
  }

  /** A single folded instruction as a whole expression (elem items, segment offsets). */
  parseFoldedExpr(): Instr[] {
    const out: Instr[] = [];
    const first = this.cur.peek();
    this.folded(out);
    out.push(this.at(instr(END, []), first));
    return out;
  }

  /**
   * An instruction sequence, up to a `)` or a terminator keyword of an enclosing construct. Plain
   * structured instructions (`block ... end`) are tracked on an explicit stack rather than by
   * recursion, so that deeply nested flat code (as printers emit it) cannot overflow the JS stack.
   */
  private parseInstrs(out: Instr[]): void {
    const cur: Cursor = this.cur;
    const open: PlainFrame[] = [];
    for (;;) {
      const t = cur.peek();
      if (t.kind === '(') { this.folded(out); continue; }
      if (t.kind !== 'keyword') {
        if (t.kind === ')' && open.length === 0) return;
        cur.unexpected(t);
      }
      if (BLOCKS.has(t.text)) {
        cur.next();
        const { label, ins } = this.blockHeader(t);
        out.push(ins);
        this.labels.push(label);
        open.push({ kind: t.text, label, elseAt: -1, clauses: 0, catchAll: false });
        continue;
      }
      if (!TERMINATORS.has(t.text)) {
        cur.next();
        out.push(this.at(this.opWithImms(t), t));
        continue;
      }
      const f = open[open.length - 1];
      if (!f) return; // the terminator belongs to an enclosing construct
      cur.next();
      switch (t.text) {
        case 'else':
          if (f.kind !== 'if' || f.elseAt >= 0) cur.unexpected(t);
          this.closingLabel(f.label);
          f.elseAt = out.length;
          out.push(this.at(instr(OP['else'], []), t));
          break;
        case 'catch': case 'catch_all':
          if (f.kind !== 'try' || f.catchAll) cur.unexpected(t);
          out.push(this.at(instr(OP[t.text], t.text === 'catch' ? [this.ctx.index('tag')] : []), t));
          f.clauses++;
          f.catchAll = t.text === 'catch_all';
          break;
        case 'delegate':
          if (f.kind !== 'try' || f.clauses > 0) cur.unexpected(t);
          this.labels.pop();
          open.pop();
          out.push(this.at(instr(OP['delegate'], [this.label()]), t));
          break;
        default: // end
          this.closingLabel(f.label);
          // An empty else branch is left out, as the binary format allows (wabt and the
          // reference interpreter encode it so).
          if (f.elseAt >= 0 && f.elseAt === out.length - 1) out.pop();
          out.push(this.at(instr(END, []), t));
          this.labels.pop();
          open.pop();
      }
    }
  }

  /** Records where `ins` was written (for validation errors: see TextPositions). */
  private at(ins: Instr, t: Token): Instr {
    this.ctx.instrPositions.set(ins, packPosition(t.line, t.col));
    return ins;
  }

  /** The token just consumed (a clause keyword after its `(`). */
  private prev(): Token {
    return this.cur.tokens[this.cur.pos - 1] ?? this.cur.peek();
  }

  private rowsFor(t: Token): readonly OpInfo[] {
    const rows = OPS_BY_NAME.get(t.text);
    if (!rows || (this.features && !this.features[rows[0].feature])) {
      // A known non-instruction keyword (e.g. a misplaced `param`) is merely out of place.
      if (!rows && isKnownKeyword(t.text)) this.cur.unexpected(t);
      this.cur.fail(`unknown operator ${t.text}`, t);
    }
    return rows;
  }

  // ---- structured instructions ----------------------------------------------------------------

  /** Label, block type and (try_table) catch clauses: the immediates of a block instruction. */
  private blockHeader(t: Token): { label: string | null; ins: Instr } {
    const op = this.rowsFor(t)[0];
    const label = this.cur.eatId();
    const block = this.blocks++;
    if (label !== null) this.scope.labelNames?.set(block, label);
    const bt = this.blockType();
    const imm: Imm[] = [bt];
    if (op.imms.includes('catches')) imm.push(this.catches());
    return { label, ins: this.at(instr(op.index, imm), t) };
  }

  private blockType(): BlockType {
    if (this.cur.peekParen('type')) return parseTypeUse(this.ctx, false).index;
    const { params, results } = parseParamsResults(this.ctx, null);
    if (params.length === 0 && results.length <= 1) return results[0] ?? null;
    return this.ctx.funcTypeIndex(params, results);
  }

  /** `end $l` / `else $l`: a repeated label must name the construct being closed. */
  private closingLabel(label: string | null): void {
    const t = this.cur.peek();
    if (t.kind !== 'id') return;
    this.cur.next();
    if (idName(t) !== label) this.cur.fail('mismatching label', t);
  }

  /** A folded else branch; an empty one is left out, as in `parseInstrs`. */
  private elseBranch(out: Instr[]): void {
    const at = out.length;
    out.push(this.at(instr(OP['else'], []), this.prev()));
    this.parseInstrs(out);
    if (out.length === at + 1) out.pop();
  }

  private folded(out: Instr[]): void {
    const cur: Cursor = this.cur;
    cur.lparen();
    const t = cur.peek();
    if (t.kind !== 'keyword') cur.unexpected(t);
    cur.next();
    switch (t.text) {
      case 'block': case 'loop': case 'try_table': {
        const { label, ins } = this.blockHeader(t);
        out.push(ins);
        this.labels.push(label);
        this.parseInstrs(out);
        out.push(this.at(instr(END, []), cur.peek()));
        this.labels.pop();
        break;
      }
      case 'if': {
        const { label, ins } = this.blockHeader(t);
        while (cur.peek().kind === '(' && !cur.peekParen('then')) this.folded(out);
        out.push(ins);
        this.labels.push(label);
        cur.open('then');
        this.parseInstrs(out);
        cur.rparen();
        if (cur.peekParen('else')) {
          cur.open('else');
          this.elseBranch(out);
          cur.rparen();
        }
        out.push(this.at(instr(END, []), cur.peek()));
        this.labels.pop();
        break;
      }
      case 'try': {
        const { label, ins } = this.blockHeader(t);
        out.push(ins);
        this.labels.push(label);
        cur.open('do');
        this.parseInstrs(out);
        cur.rparen();
        let delegated = false;
        let clauses = 0;
        for (;;) {
          const kw = cur.parenKeyword();
          if (kw === 'catch') {
            cur.open('catch');
            out.push(this.at(instr(OP['catch'], [this.ctx.index('tag')]), this.prev()));
          } else if (kw === 'catch_all') {
            cur.open('catch_all');
            out.push(this.at(instr(OP['catch_all'], []), this.prev()));
          } else break;
          clauses++;
          this.parseInstrs(out);
          cur.rparen();
          if (kw === 'catch_all') break;
        }
        if (clauses === 0 && cur.peekParen('delegate')) {
          cur.open('delegate');
          this.labels.pop();
          out.push(this.at(instr(OP['delegate'], [this.label()]), this.prev()));
          cur.rparen();
          delegated = true;
        }
        if (!delegated) {
          out.push(this.at(instr(END, []), cur.peek()));
          this.labels.pop();
        }
        break;
      }
      default: {
        if (TERMINATORS.has(t.text)) cur.unexpected(t);
        const ins = this.at(this.opWithImms(t), t);
        while (cur.peek().kind === '(') this.folded(out);
        out.push(ins);
      }
    }
    cur.rparen();
  }

  // ---- immediates -----------------------------------------------------------------------------

  private opWithImms(t: Token): Instr {
    const rows = this.rowsFor(t);
    const row = rows[0];
    const imms = row.imms;
    // Rows sharing a mnemonic: the text decides which binary form it is.
    if (t.text === 'select') {
      if (!this.cur.peekParen('result')) return instr(row.index, []);
      const types: ValType[] = [];
      while (this.cur.peekParen('result')) {
        this.cur.open('result');
        while (this.cur.peek().kind !== ')') types.push(parseValType(this.ctx));
        this.cur.rparen();
      }
      return instr(OP['select/typed'], [types]);
    }
    if (rows.length > 1 && imms[0] === 'heaptype') {
      const rt = parseRefType(this.ctx);
      const pick = rows.find(r => (r.variant === 'null') === rt.nullable) ?? row;
      // Exact/shared heap types travel as the whole RefType (the decoder's convention).
      return instr(pick.index, [rt.exact || rt.shared ? rt : rt.heap]);
    }
    if (imms.length === 2 && imms[0] === 'type' && imms[1] === 'table') {
      // call_indirect: table first (optional), then a type use.
      const table = this.ctx.isIndex() ? this.ctx.index('table') : 0;
      return instr(row.index, [parseTypeUse(this.ctx, false).index, table]);
    }
    if (imms.length === 2 && (imms[1] === 'table' || imms[1] === 'mem') && (imms[0] === 'elem' || imms[0] === 'data')) {
      // table.init / memory.init: the optional table/memory comes first in text.
      const space = imms[1] === 'table' ? 'table' : 'memory';
      const second = this.ctx.isIndex() && this.ctx.isIndex(1);
      const target = second ? this.ctx.index(space) : 0;
      const seg = this.ctx.index(imms[0] === 'elem' ? 'elem' : 'data');
      return instr(row.index, [seg, target]);
    }
    const imm: Imm[] = [];
    for (const kind of imms) imm.push(this.immediate(kind, row, imm));
    return instr(row.index, imm);
  }

  private immediate(kind: ImmKind, row: OpInfo, prev: readonly Imm[]): Imm {
    const cur: Cursor = this.cur; const ctx = this.ctx;
    switch (kind) {
      case 'label': return this.label();
      case 'labels': {
        const ls: number[] = [];
        while (ctx.isIndex()) ls.push(this.label());
        if (ls.length === 0) cur.unexpected();
        return ls;
      }
      case 'func': return ctx.index('func');
      case 'type': return ctx.index('type');
      case 'global': return ctx.index('global');
      case 'tag': return ctx.index('tag');
      case 'elem': return ctx.index('elem');
      case 'data': return ctx.index('data');
      case 'table': return ctx.isIndex() ? ctx.index('table') : 0;
      case 'mem': return ctx.isIndex() ? ctx.index('memory') : 0;
      case 'local': return this.local();
      case 'field': return this.field(prev);
      case 'lane': return Number(this.unsignedImm(8));
      case 'u32': return Number(this.unsignedImm(32));
      case 'memarg': return this.memarg(row);
      case 'i32': return this.numberImm(parseI32);
      case 'i64': return this.numberImm(parseI64);
      case 'f32': return this.numberImm(parseF32);
      case 'f64': return this.numberImm(parseF64);
      case 'v128': return this.v128();
      case 'shuffle': {
        if (this.literalRun() !== 16) cur.fail('invalid lane length');
        const lanes = new Uint8Array(16);
        for (let i = 0; i < 16; i++) {
          const t = cur.next();
          const v = t.kind === 'number' ? parseNat(t.text) : null;
          if (v === null || v > 255n) cur.fail('i8 constant out of range', t);
          lanes[i] = Number(v);
        }
        return lanes;
      }
      case 'heaptype': {
        const h = parseHeapType(ctx);
        if (!h.exact && !h.shared) return h.heap;
        // ref.null of an exact/shared heap type: the RefType it produces carries the qualifiers.
        return { kind: 'ref', nullable: true, heap: h.heap, ...(h.exact ? { exact: true } : {}), ...(h.shared ? { shared: true } : {}) };
      }
      case 'valtypes': return [];
      case 'catches': return this.catches();
      case 'handlers': return this.handlers();
      case 'brcast': {
        const label = this.label();
        const from = parseRefType(ctx);
        const to = parseRefType(ctx);
        return { label, from, to };
      }
      case 'zero': return 0;
      case 'order': {
        // Optional `seq_cst` (default) or `acq_rel`; an RMW repeats the ordering in its high nibble.
        let o = 0;
        if (cur.isKeyword('acq_rel')) { cur.next(); o = 1; }
        else if (cur.isKeyword('seq_cst')) cur.next();
        return row.name.includes('.rmw.') ? o | (o << 4) : o;
      }
      case 'blocktype': return this.blockType();
    }
  }

  /** How many literal-like tokens (numbers, or malformed ones) follow: the lanes of a SIMD constant. */
  /**
   * Counts the literal-like tokens ahead: numbers, the float keywords (`inf`, `nan`, `nan:0x...`) and
   * number-shaped reserved tokens (malformed literals, reported when parsed). Other keywords end the
   * run, so an unfolded `v128.const i32x4 1 2 3 4` followed by an instruction counts four lanes.
   */
  private literalRun(): number {
    let k = 0;
    for (;;) {
      const t = this.cur.peek(k);
      const literal = t.kind === 'number'
        || (t.kind === 'keyword' && /^[+-]?(inf|nan(:.*)?)$/.test(t.text))
        || (t.kind === 'reserved' && /^[+-]?[0-9]/.test(t.text));
      if (!literal) return k;
      k++;
    }
  }

  private numberImm<T>(parse: (text: string) => T | null): T {
    const t = this.cur.peek();
    // Script patterns are known tokens, merely misplaced in a module.
    if (t.text === 'nan:canonical' || t.text === 'nan:arithmetic') this.cur.fail('unexpected token', t);
    if (t.kind !== 'number') {
      // A malformed literal lexes as a keyword or reserved token.
      if (t.kind === 'keyword' || t.kind === 'reserved') this.cur.fail(`unknown operator ${t.text}`, t);
      this.cur.unexpected(t);
    }
    const v = this.cur.guard(t, () => parse(t.text));
    if (v === null) this.cur.fail(`unknown operator ${t.text}`, t);
    this.cur.next();
    return v;
  }

  private unsignedImm(bits: number): bigint {
    const t = this.cur.peek();
    if (!this.cur.isNat()) this.cur.unexpected(t);
    const v = this.cur.guard(t, () => parseUnsigned(t.text, 64));
    if (v === null) this.cur.fail('unexpected token', t);
    if (v >= 1n << BigInt(bits)) this.cur.fail(`i${bits} constant out of range`, t);
    this.cur.next();
    return v;
  }

  label(): number {
    const t = this.cur.peek();
    if (t.kind === 'id') {
      this.cur.next();
      const name = idName(t);
      for (let i = this.labels.length - 1; i >= 0; i--) {
        if (this.labels[i] === name) return this.labels.length - 1 - i;
      }
      this.cur.fail(`unknown label $${name}`, t);
    }
    return Number(this.unsignedImm(32));
  }

  private local(): number {
    const t = this.cur.peek();
    if (t.kind === 'id') {
      this.cur.next();
      const i = this.scope.localIds.get(idName(t));
      if (i === undefined) this.cur.fail(`unknown local $${idName(t)}`, t);
      return i;
    }
    return Number(this.unsignedImm(32));
  }

  /** A field of the struct type given by the previous (type) immediate. */
  private field(prev: readonly Imm[]): number {
    const t = this.cur.peek();
    if (t.kind === 'id') {
      this.cur.next();
      const typeIndex = prev[prev.length - 1] as number;
      const i = this.ctx.fieldIds.get(typeIndex)?.get(idName(t));
      if (i === undefined) this.cur.fail(`unknown field $${idName(t)}`, t);
      return i;
    }
    return Number(this.unsignedImm(32));
  }

  private memarg(row: OpInfo): MemArg {
    const cur: Cursor = this.cur;
    // `i32.load array $t`: multi-byte access to an (array i8) instead of a memory.
    if (row.prefix === 0 && cur.isKeyword('array') && (!this.features || this.features['multibyte-array'])) {
      cur.next();
      return { align: 0, offset: 0n, mem: 0, array: this.ctx.index('type') };
    }
    let mem = 0;
    const hasLane = row.imms.includes('lane');
    if (cur.peek().kind === 'id') {
      mem = this.ctx.index('memory');
    } else if (cur.isNat() && (!hasLane || cur.isNat(1) || /^(offset|align)=/.test(cur.peek(1).text))) {
      mem = Number(this.unsignedImm(32));
    }
    let offset = 0n;
    let align = row.align;
    const kw = (prefix: string): Token | null => {
      const t = cur.peek();
      return t.kind === 'keyword' && t.text.startsWith(prefix) ? t : null;
    };
    const ot = kw('offset=');
    if (ot) {
      const v = cur.guard(ot, () => parseUnsigned(ot.text.slice(7), 64));
      if (v === null) cur.unexpected(ot);
      offset = v;
      cur.next();
    }
    const at = kw('align=');
    if (at) {
      const v = cur.guard(at, () => parseUnsigned(at.text.slice(6), 64));
      if (v === null) cur.unexpected(at);
      if (v === 0n || (v & (v - 1n)) !== 0n) cur.fail('alignment must be a power of two', at);
      align = v.toString(2).length - 1;
      cur.next();
    }
    return { align, offset, mem };
  }

  private v128(): Uint8Array {
    const cur: Cursor = this.cur;
    const st = cur.peek();
    const shape = st.kind === 'keyword' ? V128_SHAPES[st.text] : undefined;
    if (!shape) cur.fail('unexpected token', st);
    cur.next();
    const bytes = new Uint8Array(16);
    const view = new DataView(bytes.buffer);
    const width = 16 / shape.lanes;
    if (this.literalRun() !== shape.lanes) cur.fail('wrong number of lane literals');
    for (let i = 0; i < shape.lanes; i++) {
      const at = i * width;
      if (shape.kind === 'f32') {
        view.setUint32(at, this.numberImm(parseF32), true);
      } else if (shape.kind === 'f64') {
        view.setBigUint64(at, this.numberImm(parseF64), true);
      } else {
        const v = this.numberImm(text => parseIntBits(text, width * 8));
        for (let b = 0; b < width; b++) bytes[at + b] = Number((BigInt.asUintN(64, v) >> BigInt(8 * b)) & 0xffn);
      }
    }
    return bytes;
  }

  /** try_table clauses; their labels are resolved outside the try_table's own label. */
  private catches(): Catch[] {
    const cur: Cursor = this.cur;
    const out: Catch[] = [];
    for (;;) {
      const kw = cur.parenKeyword();
      const kind = CATCH_CLAUSES.find(c => c === kw);
      if (!kind) return out;
      cur.open(kind);
      if (kind === 'catch' || kind === 'catch_ref') {
        const tag = this.ctx.index('tag');
        out.push({ kind, tag, label: this.label() });
      } else {
        out.push({ kind, label: this.label() });
      }
      cur.rparen();
    }
  }

  /** `(on $tag $label)` / `(on $tag switch)` handlers of resume and resume_throw. */
  private handlers(): Handler[] {
    const cur: Cursor = this.cur;
    const out: Handler[] = [];
    while (cur.peekParen('on')) {
      cur.open('on');
      const tag = this.ctx.index('tag');
      const label = cur.eatKeyword('switch') ? null : this.label();
      out.push({ tag, label });
      cur.rparen();
    }
    return out;
  }
}

function instr(op: number, imm: Imm[]): Instr {
  return { op, imm, offset: -1 };
}
