/**
 * The engines the bench compares, in column order. Data-driven: adding an engine (or a weft tier)
 * is one line here plus its Engine object.
 */
import type { Engine } from './engine.js';
import { native } from './native.js';
import { weftInterp, weftCompiled, weftAuto } from './weft.js';
import { weftJsApi } from './weft-jsapi.js';
import { polywasm } from './polywasm.js';
import { wasm2js } from './wasm2js.js';

export const ENGINES: readonly Engine[] = [native, weftInterp, weftCompiled, weftAuto, weftJsApi, polywasm, wasm2js];

export type { Engine, Runner } from './engine.js';
