/**
 * Running a script from its text: parse, then run. A script that does not parse is one failure
 * (located where the parser stopped), never an exception, so a directory run always completes.
 */
import type { Engine } from './engine.js';
import { runScript, type RunOptions } from './run.js';
import { emptyResult, record, type RunResult } from './result.js';
import { parseScript } from '../text/parse-script.js';
import { ParseError } from '../errors.js';
import type { Script } from './ast.js';

export function runWast<C, I>(text: string, source: string, engine: Engine<C, I>, opts: RunOptions = {}): RunResult {
  let script: Script;
  try {
    script = parseScript(text, source, opts.features);
  } catch (e) {
    const result = emptyResult(source);
    const loc = e instanceof ParseError ? { line: e.line, column: e.column } : { line: 1, column: 1 };
    const why = e instanceof ParseError ? e.reason : e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    record(result, { kind: 'script', loc, outcome: 'failed', message: `script does not parse: ${why}` });
    return result;
  }
  return runScript(script, engine, opts);
}
