/**
 * Live bindings for mutable-global exports in generated ES modules (the Node hooks' path).
 *
 * The spec ties an exported mutable global's binding to the global itself. A generated JS module
 * can only change its own `let` bindings by running code, and wasm writes globals without telling
 * anyone, so weft refreshes every live binding whenever control passes to JS from a module that
 * shares mutable globals: those modules' exported functions are wrapped (refresh on return), and
 * so are the JS functions they import (refresh before the call). The
 * wrappers are the price: such a module's exported functions are not identical to
 * `namespaceInstance(ns).exports.f` (wasm-to-wasm imports still get the unwrapped function), and
 * a Global changed from JS (via namespaceInstance) shows in the bindings after the next such call.
 * The browser loader (import-wasm.ts) needs none of this: its namespace objects use getters.
 */
const refreshers = new Set<() => void>();

export function addLiveBinding(refresh: () => void): void {
  refreshers.add(refresh);
}

export function refreshLiveBindings(): void {
  for (const r of refreshers) r();
}

/** `f` (a JS function imported by wasm), but refreshing the live bindings before JS runs. */
export function refreshingHostFunction(f: Function): Function {
  return (...args: unknown[]): unknown => {
    refreshLiveBindings();
    return Reflect.apply(f, undefined, args);
  };
}

/** `f`, but refreshing the live bindings when it returns or throws. Keeps name and length. */
export function refreshingFunction(f: Function): Function {
  const wrapped = (...args: unknown[]): unknown => {
    try {
      return Reflect.apply(f, undefined, args);
    } finally {
      refreshLiveBindings();
    }
  };
  Object.defineProperty(wrapped, 'name', { value: f.name, configurable: true });
  Object.defineProperty(wrapped, 'length', { value: f.length, configurable: true });
  return wrapped;
}
