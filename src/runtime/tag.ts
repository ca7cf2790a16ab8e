/** Exception tags and the exception objects (exnref values) thrown with them. */
import type { DefType } from '../valid/canon-types.js';
import type { Value } from './values.js';

export class TagInst {
  /** `type` is the canonical function type of the tag (its params are the exception's payload). */
  constructor(readonly type: DefType) {}
}

/**
 * A wasm exception: the exnref value inside wasm, and what `invoke` throws when one escapes to the
 * host. Deliberately not an Error subclass: wasm throws are control flow, and capturing a JS stack
 * per throw would make them expensive. Hosts may throw one from a host function to raise a wasm
 * exception.
 */
export class WasmException {
  constructor(readonly tag: TagInst, readonly args: Value[]) {}
}
