/**
 * Where a translating subcommand writes: the `-o` file, or stdout. Binary output refuses a
 * terminal (it would only garble it) unless asked for explicitly with `-o -`.
 */
import { writeSync } from 'node:fs';
import { CliError } from './cli-error.js';
import { writeOutput } from './load.js';

export function emit(data: Uint8Array | string, out: string | undefined, binary: boolean): void {
  if (out !== undefined && out !== '-') {
    writeOutput(out, data);
    return;
  }
  if (binary && out === undefined && process.stdout.isTTY) {
    const why = 'refusing to write a binary module to a terminal; use -o FILE (or -o - to force)';
    throw new CliError(`weft: error: ${why}`, 2);
  }
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
  // Synchronous so the whole output is written before the process exits, even through a pipe.
  let done = 0;
  while (done < bytes.length) {
    try {
      done += writeSync(1, bytes, done, bytes.length - done);
    } catch (e) {
      if ((e as { code?: string }).code === 'EAGAIN') continue;
      if ((e as { code?: string }).code === 'EPIPE') return;
      throw e;
    }
  }
}
