/**
 * The text parser against the spec testsuite (read in place, never copied):
 *  - every .wast script parses (320 with the default suite);
 *  - every `assert_malformed (module quote ...)` of core/ is rejected: by the parser, or failing
 *    decode/validate after encoding;
 *  - with wabt's wast2json as an oracle (skipped when absent), the text modules of a selection of
 *    core scripts (all of them with WEFT_TEXT_ORACLE_ALL=1) encode to wabt's bytes. Two encoding
 *    choices where the text format allows either are normalised first (see `likeWabt`).
 * Override the suite location with WEFT_TESTSUITE.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { decodeModule } from '../../src/binary/decode.js';
import { encodeModule } from '../../src/binary/encode.js';
import { ParseError } from '../../src/errors.js';
import { ALL_FEATURES } from '../../src/features.js';
import type { Script } from '../../src/script/ast.js';
import type { Elem, Module } from '../../src/syntax/module.js';
import { OP } from '../../src/syntax/opcodes.js';
import { parseModule } from '../../src/text/parse-module.js';
import { parseScript } from '../../src/text/parse-script.js';
import { validateModule } from '../../src/valid/index.js';

const DEFAULT_SUITE = '/work/shared/testsuite';
const SUITE = process.env.WEFT_TESTSUITE ?? DEFAULT_SUITE;
const HAVE_SUITE = existsSync(SUITE);

function wastFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...wastFiles(p));
    else if (name.endsWith('.wast')) out.push(p);
  }
  return out;
}

const parsed = new Map<string, Script>();
function script(file: string): Script {
  let s = parsed.get(file);
  if (!s) parsed.set(file, (s = parseScript(readFileSync(file, 'utf8'), file)));
  return s;
}

test('every testsuite script parses', { skip: !HAVE_SUITE && 'no testsuite' }, t => {
  const files = wastFiles(SUITE);
  const failures: string[] = [];
  let commands = 0;
  for (const f of files) {
    try {
      commands += script(f).commands.length;
    } catch (e) {
      failures.push(`${f}: ${(e as Error).message}`);
    }
  }
  t.diagnostic(`${files.length - failures.length}/${files.length} scripts, ${commands} commands`);
  assert.deepEqual(failures, []);
  if (SUITE === DEFAULT_SUITE) assert.equal(files.length, 320);
});

test('assert_malformed quote modules of core are rejected', { skip: !HAVE_SUITE && 'no testsuite' }, t => {
  let byParser = 0, later = 0;
  const accepted: string[] = [];
  for (const f of wastFiles(join(SUITE, 'core'))) {
    for (const c of script(f).commands) {
      if (c.kind !== 'assert_malformed' || c.module.kind !== 'quote') continue;
      let m: Module;
      try {
        m = parseModule(c.module.text);
      } catch (e) {
        assert.ok(e instanceof ParseError, `${f}:${c.loc.line}: ${String(e)}`);
        byParser++;
        continue;
      }
      try {
        validateModule(decodeModule(encodeModule(m), ALL_FEATURES), ALL_FEATURES);
        accepted.push(`${basename(f)}:${c.loc.line} ${c.message}`);
      } catch {
        later++;
      }
    }
  }
  t.diagnostic(`rejected by the parser: ${byParser}, after encoding: ${later}, accepted: ${accepted.length}`);
  assert.deepEqual(accepted, []);
});

/** Core scripts compared with wabt by default: numbers, control, memory, tables, SIMD, names. */
const ORACLE_SELECTION = [
  'address', 'block', 'br', 'br_if', 'br_table', 'bulk', 'call', 'call_indirect', 'const', 'conversions',
  'data', 'endianness', 'exports', 'f32', 'f32_bitwise', 'f64', 'f64_cmp', 'fac', 'float_exprs',
  'float_literals', 'float_memory', 'func', 'func_ptrs', 'global', 'i32', 'i64', 'if', 'imports',
  'int_exprs', 'int_literals', 'labels', 'left-to-right', 'load', 'local_get', 'local_set', 'loop',
  'memory', 'memory_copy', 'memory_grow', 'memory_init', 'names', 'nop', 'return', 'simd_address',
  'simd_const', 'simd_lane', 'simd_load', 'simd_store', 'stack', 'start', 'store', 'switch',
  'table_copy', 'traps', 'unreachable', 'unwind',
];

const HAVE_WABT = spawnSync('wast2json', ['--version']).status === 0;

test('text modules encode like wabt (oracle)', { skip: (!HAVE_SUITE && 'no testsuite') || (!HAVE_WABT && 'no wast2json') }, t => {
  const all = process.env.WEFT_TEXT_ORACLE_ALL === '1';
  const files = wastFiles(join(SUITE, 'core')).filter(f => all || ORACLE_SELECTION.includes(basename(f, '.wast')));
  const dir = mkdtempSync(join(tmpdir(), 'weft-text-oracle-'));
  let exact = 0, normalised = 0, skippedFiles = 0;
  const mismatches: string[] = [];
  try {
    for (const f of files) {
      const name = basename(f, '.wast');
      const json = join(dir, `${name}.json`);
      // wabt 1.0.32 predates parts of Wasm 3.0: scripts it rejects are skipped.
      if (spawnSync('wast2json', ['--enable-all', f, '-o', json]).status !== 0) { skippedFiles++; continue; }
      const cmds = JSON.parse(readFileSync(json, 'utf8')).commands as { line: number; filename?: string; module_type?: string }[];
      const mine = new Map<number, Module>();
      for (const c of script(f).commands) {
        const sm = 'module' in c && typeof c.module === 'object' ? c.module : null;
        if (sm?.kind === 'text') mine.set(sm.loc.line, sm.module);
      }
      for (const c of cmds) {
        if (!c.filename?.endsWith('.wasm') || c.module_type === 'text') continue;
        const m = mine.get(c.line);
        if (!m) continue; // a binary module in the script
        const want = readFileSync(join(dir, c.filename));
        if (Buffer.compare(Buffer.from(encodeModule(m)), want) === 0) exact++;
        else if (Buffer.compare(Buffer.from(encodeModule(likeWabt(m))), want) === 0) normalised++;
        else mismatches.push(`${name}:${c.line}`);
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  t.diagnostic(`${files.length - skippedFiles} scripts compared (${skippedFiles} rejected by wabt): ` +
    `${exact} modules identical, ${normalised} identical after normalising, ${mismatches.length} differ`);
  if (mismatches.length) t.diagnostic(`differing: ${mismatches.slice(0, 20).join(' ')}`);
  assert.deepEqual(mismatches.filter(x => !KNOWN_DIFFERENCES.has(x)), []);
});

/**
 * Modules where wabt's bytes differ for reasons outside the parser: wabt 1.0.32 mis-encodes
 * `(local (ref $t))` (func:660); our encoder emits a data count section for `data.drop` even
 * without data segments, wabt does not (memory_init*: 190, 266; both are invalid modules anyway).
 */
const KNOWN_DIFFERENCES = new Set(['func:660', 'memory_init:190', 'memory_init:266', 'memory_init64:190', 'memory_init64:266']);

/**
 * Where the text allows two encodings, wabt picks: function-index elem segments whenever all items
 * are `ref.func` of a funcref segment; short block types for `(type $t)` uses of `[] -> [t?]`;
 * no data count section without data segments.
 */
function likeWabt(m: Module): Module {
  const refFunc = OP['ref.func'];
  const elems = m.elems.map((e): Elem => {
    const funcref = e.type.heap === 'func' && !e.type.exact && !e.type.shared;
    if (!e.usesExprs || !funcref || !e.init.every(x => x.length === 2 && x[0].op === refFunc)) return e;
    return { ...e, usesExprs: false, type: { kind: 'ref', nullable: false, heap: 'func' } };
  });
  const blockOps = new Set(['block', 'loop', 'if', 'try_table'].map(k => OP[k]));
  const funcs = m.funcs.map(f => ({
    ...f,
    body: f.body.map(i => {
      const bt = i.imm[0];
      if (!blockOps.has(i.op) || typeof bt !== 'number') return i;
      const comp = m.types[bt]?.comp;
      if (comp?.kind !== 'func' || comp.params.length || comp.results.length > 1) return i;
      return { ...i, imm: [comp.results[0] ?? null, ...i.imm.slice(1)] };
    }),
  }));
  return { ...m, elems, funcs, dataCount: m.datas.length ? m.dataCount : null };
}
