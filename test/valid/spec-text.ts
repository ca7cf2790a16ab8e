/**
 * A second pass over the spec testsuite for scripts wast2json cannot convert (GC, typed function
 * references, newer proposals): the scripts are read with weft's own text parser, and each module's
 * AST goes to the validator. Not an independent oracle, since the parser is ours, but it covers
 * the Wasm 3.0 type system that the old wabt on this machine does not know.
 *
 * Runnable directly: `node dist/test/valid/spec-text.js [-v] [filter]`.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { decodeModule } from '../../src/binary/decode.js';
import { encodeModule } from '../../src/binary/encode.js';
import { CompileError } from '../../src/errors.js';
import { ALL_FEATURES, features, type FeatureSet } from '../../src/features.js';
import type { ScriptModule } from '../../src/script/ast.js';
import { parseScript } from '../../src/text/parse-script.js';
import { validateModule } from '../../src/valid/index.js';
import { sideTableProblem } from './invariants.js';
import { CORE_FEATURES, coreWastFiles, TESTSUITE, type Failure } from './spec-oracle.js';

export interface TextStats {
  files: number; unparsable: string[];
  valid: number; validOk: number;
  invalid: number; invalidOk: number; invalidMessageOk: number;
  malformed: number; malformedOk: number;
  failures: Failure[]; messageMismatches: Failure[];
}

type Outcome = { ok: true } | { ok: false; phase: string; reason: string };

/** Validates a script module; `roundTrip` also validates a text module's re-encoded binary. */
function check(sm: ScriptModule, f: FeatureSet, roundTrip = false): Outcome | null {
  try {
    if (sm.kind === 'quote') return null;
    const m = sm.kind === 'text' ? sm.module : decodeModule(sm.bytes, f);
    const vm = validateModule(m, f);
    const problem = sideTableProblem(m, vm);
    if (problem) return { ok: false, phase: 'side table', reason: problem };
    if (roundTrip && sm.kind === 'text') validateModule(decodeModule(encodeModule(m), f), f);
    return { ok: true };
  } catch (e) {
    if (e instanceof CompileError) return { ok: false, phase: e.phase, reason: e.reason };
    return { ok: false, phase: 'crash', reason: e instanceof Error ? `${e.name}: ${e.message}` : String(e) };
  }
}

/** Proposal scripts, each with the features it needs. */
export function proposalWastFiles(): { file: string; features: FeatureSet }[] {
  // The threads scripts predate multi-memory and reference types ("multiple memories/tables").
  const dirs: [string, FeatureSet][] = [
    ['threads', features({ 'multi-memory': false, 'reference-types': false })],
    ['wide-arithmetic', ALL_FEATURES], ['custom-page-sizes', ALL_FEATURES], ['stack-switching', ALL_FEATURES],
    ['custom-descriptors', ALL_FEATURES], ['shared-everything-threads', ALL_FEATURES],
  ];
  const out: { file: string; features: FeatureSet }[] = [];
  for (const [d, f] of dirs) {
    for (const file of readdirSorted(`${TESTSUITE}/proposals/${d}`)) out.push({ file, features: f });
  }
  return out;
}

function readdirSorted(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter(f => f.endsWith('.wast')).sort().map(f => `${dir}/${f}`);
}

export function runTextSpec(files: { file: string; features: FeatureSet }[]): TextStats {
  const s: TextStats = {
    files: 0, unparsable: [], valid: 0, validOk: 0, invalid: 0, invalidOk: 0, invalidMessageOk: 0,
    malformed: 0, malformedOk: 0, failures: [], messageMismatches: [],
  };
  for (const { file, features } of files) {
    const name = file.slice(TESTSUITE.length + 1);
    let script;
    try {
      script = parseScript(readFileSync(file, 'utf8'), name, features);
    } catch (e) {
      s.unparsable.push(name);
      continue;
    }
    s.files++;
    for (const cmd of script.commands) {
      const fail = (kind: string, detail: string): void => { s.failures.push({ file: name, line: cmd.loc.line, kind, detail }); };
      switch (cmd.kind) {
        case 'module': case 'assert_unlinkable': case 'assert_uninstantiable': case 'assert_trap_module': {
          const out = check(cmd.module, features, true);
          if (!out) break;
          s.valid++;
          if (out.ok) s.validOk++;
          else fail('valid module rejected', `${out.phase}: ${out.reason}`);
          break;
        }
        case 'assert_invalid': {
          const out = check(cmd.module, features);
          if (!out) break;
          s.invalid++;
          if (out.ok) fail('invalid module accepted', `expected "${cmd.message}"`);
          else if (out.phase === 'invalid') {
            s.invalidOk++;
            if (out.reason.includes(cmd.message)) s.invalidMessageOk++;
            else s.messageMismatches.push({ file: name, line: cmd.loc.line, kind: 'message', detail: `expected "${cmd.message}", got "${out.reason}"` });
          } else fail(`rejected as ${out.phase}`, `expected "${cmd.message}", got "${out.reason}"`);
          break;
        }
        case 'assert_malformed': {
          if (cmd.module.kind !== 'binary') break;
          const out = check(cmd.module, features);
          if (!out) break;
          s.malformed++;
          if (!out.ok && out.phase !== 'crash') s.malformedOk++;
          else fail('malformed module accepted', out.ok ? `expected "${cmd.message}"` : out.reason);
          break;
        }
        default: break;
      }
    }
  }
  return s;
}

export function textSummary(s: TextStats): string {
  return [
    `scripts parsed: ${s.files}, unparsable by weft's text parser: ${s.unparsable.length}`,
    `valid modules accepted (as text AST and re-encoded binary): ${s.validOk}/${s.valid}`,
    `assert_invalid rejected as invalid: ${s.invalidOk}/${s.invalid} (message matches: ${s.invalidMessageOk})`,
    `assert_malformed (binary) rejected: ${s.malformedOk}/${s.malformed}`,
    `failures: ${s.failures.length}`,
  ].join('\n');
}

if (process.argv[1] && basename(process.argv[1]) === 'spec-text.js') {
  const verbose = process.argv.includes('-v');
  const filter = process.argv.slice(2).filter(a => a !== '-v')[0];
  const files = [
    ...coreWastFiles().map(file => ({ file, features: CORE_FEATURES })),
    ...proposalWastFiles(),
  ].filter(f => !filter || f.file.includes(filter));
  const s = runTextSpec(files);
  for (const x of s.failures) console.log(`${x.file}:${x.line}: ${x.kind}: ${x.detail}`);
  if (verbose) for (const x of s.messageMismatches) console.log(`${x.file}:${x.line}: ${x.detail}`);
  console.log(`unparsable: ${s.unparsable.join(' ')}`);
  console.log(textSummary(s));
}
