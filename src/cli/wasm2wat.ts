/**
 * `weft wasm2wat IN.wasm [-o OUT.wat] [--no-check] [--no-names]`: binary to text.
 */
import { printModule } from '../text/print.js';
import { COMMON_FLAGS, COMMON_OPTIONS } from './args.js';
import { runCommand } from './cli-error.js';
import { featuresFrom, loadModule } from './load.js';
import { emit } from './output.js';

const USAGE = `usage: weft wasm2wat IN.wasm [-o OUT.wat] [options]
  Decodes a binary module, validates it and prints it in the text format.
  -o, --output FILE     where to write (default stdout)
  --no-check            do not validate (print invalid modules too)
  --no-names            ignore the name section: numeric indices only
  --quoted-ids          write names that are not plain ids as $"..."
  --name-section        also print the "name" section itself as (@custom "name" ...)
  --all-features        enable every proposal, including those off by default
  --enable F1,F2        enable features;  --disable F1,F2  disable features`;

const SPEC = {
  flags: { ...COMMON_FLAGS, '--no-check': 'no-check', '--no-names': 'no-names', '--quoted-ids': 'quoted-ids',
    '--name-section': 'name-section',
  },
  options: { ...COMMON_OPTIONS, '-o': 'output', '--output': 'output' },
};

export function main(args: string[]): Promise<number> {
  return runCommand(args, USAGE, SPEC, a => {
    if (a.positional.length !== 1) {
      process.stderr.write(`weft wasm2wat: expected one input file\n${USAGE}\n`);
      return 2;
    }
    const features = featuresFrom(a);
    const { module } = loadModule(a.positional[0], { features, validate: !a.flags.has('no-check') });
    const text = printModule(module, {
      names: !a.flags.has('no-names'),
      quotedIds: a.flags.has('quoted-ids'),
      // The $ids already show the names; the raw section is only wanted for exact round trips.
      customs: a.flags.has('name-section') ? 'all' : 'except-name',
    });
    emit(text, a.options.get('output'), false);
    return 0;
  });
}
