import type { CRefType } from './canon-types.js';

/**
 * A non-null reference of unknown heap type: what ref.as_non_null and br_on_null leave when their
 * operand's type is unknown (unreachable code). It matches any reference type but no numeric or
 * vector type.
 */
export const BOT_REF: CRefType = Object.freeze({ kind: 'ref', nullable: false, heap: 'none' });
