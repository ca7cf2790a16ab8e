/**
 * A legacy `delegate` on its way to the handler it names (compiled code, legacy exceptions): the
 * exception, and the control index (codegen.ts `ctls`) of the label it was delegated to. Handlers
 * nested deeper than that index pass it on untouched; the first at or outside it unwraps and
 * handles the exception. RT.annotate unwraps one that leaves its function (delegated to the
 * function's own label: the caller's handlers see the exception itself).
 */
import type { WasmException } from '../runtime/tag.js';

export class Delegated {
  constructor(readonly exn: WasmException, readonly to: number) {}
}
