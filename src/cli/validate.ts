/**
 * `weft validate FILE...`: exit 0 silently when every module is valid (`valid` per file with -v),
 * else one `file: error: message` line per bad file and exit 1.
 */
import { COMMON_FLAGS, COMMON_OPTIONS } from './args.js';
import { describeError, runCommand } from './cli-error.js';
import { featuresFrom, loadModule } from './load.js';

const USAGE = `usage: weft validate FILE... [options]
  Decodes (.wasm) or parses (.wat/.wast) each module and validates it.
  -v, --verbose         print "FILE: valid" for valid modules
  --all-features        enable every proposal, including those off by default
  --enable F1,F2        enable features;  --disable F1,F2  disable features
  --profile P1,P2       language profiles: full, deterministic (no threads), scalar (no SIMD)`;

const SPEC = { flags: { ...COMMON_FLAGS, '-v': 'verbose', '--verbose': 'verbose' }, options: COMMON_OPTIONS };

export function main(args: string[]): Promise<number> {
  return runCommand(args, USAGE, SPEC, a => {
    if (a.positional.length === 0) {
      process.stderr.write(`weft validate: no input file\n${USAGE}\n`);
      return 2;
    }
    const features = featuresFrom(a);
    let status = 0;
    for (const file of a.positional) {
      try {
        loadModule(file, { features });
        if (a.flags.has('verbose')) process.stdout.write(`${file}: valid\n`);
      } catch (e) {
        process.stderr.write(describeError(e) + '\n');
        status = 1;
      }
    }
    return status;
  });
}
