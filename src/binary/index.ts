/**
 * The binary format: decoding, encoding and dumping of module binaries.
 */
export { decodeModule, MAX_LOCALS } from './decode.js';
export { decodeFunctionBody, type DecodedBody } from './decode-body.js';
export { encodeModule, type EncodeOptions } from './encode.js';
export { objdump } from './dump.js';
export { decodeNames } from './decode-names.js';
export { encodeNames } from './encode-names.js';
export { Reader } from './reader.js';
export { Writer, encodeS32, encodeS33, encodeS64, encodeU32, encodeU64 } from './writer.js';
