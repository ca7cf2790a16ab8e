/**
 * The script (`.wast`) AST: what the text parser produces from a script and the runner executes.
 * Line/column locations let the runner report failures where they are written.
 */
import type { Module } from '../syntax/module.js';

export interface Loc { readonly line: number; readonly column: number }

/**
 * How a script writes a module. Text modules are parsed eagerly into an AST (a syntax error in a
 * plain `(module ...)` aborts the script); `quote` modules are kept as text, to be parsed when the
 * command runs (that is how `assert_malformed` tests text syntax errors).
 */
export type ScriptModule =
  | { readonly kind: 'text'; readonly module: Module; readonly loc: Loc }
  | { readonly kind: 'binary'; readonly bytes: Uint8Array; readonly loc: Loc }
  | { readonly kind: 'quote'; readonly text: string; readonly loc: Loc };

/** A constant argument or expected result. Numbers use the raw representation (see embedding.ts). */
export type Const =
  | { readonly kind: 'i32'; readonly value: number }
  | { readonly kind: 'i64'; readonly value: bigint }
  | { readonly kind: 'f32'; readonly bits: number }
  | { readonly kind: 'f64'; readonly bits: bigint }
  | { readonly kind: 'v128'; readonly bytes: Uint8Array }
  | { readonly kind: 'ref.null'; readonly heap: string | number | null }
  | { readonly kind: 'ref.extern'; readonly id: number }
  | { readonly kind: 'ref.host'; readonly id: number };

/** An expected result: a constant, or a pattern. */
export type Expected =
  | Const
  | { readonly kind: 'f32'; readonly nan: 'canonical' | 'arithmetic' }
  | { readonly kind: 'f64'; readonly nan: 'canonical' | 'arithmetic' }
  /** v128 with per-lane patterns, e.g. `(v128.const f32x4 nan:canonical 1.0 ...)`. */
  | { readonly kind: 'v128'; readonly shape: 'i8x16' | 'i16x8' | 'i32x4' | 'i64x2' | 'f32x4' | 'f64x2'; readonly lanes: readonly LanePattern[] }
  /** `(ref.null)` without heap type: any null; `(ref.extern)` without id: any non-null extern... */
  | { readonly kind: 'ref.null.any' }
  | { readonly kind: 'ref.extern.any' }
  | { readonly kind: 'ref.func'; readonly index?: number }
  | { readonly kind: 'ref.any' } | { readonly kind: 'ref.eq' } | { readonly kind: 'ref.i31' }
  | { readonly kind: 'ref.i31_shared' }
  | { readonly kind: 'ref.struct' } | { readonly kind: 'ref.array' } | { readonly kind: 'ref.exn' }
  | { readonly kind: 'ref.cont' }
  | { readonly kind: 'either'; readonly options: readonly Expected[] };

export type LanePattern =
  | { readonly kind: 'int'; readonly value: bigint }
  | { readonly kind: 'float'; readonly bits: bigint }
  | { readonly kind: 'nan'; readonly nan: 'canonical' | 'arithmetic' };

export type Action =
  | { readonly kind: 'invoke'; readonly module: string | null; readonly name: string; readonly args: readonly Const[]; readonly loc: Loc }
  | { readonly kind: 'get'; readonly module: string | null; readonly name: string; readonly loc: Loc };

export type Command =
  | { readonly kind: 'module'; readonly id: string | null; readonly module: ScriptModule; readonly definition: boolean; readonly loc: Loc }
  /** `(module instance $i $m)`: instantiate a module definition. */
  | { readonly kind: 'instance'; readonly id: string | null; readonly module: string | null; readonly loc: Loc }
  | { readonly kind: 'register'; readonly name: string; readonly id: string | null; readonly loc: Loc }
  | { readonly kind: 'action'; readonly action: Action; readonly loc: Loc }
  | { readonly kind: 'assert_return'; readonly action: Action; readonly expected: readonly Expected[]; readonly loc: Loc }
  | { readonly kind: 'assert_trap'; readonly action: Action; readonly message: string; readonly loc: Loc }
  /** `(assert_trap (module ...) "msg")`: instantiation traps (the start function or a segment). */
  | { readonly kind: 'assert_trap_module'; readonly module: ScriptModule; readonly message: string; readonly loc: Loc }
  | { readonly kind: 'assert_exhaustion'; readonly action: Action; readonly message: string; readonly loc: Loc }
  | { readonly kind: 'assert_exception'; readonly action: Action; readonly loc: Loc }
  | { readonly kind: 'assert_suspension'; readonly action: Action; readonly message: string; readonly loc: Loc }
  | { readonly kind: 'assert_invalid'; readonly module: ScriptModule; readonly message: string; readonly loc: Loc }
  | { readonly kind: 'assert_malformed'; readonly module: ScriptModule; readonly message: string; readonly loc: Loc }
  | { readonly kind: 'assert_unlinkable'; readonly module: ScriptModule; readonly message: string; readonly loc: Loc }
  | { readonly kind: 'assert_uninstantiable'; readonly module: ScriptModule; readonly message: string; readonly loc: Loc };

export interface Script { readonly commands: readonly Command[]; readonly source: string }
