/**
 * poll_oneoff for clocks and descriptors. WASI calls are synchronous, so waiting means blocking the
 * thread: a clock-only poll sleeps until the earliest deadline. Descriptor subscriptions are answered
 * at once as ready — files always are, and for stdin a following fd_read simply blocks until input
 * arrives, which is what a guest polling stdin then reading it observes anyway.
 */
import * as fs from 'node:fs';
import { ClockId, EventType, Rights, SubClockFlags } from './abi.js';
import { clockNow } from './clock.js';
import type { WasiCalls, WasiContext } from './context.js';
import { Errno, errnoOf, fail } from './errno.js';
import { sleepMs } from './host-io.js';

const SUB_SIZE = 48;
const EVENT_SIZE = 32;

interface Event {
  userdata: bigint;
  error: number;
  type: number;
  nbytes: bigint;
}

interface ClockSub {
  userdata: bigint;
  /** Deadline on the monotonic clock, in ns. */
  deadline: bigint;
}

/** Bytes available to read from a descriptor, as far as we can tell without blocking. */
function readableBytes(ctx: WasiContext, fd: number): bigint {
  const e = ctx.fds.get(fd, Rights.POLL_FD_READWRITE);
  if (e.kind === 'file') {
    const left = fs.fstatSync(e.hostFd, { bigint: true }).size - e.position;
    return left > 0n ? left : 0n;
  }
  return 1n;
}

export function pollCalls(ctx: WasiContext): WasiCalls {
  const { mem } = ctx;
  return {
    poll_oneoff(inPtr: number, outPtr: number, nsubs: number, neventsPtr: number): number {
      if (nsubs === 0) fail(Errno.INVAL, 'no subscriptions');
      const ready: Event[] = [];
      const clocks: ClockSub[] = [];
      for (let i = 0; i < nsubs; i++) {
        const p = inPtr + i * SUB_SIZE;
        const userdata = mem.u64(p);
        const type = mem.u8(p + 8);
        if (type === EventType.CLOCK) {
          const id = mem.u32(p + 16);
          const timeout = mem.u64(p + 24);
          const absolute = (mem.u16(p + 40) & SubClockFlags.ABSTIME) !== 0;
          try {
            // Absolute deadlines are converted to the monotonic clock so one sleep serves them all.
            const wait = absolute ? timeout - clockNow(id) : (clockNow(id), timeout);
            clocks.push({ userdata, deadline: clockNow(ClockId.MONOTONIC) + (wait > 0n ? wait : 0n) });
          } catch (e) {
            ready.push({ userdata, error: errnoOf(e) ?? Errno.INVAL, type, nbytes: 0n });
          }
        } else if (type === EventType.FD_READ || type === EventType.FD_WRITE) {
          const fd = mem.u32(p + 16);
          try {
            const nbytes = type === EventType.FD_READ ? readableBytes(ctx, fd) : (ctx.fds.get(fd, Rights.POLL_FD_READWRITE), 0n);
            ready.push({ userdata, error: Errno.SUCCESS, type, nbytes });
          } catch (e) {
            ready.push({ userdata, error: errnoOf(e) ?? Errno.BADF, type, nbytes: 0n });
          }
        } else {
          fail(Errno.INVAL, `subscription type ${type}`);
        }
      }

      if (ready.length === 0 && clocks.length > 0) {
        const earliest = clocks.reduce((m, c) => (c.deadline < m ? c.deadline : m), clocks[0]!.deadline);
        for (let left = earliest - clockNow(ClockId.MONOTONIC); left > 0n; left = earliest - clockNow(ClockId.MONOTONIC)) {
          sleepMs(Math.max(1, Math.ceil(Number(left) / 1e6)));
        }
      }
      const now = clockNow(ClockId.MONOTONIC);
      for (const c of clocks) {
        if (c.deadline <= now) ready.push({ userdata: c.userdata, error: Errno.SUCCESS, type: EventType.CLOCK, nbytes: 0n });
      }

      ready.forEach((ev, i) => {
        const p = outPtr + i * EVENT_SIZE;
        mem.zero(p, EVENT_SIZE);
        mem.setU64(p, ev.userdata);
        mem.setU16(p + 8, ev.error);
        mem.setU8(p + 10, ev.type);
        mem.setU64(p + 16, ev.nbytes);
      });
      mem.setU32(neventsPtr, ready.length);
      return Errno.SUCCESS;
    },
  };
}
