/**
 * Exact float literals. A float is printed as a short decimal only when that decimal is *exactly*
 * the float's value (e.g. `1`, `-0.5`, `1234.125`), so that any parser, even one that rounds
 * through f64 first, reads back the same bits. Everything else is a hexadecimal float, which is
 * exact by construction. NaNs keep their payload (`nan:0x...`) and sign; the canonical NaN is `nan`.
 */

interface FloatFormat {
  readonly mantBits: number;
  readonly expBits: number;
  /** Exponent bias plus mantissa width: value = M * 2^(e - shift) for normal numbers. */
  readonly bias: number;
}

const F32: FloatFormat = { mantBits: 23, expBits: 8, bias: 127 };
const F64: FloatFormat = { mantBits: 52, expBits: 11, bias: 1023 };

/** f32 from its raw IEEE bits (a u32). */
export function printF32(bits: number): string {
  return printFloat(BigInt(bits >>> 0), F32);
}

/** f64 from its raw IEEE bits (a u64). */
export function printF64(bits: bigint): string {
  return printFloat(BigInt.asUintN(64, bits), F64);
}

function printFloat(bits: bigint, f: FloatFormat): string {
  const mb = BigInt(f.mantBits);
  const mant = bits & ((1n << mb) - 1n);
  const exp = Number((bits >> mb) & ((1n << BigInt(f.expBits)) - 1n));
  const sign = (bits >> (mb + BigInt(f.expBits))) & 1n ? '-' : '';
  const maxExp = (1 << f.expBits) - 1;
  if (exp === maxExp) {
    if (mant === 0n) return sign + 'inf';
    if (mant === 1n << (mb - 1n)) return sign + 'nan';
    return `${sign}nan:0x${mant.toString(16)}`;
  }
  if (exp === 0 && mant === 0n) return sign + '0x0p+0';
  return exactDecimal(sign, mant, exp, f) ?? sign + hexFloat(mant, exp, f);
}

/** `0x1.8p+1` style: the mantissa in whole hex digits (trailing zeros dropped) and a binary exponent. */
function hexFloat(mant: bigint, exp: number, f: FloatFormat): string {
  const digits = Math.ceil(f.mantBits / 4);
  // Left-align the mantissa on a hex digit boundary.
  const aligned = mant << BigInt(digits * 4 - f.mantBits);
  const frac = aligned.toString(16).padStart(digits, '0').replace(/0+$/, '');
  const lead = exp === 0 ? '0' : '1';
  const e = exp === 0 ? 1 - f.bias : exp - f.bias;
  return `0x${lead}${frac ? '.' + frac : ''}p${e >= 0 ? '+' : ''}${e}`;
}

/** The float's value as a JS number (f32 values are exactly representable as f64). */
function toNumber(mant: bigint, exp: number, f: FloatFormat): number {
  const m = Number(exp === 0 ? mant : mant | (1n << BigInt(f.mantBits)));
  const e = (exp === 0 ? 1 : exp) - f.bias - f.mantBits;
  return m * Math.pow(2, e);
}

/** The shortest decimal that reads back as this float, if it is also exactly its value. */
function exactDecimal(sign: string, mant: bigint, exp: number, f: FloatFormat): string | null {
  const v = toNumber(mant, exp, f);
  if (!Number.isFinite(v)) return null;
  const s = shortest(v, f);
  if (s.includes('e') || s.length > 24) return null;
  const [ip, fp = ''] = s.split('.');
  // s == M * 2^E exactly, with s = N / 10^d.
  const n = BigInt(ip + fp);
  const d = BigInt(fp.length);
  const m = exp === 0 ? mant : mant | (1n << BigInt(f.mantBits));
  const e = BigInt((exp === 0 ? 1 : exp) - f.bias - f.mantBits);
  const lhs = e < 0n ? n << -e : n;
  const rhs = e < 0n ? m * 10n ** d : (m << e) * 10n ** d;
  return lhs === rhs ? sign + s : null;
}

function shortest(v: number, f: FloatFormat): string {
  if (f === F64) return String(v);
  for (let p = 1; p <= 9; p++) {
    const s = String(Number(v.toPrecision(p)));
    if (Math.fround(Number(s)) === v) return s;
  }
  return String(v);
}
