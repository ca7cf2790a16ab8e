/**
 * Atomic memory instructions in compiled code (threads): the operands go to the scratch words
 * `AS` in the interpreter's slot layout (4 words per operand; the address slot's words stay
 * unused), then `ATOMIC` runs the interpreter's own implementation (exec/mem-access.ts
 * `atomicAccess`: real Atomics on a shared buffer, plain single-threaded semantics otherwise)
 * and leaves the result in AS[0] (and AS[1]). One helper call per atomic access: the function
 * around it still runs compiled (before, any atomic kept the whole function in the interpreter:
 * the malloc and mutex code of every threaded C program).
 */
import type { MemInst } from '../runtime/memory.js';
import { ACCESS, atomicAccess, effective } from '../exec/mem-access.js';

/** Operand and result words of ATOMIC (three 4-word slots: address, operand, replacement/timeout). */
export const AS = new Int32Array(12);

/** Atomic instruction `op` (OPCODES index) on `mem` at `addr` + `offset`; bounds, then alignment. */
export function ATOMIC(op: number, mem: MemInst, addr: number, offset: number): void {
  const acc = ACCESS[op]!;
  atomicAccess(acc, mem, AS, 0, effective(mem, addr, offset, acc.bytes));
}
