/**
 * JS templates for the numeric instructions, keyed by mnemonic. Operand and result types come from
 * the opcode table (OPCODES[op].params/results); this table only says how to compute.
 *
 * Placeholders: `$0`, `$1` are i32/f32/f64 operands; `$0l $0h $1l $1h` are the words of i64
 * operands. A template for an i32/f32/f64 result is an expression. A template for an i64 result
 * is a statement list that leaves the result in the temporaries `tl` (low) and `th` (high), so
 * that it may read its operands after starting to compute. `trap` marks templates whose helpers may
 * throw a RuntimeError: the code generator records the instruction offset first.
 */

import { mulHiExpr } from './i64-const.js';

export interface NumTemplate {
  readonly js: string;
  readonly trap?: boolean;
}

const T: Record<string, NumTemplate> = {};

function def(name: string, js: string, trap = false): void {
  T[name] = { js, trap };
}

// ---- i32 ----
def('i32.eqz', '($0 === 0) | 0');
for (const [n, o] of [['eq', '==='], ['ne', '!=='], ['lt_s', '<'], ['gt_s', '>'], ['le_s', '<='], ['ge_s', '>=']]) {
  def(`i32.${n}`, `($0 ${o} $1) | 0`);
}
for (const [n, o] of [['lt_u', '<'], ['gt_u', '>'], ['le_u', '<='], ['ge_u', '>=']]) {
  def(`i32.${n}`, `(($0 >>> 0) ${o} ($1 >>> 0)) | 0`);
}
def('i32.clz', 'Math.clz32($0)');
def('i32.ctz', 'ctz32($0)');
def('i32.popcnt', 'popcnt32($0)');
def('i32.add', '($0 + $1) | 0');
def('i32.sub', '($0 - $1) | 0');
def('i32.mul', 'Math.imul($0, $1)');
def('i32.div_s', 'divS32($0, $1)', true);
def('i32.div_u', 'divU32($0, $1)', true);
def('i32.rem_s', 'remS32($0, $1)', true);
def('i32.rem_u', 'remU32($0, $1)', true);
def('i32.and', '$0 & $1');
def('i32.or', '$0 | $1');
def('i32.xor', '$0 ^ $1');
def('i32.shl', '$0 << $1');
def('i32.shr_s', '$0 >> $1');
def('i32.shr_u', '($0 >>> $1) | 0');
def('i32.rotl', 'rotl32($0, $1)');
def('i32.rotr', 'rotr32($0, $1)');
def('i32.extend8_s', '($0 << 24) >> 24');
def('i32.extend16_s', '($0 << 16) >> 16');

// ---- i64 -> i32 ----
def('i64.eqz', '(($0l | $0h) === 0) | 0');
// Both words in one test, without the branch a short-circuit && / || makes.
def('i64.eq', '((($0l ^ $1l) | ($0h ^ $1h)) === 0) | 0');
def('i64.ne', '((($0l ^ $1l) | ($0h ^ $1h)) !== 0) | 0');
for (const [n, o] of [['lt', '<'], ['gt', '>'], ['le', '<='], ['ge', '>=']]) {
  const strict = o.length === 1 ? o : o[0];
  def(`i64.${n}_s`, `($0h ${strict} $1h || ($0h === $1h && ($0l >>> 0) ${o} ($1l >>> 0))) | 0`);
  def(`i64.${n}_u`, `(($0h >>> 0) ${strict} ($1h >>> 0) || ($0h === $1h && ($0l >>> 0) ${o} ($1l >>> 0))) | 0`);
}
def('i32.wrap_i64', '$0l');

// ---- i64 -> i64 ----
/** An i64 operation done by a word helper of exec/numeric on the scratch words S[0..3]. */
function viaWords(name: string, helper: string, trap = false): void {
  def(name, `S[0] = $0l; S[1] = $0h; S[2] = $1l; S[3] = $1h; ${helper}(S, 0, 2); tl = S[0]; th = S[1];`, trap);
}
// Carries and borrows from unsigned compares, so every intermediate stays an int32 for the host JIT.
// `(a < b) | 0` rather than `a < b ? 1 : 0`: V8 turns the former into a flag move and the latter
// into a branch, which mispredicts on about half of random carries (3x slower hashing loops).
def('i64.add', 'tl = ($0l + $1l) | 0; th = ($0h + $1h + (((tl >>> 0) < ($0l >>> 0)) | 0)) | 0;');
def('i64.sub', 'tl = ($0l - $1l) | 0; th = ($0h - $1h - ((($0l >>> 0) < ($1l >>> 0)) | 0)) | 0;');
// Inline (not a helper call): the host JIT's inlining budget runs out in large functions.
// The high word of lo*lo: see mulHiExpr (a double product corrected by the exact low word).
def('i64.mul', `tl = Math.imul($0l, $1l); th = (${mulHiExpr('$0l', '($1l >>> 0)', null, 'tl')} + Math.imul($0l, $1h) + Math.imul($0h, $1l)) | 0;`);
viaWords('i64.div_s', 'divS64', true);
viaWords('i64.div_u', 'divU64', true);
viaWords('i64.rem_s', 'remS64', true);
viaWords('i64.rem_u', 'remU64', true);
def('i64.and', 'tl = $0l & $1l; th = $0h & $1h;');
def('i64.or', 'tl = $0l | $1l; th = $0h | $1h;');
def('i64.xor', 'tl = $0l ^ $1l; th = $0h ^ $1h;');
def('i64.shl', 'tc = $1l & 63; if (tc === 0) { tl = $0l; th = $0h; } else if (tc < 32) { th = ($0h << tc) | ($0l >>> (32 - tc)); tl = $0l << tc; } else { th = $0l << (tc - 32); tl = 0; }');
def('i64.shr_s', 'tc = $1l & 63; if (tc === 0) { tl = $0l; th = $0h; } else if (tc < 32) { tl = ($0l >>> tc) | ($0h << (32 - tc)); th = $0h >> tc; } else { tl = $0h >> (tc - 32); th = $0h >> 31; }');
def('i64.shr_u', 'tc = $1l & 63; if (tc === 0) { tl = $0l; th = $0h; } else if (tc < 32) { tl = ($0l >>> tc) | ($0h << (32 - tc)); th = ($0h >>> tc) | 0; } else { tl = ($0h >>> (tc - 32)) | 0; th = 0; }');
// Rotations: swap words for amounts >= 32, then rotate the pair by the rest.
def('i64.rotl', 'tc = $1l & 63; if (tc >= 32) { ta = $0h; tb = $0l; tc -= 32; } else { ta = $0l; tb = $0h; } '
  + 'if (tc === 0) { tl = ta; th = tb; } else { tl = (ta << tc) | (tb >>> (32 - tc)); th = (tb << tc) | (ta >>> (32 - tc)); }');
def('i64.rotr', 'tc = $1l & 63; if (tc >= 32) { ta = $0h; tb = $0l; tc -= 32; } else { ta = $0l; tb = $0h; } '
  + 'if (tc === 0) { tl = ta; th = tb; } else { tl = (ta >>> tc) | (tb << (32 - tc)); th = (tb >>> tc) | (ta << (32 - tc)); }');
def('i64.clz', 'tl = clz64($0l, $0h); th = 0;');
def('i64.ctz', 'tl = ctz64($0l, $0h); th = 0;');
def('i64.popcnt', 'tl = popcnt32($0l) + popcnt32($0h); th = 0;');
def('i64.extend8_s', 'tl = ($0l << 24) >> 24; th = tl >> 31;');
def('i64.extend16_s', 'tl = ($0l << 16) >> 16; th = tl >> 31;');
def('i64.extend32_s', 'tl = $0l; th = $0l >> 31;');
def('i64.extend_i32_s', 'tl = $0; th = $0 >> 31;');
def('i64.extend_i32_u', 'tl = $0; th = 0;');
def('i64.reinterpret_f64', 'tl = f64Lo($0); th = f64Hi($0);');
for (const [from, letter] of [['f32', 'f'], ['f64', 'F']] as const) {
  void letter;
  def(`i64.trunc_${from}_s`, 'truncI64S($0, S, 0); tl = S[0]; th = S[1];', true);
  def(`i64.trunc_${from}_u`, 'truncI64U($0, S, 0); tl = S[0]; th = S[1];', true);
  def(`i64.trunc_sat_${from}_s`, 'truncSatI64S($0, S, 0); tl = S[0]; th = S[1];');
  def(`i64.trunc_sat_${from}_u`, 'truncSatI64U($0, S, 0); tl = S[0]; th = S[1];');
  def(`i32.trunc_${from}_s`, 'truncI32S($0)', true);
  def(`i32.trunc_${from}_u`, 'truncI32U($0)', true);
  def(`i32.trunc_sat_${from}_s`, 'truncSatI32S($0)');
  def(`i32.trunc_sat_${from}_u`, 'truncSatI32U($0)');
}

// ---- floats ----
// NaN results must be arithmetic (quiet) NaNs: Math.ceil & co. may return a signalling input as is.
for (const [ty, round] of [['f32', (e: string) => `Math.fround(${e})`], ['f64', (e: string) => e]] as const) {
  for (const [n, o] of [['eq', '==='], ['ne', '!=='], ['lt', '<'], ['gt', '>'], ['le', '<='], ['ge', '>=']]) {
    def(`${ty}.${n}`, `($0 ${o} $1) | 0`);
  }
  def(`${ty}.abs`, '($0 === $0 ? Math.abs($0) : fabs($0))');
  def(`${ty}.neg`, '($0 === $0 ? -$0 : fneg($0))');
  def(`${ty}.copysign`, 'copysign($0, $1)');
  def(`${ty}.ceil`, 'quiet(Math.ceil($0))');
  def(`${ty}.floor`, 'quiet(Math.floor($0))');
  def(`${ty}.trunc`, 'quiet(Math.trunc($0))');
  def(`${ty}.nearest`, 'quiet(nearest($0))');
  def(`${ty}.sqrt`, round('Math.sqrt($0)'));
  def(`${ty}.add`, round('$0 + $1'));
  def(`${ty}.sub`, round('$0 - $1'));
  def(`${ty}.mul`, round('$0 * $1'));
  def(`${ty}.div`, round('$0 / $1'));
  def(`${ty}.min`, 'quiet(Math.min($0, $1))');
  def(`${ty}.max`, 'quiet(Math.max($0, $1))');
}
def('f32.convert_i32_s', 'Math.fround($0)');
def('f32.convert_i32_u', 'Math.fround($0 >>> 0)');
def('f32.convert_i64_s', 'i64ToF32($0l, $0h, true)');
def('f32.convert_i64_u', 'i64ToF32($0l, $0h, false)');
def('f32.demote_f64', 'Math.fround($0)');
def('f64.convert_i32_s', '$0');
def('f64.convert_i32_u', '($0 >>> 0)');
def('f64.convert_i64_s', 'i64ToF64($0l, $0h, true)');
def('f64.convert_i64_u', 'i64ToF64($0l, $0h, false)');
def('f64.promote_f32', 'quiet($0)');
def('i32.reinterpret_f32', 'f32ToBits($0)');
def('f32.reinterpret_i32', 'f32FromBits($0)');
def('f64.reinterpret_i64', 'f64FromWords($0l, $0h)');

export const NUMERIC: Readonly<Record<string, NumTemplate>> = T;
