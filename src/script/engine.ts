/**
 * The engine the script runner drives. The runner knows nothing about how an engine represents
 * modules, instances or values: it hands over bytes and script constants, and gets back
 * engine-neutral result values and error classes. This is the same split the reference
 * interpreter's runner makes, and it lets one runner test two engines: weft's internal runtime
 * (engine-internal.ts) and, later, the JS-API `WebAssembly` namespace built over it.
 */
import type { Const } from './ast.js';
import type { Module } from '../syntax/module.js';

/**
 * How an engine failure is classified. These are exactly the outcomes the assertion directives
 * distinguish: `assert_malformed`, `assert_invalid`, `assert_unlinkable`, `assert_trap` (and
 * `assert_uninstantiable`), `assert_exhaustion`, `assert_exception`, `assert_suspension`.
 */
export type ErrorClass =
  | 'malformed' | 'invalid' | 'unlinkable' | 'trap' | 'exhaustion' | 'exception' | 'suspension'
  /**
   * A compile error whose phase the engine cannot tell (the JS API has one CompileError for
   * both): satisfies `assert_malformed` and `assert_invalid` alike, as in the JS spec harness.
   */
  | 'compile'
  /**
   * The engine cannot express what the command needs (e.g. a v128 argument through the JS API):
   * the runner skips the command with the message as the reason, rather than failing it.
   */
  | 'unsupported';

export interface ClassifiedError {
  readonly class: ErrorClass;
  /** The reason as the spec tests phrase it (no location), compared by prefix with the script's text. */
  readonly message: string;
}

/**
 * A reference as the runner sees it: only what result patterns can ask about.
 * `host` is the script's host value N, written `(ref.extern N)` when seen through externref and
 * `(ref.host N)` when internalized into anyref: both are the same value, so one case covers both.
 */
export type RefValue =
  | { readonly kind: 'null' }
  | { readonly kind: 'host'; readonly id: number }
  | { readonly kind: 'func' }
  | { readonly kind: 'i31'; readonly shared?: boolean }
  | { readonly kind: 'struct' }
  | { readonly kind: 'array' }
  | { readonly kind: 'exn' }
  | { readonly kind: 'cont' }
  /** An internal (any-hierarchy) reference converted with `extern.convert_any`. */
  | { readonly kind: 'extern'; readonly inner: RefValue }
  /** A non-null reference the engine cannot describe further. */
  | { readonly kind: 'other' };

/** A result value, typed. Floats and vectors are raw bits so NaN payloads can be checked. */
export type ScriptValue =
  | { readonly kind: 'i32'; readonly value: number }
  | { readonly kind: 'i64'; readonly value: bigint }
  | { readonly kind: 'f32'; readonly bits: number }
  | { readonly kind: 'f64'; readonly bits: bigint }
  | { readonly kind: 'v128'; readonly bytes: Uint8Array }
  | { readonly kind: 'ref'; readonly ref: RefValue };

/**
 * An engine. `Compiled` is a compiled (decoded and validated) module, `Instance` an instance.
 * Every method throws on failure; `classify` tells the runner what a thrown value means, and
 * returns null for anything that is not a legitimate engine outcome (a crash: TypeError, ...),
 * which the runner reports as a failure whatever the assertion expected.
 */
export interface Engine<Compiled = unknown, Instance = unknown> {
  readonly name: string;
  /** False for an engine that can decode and validate but not run code (commands needing execution are skipped). */
  readonly canExecute: boolean;
  /** Decode and validate a binary module. */
  compile(bytes: Uint8Array): Compiled;
  /**
   * Validate an already parsed module without going through bytes: the runner's fallback when a
   * text module cannot be encoded. Optional (an engine over the JS API only takes bytes).
   */
  compileModule?(module: Module): Compiled;
  /**
   * Instantiate, resolving each import `(module, name)` among the exports of `lookup(module)`
   * (registered instances, `spectest`); an unknown module or name is a link error.
   */
  instantiate(compiled: Compiled, lookup: (moduleName: string) => Instance | undefined): Instance;
  /** Call an exported function with script constants as arguments. */
  invoke(instance: Instance, name: string, args: readonly Const[]): ScriptValue[];
  /** Read an exported global. */
  get(instance: Instance, name: string): ScriptValue;
  /** The `spectest` host module, one per script run (its memory and table are mutable state). */
  spectest(): Instance;
  classify(error: unknown): ClassifiedError | null;
}
