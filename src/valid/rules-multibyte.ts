/**
 * Typing of the multi-byte array forms of the plain loads and stores (memarg bit 7): the access
 * goes to an `(array i8)` given by type index, so the operands are the array reference and an i32
 * byte index (then the value, for stores) instead of a memory address.
 */
import type { MemArg } from '../syntax/module.js';
import type { CValType } from './canon-types.js';
import { mkRef } from './canon.js';
import type { CodeChecker } from './code.js';

/**
 * `params`/`results` are the opcode row's signature, where null stands for the address type; for
 * arrays the index is always i32.
 */
export function checkArrayAccess(
  c: CodeChecker, ma: MemArg, params: readonly (CValType | null)[], results: readonly (CValType | null)[],
): void {
  if (!c.ctx.features['multibyte-array']) c.fail('multi-byte array access requires feature multibyte-array');
  const idx = ma.array!;
  const d = c.type(idx);
  if (d.comp.kind !== 'array' || d.comp.field.type !== 'i8') {
    c.fail(`type mismatch: type ${idx} is not an (array i8) type`);
  }
  c.requireShared(d.shared, 'arrays');
  const store = results.length === 0;
  if (store && !d.comp.field.mutable) c.fail('immutable array');
  for (let i = params.length - 1; i >= 0; i--) c.popT(params[i] ?? 'i32');
  c.popT(mkRef(d, true));
  for (const r of results) c.push(r ?? 'i32');
}
