/**
 * One instruction in text form, driven by the immediate kinds of its opcode-table row. The few
 * places where the text differs from the binary (operand order, optional zero indices, the
 * `(ref null? ht)` form of casts) are listed here explicitly rather than spread over handlers.
 */
import type {
  BrCast, Catch, Handler, Imm, Instr, MemArg,
} from '../syntax/module.js';
import type { BlockType, HeapType, RefType, ValType } from '../syntax/types.js';
import { OPCODES, type ImmKind, type OpInfo } from '../syntax/opcodes.js';
import { Ids } from './print-ids.js';
import { printF32, printF64 } from './print-float.js';
import { printBlockType, printHeapType, printRefType, printValType } from './print-types.js';

/** What an instruction's names are resolved against. */
export interface InstrContext {
  readonly ids: Ids;
  /** Function index (in the function index space) whose locals and labels are in scope; -1 if none. */
  readonly func: number;
  /** Ids of the enclosing labels, innermost last; null for unnamed ones. */
  readonly labels: (string | null)[];
}

export function plainContext(ids: Ids = Ids.none, func = -1): InstrContext {
  return { ids, func, labels: [] };
}

/** Text order of immediates where it differs from the binary order (positions into `imms`). */
const TEXT_ORDER: Readonly<Record<string, readonly number[]>> = {
  call_indirect: [1, 0], return_call_indirect: [1, 0],
  'memory.init': [1, 0], 'table.init': [1, 0],
};

/** Kinds whose index may be left out when it is 0 (all of them of that kind in the instruction). */
const OMIT_ZERO: ReadonlySet<ImmKind> = new Set<ImmKind>(['mem', 'table']);

/**
 * Prints `instr`. `label` is the id to declare on a block-opening instruction (`block $l ...`).
 */
export function printInstr(instr: Instr, ctx: InstrContext = plainContext(), label: string | null = null): string {
  const info = OPCODES[instr.op];
  if (!info) return `<unknown opcode ${instr.op}>`;
  const parts: string[] = [info.name];
  if (label) parts.push(label);
  const order = TEXT_ORDER[info.key] ?? info.imms.map((_, i) => i);
  for (const i of order) {
    const kind = info.imms[i];
    if (OMIT_ZERO.has(kind) && info.imms.every((k, j) => k !== kind || instr.imm[j] === 0)) continue;
    const s = printImm(kind, instr.imm[i], info, instr, ctx);
    if (s !== '') parts.push(s);
  }
  return parts.join(' ');
}

function printImm(kind: ImmKind, v: Imm, info: OpInfo, instr: Instr, ctx: InstrContext): string {
  const ids = ctx.ids;
  switch (kind) {
    case 'blocktype': return printBlockType(v as BlockType, ids);
    case 'label': return printLabel(v as number, ctx);
    case 'labels': return (v as readonly number[]).map(l => printLabel(l, ctx)).join(' ');
    case 'func': return ids.ref('funcs', v as number);
    case 'type': {
      // call_indirect and friends take a type use; elsewhere the index stands alone.
      const t = ids.ref('types', v as number);
      return info.name.endsWith('call_indirect') ? `(type ${t})` : t;
    }
    case 'table': return ids.ref('tables', v as number);
    case 'mem': return ids.ref('memories', v as number);
    case 'global': return ids.ref('globals', v as number);
    case 'tag': return ids.ref('tags', v as number);
    case 'elem': return ids.ref('elems', v as number);
    case 'data': return ids.ref('datas', v as number);
    case 'local': return ctx.ids.local(ctx.func, v as number) ?? String(v);
    case 'field': {
      const t = instr.imm[info.imms.indexOf('type')] as number;
      return ids.field(t, v as number) ?? String(v);
    }
    case 'lane': case 'u32': return String(v);
    case 'memarg': return printMemArg(v as MemArg, info, ctx);
    case 'i32': return String((v as number) | 0);
    case 'i64': return BigInt.asIntN(64, v as bigint).toString();
    case 'f32': return printF32(v as number);
    case 'f64': return printF64(v as bigint);
    case 'v128': return printV128(v as Uint8Array);
    case 'shuffle': return Array.from(v as Uint8Array).join(' ');
    case 'heaptype': {
      // A plain HeapType, or a RefType when the heap type is exact or shared (see decode-code.ts).
      const q = typeof v === 'object' && v !== null ? v as RefType : null;
      const heap = q ? q.heap : v as HeapType;
      // ref.null names a heap type; the casts name a reference type, nullable per row variant.
      return info.name === 'ref.null'
        ? printHeapType(heap, ids, q?.shared, q?.exact)
        : printRefType({ kind: 'ref', nullable: info.variant === 'null', heap, exact: q?.exact, shared: q?.shared }, ids);
    }
    case 'valtypes': return `(result${(v as readonly ValType[]).map(t => ' ' + printValType(t, ids)).join('')})`;
    case 'catches': return (v as readonly Catch[]).map(c => printCatch(c, ctx)).join(' ');
    case 'handlers': return (v as readonly Handler[]).map(h => printHandler(h, ctx)).join(' ');
    case 'brcast': {
      const b = v as BrCast;
      return `${printLabel(b.label, ctx)} ${printRefType(b.from, ids)} ${printRefType(b.to, ids)}`;
    }
    case 'zero': return '';
    case 'order': return ((v as number) & 0xf) === 1 ? 'acq_rel' : 'seq_cst';
  }
}

/**
 * A branch target: the label's id when it is named and not shadowed by an inner label of the same
 * name (so that the name resolves to the same depth), else the depth.
 */
function printLabel(depth: number, ctx: InstrContext): string {
  const stack = ctx.labels;
  const at = stack.length - 1 - depth;
  if (at < 0) return String(depth);
  const id = stack[at];
  if (id === null) return String(depth);
  for (let j = at + 1; j < stack.length; j++) if (stack[j] === id) return String(depth);
  return id;
}

/** `offset=N align=M`, each only when not the default; the memory index first when non-zero. */
function printMemArg(m: MemArg, info: OpInfo, ctx: InstrContext): string {
  if (m.array !== undefined) return `array ${ctx.ids.ref('types', m.array)}`;
  const parts: string[] = [];
  if (m.mem !== 0) parts.push(ctx.ids.ref('memories', m.mem));
  if (m.offset !== 0n) parts.push(`offset=${BigInt.asUintN(64, m.offset)}`);
  if (m.align !== info.align) parts.push(`align=${2n ** BigInt(m.align)}`);
  return parts.join(' ');
}

/** As four i32 lanes in hex: exact and compact. */
function printV128(b: Uint8Array): string {
  const lanes: string[] = [];
  for (let i = 0; i < 16; i += 4) {
    const u = (b[i] | (b[i + 1] << 8) | (b[i + 2] << 16) | (b[i + 3] << 24)) >>> 0;
    lanes.push('0x' + u.toString(16).padStart(8, '0'));
  }
  return 'i32x4 ' + lanes.join(' ');
}

function printCatch(c: Catch, ctx: InstrContext): string {
  const tag = c.tag !== undefined ? ctx.ids.ref('tags', c.tag) + ' ' : '';
  return `(${c.kind} ${tag}${printLabel(c.label, ctx)})`;
}

function printHandler(h: Handler, ctx: InstrContext): string {
  return `(on ${ctx.ids.ref('tags', h.tag)} ${h.label === null ? 'switch' : printLabel(h.label, ctx)})`;
}
