/**
 * The builtin sets weft knows, by the name `builtins: [...]` uses (the import module is that name
 * prefixed with `wasm:`). Names of the JS Primitive Builtins sets follow their module names
 * (`wasm:js-number` -> 'js-number'); their `wasm:js-string` additions join the 'js-string' set.
 */
import { builtinSet, type BuiltinDef, type BuiltinSet } from './definition.js';
import { JS_STRING_BUILTINS } from './js-string.js';
import {
  JS_BIGINT_BUILTINS, JS_BOOLEAN_BUILTINS, JS_NUMBER_BUILTINS, JS_STRING_FROM_NUMBER_BUILTINS,
  JS_SYMBOL_BUILTINS, JS_UNDEFINED_BUILTINS,
} from './js-primitives.js';
import { TEXT_DECODER_BUILTINS, TEXT_ENCODER_BUILTINS } from './text-encoding.js';

const SETS = new Map<string, BuiltinSet>();
function add(name: string, defs: readonly BuiltinDef[] | null): void {
  if (defs) SETS.set(name, builtinSet(name, defs));
}
add('js-string', [...JS_STRING_BUILTINS, ...JS_STRING_FROM_NUMBER_BUILTINS]);
add('text-decoder', TEXT_DECODER_BUILTINS);
add('text-encoder', TEXT_ENCODER_BUILTINS);
add('js-number', JS_NUMBER_BUILTINS);
add('js-boolean', JS_BOOLEAN_BUILTINS);
add('js-undefined', JS_UNDEFINED_BUILTINS);
add('js-symbol', JS_SYMBOL_BUILTINS);
add('js-bigint', JS_BIGINT_BUILTINS);

/** The set called `name`, or undefined: unknown names are ignored (future sets stay detectable). */
export function builtinSetNamed(name: string): BuiltinSet | undefined {
  return SETS.get(name);
}

/** The names of all sets this host supports. */
export function builtinSetNames(): string[] {
  return [...SETS.keys()];
}
