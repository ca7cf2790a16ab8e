/**
 * poll_oneoff for clocks and descriptors. WASI calls are synchronous, so waiting means blocking the
 * thread: the poll sleeps until the earliest clock is due or a descriptor is ready, whichever comes
 * first. Files are always ready; stdin as a pipe or terminal is checked without consuming input
 * from the guest's point of view (stream-peek.ts), re-checked every few milliseconds while waiting.
 */
import * as fs from 'node:fs';
import { ClockId, EventType, Rights, SubClockFlags } from './abi.js';
import { clockNow } from './clock.js';
import type { WasiCalls, WasiContext } from './context.js';
import { Errno, errnoOf, fail } from './errno.js';
import { sleepMs } from './host-io.js';
import { streamReadable } from './stream-peek.js';

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

/** How often a poll waiting on a stream looks again (there is no OS wakeup to wait on). */
const STREAM_RECHECK_MS = 5;

interface FdSub {
  userdata: bigint;
  type: number;
  fd: number;
}

/** The event for a descriptor subscription, or null while it is not ready. */
function fdEvent(ctx: WasiContext, sub: FdSub): Event | null {
  try {
    const e = ctx.fds.get(sub.fd, Rights.POLL_FD_READWRITE);
    let nbytes = 0n;
    if (sub.type === EventType.FD_READ && e.kind === 'file') {
      const left = fs.fstatSync(e.hostFd, { bigint: true }).size - e.position;
      nbytes = left > 0n ? left : 0n;
    } else if (sub.type === EventType.FD_READ && e.kind === 'stream') {
      const n = streamReadable(e);
      if (n === null) return null;
      nbytes = BigInt(n);
    }
    return { userdata: sub.userdata, error: Errno.SUCCESS, type: sub.type, nbytes };
  } catch (e) {
    return { userdata: sub.userdata, error: errnoOf(e) ?? Errno.BADF, type: sub.type, nbytes: 0n };
  }
}

export function pollCalls(ctx: WasiContext): WasiCalls {
  const { mem } = ctx;
  return {
    poll_oneoff(inPtr: number, outPtr: number, nsubs: number, neventsPtr: number): number {
      if (nsubs === 0) fail(Errno.INVAL, 'no subscriptions');
      const immediate: Event[] = [];
      const clocks: ClockSub[] = [];
      const fdSubs: FdSub[] = [];
      for (let i = 0; i < nsubs; i++) {
        const p = inPtr + i * SUB_SIZE;
        const userdata = mem.u64(p);
        const type = mem.u8(p + 8);
        if (type === EventType.CLOCK) {
          const id = mem.u32(p + 16);
          const timeout = mem.u64(p + 24);
          const absolute = (mem.u16(p + 40) & SubClockFlags.ABSTIME) !== 0;
          try {
            // Absolute deadlines are converted to the monotonic clock so one wait serves them all.
            const wait = absolute ? timeout - clockNow(id) : (clockNow(id), timeout);
            clocks.push({ userdata, deadline: clockNow(ClockId.MONOTONIC) + (wait > 0n ? wait : 0n) });
          } catch (e) {
            immediate.push({ userdata, error: errnoOf(e) ?? Errno.INVAL, type, nbytes: 0n });
          }
        } else if (type === EventType.FD_READ || type === EventType.FD_WRITE) {
          fdSubs.push({ userdata, type, fd: mem.u32(p + 16) });
        } else {
          fail(Errno.INVAL, `subscription type ${type}`);
        }
      }

      const earliest = clocks.reduce<bigint | null>((m, c) => (m === null || c.deadline < m ? c.deadline : m), null);
      let ready: Event[];
      for (;;) {
        ready = [...immediate, ...fdSubs.map((s) => fdEvent(ctx, s)).filter((e): e is Event => e !== null)];
        const now = clockNow(ClockId.MONOTONIC);
        for (const c of clocks) {
          if (c.deadline <= now) ready.push({ userdata: c.userdata, error: Errno.SUCCESS, type: EventType.CLOCK, nbytes: 0n });
        }
        if (ready.length > 0) break;
        // Nothing yet: sleep to the earliest deadline, or briefly when a stream must be looked at again.
        const untilClock = earliest === null ? Infinity : Math.ceil(Number(earliest - now) / 1e6);
        sleepMs(Math.max(1, fdSubs.length > 0 ? Math.min(untilClock, STREAM_RECHECK_MS) : untilClock));
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
