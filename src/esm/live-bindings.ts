/**
 * Live bindings for mutable-global exports in generated ES modules (the Node hooks' path).
 *
 * The spec ties an exported mutable global's binding to the global itself. A generated JS module
 * can only change its own `let` bindings by running code, and wasm writes globals without telling
 * anyone, so weft refreshes every live binding whenever control comes back to JS from a function
 * of a module that shares mutable globals: those modules' exported functions are wrapped. The
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
