/**
 * `import 'weft/polyfill'`: installs weft's WebAssembly as `globalThis.WebAssembly` (with the
 * attributes the host's own global has: writable, configurable, not enumerable). The host's
 * original namespace stays reachable as `nativeWebAssembly` from this module.
 */
import { WebAssembly } from './namespace.js';

export const nativeWebAssembly: unknown = (globalThis as { WebAssembly?: unknown }).WebAssembly;

export function installWebAssembly(): void {
  Object.defineProperty(globalThis, 'WebAssembly', { value: WebAssembly, writable: true, enumerable: false, configurable: true });
}

installWebAssembly();

export { WebAssembly };
