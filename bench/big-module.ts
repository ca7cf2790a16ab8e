/**
 * A generated wasm module of about `targetBytes` (default ~1 MB), for the load-time report: many
 * functions of straight-line i32/i64/f64 arithmetic, blocks and calls, so decoding, validation and
 * any eager compilation have real work. Exports `run(i32) -> i32` (function 0: a leaf, so the first
 * call itself is cheap and the measurement is about getting there). Encoded by hand here: the bench
 * must not depend on the engine it measures to build its input.
 */

function uleb(out: number[], v: number): void {
  do {
    let b = v & 0x7f;
    v >>>= 7;
    if (v !== 0) b |= 0x80;
    out.push(b);
  } while (v !== 0);
}

function sleb(out: number[], v: number): void {
  for (;;) {
    const b = v & 0x7f;
    v >>= 7;
    if ((v === 0 && (b & 0x40) === 0) || (v === -1 && (b & 0x40) !== 0)) { out.push(b); return; }
    out.push(b | 0x80);
  }
}

function section(out: number[], id: number, body: number[]): void {
  out.push(id);
  uleb(out, body.length);
  for (const b of body) out.push(b);
}

/** One function body: four variations of a mixed arithmetic pattern; calls function i-1 if i > 0. */
function body(i: number): number[] {
  const code: number[] = [];
  code.push(1, 1, 0x7f); // one local group: 1 x i32 (local 1)
  for (let j = 0; j < 4; j++) {
    code.push(0x20, 0, 0x41); sleb(code, (i * 7 + j * 131) & 0xffff); code.push(0x6a, 0x22, 1);  // x + c, tee t
    code.push(0x41, 3 + j, 0x74, 0x20, 1, 0x73, 0x21, 0);                                          // x = (t << k) ^ t
    code.push(0x20, 0, 0xad, 0x42); sleb(code, 12345 + i); code.push(0x7e, 0xa7, 0x20, 0, 0x6a, 0x21, 0); // i64 mix
    code.push(0x20, 0, 0xb7, 0x44, 0, 0, 0, 0, 0, 0, 0xf8, 0x3f, 0xa2, 0x1a);                       // f64 work, dropped
    code.push(0x02, 0x40, 0x20, 0, 0x41); sleb(code, 1000000); code.push(0x4b, 0x0d, 0);            // block; if x > 1e6 skip
    if (i > 0) { code.push(0x20, 0, 0x10); uleb(code, i - 1); code.push(0x21, 0); }                 //   x = f[i-1](x)
    code.push(0x0b);                                                                                 // end
  }
  code.push(0x20, 0, 0x0b); // return x
  return code;
}

export function bigModule(targetBytes = 1 << 20): Uint8Array {
  const bodies: number[][] = [];
  let size = 0;
  for (let i = 0; size < targetBytes; i++) {
    const b = body(i);
    bodies.push(b);
    size += b.length + 3;
  }
  const n = bodies.length;
  const out: number[] = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
  section(out, 1, [1, 0x60, 1, 0x7f, 1, 0x7f]);            // type 0: (i32) -> i32
  const funcs: number[] = [];
  uleb(funcs, n);
  for (let i = 0; i < n; i++) funcs.push(0);
  section(out, 3, funcs);
  section(out, 7, [1, 3, 0x72, 0x75, 0x6e, 0x00, 0x00]);   // export "run" = func 0
  const code: number[] = [];
  uleb(code, n);
  for (const b of bodies) { uleb(code, b.length); for (const x of b) code.push(x); }
  section(out, 10, code);
  return new Uint8Array(out);
}

/** Number of functions in a module made by bigModule (for the report). */
export function bigModuleFunctions(bytes: Uint8Array): number {
  // The function section is the second section: id 3, size, then the count.
  let p = 8;
  for (;;) {
    const id = bytes[p++];
    let size = 0, shift = 0, b: number;
    do { b = bytes[p++]; size |= (b & 0x7f) << shift; shift += 7; } while (b & 0x80);
    if (id === 3) {
      let count = 0; shift = 0;
      do { b = bytes[p++]; count |= (b & 0x7f) << shift; shift += 7; } while (b & 0x80);
      return count;
    }
    p += size;
  }
}
