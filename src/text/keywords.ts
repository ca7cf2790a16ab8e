/**
 * The keywords the text format knows. Like the reference interpreter, a token that is no known
 * keyword (or a reserved token) is reported as "unknown operator" wherever it appears, while a
 * known keyword in the wrong place is an "unexpected token".
 */
import { ABS_HEAP_TYPES } from '../syntax/types.js';
import { OPS_BY_NAME } from '../syntax/opcodes.js';

const SYNTAX = `
module type rec sub final func struct array cont field mut param result local import export start
table memory global tag elem data offset item declare then else end do catch catch_all catch_ref
catch_all_ref delegate try try_table block loop if on switch ref null exact shared unshared pagesize
describes descriptor definition binary quote instance register invoke get either
i32 i64 f32 f64 v128 i8 i16 funcref externref anyref eqref i31ref structref arrayref nullref
nullfuncref nullexternref exnref nullexnref contref nullcontref
i8x16 i16x8 i32x4 i64x2 f32x4 f64x2 inf nan
assert_return assert_trap assert_exhaustion assert_exception assert_suspension assert_invalid
assert_malformed assert_unlinkable assert_uninstantiable
`;

const KNOWN: ReadonlySet<string> = new Set([
  ...SYNTAX.split(/\s+/).filter(Boolean), ...ABS_HEAP_TYPES, ...OPS_BY_NAME.keys(),
]);

export function isKnownKeyword(text: string): boolean {
  return KNOWN.has(text) || /^(offset|align)=(0x[0-9a-fA-F_]+|[0-9_]+)$/.test(text);
}
