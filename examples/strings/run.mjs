// Runs strings.wat on weft with JS String Builtins: `node examples/strings/run.mjs [name...]`
// (after `npm run build`). The module calls wasm:js-string directly: no JS glue is imported.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { WebAssembly, parseModule, encodeModule } from '../../dist/src/index.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const bytes = encodeModule(parseModule(readFileSync(here + 'strings.wat', 'utf8')));
const options = { builtins: ['js-string'], importedStringConstants: '"' };

// Feature detection, as the proposal suggests: this probe only fails to validate where
// wasm:js-string is implemented (its `cast` has another type).
const probe = encodeModule(parseModule('(module (import "wasm:js-string" "cast" (func)))'));
console.log(`js-string builtins supported: ${!WebAssembly.validate(probe, options)}`);

// No import object is needed: every import is a builtin or a string constant.
const { instance } = await WebAssembly.instantiate(bytes, undefined, options);
const { greet, order } = instance.exports;
const names = process.argv.length > 2 ? process.argv.slice(2) : ['wasm', 'Wörld', '😀'];
for (const name of names) console.log(greet(name));
for (let i = 0; i + 1 < names.length; i++) console.log(order(names[i], names[i + 1]));
console.log(order('same', 'same'));
