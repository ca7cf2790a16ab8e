/**
 * `weft/esm` on Node: the host-neutral API (index.ts) plus the module hooks (register.ts), and a
 * file: URL reader for importSource / importWasm (Node's fetch refuses file: URLs).
 */
import './register.js';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { setByteReader } from './fetch-bytes.js';

setByteReader('file:', url => readFile(fileURLToPath(url)));

export * from './index.js';
