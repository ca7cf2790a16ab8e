/**
 * Node-only helpers of the script runner: finding `.wast` files and running one from disk.
 * (The runner itself is host-neutral; only this file touches the file system.)
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Engine } from './engine.js';
import { runWast } from './run-text.js';
import { emptyResult, record, type RunResult } from './result.js';
import type { RunOptions } from './run.js';

/** A script to run: where it is, and how to name it in reports. */
export interface WastFile {
  readonly path: string;
  readonly name: string;
}

function walk(dir: string, name: string, out: WastFile[]): void {
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    const p = join(dir, e.name);
    const n = `${name}/${e.name}`;
    if (e.isDirectory()) walk(p, n, out);
    else if (e.name.endsWith('.wast')) out.push({ path: p, name: n });
  }
}

/**
 * The `.wast` files under the given files and directories, each directory walked recursively in
 * sorted order. A directory's files are named relative to the directory's parent
 * (`core/i32.wast` for `.../testsuite/core`); a file is named as given.
 */
export function listWastFiles(paths: readonly string[]): WastFile[] {
  const out: WastFile[] = [];
  for (const p of paths) {
    const trimmed = p.replace(/\/+$/, '') || p;
    if (statSync(trimmed).isDirectory()) {
      const base = trimmed.split('/').filter(s => s !== '' && s !== '.').pop() ?? '.';
      walk(trimmed, base, out);
    } else {
      out.push({ path: trimmed, name: p });
    }
  }
  return out;
}

/** Reads and runs one file; any exception (unreadable file, runner bug) becomes a failure. */
export function runWastFile<C, I>(file: WastFile, engine: Engine<C, I>, opts: RunOptions = {}): RunResult {
  try {
    return runWast(readFileSync(file.path, 'utf8'), file.name, engine, opts);
  } catch (e) {
    const r = emptyResult(file.name);
    record(r, { kind: 'script', loc: { line: 1, column: 1 }, outcome: 'failed', message: `crashed: ${e instanceof Error ? e.stack ?? e.message : String(e)}` });
    return r;
  }
}
