/**
 * How values look at the embedding boundary (arguments, results, globals, struct/array fields).
 *
 * Numbers are raw: i32 is a (signed) JS number, i64 a bigint, f32 its IEEE bits as an unsigned
 * number, f64 its IEEE bits as a bigint (so NaN payloads survive), v128 a Uint8Array(16).
 *
 * References are JS values:
 *  - null                      the null reference of any type
 *  - FuncInst                  funcref
 *  - number                    an i31ref (the signed 31-bit value: a small integer, so no allocation)
 *  - StructObj / ArrayObj      GC objects
 *  - WasmException             exnref
 *  - HostRef                   a host value in externref (or internalized into anyref). Host values
 *                              are always wrapped, so that a host number is never mistaken for an i31.
 * `extern.convert_any` / `any.convert_extern` are identities on this representation (except that
 * both keep null as null): an externref may hold a struct, and an anyref may hold a HostRef.
 */
import type { FuncInst } from './func.js';
import type { StructObj, ArrayObj } from './gc-objects.js';
import type { WasmException } from './tag.js';

/** A host value seen by wasm as externref. Compare host values through `.value`. */
export class HostRef {
  constructor(readonly value: unknown) {}
}

export type Ref = null | FuncInst | StructObj | ArrayObj | WasmException | HostRef | number | object;

export type Value = number | bigint | Uint8Array | Ref;
