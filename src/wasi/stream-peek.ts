/**
 * Readiness of input streams (stdin as a pipe or terminal) for poll_oneoff, which Node cannot ask
 * the OS about synchronously. On Linux a second, non-blocking descriptor onto the same pipe or
 * terminal is opened through /proc/self/fd; a read on it either finds input — kept on the entry as
 * `pending` for the next fd_read — or reports EAGAIN, "not ready". Where that is impossible
 * (no /proc, sockets, regular files, whose position a second descriptor would not share) a stream
 * counts as always ready, and a following fd_read simply blocks.
 */
import * as fs from 'node:fs';
import type { StreamEntry } from './fd-table.js';

const PEEK_SIZE = 65536;

function openPeekFd(e: StreamEntry): number | null {
  try {
    const st = fs.fstatSync(e.hostFd);
    if (!st.isFIFO() && !st.isCharacterDevice()) return null;
    return fs.openSync(`/proc/self/fd/${e.hostFd}`, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
  } catch {
    return null;
  }
}

/**
 * Bytes readable from the stream without blocking: a count (0 at end of input), or null when
 * nothing has arrived yet. Unknowable readiness counts as 1 byte ready.
 */
export function streamReadable(e: StreamEntry): number | null {
  if (e.pending && e.pending.length > 0) return e.pending.length;
  if (e.peekFd === undefined) e.peekFd = openPeekFd(e);
  if (e.peekFd === null) return 1;
  const buf = new Uint8Array(PEEK_SIZE);
  try {
    const n = fs.readSync(e.peekFd, buf, 0, buf.length, null);
    if (n > 0) e.pending = buf.slice(0, n);
    return n;
  } catch (err) {
    if ((err as { code?: string }).code === 'EAGAIN') return null;
    return 1; // an error is "ready": the guest's fd_read will report it
  }
}

/** Moves pending input into the guest's buffers; returns the bytes moved (0 when none is pending). */
export function takePending(e: StreamEntry, bufs: Uint8Array[]): number {
  const pending = e.pending;
  if (!pending || pending.length === 0) return 0;
  let taken = 0;
  for (const buf of bufs) {
    const n = Math.min(buf.length, pending.length - taken);
    buf.set(pending.subarray(taken, taken + n));
    taken += n;
    if (taken === pending.length) break;
  }
  e.pending = pending.subarray(taken);
  return taken;
}
