/**
 * Typing rules of variable, table and bulk-memory instructions (those whose types depend on the
 * module: local/global types, table element types, address types of memories and tables).
 */
import type { Rule } from './rules.js';
import { isSubRefType, minAddr } from './subtype.js';

export const VARIABLE_RULES: Record<string, Rule> = {
  'local.get': (c, ins) => {
    const idx = ins.imm[0] as number;
    const t = c.local(idx);
    c.checkLocalInit(idx);
    c.push(t);
  },
  'local.set': (c, ins) => {
    const idx = ins.imm[0] as number;
    c.popT(c.local(idx));
    c.markLocalInit(idx);
  },
  'local.tee': (c, ins) => {
    const idx = ins.imm[0] as number;
    const t = c.local(idx);
    c.popT(t);
    c.markLocalInit(idx);
    c.push(t);
  },
  'global.get': (c, ins) => {
    c.push(c.global(ins.imm[0] as number).type);
  },
  'global.set': (c, ins) => {
    const g = c.global(ins.imm[0] as number);
    if (!g.mutable) c.fail('immutable global');
    c.popT(g.type);
  },

  'table.get': (c, ins) => {
    const t = c.table(ins.imm[0] as number);
    c.popT(t.addr);
    c.push(t.elem);
  },
  'table.set': (c, ins) => {
    const t = c.table(ins.imm[0] as number);
    c.popT(t.elem);
    c.popT(t.addr);
  },
  'table.size': (c, ins) => {
    c.push(c.table(ins.imm[0] as number).addr);
  },
  'table.grow': (c, ins) => {
    const t = c.table(ins.imm[0] as number);
    c.popT(t.addr);
    c.popT(t.elem);
    c.push(t.addr);
  },
  'table.fill': (c, ins) => {
    const t = c.table(ins.imm[0] as number);
    c.popT(t.addr);
    c.popT(t.elem);
    c.popT(t.addr);
  },
  'table.copy': (c, ins) => {
    const dst = c.table(ins.imm[0] as number);
    const src = c.table(ins.imm[1] as number);
    if (!isSubRefType(src.elem, dst.elem)) c.fail('type mismatch: table.copy element types');
    c.popT(minAddr(dst.addr, src.addr));
    c.popT(src.addr);
    c.popT(dst.addr);
  },
  'table.init': (c, ins) => {
    const t = c.table(ins.imm[1] as number);
    const et = c.elemType(ins.imm[0] as number);
    if (!isSubRefType(et, t.elem)) c.fail('type mismatch: table.init element types');
    c.popT('i32');
    c.popT('i32');
    c.popT(t.addr);
  },
  'elem.drop': (c, ins) => { c.elemType(ins.imm[0] as number); },

  'memory.init': (c, ins) => {
    const m = c.mem(ins.imm[1] as number);
    c.data(ins.imm[0] as number);
    c.popT('i32');
    c.popT('i32');
    c.popT(m.addr);
  },
  'data.drop': (c, ins) => { c.data(ins.imm[0] as number); },
  'memory.copy': (c, ins) => {
    const dst = c.mem(ins.imm[0] as number);
    const src = c.mem(ins.imm[1] as number);
    c.popT(minAddr(dst.addr, src.addr));
    c.popT(src.addr);
    c.popT(dst.addr);
  },
  'memory.fill': (c, ins) => {
    const m = c.mem(ins.imm[0] as number);
    c.popT(m.addr);
    c.popT('i32');
    c.popT(m.addr);
  },
};
