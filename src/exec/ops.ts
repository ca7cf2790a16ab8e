/**
 * Internal opcode numbers of the interpreter's code: one member per row of the opcode table
 * (`OPCODES[i].key` with '.' -> '_' and '/' -> '$'), with the row's index as value, followed by
 * synthetic ops that exist only in translated code.
 *
 * Generated from src/syntax/opcodes.ts (a const enum so that `switch` cases are literals and V8
 * builds a jump table). test/exec/ops.test.ts fails if this drifts from the table; regenerate then.
 */
export const enum Op {
  unreachable = 0,
  nop = 1,
  block = 2,
  loop = 3,
  if = 4,
  else = 5,
  try = 6,
  catch = 7,
  throw = 8,
  rethrow = 9,
  throw_ref = 10,
  end = 11,
  br = 12,
  br_if = 13,
  br_table = 14,
  return = 15,
  call = 16,
  call_indirect = 17,
  return_call = 18,
  return_call_indirect = 19,
  call_ref = 20,
  return_call_ref = 21,
  delegate = 22,
  catch_all = 23,
  drop = 24,
  select = 25,
  select$typed = 26,
  try_table = 27,
  local_get = 28,
  local_set = 29,
  local_tee = 30,
  global_get = 31,
  global_set = 32,
  table_get = 33,
  table_set = 34,
  i32_load = 35,
  i64_load = 36,
  f32_load = 37,
  f64_load = 38,
  i32_load8_s = 39,
  i32_load8_u = 40,
  i32_load16_s = 41,
  i32_load16_u = 42,
  i64_load8_s = 43,
  i64_load8_u = 44,
  i64_load16_s = 45,
  i64_load16_u = 46,
  i64_load32_s = 47,
  i64_load32_u = 48,
  i32_store = 49,
  i64_store = 50,
  f32_store = 51,
  f64_store = 52,
  i32_store8 = 53,
  i32_store16 = 54,
  i64_store8 = 55,
  i64_store16 = 56,
  i64_store32 = 57,
  memory_size = 58,
  memory_grow = 59,
  i32_const = 60,
  i64_const = 61,
  f32_const = 62,
  f64_const = 63,
  i32_eqz = 64,
  i32_eq = 65,
  i32_ne = 66,
  i32_lt_s = 67,
  i32_lt_u = 68,
  i32_gt_s = 69,
  i32_gt_u = 70,
  i32_le_s = 71,
  i32_le_u = 72,
  i32_ge_s = 73,
  i32_ge_u = 74,
  i64_eqz = 75,
  i64_eq = 76,
  i64_ne = 77,
  i64_lt_s = 78,
  i64_lt_u = 79,
  i64_gt_s = 80,
  i64_gt_u = 81,
  i64_le_s = 82,
  i64_le_u = 83,
  i64_ge_s = 84,
  i64_ge_u = 85,
  f32_eq = 86,
  f32_ne = 87,
  f32_lt = 88,
  f32_gt = 89,
  f32_le = 90,
  f32_ge = 91,
  f64_eq = 92,
  f64_ne = 93,
  f64_lt = 94,
  f64_gt = 95,
  f64_le = 96,
  f64_ge = 97,
  i32_clz = 98,
  i32_ctz = 99,
  i32_popcnt = 100,
  i32_add = 101,
  i32_sub = 102,
  i32_mul = 103,
  i32_div_s = 104,
  i32_div_u = 105,
  i32_rem_s = 106,
  i32_rem_u = 107,
  i32_and = 108,
  i32_or = 109,
  i32_xor = 110,
  i32_shl = 111,
  i32_shr_s = 112,
  i32_shr_u = 113,
  i32_rotl = 114,
  i32_rotr = 115,
  i64_clz = 116,
  i64_ctz = 117,
  i64_popcnt = 118,
  i64_add = 119,
  i64_sub = 120,
  i64_mul = 121,
  i64_div_s = 122,
  i64_div_u = 123,
  i64_rem_s = 124,
  i64_rem_u = 125,
  i64_and = 126,
  i64_or = 127,
  i64_xor = 128,
  i64_shl = 129,
  i64_shr_s = 130,
  i64_shr_u = 131,
  i64_rotl = 132,
  i64_rotr = 133,
  f32_abs = 134,
  f32_neg = 135,
  f32_ceil = 136,
  f32_floor = 137,
  f32_trunc = 138,
  f32_nearest = 139,
  f32_sqrt = 140,
  f32_add = 141,
  f32_sub = 142,
  f32_mul = 143,
  f32_div = 144,
  f32_min = 145,
  f32_max = 146,
  f32_copysign = 147,
  f64_abs = 148,
  f64_neg = 149,
  f64_ceil = 150,
  f64_floor = 151,
  f64_trunc = 152,
  f64_nearest = 153,
  f64_sqrt = 154,
  f64_add = 155,
  f64_sub = 156,
  f64_mul = 157,
  f64_div = 158,
  f64_min = 159,
  f64_max = 160,
  f64_copysign = 161,
  i32_wrap_i64 = 162,
  i32_trunc_f32_s = 163,
  i32_trunc_f32_u = 164,
  i32_trunc_f64_s = 165,
  i32_trunc_f64_u = 166,
  i64_extend_i32_s = 167,
  i64_extend_i32_u = 168,
  i64_trunc_f32_s = 169,
  i64_trunc_f32_u = 170,
  i64_trunc_f64_s = 171,
  i64_trunc_f64_u = 172,
  f32_convert_i32_s = 173,
  f32_convert_i32_u = 174,
  f32_convert_i64_s = 175,
  f32_convert_i64_u = 176,
  f32_demote_f64 = 177,
  f64_convert_i32_s = 178,
  f64_convert_i32_u = 179,
  f64_convert_i64_s = 180,
  f64_convert_i64_u = 181,
  f64_promote_f32 = 182,
  i32_reinterpret_f32 = 183,
  i64_reinterpret_f64 = 184,
  f32_reinterpret_i32 = 185,
  f64_reinterpret_i64 = 186,
  i32_extend8_s = 187,
  i32_extend16_s = 188,
  i64_extend8_s = 189,
  i64_extend16_s = 190,
  i64_extend32_s = 191,
  ref_null = 192,
  ref_is_null = 193,
  ref_func = 194,
  ref_eq = 195,
  ref_as_non_null = 196,
  br_on_null = 197,
  br_on_non_null = 198,
  cont_new = 199,
  cont_bind = 200,
  suspend = 201,
  resume = 202,
  resume_throw = 203,
  resume_throw_ref = 204,
  switch = 205,
  struct_new = 206,
  struct_new_default = 207,
  struct_get = 208,
  struct_get_s = 209,
  struct_get_u = 210,
  struct_set = 211,
  array_new = 212,
  array_new_default = 213,
  array_new_fixed = 214,
  array_new_data = 215,
  array_new_elem = 216,
  array_get = 217,
  array_get_s = 218,
  array_get_u = 219,
  array_set = 220,
  array_len = 221,
  array_fill = 222,
  array_copy = 223,
  array_init_data = 224,
  array_init_elem = 225,
  ref_test = 226,
  ref_test$null = 227,
  ref_cast = 228,
  ref_cast$null = 229,
  br_on_cast = 230,
  br_on_cast_fail = 231,
  any_convert_extern = 232,
  extern_convert_any = 233,
  ref_i31 = 234,
  i31_get_s = 235,
  i31_get_u = 236,
  struct_new_desc = 237,
  struct_new_default_desc = 238,
  ref_get_desc = 239,
  ref_cast_desc_eq = 240,
  ref_cast_desc_eq$null = 241,
  br_on_cast_desc_eq = 242,
  br_on_cast_desc_eq_fail = 243,
  i32_trunc_sat_f32_s = 244,
  i32_trunc_sat_f32_u = 245,
  i32_trunc_sat_f64_s = 246,
  i32_trunc_sat_f64_u = 247,
  i64_trunc_sat_f32_s = 248,
  i64_trunc_sat_f32_u = 249,
  i64_trunc_sat_f64_s = 250,
  i64_trunc_sat_f64_u = 251,
  memory_init = 252,
  data_drop = 253,
  memory_copy = 254,
  memory_fill = 255,
  table_init = 256,
  elem_drop = 257,
  table_copy = 258,
  table_grow = 259,
  table_size = 260,
  table_fill = 261,
  i64_add128 = 262,
  i64_sub128 = 263,
  i64_mul_wide_s = 264,
  i64_mul_wide_u = 265,
  v128_load = 266,
  v128_load8x8_s = 267,
  v128_load8x8_u = 268,
  v128_load16x4_s = 269,
  v128_load16x4_u = 270,
  v128_load32x2_s = 271,
  v128_load32x2_u = 272,
  v128_load8_splat = 273,
  v128_load16_splat = 274,
  v128_load32_splat = 275,
  v128_load64_splat = 276,
  v128_store = 277,
  v128_const = 278,
  i8x16_shuffle = 279,
  i8x16_swizzle = 280,
  i8x16_splat = 281,
  i16x8_splat = 282,
  i32x4_splat = 283,
  i64x2_splat = 284,
  f32x4_splat = 285,
  f64x2_splat = 286,
  i8x16_extract_lane_s = 287,
  i8x16_extract_lane_u = 288,
  i8x16_replace_lane = 289,
  i16x8_extract_lane_s = 290,
  i16x8_extract_lane_u = 291,
  i16x8_replace_lane = 292,
  i32x4_extract_lane = 293,
  i32x4_replace_lane = 294,
  i64x2_extract_lane = 295,
  i64x2_replace_lane = 296,
  f32x4_extract_lane = 297,
  f32x4_replace_lane = 298,
  f64x2_extract_lane = 299,
  f64x2_replace_lane = 300,
  i8x16_eq = 301,
  i8x16_ne = 302,
  i8x16_lt_s = 303,
  i8x16_lt_u = 304,
  i8x16_gt_s = 305,
  i8x16_gt_u = 306,
  i8x16_le_s = 307,
  i8x16_le_u = 308,
  i8x16_ge_s = 309,
  i8x16_ge_u = 310,
  i16x8_eq = 311,
  i16x8_ne = 312,
  i16x8_lt_s = 313,
  i16x8_lt_u = 314,
  i16x8_gt_s = 315,
  i16x8_gt_u = 316,
  i16x8_le_s = 317,
  i16x8_le_u = 318,
  i16x8_ge_s = 319,
  i16x8_ge_u = 320,
  i32x4_eq = 321,
  i32x4_ne = 322,
  i32x4_lt_s = 323,
  i32x4_lt_u = 324,
  i32x4_gt_s = 325,
  i32x4_gt_u = 326,
  i32x4_le_s = 327,
  i32x4_le_u = 328,
  i32x4_ge_s = 329,
  i32x4_ge_u = 330,
  f32x4_eq = 331,
  f32x4_ne = 332,
  f32x4_lt = 333,
  f32x4_gt = 334,
  f32x4_le = 335,
  f32x4_ge = 336,
  f64x2_eq = 337,
  f64x2_ne = 338,
  f64x2_lt = 339,
  f64x2_gt = 340,
  f64x2_le = 341,
  f64x2_ge = 342,
  v128_not = 343,
  v128_and = 344,
  v128_andnot = 345,
  v128_or = 346,
  v128_xor = 347,
  v128_bitselect = 348,
  v128_any_true = 349,
  v128_load8_lane = 350,
  v128_load16_lane = 351,
  v128_load32_lane = 352,
  v128_load64_lane = 353,
  v128_store8_lane = 354,
  v128_store16_lane = 355,
  v128_store32_lane = 356,
  v128_store64_lane = 357,
  v128_load32_zero = 358,
  v128_load64_zero = 359,
  f32x4_demote_f64x2_zero = 360,
  f64x2_promote_low_f32x4 = 361,
  i8x16_abs = 362,
  i8x16_neg = 363,
  i8x16_popcnt = 364,
  i8x16_all_true = 365,
  i8x16_bitmask = 366,
  i8x16_narrow_i16x8_s = 367,
  i8x16_narrow_i16x8_u = 368,
  f32x4_ceil = 369,
  f32x4_floor = 370,
  f32x4_trunc = 371,
  f32x4_nearest = 372,
  i8x16_shl = 373,
  i8x16_shr_s = 374,
  i8x16_shr_u = 375,
  i8x16_add = 376,
  i8x16_add_sat_s = 377,
  i8x16_add_sat_u = 378,
  i8x16_sub = 379,
  i8x16_sub_sat_s = 380,
  i8x16_sub_sat_u = 381,
  f64x2_ceil = 382,
  f64x2_floor = 383,
  i8x16_min_s = 384,
  i8x16_min_u = 385,
  i8x16_max_s = 386,
  i8x16_max_u = 387,
  f64x2_trunc = 388,
  i8x16_avgr_u = 389,
  i16x8_extadd_pairwise_i8x16_s = 390,
  i16x8_extadd_pairwise_i8x16_u = 391,
  i32x4_extadd_pairwise_i16x8_s = 392,
  i32x4_extadd_pairwise_i16x8_u = 393,
  i16x8_abs = 394,
  i16x8_neg = 395,
  i16x8_q15mulr_sat_s = 396,
  i16x8_all_true = 397,
  i16x8_bitmask = 398,
  i16x8_narrow_i32x4_s = 399,
  i16x8_narrow_i32x4_u = 400,
  i16x8_extend_low_i8x16_s = 401,
  i16x8_extend_high_i8x16_s = 402,
  i16x8_extend_low_i8x16_u = 403,
  i16x8_extend_high_i8x16_u = 404,
  i16x8_shl = 405,
  i16x8_shr_s = 406,
  i16x8_shr_u = 407,
  i16x8_add = 408,
  i16x8_add_sat_s = 409,
  i16x8_add_sat_u = 410,
  i16x8_sub = 411,
  i16x8_sub_sat_s = 412,
  i16x8_sub_sat_u = 413,
  f64x2_nearest = 414,
  i16x8_mul = 415,
  i16x8_min_s = 416,
  i16x8_min_u = 417,
  i16x8_max_s = 418,
  i16x8_max_u = 419,
  i16x8_avgr_u = 420,
  i16x8_extmul_low_i8x16_s = 421,
  i16x8_extmul_high_i8x16_s = 422,
  i16x8_extmul_low_i8x16_u = 423,
  i16x8_extmul_high_i8x16_u = 424,
  i32x4_abs = 425,
  i32x4_neg = 426,
  i32x4_all_true = 427,
  i32x4_bitmask = 428,
  i32x4_extend_low_i16x8_s = 429,
  i32x4_extend_high_i16x8_s = 430,
  i32x4_extend_low_i16x8_u = 431,
  i32x4_extend_high_i16x8_u = 432,
  i32x4_shl = 433,
  i32x4_shr_s = 434,
  i32x4_shr_u = 435,
  i32x4_add = 436,
  i32x4_sub = 437,
  i32x4_mul = 438,
  i32x4_min_s = 439,
  i32x4_min_u = 440,
  i32x4_max_s = 441,
  i32x4_max_u = 442,
  i32x4_dot_i16x8_s = 443,
  i32x4_extmul_low_i16x8_s = 444,
  i32x4_extmul_high_i16x8_s = 445,
  i32x4_extmul_low_i16x8_u = 446,
  i32x4_extmul_high_i16x8_u = 447,
  i64x2_abs = 448,
  i64x2_neg = 449,
  i64x2_all_true = 450,
  i64x2_bitmask = 451,
  i64x2_extend_low_i32x4_s = 452,
  i64x2_extend_high_i32x4_s = 453,
  i64x2_extend_low_i32x4_u = 454,
  i64x2_extend_high_i32x4_u = 455,
  i64x2_shl = 456,
  i64x2_shr_s = 457,
  i64x2_shr_u = 458,
  i64x2_add = 459,
  i64x2_sub = 460,
  i64x2_mul = 461,
  i64x2_eq = 462,
  i64x2_ne = 463,
  i64x2_lt_s = 464,
  i64x2_gt_s = 465,
  i64x2_le_s = 466,
  i64x2_ge_s = 467,
  i64x2_extmul_low_i32x4_s = 468,
  i64x2_extmul_high_i32x4_s = 469,
  i64x2_extmul_low_i32x4_u = 470,
  i64x2_extmul_high_i32x4_u = 471,
  f32x4_abs = 472,
  f32x4_neg = 473,
  f32x4_sqrt = 474,
  f32x4_add = 475,
  f32x4_sub = 476,
  f32x4_mul = 477,
  f32x4_div = 478,
  f32x4_min = 479,
  f32x4_max = 480,
  f32x4_pmin = 481,
  f32x4_pmax = 482,
  f64x2_abs = 483,
  f64x2_neg = 484,
  f64x2_sqrt = 485,
  f64x2_add = 486,
  f64x2_sub = 487,
  f64x2_mul = 488,
  f64x2_div = 489,
  f64x2_min = 490,
  f64x2_max = 491,
  f64x2_pmin = 492,
  f64x2_pmax = 493,
  i32x4_trunc_sat_f32x4_s = 494,
  i32x4_trunc_sat_f32x4_u = 495,
  f32x4_convert_i32x4_s = 496,
  f32x4_convert_i32x4_u = 497,
  i32x4_trunc_sat_f64x2_s_zero = 498,
  i32x4_trunc_sat_f64x2_u_zero = 499,
  f64x2_convert_low_i32x4_s = 500,
  f64x2_convert_low_i32x4_u = 501,
  i8x16_relaxed_swizzle = 502,
  i32x4_relaxed_trunc_f32x4_s = 503,
  i32x4_relaxed_trunc_f32x4_u = 504,
  i32x4_relaxed_trunc_f64x2_s_zero = 505,
  i32x4_relaxed_trunc_f64x2_u_zero = 506,
  f32x4_relaxed_madd = 507,
  f32x4_relaxed_nmadd = 508,
  f64x2_relaxed_madd = 509,
  f64x2_relaxed_nmadd = 510,
  i8x16_relaxed_laneselect = 511,
  i16x8_relaxed_laneselect = 512,
  i32x4_relaxed_laneselect = 513,
  i64x2_relaxed_laneselect = 514,
  f32x4_relaxed_min = 515,
  f32x4_relaxed_max = 516,
  f64x2_relaxed_min = 517,
  f64x2_relaxed_max = 518,
  i16x8_relaxed_q15mulr_s = 519,
  i16x8_relaxed_dot_i8x16_i7x16_s = 520,
  i32x4_relaxed_dot_i8x16_i7x16_add_s = 521,
  memory_atomic_notify = 522,
  memory_atomic_wait32 = 523,
  memory_atomic_wait64 = 524,
  atomic_fence = 525,
  i32_atomic_load = 526,
  i64_atomic_load = 527,
  i32_atomic_load8_u = 528,
  i32_atomic_load16_u = 529,
  i64_atomic_load8_u = 530,
  i64_atomic_load16_u = 531,
  i64_atomic_load32_u = 532,
  i32_atomic_store = 533,
  i64_atomic_store = 534,
  i32_atomic_store8 = 535,
  i32_atomic_store16 = 536,
  i64_atomic_store8 = 537,
  i64_atomic_store16 = 538,
  i64_atomic_store32 = 539,
  i32_atomic_rmw_add = 540,
  i64_atomic_rmw_add = 541,
  i32_atomic_rmw8_add_u = 542,
  i32_atomic_rmw16_add_u = 543,
  i64_atomic_rmw8_add_u = 544,
  i64_atomic_rmw16_add_u = 545,
  i64_atomic_rmw32_add_u = 546,
  i32_atomic_rmw_sub = 547,
  i64_atomic_rmw_sub = 548,
  i32_atomic_rmw8_sub_u = 549,
  i32_atomic_rmw16_sub_u = 550,
  i64_atomic_rmw8_sub_u = 551,
  i64_atomic_rmw16_sub_u = 552,
  i64_atomic_rmw32_sub_u = 553,
  i32_atomic_rmw_and = 554,
  i64_atomic_rmw_and = 555,
  i32_atomic_rmw8_and_u = 556,
  i32_atomic_rmw16_and_u = 557,
  i64_atomic_rmw8_and_u = 558,
  i64_atomic_rmw16_and_u = 559,
  i64_atomic_rmw32_and_u = 560,
  i32_atomic_rmw_or = 561,
  i64_atomic_rmw_or = 562,
  i32_atomic_rmw8_or_u = 563,
  i32_atomic_rmw16_or_u = 564,
  i64_atomic_rmw8_or_u = 565,
  i64_atomic_rmw16_or_u = 566,
  i64_atomic_rmw32_or_u = 567,
  i32_atomic_rmw_xor = 568,
  i64_atomic_rmw_xor = 569,
  i32_atomic_rmw8_xor_u = 570,
  i32_atomic_rmw16_xor_u = 571,
  i64_atomic_rmw8_xor_u = 572,
  i64_atomic_rmw16_xor_u = 573,
  i64_atomic_rmw32_xor_u = 574,
  i32_atomic_rmw_xchg = 575,
  i64_atomic_rmw_xchg = 576,
  i32_atomic_rmw8_xchg_u = 577,
  i32_atomic_rmw16_xchg_u = 578,
  i64_atomic_rmw8_xchg_u = 579,
  i64_atomic_rmw16_xchg_u = 580,
  i64_atomic_rmw32_xchg_u = 581,
  i32_atomic_rmw_cmpxchg = 582,
  i64_atomic_rmw_cmpxchg = 583,
  i32_atomic_rmw8_cmpxchg_u = 584,
  i32_atomic_rmw16_cmpxchg_u = 585,
  i64_atomic_rmw8_cmpxchg_u = 586,
  i64_atomic_rmw16_cmpxchg_u = 587,
  i64_atomic_rmw32_cmpxchg_u = 588,
  ref_i31_shared = 589,
  global_atomic_get = 590,
  global_atomic_set = 591,
  global_atomic_rmw_add = 592,
  global_atomic_rmw_sub = 593,
  global_atomic_rmw_and = 594,
  global_atomic_rmw_or = 595,
  global_atomic_rmw_xor = 596,
  global_atomic_rmw_xchg = 597,
  global_atomic_rmw_cmpxchg = 598,
  table_atomic_get = 599,
  table_atomic_set = 600,
  table_atomic_rmw_xchg = 601,
  table_atomic_rmw_cmpxchg = 602,
  struct_atomic_get = 603,
  struct_atomic_get_s = 604,
  struct_atomic_get_u = 605,
  struct_atomic_set = 606,
  struct_atomic_rmw_add = 607,
  struct_atomic_rmw_sub = 608,
  struct_atomic_rmw_and = 609,
  struct_atomic_rmw_or = 610,
  struct_atomic_rmw_xor = 611,
  struct_atomic_rmw_xchg = 612,
  struct_atomic_rmw_cmpxchg = 613,
  array_atomic_get = 614,
  array_atomic_get_s = 615,
  array_atomic_get_u = 616,
  array_atomic_set = 617,
  array_atomic_rmw_add = 618,
  array_atomic_rmw_sub = 619,
  array_atomic_rmw_and = 620,
  array_atomic_rmw_or = 621,
  array_atomic_rmw_xor = 622,
  array_atomic_rmw_xchg = 623,
  array_atomic_rmw_cmpxchg = 624,
  // ---- synthetic ops (translated code only) ----
  FIRST_SYNTHETIC = 625,
  /** target: unconditional jump, no stack change */
  jump,
  /** target, height, arity: move the top arity slots down to fp+height, then jump */
  br_copy,
  /** target, height, arity: pop an i32; if non-zero, as br_copy */
  br_if_copy,
  /** n, then n+1 entries (target, height, arity); the last is the default */
  br_table_x,
  /** a, n, then n+1 targets: br_table on the i32 in slot a, no values move */
  br_table_r,
  /** a, i, s, k, offset, n, then n+1 targets: br_table_r on i32.load (slot a + (slot i << s) + k) (a switch on code[pc]) */
  br_table_load,
  /** d, a, k, then as br_table_load: local d = slot a + k first (`op = code[pc++]; switch (op)`) */
  br_table_load_addi,
  /** op, mem, offset lo, offset hi: a load/store not on the fast path (memory64, memory > 0, big offsets) */
  mem_slow,
  /** op, mem, offset lo, offset hi: a threads instruction with a memarg */
  atomic,
  /** op, nparams, imm index: a v128 instruction without memory access (SIMD_OPS) */
  simd,
  /** op, mem, offset lo, offset hi, imm index: a v128 memory instruction (SIMD_MEM_OPS) */
  simd_mem,
  /** arity, from: return the arity slots at fp+from to the caller */
  return_x,
  /** d, a, k, func, height: the last argument (slot d) = slot a + k, then call func (f(n - 1)) */
  call_addi,
  /** target: a backward jump to a loop head (consumes one unit of fuel) */
  loop_jump,
  /** local: push an i32/f32 local (one word) */
  local_get_w1,
  /** local: push an i64/f64 local (two words) */
  local_get_w2,
  /** local: push a reference local */
  local_get_ref,
  /** offset: call the instance's probe for this byte offset, if any (probes.ts) */
  probe,
  /** op: a plain load/store (op) on an (array i8) instead of a memory (multibyte-array) */
  array_mem,
  // ---- register forms (compile.ts virtual operand stack; operands are word offsets from fp) ----
  /** h: sp = fp + h (before a stack-form op that follows register ops) */
  sp_set,
  /** d, s: copy one word (i32/f32) */
  mov_w1,
  /** d, s: copy two words (i64/f64) */
  mov_w2,
  /** d, s: copy a whole slot (v128, or a value of unknown type) */
  mov_slot,
  /** d, s: copy a reference */
  mov_ref,
  /** d, k: write a one-word constant */
  const_w1,
  /** d, lo, hi: write a two-word constant */
  const_w2,
  /** a, target: jump if the i32 in slot a is non-zero (br_if) */
  br_nez,
  /** a, target: jump if the i32 in slot a is zero (if, br_if after i32.eqz) */
  br_eqz,
  /** d, g: global.get into slot d */
  global_get_r,
  /** g, a: global.set from slot a */
  global_set_r,
  /** d, a, b, c: select (one-word values) */
  select_w1,
  /** d, a, b, x, k: select (one-word values) on (slot x & k) != 0 (branchless `x & 1 ? a : b`) */
  select_w1_andi,
  /** d, a, b, c: select (two-word values) */
  select_w2,
  /** a: the f32 in slot a becomes the canonical NaN if it is a NaN (deterministic profile; behind reg_cold) */
  canon_f32,
  /** a: likewise for an f64 */
  canon_f64,
  /** a: likewise for each f32 lane of a v128 */
  canon_f32x4,
  /** a: likewise for each f64 lane of a v128 */
  canon_f64x2,
  /** op, operands...: a cold register op (reg-cold.ts `coldOp`) */
  reg_cold,
  /** Generated register ops follow (reg-table.ts; test/exec/reg-ops.test.ts regenerates them). */
  FIRST_REG,
  // <reg-ops>
  /** d, a, b: i32.add */
  i32_add_rr,
  /** d, a, k: i32.add */
  i32_add_ri,
  /** d, a, b: i32.sub */
  i32_sub_rr,
  /** d, a, k: i32.sub */
  i32_sub_ri,
  /** d, a, b: i32.mul */
  i32_mul_rr,
  /** d, a, k: i32.mul */
  i32_mul_ri,
  /** d, a, b: i32.div_s (cold) */
  i32_div_s_rr,
  /** d, a, k: i32.div_s (cold) */
  i32_div_s_ri,
  /** d, a, b: i32.div_u (cold) */
  i32_div_u_rr,
  /** d, a, k: i32.div_u (cold) */
  i32_div_u_ri,
  /** d, a, b: i32.rem_s (cold) */
  i32_rem_s_rr,
  /** d, a, k: i32.rem_s (cold) */
  i32_rem_s_ri,
  /** d, a, b: i32.rem_u (cold) */
  i32_rem_u_rr,
  /** d, a, k: i32.rem_u (cold) */
  i32_rem_u_ri,
  /** d, a, b: i32.and */
  i32_and_rr,
  /** d, a, k: i32.and */
  i32_and_ri,
  /** d, a, b: i32.or */
  i32_or_rr,
  /** d, a, k: i32.or */
  i32_or_ri,
  /** d, a, b: i32.xor */
  i32_xor_rr,
  /** d, a, k: i32.xor */
  i32_xor_ri,
  /** d, a, b: i32.shl */
  i32_shl_rr,
  /** d, a, k: i32.shl */
  i32_shl_ri,
  /** d, a, b: i32.shr_s */
  i32_shr_s_rr,
  /** d, a, k: i32.shr_s */
  i32_shr_s_ri,
  /** d, a, b: i32.shr_u */
  i32_shr_u_rr,
  /** d, a, k: i32.shr_u */
  i32_shr_u_ri,
  /** d, a, b: i32.rotl (cold) */
  i32_rotl_rr,
  /** d, a, k: i32.rotl (cold) */
  i32_rotl_ri,
  /** d, a, b: i32.rotr (cold) */
  i32_rotr_rr,
  /** d, a, k: i32.rotr (cold) */
  i32_rotr_ri,
  /** d, a, b: i32.eq */
  i32_eq_rr,
  /** d, a, k: i32.eq */
  i32_eq_ri,
  /** a, b, target: i32.eq; br_if */
  br_i32_eq_rr,
  /** a, k, target: i32.eq; br_if */
  br_i32_eq_ri,
  /** d, a, b: i32.ne */
  i32_ne_rr,
  /** d, a, k: i32.ne */
  i32_ne_ri,
  /** a, b, target: i32.ne; br_if */
  br_i32_ne_rr,
  /** a, k, target: i32.ne; br_if */
  br_i32_ne_ri,
  /** d, a, b: i32.lt_s */
  i32_lt_s_rr,
  /** d, a, k: i32.lt_s */
  i32_lt_s_ri,
  /** a, b, target: i32.lt_s; br_if */
  br_i32_lt_s_rr,
  /** a, k, target: i32.lt_s; br_if */
  br_i32_lt_s_ri,
  /** d, a, b: i32.lt_u */
  i32_lt_u_rr,
  /** d, a, k: i32.lt_u */
  i32_lt_u_ri,
  /** a, b, target: i32.lt_u; br_if */
  br_i32_lt_u_rr,
  /** a, k, target: i32.lt_u; br_if */
  br_i32_lt_u_ri,
  /** d, a, b: i32.gt_s */
  i32_gt_s_rr,
  /** d, a, k: i32.gt_s */
  i32_gt_s_ri,
  /** a, b, target: i32.gt_s; br_if */
  br_i32_gt_s_rr,
  /** a, k, target: i32.gt_s; br_if */
  br_i32_gt_s_ri,
  /** d, a, b: i32.gt_u */
  i32_gt_u_rr,
  /** d, a, k: i32.gt_u */
  i32_gt_u_ri,
  /** a, b, target: i32.gt_u; br_if */
  br_i32_gt_u_rr,
  /** a, k, target: i32.gt_u; br_if */
  br_i32_gt_u_ri,
  /** d, a, b: i32.le_s (cold) */
  i32_le_s_rr,
  /** d, a, k: i32.le_s (cold) */
  i32_le_s_ri,
  /** a, b, target: i32.le_s; br_if */
  br_i32_le_s_rr,
  /** a, k, target: i32.le_s; br_if */
  br_i32_le_s_ri,
  /** d, a, b: i32.le_u (cold) */
  i32_le_u_rr,
  /** d, a, k: i32.le_u (cold) */
  i32_le_u_ri,
  /** a, b, target: i32.le_u; br_if */
  br_i32_le_u_rr,
  /** a, k, target: i32.le_u; br_if */
  br_i32_le_u_ri,
  /** d, a, b: i32.ge_s (cold) */
  i32_ge_s_rr,
  /** d, a, k: i32.ge_s (cold) */
  i32_ge_s_ri,
  /** a, b, target: i32.ge_s; br_if */
  br_i32_ge_s_rr,
  /** a, k, target: i32.ge_s; br_if */
  br_i32_ge_s_ri,
  /** d, a, b: i32.ge_u (cold) */
  i32_ge_u_rr,
  /** d, a, k: i32.ge_u (cold) */
  i32_ge_u_ri,
  /** a, b, target: i32.ge_u; br_if */
  br_i32_ge_u_rr,
  /** a, k, target: i32.ge_u; br_if */
  br_i32_ge_u_ri,
  /** d, a: i32.eqz */
  i32_eqz_r,
  /** d, a: i32.clz (cold) */
  i32_clz_r,
  /** d, a: i32.ctz (cold) */
  i32_ctz_r,
  /** d, a: i32.popcnt (cold) */
  i32_popcnt_r,
  /** d, a: i32.extend8_s (cold) */
  i32_extend8_s_r,
  /** d, a: i32.extend16_s (cold) */
  i32_extend16_s_r,
  /** d, a, b: i64.add */
  i64_add_rr,
  /** d, a, k: i64.add */
  i64_add_ri,
  /** d, a, b: i64.sub */
  i64_sub_rr,
  /** d, a, k: i64.sub */
  i64_sub_ri,
  /** d, a, b: i64.mul */
  i64_mul_rr,
  /** d, a, k: i64.mul */
  i64_mul_ri,
  /** d, a, b: i64.and */
  i64_and_rr,
  /** d, a, k: i64.and */
  i64_and_ri,
  /** d, a, b: i64.or */
  i64_or_rr,
  /** d, a, k: i64.or */
  i64_or_ri,
  /** d, a, b: i64.xor */
  i64_xor_rr,
  /** d, a, k: i64.xor */
  i64_xor_ri,
  /** d, a, b: i64.shl */
  i64_shl_rr,
  /** d, a, k: i64.shl */
  i64_shl_ri,
  /** d, a, b: i64.shr_s */
  i64_shr_s_rr,
  /** d, a, k: i64.shr_s */
  i64_shr_s_ri,
  /** d, a, b: i64.shr_u */
  i64_shr_u_rr,
  /** d, a, k: i64.shr_u */
  i64_shr_u_ri,
  /** d, a, b: i64.rotl */
  i64_rotl_rr,
  /** d, a, k: i64.rotl */
  i64_rotl_ri,
  /** d, a, b: i64.rotr (cold) */
  i64_rotr_rr,
  /** d, a, k: i64.rotr (cold) */
  i64_rotr_ri,
  /** d, a, b: i64.eq (cold) */
  i64_eq_rr,
  /** d, a, k: i64.eq (cold) */
  i64_eq_ri,
  /** d, a, b: i64.ne (cold) */
  i64_ne_rr,
  /** d, a, k: i64.ne (cold) */
  i64_ne_ri,
  /** d, a, b: i64.lt_s (cold) */
  i64_lt_s_rr,
  /** d, a, k: i64.lt_s (cold) */
  i64_lt_s_ri,
  /** d, a, b: i64.lt_u (cold) */
  i64_lt_u_rr,
  /** d, a, k: i64.lt_u (cold) */
  i64_lt_u_ri,
  /** d, a, b: i64.gt_s (cold) */
  i64_gt_s_rr,
  /** d, a, k: i64.gt_s (cold) */
  i64_gt_s_ri,
  /** d, a, b: i64.gt_u (cold) */
  i64_gt_u_rr,
  /** d, a, k: i64.gt_u (cold) */
  i64_gt_u_ri,
  /** d, a, b: i64.le_s (cold) */
  i64_le_s_rr,
  /** d, a, k: i64.le_s (cold) */
  i64_le_s_ri,
  /** d, a, b: i64.le_u (cold) */
  i64_le_u_rr,
  /** d, a, k: i64.le_u (cold) */
  i64_le_u_ri,
  /** d, a, b: i64.ge_s (cold) */
  i64_ge_s_rr,
  /** d, a, k: i64.ge_s (cold) */
  i64_ge_s_ri,
  /** d, a, b: i64.ge_u (cold) */
  i64_ge_u_rr,
  /** d, a, k: i64.ge_u (cold) */
  i64_ge_u_ri,
  /** d, a: i64.eqz */
  i64_eqz_r,
  /** d, a: i64.clz (cold) */
  i64_clz_r,
  /** d, a: i64.ctz (cold) */
  i64_ctz_r,
  /** d, a: i64.popcnt (cold) */
  i64_popcnt_r,
  /** d, a: i64.extend8_s (cold) */
  i64_extend8_s_r,
  /** d, a: i64.extend16_s (cold) */
  i64_extend16_s_r,
  /** d, a: i64.extend32_s (cold) */
  i64_extend32_s_r,
  /** d, a, b: f32.add */
  f32_add_rr,
  /** d, a, k: f32.add */
  f32_add_ri,
  /** d, a, b: f32.sub */
  f32_sub_rr,
  /** d, a, k: f32.sub */
  f32_sub_ri,
  /** d, a, b: f32.mul */
  f32_mul_rr,
  /** d, a, k: f32.mul */
  f32_mul_ri,
  /** d, a, b: f32.div */
  f32_div_rr,
  /** d, a, k: f32.div (cold) */
  f32_div_ri,
  /** d, a, b: f32.min (cold) */
  f32_min_rr,
  /** d, a, b: f32.max (cold) */
  f32_max_rr,
  /** d, a, b: f32.copysign (cold) */
  f32_copysign_rr,
  /** d, a, k: f32.copysign (cold) */
  f32_copysign_ri,
  /** d, a, b: f32.eq (cold) */
  f32_eq_rr,
  /** d, a, k: f32.eq (cold) */
  f32_eq_ri,
  /** d, a, b: f32.ne (cold) */
  f32_ne_rr,
  /** d, a, k: f32.ne (cold) */
  f32_ne_ri,
  /** d, a, b: f32.lt (cold) */
  f32_lt_rr,
  /** d, a, k: f32.lt (cold) */
  f32_lt_ri,
  /** d, a, b: f32.gt (cold) */
  f32_gt_rr,
  /** d, a, k: f32.gt (cold) */
  f32_gt_ri,
  /** d, a, b: f32.le (cold) */
  f32_le_rr,
  /** d, a, k: f32.le (cold) */
  f32_le_ri,
  /** d, a, b: f32.ge (cold) */
  f32_ge_rr,
  /** d, a, k: f32.ge (cold) */
  f32_ge_ri,
  /** d, a, b: f64.add */
  f64_add_rr,
  /** d, a, k: f64.add */
  f64_add_ri,
  /** d, a, b: f64.sub */
  f64_sub_rr,
  /** d, a, k: f64.sub */
  f64_sub_ri,
  /** d, a, b: f64.mul */
  f64_mul_rr,
  /** d, a, k: f64.mul */
  f64_mul_ri,
  /** d, a, b: f64.div */
  f64_div_rr,
  /** d, a, k: f64.div */
  f64_div_ri,
  /** d, a, b: f64.min (cold) */
  f64_min_rr,
  /** d, a, b: f64.max (cold) */
  f64_max_rr,
  /** d, a, b: f64.copysign (cold) */
  f64_copysign_rr,
  /** d, a, b: f64.eq (cold) */
  f64_eq_rr,
  /** d, a, k: f64.eq (cold) */
  f64_eq_ri,
  /** d, a, b: f64.ne (cold) */
  f64_ne_rr,
  /** d, a, k: f64.ne (cold) */
  f64_ne_ri,
  /** d, a, b: f64.lt */
  f64_lt_rr,
  /** d, a, k: f64.lt */
  f64_lt_ri,
  /** a, b, target: f64.lt; br_if */
  br_f64_lt_rr,
  /** a, b, target: f64.lt; if (jump when false) */
  brn_f64_lt_rr,
  /** a, k, target: f64.lt; br_if */
  br_f64_lt_ri,
  /** a, k, target: f64.lt; if (jump when false) */
  brn_f64_lt_ri,
  /** d, a, b: f64.gt */
  f64_gt_rr,
  /** d, a, k: f64.gt */
  f64_gt_ri,
  /** a, b, target: f64.gt; br_if */
  br_f64_gt_rr,
  /** a, b, target: f64.gt; if (jump when false) */
  brn_f64_gt_rr,
  /** a, k, target: f64.gt; br_if */
  br_f64_gt_ri,
  /** a, k, target: f64.gt; if (jump when false) */
  brn_f64_gt_ri,
  /** d, a, b: f64.le */
  f64_le_rr,
  /** d, a, k: f64.le */
  f64_le_ri,
  /** a, b, target: f64.le; br_if */
  br_f64_le_rr,
  /** a, b, target: f64.le; if (jump when false) */
  brn_f64_le_rr,
  /** a, k, target: f64.le; br_if */
  br_f64_le_ri,
  /** a, k, target: f64.le; if (jump when false) */
  brn_f64_le_ri,
  /** d, a, b: f64.ge */
  f64_ge_rr,
  /** d, a, k: f64.ge */
  f64_ge_ri,
  /** a, b, target: f64.ge; br_if */
  br_f64_ge_rr,
  /** a, b, target: f64.ge; if (jump when false) */
  brn_f64_ge_rr,
  /** a, k, target: f64.ge; br_if */
  br_f64_ge_ri,
  /** a, k, target: f64.ge; if (jump when false) */
  brn_f64_ge_ri,
  /** d, a: f32.abs (cold) */
  f32_abs_r,
  /** d, a: f32.neg (cold) */
  f32_neg_r,
  /** d, a: f32.ceil (cold) */
  f32_ceil_r,
  /** d, a: f32.floor (cold) */
  f32_floor_r,
  /** d, a: f32.trunc (cold) */
  f32_trunc_r,
  /** d, a: f32.nearest (cold) */
  f32_nearest_r,
  /** d, a: f32.sqrt (cold) */
  f32_sqrt_r,
  /** d, a: f64.abs */
  f64_abs_r,
  /** d, a: f64.neg */
  f64_neg_r,
  /** d, a: f64.ceil (cold) */
  f64_ceil_r,
  /** d, a: f64.floor (cold) */
  f64_floor_r,
  /** d, a: f64.trunc (cold) */
  f64_trunc_r,
  /** d, a: f64.nearest (cold) */
  f64_nearest_r,
  /** d, a: f64.sqrt */
  f64_sqrt_r,
  /** d, a: i32.trunc_f32_s (cold) */
  i32_trunc_f32_s_r,
  /** d, a: i32.trunc_f32_u (cold) */
  i32_trunc_f32_u_r,
  /** d, a: i32.trunc_f64_s */
  i32_trunc_f64_s_r,
  /** d, a: i32.trunc_f64_u (cold) */
  i32_trunc_f64_u_r,
  /** d, a: i64.extend_i32_s */
  i64_extend_i32_s_r,
  /** d, a: i64.extend_i32_u */
  i64_extend_i32_u_r,
  /** d, a: i64.trunc_f32_s (cold) */
  i64_trunc_f32_s_r,
  /** d, a: i64.trunc_f32_u (cold) */
  i64_trunc_f32_u_r,
  /** d, a: i64.trunc_f64_s (cold) */
  i64_trunc_f64_s_r,
  /** d, a: i64.trunc_f64_u (cold) */
  i64_trunc_f64_u_r,
  /** d, a: f32.convert_i32_s (cold) */
  f32_convert_i32_s_r,
  /** d, a: f32.convert_i32_u (cold) */
  f32_convert_i32_u_r,
  /** d, a: f32.convert_i64_s (cold) */
  f32_convert_i64_s_r,
  /** d, a: f32.convert_i64_u (cold) */
  f32_convert_i64_u_r,
  /** d, a: f32.demote_f64 */
  f32_demote_f64_r,
  /** d, a: f64.convert_i32_s */
  f64_convert_i32_s_r,
  /** d, a: f64.convert_i32_u */
  f64_convert_i32_u_r,
  /** d, a: f64.convert_i64_s (cold) */
  f64_convert_i64_s_r,
  /** d, a: f64.convert_i64_u (cold) */
  f64_convert_i64_u_r,
  /** d, a: f64.promote_f32 */
  f64_promote_f32_r,
  /** d, a: i32.trunc_sat_f32_s (cold) */
  i32_trunc_sat_f32_s_r,
  /** d, a: i32.trunc_sat_f32_u (cold) */
  i32_trunc_sat_f32_u_r,
  /** d, a: i32.trunc_sat_f64_s (cold) */
  i32_trunc_sat_f64_s_r,
  /** d, a: i32.trunc_sat_f64_u (cold) */
  i32_trunc_sat_f64_u_r,
  /** d, a: i64.trunc_sat_f32_s (cold) */
  i64_trunc_sat_f32_s_r,
  /** d, a: i64.trunc_sat_f32_u (cold) */
  i64_trunc_sat_f32_u_r,
  /** d, a: i64.trunc_sat_f64_s (cold) */
  i64_trunc_sat_f64_s_r,
  /** d, a: i64.trunc_sat_f64_u (cold) */
  i64_trunc_sat_f64_u_r,
  /** d, a, k, offset: i32.load (address: slot a + k) */
  i32_load_r,
  /** d, a, i, s, k, offset: i32.load (address: slot a + (slot i << s) + k) */
  i32_load_x,
  /** d, a, k, offset: i64.load (address: slot a + k) */
  i64_load_r,
  /** d, a, i, s, k, offset: i64.load (address: slot a + (slot i << s) + k) */
  i64_load_x,
  /** d, a, k, offset: i32.load8_s (address: slot a + k) */
  i32_load8_s_r,
  /** d, a, k, offset: i32.load8_u (address: slot a + k) */
  i32_load8_u_r,
  /** d, a, i, s, k, offset: i32.load8_u (address: slot a + (slot i << s) + k) */
  i32_load8_u_x,
  /** d, a, k, offset: i32.load16_s (address: slot a + k) */
  i32_load16_s_r,
  /** d, a, k, offset: i32.load16_u (address: slot a + k) */
  i32_load16_u_r,
  /** d, a, k, offset: i64.load8_s (address: slot a + k) */
  i64_load8_s_r,
  /** d, a, k, offset: i64.load8_u (address: slot a + k) */
  i64_load8_u_r,
  /** d, a, k, offset: i64.load16_s (address: slot a + k) */
  i64_load16_s_r,
  /** d, a, k, offset: i64.load16_u (address: slot a + k) */
  i64_load16_u_r,
  /** d, a, k, offset: i64.load32_s (address: slot a + k) */
  i64_load32_s_r,
  /** d, a, k, offset: i64.load32_u (address: slot a + k) */
  i64_load32_u_r,
  /** a, i, s, k, v, offset: i32.store (address: slot a + (slot i << s) + k; value in slot v) */
  i32_store_x,
  /** a, k, v, offset: i32.store (address: slot a + k; value in slot v) */
  i32_store_r,
  /** a, k, value (1 word), offset: i32.store of a constant */
  i32_store_ri,
  /** a, i, s, k, v, offset: i64.store (address: slot a + (slot i << s) + k; value in slot v) */
  i64_store_x,
  /** a, k, v, offset: i64.store (address: slot a + k; value in slot v) */
  i64_store_r,
  /** a, k, value (2 words), offset: i64.store of a constant */
  i64_store_ri,
  /** a, i, s, k, v, offset: i32.store8 (address: slot a + (slot i << s) + k; value in slot v) */
  i32_store8_x,
  /** a, k, v, offset: i32.store8 (address: slot a + k; value in slot v) */
  i32_store8_r,
  /** a, k, value (1 word), offset: i32.store8 of a constant */
  i32_store8_ri,
  /** a, k, v, offset: i32.store16 (address: slot a + k; value in slot v) */
  i32_store16_r,
  /** a, k, value (1 word), offset: i32.store16 of a constant */
  i32_store16_ri,
  /** d, a, k, offset: f64.load (address: slot a + k) */
  f64_load_r,
  /** d, a, i, s, k, offset: f64.load (address: slot a + (slot i << s) + k) */
  f64_load_x,
  /** a, i, s, k, v, offset: f64.store (address: slot a + (slot i << s) + k; value in slot v) */
  f64_store_x,
  /** a, k, v, offset: f64.store (address: slot a + k; value in slot v) */
  f64_store_r,
  /** d, a, b, c: f32.add(f32.mul(a, b), c) */
  f32_add_mul_L,
  /** d, a, b, c: f32.add(c, f32.mul(a, b)) */
  f32_add_mul_R,
  /** d, a, k, c: f32.add(f32.mul(a, b), c) */
  f32_add_muli_L,
  /** d, a, k, c: f32.add(c, f32.mul(a, b)) */
  f32_add_muli_R,
  /** d, a, b, c: f64.add(f64.mul(a, b), c) */
  f64_add_mul_L,
  /** d, a, b, c: f64.add(c, f64.mul(a, b)) */
  f64_add_mul_R,
  /** d, a, b, c: f64.add(f64.add(a, b), c) */
  f64_add_add_L,
  /** d, a, b, c: f64.add(c, f64.add(a, b)) */
  f64_add_add_R,
  /** d, a, b, c: f64.add(f64.sub(a, b), c) */
  f64_add_sub_L,
  /** d, a, b, c: f64.add(c, f64.sub(a, b)) */
  f64_add_sub_R,
  /** d, a, b, c: f64.sub(f64.mul(a, b), c) */
  f64_sub_mul_L,
  /** d, a, b, c: f64.sub(c, f64.mul(a, b)) */
  f64_sub_mul_R,
  /** d, a, b, c: f64.sub(f64.add(a, b), c) */
  f64_sub_add_L,
  /** d, a, b, c: f64.sub(c, f64.add(a, b)) */
  f64_sub_add_R,
  /** d, a, b, c: f64.sub(f64.sub(a, b), c) */
  f64_sub_sub_L,
  /** d, a, b, c: f64.sub(c, f64.sub(a, b)) */
  f64_sub_sub_R,
  /** d, a, b, c: f64.mul(f64.mul(a, b), c) */
  f64_mul_mul_L,
  /** d, a, b, c: f64.mul(c, f64.mul(a, b)) */
  f64_mul_mul_R,
  /** d, a, b, c: f64.mul(f64.add(a, b), c) */
  f64_mul_add_L,
  /** d, a, b, c: f64.mul(c, f64.add(a, b)) */
  f64_mul_add_R,
  /** d, a, b, c: f64.mul(f64.sub(a, b), c) */
  f64_mul_sub_L,
  /** d, a, b, c: f64.mul(c, f64.sub(a, b)) */
  f64_mul_sub_R,
  /** d, a, k, c: i32.xor(i32.shl(a, b), c) */
  i32_xor_shli_L,
  /** d, a, k, c: i32.xor(c, i32.shl(a, b)) */
  i32_xor_shli_R,
  /** d, a, k, c: i32.xor(i32.shr_u(a, b), c) */
  i32_xor_shr_ui_L,
  /** d, a, k, c: i32.xor(c, i32.shr_u(a, b)) */
  i32_xor_shr_ui_R,
  /** d, a, k, c: i32.add(i32.shl(a, b), c) */
  i32_add_shli_L,
  /** d, a, k, c: i32.add(c, i32.shl(a, b)) */
  i32_add_shli_R,
  /** d, a, k, k2: i32.add(i32.shl(a, b), c) */
  i32_add_shli_Li,
  /** d, a, k, k2: i32.add(i32.mul(a, b), c) */
  i32_add_muli_Li,
  /** d, a, k, c: f64.add(f64.mul(a, b), c) */
  f64_add_muli_L,
  /** d, a, k, c: f64.add(c, f64.mul(a, b)) */
  f64_add_muli_R,
  /** d, a, k, c: f64.sub(f64.mul(a, b), c) */
  f64_sub_muli_L,
  /** d, a, k, c: f64.sub(c, f64.mul(a, b)) */
  f64_sub_muli_R,
  /** d, a, k, c: i64.add(i64.mul(a, b), c) */
  i64_add_muli_L,
  /** d, a, k, c: i64.add(c, i64.mul(a, b)) */
  i64_add_muli_R,
  /** d, a, k, k2: i64.add(i64.mul(a, b), c) */
  i64_add_muli_Li,
  /** d, a, k, k2: i64.mul(i64.rotl(a, b), c) */
  i64_mul_rotli_Li,
  /** d, a, k, c: i64.xor(i64.shr_u(a, b), c) */
  i64_xor_shr_ui_L,
  /** d, a, k, c: i64.xor(c, i64.shr_u(a, b)) */
  i64_xor_shr_ui_R,
  /** d, a, b, k2: i64.mul(i64.xor(a, b), c) */
  i64_mul_xor_Li,
  /** d, a, b, k2: i64.rotl(i64.add(a, b), c) */
  i64_rotl_add_Li,
  /** d, a, b, k, offset: f64.add(a, f64.load (address: slot b + k)) */
  f64_add_rm,
  /** d, a, b, k, offset: f64.sub(a, f64.load (address: slot b + k)) */
  f64_sub_rm,
  /** d, a, b, k, offset: f64.mul(a, f64.load (address: slot b + k)) */
  f64_mul_rm,
  /** a, k, x, y, offset: f64.store (address: slot a + k) of f64.add(x, y) */
  f64_store_add_rr,
  /** a, k, x, y, offset: f64.store (address: slot a + k) of f64.sub(x, y) */
  f64_store_sub_rr,
  /** a, k, x, y, offset: f64.store (address: slot a + k) of f64.mul(x, y) */
  f64_store_mul_rr,
  /** sa, sk, x, la, lk, loff, soff: f64.store (address: slot sa + sk) of f64.add(x, f64.load (address: slot la + lk)) */
  f64_store_add_rm,
  /** a, b, k, target: f64.le(f64.add(a, b), k); br_if */
  br_f64_le_add_ri,
  /** a, b, k, target: f64.le(f64.add(a, b), k); if (jump when false) */
  brn_f64_le_add_ri,
  /** a, k, offset, target: i32.load8_u (address: slot a + k); br_if its value is not zero */
  br_i32_load8_u_nez,
  /** a, k, offset, target: i32.load8_u (address: slot a + k); br_if its value is zero */
  br_i32_load8_u_eqz,
  /** a, k, offset, target: i32.load (address: slot a + k); br_if its value is not zero */
  br_i32_load_nez,
  /** a, k, offset, target: i32.load (address: slot a + k); br_if its value is zero */
  br_i32_load_eqz,
  /** d, a, b: return i32.add(a, b) (d unused) */
  i32_add_rr_ret,
  /** d, a, k: return i32.add(a, k) (d unused) */
  i32_add_ri_ret,
  /** d, a, k, c, target: local d = a + k; br_if (d ne c) */
  loop_addi_ne,
  /** d, a, k, k2, target: local d = a + k; br_if (d ne k2) */
  loop_addi_nei,
  /** d, a, k, c, target: local d = a + k; br_if (d lt_s c) */
  loop_addi_lt_s,
  /** d, a, k, c, target: local d = a + k; br_if (d lt_u c) */
  loop_addi_lt_u,
  /** d, a, b, c, target: local d = a + b; br_if (d le_u c) */
  loop_add_le_u,
  /** d, a, k, target: local d = a + k; br_if (d != 0) */
  loop_addi_nez,
  /** d, a, k, k2, target: local d = a + k; br_if (d gt_u k2) */
  loop_addi_gt_ui,
  /** d, a, k, k2, target: local d = a + k; br_if (d gt_s k2) */
  loop_addi_gt_si,
  /** d, a, k, k2, target: local d = a + k; br_if (d lt_s k2) */
  loop_addi_lt_si,
  /** d, a, k, target: local d = a + k; br */
  loop_addi_jump,
  /** d, a, target: local d = local a; br */
  loop_mov_jump,
  // </reg-ops>
}
