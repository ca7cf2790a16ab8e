/**
 * Runs the validator over the spec testsuite, using wabt's `wast2json` as an oracle that turns
 * each .wast script into .wasm files plus a JSON list of commands (what is expected valid,
 * invalid, malformed). Conversions are cached under test/.cache/wast2json (gitignored).
 *
 * Also runnable directly for a detailed report: `node dist/test/valid/spec-oracle.js [-v] [filter]`.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeModule } from '../../src/binary/decode.js';
import { CompileError } from '../../src/errors.js';
import { features, type FeatureSet } from '../../src/features.js';
import { validateModule } from '../../src/valid/index.js';

export const REPO = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const TESTSUITE = '/work/shared/testsuite';
const CACHE = join(REPO, 'test', '.cache', 'wast2json');

export function haveWast2json(): boolean {
  try {
    execFileSync('wast2json', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** The .wast files of the core suite (plus legacy/ and custom/). */
export function coreWastFiles(): string[] {
  const dirs = ['core', 'core/legacy', 'core/custom'].map(d => join(TESTSUITE, d));
  return dirs.filter(existsSync).flatMap(d =>
    readdirSync(d).filter(f => f.endsWith('.wast')).sort().map(f => join(d, f)));
}

interface Command {
  type: string;
  line: number;
  filename?: string;
  text?: string;
  module_type?: string;
}

/** Converts one .wast (cached); returns its directory and commands, or null if wast2json failed. */
function convert(wast: string): { dir: string; commands: Command[] } | null {
  const rel = wast.slice(TESTSUITE.length + 1).replace(/[/\\]/g, '__').replace(/\.wast$/, '');
  const dir = join(CACHE, rel);
  const stamp = join(dir, 'stamp');
  const st = statSync(wast);
  const key = `${st.size}:${st.mtimeMs}`;
  const json = join(dir, `${rel}.json`);
  if (!existsSync(stamp) || readFileSync(stamp, 'utf8').split('\n')[0] !== key) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    let ok = true;
    try {
      execFileSync('wast2json', ['--enable-all', '--no-check', wast, '-o', json], { cwd: dir, stdio: 'ignore' });
    } catch {
      ok = false;
    }
    writeFileSync(stamp, `${key}\n${ok ? 'ok' : 'failed'}\n`);
  }
  if (readFileSync(stamp, 'utf8').split('\n')[1] !== 'ok') return null;
  return { dir, commands: (JSON.parse(readFileSync(json, 'utf8')) as { commands: Command[] }).commands };
}

export interface Failure { file: string; line: number; kind: string; detail: string }

export interface Stats {
  files: number;
  skippedFiles: string[];
  valid: number; validOk: number;
  invalid: number; invalidOk: number; invalidAsMalformed: number; invalidMessageOk: number;
  malformed: number; malformedOk: number;
  failures: Failure[];
  /** assert_invalid rejected, but with a reason that does not contain the expected text. */
  messageMismatches: Failure[];
}

type Outcome = { ok: true } | { ok: false; phase: string; reason: string };

function check(bytes: Uint8Array, f: FeatureSet): Outcome {
  try {
    validateModule(decodeModule(bytes, f), f);
    return { ok: true };
  } catch (e) {
    if (e instanceof CompileError) return { ok: false, phase: e.phase, reason: e.reason };
    return { ok: false, phase: 'crash', reason: e instanceof Error ? `${e.name}: ${e.message}` : String(e) };
  }
}

/** Features for the core suite: Wasm 3.0. Stack switching would allow tags with results. */
export const CORE_FEATURES = features({ 'stack-switching': false });

export function runSpec(files: string[], f: FeatureSet = CORE_FEATURES): Stats {
  const s: Stats = {
    files: 0, skippedFiles: [], valid: 0, validOk: 0, invalid: 0, invalidOk: 0, invalidAsMalformed: 0,
    invalidMessageOk: 0, malformed: 0, malformedOk: 0, failures: [], messageMismatches: [],
  };
  for (const wast of files) {
    const conv = convert(wast);
    const name = wast.slice(TESTSUITE.length + 1);
    if (!conv) {
      s.skippedFiles.push(name);
      continue;
    }
    s.files++;
    for (const cmd of conv.commands) {
      if (!cmd.filename || !cmd.filename.endsWith('.wasm')) continue;
      const bytes = readFileSync(join(conv.dir, cmd.filename));
      const out = check(bytes, f);
      const fail = (kind: string, detail: string): void => { s.failures.push({ file: name, line: cmd.line, kind, detail }); };
      switch (cmd.type) {
        case 'module': case 'assert_unlinkable': case 'assert_uninstantiable': case 'assert_trap':
        case 'assert_exhaustion':
          s.valid++;
          if (out.ok) s.validOk++;
          else fail('valid module rejected', `${out.phase}: ${out.reason}`);
          break;
        case 'assert_invalid':
          s.invalid++;
          if (out.ok) fail('invalid module accepted', `expected "${cmd.text}"`);
          else if (out.phase === 'invalid') {
            s.invalidOk++;
            if (out.reason.includes(cmd.text ?? '')) s.invalidMessageOk++;
            else s.messageMismatches.push({ file: name, line: cmd.line, kind: 'message', detail: `expected "${cmd.text}", got "${out.reason}"` });
          } else if (out.phase === 'malformed') {
            s.invalidAsMalformed++;
            s.messageMismatches.push({ file: name, line: cmd.line, kind: 'malformed', detail: `expected invalid "${cmd.text}", got malformed "${out.reason}"` });
          }
          else fail('crash on invalid module', out.reason);
          break;
        case 'assert_malformed':
          if (cmd.module_type !== 'binary') break;
          s.malformed++;
          if (!out.ok && out.phase !== 'crash') s.malformedOk++;
          else fail('malformed module accepted', out.ok ? `expected "${cmd.text}"` : out.reason);
          break;
      }
    }
  }
  return s;
}

export function summary(s: Stats): string {
  return [
    `files converted: ${s.files}, skipped (wast2json cannot parse): ${s.skippedFiles.length}`,
    `valid modules accepted: ${s.validOk}/${s.valid}`,
    `assert_invalid rejected as invalid: ${s.invalidOk}/${s.invalid} (message matches: ${s.invalidMessageOk}); rejected as malformed: ${s.invalidAsMalformed}`,
    `assert_malformed (binary) rejected: ${s.malformedOk}/${s.malformed}`,
    `failures: ${s.failures.length}`,
  ].join('\n');
}

if (process.argv[1] && basename(process.argv[1]) === 'spec-oracle.js') {
  const verbose = process.argv.includes('-v');
  const filter = process.argv.slice(2).filter(a => a !== '-v')[0];
  const files = coreWastFiles().filter(f => !filter || f.includes(filter));
  const s = runSpec(files);
  for (const x of s.failures) console.log(`${x.file}:${x.line}: ${x.kind}: ${x.detail}`);
  if (verbose) for (const x of s.messageMismatches) console.log(`${x.file}:${x.line}: ${x.detail}`);
  console.log(`skipped: ${s.skippedFiles.join(' ')}`);
  console.log(summary(s));
}
