/** Where the bench's files are, from the compiled location (dist/bench/...) back to the sources. */
import { fileURLToPath } from 'node:url';
import path from 'node:path';

/** The source folder bench/ (kernels, .cache, results.json), not dist/bench/. */
export const BENCH_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../bench');
/** Third-party engines installed by fetch-engines.sh (gitignored). */
export const CACHE_DIR = path.join(BENCH_DIR, '.cache');
