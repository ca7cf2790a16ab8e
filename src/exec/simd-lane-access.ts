/**
 * splat, extract_lane and replace_lane for every shape. Lanes move as raw bits (float lanes via the
 * integer views), so a float's NaN payload survives: these instructions are not arithmetic.
 */
import type { Shape, SimdOp } from './simd-types.js';

const lane = (imm: unknown): number => imm as number;

function splat(shape: Shape): SimdOp {
  switch (shape) {
    case 'i8x16': return (v, a) => { v.u8.fill(v.i32[a], a << 2, (a << 2) + 16); };
    case 'i16x8': return (v, a) => { v.u16.fill(v.i32[a], a << 1, (a << 1) + 8); };
    case 'i32x4': case 'f32x4': return (v, a) => { v.i32.fill(v.i32[a], a + 1, a + 4); };
    case 'i64x2': case 'f64x2': return (v, a) => { const s = v.i32; s[a + 2] = s[a]; s[a + 3] = s[a + 1]; };
  }
}

function extract(shape: Shape, unsigned: boolean): SimdOp {
  switch (shape) {
    case 'i8x16': return unsigned
      ? (v, a, _b, _c, imm) => { v.i32[a] = v.u8[(a << 2) + lane(imm)]; }
      : (v, a, _b, _c, imm) => { v.i32[a] = v.i8[(a << 2) + lane(imm)]; };
    case 'i16x8': return unsigned
      ? (v, a, _b, _c, imm) => { v.i32[a] = v.u16[(a << 1) + lane(imm)]; }
      : (v, a, _b, _c, imm) => { v.i32[a] = v.i16[(a << 1) + lane(imm)]; };
    case 'i32x4': case 'f32x4': return (v, a, _b, _c, imm) => { v.i32[a] = v.i32[a + lane(imm)]; };
    case 'i64x2': case 'f64x2': return (v, a, _b, _c, imm) => {
      const s = v.i32, w = a + 2 * lane(imm);
      const lo = s[w], hi = s[w + 1];
      s[a] = lo; s[a + 1] = hi;
    };
  }
}

function replace(shape: Shape): SimdOp {
  switch (shape) {
    case 'i8x16': return (v, a, b, _c, imm) => { v.i8[(a << 2) + lane(imm)] = v.i32[b]; };
    case 'i16x8': return (v, a, b, _c, imm) => { v.i16[(a << 1) + lane(imm)] = v.i32[b]; };
    case 'i32x4': case 'f32x4': return (v, a, b, _c, imm) => { v.i32[a + lane(imm)] = v.i32[b]; };
    case 'i64x2': case 'f64x2': return (v, a, b, _c, imm) => {
      const s = v.i32, w = a + 2 * lane(imm);
      s[w] = s[b]; s[w + 1] = s[b + 1];
    };
  }
}

export function laneAccessHandler(shape: Shape, op: string): SimdOp | undefined {
  switch (op) {
    case 'splat': return splat(shape);
    case 'extract_lane': case 'extract_lane_s': return extract(shape, false);
    case 'extract_lane_u': return extract(shape, true);
    case 'replace_lane': return replace(shape);
  }
  return undefined;
}
