/**
 * The benchmark kernels: our own C sources in bench/kernels/*.c, built to .wasm by build.sh.
 * Every kernel exports `run(units) -> i32 checksum`, and its work is linear in `units` (each unit
 * is a fixed-size piece of work that varies slightly with the unit index), so a time measured at
 * any unit count converts to "ms per native-sized run" by scaling.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { BENCH_DIR } from './paths.js';

export interface Kernel {
  readonly name: string;
  /** What it exercises (printed in the table's legend). */
  readonly covers: string;
  /** Units in a native-sized run (~10-50 ms on V8): the common unit results are scaled to. */
  readonly units: number;
}

export const KERNELS: readonly Kernel[] = [
  { name: 'sieve', covers: 'i32 loops: sieve of Eratosthenes', units: 60 },
  { name: 'collatz', covers: 'i32 loops, data-dependent branches', units: 24 },
  { name: 'mandel', covers: 'f64 arithmetic: Mandelbrot', units: 32 },
  { name: 'f32', covers: 'f32 arithmetic over memory: saxpy, dot product, 4x4 transform', units: 300 },
  { name: 'nbody', covers: 'f64 math + sqrt: 5-body simulation', units: 100 },
  { name: 'xxhash64', covers: 'i64 hashing: xxHash64 + FNV-1a 64', units: 150 },
  { name: 'fib', covers: 'calls/recursion: fib + mutual recursion', units: 40 },
  { name: 'vm', covers: 'dispatch loop: bytecode VM switch', units: 100 },
  { name: 'sort', covers: 'memory: copy + quicksort over 4 MiB', units: 40 },
  { name: 'ray', covers: 'application-shaped: ray tracer (structs in memory, function pointers, memory.grow)', units: 12 },
];

/** Source directory of the kernels (the .wasm files are committed next to the .c files). */
export const KERNEL_DIR = path.join(BENCH_DIR, 'kernels');

export function kernelBytes(k: Kernel): Uint8Array {
  return new Uint8Array(readFileSync(path.join(KERNEL_DIR, `${k.name}.wasm`)));
}
