/**
 * The one runtime Store behind a WebAssembly namespace. All instances share it (and its thread),
 * so calls between instances, and wasm -> JS -> wasm re-entrancy, stay on one interpreter stack.
 */
import { Store } from '../runtime/index.js';

export const store = new Store();
