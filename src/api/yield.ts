/**
 * Yielding to the event loop between compilation phases, so that a large module does not block
 * its caller for the whole decode + validate. Browser-safe: a MessageChannel tick where available
 * (not clamped like nested setTimeout), else setTimeout(0). No Node imports.
 */
export function yieldToEventLoop(): Promise<void> {
  const g = globalThis as { setImmediate?: (f: () => void) => unknown };
  if (typeof g.setImmediate === 'function') return new Promise(resolve => g.setImmediate!(resolve));
  return new Promise(resolve => setTimeout(resolve, 0));
}
