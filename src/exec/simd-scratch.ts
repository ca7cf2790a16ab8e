/**
 * One 32-byte scratch area shared by every handler whose result lanes overlap input lanes they still
 * need (shuffles, narrowing, widening...): inputs are copied here first, so results can be written
 * straight into the destination slot. Preallocated once: handlers never allocate.
 * Handlers are not re-entrant, so one area is enough.
 */
const buffer = new ArrayBuffer(32);

export const S = {
  i8: new Int8Array(buffer), u8: new Uint8Array(buffer),
  i16: new Int16Array(buffer), u16: new Uint16Array(buffer),
  i32: new Int32Array(buffer), u32: new Uint32Array(buffer),
  f32: new Float32Array(buffer), f64: new Float64Array(buffer),
} as const;

/** Copy the v128 at word `w` of `src` into scratch words `at..at+3` (at = 0 or 4). */
export function toScratch(src: Int32Array, w: number, at: number): void {
  const d = S.i32;
  d[at] = src[w]; d[at + 1] = src[w + 1]; d[at + 2] = src[w + 2]; d[at + 3] = src[w + 3];
}
