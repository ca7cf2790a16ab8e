/**
 * Numeric literals of the text format (spec 6.3.2 "Integers", 6.3.3 "Floating-Point").
 *
 * Integers may be decimal or hex with `_` between digits. Floats are rounded exactly, with
 * round-to-nearest-even, straight from the literal to the target format: the value is kept as an
 * exact rational in BigInt arithmetic, so there is no double rounding (going through a JS double
 * first would round twice for f32). Results are raw bits: f32 as a uint32 number, f64 as a bigint.
 *
 * Every function returns null for text that is not a literal of the requested form, and throws
 * RangeError('constant out of range') for a well-formed literal whose value does not fit; the
 * parser turns both into ParseErrors at the token's position.
 */

const DEC_DIGITS = /^[0-9](?:_?[0-9])*$/;
const HEX_DIGITS = /^[0-9a-fA-F](?:_?[0-9a-fA-F])*$/;

export class OutOfRange extends RangeError {
  constructor() { super('constant out of range'); }
}

/** An unsigned integer literal (`nat`): decimal or `0x` hex. */
export function parseNat(text: string): bigint | null {
  if (text.startsWith('0x')) {
    const d = text.slice(2);
    return HEX_DIGITS.test(d) ? BigInt('0x' + d.replace(/_/g, '')) : null;
  }
  return DEC_DIGITS.test(text) ? BigInt(text.replace(/_/g, '')) : null;
}

/** A possibly signed integer literal, as its mathematical value. */
export function parseIntLiteral(text: string): bigint | null {
  const sign = text[0] === '-' ? -1n : 1n;
  const body = text[0] === '-' || text[0] === '+' ? text.slice(1) : text;
  const v = parseNat(body);
  return v === null ? null : sign * v;
}

/**
 * An integer literal for an N-bit integer: unsigned values up to 2^N-1 and signed ones down to
 * -2^(N-1) are both allowed (`i32.const 0xffffffff` and `i32.const -1` are the same constant).
 * Returns the value reinterpreted as signed N bits.
 */
export function parseIntBits(text: string, bits: number): bigint | null {
  const v = parseIntLiteral(text);
  if (v === null) return null;
  const limit = 1n << BigInt(bits);
  if (v >= limit || v < -(limit >> 1n)) throw new OutOfRange();
  return BigInt.asIntN(bits, v);
}

export function parseI32(text: string): number | null {
  const v = parseIntBits(text, 32);
  return v === null ? null : Number(v);
}

export function parseI64(text: string): bigint | null {
  return parseIntBits(text, 64);
}

/** An unsigned integer that must fit in `bits` bits (indices, lane numbers, limits). */
export function parseUnsigned(text: string, bits: number): bigint | null {
  const v = parseNat(text);
  if (v === null) return null;
  if (v >= 1n << BigInt(bits)) throw new OutOfRange();
  return v;
}

// ---- floats ------------------------------------------------------------------------------------

interface FloatFormat {
  /** Significand precision including the hidden bit (24 / 53). */
  readonly precision: number;
  readonly expBits: number;
}

const F32: FloatFormat = { precision: 24, expBits: 8 };
const F64: FloatFormat = { precision: 53, expBits: 11 };

function bitLength(n: bigint): number {
  return n === 0n ? 0 : n.toString(2).length;
}

/**
 * Rounds the positive rational num/den * 2^exp2 to the format, returning the bits of the magnitude
 * (sign not included). Overflow to infinity is reported as OutOfRange.
 */
function roundRational(num: bigint, den: bigint, exp2: number, fmt: FloatFormat): bigint {
  if (num === 0n) return 0n;
  const p = fmt.precision;
  const bias = (1 << (fmt.expBits - 1)) - 1;
  const emin = 1 - bias;
  const emax = bias;
  // floor(log2(num/den)): start from the bit lengths, correct by one comparison.
  let lead = bitLength(num) - bitLength(den);
  const geq = lead >= 0 ? num >= den << BigInt(lead) : num << BigInt(-lead) >= den;
  if (!geq) lead--;
  let e = lead + exp2; // value in [2^e, 2^(e+1))
  if (e > emax + 1) throw new OutOfRange();
  if (e < emin) e = emin; // subnormal: the quantum is fixed at 2^(emin - p + 1)
  // Quotient of value / 2^(e - p + 1), an integer of (at most) p bits plus remainder.
  const shift = exp2 - (e - p + 1);
  let n = num, d = den;
  if (shift >= 0) n <<= BigInt(shift); else d <<= BigInt(-shift);
  let q = n / d;
  const r2 = (n % d) * 2n;
  if (r2 > d || (r2 === d && (q & 1n) === 1n)) q++;
  if (q === 1n << BigInt(p)) { q >>= 1n; e++; }
  if (q < 1n << BigInt(p - 1)) return q; // subnormal (or zero): biased exponent 0
  if (e > emax) throw new OutOfRange();
  return (BigInt(e + bias) << BigInt(p - 1)) | (q - (1n << BigInt(p - 1)));
}

/** Parses the unsigned part of a float literal (no sign) into exact bits of the magnitude. */
function parseFloatMagnitude(body: string, fmt: FloatFormat): bigint | null {
  const expBits = BigInt(fmt.expBits);
  const mantBits = BigInt(fmt.precision - 1);
  const expAll = ((1n << expBits) - 1n) << mantBits;
  if (body === 'inf') return expAll;
  if (body === 'nan') return expAll | (1n << (mantBits - 1n));
  if (body.startsWith('nan:0x')) {
    const d = body.slice(6);
    if (!HEX_DIGITS.test(d)) return null;
    const payload = BigInt('0x' + d.replace(/_/g, ''));
    if (payload === 0n || payload >= 1n << mantBits) throw new OutOfRange();
    return expAll | payload;
  }
  let m: RegExpExecArray | null;
  if (body.startsWith('0x')) {
    m = /^0x([0-9a-fA-F](?:_?[0-9a-fA-F])*)(?:\.([0-9a-fA-F](?:_?[0-9a-fA-F])*)?)?(?:[pP]([+-]?[0-9](?:_?[0-9])*))?$/.exec(body);
    if (!m) return null;
    const intDigits = m[1].replace(/_/g, '');
    const fracDigits = (m[2] ?? '').replace(/_/g, '');
    const mant = BigInt('0x' + intDigits + fracDigits);
    if (mant === 0n) return 0n;
    let exp = clampExp(m[3], 100000 + 4 * (intDigits.length + fracDigits.length));
    exp -= 4 * fracDigits.length;
    return roundClamped(mant, 1n, exp, fmt, bitLength(mant) + exp);
  }
  m = /^([0-9](?:_?[0-9])*)(?:\.([0-9](?:_?[0-9])*)?)?(?:[eE]([+-]?[0-9](?:_?[0-9])*))?$/.exec(body);
  if (!m) return null;
  const intDigits = m[1].replace(/_/g, '');
  const fracDigits = (m[2] ?? '').replace(/_/g, '');
  const mant = BigInt(intDigits + fracDigits);
  if (mant === 0n) return 0n;
  const exp10 = clampExp(m[3], 100000 + intDigits.length + fracDigits.length) - fracDigits.length;
  const digits = mant.toString().length;
  // Values far outside the format's range are decided without building huge powers of ten.
  if (exp10 + digits > 400) throw new OutOfRange();
  if (exp10 + digits < -400) return 0n;
  if (exp10 >= 0) return roundRational(mant * 10n ** BigInt(exp10), 1n, 0, fmt);
  return roundRational(mant, 10n ** BigInt(-exp10), 0, fmt);
}

/**
 * Reads an exponent, saturating absurdly large ones: beyond `limit` (which callers set past the
 * number of mantissa digits) the result is 0 or out of range whatever the exact value.
 */
function clampExp(text: string | undefined, limit: number): number {
  if (text === undefined) return 0;
  const v = BigInt(text.replace(/_/g, ''));
  const l = BigInt(limit);
  return Number(v > l ? l : v < -l ? -l : v);
}

function roundClamped(mant: bigint, den: bigint, exp2: number, fmt: FloatFormat, magnitude: number): bigint {
  if (magnitude > 5000) throw new OutOfRange();
  if (magnitude < -5000) return 0n;
  return roundRational(mant, den, exp2, fmt);
}

function parseFloatBits(text: string, fmt: FloatFormat): bigint | null {
  const neg = text[0] === '-';
  const body = neg || text[0] === '+' ? text.slice(1) : text;
  const mag = parseFloatMagnitude(body, fmt);
  if (mag === null) return null;
  return neg ? mag | (1n << BigInt(fmt.precision + fmt.expBits - 1)) : mag;
}

/** f32 literal (float or integer syntax) to raw bits as a uint32 number. */
export function parseF32(text: string): number | null {
  const b = parseFloatBits(text, F32);
  return b === null ? null : Number(b);
}

/** f64 literal (float or integer syntax) to raw bits as a u64 bigint. */
export function parseF64(text: string): bigint | null {
  return parseFloatBits(text, F64);
}
