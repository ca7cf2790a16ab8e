/**
 * Encoding of instruction sequences, driven by the opcode table exactly as decoding is: the row
 * gives the opcode bytes and the immediate kinds, one writer per kind does the rest.
 */
import type { BrCast, Catch, Expr, Handler, Imm, MemArg } from '../syntax/module.js';
import { OPCODES, type ImmKind } from '../syntax/opcodes.js';
import type { BlockType, HeapType, RefType, ValType } from '../syntax/types.js';
import { writeHeapType, writeValType, writeValTypes } from './encode-types.js';
import type { Writer } from './writer.js';

const CATCH_CODE: Readonly<Record<Catch['kind'], number>> = {
  catch: 0, catch_ref: 1, catch_all: 2, catch_all_ref: 3,
};

export function writeExpr(w: Writer, e: Expr): void {
  for (const ins of e) {
    const info = OPCODES[ins.op];
    if (info.prefix) w.u8(info.prefix).u32(info.code);
    else w.u8(info.code);
    const kinds = info.imms;
    for (let i = 0; i < kinds.length; i++) writeImm(w, kinds[i], ins.imm[i]);
  }
}

function writeImm(w: Writer, kind: ImmKind, v: Imm): void {
  switch (kind) {
    case 'label': case 'func': case 'type': case 'table': case 'global': case 'local':
    case 'tag': case 'elem': case 'data': case 'field': case 'u32': case 'mem':
      w.u32(v as number);
      return;
    case 'lane': w.u8(v as number); return;
    case 'zero': w.u8(0); return;
    case 'order': w.u8(v as number); return;
    case 'i32': w.s32(v as number); return;
    case 'i64': w.s64(v as bigint); return;
    case 'f32': w.fixedU32(v as number); return;
    case 'f64': w.fixedU64(v as bigint); return;
    case 'v128': case 'shuffle': w.bytes(v as Uint8Array); return;
    case 'memarg': {
      const m = v as MemArg & { array?: number };
      if (m.array !== undefined) { w.u32(0x80).u32(m.array); return; }
      if (m.mem !== 0) w.u32(m.align | 0x40).u32(m.mem);
      else w.u32(m.align);
      w.u64(m.offset);
      return;
    }
    case 'blocktype': {
      const bt = v as BlockType;
      if (bt === null) w.u8(0x40);
      else if (typeof bt === 'number') w.s33(bt);
      else writeValType(w, bt);
      return;
    }
    case 'labels': {
      const ls = v as readonly number[];
      w.u32(ls.length - 1);
      for (const l of ls) w.u32(l);
      return;
    }
    case 'heaptype': {
      // A RefType here carries the exact/shared qualifiers of the heap type (see decode-code.ts).
      if (typeof v === 'object' && v !== null && (v as RefType).kind === 'ref') {
        const t = v as RefType;
        writeHeapType(w, t.heap, t.exact, t.shared);
      } else {
        writeHeapType(w, v as HeapType);
      }
      return;
    }
    case 'valtypes': writeValTypes(w, v as readonly ValType[]); return;
    case 'catches': {
      const cs = v as readonly Catch[];
      w.u32(cs.length);
      for (const c of cs) {
        w.u8(CATCH_CODE[c.kind]);
        if (c.tag !== undefined && (c.kind === 'catch' || c.kind === 'catch_ref')) w.u32(c.tag);
        w.u32(c.label);
      }
      return;
    }
    case 'handlers': {
      const hs = v as readonly Handler[];
      w.u32(hs.length);
      for (const h of hs) {
        if (h.label === null) w.u8(1).u32(h.tag);
        else w.u8(0).u32(h.tag).u32(h.label);
      }
      return;
    }
    case 'brcast': {
      const c = v as BrCast;
      w.u8((c.from.nullable ? 1 : 0) | (c.to.nullable ? 2 : 0)).u32(c.label);
      writeHeapType(w, c.from.heap, c.from.exact, c.from.shared);
      writeHeapType(w, c.to.heap, c.to.exact, c.to.shared);
      return;
    }
  }
}
