/**
 * `weft objdump FILE.wasm`: the disassembler of the binary team (`objdump()` in
 * src/binary/dump.ts) when it is there; until then, a plain list of the sections.
 */
import { COMMON_FLAGS, COMMON_OPTIONS } from './args.js';
import { CliError, describeError, runCommand } from './cli-error.js';
import { featuresFrom, isTextInput, loadModule, readInput } from './load.js';
import { emit } from './output.js';
import { decodeModule } from '../binary/decode.js';
import { encodeModule } from '../binary/encode.js';
import type { FeatureSet } from '../features.js';

const USAGE = `usage: weft objdump FILE [options]
  Shows the sections and the disassembled code of a module (a .wat file is assembled first).
  -d, --disassemble     show function bodies (when the disassembler supports it)
  -x, --details         show the contents of every section
  --all-features        enable every proposal, including those off by default
  --enable F1,F2        enable features;  --disable F1,F2  disable features`;

const SPEC = {
  flags: { ...COMMON_FLAGS, '-d': 'disassemble', '--disassemble': 'disassemble', '-x': 'details', '--details': 'details' },
  options: COMMON_OPTIONS,
};

type Dumper = (bytes: Uint8Array, opts?: Record<string, unknown>) => string;

/** The binary team's disassembler, looked up at run time so this command works before it exists. */
async function findDumper(): Promise<Dumper | null> {
  const path = '../binary/dump.js';
  try {
    const mod = (await import(path)) as { objdump?: Dumper };
    return typeof mod.objdump === 'function' ? mod.objdump : null;
  } catch {
    return null;
  }
}

const SECTION_NAMES = [
  'custom', 'type', 'import', 'function', 'table', 'memory', 'global', 'export', 'start', 'elem',
  'code', 'data', 'datacount', 'tag',
];

/** Section headers only: id, offset and size of each, read straight from the bytes. */
function listSections(bytes: Uint8Array, features: FeatureSet): string {
  const m = decodeModule(bytes, features); // reports a malformed module properly first
  const lines = [`(${m.types.length} types, ${m.imports.length} imports, ${m.funcs.length} functions)`, 'Sections:'];
  let pos = 8;
  const leb = (): number => {
    let r = 0, shift = 0, b: number;
    do { b = bytes[pos++]; r += (b & 0x7f) * 2 ** shift; shift += 7; } while (b & 0x80);
    return r;
  };
  while (pos < bytes.length) {
    const id = bytes[pos++];
    const size = leb();
    const start = pos;
    let extra = '';
    if (id === 0) {
      const n = leb();
      extra = ` "${new TextDecoder().decode(bytes.subarray(pos, pos + n))}"`;
    }
    lines.push(`  ${(SECTION_NAMES[id] ?? String(id)).padStart(9)} start=0x${start.toString(16).padStart(8, '0')} size=0x${size.toString(16)}${extra}`);
    pos = start + size;
  }
  return lines.join('\n') + '\n';
}

export function main(args: string[]): Promise<number> {
  return runCommand(args, USAGE, SPEC, async a => {
    if (a.positional.length !== 1) {
      process.stderr.write(`weft objdump: expected one input file\n${USAGE}\n`);
      return 2;
    }
    const file = a.positional[0];
    const features = featuresFrom(a);
    let bytes = readInput(file);
    if (isTextInput(file, bytes)) bytes = encodeModule(loadModule(file, { features, validate: false }).module);
    const dumper = await findDumper();
    let out: string;
    try {
      out = dumper
        ? dumper(bytes, { disassemble: a.flags.has('disassemble'), details: a.flags.has('details'), features })
        : listSections(bytes, features);
    } catch (e) {
      throw new CliError(`${file}: error: ${describeError(e)}`);
    }
    emit(out.endsWith('\n') ? out : out + '\n', undefined, false);
    return 0;
  });
}
