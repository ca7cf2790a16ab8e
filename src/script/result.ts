/**
 * What running a script produces: one outcome per command, plus the counts the CLI and the test
 * harness report. Kept apart from the runner so reporters depend only on this shape.
 */
import type { Command, Loc } from './ast.js';

export type Outcome = 'passed' | 'failed' | 'skipped';

export interface CommandOutcome {
  readonly kind: Command['kind'] | 'script';
  readonly loc: Loc;
  readonly outcome: Outcome;
  /** Why it failed, or why it was skipped. */
  readonly message?: string;
}

/** An assertion that failed the right way but with a different message than the script expects. */
export interface MessageMismatch {
  readonly loc: Loc;
  readonly expected: string;
  readonly actual: string;
}

export interface RunResult {
  readonly source: string;
  passed: number;
  failed: number;
  skipped: number;
  readonly outcomes: CommandOutcome[];
  readonly messageMismatches: MessageMismatch[];
  /** Skip reasons with their counts. */
  readonly skipReasons: Map<string, number>;
  /** Text modules that could not be encoded and were validated from the AST instead. */
  encoderFallbacks: number;
}

export function emptyResult(source: string): RunResult {
  return {
    source, passed: 0, failed: 0, skipped: 0, outcomes: [], messageMismatches: [],
    skipReasons: new Map(), encoderFallbacks: 0,
  };
}

export function record(r: RunResult, o: CommandOutcome): void {
  r.outcomes.push(o);
  r[o.outcome]++;
  if (o.outcome === 'skipped') {
    const why = o.message ?? 'skipped';
    r.skipReasons.set(why, (r.skipReasons.get(why) ?? 0) + 1);
  }
}

/** `line:col` of a location, as failure lines print it. */
export function formatLoc(loc: Loc): string {
  return `${loc.line}:${loc.column}`;
}

/** Failure messages of a result, each prefixed by its location. */
export function failureLines(r: RunResult): string[] {
  return r.outcomes.filter(o => o.outcome === 'failed').map(o => `${formatLoc(o.loc)}: ${o.message ?? o.kind}`);
}

/** A compact, cloneable digest of a run (what worker threads send back and reporters print). */
export interface FileSummary {
  readonly name: string;
  readonly passed: number;
  readonly failed: number;
  readonly skipped: number;
  /** Failure lines (`line:col: message`), at most the number asked for. */
  readonly failures: string[];
  readonly messageMismatches: string[];
  readonly skipReasons: [string, number][];
  readonly encoderFallbacks: number;
  readonly ms: number;
}

export function summarize(name: string, r: RunResult, maxFailures: number, ms: number): FileSummary {
  return {
    name, passed: r.passed, failed: r.failed, skipped: r.skipped,
    failures: failureLines(r).slice(0, maxFailures),
    messageMismatches: r.messageMismatches.map(m => `${formatLoc(m.loc)}: expected "${m.expected}", got "${m.actual}"`),
    skipReasons: [...r.skipReasons], encoderFallbacks: r.encoderFallbacks, ms,
  };
}

/** A file that could not be run at all (worker died, timed out): one failure. */
export function failedSummary(name: string, why: string, ms: number): FileSummary {
  return { name, passed: 0, failed: 1, skipped: 0, failures: [`1:1: ${why}`], messageMismatches: [], skipReasons: [], encoderFallbacks: 0, ms };
}
