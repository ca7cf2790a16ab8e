/** random_get: cryptographically secure bytes from the host. */
import { randomFillSync } from 'node:crypto';
import type { WasiCalls, WasiContext } from './context.js';
import { Errno } from './errno.js';

export function randomCalls(ctx: WasiContext): WasiCalls {
  return {
    random_get(bufPtr: number, len: number): number {
      const window = ctx.mem.bytes(bufPtr, len);
      // Fill a private copy: randomFillSync rejects views of a SharedArrayBuffer.
      const tmp = new Uint8Array(len);
      randomFillSync(tmp);
      window.set(tmp);
      return Errno.SUCCESS;
    },
  };
}
