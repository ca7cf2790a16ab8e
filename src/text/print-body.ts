/**
 * Instruction sequences: function bodies as flat, indented lines (one instruction per line, nested
 * one level per open block), and constant expressions in folded form.
 */
import type { Expr } from '../syntax/module.js';
import { OPCODES } from '../syntax/opcodes.js';
import { printInstr, type InstrContext } from './print-instr.js';

/** Instructions that separate the parts of a construct: printed at the construct's own level. */
const SEPARATORS: ReadonlySet<string> = new Set(['else', 'catch', 'catch_all']);

/** Deeper nesting stops indenting further, so pathological code cannot blow up the output size. */
const MAX_INDENT = 40;

/**
 * Appends the lines of a body (without its final `end`, which the enclosing field's `)` stands
 * for) to `out`, each prefixed by `indent` plus `unit` per nesting level. Label names are declared
 * on the blocks that `ctx.ids` names, numbered in block order as in the name section.
 */
export function printBody(body: Expr, ctx: InstrContext, indent: string, unit: string, out: string[]): void {
  let depth = 0;
  let labelIndex = 0;
  const line = (d: number, s: string) => out.push(indent + unit.repeat(Math.min(MAX_INDENT, Math.max(0, d))) + s);
  for (let k = 0; k < body.length; k++) {
    const instr = body[k];
    const info = OPCODES[instr.op];
    const name = info?.name;
    if (name === 'end') {
      if (depth === 0) {
        if (k === body.length - 1) break;
        line(0, 'end');
        continue;
      }
      depth--;
      ctx.labels.pop();
      line(depth, 'end');
    } else if (name === 'delegate') {
      // `delegate` closes its `try`, and its label counts from outside it.
      depth = Math.max(0, depth - 1);
      ctx.labels.pop();
      line(depth, printInstr(instr, ctx));
    } else if (name !== undefined && SEPARATORS.has(name)) {
      line(depth - 1, printInstr(instr, ctx));
    } else if (info?.imms[0] === 'blocktype') {
      const label = ctx.func >= 0 ? ctx.ids.label(ctx.func, labelIndex) : null;
      labelIndex++;
      line(depth, printInstr(instr, ctx, label));
      ctx.labels.push(label);
      depth++;
    } else if (info?.imms.includes('v128') || info?.imms.includes('shuffle')) {
      // Lane literals (numbers, `nan`, `inf`) run on until a non-literal token; the parentheses of
      // the folded form end them unambiguously, whatever instruction follows.
      line(depth, `(${printInstr(instr, ctx)})`);
    } else {
      line(depth, printInstr(instr, ctx));
    }
  }
}

/**
 * A constant expression as folded instructions, `(i32.const 1) (i32.const 2) (i32.add)`, without
 * its final `end`. Falls back to flat form if it holds structured instructions (an invalid module
 * can), since those have no one-parenthesis folded form.
 */
export function printConstExpr(expr: Expr, ctx: InstrContext): string {
  const body = expr.length > 0 && OPCODES[expr[expr.length - 1].op]?.name === 'end' ? expr.slice(0, -1) : expr;
  const structured = body.some(i => {
    const info = OPCODES[i.op];
    return !info || info.imms[0] === 'blocktype' || info.name === 'end' || SEPARATORS.has(info.name);
  });
  if (structured) {
    const lines: string[] = [];
    printBody(expr, ctx, '', '', lines);
    return lines.join(' ');
  }
  return body.map(i => `(${printInstr(i, ctx)})`).join(' ');
}
