/**
 * WebAssembly.Table: `new Table({element, initial, maximum?, address?}, value?)`, or the wrapper of
 * an exported table (one object per table instance). Indices and sizes are AddressValues.
 */
import { TableInst, createTable, type Ref } from '../runtime/index.js';
import type { CRefType } from '../valid/canon-types.js';
import { defaultJSValue, toJS, toWasm } from './convert.js';
import { refTypeFromString } from './value-types.js';
import { addressType, descriptorLimits, fromAddress, toAddress } from './address.js';
import { brandCheck, dictionary, idlInterface, isObject, requireNew, setLength, toDOMString, WrapperCache } from './webidl.js';

const tables = new WrapperCache<TableInst, Table>();

/** Largest table the JS API lets JS create (the spec's implementation limit). */
const MAX_TABLE = 10_000_000;

/** A missing value argument means DefaultValue; an explicit `undefined` is a value like any other. */
function elemValue(t: CRefType, v: unknown, given: boolean): Ref {
  return toWasm(given ? v : defaultJSValue(t), t) as Ref;
}

export class Table {
  readonly #t: TableInst;

  constructor(descriptor: unknown, value?: unknown) {
    requireNew(new.target, 'Table');
    const adopted = tables.adopting();
    if (adopted) {
      this.#t = adopted;
      return;
    }
    const what = 'WebAssembly.Table()';
    if (!isObject(descriptor)) throw new TypeError(`${what}: argument 1 must be a table descriptor`);
    const d = dictionary(descriptor, what);
    // Member order as the JS API tests observe it: element, address, initial, maximum.
    const elementV = d.element;
    if (elementV === undefined) throw new TypeError(`${what}: descriptor property 'element' is required`);
    const elemName = toDOMString(elementV);
    const elem = refTypeFromString(elemName);
    if (elem === null) throw new TypeError(`${what}: "${elemName}" is not a table element type`);
    const addr = addressType(d.address, what);
    const { initial, maximum } = descriptorLimits(d, addr, what);
    if (initial > MAX_TABLE) throw new RangeError(`${what}: initial ${initial} exceeds the limit ${MAX_TABLE}`);
    if (maximum !== null && maximum < initial) throw new RangeError(`${what}: maximum ${maximum} is below initial ${initial}`);
    const init = elemValue(elem, value, arguments.length >= 2);
    this.#t = createTable({ elem, min: BigInt(initial), max: maximum === null ? null : BigInt(maximum), addr }, init);
    tables.set(this.#t, this);
  }

  get length(): number | bigint {
    const t = tableOf(this, 'length');
    return fromAddress(t.size, t.type.addr);
  }

  get(index: unknown): unknown {
    const t = tableOf(this, 'get');
    if (arguments.length < 1) throw new TypeError('WebAssembly.Table.get(): 1 argument required');
    const i = toAddress(index, t.type.addr, 'WebAssembly.Table.get()');
    if (i >= t.size) throw new RangeError(`WebAssembly.Table.get(): index ${i} out of bounds`);
    return toJS(t.get(i), t.type.elem);
  }

  set(index: unknown, value?: unknown): void {
    const t = tableOf(this, 'set');
    if (arguments.length < 1) throw new TypeError('WebAssembly.Table.set(): 1 argument required');
    const i = toAddress(index, t.type.addr, 'WebAssembly.Table.set()');
    if (i >= t.size) throw new RangeError(`WebAssembly.Table.set(): index ${i} out of bounds`);
    t.set(i, elemValue(t.type.elem, value, arguments.length >= 2));
  }

  grow(delta: unknown, value?: unknown): number | bigint {
    const t = tableOf(this, 'grow');
    if (arguments.length < 1) throw new TypeError('WebAssembly.Table.grow(): 1 argument required');
    const d = toAddress(delta, t.type.addr, 'WebAssembly.Table.grow()');
    const init = elemValue(t.type.elem, value, arguments.length >= 2);
    const old = d > MAX_TABLE ? -1 : t.grow(d, init);
    if (old < 0) throw new RangeError('WebAssembly.Table.grow(): failed to grow table');
    return fromAddress(old, t.type.addr);
  }

  static isTable(v: unknown): v is Table {
    return isObject(v) && #t in v;
  }

  /** The runtime table (weft extension: for embedders mixing the JS API and the runtime API). */
  static instOf(t: Table): TableInst {
    return t.#t;
  }
}
setLength(Table.prototype.get, 1);
setLength(Table.prototype.set, 1);
setLength(Table.prototype.grow, 1);
idlInterface(Table, 'Table', 1);

const tableOf = brandCheck('Table', Table.isTable, Table.instOf);

export function tableObject(inst: TableInst): Table {
  return tables.of(inst, () => new Table(undefined));
}
