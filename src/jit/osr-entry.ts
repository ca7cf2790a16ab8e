/**
 * The entry plan of an on-stack-replacement (OSR) variant: where its code enters the loop that the
 * interpreter was running (see osr.ts for the transfer, codegen.ts for the variant's signature).
 *
 * The variant is the whole function, translated as usual, with a flag `OSR` that is 1 on entry and
 * 0 from the moment the target loop's header is reached. Along the path of constructs enclosing
 * the loop, the code that precedes the next construct of the path is wrapped in `if (OSR === 0)`
 * (skipped on entry, run normally when an enclosing loop iterates again), and an enclosing `if`
 * takes the branch that holds the loop while the flag is set. Nothing else changes, so once the
 * loop is entered the code is exactly the ordinary translation.
 *
 * Only plain shapes qualify (the codegen checks them at the loop): no block parameters on the
 * path, an empty operand stack at the loop header, no try_table or legacy try around the loop.
 */
import type { Instr } from '../syntax/module.js';
import { OPCODES } from '../syntax/opcodes.js';

export interface OsrPlan {
  /** Body index of the target `loop`. */
  readonly target: number;
  /** Body indices before which a skipped segment opens (`if (OSR === 0) {`). */
  readonly opens: ReadonlySet<number>;
  /** Body indices before which a skipped segment closes (always the next construct of the path). */
  readonly closes: ReadonlySet<number>;
  /** Body indices of the `if`s on the path, and which branch holds the loop. */
  readonly ifs: ReadonlyMap<number, 'then' | 'else'>;
}

/** Thrown for a target that is not a loop or that sits in a construct OSR does not enter. */
export class NoOsrEntry extends Error {}

interface Open { readonly at: number; readonly name: string; elseAt: number }

/** Plans the entry at the `loop` at body index `target`. */
export function planOsr(body: readonly Instr[], target: number): OsrPlan {
  if (!Number.isInteger(target) || target < 0 || target >= body.length) throw new NoOsrEntry('osr: no such instruction');
  if (OPCODES[body[target].op].name !== 'loop') throw new NoOsrEntry('osr: target is not a loop');
  const path: Open[] = [];
  for (let i = 0; i < target; i++) {
    const name = OPCODES[body[i].op].name;
    if (name === 'block' || name === 'loop' || name === 'if' || name === 'try' || name === 'try_table') {
      path.push({ at: i, name, elseAt: -1 });
    } else if (name === 'else') {
      path[path.length - 1].elseAt = i;
    } else if (name === 'end' || name === 'delegate') {
      path.pop();
    }
  }
  const opens = new Set<number>(), closes = new Set<number>();
  const ifs = new Map<number, 'then' | 'else'>();
  // Segment at each level: from the start of the level's code up to the next opener of the path.
  let start = 0;
  for (let k = 0; k <= path.length; k++) {
    const end = k < path.length ? path[k].at : target;
    if (start < end) { opens.add(start); closes.add(end); }
    if (k === path.length) break;
    const o = path[k];
    if (o.name === 'try' || o.name === 'try_table') throw new NoOsrEntry('osr: loop inside a try');
    if (o.name === 'if') ifs.set(o.at, o.elseAt >= 0 ? 'else' : 'then');
    start = (o.elseAt >= 0 ? o.elseAt : o.at) + 1;
  }
  return { target, opens, closes, ifs };
}
