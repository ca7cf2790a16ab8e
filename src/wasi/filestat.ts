/** The filestat struct and the timestamp arguments shared by fd_/path_filestat_* calls. */
import type * as fs from 'node:fs';
import { FstFlags } from './abi.js';
import { Errno, fail } from './errno.js';
import { filetypeOfStats } from './fd-table.js';
import type { GuestMemory } from './memory.js';

/** Writes a 64-byte filestat: dev, ino, filetype, nlink, size, atim, mtim, ctim. */
export function writeFilestat(mem: GuestMemory, ptr: number, st: fs.BigIntStats): void {
  mem.zero(ptr, 64);
  mem.setU64(ptr, st.dev);
  mem.setU64(ptr + 8, st.ino);
  mem.setU8(ptr + 16, filetypeOfStats(st));
  mem.setU64(ptr + 24, st.nlink);
  mem.setU64(ptr + 32, st.size);
  mem.setU64(ptr + 40, st.atimeNs);
  mem.setU64(ptr + 48, st.mtimeNs);
  mem.setU64(ptr + 56, st.ctimeNs);
}

/** Seconds (what Node's utimes family takes) for one timestamp of a set_times call. */
function pick(given: bigint, useGiven: boolean, useNow: boolean, currentNs: () => bigint): number {
  if (useGiven && useNow) fail(Errno.INVAL, 'both a time and NOW given');
  if (useNow) return Date.now() / 1000;
  return Number(useGiven ? given : currentNs()) / 1e9;
}

/**
 * The (atime, mtime) pair to set for fst_flags. A timestamp with neither its value nor NOW flag set
 * keeps its current value, read lazily with `stat` only when needed.
 */
export function timesToSet(
  atim: bigint, mtim: bigint, flags: number, stat: () => fs.BigIntStats,
): { atime: number; mtime: number } {
  if (flags & ~0xf) fail(Errno.INVAL, 'unknown fst_flags');
  return {
    atime: pick(atim, (flags & FstFlags.ATIM) !== 0, (flags & FstFlags.ATIM_NOW) !== 0, () => stat().atimeNs),
    mtime: pick(mtim, (flags & FstFlags.MTIM) !== 0, (flags & FstFlags.MTIM_NOW) !== 0, () => stat().mtimeNs),
  };
}
