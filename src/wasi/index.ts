/** weft's WASI preview1 host (`weft/wasi`). */
export { WASI, WasiExit, type WasiOptions, type WasiInstance, type WasiImportFn, type PreopenOption } from './wasi.js';
export { Errno, errnoName } from './errno.js';
