/**
 * `weft wat2wasm IN.wat [-o OUT.wasm] [--no-check] [--debug-names]`: text to binary.
 */
import { encodeModule } from '../binary/encode.js';
import { COMMON_FLAGS, COMMON_OPTIONS } from './args.js';
import { runCommand } from './cli-error.js';
import { featuresFrom, loadModule } from './load.js';
import { emit } from './output.js';

const USAGE = `usage: weft wat2wasm IN.wat [-o OUT.wasm] [options]
  Parses a text module, validates it and writes the binary (to stdout if no -o and not a terminal).
  -o, --output FILE     where to write ("-" for stdout)
  --no-check            do not validate
  --debug-names         write a "name" section from the $ids
  --all-features        enable every proposal, including those off by default
  --enable F1,F2        enable features;  --disable F1,F2  disable features`;

const SPEC = {
  flags: { ...COMMON_FLAGS, '--no-check': 'no-check', '--debug-names': 'debug-names' },
  options: { ...COMMON_OPTIONS, '-o': 'output', '--output': 'output' },
};

export function main(args: string[]): Promise<number> {
  return runCommand(args, USAGE, SPEC, a => {
    if (a.positional.length !== 1) {
      process.stderr.write(`weft wat2wasm: expected one input file\n${USAGE}\n`);
      return 2;
    }
    const features = featuresFrom(a);
    const { module } = loadModule(a.positional[0], { features, validate: !a.flags.has('no-check') });
    emit(encodeModule(module, { names: a.flags.has('debug-names') }), a.options.get('output'), true);
    return 0;
  });
}
