/**
 * The `weft` command: dispatches to one subcommand module per command. Each module exports
 * `main(args): Promise<number>` and is loaded only when its command runs, so a problem in one
 * command cannot break the others. Exit codes: 0 success, 1 failure, 2 bad usage.
 */
import { readFileSync, realpathSync } from 'node:fs';
import { describeError } from './cli-error.js';

interface Command {
  readonly summary: string;
  readonly load: () => Promise<{ main(args: string[]): Promise<number> }>;
}

const COMMANDS: Readonly<Record<string, Command>> = {
  validate: { summary: 'check that a module (.wasm or .wat) is valid', load: () => import('./validate.js') },
  objdump: { summary: 'show the sections and code of a binary module', load: () => import('./objdump.js') },
  wat2wasm: { summary: 'translate the text format to a binary module', load: () => import('./wat2wasm.js') },
  wasm2wat: { summary: 'translate a binary module to the text format', load: () => import('./wasm2wat.js') },
  wast: { summary: 'run .wast spec-test scripts', load: () => import('./wast.js') },
  run: { summary: 'run a WASI program', load: () => import('./run.js') },
};

function usage(): string {
  const width = Math.max(...Object.keys(COMMANDS).map(c => c.length));
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`);
  return [
    'usage: weft <command> [options] [args]',
    '',
    'commands:',
    ...lines,
    '',
    "Run 'weft <command> --help' for a command's options; 'weft --version' for the version.",
  ].join('\n');
}

function version(): string {
  try {
    const url = new URL('../../../package.json', import.meta.url); // from dist/src/cli/
    const pkg = JSON.parse(readFileSync(url, 'utf8')) as { version?: string };
    return pkg.version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

export async function main(argv: readonly string[]): Promise<number> {
  const [cmd, ...rest] = argv;
  if (cmd === undefined) {
    process.stderr.write(usage() + '\n');
    return 2;
  }
  if (cmd === '--help' || cmd === '-h' || cmd === 'help') {
    const sub = cmd === 'help' ? rest[0] : undefined;
    if (sub !== undefined && COMMANDS[sub]) return main([sub, '--help']);
    process.stdout.write(usage() + '\n');
    return 0;
  }
  if (cmd === '--version' || cmd === '-V') {
    process.stdout.write(`weft ${version()}\n`);
    return 0;
  }
  const command = Object.hasOwn(COMMANDS, cmd) ? COMMANDS[cmd] : undefined;
  if (!command) {
    process.stderr.write(`weft: unknown command '${cmd}'\n${usage()}\n`);
    return 2;
  }
  const mod = await command.load();
  return mod.main(rest);
}

/** Runs `main` and exits, turning anything that escapes into one line (never a stack trace). */
async function run(): Promise<void> {
  // A closed pipe (`weft wasm2wat x.wasm | head`) is the reader's choice, not an error.
  process.stdout.on('error', e => {
    if ((e as { code?: string }).code === 'EPIPE') process.exit(process.exitCode ?? 0);
  });
  let code: number;
  try {
    code = await main(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`weft: ${describeError(e)}\n`);
    code = 1;
  }
  // Let pending stdout writes (piped output) drain before exiting.
  process.exitCode = code;
}

/** Whether this process is the `weft` program (bin/weft.js imports this module, maybe via links). */
function isProgram(): boolean {
  const entry = process.argv[1];
  if (!entry) return false;
  let real = entry;
  try {
    real = realpathSync(entry);
  } catch {
    // Not a file we can resolve: judge by the name alone.
  }
  return [entry, real].some(p => /(?:^|[\\/])weft(?:\.js)?$|[\\/]cli[\\/]main\.js$/.test(p));
}

// Run only as the program, not when a test or library imports `main`.
if (isProgram()) void run();
