/**
 * How the CLI reports failure: always one line on stderr, never a stack trace, whatever was
 * thrown (the engine's error classes carry their location in the message).
 */
import { CompileError, LinkError, ParseError, RuntimeError } from '../errors.js';
import { parseArgs, type ArgSpec, type ParsedArgs } from './args.js';

/** An error already phrased for the user, e.g. `file: error: message`. */
export class CliError extends Error {
  constructor(message: string, readonly exitCode = 1) {
    super(message);
  }
}

/** One line describing any thrown value. */
export function describeError(e: unknown): string {
  let msg: string;
  if (e instanceof CliError || e instanceof CompileError || e instanceof ParseError
    || e instanceof LinkError || e instanceof RuntimeError) {
    msg = e.message;
  } else if (e instanceof Error) {
    // Anything else is an internal failure; say so, but still in one line.
    msg = `internal error: ${e.name}: ${e.message}`;
  } else {
    msg = `internal error: ${String(e)}`;
  }
  return msg.replace(/\s*\n\s*/g, ' ');
}

/**
 * The frame of every subcommand: parses its arguments (usage errors exit 2, `--help` prints the
 * usage), runs the body, and turns any exception into one line and exit status 1.
 */
export async function runCommand(
  args: readonly string[], usage: string, spec: ArgSpec,
  body: (a: ParsedArgs) => Promise<number> | number,
): Promise<number> {
  const parsed = parseArgs(args, spec);
  if (typeof parsed === 'string') {
    process.stderr.write(`weft: ${parsed}\n${usage}\n`);
    return 2;
  }
  if (parsed.flags.has('help')) {
    process.stdout.write(usage + '\n');
    return 0;
  }
  try {
    return await body(parsed);
  } catch (e) {
    const line = e instanceof CliError ? e.message : `weft: ${describeError(e)}`;
    process.stderr.write(line + '\n');
    return e instanceof CliError ? e.exitCode : 1;
  }
}
