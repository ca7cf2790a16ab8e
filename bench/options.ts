/** Command-line options of `npm run bench` (node dist/bench/run.js). */

export interface BenchOptions {
  /** Timed runs per kernel and engine; the median is reported. */
  runs: number;
  /** Only these kernels / engines (empty = all). `native` always runs: it is the baseline. */
  kernels: string[];
  engines: string[];
  /** Smaller sizes and runs, for a smoke test. */
  quick: boolean;
  /** Skip the ~1 MB module load-time report. */
  load: boolean;
  /** Skip the boundary-call report. */
  calls: boolean;
  /** Where to write the JSON results (default bench/results.json; --quick: bench/.cache/results-quick.json). */
  out: string | null;
}

export const USAGE = `usage: npm run bench -- [options]
  --runs N         timed runs per kernel and engine (default 5; median reported)
  --kernel NAME    only this kernel (repeatable)
  --engine NAME    only this engine besides native (repeatable)
  --quick          small sizes, 3 runs: a smoke test, not a measurement
  --no-load        skip the 1 MB module load-time report
  --no-calls       skip the JS <-> wasm boundary-call report
  --out FILE       write JSON results here`;

export function parseOptions(argv: readonly string[]): BenchOptions {
  const o: BenchOptions = { runs: 5, kernels: [], engines: [], quick: false, load: true, calls: true, out: null };
  let runsGiven = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value\n${USAGE}`);
      return v;
    };
    switch (a) {
      case '--runs': {
        o.runs = Number(value());
        if (!Number.isInteger(o.runs) || o.runs < 1) throw new Error('--runs must be a positive integer');
        runsGiven = true;
        break;
      }
      case '--kernel': o.kernels.push(value()); break;
      case '--engine': o.engines.push(value()); break;
      case '--quick': o.quick = true; break;
      case '--no-load': o.load = false; break;
      case '--no-calls': o.calls = false; break;
      case '--out': o.out = value(); break;
      case '-h': case '--help': throw new Error(USAGE);
      default: throw new Error(`unknown option ${a}\n${USAGE}`);
    }
  }
  if (o.quick && !runsGiven) o.runs = 3;
  return o;
}
