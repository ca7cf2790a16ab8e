/**
 * Decoding of instruction sequences (spec 5.4), driven by the opcode table: the opcode (and
 * sub-opcode after a prefix byte) selects a row of OPCODES, then one reader per immediate kind
 * decodes the immediates the row lists. Nothing here knows individual instructions except the
 * handful that open or close a block, which is what finding the end of an expression needs.
 */
import type { FeatureSet } from '../features.js';
import type { BrCast, Catch, Expr, Handler, Imm, Instr, MemArg } from '../syntax/module.js';
import type { BlockType } from '../syntax/types.js';
import { OP, OPCODES, PREFIXED, SINGLE_BYTE, type ImmKind, type OpInfo } from '../syntax/opcodes.js';
import type { Reader } from './reader.js';
import { makeRef, type TypeReader } from './decode-types.js';

/** Shared by every immediate-less instruction. */
export const NO_IMMS: readonly Imm[] = Object.freeze([]) as readonly Imm[];

/**
 * Immediate lists are immutable, so the common one-number lists (`local.get 0`, `br 1`,
 * `i32.const 8`) are shared rather than allocated per instruction.
 */
const SMALL = 1024;
const SMALL_IMMS: readonly (readonly Imm[])[] = Array.from({ length: SMALL }, (_, i) => Object.freeze([i]));

/** Memargs are immutable too; the usual small ones (memory 0, small offset) are interned. */
const memargCache = new Map<number, MemArg>();

/**
 * What each row means for the block structure, as a flat table indexed by row (one array load per
 * instruction). memory.init and data.drop are noted because they need a data count section.
 */
const enum Role { None, OpenBlock, OpenIf, OpenTry, Else, Catch, CatchAll, End, Delegate, UsesDataCount }
const ROLE: Uint8Array = (() => {
  const t = new Uint8Array(OPCODES.length);
  const set = (keys: string[], role: Role) => { for (const k of keys) t[OP[k]] = role; };
  set(['block', 'loop', 'try_table'], Role.OpenBlock);
  set(['if'], Role.OpenIf);
  set(['try'], Role.OpenTry);
  set(['else'], Role.Else);
  set(['catch'], Role.Catch);
  set(['catch_all'], Role.CatchAll);
  set(['end'], Role.End);
  set(['delegate'], Role.Delegate);
  set(['memory.init', 'data.drop'], Role.UsesDataCount);
  return t;
})();

/**
 * Open constructs, and how far each has got: `else` only continues an `if` (once), `catch` and
 * `catch_all` a legacy `try` (nothing after `catch_all`), `delegate` only closes a `try` without
 * handlers. Anything else in the wrong place is where the reference interpreter wanted an `end`.
 */
const enum Open { Block, If, IfElse, Try, TryCatch, TryCatchAll }

/**
 * Immediates that are raw bytes of a fixed width (any bytes are well-formed), which a skim steps
 * over instead of building their values (f64 bits as a BigInt, v128 as a copied Uint8Array).
 */
const FIXED_WIDTH: Partial<Record<ImmKind, number>> = { f32: 4, f64: 8, v128: 16, shuffle: 16 };
/** Per opcode row, per immediate: its fixed width, or 0 for one that must be decoded. */
const FIXED_WIDTHS: readonly Uint8Array[] = OPCODES.map(o => Uint8Array.from(o.imms, k => FIXED_WIDTH[k] ?? 0));

/** Memarg flag bits beyond the alignment. */
const MEMARG_HAS_MEMIDX = 0x40;
/** Multi-byte array access: a type index follows instead of the usual memarg fields. */
const MEMARG_MULTIBYTE = 0x80;

const CATCH_KINDS: readonly Catch['kind'][] = ['catch', 'catch_ref', 'catch_all', 'catch_all_ref'];

export class CodeReader {
  /** Offset of the first memory.init or data.drop seen (those need a data count section), or -1. */
  dataCountUse = -1;
  /** Per opcode row, whether its feature is on. */
  private readonly enabled: readonly boolean[];
  /** Open constructs of the expression being decoded (reused across expressions). */
  private readonly open: Open[] = [];

  constructor(readonly r: Reader, readonly types: TypeReader, readonly features: FeatureSet) {
    this.enabled = enabledRows(features);
  }

  /** Decodes instructions up to and including the `end` that closes the expression. */
  expr(): Expr {
    const out: Instr[] = [];
    this.walk(out, null);
    return out;
  }

  /**
   * As `expr`, but hands each instruction to `visit` as soon as it is decoded, in one Instr object
   * reused for all of them (valid during the call only): a pass that needs each instruction once
   * (validation of a body nobody has decoded yet) allocates no Instr objects and no array.
   */
  visitExpr(visit: (ins: Instr) => void): void {
    this.walk(null, visit);
  }

  /**
   * Checks that an expression is well-formed and moves past it, keeping nothing: the same walk as
   * `expr` (same errors at the same offsets, same `dataCountUse`), minus the Instr objects. The
   * module decoder skims function bodies and decodes them on first use (lazy-body.ts).
   */
  skim(): void {
    this.walk(null, null);
  }

  /** One walk for decoding and skimming, so that both reject exactly the same bytes. */
  private walk(out: Instr[] | null, visit: ((ins: Instr) => void) | null): void {
    const r = this.r;
    const reused: { op: number; imm: readonly Imm[]; offset: number } = { op: 0, imm: NO_IMMS, offset: 0 };
    const open = this.open;
    open.length = 0;
    for (;;) {
      const offset = r.pos;
      const info = this.opcode();
      const imms = info.imms;
      const op = info.index;
      if (out === null && visit === null) {
        // Immediates are still read (that is where most malformedness is found), but the
        // fixed-width ones are only stepped over: their bytes cannot be malformed.
        const widths = FIXED_WIDTHS[op];
        for (let i = 0; i < imms.length; i++) {
          if (widths[i] > 0) r.skip(widths[i]);
          else this.imm(imms[i], info);
        }
      } else {
        let imm: readonly Imm[] = NO_IMMS;
        if (imms.length === 1) {
          const v = this.imm(imms[0], info);
          imm = typeof v === 'number' && v >= 0 && v < SMALL && Number.isInteger(v) ? SMALL_IMMS[v] : [v];
        }
        else if (imms.length > 1) {
          const a: Imm[] = new Array(imms.length);
          for (let i = 0; i < imms.length; i++) a[i] = this.imm(imms[i], info);
          imm = a;
        }
        if (visit === null) out!.push({ op, imm, offset });
        else {
          reused.op = op;
          reused.imm = imm;
          reused.offset = offset;
          visit(reused);
        }
      }
      const role = ROLE[op];
      if (role === Role.None) continue;
      const top = open.length - 1;
      switch (role) {
        case Role.OpenBlock: open.push(Open.Block); break;
        case Role.OpenIf: open.push(Open.If); break;
        case Role.OpenTry: open.push(Open.Try); break;
        case Role.Else:
          if (top < 0 || open[top] !== Open.If) r.fail('END opcode expected', offset);
          open[top] = Open.IfElse;
          break;
        case Role.Catch:
        case Role.CatchAll:
          if (top < 0 || (open[top] !== Open.Try && open[top] !== Open.TryCatch)) {
            r.fail('END opcode expected', offset);
          }
          open[top] = role === Role.Catch ? Open.TryCatch : Open.TryCatchAll;
          break;
        case Role.Delegate:
          if (top < 0 || open[top] !== Open.Try) r.fail('END opcode expected', offset);
          open.pop();
          break;
        case Role.End:
          if (top < 0) return;
          open.pop();
          break;
        case Role.UsesDataCount:
          if (this.dataCountUse < 0) this.dataCountUse = offset;
          break;
      }
    }
  }

  private opcode(): OpInfo {
    const r = this.r;
    const at = r.pos;
    const b = r.u8();
    let info: OpInfo | undefined;
    if (b >= 0xfb && b <= 0xfe) {
      const sub = r.u32();
      info = PREFIXED.get(b)?.get(sub);
      if (!info || !this.enabled[info.index]) {
        return r.fail(`illegal opcode ${hex2(b)} ${sub.toString(16).padStart(2, '0')}`, at);
      }
      return info;
    }
    info = SINGLE_BYTE[b];
    if (!info || !this.enabled[info.index]) return r.fail(`illegal opcode ${hex2(b)}`, at);
    return info;
  }

  private imm(kind: ImmKind, info: OpInfo): Imm {
    const r = this.r;
    switch (kind) {
      case 'label': case 'func': case 'type': case 'table': case 'global': case 'local':
      case 'tag': case 'elem': case 'data': case 'field': case 'u32':
        return r.u32();
      case 'mem': return this.memIndex();
      case 'lane': return r.u8();
      case 'i32': return r.s32();
      case 'i64': return r.s64();
      case 'f32': return r.fixedU32();
      case 'f64': return r.fixedU64();
      case 'v128': case 'shuffle': return r.take(16);
      case 'memarg': return this.memarg(info.prefix === 0);
      case 'blocktype': return this.blockType();
      case 'labels': {
        const n = r.len();
        const ls: number[] = new Array(n + 1);
        for (let i = 0; i <= n; i++) ls[i] = r.u32();
        return ls;
      }
      case 'heaptype': return this.heapTypeImm(info);
      case 'valtypes': return this.types.valTypes();
      case 'catches': return this.catches();
      case 'handlers': return this.handlers();
      case 'brcast': return this.brCast();
      case 'zero': {
        const at = r.pos;
        if (r.u8() !== 0) r.fail('zero byte expected', at);
        return 0;
      }
      case 'order': {
        // Low nibble: the (read) ordering; high nibble: the write ordering of an RMW, else 0.
        const at = r.pos;
        const b = r.u8();
        const rmw = info.name.includes('.rmw.');
        if ((b & 0xf) > 1 || (rmw ? (b >> 4) !== (b & 0xf) : (b >> 4) !== 0)) r.fail('malformed memory order', at);
        return b;
      }
    }
  }

  /** Without multi-memory the memory index of memory.size etc. is a reserved zero byte. */
  private memIndex(): number {
    const r = this.r;
    if (this.features['multi-memory']) return r.u32();
    const at = r.pos;
    if (r.u8() !== 0) r.fail('zero byte expected', at);
    return 0;
  }

  /** `plain`: an MVP load/store, the only instructions that have a multi-byte array form. */
  private memarg(plain: boolean): MemArg {
    const r = this.r;
    const at = r.pos;
    let flags = r.u32();
    let mem = 0;
    if (flags & MEMARG_MULTIBYTE && plain && this.features['multibyte-array']) {
      // The array form carries a type index and nothing else: no memory, alignment or offset.
      if (flags !== MEMARG_MULTIBYTE) r.fail('malformed memop flags', at);
      // Typed through an intersection so this compiles whether or not MemArg declares `array` yet.
      const arrayForm: MemArg & { array?: number } = { align: 0, offset: 0n, mem: 0, array: r.u32() };
      return arrayForm;
    }
    if (flags & MEMARG_HAS_MEMIDX && this.features['multi-memory']) {
      flags &= ~MEMARG_HAS_MEMIDX;
      mem = r.u32();
    }
    if (flags >= MEMARG_HAS_MEMIDX || flags & MEMARG_MULTIBYTE) r.fail('malformed memop flags', at);
    if (!this.features.memory64) return memArg(flags, r.u32(), mem);
    const at64 = r.pos;
    const b = r.bytes[at64];
    // One-byte offsets (the overwhelmingly common case) skip the BigInt decoding.
    if (at64 < r.end && b < 0x80) { r.pos++; return memArg(flags, b, mem); }
    return { align: flags, offset: r.u64(), mem };
  }

  private blockType(): BlockType {
    const r = this.r;
    const b = r.peek();
    if (b === 0x40) { r.pos++; return null; }
    // Value types are one negative byte (or lead byte of a reference type); indices are s33 >= 0.
    if ((b & 0xc0) === 0x40) return this.types.valType();
    const at = r.pos;
    const idx = r.s33();
    if (idx < 0) r.fail('malformed block type', at);
    return idx;
  }

  /**
   * `heaptype` immediates are a plain HeapType; an exact or shared heap type (proposals) has no
   * place in that, so it comes back as the RefType the instruction's variant denotes.
   */
  private heapTypeImm(info: OpInfo): Imm {
    const h = this.types.heapTypeQ();
    if (!h.exact && !h.shared) return h.heap;
    return makeRef(info.variant === 'null' || info.name === 'ref.null', h);
  }

  private catches(): Catch[] {
    const r = this.r;
    const n = r.len();
    const out: Catch[] = new Array(n);
    for (let i = 0; i < n; i++) {
      const at = r.pos;
      const k = r.u8();
      const kind = CATCH_KINDS[k];
      if (!kind) r.fail('malformed catch clause', at);
      if (k < 2) {
        const tag = r.u32();
        out[i] = { kind, tag, label: r.u32() };
      } else {
        out[i] = { kind, label: r.u32() };
      }
    }
    return out;
  }

  private handlers(): Handler[] {
    const r = this.r;
    const n = r.len();
    const out: Handler[] = new Array(n);
    for (let i = 0; i < n; i++) {
      const at = r.pos;
      const k = r.u8();
      if (k === 0) {
        const tag = r.u32();
        out[i] = { tag, label: r.u32() };
      } else if (k === 1) {
        out[i] = { tag: r.u32(), label: null };
      } else {
        r.fail('malformed handler', at);
      }
    }
    return out;
  }

  private brCast(): BrCast {
    const r = this.r;
    const at = r.pos;
    const flags = r.u8();
    if (flags > 3) r.fail('malformed br_on_cast flags', at);
    const label = r.u32();
    const from = makeRef((flags & 1) !== 0, this.types.heapTypeQ());
    const to = makeRef((flags & 2) !== 0, this.types.heapTypeQ());
    return { label, from, to };
  }
}

/** Per feature set, whether each opcode row is on (readers are made per module and per func.new). */
const enabledCache = new WeakMap<FeatureSet, boolean[]>();

function enabledRows(features: FeatureSet): boolean[] {
  let e = enabledCache.get(features);
  if (e === undefined) enabledCache.set(features, (e = OPCODES.map(o => features[o.feature])));
  return e;
}

function memArg(align: number, offset: number, mem: number): MemArg {
  if (mem !== 0 || offset >= 1 << 16) return { align, offset: BigInt(offset), mem };
  const key = (offset << 6) | align;
  let m = memargCache.get(key);
  if (!m) memargCache.set(key, (m = Object.freeze({ align, offset: BigInt(offset), mem: 0 })));
  return m;
}

function hex2(b: number): string {
  return b.toString(16).padStart(2, '0');
}
