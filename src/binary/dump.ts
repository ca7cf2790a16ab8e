/**
 * A textual dump of a decoded module in the spirit of `wasm-objdump -h -x -d`: section headers
 * with offsets and sizes, the contents of each section, then a disassembly of every function body
 * with byte offsets, raw bytes and mnemonics from the opcode table. For humans (`weft objdump`);
 * the format is not meant to be parsed.
 */
import type { Module, Expr, Instr, MemArg, Catch, Handler, BrCast, Names } from '../syntax/module.js';
import { importCounts } from '../syntax/module.js';
import { OPCODES, OP } from '../syntax/opcodes.js';
import { valTypeToString, heapTypeToString, type CompType, type Limits, type RefType, type ValType, type BlockType, type HeapType } from '../syntax/types.js';
import { ALL_FEATURES } from '../features.js';
import { TypeReader } from './decode-types.js';
import { Reader } from './reader.js';

const SECTION_NAMES: readonly string[] = [
  'Custom', 'Type', 'Import', 'Function', 'Table', 'Memory', 'Global', 'Export', 'Start', 'Elem',
  'Code', 'Data', 'DataCount', 'Tag',
];

const hex = (n: number, width = 8) => n.toString(16).padStart(width, '0');

interface SectionHeader { id: number; start: number; end: number; name: string | null }

/** Section boundaries, re-read from the bytes (the AST does not keep them). */
function sectionHeaders(bytes: Uint8Array): SectionHeader[] {
  const out: SectionHeader[] = [];
  const r = new Reader(bytes, 8);
  try {
    while (r.pos < bytes.length) {
      const id = r.u8();
      const size = r.size();
      const start = r.pos;
      let name: string | null = null;
      if (id === 0) { name = r.name(); }
      out.push({ id, start, end: start + size, name });
      r.pos = start + size;
    }
  } catch {
    // A dump of a broken binary shows what could be read.
  }
  return out;
}

function typeString(t: CompType): string {
  switch (t.kind) {
    case 'func': {
      const p = t.params.map(valTypeToString);
      const r = t.results.map(valTypeToString);
      return `(${p.join(', ')}) -> ${r.length === 0 ? 'nil' : r.length === 1 ? r[0] : `(${r.join(', ')})`}`;
    }
    case 'struct':
      return `struct {${t.fields.map(f => `${f.mutable ? 'mut ' : ''}${valTypeToString(f.type)}`).join(', ')}}`;
    case 'array': return `array ${t.field.mutable ? 'mut ' : ''}${valTypeToString(t.field.type)}`;
    case 'cont': return `cont ${t.type}`;
  }
}

function limitsString(l: Limits, unit: string): string {
  return `${unit}initial=${l.min}${l.max === null ? '' : ` max=${l.max}`}`;
}

function name(map: ReadonlyMap<number, string> | undefined, i: number): string {
  const n = map?.get(i);
  return n === undefined ? '' : ` <${n}>`;
}

function constString(e: Expr): string {
  if (e.length === 2) {
    const [i] = e;
    const info = OPCODES[i.op];
    if (info.name === 'i32.const' || info.name === 'i64.const') return `${info.name.slice(0, 3)}=${i.imm[0]}`;
    if (info.name === 'f32.const') return `f32=${f32(i.imm[0] as number)}`;
    if (info.name === 'f64.const') return `f64=${f64(i.imm[0] as bigint)}`;
    if (info.name === 'global.get') return `global=${i.imm[0]}`;
    if (info.name === 'ref.func') return `ref.func:${i.imm[0]}`;
    if (info.name === 'ref.null') return `ref.null ${heapTypeToString(i.imm[0] as HeapType)}`;
  }
  return e.slice(0, -1).map(i => OPCODES[i.op].name).join(' ');
}

function f32(bits: number): string {
  const b = new DataView(new ArrayBuffer(4));
  b.setUint32(0, bits);
  return String(b.getFloat32(0));
}

function f64(bits: bigint): string {
  const b = new DataView(new ArrayBuffer(8));
  b.setBigUint64(0, bits);
  return String(b.getFloat64(0));
}

function bytesLine(data: Uint8Array, base: number): string[] {
  const lines: string[] = [];
  for (let i = 0; i < data.length; i += 16) {
    const chunk = data.subarray(i, i + 16);
    const hexes: string[] = [];
    for (let j = 0; j < chunk.length; j += 2) {
      hexes.push([...chunk.subarray(j, j + 2)].map(b => hex(b, 2)).join(''));
    }
    const ascii = [...chunk].map(b => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.')).join('');
    lines.push(`  - ${hex(base + i, 7)}: ${hexes.join(' ').padEnd(40)}  ${ascii}`);
  }
  return lines;
}

export function objdump(m: Module, bytes: Uint8Array | null = m.bytes): string {
  const out: string[] = [];
  const names: Names | null = m.names;
  const ic = importCounts(m);
  const headers = bytes ? sectionHeaders(bytes) : [];

  if (headers.length) {
    out.push('Sections:', '');
    for (const h of headers) {
      const title = SECTION_NAMES[h.id] ?? `Unknown(${h.id})`;
      let extra = '';
      if (h.name !== null) extra = ` "${h.name}"`;
      else if (bytes && h.id !== 8 && h.end > h.start) {
        try { extra = ` count: ${new Reader(bytes, h.start, h.end).u32()}`; } catch { /* shown without */ }
      }
      out.push(`${title.padStart(9)} start=0x${hex(h.start)} end=0x${hex(h.end)} (size=0x${hex(h.end - h.start)})${extra}`);
    }
    out.push('');
  }

  out.push('Section Details:', '');
  if (m.types.length) {
    out.push(`Type[${m.types.length}]:`);
    m.types.forEach((t, i) => {
      const sub = t.supers.length ? ` sub${t.final ? ' final' : ''} ${t.supers.join(' ')}` : t.final ? '' : ' sub';
      out.push(` - type[${i}]${sub} ${typeString(t.comp)}${name(names?.types, i)}`);
    });
  }
  if (m.imports.length) {
    out.push(`Import[${m.imports.length}]:`);
    const n = { func: 0, table: 0, memory: 0, global: 0, tag: 0 };
    for (const imp of m.imports) {
      const d = imp.desc;
      const i = n[d.kind]++;
      const from = ` <- ${imp.module}.${imp.name}`;
      switch (d.kind) {
        case 'func': out.push(` - func[${i}] sig=${d.type}${name(names?.funcs, i)}${from}`); break;
        case 'table': out.push(` - table[${i}] type=${valTypeToString(d.type.elem)} ${limitsString(d.type.limits, '')}${from}`); break;
        case 'memory': out.push(` - memory[${i}] pages: ${limitsString(d.type.limits, '')}${from}`); break;
        case 'global': out.push(` - global[${i}] ${valTypeToString(d.type.type)} mutable=${d.type.mutable ? 1 : 0}${from}`); break;
        case 'tag': out.push(` - tag[${i}] sig=${d.type}${from}`); break;
      }
    }
  }
  if (m.funcs.length) {
    out.push(`Function[${m.funcs.length}]:`);
    m.funcs.forEach((f, k) => {
      const i = ic.func + k;
      out.push(` - func[${i}] sig=${f.type}${name(names?.funcs, i)}`);
    });
  }
  if (m.tables.length) {
    out.push(`Table[${m.tables.length}]:`);
    m.tables.forEach((t, k) => {
      const i = ic.table + k;
      out.push(` - table[${i}] type=${valTypeToString(t.type.elem)} ${limitsString(t.type.limits, '')}${t.type.addr === 'i64' ? ' i64' : ''}${name(names?.tables, i)}`);
    });
  }
  if (m.mems.length) {
    out.push(`Memory[${m.mems.length}]:`);
    m.mems.forEach((mt, k) => {
      const i = ic.memory + k;
      const flags = `${mt.shared ? ' shared' : ''}${mt.addr === 'i64' ? ' i64' : ''}${mt.pageSizeLog2 !== 16 ? ` pagesize=${2 ** mt.pageSizeLog2}` : ''}`;
      out.push(` - memory[${i}] pages: ${limitsString(mt.limits, '')}${flags}${name(names?.memories, i)}`);
    });
  }
  if (m.tags.length) {
    out.push(`Tag[${m.tags.length}]:`);
    m.tags.forEach((t, k) => out.push(` - tag[${ic.tag + k}] sig=${t.type}${name(names?.tags, ic.tag + k)}`));
  }
  if (m.globals.length) {
    out.push(`Global[${m.globals.length}]:`);
    m.globals.forEach((g, k) => {
      const i = ic.global + k;
      out.push(` - global[${i}] ${valTypeToString(g.type.type)} mutable=${g.type.mutable ? 1 : 0}${name(names?.globals, i)} - init ${constString(g.init)}`);
    });
  }
  if (m.exports.length) {
    out.push(`Export[${m.exports.length}]:`);
    for (const e of m.exports) {
      const nm = e.kind === 'func' ? name(names?.funcs, e.index) : '';
      out.push(` - ${e.kind}[${e.index}]${nm} -> "${e.name}"`);
    }
  }
  if (m.start !== null) out.push('Start:', ` - start function: ${m.start}${name(names?.funcs, m.start)}`);
  if (m.elems.length) {
    out.push(`Elem[${m.elems.length}]:`);
    m.elems.forEach((e, i) => {
      const mode = e.mode.kind === 'active'
        ? `table=${e.mode.table} - init ${constString(e.mode.offset)}` : e.mode.kind;
      out.push(` - segment[${i}] type=${valTypeToString(e.type)} ${mode} count=${e.init.length}`);
      e.init.forEach((item, j) => {
        const f = item.length === 2 && item[0].op === OP['ref.func'] ? item[0].imm[0] as number : null;
        out.push(`  - elem[${j}] = ${f !== null ? `func[${f}]${name(names?.funcs, f)}` : constString(item)}`);
      });
    });
  }
  if (m.dataCount !== null) out.push('DataCount:', ` - data count: ${m.dataCount}`);
  if (m.funcs.length) {
    out.push(`Code[${m.funcs.length}]:`);
    m.funcs.forEach((f, k) => {
      const i = ic.func + k;
      // The body size as declared (locals included), read back from the size field.
      const size = bytes && f.offset >= 0 ? new Reader(bytes, f.offset).u32() : '?';
      out.push(` - func[${i}] size=${size}${name(names?.funcs, i)}`);
    });
  }
  if (m.datas.length) {
    out.push(`Data[${m.datas.length}]:`);
    m.datas.forEach((d, i) => {
      const mode = d.mode.kind === 'active'
        ? `memory=${d.mode.mem} size=${d.init.length} - init ${constString(d.mode.offset)}`
        : `passive size=${d.init.length}`;
      out.push(` - segment[${i}] ${mode}${name(names?.datas, i)}`);
      out.push(...bytesLine(d.init.subarray(0, 64), 0));
      if (d.init.length > 64) out.push('  - ...');
    });
  }
  for (const c of m.customs) out.push('Custom:', ` - name: "${c.name}" size=${c.data.length}`);

  out.push('', 'Code Disassembly:', '');
  m.funcs.forEach((f, k) => {
    const i = ic.func + k;
    const groups = bytes && f.offset >= 0 ? localGroups(bytes, f.offset) : null;
    out.push(`${hex(groups ? groups.bodyStart : Math.max(f.offset, 0), 6)} func[${i}]${name(names?.funcs, i)}:`);
    if (groups) {
      // One line per run of equal locals, with its bytes, as wasm-objdump prints them; declared
      // locals are numbered after the parameters.
      const comp = m.types[f.type]?.comp;
      let first = comp?.kind === 'func' ? comp.params.length : 0;
      const base = first;
      for (const g of groups.runs) {
        const raw = [...bytes!.subarray(g.start, g.end)].map(b => hex(b, 2)).join(' ');
        const range = g.count === 1 ? `local[${first}]` : `local[${first}..${first + g.count - 1}]`;
        const t = f.locals[first - base]; // absent for an empty run at the end
        out.push(` ${hex(g.start, 6)}: ${raw.padEnd(26)} | ${range} type=${t ? valTypeToString(t) : '-'}`);
        first += g.count;
      }
    } else {
      f.locals.forEach((t, j) => out.push(` ${'      '}  ${''.padEnd(26)} | local[${j}] type=${valTypeToString(t)}`));
    }
    disassemble(out, f.body, bytes, f.end, names);
  });
  return out.join('\n') + '\n';
}

interface LocalRun { start: number; end: number; count: number }

/** Re-reads a body's header: where it starts (after the size) and the byte span of each local run. */
function localGroups(bytes: Uint8Array, offset: number): { bodyStart: number; runs: LocalRun[] } | null {
  try {
    const r = new Reader(bytes, offset);
    r.u32();
    const bodyStart = r.pos;
    const types = new TypeReader(r, ALL_FEATURES);
    const n = r.u32();
    const runs: LocalRun[] = [];
    for (let i = 0; i < n; i++) {
      const start = r.pos;
      const count = r.u32();
      types.valType();
      runs.push({ start, end: r.pos, count });
    }
    return { bodyStart, runs };
  } catch {
    return null;
  }
}

const OPENERS = new Set(['block', 'loop', 'if', 'try', 'try_table']);
const SEPARATORS = new Set(['else', 'catch', 'catch_all']);
const CLOSERS = new Set(['end', 'delegate']);

function disassemble(out: string[], body: Expr, bytes: Uint8Array | null, end: number, names: Names | null): void {
  let depth = 0;
  for (let k = 0; k < body.length; k++) {
    const ins = body[k];
    const info = OPCODES[ins.op];
    const n = info.name;
    // Closers and separators print at their construct's own depth.
    if (CLOSERS.has(n) || SEPARATORS.has(n)) depth--;
    const indent = '  '.repeat(Math.max(depth, 0));
    const text = `${indent}${n}${immString(ins, names)}`;
    const next = k + 1 < body.length ? body[k + 1].offset : end;
    let raw: number[] = [];
    if (bytes && ins.offset >= 0 && next > ins.offset) raw = [...bytes.subarray(ins.offset, next)];
    const chunks: number[][] = [];
    for (let j = 0; j < Math.max(raw.length, 1); j += 9) chunks.push(raw.slice(j, j + 9));
    chunks.forEach((c, j) => {
      const off = ins.offset >= 0 ? hex(ins.offset + 9 * j, 6) : '     ?';
      out.push(` ${off}: ${c.map(b => hex(b, 2)).join(' ').padEnd(26)} | ${j === 0 ? text : ''}`);
    });
    if (OPENERS.has(n) || SEPARATORS.has(n)) depth++;
  }
}

function immString(ins: Instr, names: Names | null): string {
  const info = OPCODES[ins.op];
  const parts: string[] = [];
  info.imms.forEach((kind, i) => {
    const v = ins.imm[i];
    switch (kind) {
      case 'blocktype': {
        const bt = v as BlockType;
        if (bt !== null) parts.push(typeof bt === 'number' ? `type[${bt}]` : valTypeToString(bt as ValType));
        break;
      }
      case 'memarg': {
        const m = v as MemArg;
        parts.push(`${m.mem ? `${m.mem} ` : ''}${m.align} ${m.offset}`);
        break;
      }
      case 'labels': parts.push((v as number[]).join(' ')); break;
      case 'f32': parts.push(f32(v as number)); break;
      case 'f64': parts.push(f64(v as bigint)); break;
      case 'v128': case 'shuffle': {
        // Four little-endian 32-bit words, as wasm-objdump shows them.
        const b = v as Uint8Array;
        for (let w = 0; w < 16; w += 4) {
          parts.push('0x' + hex(((b[w] | (b[w + 1] << 8) | (b[w + 2] << 16) | (b[w + 3] << 24)) >>> 0), 8));
        }
        break;
      }
      case 'heaptype':
        parts.push(typeof v === 'object' ? valTypeToString(v as RefType) : heapTypeToString(v as HeapType));
        break;
      case 'valtypes': parts.push((v as ValType[]).map(valTypeToString).join(' ')); break;
      case 'catches':
        for (const c of v as Catch[]) parts.push(`(${c.kind}${c.tag !== undefined ? ` ${c.tag}` : ''} ${c.label})`);
        break;
      case 'handlers':
        for (const h of v as Handler[]) parts.push(`(on ${h.tag} ${h.label ?? 'switch'})`);
        break;
      case 'brcast': {
        const c = v as BrCast;
        parts.push(`${c.label} ${valTypeToString(c.from)} ${valTypeToString(c.to)}`);
        break;
      }
      case 'zero': break;
      // Indices into named spaces show the name too, as wasm-objdump does.
      case 'func': parts.push(`${v}${name(names?.funcs, v as number)}`); break;
      case 'global': parts.push(`${v}${name(names?.globals, v as number)}`); break;
      case 'tag': parts.push(`${v}${name(names?.tags, v as number)}`); break;
      default: parts.push(String(v));
    }
  });
  return parts.length ? ' ' + parts.join(' ') : '';
}
