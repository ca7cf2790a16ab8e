/** proc_exit, proc_raise, sched_yield, and the private signal that carries an exit out of the guest. */
import type { WasiCalls } from './context.js';
import { Errno, fail } from './errno.js';

/**
 * Thrown by proc_exit through the guest's frames back to WASI.start(). Deliberately not an Error
 * subclass so guest-level and generic `catch (e instanceof Error)` handlers in embedders pass it on.
 */
export class WasiExit {
  readonly code: number;
  constructor(code: number) {
    this.code = code;
  }
}

/** Signals whose default action is to do nothing: none, CHLD, CONT, URG, WINCH (WASI numbering). */
const IGNORED_SIGNALS = new Set([0, 16, 17, 22, 27]);

export function procCalls(): WasiCalls {
  return {
    proc_exit(code: number): number {
      throw new WasiExit(code);
    },
    proc_raise(sig: number): number {
      if (sig > 30) fail(Errno.INVAL, `signal ${sig}`);
      if (IGNORED_SIGNALS.has(sig)) return Errno.SUCCESS;
      // No signal handlers in WASI: a raised signal terminates, reported the way shells do (128+n).
      throw new WasiExit(128 + sig);
    },
    sched_yield: () => Errno.SUCCESS,
  };
}

/** The socket calls: weft grants no sockets, so there is never a socket descriptor to use. */
export function sockCalls(): WasiCalls {
  const notsup = () => Errno.NOTSUP;
  return { sock_accept: notsup, sock_recv: notsup, sock_send: notsup, sock_shutdown: notsup };
}
