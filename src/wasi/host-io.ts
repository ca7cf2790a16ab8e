/**
 * Blocking host I/O for the synchronous WASI calls. stdio may be a non-blocking pipe or tty (Node
 * switches some to O_NONBLOCK), so EAGAIN is waited out here rather than surfaced to a guest that
 * expects blocking descriptors.
 */
import * as fs from 'node:fs';

const sleeper = new Int32Array(new SharedArrayBuffer(4));

/** Blocks the thread for `ms` milliseconds (WASI calls are synchronous; there is no event loop to yield to). */
export function sleepMs(ms: number): void {
  if (ms > 0) Atomics.wait(sleeper, 0, 0, ms);
}

function retryOnAgain<T>(op: () => T): T {
  for (;;) {
    try {
      return op();
    } catch (e) {
      if ((e as { code?: string }).code !== 'EAGAIN') throw e;
      sleepMs(1);
    }
  }
}

/** Reads into `buf` at `position` (null: the host's current position); returns bytes read, 0 at EOF. */
export function hostRead(fd: number, buf: Uint8Array, position: bigint | null): number {
  if (buf.length === 0) return 0;
  return retryOnAgain(() => fs.readSync(fd, buf, 0, buf.length, position));
}

/** Writes all of `buf` at `position` (null: the host's current position); returns bytes written. */
export function hostWrite(fd: number, buf: Uint8Array, position: bigint | null): number {
  let done = 0;
  while (done < buf.length) {
    const pos = position === null ? null : Number(position) + done;
    done += retryOnAgain(() => fs.writeSync(fd, buf, done, buf.length - done, pos));
  }
  return done;
}
