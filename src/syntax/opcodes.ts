/**
 * The one opcode table: every instruction weft knows, with its encoding, text mnemonic, immediates,
 * operand signature and the feature it belongs to. The decoder, encoder, text parser, printer,
 * validator (for monomorphic instructions), disassembler and execution tiers all read this table
 * rather than repeating it.
 *
 * Row format (one instruction per line, whitespace-separated columns):
 *
 *   encoding   mnemonic   immediates   signature   feature   [align]
 *
 * - encoding: one byte (`6a`) or prefix and LEB-encoded sub-opcode (`fc:8`, `fd:12`, `fb:20`).
 * - immediates: comma-separated immediate kinds (see `Imm` in module.ts), or `-` for none.
 * - signature: operand types popped `>` pushed, one letter each: i=i32 I=i64 f=f32 F=f64 v=v128,
 *   a = the address type of the instruction's memory (i32 or i64). `*` marks instructions whose
 *   typing rule is not a fixed signature (control, variables, references, GC...): the validator
 *   types those by name.
 * - align: for memory accesses, the natural alignment as log2 bytes (the largest allowed `align`).
 *
 * The same mnemonic may appear on two rows when the binary distinguishes forms the text writes
 * alike (`select` / typed `select`, `ref.test` / `ref.test null`...). `variant` tells them apart.
 */
import type { Feature } from '../features.js';

export type ImmKind =
  | 'blocktype' | 'label' | 'labels' | 'func' | 'type' | 'table' | 'mem' | 'global' | 'local'
  | 'tag' | 'elem' | 'data' | 'field' | 'lane' | 'u32' | 'memarg' | 'i32' | 'i64' | 'f32' | 'f64'
  | 'v128' | 'shuffle' | 'heaptype' | 'valtypes' | 'catches' | 'handlers' | 'brcast' | 'zero'
  | 'order';

export type ValLetter = 'i' | 'I' | 'f' | 'F' | 'v' | 'a';

export interface OpInfo {
  /** Position of this row in OPCODES; the `op` of an `Instr`. */
  readonly index: number;
  /** Text mnemonic, e.g. `i32.add`. */
  readonly name: string;
  /** Unique key: the mnemonic, or `mnemonic/variant` for a second binary form of one mnemonic. */
  readonly key: string;
  /** 0 for single-byte opcodes, else the prefix byte (0xfb, 0xfc, 0xfd, 0xfe). */
  readonly prefix: number;
  /** The opcode byte, or the sub-opcode after the prefix. */
  readonly code: number;
  readonly imms: readonly ImmKind[];
  /** Monomorphic signature, or null when the validator types the instruction by name. */
  readonly params: readonly ValLetter[] | null;
  readonly results: readonly ValLetter[] | null;
  readonly feature: Feature;
  /** Natural alignment (log2 bytes) of a memory access, else -1. */
  readonly align: number;
  /** For a second binary form of one mnemonic: which one (e.g. 'null', 'typed'). */
  readonly variant: string | null;
}

// prettier-ignore
const TABLE = `
# ---- control (MVP, exceptions, tail calls, typed function references) ----
00 unreachable - * mvp
01 nop - > mvp
02 block blocktype * mvp
03 loop blocktype * mvp
04 if blocktype * mvp
05 else - * mvp
06 try blocktype * legacy-exceptions
07 catch tag * legacy-exceptions
08 throw tag * exceptions
09 rethrow label * legacy-exceptions
0a throw_ref - * exceptions
0b end - * mvp
0c br label * mvp
0d br_if label * mvp
0e br_table labels * mvp
0f return - * mvp
10 call func * mvp
11 call_indirect type,table * mvp
12 return_call func * tail-call
13 return_call_indirect type,table * tail-call
14 call_ref type * function-references
15 return_call_ref type * tail-call
18 delegate label * legacy-exceptions
19 catch_all - * legacy-exceptions
1a drop - * mvp
1b select - * mvp
1c select/typed valtypes * reference-types
1f try_table blocktype,catches * exceptions
# ---- variables ----
20 local.get local * mvp
21 local.set local * mvp
22 local.tee local * mvp
23 global.get global * mvp
24 global.set global * mvp
25 table.get table * reference-types
26 table.set table * reference-types
# ---- memory ----
28 i32.load memarg a>i mvp 2
29 i64.load memarg a>I mvp 3
2a f32.load memarg a>f mvp 2
2b f64.load memarg a>F mvp 3
2c i32.load8_s memarg a>i mvp 0
2d i32.load8_u memarg a>i mvp 0
2e i32.load16_s memarg a>i mvp 1
2f i32.load16_u memarg a>i mvp 1
30 i64.load8_s memarg a>I mvp 0
31 i64.load8_u memarg a>I mvp 0
32 i64.load16_s memarg a>I mvp 1
33 i64.load16_u memarg a>I mvp 1
34 i64.load32_s memarg a>I mvp 2
35 i64.load32_u memarg a>I mvp 2
36 i32.store memarg ai> mvp 2
37 i64.store memarg aI> mvp 3
38 f32.store memarg af> mvp 2
39 f64.store memarg aF> mvp 3
3a i32.store8 memarg ai> mvp 0
3b i32.store16 memarg ai> mvp 1
3c i64.store8 memarg aI> mvp 0
3d i64.store16 memarg aI> mvp 1
3e i64.store32 memarg aI> mvp 2
3f memory.size mem >a mvp
40 memory.grow mem a>a mvp
# ---- constants ----
41 i32.const i32 >i mvp
42 i64.const i64 >I mvp
43 f32.const f32 >f mvp
44 f64.const f64 >F mvp
# ---- numeric ----
45 i32.eqz - i>i mvp
46 i32.eq - ii>i mvp
47 i32.ne - ii>i mvp
48 i32.lt_s - ii>i mvp
49 i32.lt_u - ii>i mvp
4a i32.gt_s - ii>i mvp
4b i32.gt_u - ii>i mvp
4c i32.le_s - ii>i mvp
4d i32.le_u - ii>i mvp
4e i32.ge_s - ii>i mvp
4f i32.ge_u - ii>i mvp
50 i64.eqz - I>i mvp
51 i64.eq - II>i mvp
52 i64.ne - II>i mvp
53 i64.lt_s - II>i mvp
54 i64.lt_u - II>i mvp
55 i64.gt_s - II>i mvp
56 i64.gt_u - II>i mvp
57 i64.le_s - II>i mvp
58 i64.le_u - II>i mvp
59 i64.ge_s - II>i mvp
5a i64.ge_u - II>i mvp
5b f32.eq - ff>i mvp
5c f32.ne - ff>i mvp
5d f32.lt - ff>i mvp
5e f32.gt - ff>i mvp
5f f32.le - ff>i mvp
60 f32.ge - ff>i mvp
61 f64.eq - FF>i mvp
62 f64.ne - FF>i mvp
63 f64.lt - FF>i mvp
64 f64.gt - FF>i mvp
65 f64.le - FF>i mvp
66 f64.ge - FF>i mvp
67 i32.clz - i>i mvp
68 i32.ctz - i>i mvp
69 i32.popcnt - i>i mvp
6a i32.add - ii>i mvp
6b i32.sub - ii>i mvp
6c i32.mul - ii>i mvp
6d i32.div_s - ii>i mvp
6e i32.div_u - ii>i mvp
6f i32.rem_s - ii>i mvp
70 i32.rem_u - ii>i mvp
71 i32.and - ii>i mvp
72 i32.or - ii>i mvp
73 i32.xor - ii>i mvp
74 i32.shl - ii>i mvp
75 i32.shr_s - ii>i mvp
76 i32.shr_u - ii>i mvp
77 i32.rotl - ii>i mvp
78 i32.rotr - ii>i mvp
79 i64.clz - I>I mvp
7a i64.ctz - I>I mvp
7b i64.popcnt - I>I mvp
7c i64.add - II>I mvp
7d i64.sub - II>I mvp
7e i64.mul - II>I mvp
7f i64.div_s - II>I mvp
80 i64.div_u - II>I mvp
81 i64.rem_s - II>I mvp
82 i64.rem_u - II>I mvp
83 i64.and - II>I mvp
84 i64.or - II>I mvp
85 i64.xor - II>I mvp
86 i64.shl - II>I mvp
87 i64.shr_s - II>I mvp
88 i64.shr_u - II>I mvp
89 i64.rotl - II>I mvp
8a i64.rotr - II>I mvp
8b f32.abs - f>f mvp
8c f32.neg - f>f mvp
8d f32.ceil - f>f mvp
8e f32.floor - f>f mvp
8f f32.trunc - f>f mvp
90 f32.nearest - f>f mvp
91 f32.sqrt - f>f mvp
92 f32.add - ff>f mvp
93 f32.sub - ff>f mvp
94 f32.mul - ff>f mvp
95 f32.div - ff>f mvp
96 f32.min - ff>f mvp
97 f32.max - ff>f mvp
98 f32.copysign - ff>f mvp
99 f64.abs - F>F mvp
9a f64.neg - F>F mvp
9b f64.ceil - F>F mvp
9c f64.floor - F>F mvp
9d f64.trunc - F>F mvp
9e f64.nearest - F>F mvp
9f f64.sqrt - F>F mvp
a0 f64.add - FF>F mvp
a1 f64.sub - FF>F mvp
a2 f64.mul - FF>F mvp
a3 f64.div - FF>F mvp
a4 f64.min - FF>F mvp
a5 f64.max - FF>F mvp
a6 f64.copysign - FF>F mvp
a7 i32.wrap_i64 - I>i mvp
a8 i32.trunc_f32_s - f>i mvp
a9 i32.trunc_f32_u - f>i mvp
aa i32.trunc_f64_s - F>i mvp
ab i32.trunc_f64_u - F>i mvp
ac i64.extend_i32_s - i>I mvp
ad i64.extend_i32_u - i>I mvp
ae i64.trunc_f32_s - f>I mvp
af i64.trunc_f32_u - f>I mvp
b0 i64.trunc_f64_s - F>I mvp
b1 i64.trunc_f64_u - F>I mvp
b2 f32.convert_i32_s - i>f mvp
b3 f32.convert_i32_u - i>f mvp
b4 f32.convert_i64_s - I>f mvp
b5 f32.convert_i64_u - I>f mvp
b6 f32.demote_f64 - F>f mvp
b7 f64.convert_i32_s - i>F mvp
b8 f64.convert_i32_u - i>F mvp
b9 f64.convert_i64_s - I>F mvp
ba f64.convert_i64_u - I>F mvp
bb f64.promote_f32 - f>F mvp
bc i32.reinterpret_f32 - f>i mvp
bd i64.reinterpret_f64 - F>I mvp
be f32.reinterpret_i32 - i>f mvp
bf f64.reinterpret_i64 - I>F mvp
c0 i32.extend8_s - i>i sign-ext
c1 i32.extend16_s - i>i sign-ext
c2 i64.extend8_s - I>I sign-ext
c3 i64.extend16_s - I>I sign-ext
c4 i64.extend32_s - I>I sign-ext
# ---- references ----
d0 ref.null heaptype * reference-types
d1 ref.is_null - * reference-types
d2 ref.func func * reference-types
d3 ref.eq - * gc
d4 ref.as_non_null - * function-references
d5 br_on_null label * function-references
d6 br_on_non_null label * function-references
# ---- stack switching ----
e0 cont.new type * stack-switching
e1 cont.bind type,type * stack-switching
e2 suspend tag * stack-switching
e3 resume type,handlers * stack-switching
e4 resume_throw type,tag,handlers * stack-switching
e5 resume_throw_ref type,handlers * stack-switching
e6 switch type,tag * stack-switching
# ---- GC (0xfb) ----
fb:0 struct.new type * gc
fb:1 struct.new_default type * gc
fb:2 struct.get type,field * gc
fb:3 struct.get_s type,field * gc
fb:4 struct.get_u type,field * gc
fb:5 struct.set type,field * gc
fb:6 array.new type * gc
fb:7 array.new_default type * gc
fb:8 array.new_fixed type,u32 * gc
fb:9 array.new_data type,data * gc
fb:10 array.new_elem type,elem * gc
fb:11 array.get type * gc
fb:12 array.get_s type * gc
fb:13 array.get_u type * gc
fb:14 array.set type * gc
fb:15 array.len - * gc
fb:16 array.fill type * gc
fb:17 array.copy type,type * gc
fb:18 array.init_data type,data * gc
fb:19 array.init_elem type,elem * gc
fb:20 ref.test heaptype * gc
fb:21 ref.test/null heaptype * gc
fb:22 ref.cast heaptype * gc
fb:23 ref.cast/null heaptype * gc
fb:24 br_on_cast brcast * gc
fb:25 br_on_cast_fail brcast * gc
fb:26 any.convert_extern - * gc
fb:27 extern.convert_any - * gc
fb:28 ref.i31 - * gc
fb:29 i31.get_s - * gc
fb:30 i31.get_u - * gc
# ---- custom descriptors (0xfb) ----
fb:32 struct.new_desc type * custom-descriptors
fb:33 struct.new_default_desc type * custom-descriptors
fb:34 ref.get_desc type * custom-descriptors
fb:35 ref.cast_desc_eq heaptype * custom-descriptors
fb:36 ref.cast_desc_eq/null heaptype * custom-descriptors
fb:37 br_on_cast_desc_eq brcast * custom-descriptors
fb:38 br_on_cast_desc_eq_fail brcast * custom-descriptors
# ---- saturating truncation, bulk memory, tables, wide arithmetic (0xfc) ----
fc:0 i32.trunc_sat_f32_s - f>i sat-trunc
fc:1 i32.trunc_sat_f32_u - f>i sat-trunc
fc:2 i32.trunc_sat_f64_s - F>i sat-trunc
fc:3 i32.trunc_sat_f64_u - F>i sat-trunc
fc:4 i64.trunc_sat_f32_s - f>I sat-trunc
fc:5 i64.trunc_sat_f32_u - f>I sat-trunc
fc:6 i64.trunc_sat_f64_s - F>I sat-trunc
fc:7 i64.trunc_sat_f64_u - F>I sat-trunc
fc:8 memory.init data,mem * bulk-memory
fc:9 data.drop data > bulk-memory
fc:10 memory.copy mem,mem * bulk-memory
fc:11 memory.fill mem * bulk-memory
fc:12 table.init elem,table * bulk-memory
fc:13 elem.drop elem > bulk-memory
fc:14 table.copy table,table * bulk-memory
fc:15 table.grow table * reference-types
fc:16 table.size table * reference-types
fc:17 table.fill table * reference-types
fc:19 i64.add128 - IIII>II wide-arithmetic
fc:20 i64.sub128 - IIII>II wide-arithmetic
fc:21 i64.mul_wide_s - II>II wide-arithmetic
fc:22 i64.mul_wide_u - II>II wide-arithmetic
# ---- SIMD (0xfd) ----
fd:0 v128.load memarg a>v simd 4
fd:1 v128.load8x8_s memarg a>v simd 3
fd:2 v128.load8x8_u memarg a>v simd 3
fd:3 v128.load16x4_s memarg a>v simd 3
fd:4 v128.load16x4_u memarg a>v simd 3
fd:5 v128.load32x2_s memarg a>v simd 3
fd:6 v128.load32x2_u memarg a>v simd 3
fd:7 v128.load8_splat memarg a>v simd 0
fd:8 v128.load16_splat memarg a>v simd 1
fd:9 v128.load32_splat memarg a>v simd 2
fd:10 v128.load64_splat memarg a>v simd 3
fd:11 v128.store memarg av> simd 4
fd:12 v128.const v128 >v simd
fd:13 i8x16.shuffle shuffle vv>v simd
fd:14 i8x16.swizzle - vv>v simd
fd:15 i8x16.splat - i>v simd
fd:16 i16x8.splat - i>v simd
fd:17 i32x4.splat - i>v simd
fd:18 i64x2.splat - I>v simd
fd:19 f32x4.splat - f>v simd
fd:20 f64x2.splat - F>v simd
fd:21 i8x16.extract_lane_s lane v>i simd
fd:22 i8x16.extract_lane_u lane v>i simd
fd:23 i8x16.replace_lane lane vi>v simd
fd:24 i16x8.extract_lane_s lane v>i simd
fd:25 i16x8.extract_lane_u lane v>i simd
fd:26 i16x8.replace_lane lane vi>v simd
fd:27 i32x4.extract_lane lane v>i simd
fd:28 i32x4.replace_lane lane vi>v simd
fd:29 i64x2.extract_lane lane v>I simd
fd:30 i64x2.replace_lane lane vI>v simd
fd:31 f32x4.extract_lane lane v>f simd
fd:32 f32x4.replace_lane lane vf>v simd
fd:33 f64x2.extract_lane lane v>F simd
fd:34 f64x2.replace_lane lane vF>v simd
fd:35 i8x16.eq - vv>v simd
fd:36 i8x16.ne - vv>v simd
fd:37 i8x16.lt_s - vv>v simd
fd:38 i8x16.lt_u - vv>v simd
fd:39 i8x16.gt_s - vv>v simd
fd:40 i8x16.gt_u - vv>v simd
fd:41 i8x16.le_s - vv>v simd
fd:42 i8x16.le_u - vv>v simd
fd:43 i8x16.ge_s - vv>v simd
fd:44 i8x16.ge_u - vv>v simd
fd:45 i16x8.eq - vv>v simd
fd:46 i16x8.ne - vv>v simd
fd:47 i16x8.lt_s - vv>v simd
fd:48 i16x8.lt_u - vv>v simd
fd:49 i16x8.gt_s - vv>v simd
fd:50 i16x8.gt_u - vv>v simd
fd:51 i16x8.le_s - vv>v simd
fd:52 i16x8.le_u - vv>v simd
fd:53 i16x8.ge_s - vv>v simd
fd:54 i16x8.ge_u - vv>v simd
fd:55 i32x4.eq - vv>v simd
fd:56 i32x4.ne - vv>v simd
fd:57 i32x4.lt_s - vv>v simd
fd:58 i32x4.lt_u - vv>v simd
fd:59 i32x4.gt_s - vv>v simd
fd:60 i32x4.gt_u - vv>v simd
fd:61 i32x4.le_s - vv>v simd
fd:62 i32x4.le_u - vv>v simd
fd:63 i32x4.ge_s - vv>v simd
fd:64 i32x4.ge_u - vv>v simd
fd:65 f32x4.eq - vv>v simd
fd:66 f32x4.ne - vv>v simd
fd:67 f32x4.lt - vv>v simd
fd:68 f32x4.gt - vv>v simd
fd:69 f32x4.le - vv>v simd
fd:70 f32x4.ge - vv>v simd
fd:71 f64x2.eq - vv>v simd
fd:72 f64x2.ne - vv>v simd
fd:73 f64x2.lt - vv>v simd
fd:74 f64x2.gt - vv>v simd
fd:75 f64x2.le - vv>v simd
fd:76 f64x2.ge - vv>v simd
fd:77 v128.not - v>v simd
fd:78 v128.and - vv>v simd
fd:79 v128.andnot - vv>v simd
fd:80 v128.or - vv>v simd
fd:81 v128.xor - vv>v simd
fd:82 v128.bitselect - vvv>v simd
fd:83 v128.any_true - v>i simd
fd:84 v128.load8_lane memarg,lane av>v simd 0
fd:85 v128.load16_lane memarg,lane av>v simd 1
fd:86 v128.load32_lane memarg,lane av>v simd 2
fd:87 v128.load64_lane memarg,lane av>v simd 3
fd:88 v128.store8_lane memarg,lane av> simd 0
fd:89 v128.store16_lane memarg,lane av> simd 1
fd:90 v128.store32_lane memarg,lane av> simd 2
fd:91 v128.store64_lane memarg,lane av> simd 3
fd:92 v128.load32_zero memarg a>v simd 2
fd:93 v128.load64_zero memarg a>v simd 3
fd:94 f32x4.demote_f64x2_zero - v>v simd
fd:95 f64x2.promote_low_f32x4 - v>v simd
fd:96 i8x16.abs - v>v simd
fd:97 i8x16.neg - v>v simd
fd:98 i8x16.popcnt - v>v simd
fd:99 i8x16.all_true - v>i simd
fd:100 i8x16.bitmask - v>i simd
fd:101 i8x16.narrow_i16x8_s - vv>v simd
fd:102 i8x16.narrow_i16x8_u - vv>v simd
fd:103 f32x4.ceil - v>v simd
fd:104 f32x4.floor - v>v simd
fd:105 f32x4.trunc - v>v simd
fd:106 f32x4.nearest - v>v simd
fd:107 i8x16.shl - vi>v simd
fd:108 i8x16.shr_s - vi>v simd
fd:109 i8x16.shr_u - vi>v simd
fd:110 i8x16.add - vv>v simd
fd:111 i8x16.add_sat_s - vv>v simd
fd:112 i8x16.add_sat_u - vv>v simd
fd:113 i8x16.sub - vv>v simd
fd:114 i8x16.sub_sat_s - vv>v simd
fd:115 i8x16.sub_sat_u - vv>v simd
fd:116 f64x2.ceil - v>v simd
fd:117 f64x2.floor - v>v simd
fd:118 i8x16.min_s - vv>v simd
fd:119 i8x16.min_u - vv>v simd
fd:120 i8x16.max_s - vv>v simd
fd:121 i8x16.max_u - vv>v simd
fd:122 f64x2.trunc - v>v simd
fd:123 i8x16.avgr_u - vv>v simd
fd:124 i16x8.extadd_pairwise_i8x16_s - v>v simd
fd:125 i16x8.extadd_pairwise_i8x16_u - v>v simd
fd:126 i32x4.extadd_pairwise_i16x8_s - v>v simd
fd:127 i32x4.extadd_pairwise_i16x8_u - v>v simd
fd:128 i16x8.abs - v>v simd
fd:129 i16x8.neg - v>v simd
fd:130 i16x8.q15mulr_sat_s - vv>v simd
fd:131 i16x8.all_true - v>i simd
fd:132 i16x8.bitmask - v>i simd
fd:133 i16x8.narrow_i32x4_s - vv>v simd
fd:134 i16x8.narrow_i32x4_u - vv>v simd
fd:135 i16x8.extend_low_i8x16_s - v>v simd
fd:136 i16x8.extend_high_i8x16_s - v>v simd
fd:137 i16x8.extend_low_i8x16_u - v>v simd
fd:138 i16x8.extend_high_i8x16_u - v>v simd
fd:139 i16x8.shl - vi>v simd
fd:140 i16x8.shr_s - vi>v simd
fd:141 i16x8.shr_u - vi>v simd
fd:142 i16x8.add - vv>v simd
fd:143 i16x8.add_sat_s - vv>v simd
fd:144 i16x8.add_sat_u - vv>v simd
fd:145 i16x8.sub - vv>v simd
fd:146 i16x8.sub_sat_s - vv>v simd
fd:147 i16x8.sub_sat_u - vv>v simd
fd:148 f64x2.nearest - v>v simd
fd:149 i16x8.mul - vv>v simd
fd:150 i16x8.min_s - vv>v simd
fd:151 i16x8.min_u - vv>v simd
fd:152 i16x8.max_s - vv>v simd
fd:153 i16x8.max_u - vv>v simd
fd:155 i16x8.avgr_u - vv>v simd
fd:156 i16x8.extmul_low_i8x16_s - vv>v simd
fd:157 i16x8.extmul_high_i8x16_s - vv>v simd
fd:158 i16x8.extmul_low_i8x16_u - vv>v simd
fd:159 i16x8.extmul_high_i8x16_u - vv>v simd
fd:160 i32x4.abs - v>v simd
fd:161 i32x4.neg - v>v simd
fd:163 i32x4.all_true - v>i simd
fd:164 i32x4.bitmask - v>i simd
fd:167 i32x4.extend_low_i16x8_s - v>v simd
fd:168 i32x4.extend_high_i16x8_s - v>v simd
fd:169 i32x4.extend_low_i16x8_u - v>v simd
fd:170 i32x4.extend_high_i16x8_u - v>v simd
fd:171 i32x4.shl - vi>v simd
fd:172 i32x4.shr_s - vi>v simd
fd:173 i32x4.shr_u - vi>v simd
fd:174 i32x4.add - vv>v simd
fd:177 i32x4.sub - vv>v simd
fd:181 i32x4.mul - vv>v simd
fd:182 i32x4.min_s - vv>v simd
fd:183 i32x4.min_u - vv>v simd
fd:184 i32x4.max_s - vv>v simd
fd:185 i32x4.max_u - vv>v simd
fd:186 i32x4.dot_i16x8_s - vv>v simd
fd:188 i32x4.extmul_low_i16x8_s - vv>v simd
fd:189 i32x4.extmul_high_i16x8_s - vv>v simd
fd:190 i32x4.extmul_low_i16x8_u - vv>v simd
fd:191 i32x4.extmul_high_i16x8_u - vv>v simd
fd:192 i64x2.abs - v>v simd
fd:193 i64x2.neg - v>v simd
fd:195 i64x2.all_true - v>i simd
fd:196 i64x2.bitmask - v>i simd
fd:199 i64x2.extend_low_i32x4_s - v>v simd
fd:200 i64x2.extend_high_i32x4_s - v>v simd
fd:201 i64x2.extend_low_i32x4_u - v>v simd
fd:202 i64x2.extend_high_i32x4_u - v>v simd
fd:203 i64x2.shl - vi>v simd
fd:204 i64x2.shr_s - vi>v simd
fd:205 i64x2.shr_u - vi>v simd
fd:206 i64x2.add - vv>v simd
fd:209 i64x2.sub - vv>v simd
fd:213 i64x2.mul - vv>v simd
fd:214 i64x2.eq - vv>v simd
fd:215 i64x2.ne - vv>v simd
fd:216 i64x2.lt_s - vv>v simd
fd:217 i64x2.gt_s - vv>v simd
fd:218 i64x2.le_s - vv>v simd
fd:219 i64x2.ge_s - vv>v simd
fd:220 i64x2.extmul_low_i32x4_s - vv>v simd
fd:221 i64x2.extmul_high_i32x4_s - vv>v simd
fd:222 i64x2.extmul_low_i32x4_u - vv>v simd
fd:223 i64x2.extmul_high_i32x4_u - vv>v simd
fd:224 f32x4.abs - v>v simd
fd:225 f32x4.neg - v>v simd
fd:227 f32x4.sqrt - v>v simd
fd:228 f32x4.add - vv>v simd
fd:229 f32x4.sub - vv>v simd
fd:230 f32x4.mul - vv>v simd
fd:231 f32x4.div - vv>v simd
fd:232 f32x4.min - vv>v simd
fd:233 f32x4.max - vv>v simd
fd:234 f32x4.pmin - vv>v simd
fd:235 f32x4.pmax - vv>v simd
fd:236 f64x2.abs - v>v simd
fd:237 f64x2.neg - v>v simd
fd:239 f64x2.sqrt - v>v simd
fd:240 f64x2.add - vv>v simd
fd:241 f64x2.sub - vv>v simd
fd:242 f64x2.mul - vv>v simd
fd:243 f64x2.div - vv>v simd
fd:244 f64x2.min - vv>v simd
fd:245 f64x2.max - vv>v simd
fd:246 f64x2.pmin - vv>v simd
fd:247 f64x2.pmax - vv>v simd
fd:248 i32x4.trunc_sat_f32x4_s - v>v simd
fd:249 i32x4.trunc_sat_f32x4_u - v>v simd
fd:250 f32x4.convert_i32x4_s - v>v simd
fd:251 f32x4.convert_i32x4_u - v>v simd
fd:252 i32x4.trunc_sat_f64x2_s_zero - v>v simd
fd:253 i32x4.trunc_sat_f64x2_u_zero - v>v simd
fd:254 f64x2.convert_low_i32x4_s - v>v simd
fd:255 f64x2.convert_low_i32x4_u - v>v simd
# ---- relaxed SIMD (0xfd) ----
fd:256 i8x16.relaxed_swizzle - vv>v relaxed-simd
fd:257 i32x4.relaxed_trunc_f32x4_s - v>v relaxed-simd
fd:258 i32x4.relaxed_trunc_f32x4_u - v>v relaxed-simd
fd:259 i32x4.relaxed_trunc_f64x2_s_zero - v>v relaxed-simd
fd:260 i32x4.relaxed_trunc_f64x2_u_zero - v>v relaxed-simd
fd:261 f32x4.relaxed_madd - vvv>v relaxed-simd
fd:262 f32x4.relaxed_nmadd - vvv>v relaxed-simd
fd:263 f64x2.relaxed_madd - vvv>v relaxed-simd
fd:264 f64x2.relaxed_nmadd - vvv>v relaxed-simd
fd:265 i8x16.relaxed_laneselect - vvv>v relaxed-simd
fd:266 i16x8.relaxed_laneselect - vvv>v relaxed-simd
fd:267 i32x4.relaxed_laneselect - vvv>v relaxed-simd
fd:268 i64x2.relaxed_laneselect - vvv>v relaxed-simd
fd:269 f32x4.relaxed_min - vv>v relaxed-simd
fd:270 f32x4.relaxed_max - vv>v relaxed-simd
fd:271 f64x2.relaxed_min - vv>v relaxed-simd
fd:272 f64x2.relaxed_max - vv>v relaxed-simd
fd:273 i16x8.relaxed_q15mulr_s - vv>v relaxed-simd
fd:274 i16x8.relaxed_dot_i8x16_i7x16_s - vv>v relaxed-simd
fd:275 i32x4.relaxed_dot_i8x16_i7x16_add_s - vvv>v relaxed-simd
# ---- threads (0xfe) ----
fe:0 memory.atomic.notify memarg ai>i threads 2
fe:1 memory.atomic.wait32 memarg aiI>i threads 2
fe:2 memory.atomic.wait64 memarg aII>i threads 3
fe:3 atomic.fence zero > threads
fe:16 i32.atomic.load memarg a>i threads 2
fe:17 i64.atomic.load memarg a>I threads 3
fe:18 i32.atomic.load8_u memarg a>i threads 0
fe:19 i32.atomic.load16_u memarg a>i threads 1
fe:20 i64.atomic.load8_u memarg a>I threads 0
fe:21 i64.atomic.load16_u memarg a>I threads 1
fe:22 i64.atomic.load32_u memarg a>I threads 2
fe:23 i32.atomic.store memarg ai> threads 2
fe:24 i64.atomic.store memarg aI> threads 3
fe:25 i32.atomic.store8 memarg ai> threads 0
fe:26 i32.atomic.store16 memarg ai> threads 1
fe:27 i64.atomic.store8 memarg aI> threads 0
fe:28 i64.atomic.store16 memarg aI> threads 1
fe:29 i64.atomic.store32 memarg aI> threads 2
`;

/** The read-modify-write families share one shape; generated rather than written out seven times. */
function atomicRmwRows(): string {
  const ops = ['add', 'sub', 'and', 'or', 'xor', 'xchg', 'cmpxchg'];
  const widths: [string, string, number][] = [
    ['i32.atomic.rmw', 'i', 2], ['i64.atomic.rmw', 'I', 3], ['i32.atomic.rmw8', 'i', 0],
    ['i32.atomic.rmw16', 'i', 1], ['i64.atomic.rmw8', 'I', 0], ['i64.atomic.rmw16', 'I', 1],
    ['i64.atomic.rmw32', 'I', 2],
  ];
  const rows: string[] = [];
  let code = 0x1e;
  for (const op of ops) {
    for (const [prefix, t, align] of widths) {
      const suffix = prefix.endsWith('rmw') ? op : `${op}_u`;
      const sig = op === 'cmpxchg' ? `a${t}${t}>${t}` : `a${t}>${t}`;
      rows.push(`fe:${code++} ${prefix}.${suffix} memarg ${sig} threads ${align}`);
    }
  }
  return rows.join('\n');
}

function parseTable(text: string): OpInfo[] {
  const rows: OpInfo[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const [enc, mnemonic, imms, sig, feature, align] = line.split(/\s+/);
    const [prefix, code] = enc.includes(':')
      ? [parseInt(enc.split(':')[0], 16), parseInt(enc.split(':')[1], 10)]
      : [0, parseInt(enc, 16)];
    const [name, variant] = mnemonic.split('/');
    let params: ValLetter[] | null = null;
    let results: ValLetter[] | null = null;
    if (sig !== '*') {
      const [p, r] = sig.split('>');
      params = [...p] as ValLetter[];
      results = [...r] as ValLetter[];
    }
    rows.push({
      index: rows.length, name, key: mnemonic, prefix, code,
      imms: imms === '-' ? [] : (imms.split(',') as ImmKind[]),
      params, results, feature: feature as Feature,
      align: align === undefined ? -1 : Number(align),
      variant: variant ?? null,
    });
  }
  return rows;
}

/** Shared-everything-threads rows, appended after all others (see SHARED_TABLE). */
// prettier-ignore
const SHARED_TABLE = `
# ---- shared-everything-threads (kept last so that earlier rows keep their indices) ----
fb:31 ref.i31_shared - * shared-everything
# ---- shared-everything-threads: atomic accesses to globals, tables, structs, arrays (0xfe) ----
# 'order' is the u8 memory-ordering immediate (seq_cst / acq_rel); the validator types these by name.
fe:79 global.atomic.get order,global * shared-everything
fe:80 global.atomic.set order,global * shared-everything
fe:81 global.atomic.rmw.add order,global * shared-everything
fe:82 global.atomic.rmw.sub order,global * shared-everything
fe:83 global.atomic.rmw.and order,global * shared-everything
fe:84 global.atomic.rmw.or order,global * shared-everything
fe:85 global.atomic.rmw.xor order,global * shared-everything
fe:86 global.atomic.rmw.xchg order,global * shared-everything
fe:87 global.atomic.rmw.cmpxchg order,global * shared-everything
fe:88 table.atomic.get order,table * shared-everything
fe:89 table.atomic.set order,table * shared-everything
fe:90 table.atomic.rmw.xchg order,table * shared-everything
fe:91 table.atomic.rmw.cmpxchg order,table * shared-everything
fe:92 struct.atomic.get order,type,field * shared-everything
fe:93 struct.atomic.get_s order,type,field * shared-everything
fe:94 struct.atomic.get_u order,type,field * shared-everything
fe:95 struct.atomic.set order,type,field * shared-everything
fe:96 struct.atomic.rmw.add order,type,field * shared-everything
fe:97 struct.atomic.rmw.sub order,type,field * shared-everything
fe:98 struct.atomic.rmw.and order,type,field * shared-everything
fe:99 struct.atomic.rmw.or order,type,field * shared-everything
fe:100 struct.atomic.rmw.xor order,type,field * shared-everything
fe:101 struct.atomic.rmw.xchg order,type,field * shared-everything
fe:102 struct.atomic.rmw.cmpxchg order,type,field * shared-everything
fe:103 array.atomic.get order,type * shared-everything
fe:104 array.atomic.get_s order,type * shared-everything
fe:105 array.atomic.get_u order,type * shared-everything
fe:106 array.atomic.set order,type * shared-everything
fe:107 array.atomic.rmw.add order,type * shared-everything
fe:108 array.atomic.rmw.sub order,type * shared-everything
fe:109 array.atomic.rmw.and order,type * shared-everything
fe:110 array.atomic.rmw.or order,type * shared-everything
fe:111 array.atomic.rmw.xor order,type * shared-everything
fe:112 array.atomic.rmw.xchg order,type * shared-everything
fe:113 array.atomic.rmw.cmpxchg order,type * shared-everything
`;

export const OPCODES: readonly OpInfo[] = Object.freeze(parseTable(TABLE + '\n' + atomicRmwRows() + '\n' + SHARED_TABLE));

/** Row index by key (`i32.add`, `select/typed`, `ref.test/null`). */
export const OP: Readonly<Record<string, number>> = Object.freeze(
  Object.fromEntries(OPCODES.map(o => [o.key, o.index])),
);

/** Rows by text mnemonic (a mnemonic with several binary forms maps to all of them). */
export const OPS_BY_NAME: ReadonlyMap<string, readonly OpInfo[]> = (() => {
  const m = new Map<string, OpInfo[]>();
  for (const o of OPCODES) {
    const list = m.get(o.name);
    if (list) list.push(o); else m.set(o.name, [o]);
  }
  return m;
})();

/** Decoding lookup: single-byte opcodes by byte; prefixed ones by prefix then sub-opcode. */
export const SINGLE_BYTE: readonly (OpInfo | undefined)[] = (() => {
  const t: (OpInfo | undefined)[] = new Array(256).fill(undefined);
  for (const o of OPCODES) if (o.prefix === 0) t[o.code] = o;
  return t;
})();

export const PREFIXED: ReadonlyMap<number, ReadonlyMap<number, OpInfo>> = (() => {
  const m = new Map<number, Map<number, OpInfo>>();
  for (const o of OPCODES) {
    if (o.prefix === 0) continue;
    let sub = m.get(o.prefix);
    if (!sub) m.set(o.prefix, (sub = new Map()));
    sub.set(o.code, o);
  }
  return m;
})();

/** Look up a row by key, failing loudly on a typo (used when building code that names opcodes). */
export function op(key: string): number {
  const i = OP[key];
  if (i === undefined) throw new Error(`unknown opcode key: ${key}`);
  return i;
}
