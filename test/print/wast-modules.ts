/**
 * Test helper: the modules of a .wast script that are expected to be valid, as binaries. Uses the
 * script parser (src/text/parse-script.ts) when it is built; otherwise a small scanner that takes
 * the top-level `(module ...)` forms and parses them with parseModule.
 */
import { readFileSync } from 'node:fs';
import { parseModule } from '../../src/text/parse-module.js';
import { decodeModule } from '../../src/binary/decode.js';
import { encodeModule } from '../../src/binary/encode.js';
import { ALL_FEATURES } from '../../src/features.js';
import type { Script, ScriptModule } from '../../src/script/ast.js';

export interface WastModule {
  readonly line: number;
  /** Canonical bytes: the encoding of the parsed (text) or decoded (binary) module. */
  readonly bytes: Uint8Array;
  /** For text modules: the encoding with a `name` section built from the $ids (exercises ids). */
  readonly named: Uint8Array | null;
}

type ParseScript = (text: string, source?: string) => Script;

let scriptParser: ParseScript | null | undefined;

async function loadScriptParser(): Promise<ParseScript | null> {
  if (scriptParser !== undefined) return scriptParser;
  const path = '../../src/text/parse-script.js';
  try {
    const mod = (await import(path)) as { parseScript?: ParseScript };
    scriptParser = mod.parseScript ?? null;
  } catch {
    scriptParser = null;
  }
  return scriptParser;
}

/** Commands whose module must be valid (linking or instantiating may still fail). */
const VALID_MODULE_COMMANDS = new Set(['module', 'assert_trap_module', 'assert_unlinkable', 'assert_uninstantiable']);

function canonical(sm: ScriptModule): Omit<WastModule, 'line'> | null {
  if (sm.kind === 'text') return { bytes: encodeModule(sm.module), named: encodeModule(sm.module, { names: true }) };
  if (sm.kind === 'binary') return { bytes: encodeModule(decodeModule(sm.bytes, ALL_FEATURES)), named: null };
  return null;
}

/** Top-level parenthesised forms of a script, skipping strings and comments. */
function topLevelForms(src: string): { text: string; line: number }[] {
  const out: { text: string; line: number }[] = [];
  let depth = 0, start = -1, line = 1, startLine = 1;
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (c === '\n') line++;
    else if (c === '"') {
      for (i++; i < src.length && src[i] !== '"'; i++) { if (src[i] === '\\') i++; else if (src[i] === '\n') line++; }
    } else if (c === ';' && src[i + 1] === ';') {
      while (i + 1 < src.length && src[i + 1] !== '\n') i++;
    } else if (c === '(' && src[i + 1] === ';') {
      let d = 1;
      for (i += 2; i < src.length && d > 0; i++) {
        if (src[i] === '\n') line++;
        if (src[i] === '(' && src[i + 1] === ';') { d++; i++; } else if (src[i] === ';' && src[i + 1] === ')') { d--; i++; }
      }
      i--;
    } else if (c === '(') {
      if (depth++ === 0) { start = i; startLine = line; }
    } else if (c === ')' && --depth === 0) {
      out.push({ text: src.slice(start, i + 1), line: startLine });
    }
  }
  return out;
}

/**
 * The valid modules of `file`. A module whose own parse/decode/encode fails is counted in
 * `broken` (that is not the printer's concern) and left out.
 */
export async function validModules(file: string): Promise<{ modules: WastModule[]; broken: number }> {
  const src = readFileSync(file, 'utf8');
  const modules: WastModule[] = [];
  let broken = 0;
  const parse = await loadScriptParser();
  if (parse) {
    let script: Script;
    try {
      script = parse(src, file);
    } catch {
      return { modules, broken: 1 };
    }
    for (const c of script.commands) {
      if (!VALID_MODULE_COMMANDS.has(c.kind) || !('module' in c) || typeof c.module !== 'object' || c.module === null) continue;
      try {
        const enc = canonical(c.module);
        if (enc) modules.push({ line: c.loc.line, ...enc });
      } catch {
        broken++;
      }
    }
    return { modules, broken };
  }
  for (const f of topLevelForms(src)) {
    if (!/^\(module\b/.test(f.text) || /^\(module\s+(\$\S+\s+)?(binary|quote|definition|instance)\b/.test(f.text)) continue;
    try {
      const m = parseModule(f.text, ALL_FEATURES);
      modules.push({ line: f.line, bytes: encodeModule(m), named: encodeModule(m, { names: true }) });
    } catch {
      broken++;
    }
  }
  return { modules, broken };
}
