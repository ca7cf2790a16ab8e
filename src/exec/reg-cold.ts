/**
 * Register ops too rare in compiled code to deserve a case of their own in the interpreter's
 * dispatch loop (which V8 only optimises below a bytecode size): they all run behind one case,
 * `reg_cold`, through this function. The cases are generated from reg-table.ts (between the
 * markers; test/exec/reg-ops.test.ts checks and regenerates them).
 */
import { Op } from './ops.js';
import * as I64 from './numeric/i64.js';
import * as CV from './numeric/convert.js';
import { divS32, divU32, remS32, remU32, rotl32, rotr32 } from './numeric/i32.js';
import { nearest, quiet } from './numeric/float.js';
import { canonF32, canonF32x4, canonF64, canonF64x2 } from './numeric/canon-nan.js';

/** Scratch words that turn an inline float constant's bits into a number (`_ri` float ops). */
export const KW = new Int32Array(2);
export const KF32 = new Float32Array(KW.buffer, 0, 1);
export const KF64 = new Float64Array(KW.buffer);

/**
 * Runs the cold register op at `code[pc]` (after the `reg_cold` word) on the frame at `fp`;
 * returns the position after its operands.
 */
export function coldOp(code: Int32Array, pc: number, fp: number, i32: Int32Array, f32: Float32Array, f64: Float64Array): number {
  // Shared temporaries of the generated bodies (see reg-table.ts `readOperand`).
  const fw = fp << 2;
  let A = 0, B = 0, AL = 0, AH = 0, BL = 0, BH = 0, D = 0, lo = 0, s = 0, r = 0;
  switch (code[pc++] as Op) {
    // <reg-ops>
    case Op.i32_div_s_rr: { A = i32[fw + code[pc + 1]]; B = i32[fw + code[pc + 2]]; i32[fw + code[pc]] = divS32(A, B); pc += 3; return pc; }
    case Op.i32_div_s_ri: { A = i32[fw + code[pc + 1]]; B = code[pc + 2]; i32[fw + code[pc]] = divS32(A, B); pc += 3; return pc; }
    case Op.i32_div_u_rr: { A = i32[fw + code[pc + 1]]; B = i32[fw + code[pc + 2]]; i32[fw + code[pc]] = divU32(A, B); pc += 3; return pc; }
    case Op.i32_div_u_ri: { A = i32[fw + code[pc + 1]]; B = code[pc + 2]; i32[fw + code[pc]] = divU32(A, B); pc += 3; return pc; }
    case Op.i32_rem_s_rr: { A = i32[fw + code[pc + 1]]; B = i32[fw + code[pc + 2]]; i32[fw + code[pc]] = remS32(A, B); pc += 3; return pc; }
    case Op.i32_rem_s_ri: { A = i32[fw + code[pc + 1]]; B = code[pc + 2]; i32[fw + code[pc]] = remS32(A, B); pc += 3; return pc; }
    case Op.i32_rem_u_rr: { A = i32[fw + code[pc + 1]]; B = i32[fw + code[pc + 2]]; i32[fw + code[pc]] = remU32(A, B); pc += 3; return pc; }
    case Op.i32_rem_u_ri: { A = i32[fw + code[pc + 1]]; B = code[pc + 2]; i32[fw + code[pc]] = remU32(A, B); pc += 3; return pc; }
    case Op.i32_rotl_rr: { A = i32[fw + code[pc + 1]]; B = i32[fw + code[pc + 2]]; i32[fw + code[pc]] = rotl32(A, B); pc += 3; return pc; }
    case Op.i32_rotl_ri: { A = i32[fw + code[pc + 1]]; B = code[pc + 2]; i32[fw + code[pc]] = rotl32(A, B); pc += 3; return pc; }
    case Op.i32_rotr_rr: { A = i32[fw + code[pc + 1]]; B = i32[fw + code[pc + 2]]; i32[fw + code[pc]] = rotr32(A, B); pc += 3; return pc; }
    case Op.i32_rotr_ri: { A = i32[fw + code[pc + 1]]; B = code[pc + 2]; i32[fw + code[pc]] = rotr32(A, B); pc += 3; return pc; }
    case Op.i32_le_s_rr: { A = i32[fw + code[pc + 1]]; B = i32[fw + code[pc + 2]]; i32[fw + code[pc]] = A <= B ? 1 : 0; pc += 3; return pc; }
    case Op.i32_le_s_ri: { A = i32[fw + code[pc + 1]]; B = code[pc + 2]; i32[fw + code[pc]] = A <= B ? 1 : 0; pc += 3; return pc; }
    case Op.i32_le_u_rr: { A = i32[fw + code[pc + 1]]; B = i32[fw + code[pc + 2]]; i32[fw + code[pc]] = (A >>> 0) <= (B >>> 0) ? 1 : 0; pc += 3; return pc; }
    case Op.i32_le_u_ri: { A = i32[fw + code[pc + 1]]; B = code[pc + 2]; i32[fw + code[pc]] = (A >>> 0) <= (B >>> 0) ? 1 : 0; pc += 3; return pc; }
    case Op.i32_ge_s_rr: { A = i32[fw + code[pc + 1]]; B = i32[fw + code[pc + 2]]; i32[fw + code[pc]] = A >= B ? 1 : 0; pc += 3; return pc; }
    case Op.i32_ge_s_ri: { A = i32[fw + code[pc + 1]]; B = code[pc + 2]; i32[fw + code[pc]] = A >= B ? 1 : 0; pc += 3; return pc; }
    case Op.i32_ge_u_rr: { A = i32[fw + code[pc + 1]]; B = i32[fw + code[pc + 2]]; i32[fw + code[pc]] = (A >>> 0) >= (B >>> 0) ? 1 : 0; pc += 3; return pc; }
    case Op.i32_ge_u_ri: { A = i32[fw + code[pc + 1]]; B = code[pc + 2]; i32[fw + code[pc]] = (A >>> 0) >= (B >>> 0) ? 1 : 0; pc += 3; return pc; }
    case Op.i32_clz_r: { A = i32[fw + code[pc + 1]]; i32[fw + code[pc]] = Math.clz32(A); pc += 2; return pc; }
    case Op.i32_ctz_r: { A = i32[fw + code[pc + 1]]; i32[fw + code[pc]] = I64.ctz32(A); pc += 2; return pc; }
    case Op.i32_popcnt_r: { A = i32[fw + code[pc + 1]]; i32[fw + code[pc]] = I64.popcnt32(A); pc += 2; return pc; }
    case Op.i32_extend8_s_r: { A = i32[fw + code[pc + 1]]; i32[fw + code[pc]] = (A << 24) >> 24; pc += 2; return pc; }
    case Op.i32_extend16_s_r: { A = i32[fw + code[pc + 1]]; i32[fw + code[pc]] = (A << 16) >> 16; pc += 2; return pc; }
    case Op.i64_rotr_rr: { AL = fw + code[pc + 1]; AH = i32[AL + 1]; AL = i32[AL]; BL = fw + code[pc + 2]; BH = i32[BL + 1]; BL = i32[BL]; D = fw + code[pc]; s = BL & 63; if (s === 0) { i32[D] = AL; i32[D + 1] = AH; } else if (s < 32) { i32[D] = (AL >>> s) | (AH << (32 - s)); i32[D + 1] = (AH >>> s) | (AL << (32 - s)); } else { r = s - 32; if (r === 0) { i32[D] = AH; i32[D + 1] = AL; } else { i32[D] = (AH >>> r) | (AL << (32 - r)); i32[D + 1] = (AL >>> r) | (AH << (32 - r)); } } pc += 3; return pc; }
    case Op.i64_rotr_ri: { AL = fw + code[pc + 1]; AH = i32[AL + 1]; AL = i32[AL]; BL = code[pc + 2]; BH = code[pc + 3]; D = fw + code[pc]; s = BL & 63; if (s === 0) { i32[D] = AL; i32[D + 1] = AH; } else if (s < 32) { i32[D] = (AL >>> s) | (AH << (32 - s)); i32[D + 1] = (AH >>> s) | (AL << (32 - s)); } else { r = s - 32; if (r === 0) { i32[D] = AH; i32[D + 1] = AL; } else { i32[D] = (AH >>> r) | (AL << (32 - r)); i32[D + 1] = (AL >>> r) | (AH << (32 - r)); } } pc += 4; return pc; }
    case Op.i64_eq_rr: { AL = fw + code[pc + 1]; AH = i32[AL + 1]; AL = i32[AL]; BL = fw + code[pc + 2]; BH = i32[BL + 1]; BL = i32[BL]; i32[fw + code[pc]] = (AL === BL && AH === BH) ? 1 : 0; pc += 3; return pc; }
    case Op.i64_eq_ri: { AL = fw + code[pc + 1]; AH = i32[AL + 1]; AL = i32[AL]; BL = code[pc + 2]; BH = code[pc + 3]; i32[fw + code[pc]] = (AL === BL && AH === BH) ? 1 : 0; pc += 4; return pc; }
    case Op.i64_ne_rr: { AL = fw + code[pc + 1]; AH = i32[AL + 1]; AL = i32[AL]; BL = fw + code[pc + 2]; BH = i32[BL + 1]; BL = i32[BL]; i32[fw + code[pc]] = (AL !== BL || AH !== BH) ? 1 : 0; pc += 3; return pc; }
    case Op.i64_ne_ri: { AL = fw + code[pc + 1]; AH = i32[AL + 1]; AL = i32[AL]; BL = code[pc + 2]; BH = code[pc + 3]; i32[fw + code[pc]] = (AL !== BL || AH !== BH) ? 1 : 0; pc += 4; return pc; }
    case Op.i64_lt_s_rr: { AL = fw + code[pc + 1]; AH = i32[AL + 1]; AL = i32[AL]; BL = fw + code[pc + 2]; BH = i32[BL + 1]; BL = i32[BL]; i32[fw + code[pc]] = (AH !== BH ? AH < BH : (AL >>> 0) < (BL >>> 0)) ? 1 : 0; pc += 3; return pc; }
    case Op.i64_lt_s_ri: { AL = fw + code[pc + 1]; AH = i32[AL + 1]; AL = i32[AL]; BL = code[pc + 2]; BH = code[pc + 3]; i32[fw + code[pc]] = (AH !== BH ? AH < BH : (AL >>> 0) < (BL >>> 0)) ? 1 : 0; pc += 4; return pc; }
    case Op.i64_lt_u_rr: { AL = fw + code[pc + 1]; AH = i32[AL + 1]; AL = i32[AL]; BL = fw + code[pc + 2]; BH = i32[BL + 1]; BL = i32[BL]; i32[fw + code[pc]] = (AH !== BH ? (AH >>> 0) < (BH >>> 0) : (AL >>> 0) < (BL >>> 0)) ? 1 : 0; pc += 3; return pc; }
    case Op.i64_lt_u_ri: { AL = fw + code[pc + 1]; AH = i32[AL + 1]; AL = i32[AL]; BL = code[pc + 2]; BH = code[pc + 3]; i32[fw + code[pc]] = (AH !== BH ? (AH >>> 0) < (BH >>> 0) : (AL >>> 0) < (BL >>> 0)) ? 1 : 0; pc += 4; return pc; }
    case Op.i64_gt_s_rr: { AL = fw + code[pc + 1]; AH = i32[AL + 1]; AL = i32[AL]; BL = fw + code[pc + 2]; BH = i32[BL + 1]; BL = i32[BL]; i32[fw + code[pc]] = (AH !== BH ? AH > BH : (AL >>> 0) > (BL >>> 0)) ? 1 : 0; pc += 3; return pc; }
    case Op.i64_gt_s_ri: { AL = fw + code[pc + 1]; AH = i32[AL + 1]; AL = i32[AL]; BL = code[pc + 2]; BH = code[pc + 3]; i32[fw + code[pc]] = (AH !== BH ? AH > BH : (AL >>> 0) > (BL >>> 0)) ? 1 : 0; pc += 4; return pc; }
    case Op.i64_gt_u_rr: { AL = fw + code[pc + 1]; AH = i32[AL + 1]; AL = i32[AL]; BL = fw + code[pc + 2]; BH = i32[BL + 1]; BL = i32[BL]; i32[fw + code[pc]] = (AH !== BH ? (AH >>> 0) > (BH >>> 0) : (AL >>> 0) > (BL >>> 0)) ? 1 : 0; pc += 3; return pc; }
    case Op.i64_gt_u_ri: { AL = fw + code[pc + 1]; AH = i32[AL + 1]; AL = i32[AL]; BL = code[pc + 2]; BH = code[pc + 3]; i32[fw + code[pc]] = (AH !== BH ? (AH >>> 0) > (BH >>> 0) : (AL >>> 0) > (BL >>> 0)) ? 1 : 0; pc += 4; return pc; }
    case Op.i64_le_s_rr: { AL = fw + code[pc + 1]; AH = i32[AL + 1]; AL = i32[AL]; BL = fw + code[pc + 2]; BH = i32[BL + 1]; BL = i32[BL]; i32[fw + code[pc]] = (AH !== BH ? AH < BH : (AL >>> 0) <= (BL >>> 0)) ? 1 : 0; pc += 3; return pc; }
    case Op.i64_le_s_ri: { AL = fw + code[pc + 1]; AH = i32[AL + 1]; AL = i32[AL]; BL = code[pc + 2]; BH = code[pc + 3]; i32[fw + code[pc]] = (AH !== BH ? AH < BH : (AL >>> 0) <= (BL >>> 0)) ? 1 : 0; pc += 4; return pc; }
    case Op.i64_le_u_rr: { AL = fw + code[pc + 1]; AH = i32[AL + 1]; AL = i32[AL]; BL = fw + code[pc + 2]; BH = i32[BL + 1]; BL = i32[BL]; i32[fw + code[pc]] = (AH !== BH ? (AH >>> 0) < (BH >>> 0) : (AL >>> 0) <= (BL >>> 0)) ? 1 : 0; pc += 3; return pc; }
    case Op.i64_le_u_ri: { AL = fw + code[pc + 1]; AH = i32[AL + 1]; AL = i32[AL]; BL = code[pc + 2]; BH = code[pc + 3]; i32[fw + code[pc]] = (AH !== BH ? (AH >>> 0) < (BH >>> 0) : (AL >>> 0) <= (BL >>> 0)) ? 1 : 0; pc += 4; return pc; }
    case Op.i64_ge_s_rr: { AL = fw + code[pc + 1]; AH = i32[AL + 1]; AL = i32[AL]; BL = fw + code[pc + 2]; BH = i32[BL + 1]; BL = i32[BL]; i32[fw + code[pc]] = (AH !== BH ? AH > BH : (AL >>> 0) >= (BL >>> 0)) ? 1 : 0; pc += 3; return pc; }
    case Op.i64_ge_s_ri: { AL = fw + code[pc + 1]; AH = i32[AL + 1]; AL = i32[AL]; BL = code[pc + 2]; BH = code[pc + 3]; i32[fw + code[pc]] = (AH !== BH ? AH > BH : (AL >>> 0) >= (BL >>> 0)) ? 1 : 0; pc += 4; return pc; }
    case Op.i64_ge_u_rr: { AL = fw + code[pc + 1]; AH = i32[AL + 1]; AL = i32[AL]; BL = fw + code[pc + 2]; BH = i32[BL + 1]; BL = i32[BL]; i32[fw + code[pc]] = (AH !== BH ? (AH >>> 0) > (BH >>> 0) : (AL >>> 0) >= (BL >>> 0)) ? 1 : 0; pc += 3; return pc; }
    case Op.i64_ge_u_ri: { AL = fw + code[pc + 1]; AH = i32[AL + 1]; AL = i32[AL]; BL = code[pc + 2]; BH = code[pc + 3]; i32[fw + code[pc]] = (AH !== BH ? (AH >>> 0) > (BH >>> 0) : (AL >>> 0) >= (BL >>> 0)) ? 1 : 0; pc += 4; return pc; }
    case Op.i64_clz_r: { AL = fw + code[pc + 1]; AH = i32[AL + 1]; AL = i32[AL]; D = fw + code[pc]; i32[D] = I64.clz64(AL, AH); i32[D + 1] = 0; pc += 2; return pc; }
    case Op.i64_ctz_r: { AL = fw + code[pc + 1]; AH = i32[AL + 1]; AL = i32[AL]; D = fw + code[pc]; i32[D] = I64.ctz64(AL, AH); i32[D + 1] = 0; pc += 2; return pc; }
    case Op.i64_popcnt_r: { AL = fw + code[pc + 1]; AH = i32[AL + 1]; AL = i32[AL]; D = fw + code[pc]; i32[D] = I64.popcnt32(AL) + I64.popcnt32(AH); i32[D + 1] = 0; pc += 2; return pc; }
    case Op.i64_extend8_s_r: { AL = fw + code[pc + 1]; AH = i32[AL + 1]; AL = i32[AL]; D = fw + code[pc]; lo = (AL << 24) >> 24; i32[D] = lo; i32[D + 1] = lo >> 31; pc += 2; return pc; }
    case Op.i64_extend16_s_r: { AL = fw + code[pc + 1]; AH = i32[AL + 1]; AL = i32[AL]; D = fw + code[pc]; lo = (AL << 16) >> 16; i32[D] = lo; i32[D + 1] = lo >> 31; pc += 2; return pc; }
    case Op.i64_extend32_s_r: { AL = fw + code[pc + 1]; AH = i32[AL + 1]; AL = i32[AL]; D = fw + code[pc]; i32[D] = AL; i32[D + 1] = AL >> 31; pc += 2; return pc; }
    case Op.f32_div_ri: { A = f32[fw + code[pc + 1]]; KW[0] = code[pc + 2]; B = KF32[0]; f32[fw + code[pc]] = A / B; pc += 3; return pc; }
    case Op.f32_min_rr: { A = f32[fw + code[pc + 1]]; B = f32[fw + code[pc + 2]]; f32[fw + code[pc]] = Math.min(A, B); pc += 3; return pc; }
    case Op.f32_max_rr: { A = f32[fw + code[pc + 1]]; B = f32[fw + code[pc + 2]]; f32[fw + code[pc]] = Math.max(A, B); pc += 3; return pc; }
    case Op.f32_copysign_rr: { A = i32[fw + code[pc + 1]]; B = i32[fw + code[pc + 2]]; i32[fw + code[pc]] = (A & 0x7fffffff) | (B & -0x80000000); pc += 3; return pc; }
    case Op.f32_copysign_ri: { A = i32[fw + code[pc + 1]]; B = code[pc + 2]; i32[fw + code[pc]] = (A & 0x7fffffff) | (B & -0x80000000); pc += 3; return pc; }
    case Op.f32_eq_rr: { A = f32[fw + code[pc + 1]]; B = f32[fw + code[pc + 2]]; i32[fw + code[pc]] = A === B ? 1 : 0; pc += 3; return pc; }
    case Op.f32_eq_ri: { A = f32[fw + code[pc + 1]]; KW[0] = code[pc + 2]; B = KF32[0]; i32[fw + code[pc]] = A === B ? 1 : 0; pc += 3; return pc; }
    case Op.f32_ne_rr: { A = f32[fw + code[pc + 1]]; B = f32[fw + code[pc + 2]]; i32[fw + code[pc]] = A !== B ? 1 : 0; pc += 3; return pc; }
    case Op.f32_ne_ri: { A = f32[fw + code[pc + 1]]; KW[0] = code[pc + 2]; B = KF32[0]; i32[fw + code[pc]] = A !== B ? 1 : 0; pc += 3; return pc; }
    case Op.f32_lt_rr: { A = f32[fw + code[pc + 1]]; B = f32[fw + code[pc + 2]]; i32[fw + code[pc]] = A < B ? 1 : 0; pc += 3; return pc; }
    case Op.f32_lt_ri: { A = f32[fw + code[pc + 1]]; KW[0] = code[pc + 2]; B = KF32[0]; i32[fw + code[pc]] = A < B ? 1 : 0; pc += 3; return pc; }
    case Op.f32_gt_rr: { A = f32[fw + code[pc + 1]]; B = f32[fw + code[pc + 2]]; i32[fw + code[pc]] = A > B ? 1 : 0; pc += 3; return pc; }
    case Op.f32_gt_ri: { A = f32[fw + code[pc + 1]]; KW[0] = code[pc + 2]; B = KF32[0]; i32[fw + code[pc]] = A > B ? 1 : 0; pc += 3; return pc; }
    case Op.f32_le_rr: { A = f32[fw + code[pc + 1]]; B = f32[fw + code[pc + 2]]; i32[fw + code[pc]] = A <= B ? 1 : 0; pc += 3; return pc; }
    case Op.f32_le_ri: { A = f32[fw + code[pc + 1]]; KW[0] = code[pc + 2]; B = KF32[0]; i32[fw + code[pc]] = A <= B ? 1 : 0; pc += 3; return pc; }
    case Op.f32_ge_rr: { A = f32[fw + code[pc + 1]]; B = f32[fw + code[pc + 2]]; i32[fw + code[pc]] = A >= B ? 1 : 0; pc += 3; return pc; }
    case Op.f32_ge_ri: { A = f32[fw + code[pc + 1]]; KW[0] = code[pc + 2]; B = KF32[0]; i32[fw + code[pc]] = A >= B ? 1 : 0; pc += 3; return pc; }
    case Op.f64_min_rr: { A = f64[(fw + code[pc + 1]) >> 1]; B = f64[(fw + code[pc + 2]) >> 1]; f64[(fw + code[pc]) >> 1] = quiet(Math.min(A, B)); pc += 3; return pc; }
    case Op.f64_max_rr: { A = f64[(fw + code[pc + 1]) >> 1]; B = f64[(fw + code[pc + 2]) >> 1]; f64[(fw + code[pc]) >> 1] = quiet(Math.max(A, B)); pc += 3; return pc; }
    case Op.f64_copysign_rr: { AL = fw + code[pc + 1]; AH = i32[AL + 1]; AL = i32[AL]; BL = fw + code[pc + 2]; BH = i32[BL + 1]; BL = i32[BL]; D = fw + code[pc]; i32[D] = AL; i32[D + 1] = (AH & 0x7fffffff) | (BH & -0x80000000); pc += 3; return pc; }
    case Op.f64_eq_rr: { A = f64[(fw + code[pc + 1]) >> 1]; B = f64[(fw + code[pc + 2]) >> 1]; i32[fw + code[pc]] = A === B ? 1 : 0; pc += 3; return pc; }
    case Op.f64_eq_ri: { A = f64[(fw + code[pc + 1]) >> 1]; KW[0] = code[pc + 2]; KW[1] = code[pc + 3]; B = KF64[0]; i32[fw + code[pc]] = A === B ? 1 : 0; pc += 4; return pc; }
    case Op.f64_ne_rr: { A = f64[(fw + code[pc + 1]) >> 1]; B = f64[(fw + code[pc + 2]) >> 1]; i32[fw + code[pc]] = A !== B ? 1 : 0; pc += 3; return pc; }
    case Op.f64_ne_ri: { A = f64[(fw + code[pc + 1]) >> 1]; KW[0] = code[pc + 2]; KW[1] = code[pc + 3]; B = KF64[0]; i32[fw + code[pc]] = A !== B ? 1 : 0; pc += 4; return pc; }
    case Op.f32_abs_r: { A = i32[fw + code[pc + 1]]; i32[fw + code[pc]] = A & 0x7fffffff; pc += 2; return pc; }
    case Op.f32_neg_r: { A = i32[fw + code[pc + 1]]; i32[fw + code[pc]] = A ^ -0x80000000; pc += 2; return pc; }
    case Op.f32_ceil_r: { A = f32[fw + code[pc + 1]]; f32[fw + code[pc]] = Math.ceil(A); pc += 2; return pc; }
    case Op.f32_floor_r: { A = f32[fw + code[pc + 1]]; f32[fw + code[pc]] = Math.floor(A); pc += 2; return pc; }
    case Op.f32_trunc_r: { A = f32[fw + code[pc + 1]]; f32[fw + code[pc]] = Math.trunc(A); pc += 2; return pc; }
    case Op.f32_nearest_r: { A = f32[fw + code[pc + 1]]; f32[fw + code[pc]] = nearest(A); pc += 2; return pc; }
    case Op.f32_sqrt_r: { A = f32[fw + code[pc + 1]]; f32[fw + code[pc]] = Math.sqrt(A); pc += 2; return pc; }
    case Op.f64_ceil_r: { A = f64[(fw + code[pc + 1]) >> 1]; f64[(fw + code[pc]) >> 1] = quiet(Math.ceil(A)); pc += 2; return pc; }
    case Op.f64_floor_r: { A = f64[(fw + code[pc + 1]) >> 1]; f64[(fw + code[pc]) >> 1] = quiet(Math.floor(A)); pc += 2; return pc; }
    case Op.f64_trunc_r: { A = f64[(fw + code[pc + 1]) >> 1]; f64[(fw + code[pc]) >> 1] = quiet(Math.trunc(A)); pc += 2; return pc; }
    case Op.f64_nearest_r: { A = f64[(fw + code[pc + 1]) >> 1]; f64[(fw + code[pc]) >> 1] = quiet(nearest(A)); pc += 2; return pc; }
    case Op.i32_trunc_f32_s_r: { A = f32[fw + code[pc + 1]]; i32[fw + code[pc]] = CV.truncI32S(A); pc += 2; return pc; }
    case Op.i32_trunc_f32_u_r: { A = f32[fw + code[pc + 1]]; i32[fw + code[pc]] = CV.truncI32U(A); pc += 2; return pc; }
    case Op.i32_trunc_f64_u_r: { A = f64[(fw + code[pc + 1]) >> 1]; i32[fw + code[pc]] = CV.truncI32U(A); pc += 2; return pc; }
    case Op.i64_trunc_f32_s_r: { A = f32[fw + code[pc + 1]]; D = fw + code[pc]; CV.truncI64S(A, i32, D); pc += 2; return pc; }
    case Op.i64_trunc_f32_u_r: { A = f32[fw + code[pc + 1]]; D = fw + code[pc]; CV.truncI64U(A, i32, D); pc += 2; return pc; }
    case Op.i64_trunc_f64_s_r: { A = f64[(fw + code[pc + 1]) >> 1]; D = fw + code[pc]; CV.truncI64S(A, i32, D); pc += 2; return pc; }
    case Op.i64_trunc_f64_u_r: { A = f64[(fw + code[pc + 1]) >> 1]; D = fw + code[pc]; CV.truncI64U(A, i32, D); pc += 2; return pc; }
    case Op.f32_convert_i32_s_r: { A = i32[fw + code[pc + 1]]; f32[fw + code[pc]] = A; pc += 2; return pc; }
    case Op.f32_convert_i32_u_r: { A = i32[fw + code[pc + 1]]; f32[fw + code[pc]] = A >>> 0; pc += 2; return pc; }
    case Op.f32_convert_i64_s_r: { AL = fw + code[pc + 1]; AH = i32[AL + 1]; AL = i32[AL]; f32[fw + code[pc]] = CV.i64ToF32(AL, AH, true); pc += 2; return pc; }
    case Op.f32_convert_i64_u_r: { AL = fw + code[pc + 1]; AH = i32[AL + 1]; AL = i32[AL]; f32[fw + code[pc]] = CV.i64ToF32(AL, AH, false); pc += 2; return pc; }
    case Op.f64_convert_i64_s_r: { AL = fw + code[pc + 1]; AH = i32[AL + 1]; AL = i32[AL]; f64[(fw + code[pc]) >> 1] = CV.i64ToF64(AL, AH, true); pc += 2; return pc; }
    case Op.f64_convert_i64_u_r: { AL = fw + code[pc + 1]; AH = i32[AL + 1]; AL = i32[AL]; f64[(fw + code[pc]) >> 1] = CV.i64ToF64(AL, AH, false); pc += 2; return pc; }
    case Op.i32_trunc_sat_f32_s_r: { A = f32[fw + code[pc + 1]]; i32[fw + code[pc]] = CV.truncSatI32S(A); pc += 2; return pc; }
    case Op.i32_trunc_sat_f32_u_r: { A = f32[fw + code[pc + 1]]; i32[fw + code[pc]] = CV.truncSatI32U(A); pc += 2; return pc; }
    case Op.i32_trunc_sat_f64_s_r: { A = f64[(fw + code[pc + 1]) >> 1]; i32[fw + code[pc]] = CV.truncSatI32S(A); pc += 2; return pc; }
    case Op.i32_trunc_sat_f64_u_r: { A = f64[(fw + code[pc + 1]) >> 1]; i32[fw + code[pc]] = CV.truncSatI32U(A); pc += 2; return pc; }
    case Op.i64_trunc_sat_f32_s_r: { A = f32[fw + code[pc + 1]]; D = fw + code[pc]; CV.truncSatI64S(A, i32, D); pc += 2; return pc; }
    case Op.i64_trunc_sat_f32_u_r: { A = f32[fw + code[pc + 1]]; D = fw + code[pc]; CV.truncSatI64U(A, i32, D); pc += 2; return pc; }
    case Op.i64_trunc_sat_f64_s_r: { A = f64[(fw + code[pc + 1]) >> 1]; D = fw + code[pc]; CV.truncSatI64S(A, i32, D); pc += 2; return pc; }
    case Op.i64_trunc_sat_f64_u_r: { A = f64[(fw + code[pc + 1]) >> 1]; D = fw + code[pc]; CV.truncSatI64U(A, i32, D); pc += 2; return pc; }
    // </reg-ops>
    // Deterministic profile: the translator puts one of these after each NaN-producing instruction.
    case Op.canon_f32: canonF32(i32, fw + code[pc]); return pc + 1;
    case Op.canon_f64: canonF64(i32, fw + code[pc]); return pc + 1;
    case Op.canon_f32x4: canonF32x4(i32, fw + code[pc]); return pc + 1;
    case Op.canon_f64x2: canonF64x2(i32, fw + code[pc]); return pc + 1;
  }
  throw new Error(`interpreter: unexpected cold op ${code[pc - 1]}`);
}
