/**
 * `weft objdump FILE`: section headers, section contents and a disassembly, from the binary
 * team's `objdump()` (src/binary/dump.ts). A text module is assembled first, so its offsets are
 * those of its canonical binary.
 */
import { decodeModule } from '../binary/decode.js';
import { objdump } from '../binary/dump.js';
import { encodeModule } from '../binary/encode.js';
import { COMMON_FLAGS, COMMON_OPTIONS } from './args.js';
import { CliError, describeError, runCommand } from './cli-error.js';
import { featuresFrom, isTextInput, loadModule, readInput } from './load.js';
import { emit } from './output.js';

const USAGE = `usage: weft objdump FILE [options]
  Shows the sections, their contents and the disassembled code of a module (.wasm, or .wat
  assembled first). The module need not be valid, only well-formed.
  --all-features        enable every proposal, including those off by default
  --enable F1,F2        enable features;  --disable F1,F2  disable features`;

const SPEC = { flags: COMMON_FLAGS, options: COMMON_OPTIONS };

export function main(args: string[]): Promise<number> {
  return runCommand(args, USAGE, SPEC, a => {
    if (a.positional.length !== 1) {
      process.stderr.write(`weft objdump: expected one input file\n${USAGE}\n`);
      return 2;
    }
    const file = a.positional[0];
    const features = featuresFrom(a);
    let bytes = readInput(file);
    if (isTextInput(file, bytes)) bytes = encodeModule(loadModule(file, { features, validate: false }).module);
    let out: string;
    try {
      out = objdump(decodeModule(bytes, features), bytes);
    } catch (e) {
      throw new CliError(`${file}: error: ${describeError(e)}`);
    }
    emit(out.endsWith('\n') ? out : out + '\n', undefined, false);
    return 0;
  });
}
