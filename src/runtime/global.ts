/**
 * Global instances. The value lives in one 16-byte cell laid out like a value-stack slot (i32/f32
 * bits in word 0, i64/f64 as lo/hi words, v128 in words 0-3) plus a reference field, so that
 * global.get/set in the interpreter are word copies and never allocate.
 */
import type { CGlobalType } from '../valid/canon-types.js';
import type { Ref, Value } from './values.js';
import { cellToValue, valueToCell } from './cells.js';

export class GlobalInst {
  readonly cell = new Int32Array(4);
  ref: Ref = null;

  constructor(readonly type: CGlobalType, value: Value) {
    this.set(value);
  }
  get(): Value {
    return cellToValue(this.type.type, this.cell, 0, this.ref);
  }
  set(v: Value): void {
    if (typeof this.type.type === 'object') this.ref = v as Ref;
    else valueToCell(this.type.type, v, this.cell, 0);
  }
}
