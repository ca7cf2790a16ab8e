/**
 * `node --import weft/esm/register app.mjs` (or `--import weft/esm`): installs weft's module hooks
 * (node-hooks.ts) so that `.wasm` imports, static and dynamic, load as ES modules running on weft.
 * Needs `module.register` (Node >= 20.6).
 */
import * as nodeModule from 'node:module';

const register = (nodeModule as { register?: (specifier: string, parentURL: string) => void }).register;
if (typeof register !== 'function') {
  throw new Error(`weft/esm needs module.register (Node >= 20.6); this is Node ${process.versions.node}`);
}
register('./node-hooks.js', import.meta.url);
