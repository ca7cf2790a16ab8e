/**
 * `weft run`: runs a WASI preview1 command (.wasm, or .wat translated on the fly) and passes its exit
 * code through. Failures are one line on stderr — except traps, which add the wasm stack — and never
 * a Node stack trace. Exit status: the program's own code; 134 after a trap (a SIGABRT death, as
 * other runtimes report it); 1 when the module cannot be loaded or linked; 2 for bad usage.
 */
import { readFileSync, writeSync } from 'node:fs';
import { CompileError, ParseError, RuntimeError } from '../errors.js';
import { ALL_FEATURES, parseProfiles, type FeatureSet } from '../features.js';
import type { Module } from '../syntax/module.js';
import type { FuncType, ValType } from '../syntax/types.js';
import { errnoName, WASI, WasiExit, type PreopenOption } from '../wasi/index.js';
import { FUNC_NEW_MODULE, type EngineOptions } from '../runtime/index.js';
import type { ParsedArgs } from './args.js';
import { CliError } from './cli-error.js';
import { featuresFrom } from './features-arg.js';
import { selectEngine, type Engine, type RunnableInstance } from './engine-select.js';
import { Instance } from '../api/index.js';
import { attachMonitors, checkMonitorList, finishMonitors, finishMonitorsAsJson, MONITOR_NAMES, type Monitor } from '../monitor/index.js';

const USAGE = `usage: weft run [options] FILE.wasm|FILE.wat [--] [ARGS...]

Runs a WASI (preview1) program. ARGS become its argv[1..]; the program sees no files and no
environment unless granted below.

options:
  --dir HOST[::GUEST]     grant the host directory HOST, seen by the program as GUEST (default: HOST)
  --dir-ro HOST[::GUEST]  the same, read-only
  --env NAME=VALUE        set an environment variable (NAME alone copies it from weft's environment)
  --invoke FUNC [N...]    call the export FUNC with numeric arguments (given here or as ARGS)
                          instead of _start, and print its results
  --trace-wasi            log every WASI call with its arguments and errno to stderr
  --monitor M[,M...]      report on the run to stderr when it ends (repeatable; weft's engine, run
                          in the interpreter). M: ${MONITOR_NAMES.join(', ')};
                          options in braces: calls{depth=N;trace=N}, hotness{top=N}
  --monitor-json          the monitors' reports as one JSON object instead of text

engine options (weft's engine only):
  --tier T                interpreter, compiled or auto (default: auto, hot functions compiled to JS)
  --fuel N                stop with a trap after N calls plus loop iterations (endless-loop guard)
  --max-call-depth N      wasm frames before "call stack exhausted" (default 20000)
  --max-memory SIZE       largest size of any one memory, e.g. 64M or 1G (default 4G)
  --enable F[,F...]       switch proposals on (names as in src/features.ts), e.g. --enable func-new
  --disable F[,F...]      switch proposals off
  --all-features          every proposal on
  --profile P[,P...]      language profiles: full (default), deterministic (every NaN generated is
                          the canonical one; no threads), scalar (no SIMD)
  -h, --help              show this help

exit status: the program's exit code; 134 after a trap; 1 if the module cannot be loaded; 2 bad usage`;

const TRAP_EXIT = 134;

interface RunOptions {
  readonly engine: EngineOptions;
  readonly file: string;
  readonly args: string[];
  readonly preopens: Record<string, PreopenOption>;
  readonly env: Record<string, string>;
  readonly invoke: string | undefined;
  readonly traceWasi: boolean;
  readonly monitors: string[];
  readonly monitorJson: boolean;
  readonly help: boolean;
}

/** Options come before FILE; everything after FILE (or after `--`) belongs to the program. */
function parseRunArgs(argv: readonly string[]): RunOptions | string {
  const preopens: Record<string, PreopenOption> = {};
  const env: Record<string, string> = {};
  let invoke: string | undefined;
  const invokeArgs: string[] = [];
  let traceWasi = false;
  const monitors: string[] = [];
  let monitorJson = false;
  const engine: { -readonly [K in keyof EngineOptions]: EngineOptions[K] } = {};
  const featureArgs: ParsedArgs = { positional: [], flags: new Set(), options: new Map() };
  let i = 0;
  const value = (opt: string): string => {
    const v = argv[++i];
    if (v === undefined) throw new UsageError(`option ${opt} needs a value`);
    return v;
  };
  try {
    for (; i < argv.length; i++) {
      const a = argv[i]!;
      if (a === '-h' || a === '--help') return { engine, file: '', args: [], preopens, env, invoke, traceWasi, monitors, monitorJson, help: true };
      if (a === '--trace-wasi') { traceWasi = true; continue; }
      if (a === '--monitor-json') { monitorJson = true; continue; }
      if (a === '--all-features') { featureArgs.flags.add('all-features'); continue; }
      if (a === '--') { i++; break; }
      if (!a.startsWith('-') || a === '-') break;
      const [opt, inline] = a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
      const arg = () => inline ?? value(opt);
      if (opt === '--dir' || opt === '--dir-ro') {
        const spec = arg();
        const sep = spec.indexOf('::');
        const host = sep < 0 ? spec : spec.slice(0, sep);
        const guest = sep < 0 ? spec : spec.slice(sep + 2);
        if (!host || !guest) throw new UsageError(`bad ${opt} '${spec}' (expected HOST or HOST::GUEST)`);
        preopens[guest] = { path: host, readOnly: opt === '--dir-ro' };
      } else if (opt === '--env') {
        const spec = arg();
        const eq = spec.indexOf('=');
        if (eq === 0) throw new UsageError(`bad --env '${spec}' (expected NAME=VALUE)`);
        if (eq > 0) env[spec.slice(0, eq)] = spec.slice(eq + 1);
        else if (process.env[spec] !== undefined) env[spec] = process.env[spec]!;
      } else if (opt === '--invoke') {
        invoke = arg();
        // `--invoke f 1 -2 file.wasm` as well as `--invoke f file.wasm 1 -2`: numbers right after
        // the function name are its arguments (and must not be mistaken for options).
        while (i + 1 < argv.length && NUMERIC_ARG.test(argv[i + 1]!)) invokeArgs.push(argv[++i]!);
      } else if (opt === '--monitor') {
        const list = arg();
        try {
          checkMonitorList(list);
        } catch (e) {
          throw new UsageError(`--monitor: ${(e as Error).message}`);
        }
        monitors.push(list);
      } else if (opt === '--tier') {
        const t = arg();
        if (t !== 'interpreter' && t !== 'compiled' && t !== 'auto') throw new UsageError(`bad --tier '${t}' (expected interpreter, compiled or auto)`);
        engine.tier = t;
      } else if (opt === '--fuel') {
        engine.fuel = count(opt, arg());
      } else if (opt === '--max-call-depth') {
        engine.maxCallDepth = count(opt, arg());
      } else if (opt === '--max-memory') {
        engine.maxMemoryBytes = byteSize(opt, arg());
      } else if (opt === '--enable' || opt === '--disable') {
        const key = opt.slice(2);
        const before = featureArgs.options.get(key);
        featureArgs.options.set(key, before === undefined ? arg() : `${before},${arg()}`);
      } else if (opt === '--profile') {
        try {
          engine.profile = parseProfiles(arg());
        } catch (e) {
          throw new UsageError(`--profile: ${(e as Error).message}`);
        }
      } else {
        throw new UsageError(`unknown option: ${a}`);
      }
    }
  } catch (e) {
    if (e instanceof UsageError) return e.message;
    throw e;
  }
  if (featureArgs.flags.size > 0 || featureArgs.options.size > 0) {
    try {
      engine.features = featuresFrom(featureArgs);
    } catch (e) {
      if (e instanceof CliError) return e.message.replace(/^error: /, '');
      throw e;
    }
  }
  const file = argv[i];
  if (file === undefined) return 'missing FILE';
  let rest = argv.slice(i + 1);
  if (rest[0] === '--') rest = rest.slice(1);
  return { engine, file, args: [...invokeArgs, ...rest], preopens, env, invoke, traceWasi, monitors, monitorJson, help: false };
}

function count(opt: string, text: string): number {
  const n = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(n) || n <= 0) throw new UsageError(`bad ${opt} '${text}' (expected a positive integer)`);
  return n;
}

const SIZE_UNITS: Record<string, number> = { '': 1, k: 2 ** 10, m: 2 ** 20, g: 2 ** 30 };

/** A byte size: digits with an optional K/M/G suffix (binary units), e.g. 65536, 64M, 1G. */
function byteSize(opt: string, text: string): number {
  const m = /^(\d+)([kmg]?)i?b?$/i.exec(text);
  const n = m ? Number(m[1]) * SIZE_UNITS[m[2]!.toLowerCase()]! : NaN;
  if (!Number.isSafeInteger(n) || n <= 0) throw new UsageError(`bad ${opt} '${text}' (expected a size such as 65536, 64M or 1G)`);
  return n;
}

/** What an --invoke argument looks like: an integer or float literal, nan or inf. */
const NUMERIC_ARG = /^[+-]?(\d|\.\d|0x|nan$|inf)/i;

class UsageError extends Error {}

/** A failure already phrased as the one line to print. */
class RunFailure extends Error {}

/**
 * The module's bytes, plus its decoded AST when weft's decoder can provide it. The text parser and
 * the decoder are loaded on demand so that running a .wasm never depends on the text format code.
 */
async function readBinary(file: string): Promise<{ bytes: Uint8Array; module: Module | null }> {
  let data: Uint8Array;
  try {
    data = new Uint8Array(readFileSync(file));
  } catch (e) {
    const code = (e as { code?: string }).code;
    throw new RunFailure(code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : `cannot read (${code ?? e})`);
  }
  // Text when named .wat or when it starts like WAT does; anything else must be a binary.
  const isText = /\.wat$/i.test(file) || /^\s*[(;]/.test(new TextDecoder().decode(data.subarray(0, 64)));
  try {
    if (isText) {
      const [{ parseModule }, { encodeModule }] = await Promise.all([import('../text/parse-module.js'), import('../binary/encode.js')]);
      const module = parseModule(new TextDecoder().decode(data), ALL_FEATURES, file);
      return { bytes: encodeModule(module, { names: true }), module };
    }
    // Decoding here (the engine decodes again) gives weft's own messages for bad binaries and the
    // import list and export types needed below.
    const { decodeModule } = await import('../binary/decode.js');
    return { bytes: data, module: decodeModule(data, ALL_FEATURES) };
  } catch (e) {
    if (e instanceof CompileError || e instanceof ParseError) throw new RunFailure(e.message);
    if (isText) throw e;
    return { bytes: data, module: null }; // a decoder problem must not stop the engine from trying
  }
}

/** Refuses imports WASI does not provide, all in one line, before the engine gives a vaguer error. */
function checkImports(module: Module, wasi: WASI, features: FeatureSet | undefined): void {
  const missing = module.imports
    .filter((im) => !(im.module === 'wasi_snapshot_preview1' && im.desc.kind === 'func' && Object.hasOwn(wasi.wasiImport, im.name)))
    // the engine provides func.new itself when it is enabled (and says LinkError if the type is wrong)
    .filter((im) => !(features?.['func-new'] && im.module === FUNC_NEW_MODULE))
    .map((im) => `${im.module}.${im.name}`);
  if (missing.length === 0) return;
  const hint = missing.some((m) => m.startsWith('wasi_unstable.'))
    ? ' (wasi_unstable, the pre-preview1 ABI, is not supported)'
    : ' (weft run provides only wasi_snapshot_preview1)';
  throw new RunFailure(`unknown import${missing.length > 1 ? 's' : ''} ${missing.join(', ')}${hint}`);
}

function funcTypeOfExport(module: Module, name: string): FuncType | null {
  const ex = module.exports.find((e) => e.name === name && e.kind === 'func');
  if (!ex) return null;
  const imported = module.imports.filter((im) => im.desc.kind === 'func');
  const typeIndex = ex.index < imported.length
    ? (imported[ex.index]!.desc as { type: number }).type
    : module.funcs[ex.index - imported.length]?.type;
  const comp = typeIndex === undefined ? undefined : module.types[typeIndex]?.comp;
  return comp?.kind === 'func' ? comp : null;
}

/** A command-line argument as a JS-API value of type t (i64 as BigInt, floats as numbers). */
function toValue(text: string, t: ValType | undefined): number | bigint {
  if (t === 'i64') {
    try {
      return BigInt(text);
    } catch {
      throw new RunFailure(`invoke: '${text}' is not an i64`);
    }
  }
  const n = Number(text);
  if (Number.isNaN(n) && !/^[+-]?nan$/i.test(text)) throw new RunFailure(`invoke: '${text}' is not a number`);
  return n;
}

function invokeExport(instance: RunnableInstance, module: Module | null, name: string, args: string[]): number {
  const fn = instance.exports[name];
  if (typeof fn !== 'function') throw new RunFailure(`invoke: no exported function '${name}'`);
  const type = module ? funcTypeOfExport(module, name) : null;
  if (type && type.params.length !== args.length) {
    throw new RunFailure(`invoke: ${name} takes ${type.params.length} argument(s), got ${args.length}`);
  }
  const result: unknown = fn(...args.map((a, i) => toValue(a, type?.params[i])));
  for (const v of Array.isArray(result) ? result : result === undefined ? [] : [result]) {
    process.stdout.write(`${String(v)}\n`);
  }
  return 0;
}

/** Frames shown for a trap; a stack overflow would otherwise print thousands of identical lines. */
const MAX_TRAP_FRAMES = 40;

function formatTrap(trap: RuntimeError): string {
  const frames = trap.wasmStack;
  if (frames.length <= MAX_TRAP_FRAMES) return trap.formatWasmStack();
  const head = new RuntimeError(trap.kind, trap.reason, frames.slice(0, MAX_TRAP_FRAMES));
  return `${head.formatWasmStack()}\n    ... ${frames.length - MAX_TRAP_FRAMES} more frames`;
}

/** `--trace-wasi` output: one line per call, written synchronously so it interleaves with the program's own output. */
function traceLine(call: string, args: readonly (number | bigint)[], errno: number): void {
  const line = `wasi: ${call}(${args.join(', ')}) -> ${errno}${errno === 0 ? '' : ` (E${errnoName(errno)})`}\n`;
  writeSync(2, line);
}

export async function main(argv: string[]): Promise<number> {
  const opts = parseRunArgs(argv);
  if (typeof opts === 'string') {
    process.stderr.write(`weft run: ${opts}\n${USAGE}\n`);
    return 2;
  }
  if (opts.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const { file } = opts;
  let wasi: WASI | undefined;
  let engine: Engine;
  let monitors: Monitor[] = [];
  let outcome: { error?: unknown } = {};
  try {
    // monitored code must stay in the interpreter (probes), from the start function on
    const monitored = opts.monitors.length > 0 && opts.engine.tier === undefined && process.env['WEFT_ENGINE'] !== 'native';
    engine = selectEngine(undefined, monitored ? { ...opts.engine, tier: 'interpreter' } : opts.engine);
  } catch (e) {
    process.stderr.write(`weft run: error: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
  try {
    const { bytes, module } = await readBinary(file);
    try {
      wasi = new WASI({
        args: [file, ...opts.args], env: opts.env, preopens: opts.preopens, returnOnExit: true,
        trace: opts.traceWasi ? traceLine : undefined,
      });
    } catch (e) {
      throw new RunFailure((e as Error).message);
    }
    if (module) checkImports(module, wasi, opts.engine.features);
    const instance = await engine.instantiate(bytes, wasi.getImportObject());
    if (opts.monitors.length > 0) {
      // probes go on weft's runtime instance, after instantiation and before any export runs
      if (engine.name !== 'weft') throw new RunFailure("--monitor needs weft's engine, not WEFT_ENGINE=native");
      try {
        monitors = attachMonitors(opts.monitors, Instance.instOf(instance as Instance));
      } catch (e) {
        throw new RunFailure((e as Error).message);
      }
    }
    if (opts.invoke !== undefined) {
      // A reactor is initialized first; a command's exports are called without running _start.
      if (typeof instance.exports['_initialize'] === 'function' && !('_start' in instance.exports)) wasi.initialize(instance);
      else if ('memory' in instance.exports) wasi.attach(instance);
      return invokeExport(instance, module, opts.invoke, opts.args);
    }
    if (typeof instance.exports['_start'] !== 'function') {
      throw new RunFailure('no _start export: not a WASI command (for a library module, call a function with --invoke FUNC)');
    }
    return wasi.start(instance);
  } catch (e) {
    outcome = { error: e };
    const trap = engine.trapOf(e);
    if (trap) {
      process.stderr.write(`${file}: trap: ${formatTrap(trap)}\n`);
      return TRAP_EXIT;
    }
    if (e instanceof WasiExit) return e.code; // proc_exit during --invoke
    const msg = e instanceof Error ? e.message : String(e);
    process.stderr.write(`${file}: error: ${msg.replace(/\s*\n\s*/g, ' ')}\n`);
    return 1;
  } finally {
    if (monitors.length > 0) writeSync(2, `${(opts.monitorJson ? finishMonitorsAsJson : finishMonitors)(monitors, outcome)}\n`);
    wasi?.close();
  }
}
