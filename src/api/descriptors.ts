/**
 * Custom descriptors, JS side: the prototype of an exported struct comes from its descriptor.
 * A struct whose type has a descriptor clause, and whose descriptor's first field is an immutable
 * externref-compatible reference holding a JS object, shows that object as its prototype, so JS can
 * call methods on wasm objects (`counter.get()`). Everything else keeps the null prototype of the
 * GC JS API. The descriptor and its first field are immutable, so the prototype is fixed when the
 * object first crosses into JS (convert.ts builds its wrapper on it).
 */
import { StructObj, type ArrayObj, type Ref, type Value } from '../runtime/index.js';
import { isSubHeapType } from '../valid/index.js';

/**
 * The prototype for the JS wrapper of `o`, or null. `toJS` is ToJSValue for references (passed
 * in to keep this module free of an import cycle with convert.ts).
 */
export function descriptorPrototype(o: StructObj | ArrayObj, toJS: (v: Value) => unknown): object | null {
  if (!(o instanceof StructObj) || o.desc === null) return null;
  const comp = o.desc.type.comp;
  if (comp.kind !== 'struct' || comp.fields.length === 0) return null;
  const f = comp.fields[0];
  if (f.mutable || typeof f.type !== 'object' || !isSubHeapType(f.type.heap, 'extern')) return null;
  const u = toJS(o.desc.fields[0] as Ref);
  return (typeof u === 'object' && u !== null) || typeof u === 'function' ? (u as object) : null;
}
