/** args_get/args_sizes_get and environ_get/environ_sizes_get: NUL-terminated strings plus a pointer array. */
import type { WasiCalls, WasiContext } from './context.js';
import { Errno } from './errno.js';
import { GuestMemory } from './memory.js';

/** Writes each string NUL-terminated into bufPtr and its address into ptrsPtr[i]. */
function writeStrings(mem: GuestMemory, strings: readonly string[], ptrsPtr: number, bufPtr: number): void {
  let at = bufPtr;
  strings.forEach((s, i) => {
    mem.setU32(ptrsPtr + 4 * i, at);
    at += mem.write(at, GuestMemory.encode(s));
    mem.setU8(at++, 0);
  });
}

function writeSizes(mem: GuestMemory, strings: readonly string[], countPtr: number, sizePtr: number): void {
  mem.setU32(countPtr, strings.length);
  mem.setU32(sizePtr, strings.reduce((n, s) => n + GuestMemory.encode(s).length + 1, 0));
}

export function argsEnvCalls(ctx: WasiContext): WasiCalls {
  return {
    args_get: (argvPtr: number, bufPtr: number) => (writeStrings(ctx.mem, ctx.args, argvPtr, bufPtr), Errno.SUCCESS),
    args_sizes_get: (countPtr: number, sizePtr: number) => (writeSizes(ctx.mem, ctx.args, countPtr, sizePtr), Errno.SUCCESS),
    environ_get: (envPtr: number, bufPtr: number) => (writeStrings(ctx.mem, ctx.env, envPtr, bufPtr), Errno.SUCCESS),
    environ_sizes_get: (countPtr: number, sizePtr: number) => (writeSizes(ctx.mem, ctx.env, countPtr, sizePtr), Errno.SUCCESS),
  };
}
