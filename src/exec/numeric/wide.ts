/**
 * Wide arithmetic: 128-bit add/sub over two (lo, hi) i64 pairs, and the full 64x64 -> 128-bit
 * products. Operands are consecutive value-stack slots starting at word `a` (4 words per slot,
 * i64 in the first two); results go to the first two slots. BigInt is fine here: rare instructions.
 */
function get(w: Int32Array, i: number): bigint {
  return (BigInt(w[i + 1] >>> 0) << 32n) | BigInt(w[i] >>> 0);
}
function put(w: Int32Array, i: number, v: bigint): void {
  w[i] = Number(BigInt.asIntN(32, v));
  w[i + 1] = Number(BigInt.asIntN(32, v >> 32n));
}
function put128(w: Int32Array, a: number, v: bigint): void {
  const u = BigInt.asUintN(128, v);
  put(w, a, u & 0xffffffffffffffffn);
  put(w, a + 4, u >> 64n);
}

/** i64.add128 / i64.sub128: slots a..a+3 = lo1 hi1 lo2 hi2. */
export function addSub128(w: Int32Array, a: number, sub: boolean): void {
  const x = get(w, a) | (get(w, a + 4) << 64n);
  const y = get(w, a + 8) | (get(w, a + 12) << 64n);
  put128(w, a, sub ? x - y : x + y);
}

/** i64.mul_wide_s / _u: slots a, a+1 = the two factors. */
export function mulWide(w: Int32Array, a: number, signed: boolean): void {
  let x = get(w, a), y = get(w, a + 4);
  if (signed) { x = BigInt.asIntN(64, x); y = BigInt.asIntN(64, y); }
  put128(w, a, x * y);
}
