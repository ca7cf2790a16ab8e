/** clock_res_get / clock_time_get: nanosecond clocks from the host. */
import { ClockId } from './abi.js';
import type { WasiCalls, WasiContext } from './context.js';
import { Errno, fail } from './errno.js';

/** Real time in ns: the process start in wall time plus the monotonic clock since, for sub-ms precision. */
const realtimeBase = BigInt(Date.now()) * 1_000_000n - process.hrtime.bigint();

/** The current value of a WASI clock in nanoseconds. */
export function clockNow(id: number): bigint {
  switch (id) {
    case ClockId.REALTIME:
      return realtimeBase + process.hrtime.bigint();
    case ClockId.MONOTONIC:
      return process.hrtime.bigint();
    case ClockId.PROCESS_CPUTIME:
    case ClockId.THREAD_CPUTIME: {
      const u = process.cpuUsage();
      return BigInt(u.user + u.system) * 1000n;
    }
    default:
      return fail(Errno.INVAL, `clock ${id}`);
  }
}

function clockResolution(id: number): bigint {
  switch (id) {
    case ClockId.REALTIME:
    case ClockId.MONOTONIC:
      return 1n;
    case ClockId.PROCESS_CPUTIME:
    case ClockId.THREAD_CPUTIME:
      return 1000n; // cpuUsage counts microseconds
    default:
      return fail(Errno.INVAL, `clock ${id}`);
  }
}

export function clockCalls(ctx: WasiContext): WasiCalls {
  return {
    clock_res_get(id: number, resultPtr: number): number {
      ctx.mem.setU64(resultPtr, clockResolution(id));
      return Errno.SUCCESS;
    },
    clock_time_get(id: number, _precision: bigint, resultPtr: number): number {
      ctx.mem.setU64(resultPtr, clockNow(id));
      return Errno.SUCCESS;
    },
  };
}
