/**
 * Invalid (and a few malformed) module binaries, one per kind of module-level error, each with the
 * byte its CompileError should point at marked `AT`. Shared by offsets.test.ts (weft) and
 * offsets-wabt.test.ts (wasm-validate as a sanity oracle).
 */
import { features as featureSet, type FeatureSet } from '../../src/features.js';
import { AT, sec, wasm, type Marked } from './bytes.js';

// Section ids.
const TYPE = 1, IMPORT = 2, FUNC = 3, TABLE = 4, MEM = 5, GLOBAL = 6, EXPORT = 7, START = 8,
  ELEM = 9, CODE = 10, DATA = 11, DATACOUNT = 12, TAG = 13;

// A few encodings.
const FUNCREF = 0x70, EXTERNREF = 0x6f, I32 = 0x7f, I64 = 0x7e, REF_NULL = 0x63, REF = 0x64;
const END = 0x0b, I32_CONST = 0x41, I64_CONST = 0x42, GLOBAL_GET = 0x23;
const FUNC_TYPE = 0x60, STRUCT = 0x5f, ARRAY = 0x5e, SUB = 0x50, REC = 0x4e;

/** `(type (func))`, one function of that type with an empty body. */
const VOID_TYPE = sec(TYPE, 1, FUNC_TYPE, 0, 0);
const ONE_FUNC = sec(FUNC, 1, 0);
const EMPTY_BODY = sec(CODE, 1, 2, 0, END);
/** `i32.const 0; end`: an active segment's offset. */
const ZERO = [I32_CONST, 0, END];

export interface OffsetCase {
  readonly name: string;
  readonly module: Marked;
  /** What the reason must contain. */
  readonly reason: string;
  readonly phase: 'invalid' | 'malformed';
  readonly features?: FeatureSet;
  /** The function index the error names, if any. */
  readonly funcIndex?: number;
  /** Whether wasm-validate (wabt) rejects it too, so that its offset can be compared. */
  readonly wabt?: boolean;
}

function invalid(name: string, module: Marked, reason: string, more: Partial<OffsetCase> = {}): OffsetCase {
  return { name, module, reason, phase: 'invalid', ...more };
}

function malformed(name: string, module: Marked, reason: string, more: Partial<OffsetCase> = {}): OffsetCase {
  return { name, module, reason, phase: 'malformed', ...more };
}

export const OFFSET_CASES: readonly OffsetCase[] = [
  // ---- types and rec groups ----
  // Errors about a reference to another type point at the reference, the others at the sub type.
  invalid('type: unknown type in a parameter',
    wasm(sec(TYPE, 2, FUNC_TYPE, 0, 0, FUNC_TYPE, 1, REF_NULL, AT, 7, 0)), 'unknown type 7'),
  invalid('type: supertype is final',
    wasm(sec(TYPE, 2, FUNC_TYPE, 0, 0, SUB, 1, AT, 0, FUNC_TYPE, 0, 0)), 'sub type 1 does not match super type 0'),
  invalid('type: subtype does not match its supertype',
    wasm(sec(TYPE, 2, SUB, 0, FUNC_TYPE, 0, 0, SUB, 1, AT, 0, FUNC_TYPE, 1, I32, 0)),
    'sub type 1 does not match super type 0'),
  invalid('type: too many supertypes',
    wasm(sec(TYPE, 3, SUB, 0, FUNC_TYPE, 0, 0, SUB, 0, FUNC_TYPE, 0, 0, AT, SUB, 2, 0, 1, FUNC_TYPE, 0, 0)),
    'sub type 2 has too many supertypes'),
  invalid('rec group: forward supertype',
    wasm(sec(TYPE, 1, REC, 2, SUB, 1, AT, 1, FUNC_TYPE, 0, 0, SUB, 0, FUNC_TYPE, 0, 0)), 'unknown type 1'),
  invalid('rec group: unknown type in its second member',
    wasm(sec(TYPE, 1, REC, 2, FUNC_TYPE, 0, 0, ARRAY, REF_NULL, AT, 9, 0)), 'unknown type 9'),
  invalid('type: unknown type after a rec group',
    wasm(sec(TYPE, 2, REC, 1, FUNC_TYPE, 0, 0, STRUCT, 1, REF, AT, 5, 0)), 'unknown type 5'),
  invalid('rec group: forward use of a described type',
    wasm(sec(TYPE, 1, REC, 2, 0x4c, AT, 1, STRUCT, 0, 0x4d, 0, STRUCT, 0)), 'forward use of described type',
    { features: featureSet({ 'custom-descriptors': true }) }),

  // ---- imports ----
  invalid('import: function of unknown type',
    wasm(sec(IMPORT, 1, 'm', 'f', 0x00, AT, 5)), 'unknown type 5', { wabt: true }),
  invalid('import: function of a struct type',
    wasm(sec(TYPE, 1, STRUCT, 0), sec(IMPORT, 1, 'm', 'f', 0x00, AT, 0)), 'non-function type 0'),
  invalid('import: table limits',
    wasm(sec(IMPORT, 1, 'm', 't', 0x01, FUNCREF, AT, 1, 2, 1)),
    'size minimum must not be greater than maximum', { wabt: true }),
  invalid('import: memory too large',
    wasm(sec(IMPORT, 1, 'm', 'm', 0x02, AT, 0, 0x81, 0x80, 0x04)),
    'memory size must be at most 65536 pages (4GiB)', { wabt: true }),
  invalid('import: global of unknown type',
    wasm(sec(IMPORT, 1, 'm', 'g', 0x03, AT, REF_NULL, 3, 0)), 'unknown type 3'),
  invalid('import: tag with results',
    wasm(sec(TYPE, 1, FUNC_TYPE, 0, 1, I32), sec(IMPORT, 1, 'm', 'e', 0x04, 0, AT, 0)),
    'non-empty tag result type'),
  invalid('import: second function of unknown type',
    wasm(VOID_TYPE, sec(IMPORT, 2, 'm', 'f', 0x00, 0, 'm', 'g', 0x00, AT, 1)), 'unknown type 1', { wabt: true }),

  // ---- functions, tables, memories, tags ----
  invalid('function: unknown type',
    wasm(VOID_TYPE, sec(FUNC, 2, 0, AT, 3), sec(CODE, 2, 2, 0, END, 2, 0, END)), 'unknown type 3', { wabt: true }),
  invalid('table: non-nullable without initialiser',
    wasm(sec(TABLE, 1, AT, REF, FUNCREF, 0, 1)), 'type mismatch: non-nullable table requires an initializer'),
  invalid('table: limits',
    wasm(sec(TABLE, 2, FUNCREF, 0, 1, FUNCREF, AT, 1, 3, 2)),
    'size minimum must not be greater than maximum', { wabt: true }),
  invalid('memory: minimum above maximum',
    wasm(sec(MEM, 1, AT, 1, 2, 1)), 'size minimum must not be greater than maximum', { wabt: true }),
  invalid('memory: a second one without multi-memory',
    wasm(sec(MEM, 2, 0, 1, AT, 0, 1)), 'multiple memories',
    { features: featureSet({ 'multi-memory': false }) }),
  invalid('memory: a second one after an imported one without multi-memory',
    wasm(sec(IMPORT, 1, 'm', 'm', 0x02, 0, 1), sec(MEM, 1, AT, 0, 1)), 'multiple memories',
    { features: featureSet({ 'multi-memory': false }) }),
  invalid('tag: unknown type',
    wasm(VOID_TYPE, sec(TAG, 2, 0, 0, 0, AT, 4)), 'unknown type 4'),

  // ---- globals and their initialisers ----
  invalid('global: unknown type',
    wasm(sec(GLOBAL, 1, AT, REF_NULL, 4, 0, 0xd0, FUNCREF, END)), 'unknown type 4'),
  invalid('global: non-constant initialiser',
    wasm(sec(GLOBAL, 1, I32, 0, I32_CONST, 1, I32_CONST, 2, AT, 0x6d, END)), 'constant expression required', { wabt: true }),
  invalid('global: initialiser of the wrong type',
    wasm(sec(GLOBAL, 1, I32, 0, I64_CONST, 0, AT, END)), 'type mismatch', { wabt: true }),
  invalid('global: initialiser reads a mutable global',
    wasm(sec(IMPORT, 1, 'm', 'g', 0x03, I32, 1), sec(GLOBAL, 1, I32, 0, AT, GLOBAL_GET, 0, END)),
    'constant expression required', { wabt: true }),
  invalid('global: initialiser reads a later global',
    wasm(sec(GLOBAL, 2, I32, 0, AT, GLOBAL_GET, 1, END, I32, 0, I32_CONST, 0, END)), 'unknown global 1', { wabt: true }),

  // ---- exports and start ----
  invalid('export: duplicate name',
    wasm(VOID_TYPE, ONE_FUNC, sec(EXPORT, 2, 'e', 0, 0, AT, 'e', 0, 0), EMPTY_BODY), 'duplicate export name', { wabt: true }),
  invalid('export: unknown function',
    wasm(sec(EXPORT, 1, 'e', 0x00, AT, 3)), 'unknown function 3', { wabt: true }),
  invalid('export: unknown memory',
    wasm(sec(EXPORT, 1, 'a', 0x02, AT, 0)), 'unknown memory 0', { wabt: true }),
  invalid('export: unknown global after a good export',
    wasm(sec(GLOBAL, 1, I32, 0, I32_CONST, 0, END), sec(EXPORT, 2, 'a', 0x03, 0, 'b', 0x03, AT, 1)),
    'unknown global 1', { wabt: true }),
  invalid('start: unknown function',
    wasm(sec(START, AT, 4)), 'unknown function 4', { wabt: true }),
  invalid('start: function with parameters',
    wasm(sec(TYPE, 1, FUNC_TYPE, 1, I32, 0), ONE_FUNC, sec(START, AT, 0), EMPTY_BODY),
    'start function must have type [] -> []', { wabt: true }),

  // ---- element segments ----
  invalid('elem: unknown table index',
    wasm(VOID_TYPE, ONE_FUNC, sec(TABLE, 1, FUNCREF, 0, 1), sec(ELEM, 1, 2, AT, 1, ZERO, 0x00, 1, 0), EMPTY_BODY),
    'unknown table 1', { wabt: true }),
  invalid('elem: implicit table 0 absent',
    wasm(VOID_TYPE, ONE_FUNC, sec(ELEM, 1, AT, 0, ZERO, 1, 0), EMPTY_BODY), 'unknown table 0', { wabt: true }),
  invalid('elem: type does not match the table',
    wasm(sec(TABLE, 1, EXTERNREF, 0, 1), sec(ELEM, 1, 6, 0, ZERO, AT, FUNCREF, 0)),
    'type mismatch: element segment does not match table', { wabt: true }),
  invalid('elem: unknown function in an item',
    wasm(VOID_TYPE, ONE_FUNC, sec(TABLE, 1, FUNCREF, 0, 1), sec(ELEM, 1, 0, ZERO, 2, 0, AT, 5), EMPTY_BODY),
    'unknown function 5', { wabt: true }),
  invalid('elem: unknown type in the reference type',
    wasm(sec(ELEM, 2, 1, 0x00, 0, 5, AT, REF_NULL, 7, 0)), 'unknown type 7'),

  // ---- data segments and the data count ----
  invalid('data: unknown memory index',
    wasm(sec(MEM, 1, 0, 1), sec(DATA, 1, 2, AT, 1, ZERO, 0)), 'unknown memory 1', { wabt: true }),
  invalid('data: implicit memory 0 absent',
    wasm(sec(DATA, 2, 1, 0, AT, 0, ZERO, 1, 0x61)), 'unknown memory 0', { wabt: true }),
  invalid('data: offset of the wrong type',
    wasm(sec(MEM, 1, 0, 1), sec(DATA, 1, 0, I64_CONST, 0, AT, END, 0)), 'type mismatch', { wabt: true }),
  malformed('data count: does not match the data section',
    wasm(sec(MEM, 1, 0, 1), sec(DATACOUNT, 1), sec(DATA, AT, 0)), 'data count and data section have inconsistent lengths'),
  malformed('data count: required by memory.init',
    wasm(VOID_TYPE, ONE_FUNC, sec(MEM, 1, 0, 1),
      sec(CODE, 1, 12, 0, I32_CONST, 0, I32_CONST, 0, I32_CONST, 0, AT, 0xfc, 8, 0, 0, END), sec(DATA, 1, 1, 0)),
    'data count section required'),

  // ---- function bodies ----
  malformed('code: fewer bodies than functions',
    wasm(VOID_TYPE, sec(FUNC, 2, 0, 0), sec(CODE, AT, 1, 2, 0, END)), 'function and code section have inconsistent lengths'),
  invalid('code: unknown type in a local',
    wasm(VOID_TYPE, ONE_FUNC, sec(CODE, 1, 7, 2, 1, I32, 1, AT, REF_NULL, 9, END)), 'unknown type 9', { funcIndex: 0 }),
  invalid('code: type mismatch in a body',
    wasm(VOID_TYPE, ONE_FUNC, sec(CODE, 1, 4, 0, I32_CONST, 0, AT, END)), 'type mismatch', { funcIndex: 0, wabt: true }),
];
