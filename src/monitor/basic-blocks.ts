/**
 * Basic blocks of a function body, in terms of the interpreter's probe semantics.
 *
 * A probe runs just before the code of its instruction, and branch targets land *after* the code of
 * the instruction that defines the label: after `loop` for a loop, after `end`/`delegate` for a
 * block, after `else`/`catch`/`catch_all` for the alternative arms. So the instruction following
 * one of those is where control may arrive from elsewhere: a block *leader*. The label-defining
 * instruction itself (`loop`, `end`...) belongs to the block before it and runs when that block
 * falls into it.
 *
 * Blocks also end after every instruction that may leave the frame and come back, or not come back
 * (calls, throws, suspensions, branches), so an exception unwinding through a call, a tail call or a
 * host function that exits leaves every block it touched executed in full. The only block left
 * part-way is the one where a trap happens (see block-counter.ts).
 */
import { OPCODES } from '../syntax/opcodes.js';
import type { Instr } from '../syntax/module.js';
import type { FuncInfo } from './module-info.js';

const ENDS_BLOCK = new Set([
  'loop', 'if', 'else', 'end', 'br', 'br_if', 'br_table', 'return', 'unreachable', 'throw',
  'throw_ref', 'rethrow', 'catch', 'catch_all', 'delegate', 'suspend', 'resume', 'resume_throw',
  'resume_throw_ref', 'switch',
]);

/** Whether control may continue elsewhere than the next instruction (or arrive right after it). */
export function endsBlock(ins: Instr): boolean {
  const name = OPCODES[ins.op]!.name;
  return ENDS_BLOCK.has(name) || name.startsWith('br_on') || name.includes('call');
}

/** Calls that replace the caller's frame. */
export function isTailCall(ins: Instr): boolean {
  return OPCODES[ins.op]!.name.startsWith('return_call');
}

export interface BasicBlock {
  /** Index of the block in its function. */
  readonly index: number;
  /** First and last instruction (indices into the body, inclusive). */
  readonly first: number;
  readonly last: number;
  /** Byte offset of the leader (where the block's probe goes). */
  readonly offset: number;
}

export interface FuncBlocks {
  readonly func: FuncInfo;
  readonly blocks: readonly BasicBlock[];
  /** Block index of each instruction. */
  readonly blockOf: Int32Array;
}

export function basicBlocks(func: FuncInfo): FuncBlocks {
  const body = func.body;
  const blocks: BasicBlock[] = [];
  const blockOf = new Int32Array(body.length);
  let first = 0;
  for (let i = 0; i < body.length; i++) {
    blockOf[i] = blocks.length;
    if (endsBlock(body[i]!) || i === body.length - 1) {
      blocks.push({ index: blocks.length, first, last: i, offset: body[first]!.offset });
      first = i + 1;
    }
  }
  return { func, blocks, blockOf };
}

/** Byte offset one past instruction `i` (the next instruction's offset, or the body's end). */
export function offsetAfter(func: FuncInfo, i: number): number {
  return i + 1 < func.body.length ? func.body[i + 1]!.offset : func.end;
}
