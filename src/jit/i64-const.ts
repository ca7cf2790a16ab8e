/**
 * i64 operations with a constant operand, specialised when the function is translated: the
 * constant's words, 16-bit halves and shift amounts are folded into the generated code, and only the
 * branch a constant shift or rotation count needs is emitted. Like the templates of numeric.ts, the
 * code leaves the result's low word in `tl` and its high word in `th`.
 */

/** An i64 operand: JS expressions of its low and high words. */
export type Words = readonly string[];

/** 2^-32, exactly. */
const INV_2_32 = '2.3283064365386963e-10';

/** The value of an int32 literal the code generator emitted (`5`, `(-5)`), or null. */
export function literalOf(e: string): number | null {
  const m = /^\(?(-?\d+)\)?$/.exec(e);
  return m === null ? null : Number(m[1]) | 0;
}

/**
 * The high word of the unsigned product of the int32 `a` and the uint32 `c` (a literal when
 * `cValue` is known). Products below 2^53 are exact doubles. Larger ones are not, but the exact low
 * word `lo` (from Math.imul) corrects them: a * c / 2^32 is within 2^-22 of hi + lo / 2^32 (the
 * product's rounding error is at most 2^10), so adding 0.5 and subtracting lo / 2^32 lands within
 * 2^-20 of hi + 0.5, and truncating gives hi exactly. The correction does not depend on the
 * product, so it is computed alongside it.
 */
export function mulHiExpr(a: string, c: string, cValue: number | null, lo: string): string {
  // a * (c / 2^32) is exact (c / 2^32 is, and the product has at most 53 significant bits).
  if (cValue !== null && cValue < 2 ** 21) return `((${a} >>> 0) * ${cValue / 4294967296} >>> 0)`;
  const scaled = cValue !== null ? String(cValue / 4294967296) : `${c} * ${INV_2_32}`;
  // (product + 0.5) - lo / 2^32: three roundings of at most 2^-22 each, still within 2^-20 of
  // hi + 0.5. Measured in a 4-lane xxh64-round loop: 7% faster than product - (lo / 2^32 - 0.5)
  // (exact inner term), while folding the 0.5 as (lo ^ -2^31) / 2^32 was 4% slower.
  return `(((${a} >>> 0) * ${scaled} + 0.5) - (${lo} >>> 0) * ${INV_2_32} >>> 0)`;
}

/** x * c for a constant c (low word cl, high word ch). */
function mulConst(x: Words, cl: number, ch: number): string {
  const [xl, xh] = x;
  const cu = cl >>> 0;
  const terms: string[] = [];
  let lo: string;
  if (cl === 0) lo = 'tl = 0;';
  else if (cl === 1) { lo = `tl = ${xl};`; terms.push(xh); }
  else {
    lo = `tl = Math.imul(${xl}, ${cl});`;
    terms.push(mulHiExpr(xl, String(cu), cu, 'tl'), `Math.imul(${xh}, ${cl})`);
  }
  if (ch === 1) terms.push(xl);
  else if (ch !== 0) terms.push(`Math.imul(${xl}, ${ch})`);
  const hi = terms.length === 0 ? '0' : `(${terms.join(' + ')}) | 0`;
  return `${lo} th = ${hi};`;
}

/** Shifts and rotations by a constant count n (already reduced mod 64). */
function shiftConst(name: string, x: Words, n: number): string {
  const [l, h] = x;
  if (n === 0) return `tl = ${l}; th = ${h};`;
  switch (name) {
    case 'i64.shl':
      if (n < 32) return `th = (${h} << ${n}) | (${l} >>> ${32 - n}); tl = ${l} << ${n};`;
      return `th = ${l} << ${n - 32}; tl = 0;`;
    case 'i64.shr_u':
      if (n < 32) return `tl = (${l} >>> ${n}) | (${h} << ${32 - n}); th = ${h} >>> ${n};`;
      return `tl = (${h} >>> ${n - 32}) | 0; th = 0;`;
    case 'i64.shr_s':
      if (n < 32) return `tl = (${l} >>> ${n}) | (${h} << ${32 - n}); th = ${h} >> ${n};`;
      return `tl = ${h} >> ${n - 32}; th = ${h} >> 31;`;
    case 'i64.rotl': case 'i64.rotr': {
      const k = name === 'i64.rotl' ? n : 64 - n; // a right rotation is a left one by 64 - n
      // Rotating by 32 or more swaps the words first.
      const [a, b] = k >= 32 ? [h, l] : [l, h];
      const m = k & 31;
      if (m === 0) return `tl = ${a}; th = ${b};`;
      return `tl = (${a} << ${m}) | (${b} >>> ${32 - m}); th = (${b} << ${m}) | (${a} >>> ${32 - m});`;
    }
    default: throw new Error(`jit: not a shift: ${name}`);
  }
}

/**
 * Specialised code for i64 operation `name` on operands a, b when one is a constant, else null.
 * Multiplication is commutative, so a constant left operand is used too.
 */
export function i64WithConstant(name: string, a: Words, b: Words): string | null {
  const bl = literalOf(b[0]), bh = literalOf(b[1]);
  if (name === 'i64.mul') {
    if (bl !== null && bh !== null) return mulConst(a, bl, bh);
    const al = literalOf(a[0]), ah = literalOf(a[1]);
    if (al !== null && ah !== null) return mulConst(b, al, ah);
    return null;
  }
  if (bl === null) return null;
  switch (name) {
    case 'i64.shl': case 'i64.shr_u': case 'i64.shr_s': case 'i64.rotl': case 'i64.rotr':
      return shiftConst(name, a, bl & 63);
    default: return null;
  }
}
