// From the repository root (after `npm run build`):
//   node --import weft/esm examples/esm/main.mjs
// `weft/esm` registers module hooks that load .wasm files as ES modules running on weft's engine.
import { fib, table, calls } from './fib.wasm';

table(8);
console.log('calls so far:', calls); // a live binding: the wasm global's current value
console.log('fib(20) =', fib(20), '- calls so far:', calls);

// Dynamic import gives the same, already instantiated module.
const again = await import('./fib.wasm');
console.log('same instance:', again.fib === fib);
