/**
 * The binary encoder: module AST to bytes, the inverse of decode.ts. Output is canonical (minimal
 * LEBs, locals in runs of equal types, short type forms, no empty sections) so that a module
 * decoded from a toolchain's canonical output re-encodes to the same bytes; custom sections go
 * back after the section they followed.
 */
import {
  SectionId, type Data, type Elem, type Expr, type Func, type Import, type Module,
} from '../syntax/module.js';
import { OP } from '../syntax/opcodes.js';
import type { RefType, ValType } from '../syntax/types.js';
import { writeExpr } from './encode-code.js';
import { encodeNames } from './encode-names.js';
import {
  writeGlobalType, writeMemType, writeRefType, writeSubType, writeTableType, writeValType,
} from './encode-types.js';
import { Writer } from './writer.js';

export interface EncodeOptions {
  /**
   * Emit a `name` section built from `m.names` when the module has no `name` custom section of
   * its own (modules from text). Default false.
   */
  names?: boolean;
}

/** Known sections in binary order. */
const SECTION_ORDER: readonly SectionId[] = [
  SectionId.Type, SectionId.Import, SectionId.Function, SectionId.Table, SectionId.Memory,
  SectionId.Tag, SectionId.Global, SectionId.Export, SectionId.Start, SectionId.Element,
  SectionId.DataCount, SectionId.Code, SectionId.Data,
];

const VEC_SECTIONS: ReadonlySet<SectionId> = new Set(
  SECTION_ORDER.filter(id => id !== SectionId.Start && id !== SectionId.DataCount),
);

const EXTERN_CODE = { func: 0, table: 1, memory: 2, global: 3, tag: 4 } as const;
const OP_REF_FUNC = OP['ref.func'];
const OP_END = OP['end'];

export function encodeModule(m: Module, opts: EncodeOptions = {}): Uint8Array {
  const out = new Writer(1024);
  out.bytes([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);

  const customsAfter = (id: SectionId) => {
    for (const c of m.customs) {
      if (c.after !== id) continue;
      const w = new Writer(c.data.length + c.name.length + 8);
      w.name(c.name).bytes(c.data);
      out.u8(SectionId.Custom).sized(w);
    }
  };

  customsAfter(SectionId.Custom);
  for (const id of SECTION_ORDER) {
    let body = sectionBody(m, id);
    // An empty section that a custom section followed is kept, so the custom stays in place.
    if (!body && VEC_SECTIONS.has(id) && m.customs.some(c => c.after === id)) body = new Writer().u32(0);
    if (body) out.u8(id).sized(body);
    customsAfter(id);
  }
  if (opts.names && m.names && !m.customs.some(c => c.name === 'name')) {
    const w = new Writer();
    w.name('name').bytes(encodeNames(m.names));
    out.u8(SectionId.Custom).sized(w);
  }
  return out.finish().slice();
}

/** The contents of one known section, or null when the module has nothing for it. */
function sectionBody(m: Module, id: SectionId): Writer | null {
  const w = new Writer();
  const vec = <T>(items: readonly T[], each: (x: T) => void): Writer | null => {
    if (items.length === 0) return null;
    w.u32(items.length);
    for (const x of items) each(x);
    return w;
  };
  switch (id) {
    case SectionId.Type:
      return vec(m.recGroups, g => {
        if (g.explicit) w.u8(0x4e).u32(g.size);
        for (let i = g.start; i < g.start + g.size; i++) writeSubType(w, m.types[i]);
      });
    case SectionId.Import: return vec(m.imports, i => writeImport(w, i));
    case SectionId.Function: return vec(m.funcs, f => w.u32(f.type));
    case SectionId.Table:
      return vec(m.tables, t => {
        if (t.init) {
          w.u8(0x40).u8(0x00);
          writeTableType(w, t.type);
          writeExpr(w, t.init);
        } else {
          writeTableType(w, t.type);
        }
      });
    case SectionId.Memory: return vec(m.mems, mt => writeMemType(w, mt));
    case SectionId.Tag: return vec(m.tags, t => w.u8(0).u32(t.type));
    case SectionId.Global:
      return vec(m.globals, g => {
        writeGlobalType(w, g.type);
        writeExpr(w, g.init);
      });
    case SectionId.Export:
      return vec(m.exports, e => w.name(e.name).u8(EXTERN_CODE[e.kind]).u32(e.index));
    case SectionId.Start:
      return m.start === null ? null : w.u32(m.start);
    case SectionId.Element: return vec(m.elems, e => writeElem(w, e));
    case SectionId.DataCount: {
      const n = m.dataCount ?? (needsDataCount(m) ? m.datas.length : null);
      return n === null ? null : w.u32(n);
    }
    case SectionId.Code: return vec(m.funcs, f => w.sized(funcBody(f)));
    case SectionId.Data: return vec(m.datas, d => writeData(w, d));
    default: return null;
  }
}

const DATA_COUNT_USERS = new Set([OP['memory.init'], OP['data.drop']]);

/**
 * memory.init and data.drop require a data count section; a module built in memory (from text)
 * may not say so, so one is added exactly when needed (which is also what wabt does).
 */
function needsDataCount(m: Module): boolean {
  return m.funcs.some(f => f.body.some(i => DATA_COUNT_USERS.has(i.op)));
}

function writeImport(w: Writer, i: Import): void {
  w.name(i.module).name(i.name);
  const d = i.desc;
  switch (d.kind) {
    case 'func': w.u8(d.exact ? 0x20 : 0x00).u32(d.type); return;
    case 'table': w.u8(0x01); writeTableType(w, d.type); return;
    case 'memory': w.u8(0x02); writeMemType(w, d.type); return;
    case 'global': w.u8(0x03); writeGlobalType(w, d.type); return;
    case 'tag': w.u8(0x04).u8(0x00).u32(d.type); return;
  }
}

function funcBody(f: Func): Writer {
  const w = new Writer(f.body.length * 3 + 16);
  // Locals as runs of equal types.
  const runs: [number, ValType][] = [];
  for (const t of f.locals) {
    const last = runs[runs.length - 1];
    if (last && sameValType(last[1], t)) last[0]++;
    else runs.push([1, t]);
  }
  w.u32(runs.length);
  for (const [n, t] of runs) {
    w.u32(n);
    writeValType(w, t);
  }
  writeExpr(w, f.body);
  return w;
}

function sameValType(a: ValType, b: ValType): boolean {
  if (a === b) return true;
  if (typeof a === 'string' || typeof b === 'string') return false;
  return a.nullable === b.nullable && a.heap === b.heap && !!a.exact === !!b.exact
    && !!a.shared === !!b.shared;
}

/** The function index of an item that is exactly `ref.func x; end`, else null. */
function funcIndexItem(e: Expr): number | null {
  if (e.length !== 2 || e[0].op !== OP_REF_FUNC || e[1].op !== OP_END) return null;
  return e[0].imm[0] as number;
}

function isFuncRef(t: RefType, nullable: boolean): boolean {
  return t.heap === 'func' && t.nullable === nullable && !t.exact && !t.shared;
}

/**
 * Element segment flags: bit 0 passive/declarative, bit 1 explicit table (or declarative), bit 2
 * expressions. Function-index forms (0-3) are used when the segment was written that way and can
 * be (type `(ref func)`, every item a plain `ref.func`); the table-0 short forms (0 and 4) when the
 * implied type matches.
 */
function writeElem(w: Writer, e: Elem): void {
  const indices = e.init.map(funcIndexItem);
  const useIndices = !e.usesExprs && isFuncRef(e.type, false) && indices.every(i => i !== null);
  const mode = e.mode;
  let flags: number;
  if (mode.kind === 'passive') flags = 1;
  else if (mode.kind === 'declarative') flags = 3;
  else {
    const implied = useIndices ? isFuncRef(e.type, false) : isFuncRef(e.type, true);
    flags = mode.table === 0 && implied ? 0 : 2;
  }
  if (!useIndices) flags |= 4;
  w.u32(e.shared ? flags | 8 : flags);
  if (mode.kind === 'active') {
    if (flags & 2) w.u32(mode.table);
    writeExpr(w, mode.offset);
  }
  if (flags & 3) {
    if (useIndices) w.u8(0x00);
    else writeRefType(w, e.type);
  }
  w.u32(e.init.length);
  for (let i = 0; i < e.init.length; i++) {
    if (useIndices) w.u32(indices[i]!);
    else writeExpr(w, e.init[i]);
  }
}

function writeData(w: Writer, d: Data): void {
  const mode = d.mode;
  const shared = d.shared ? 8 : 0;
  if (mode.kind === 'passive') w.u32(1 | shared);
  else {
    if (mode.mem === 0) w.u32(shared);
    else w.u32(2 | shared).u32(mode.mem);
    writeExpr(w, mode.offset);
  }
  w.u32(d.init.length).bytes(d.init);
}
