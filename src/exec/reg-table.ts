/**
 * The register forms of numeric, memory and compare-and-branch instructions: ops whose operands
 * and result are frame slots named in the code (see README "Register operands"), instead of the
 * top of the value stack. One row per wasm operator, with its semantics as a JS template; from
 * the rows this module generates
 * - the `Op` members (ops.ts, the block after `FIRST_REG`), and
 * - the dispatch cases (interp.ts, between the `<reg-ops>` markers),
 * so hundreds of cases are never written by hand. test/exec/reg-ops.test.ts checks both files
 * hold exactly the generated text (`REGEN=1` rewrites them). The translator (compile.ts) uses
 * `REG` to find the op numbers.
 *
 * Templates. Operands are read into constants first, so a result may overwrite an operand slot:
 * - operand type 'i32': `A`, `B` (int32 values; `B` may be an inline constant word),
 *   'i64': `AL`, `AH`, `BL`, `BH` (low/high words), 'f32'/'f64': `A`, `B` (numbers).
 * - result type 'i32'/'f32'/'f64': `expr` is an expression; 'raw': statements that write the
 *   words at `D` themselves (i64 results).
 * Code layout: `op d a b` (rr), `op d a k...` (ri), `op d a` (unary), `op d a offset` (load),
 * `op a v offset` (store), `br_X a b|k... target` (compare and branch). d, a, b, v are word
 * offsets from the frame pointer (slot * 4).
 */

export type RegType = 'i32' | 'i64' | 'f32' | 'f64';

export interface RegRow {
  /** The wasm operator (opcode table key). */
  readonly key: string;
  readonly ty: RegType;
  readonly out: 'i32' | 'f32' | 'f64' | 'raw';
  readonly expr: string;
  /** Binary operators: whether a constant right operand has its own op (`_ri`). */
  readonly imm?: boolean;
  /** Comparisons: fused into branches. 'int': `br_X` only (an `if` inverts the integer test);
   * 'float': `br_X` and `brn_X` (NaN makes the inverse a different test). */
  readonly branch?: 'int' | 'float';
}

const I = (key: string, expr: string, imm = true): RegRow => ({ key, ty: 'i32', out: 'i32', expr, imm });
const ICMP = (key: string, cond: string): RegRow => ({ key, ty: 'i32', out: 'i32', expr: `${cond} ? 1 : 0`, imm: true, branch: 'int' });
const L = (key: string, stmts: string, imm = true): RegRow => ({ key, ty: 'i64', out: 'raw', expr: stmts, imm });
const LCMP = (key: string, cond: string): RegRow => ({ key, ty: 'i64', out: 'i32', expr: `(${cond}) ? 1 : 0`, imm: true });
const F = (ty: 'f32' | 'f64', op: string, expr: string, imm = true): RegRow => ({ key: `${ty}.${op}`, ty, out: ty, expr, imm });
const FCMP = (ty: 'f32' | 'f64', op: string, cond: string): RegRow =>
  ({ key: `${ty}.${op}`, ty, out: 'i32', expr: `${cond} ? 1 : 0`, imm: true, branch: ty === 'f64' ? 'float' : undefined });
const U = (key: string, ty: RegType, out: RegRow['out'], expr: string): RegRow => ({ key, ty, out, expr });

/** i64 shift by `BL & 63`, given the statements for 0 < s < 32 and 32 <= s. */
function shift64(small: string, big: string): string {
  return `const s = BL & 63; if (s === 0) { i32[D] = AL; i32[D + 1] = AH; } else if (s < 32) { ${small} } else { ${big} }`;
}

/** 64-bit multiply on word pairs: the low product's high word from 16-bit limbs, no BigInt. */
const MUL64 =
  'const a0 = AL & 0xffff; const a1 = AL >>> 16; const b0 = BL & 0xffff; const b1 = BL >>> 16; ' +
  'const ll = a0 * b0; const m1 = a1 * b0; const m2 = a0 * b1; ' +
  'i32[D + 1] = (a1 * b1 + (m1 >>> 16) + (m2 >>> 16) + (((ll >>> 16) + (m1 & 0xffff) + (m2 & 0xffff)) >>> 16) + Math.imul(AL, BH) + Math.imul(AH, BL)) | 0; ' +
  'i32[D] = Math.imul(AL, BL);';

export const REG_ROWS: readonly RegRow[] = [
  // ---- i32 ----
  I('i32.add', '(A + B) | 0'), I('i32.sub', '(A - B) | 0'), I('i32.mul', 'Math.imul(A, B)'),
  I('i32.div_s', 'divS32(A, B)'), I('i32.div_u', 'divU32(A, B)'), I('i32.rem_s', 'remS32(A, B)'), I('i32.rem_u', 'remU32(A, B)'),
  I('i32.and', 'A & B'), I('i32.or', 'A | B'), I('i32.xor', 'A ^ B'),
  I('i32.shl', 'A << B'), I('i32.shr_s', 'A >> B'), I('i32.shr_u', '(A >>> B) | 0'),
  I('i32.rotl', 'rotl32(A, B)'), I('i32.rotr', 'rotr32(A, B)'),
  ICMP('i32.eq', 'A === B'), ICMP('i32.ne', 'A !== B'), ICMP('i32.lt_s', 'A < B'), ICMP('i32.lt_u', '(A >>> 0) < (B >>> 0)'),
  ICMP('i32.gt_s', 'A > B'), ICMP('i32.gt_u', '(A >>> 0) > (B >>> 0)'), ICMP('i32.le_s', 'A <= B'),
  ICMP('i32.le_u', '(A >>> 0) <= (B >>> 0)'), ICMP('i32.ge_s', 'A >= B'), ICMP('i32.ge_u', '(A >>> 0) >= (B >>> 0)'),
  U('i32.eqz', 'i32', 'i32', 'A === 0 ? 1 : 0'), U('i32.clz', 'i32', 'i32', 'Math.clz32(A)'),
  U('i32.ctz', 'i32', 'i32', 'I64.ctz32(A)'), U('i32.popcnt', 'i32', 'i32', 'I64.popcnt32(A)'),
  U('i32.extend8_s', 'i32', 'i32', '(A << 24) >> 24'), U('i32.extend16_s', 'i32', 'i32', '(A << 16) >> 16'),
  // ---- i64 (word pairs) ----
  L('i64.add', 'const lo = (AL >>> 0) + (BL >>> 0); i32[D] = lo | 0; i32[D + 1] = (AH + BH + (lo > 0xffffffff ? 1 : 0)) | 0;'),
  L('i64.sub', 'const lo = (AL >>> 0) - (BL >>> 0); i32[D] = lo | 0; i32[D + 1] = (AH - BH - (lo < 0 ? 1 : 0)) | 0;'),
  L('i64.mul', MUL64),
  L('i64.and', 'i32[D] = AL & BL; i32[D + 1] = AH & BH;'), L('i64.or', 'i32[D] = AL | BL; i32[D + 1] = AH | BH;'),
  L('i64.xor', 'i32[D] = AL ^ BL; i32[D + 1] = AH ^ BH;'),
  L('i64.shl', shift64('i32[D + 1] = (AH << s) | (AL >>> (32 - s)); i32[D] = AL << s;', 'i32[D + 1] = AL << (s - 32); i32[D] = 0;')),
  L('i64.shr_s', shift64('i32[D] = (AL >>> s) | (AH << (32 - s)); i32[D + 1] = AH >> s;', 'i32[D] = AH >> (s - 32); i32[D + 1] = AH >> 31;')),
  L('i64.shr_u', shift64('i32[D] = (AL >>> s) | (AH << (32 - s)); i32[D + 1] = AH >>> s;', 'i32[D] = AH >>> (s - 32); i32[D + 1] = 0;')),
  L('i64.rotl', shift64('i32[D] = (AL << s) | (AH >>> (32 - s)); i32[D + 1] = (AH << s) | (AL >>> (32 - s));',
    'const r = s - 32; if (r === 0) { i32[D] = AH; i32[D + 1] = AL; } else { i32[D] = (AH << r) | (AL >>> (32 - r)); i32[D + 1] = (AL << r) | (AH >>> (32 - r)); }')),
  L('i64.rotr', shift64('i32[D] = (AL >>> s) | (AH << (32 - s)); i32[D + 1] = (AH >>> s) | (AL << (32 - s));',
    'const r = s - 32; if (r === 0) { i32[D] = AH; i32[D + 1] = AL; } else { i32[D] = (AH >>> r) | (AL << (32 - r)); i32[D + 1] = (AL >>> r) | (AH << (32 - r)); }')),
  LCMP('i64.eq', 'AL === BL && AH === BH'), LCMP('i64.ne', 'AL !== BL || AH !== BH'),
  LCMP('i64.lt_s', 'AH !== BH ? AH < BH : (AL >>> 0) < (BL >>> 0)'), LCMP('i64.lt_u', 'AH !== BH ? (AH >>> 0) < (BH >>> 0) : (AL >>> 0) < (BL >>> 0)'),
  LCMP('i64.gt_s', 'AH !== BH ? AH > BH : (AL >>> 0) > (BL >>> 0)'), LCMP('i64.gt_u', 'AH !== BH ? (AH >>> 0) > (BH >>> 0) : (AL >>> 0) > (BL >>> 0)'),
  LCMP('i64.le_s', 'AH !== BH ? AH < BH : (AL >>> 0) <= (BL >>> 0)'), LCMP('i64.le_u', 'AH !== BH ? (AH >>> 0) < (BH >>> 0) : (AL >>> 0) <= (BL >>> 0)'),
  LCMP('i64.ge_s', 'AH !== BH ? AH > BH : (AL >>> 0) >= (BL >>> 0)'), LCMP('i64.ge_u', 'AH !== BH ? (AH >>> 0) > (BH >>> 0) : (AL >>> 0) >= (BL >>> 0)'),
  U('i64.eqz', 'i64', 'i32', '(AL | AH) === 0 ? 1 : 0'),
  U('i64.clz', 'i64', 'raw', 'i32[D] = I64.clz64(AL, AH); i32[D + 1] = 0;'),
  U('i64.ctz', 'i64', 'raw', 'i32[D] = I64.ctz64(AL, AH); i32[D + 1] = 0;'),
  U('i64.popcnt', 'i64', 'raw', 'i32[D] = I64.popcnt32(AL) + I64.popcnt32(AH); i32[D + 1] = 0;'),
  U('i64.extend8_s', 'i64', 'raw', 'const lo = (AL << 24) >> 24; i32[D] = lo; i32[D + 1] = lo >> 31;'),
  U('i64.extend16_s', 'i64', 'raw', 'const lo = (AL << 16) >> 16; i32[D] = lo; i32[D + 1] = lo >> 31;'),
  U('i64.extend32_s', 'i64', 'raw', 'i32[D] = AL; i32[D + 1] = AL >> 31;'),
  // ---- floats: arithmetic through the typed views, sign operations on the raw bits ----
  F('f32', 'add', 'A + B'), F('f32', 'sub', 'A - B'), F('f32', 'mul', 'A * B'), F('f32', 'div', 'A / B'),
  F('f32', 'min', 'Math.min(A, B)', false), F('f32', 'max', 'Math.max(A, B)', false),
  I('f32.copysign', '(A & 0x7fffffff) | (B & -0x80000000)'),
  FCMP('f32', 'eq', 'A === B'), FCMP('f32', 'ne', 'A !== B'), FCMP('f32', 'lt', 'A < B'),
  FCMP('f32', 'gt', 'A > B'), FCMP('f32', 'le', 'A <= B'), FCMP('f32', 'ge', 'A >= B'),
  F('f64', 'add', 'A + B'), F('f64', 'sub', 'A - B'), F('f64', 'mul', 'A * B'), F('f64', 'div', 'A / B'),
  F('f64', 'min', 'quiet(Math.min(A, B))', false), F('f64', 'max', 'quiet(Math.max(A, B))', false),
  L('f64.copysign', 'i32[D] = AL; i32[D + 1] = (AH & 0x7fffffff) | (BH & -0x80000000);', false),
  FCMP('f64', 'eq', 'A === B'), FCMP('f64', 'ne', 'A !== B'), FCMP('f64', 'lt', 'A < B'),
  FCMP('f64', 'gt', 'A > B'), FCMP('f64', 'le', 'A <= B'), FCMP('f64', 'ge', 'A >= B'),
  U('f32.abs', 'i32', 'i32', 'A & 0x7fffffff'), U('f32.neg', 'i32', 'i32', 'A ^ -0x80000000'),
  U('f32.ceil', 'f32', 'f32', 'Math.ceil(A)'), U('f32.floor', 'f32', 'f32', 'Math.floor(A)'),
  U('f32.trunc', 'f32', 'f32', 'Math.trunc(A)'), U('f32.nearest', 'f32', 'f32', 'nearest(A)'), U('f32.sqrt', 'f32', 'f32', 'Math.sqrt(A)'),
  U('f64.abs', 'i64', 'raw', 'i32[D] = AL; i32[D + 1] = AH & 0x7fffffff;'), U('f64.neg', 'i64', 'raw', 'i32[D] = AL; i32[D + 1] = AH ^ -0x80000000;'),
  U('f64.ceil', 'f64', 'f64', 'quiet(Math.ceil(A))'), U('f64.floor', 'f64', 'f64', 'quiet(Math.floor(A))'),
  U('f64.trunc', 'f64', 'f64', 'quiet(Math.trunc(A))'), U('f64.nearest', 'f64', 'f64', 'quiet(nearest(A))'), U('f64.sqrt', 'f64', 'f64', 'Math.sqrt(A)'),
  // ---- conversions (reinterpretations and i32.wrap_i64 need no op: same slot bits) ----
  U('i32.trunc_f32_s', 'f32', 'i32', 'CV.truncI32S(A)'), U('i32.trunc_f32_u', 'f32', 'i32', 'CV.truncI32U(A)'),
  U('i32.trunc_f64_s', 'f64', 'i32', 'CV.truncI32S(A)'), U('i32.trunc_f64_u', 'f64', 'i32', 'CV.truncI32U(A)'),
  U('i64.extend_i32_s', 'i32', 'raw', 'i32[D] = A; i32[D + 1] = A >> 31;'), U('i64.extend_i32_u', 'i32', 'raw', 'i32[D] = A; i32[D + 1] = 0;'),
  U('i64.trunc_f32_s', 'f32', 'raw', 'CV.truncI64S(A, i32, D);'), U('i64.trunc_f32_u', 'f32', 'raw', 'CV.truncI64U(A, i32, D);'),
  U('i64.trunc_f64_s', 'f64', 'raw', 'CV.truncI64S(A, i32, D);'), U('i64.trunc_f64_u', 'f64', 'raw', 'CV.truncI64U(A, i32, D);'),
  U('f32.convert_i32_s', 'i32', 'f32', 'A'), U('f32.convert_i32_u', 'i32', 'f32', 'A >>> 0'),
  U('f32.convert_i64_s', 'i64', 'f32', 'CV.i64ToF32(AL, AH, true)'), U('f32.convert_i64_u', 'i64', 'f32', 'CV.i64ToF32(AL, AH, false)'),
  U('f32.demote_f64', 'f64', 'f32', 'A'),
  U('f64.convert_i32_s', 'i32', 'f64', 'A'), U('f64.convert_i32_u', 'i32', 'f64', 'A >>> 0'),
  U('f64.convert_i64_s', 'i64', 'f64', 'CV.i64ToF64(AL, AH, true)'), U('f64.convert_i64_u', 'i64', 'f64', 'CV.i64ToF64(AL, AH, false)'),
  U('f64.promote_f32', 'f32', 'f64', 'A'),
  U('i32.trunc_sat_f32_s', 'f32', 'i32', 'CV.truncSatI32S(A)'), U('i32.trunc_sat_f32_u', 'f32', 'i32', 'CV.truncSatI32U(A)'),
  U('i32.trunc_sat_f64_s', 'f64', 'i32', 'CV.truncSatI32S(A)'), U('i32.trunc_sat_f64_u', 'f64', 'i32', 'CV.truncSatI32U(A)'),
  U('i64.trunc_sat_f32_s', 'f32', 'raw', 'CV.truncSatI64S(A, i32, D);'), U('i64.trunc_sat_f32_u', 'f32', 'raw', 'CV.truncSatI64U(A, i32, D);'),
  U('i64.trunc_sat_f64_s', 'f64', 'raw', 'CV.truncSatI64S(A, i32, D);'), U('i64.trunc_sat_f64_u', 'f64', 'raw', 'CV.truncSatI64U(A, i32, D);'),
];

/** Fast-path loads and stores (memory 0, 32-bit addresses, offset < 2^31); `v` is mem.view. */
export interface MemRow {
  readonly key: string;
  readonly bytes: number;
  readonly store: boolean;
  /** Load: statements writing the words at D from address `ea`. Store: statements storing the
   * value whose low word is `V` (and high word `VH`), or (float rows) the value in slot word D. */
  readonly body: string;
  /**
   * Float rows: a load's value as a number (an expression), or a store's statement with the
   * number to store as `X`. The register-memory forms (MEM_FUSED_SPEC) are built from it.
   */
  readonly num?: string;
  /** Float stores: the row whose `_ri` form stores a constant (same bits as integer words). */
  readonly constVia?: string;
}

const LD = (key: string, bytes: number, body: string): MemRow => ({ key, bytes, store: false, body });
const ST = (key: string, bytes: number, body: string): MemRow => ({ key, bytes, store: true, body });
/**
 * f64 through the DataView's float accessors and the stack's Float64Array: one access each way
 * instead of two 32-bit halves. A float64 is never converted on its way (no f32 widening), so a
 * NaN keeps its payload and its signalling bit (float_memory*.wast checks them).
 */
const F64_LOAD = 'mem.view.getFloat64(ea, true)';
const F64_STORE = 'mem.view.setFloat64(ea, X, true);';

export const MEM_ROWS: readonly MemRow[] = [
  LD('i32.load', 4, 'i32[D] = mem.view.getInt32(ea, true);'),
  LD('i64.load', 8, 'const v = mem.view; i32[D] = v.getInt32(ea, true); i32[D + 1] = v.getInt32(ea + 4, true);'),
  LD('i32.load8_s', 1, 'i32[D] = (mem.bytes[ea] << 24) >> 24;'),
  LD('i32.load8_u', 1, 'i32[D] = mem.bytes[ea];'),
  LD('i32.load16_s', 2, 'i32[D] = mem.view.getInt16(ea, true);'),
  LD('i32.load16_u', 2, 'i32[D] = mem.view.getUint16(ea, true);'),
  LD('i64.load8_s', 1, 'const lo = (mem.bytes[ea] << 24) >> 24; i32[D] = lo; i32[D + 1] = lo >> 31;'),
  LD('i64.load8_u', 1, 'i32[D] = mem.bytes[ea]; i32[D + 1] = 0;'),
  LD('i64.load16_s', 2, 'const lo = mem.view.getInt16(ea, true); i32[D] = lo; i32[D + 1] = lo >> 31;'),
  LD('i64.load16_u', 2, 'i32[D] = mem.view.getUint16(ea, true); i32[D + 1] = 0;'),
  LD('i64.load32_s', 4, 'const lo = mem.view.getInt32(ea, true); i32[D] = lo; i32[D + 1] = lo >> 31;'),
  LD('i64.load32_u', 4, 'i32[D] = mem.view.getInt32(ea, true); i32[D + 1] = 0;'),
  ST('i32.store', 4, 'mem.view.setInt32(ea, V, true);'),
  ST('i64.store', 8, 'const v = mem.view; v.setInt32(ea, V, true); v.setInt32(ea + 4, VH, true);'),
  ST('i32.store8', 1, 'mem.bytes[ea] = V;'),
  ST('i32.store16', 2, 'mem.view.setInt16(ea, V, true);'),
  { key: 'f64.load', bytes: 8, store: false, body: `f64[D >> 1] = ${F64_LOAD};`, num: F64_LOAD },
  { key: 'f64.store', bytes: 8, store: true, body: F64_STORE.replace('X', 'f64[D >> 1]'), num: F64_STORE, constVia: 'i64.store' },
];

/** Operators that share another's register op (same bits moved). */
export const MEM_ALIASES: ReadonlyMap<string, string> = new Map([
  ['f32.load', 'i32.load'], ['f32.store', 'i32.store'],
  ['i64.store8', 'i32.store8'], ['i64.store16', 'i32.store16'], ['i64.store32', 'i32.store'],
]);

/**
 * Pairs of operators fused into one op when the inner one's result is an operand of the outer
 * one (compile.ts defers the inner op until it sees the consumer): the common shapes of compiled
 * C's float expressions (a*b + c, (a+b)*c...), xorshift, index scaling and 64-bit hash rounds.
 * Entries: 'outer<inner:positions[:flags]', flags 'ki' (inner takes a
 * constant right operand), 'ko' (outer's other operand is a constant).
 */
const FUSED_SPEC = [
  'f32.add<f32.mul:L,R', 'f32.add<f32.mul:L,R:ki', 'f64.add<f64.mul:L,R', 'f64.add<f64.add:L,R', 'f64.add<f64.sub:L,R',
  'f64.sub<f64.mul:L,R', 'f64.sub<f64.add:L,R', 'f64.sub<f64.sub:L,R',
  'f64.mul<f64.mul:L,R', 'f64.mul<f64.add:L,R', 'f64.mul<f64.sub:L,R',
  'i32.xor<i32.shl:L,R:ki', 'i32.xor<i32.shr_u:L,R:ki', 'i32.add<i32.shl:L,R:ki', 'i32.add<i32.shl:L:ki,ko',
  'i32.add<i32.mul:L:ki,ko',
  'f64.add<f64.mul:L,R:ki', 'f64.sub<f64.mul:L,R:ki',
  'i64.add<i64.mul:L,R:ki', 'i64.add<i64.mul:L:ki,ko', 'i64.mul<i64.rotl:L:ki,ko', 'i64.xor<i64.shr_u:L,R:ki',
  'i64.mul<i64.xor:L:ko', // FNV-1a: (h ^ byte) * prime
  'i64.rotl<i64.add:L:ko',
];

/**
 * Register-memory forms, for the float code of compiled C (`p->v = p->v - d * m` in nbody):
 * - 'op<load': a binary op whose right operand is a load translated just before it,
 *   `op_rm d a b k offset`: d = a op load(slot b + k, offset);
 * - 'store<op': a store of a binary op's result translated just after it,
 *   `store_op_rr a k x y offset`: store(slot a + k, offset) = x op y.
 * The load or store row must have `num` (its value as a number).
 */
const MEM_FUSED_SPEC = [
  'f64.add<f64.load', 'f64.sub<f64.load', 'f64.mul<f64.load',
  'f64.store<f64.add', 'f64.store<f64.sub', 'f64.store<f64.mul',
  // both: `store_op_rm sa sk x la lk loff soff`: store(slot sa + sk, soff) = x op load(slot la + lk, loff)
  'f64.store<f64.add<f64.load',
];

export interface MemFused {
  /** The binary operator. */
  readonly op: string;
  /** The load (its result is the op's right operand) or the store (of the op's result). */
  readonly mem: string;
  readonly store: boolean;
  /** A store form whose op's right operand is also a load. */
  readonly load?: string;
}

export const MEM_FUSED: readonly MemFused[] = MEM_FUSED_SPEC.map(e => {
  const [outer, inner, load] = e.split('<');
  const store = outer.includes('.store');
  return store ? { op: inner, mem: outer, store, load } : { op: outer, mem: inner, store };
});

export function memFusedName(f: MemFused): string {
  return f.store ? `${ident(f.mem)}_${ident(f.op).replace(/^(i32|i64|f32|f64)_/, '')}_${f.load !== undefined ? 'rm' : 'rr'}`
    : `${ident(f.op)}_rm`;
}

/**
 * Register ops fused with the `return` of their result (a function's only result, i32): the op
 * writes it straight to the return slot and returns, one dispatch instead of two (small
 * functions ending in `a + b`, like recursive fib). Entries 'key:forms'; the fused op keeps the
 * operands of the plain one (compile.ts rewrites the op in place).
 */
const RETURN_SPEC = ['i32.add:rr,ri'];

export const RETURN_FUSED: readonly { key: string; form: 'rr' | 'ri' }[] = RETURN_SPEC.flatMap(e => {
  const [key, forms] = e.split(':');
  return forms.split(',').map(form => ({ key, form: form as 'rr' | 'ri' }));
});

export function returnFusedName(key: string, form: string): string {
  return `${ident(key)}_${form}_ret`;
}

/**
 * Loads whose value only decides a branch (`if (!flags[i])`, `while (*p)` in compiled C): the
 * load and a `br_nez`/`br_eqz` on its result as one op, `br_<load>_nez a k offset target`.
 * Entries 'loads...:tests'.
 */
const BRANCH_LOAD_SPEC = ['i32.load8_u i32.load:nez,eqz'];

export const BRANCH_LOADS: readonly { load: string; test: 'nez' | 'eqz' }[] = BRANCH_LOAD_SPEC.flatMap(e => {
  const [loads, tests] = e.split(':');
  return loads.split(' ').flatMap(load => tests.split(',').map(test => ({ load, test: test as 'nez' | 'eqz' })));
});

export function branchLoadName(load: string, test: string): string {
  return `br_${ident(load)}_${test}`;
}

/**
 * Compare-and-branch on the result of an inner op (deferred like a fused pair's, FUSED_SPEC),
 * `br_X_inner_ri a b k target` and the `brn_` form: `if (x * x + y * y <= 4.0)` in mandel.
 * Entries 'compare<inner:ri' (the comparison's right operand a constant, the inner op's not).
 */
const BRANCH_FUSED_SPEC = ['f64.le<f64.add:ri'];

export const BRANCH_FUSED: readonly { cmp: string; inner: string }[] = BRANCH_FUSED_SPEC.map(e => {
  const [cmp, inner] = e.split(':')[0].split('<');
  return { cmp, inner };
});

export function branchFusedName(pre: 'br' | 'brn', cmp: string, inner: string): string {
  return `${pre}_${ident(cmp)}_${ident(inner).replace(/^(i32|i64|f32|f64)_/, '')}_ri`;
}

export interface FusedPair {
  readonly outer: string;
  readonly inner: string;
  /** Whether the inner result is the outer op's left (L) or right (R) operand. */
  readonly pos: 'L' | 'R';
  readonly innerImm: boolean;
  readonly outerImm: boolean;
}

export const FUSED_PAIRS: readonly FusedPair[] = FUSED_SPEC.flatMap(e => {
  const [ops, poss, flags = ''] = e.split(':');
  const [outer, inner] = ops.split('<');
  return poss.split(',').map(pos => ({
    outer, inner, pos: pos as 'L' | 'R', innerImm: flags.includes('ki'), outerImm: flags.includes('ko'),
  }));
});

export function fusedName(p: FusedPair): string {
  return `${ident(p.outer)}_${ident(p.inner).replace(/^(i32|i64|f32|f64)_/, '')}${p.innerImm ? 'i' : ''}_${p.pos}${p.outerImm ? 'i' : ''}`;
}

const ROW_BY_KEY = new Map(REG_ROWS.map(r => [r.key, r]));

/**
 * Loop closers: `local.set/tee x (i32.add a b|k)` directly followed by a branch testing local x
 * (compare-and-branch or br_if x), fused into one op. Entries 'add-form>test[:compare-form]'.
 */
const LOOP_CLOSER_SPEC = [
  'ri>ne:rr', 'ri>ne:ri', 'ri>lt_s:rr', 'ri>lt_u:rr', 'rr>le_u:rr', 'ri>nez', 'ri>gt_u:ri', 'ri>gt_s:ri', 'ri>lt_s:ri',
  'ri>jump', // an unconditional `br` (either direction): `i += k; continue;` and switch-case ends
  'mv>jump', // a copy between i32 locals (`local.set x (local.get y)`), then `br`
];

export interface LoopCloser {
  /** The update: i32.add of a slot ('rr') or a constant ('ri'), or a copy ('mv', mov_w1). */
  readonly add: 'rr' | 'ri' | 'mv';
  /** An i32 comparison (suffix), 'nez': the local itself is the condition, or 'jump': always. */
  readonly test: string;
  readonly cmp: 'rr' | 'ri' | '';
}

export const LOOP_CLOSERS: readonly LoopCloser[] = LOOP_CLOSER_SPEC.map(e => {
  const [add, rest] = e.split('>');
  const [test, cmp = ''] = rest.split(':');
  return { add: add as LoopCloser['add'], test, cmp: cmp as LoopCloser['cmp'] };
});

export function loopCloserName(l: LoopCloser): string {
  return `loop_${l.add === 'mv' ? 'mov' : 'add'}${l.add === 'ri' ? 'i' : ''}_${l.test}${l.cmp === 'ri' ? 'i' : ''}`;
}

/**
 * The register ops that get a case of their own in the dispatch loop: the ones compiled C runs
 * hot (measured by counting dispatches on bench/kernels). V8 only optimises a function up to a
 * bytecode size, so the rest share one case, `reg_cold`, which calls `coldOp` (reg-cold.ts).
 * Compare-and-branch forms exist only for hot comparisons. Entries: 'keys...:forms'.
 */
const HOT_SPEC = [
  'i32.add i32.sub i32.mul i32.and i32.or i32.xor i32.shl i32.shr_s i32.shr_u:rr,ri',
  'i32.eq i32.ne i32.lt_s i32.lt_u i32.gt_s i32.gt_u:rr,ri',
  'i32.eq i32.ne i32.lt_s i32.lt_u i32.gt_s i32.gt_u i32.le_s i32.le_u i32.ge_s i32.ge_u:br_rr,br_ri',
  'i32.eqz:r',
  'i64.add i64.sub i64.mul i64.and i64.or i64.xor i64.shl i64.shr_s i64.shr_u i64.rotl:rr,ri',
  'i64.eqz i64.extend_i32_s i64.extend_i32_u:r',
  'f32.add f32.sub f32.mul f32.div:rr', 'f32.add f32.sub f32.mul:ri',
  'f64.add f64.sub f64.mul f64.div:rr,ri',
  'f64.lt f64.le f64.gt f64.ge:rr,ri,br_rr,br_ri,brn_rr,brn_ri',
  'f64.sqrt f64.neg f64.abs f64.convert_i32_s f64.convert_i32_u i32.trunc_f64_s f64.promote_f32 f32.demote_f64:r',
];
const HOT = new Set(HOT_SPEC.flatMap(e => {
  const [keys, forms] = e.split(':');
  return keys.split(' ').flatMap(k => forms.split(',').map(f => {
    const br = /^(brn?)_(r[ri])$/.exec(f);
    return br ? `${br[1]}_${ident(k)}_${br[2]}` : `${ident(k)}_${f}`;
  }));
}));

/** Loads and stores with an indexed form (`_x`): the element sizes of C arrays of ints, i64/f64, bytes. */
const INDEXED = new Set(['i32.load', 'i64.load', 'f64.load', 'i32.load8_u', 'i32.store', 'i64.store', 'f64.store', 'i32.store8']);

/** The memory ops' names: all hot (they need `mem`, which `coldOp` does not have). */
const MEM_NAMES = new Set(MEM_ROWS.flatMap(m => [`${ident(m.key)}_r`, `${ident(m.key)}_ri`, `${ident(m.key)}_x`]));

function ident(key: string): string {
  return key.replace(/\./g, '_');
}
const isBinary = (r: RegRow) => /\bB[LH]?\b/.test(r.expr);

/** One generated op: its enum name, its doc comment, its body, and whether it has its own case. */
interface GenOp { name: string; doc: string; body: string; hot: boolean }

function words(ty: RegType): number {
  return ty === 'i64' || ty === 'f64' ? 2 : 1;
}

/**
 * Statements reading operand `X` ('A' or 'B') of type `ty` from code word `pc + k`. Generated
 * code assigns shared temporaries (declared once in the function running it) rather than
 * declaring constants per case: V8 gives every block-scoped constant its own register, which
 * makes the dispatch function too large to optimise.
 */
function readOperand(X: 'A' | 'B', ty: RegType, k: number, imm: boolean): string {
  const at = `code[pc + ${k}]`;
  if (imm) {
    switch (ty) {
      case 'i32': return `${X} = ${at};`;
      case 'i64': return `${X}L = ${at}; ${X}H = code[pc + ${k + 1}];`;
      case 'f32': return `KW[0] = ${at}; ${X} = KF32[0];`;
      case 'f64': return `KW[0] = ${at}; KW[1] = code[pc + ${k + 1}]; ${X} = KF64[0];`;
    }
  }
  const w = `fw + ${at}`;
  switch (ty) {
    case 'i32': return `${X} = i32[${w}];`;
    case 'i64': return `${X}L = ${w}; ${X}H = i32[${X}L + 1]; ${X}L = i32[${X}L];`;
    case 'f32': return `${X} = f32[${w}];`;
    case 'f64': return `${X} = f64[(${w}) >> 1];`;
  }
}

/** Template statements with their `const` declarations turned into shared temporaries. */
function shared(stmts: string): string {
  return stmts.replace(/\bconst /g, '');
}

/** The statement writing the result of `r` to the slot named by code word `pc`. */
function writeResult(r: RegRow): string {
  switch (r.out) {
    case 'i32': return `i32[fw + code[pc]] = ${r.expr};`;
    case 'f32': return `f32[fw + code[pc]] = ${r.expr};`;
    case 'f64': return `f64[(fw + code[pc]) >> 1] = ${r.expr};`;
    case 'raw': return `D = fw + code[pc]; ${shared(r.expr)}`;
  }
}

/** A store's reads of its value's words (`V`, `VH`) from slot word D, where its body uses them. */
function valueWords(m: MemRow): string {
  if (!/\bV\b/.test(m.body)) return '';
  return ` V = i32[D];${m.bytes === 8 ? ' VH = i32[D + 1];' : ''}`;
}

// A backward branch leaves the switch: fuel and tier-up counting happen once, after it (interp.ts
// ACT_BACK), instead of in every branch case (less code in `run`, and no branch case whose
// back-edge path has never run, which V8 would compile as a deopt).
const BACK_EDGE = 'if (to < pc) { pc = to; action = ACT_BACK; break; }';

function genOps(): GenOp[] {
  const out: GenOp[] = [];
  const add = (name: string, doc: string, body: string) => out.push({ name, doc, body, hot: HOT.has(name) });
  for (const r of REG_ROWS) {
    const n = ident(r.key);
    if (!isBinary(r)) {
      add(`${n}_r`, `d, a: ${r.key}`, `${readOperand('A', r.ty, 1, false)} ${writeResult(r)} pc += 2;`);
      continue;
    }
    const forms: [string, boolean][] = [['rr', false]];
    if (r.imm) forms.push(['ri', true]);
    for (const [sfx, imm] of forms) {
      const len = 3 + (imm ? words(r.ty) - 1 : 0);
      add(`${n}_${sfx}`, `d, a, ${imm ? 'k' : 'b'}: ${r.key}`,
        `${readOperand('A', r.ty, 1, false)} ${readOperand('B', r.ty, 2, imm)} ${writeResult(r)} pc += ${len};`);
    }
    if (r.branch === undefined) continue;
    // Compare and branch: only as hot ops (they jump, so they cannot run in `coldOp`).
    const cond = r.expr.replace(/ \? 1 : 0$/, '');
    for (const [sfx, imm] of forms) {
      const len = 3 + (imm ? words(r.ty) - 1 : 0);
      const reads = `${readOperand('A', r.ty, 0, false)} ${readOperand('B', r.ty, 1, imm)}`;
      const jump = `{ to = code[pc + ${len - 1}]; ${BACK_EDGE} pc = to; } else pc += ${len};`;
      const kinds: [string, string, string][] = [['br', cond, 'br_if']];
      if (r.branch === 'float') kinds.push(['brn', `!(${cond})`, 'if (jump when false)']);
      for (const [pre, test, what] of kinds) {
        const name = `${pre}_${n}_${sfx}`;
        if (HOT.has(name)) add(name, `a, ${imm ? 'k' : 'b'}, target: ${r.key}; ${what}`, `${reads} if (${test}) ${jump}`);
      }
    }
  }
  // Memory: the address is slot a plus a constant k (a deferred `i32.add`, compile.ts), wrapped
  // to 32 bits, plus the memarg offset. pc moves past the operands before the bounds check (a
  // trap's pc must stay inside the op).
  for (const m of MEM_ROWS) {
    const n = ident(m.key);
    const check = `if (ea + ${m.bytes} > mem.bytes.length) oob(); ${shared(m.body)}`;
    if (!m.store) {
      add(`${n}_r`, `d, a, k, offset: ${m.key} (address: slot a + k)`,
        `D = fw + code[pc]; ea = ((i32[fw + code[pc + 1]] + code[pc + 2]) >>> 0) + code[pc + 3]; pc += 4; ${check}`);
    }
    if (INDEXED.has(m.key)) {
      // indexed: address = slot a + (slot i << s) + k (a[i] in compiled C; compile.ts defers it)
      const ix = 'ea = ((i32[fw + code[pc + 1]] + (i32[fw + code[pc + 2]] << code[pc + 3]) + code[pc + 4]) >>> 0)';
      if (!m.store) {
        add(`${n}_x`, `d, a, i, s, k, offset: ${m.key} (address: slot a + (slot i << s) + k)`,
          `D = fw + code[pc]; ${ix} + code[pc + 5]; pc += 6; ${check}`);
      } else {
        add(`${n}_x`, `a, i, s, k, v, offset: ${m.key} (address: slot a + (slot i << s) + k; value in slot v)`,
          `D = fw + code[pc + 4];${valueWords(m)} ` +
          `${ix.replace(/pc \+ (\d)/g, (_m, d) => `pc + ${Number(d) - 1}`).replace('code[pc]]', 'code[pc + 0]]')} + code[pc + 5]; pc += 6; ${check}`);
      }
    }
    if (!m.store) continue;
    const addr = 'ea = ((i32[fw + code[pc]] + code[pc + 1]) >>> 0)';
    add(`${n}_r`, `a, k, v, offset: ${m.key} (address: slot a + k; value in slot v)`,
      `D = fw + code[pc + 2];${valueWords(m)} ${addr} + code[pc + 3]; pc += 4; ${check}`);
    if (m.constVia !== undefined) continue; // constants go through the integer row's _ri form
    const wide = m.bytes === 8;
    add(`${n}_ri`, `a, k, value (${wide ? '2 words' : '1 word'}), offset: ${m.key} of a constant`,
      `V = code[pc + 2];${wide ? ' VH = code[pc + 3];' : ''} ${addr} + code[pc + ${wide ? 4 : 3}]; pc += ${wide ? 5 : 4}; ${check}`);
  }
  for (const g of out) if (MEM_NAMES.has(g.name)) g.hot = true;
  // Fused pairs: the inner op's result is an operand of the outer op, computed in one dispatch.
  for (const fp of FUSED_PAIRS) {
    const inner = ROW_BY_KEY.get(fp.inner)!, outer = ROW_BY_KEY.get(fp.outer)!;
    const len = 4 + (fp.innerImm ? words(inner.ty) - 1 : 0) + (fp.outerImm ? words(outer.ty) - 1 : 0);
    const cAt = 3 + (fp.innerImm ? words(inner.ty) - 1 : 0);
    const [T, C] = fp.pos === 'L' ? ['A', 'B'] as const : ['B', 'A'] as const;
    let body: string;
    // An f32 inner result is rounded to f32 first (an rr/ri op rounds by storing to the f32 slot).
    if (inner.out !== 'raw') {
      body = `${readOperand('A', inner.ty, 1, false)} ${readOperand('B', inner.ty, 2, fp.innerImm)} ` +
        `${T} = ${inner.out === 'f32' ? `Math.fround(${inner.expr})` : inner.expr}; ${readOperand(C, outer.ty, cAt, fp.outerImm)} ${writeResult(outer)} pc += ${len};`;
    } else {
      // i64: the inner op writes the destination, the outer op reads it back from there (its
      // other operand first, which may be the destination itself)
      body = `${readOperand(C, outer.ty, cAt, fp.outerImm).replace(new RegExp(`\\b${C}([LH])\\b`, 'g'), 'C$1')} ` +
        `${readOperand('A', inner.ty, 1, false)} ${readOperand('B', inner.ty, 2, fp.innerImm)} ${writeResult(inner)} ` +
        `${T}L = i32[D]; ${T}H = i32[D + 1]; ${C}L = CL; ${C}H = CH; ${shared(outer.expr)} pc += ${len};`;
    }
    const doc = `d, a, ${fp.innerImm ? 'k' : 'b'}, ${fp.outerImm ? 'k2' : 'c'}: ${fp.outer}(` +
      (fp.pos === 'L' ? `${fp.inner}(a, b), c)` : `c, ${fp.inner}(a, b))`);
    out.push({ name: fusedName(fp), doc, body, hot: true });
  }
  // Register-memory forms: the address is slot + k (no indexed form), pc moves before the check.
  const memRows = new Map(MEM_ROWS.map(m => [m.key, m]));
  for (const f of MEM_FUSED) {
    const r = ROW_BY_KEY.get(f.op)!, m = memRows.get(f.mem)!;
    const check = `if (ea + ${m.bytes} > mem.bytes.length) oob();`;
    if (f.load !== undefined) {
      // the load's pc range comes first, then the store's (compile.ts maps each to its instruction)
      const l = memRows.get(f.load)!;
      out.push({
        name: memFusedName(f), hot: true,
        doc: `sa, sk, x, la, lk, loff, soff: ${f.mem} (address: slot sa + sk) of ${f.op}(x, ${f.load} (address: slot la + lk))`,
        body: `${readOperand('A', r.ty, 2, false)} ea = ((i32[fw + code[pc + 3]] + code[pc + 4]) >>> 0) + code[pc + 5]; pc += 5; ` +
          `if (ea + ${l.bytes} > mem.bytes.length) oob(); B = ${l.num!}; ` +
          `ea = ((i32[fw + code[pc - 5]] + code[pc - 4]) >>> 0) + code[pc + 1]; pc += 2; ${check} ${m.num!.replace('X', `(${r.expr})`)}`,
      });
      continue;
    }
    const body = f.store
      ? `${readOperand('A', r.ty, 2, false)} ${readOperand('B', r.ty, 3, false)} ` +
        `ea = ((i32[fw + code[pc]] + code[pc + 1]) >>> 0) + code[pc + 4]; pc += 5; ${check} ${m.num!.replace('X', `(${r.expr})`)}`
      : `${readOperand('A', r.ty, 1, false)} D = fw + code[pc]; ` +
        `ea = ((i32[fw + code[pc + 2]] + code[pc + 3]) >>> 0) + code[pc + 4]; pc += 5; ${check} B = ${m.num!}; ` +
        writeResult(r).replace('fw + code[pc]', 'D');
    const doc = f.store ? `a, k, x, y, offset: ${f.mem} (address: slot a + k) of ${f.op}(x, y)`
      : `d, a, b, k, offset: ${f.op}(a, ${f.mem} (address: slot b + k))`;
    out.push({ name: memFusedName(f), doc, body, hot: true });
  }
  // Compare-and-branch on an inner op's result.
  for (const bf of BRANCH_FUSED) {
    const c = ROW_BY_KEY.get(bf.cmp)!, inner = ROW_BY_KEY.get(bf.inner)!;
    const cond = c.expr.replace(/ \? 1 : 0$/, '');
    const len = 3 + words(c.ty);
    const jump = `{ to = code[pc + ${len - 1}]; ${BACK_EDGE} pc = to; } else pc += ${len};`;
    const kinds: ['br' | 'brn', string][] = [['br', cond]];
    if (c.branch === 'float') kinds.push(['brn', `!(${cond})`]);
    for (const [pre, test] of kinds) {
      out.push({
        name: branchFusedName(pre, bf.cmp, bf.inner), hot: true,
        doc: `a, b, k, target: ${bf.cmp}(${bf.inner}(a, b), k); ${pre === 'br' ? 'br_if' : 'if (jump when false)'}`,
        body: `${readOperand('A', inner.ty, 0, false)} ${readOperand('B', inner.ty, 1, false)} A = ${inner.expr}; ` +
          `${readOperand('B', c.ty, 2, true)} if (${test}) ${jump}`,
      });
    }
  }
  // A load and a branch on its value. The pc moves past the address words before the bounds
  // check, so that a trap reports the load.
  for (const b of BRANCH_LOADS) {
    const m = MEM_ROWS.find(r => r.key === b.load)!;
    const value = /^i32\[D\] = (.*);$/.exec(m.body)![1];
    out.push({
      name: branchLoadName(b.load, b.test), hot: true,
      doc: `a, k, offset, target: ${b.load} (address: slot a + k); br_if its value is ${b.test === 'nez' ? 'not ' : ''}zero`,
      body: `ea = ((i32[fw + code[pc]] + code[pc + 1]) >>> 0) + code[pc + 2]; pc += 3; if (ea + ${m.bytes} > mem.bytes.length) oob(); ` +
        `if ((${value}) ${b.test === 'nez' ? '!==' : '==='} 0) { to = code[pc]; ${BACK_EDGE} pc = to; } else pc += 1;`,
    });
  }
  // An op and the return of its result: the result goes to the return slot (fp), then return.
  for (const f of RETURN_FUSED) {
    const r = ROW_BY_KEY.get(f.key)!;
    out.push({
      name: returnFusedName(f.key, f.form), hot: true, doc: `d, a, ${f.form === 'ri' ? 'k' : 'b'}: return ${f.key}(a, ${f.form === 'ri' ? 'k' : 'b'}) (d unused)`,
      body: `${readOperand('A', r.ty, 1, false)} ${readOperand('B', r.ty, 2, f.form === 'ri')} i32[fw] = ${r.expr}; ` +
        'retN = 1; sp = fp + 1; action = ACT_RETURN; break;',
    });
  }
  // Loop closers: a counter update into a local, then a branch testing that local.
  for (const lc of LOOP_CLOSERS) {
    const addImm = lc.add === 'ri';
    if (lc.add === 'mv') {
      out.push({
        name: loopCloserName(lc), hot: true, doc: 'd, a, target: local d = local a; br',
        body: `i32[fw + code[pc]] = i32[fw + code[pc + 1]]; to = code[pc + 2]; ${BACK_EDGE} pc = to;`,
      });
      continue;
    }
    if (lc.test === 'jump') {
      out.push({
        name: loopCloserName(lc), hot: true, doc: `d, a, ${addImm ? 'k' : 'b'}, target: local d = a + ${addImm ? 'k' : 'b'}; br`,
        body: `${readOperand('A', 'i32', 1, false)} ${readOperand('B', 'i32', 2, addImm)} i32[fw + code[pc]] = (A + B) | 0; ` +
          `to = code[pc + 3]; ${BACK_EDGE} pc = to;`,
      });
      continue;
    }
    const test = lc.test === 'nez' ? null : ROW_BY_KEY.get(`i32.${lc.test}`)!;
    const cmpImm = lc.cmp === 'ri';
    const len = 4 + (test === null ? 0 : 1);
    const cond = test === null ? 'A !== 0' : test.expr.replace(/ \? 1 : 0$/, '');
    const cmpRead = test === null ? '' : readOperand('B', 'i32', 3, cmpImm);
    out.push({
      name: loopCloserName(lc), hot: true,
      doc: `d, a, ${addImm ? 'k' : 'b'}${test === null ? '' : `, ${cmpImm ? 'k2' : 'c'}`}, target: local d = a + ${addImm ? 'k' : 'b'}; br_if (d ${test === null ? '!= 0' : `${lc.test} ${cmpImm ? 'k2' : 'c'}`})`,
      body: `${readOperand('A', 'i32', 1, false)} ${readOperand('B', 'i32', 2, addImm)} A = (A + B) | 0; i32[fw + code[pc]] = A; ` +
        `${cmpRead} if (${cond}) { to = code[pc + ${len - 1}]; ${BACK_EDGE} pc = to; } else pc += ${len};`,
    });
  }
  return out;
}

const GENERATED = genOps();

/** Op number offsets (from `Op.FIRST_REG`) by generated name, e.g. 'i32_add_ri'. */
const INDEX = new Map(GENERATED.map((g, i) => [g.name, i]));

/** The offset of generated op `name` after `Op.FIRST_REG`, or -1 if there is none. */
export function regOp(name: string): number {
  const i = INDEX.get(name);
  return i === undefined ? -1 : i + 1;
}

const COLD = new Set(GENERATED.filter(g => !g.hot).map(g => g.name));

/** Whether generated op `name` runs through `reg_cold` (no case of its own). */
export function isCold(name: string): boolean {
  return COLD.has(name);
}

export { ident as regIdent };

/** The enum members for ops.ts (after `FIRST_REG,`). */
export function generatedEnum(): string {
  return GENERATED.map(g => `  /** ${g.doc}${g.hot ? '' : ' (cold)'} */\n  ${g.name},\n`).join('');
}

/** The dispatch cases for interp.ts (hot ops). */
export function generatedCases(): string {
  return GENERATED.filter(g => g.hot).map(g => `          case Op.${g.name}: { ${g.body}${g.body.endsWith('break;') ? '' : ' continue;'} }\n`).join('');
}

/** The cases of `coldOp` (reg-cold.ts): the same bodies, returning the next pc. */
export function generatedColdCases(): string {
  return GENERATED.filter(g => !g.hot).map(g => `    case Op.${g.name}: { ${g.body} return pc; }\n`).join('');
}
