/**
 * Mutation fuzzing of the decoder: thousands of truncated, bit-flipped, byte-inserted, deleted and
 * overwritten variants of valid modules, from a seeded PRNG so failures reproduce. The decoder may
 * accept a variant or reject it with a CompileError; anything else (RangeError, TypeError, a hang)
 * is a bug. Accepted variants must also re-encode to the same module, and dump without error.
 * Every CompileError, from the decoder or from validating what it accepted, must name a byte
 * offset inside the variant.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeModule } from '../../src/binary/decode.js';
import { encodeModule } from '../../src/binary/encode.js';
import { objdump } from '../../src/binary/dump.js';
import { CompileError } from '../../src/errors.js';
import { ALL_FEATURES, DEFAULT_FEATURES, features } from '../../src/features.js';
import { validateModule } from '../../src/valid/validate.js';
import { binaryCases } from './wast-binary.js';
import { stripOffsets } from './strip.js';

/** mulberry32: tiny, seedable, good enough to pick mutations. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A module touching most sections and immediate kinds, compiled by wat2wasm when present (kept to
 * what wabt 1.0.3x understands: no GC types, legacy `try`).
 */
const RICH_WAT = `
(module
  (type $f (func (param i32) (result i32)))
  (import "m" "f" (func $imp (param i32) (result i32)))
  (import "m" "g" (global $g (mut i64)))
  (import "m" "t" (table 1 funcref))
  (tag $e (param i32))
  (memory $mem 1 2)
  (table $t2 2 externref)
  (global $h (mut f64) (f64.const 1.5))
  (export "run" (func $run))
  (export "mem" (memory $mem))
  (start $start)
  (elem (i32.const 0) $run)
  (elem func $imp $run)
  (elem declare func $start)
  (data (i32.const 8) "hello")
  (data "passive")
  (func $start)
  (func $run (type $f) (local i64 f32 v128)
    (block $b (result i32)
      (loop $l
        (br_if $l (i32.eqz (local.get 0)))
        (br_table $b $b (i32.const 1) (i32.const 0))
      )
      (i32.const 2)
    )
    (if (result i32) (then (i32.const 3)) (else (i32.const 4)))
    (drop)
    (i64.store offset=4 align=4 (i32.const 0) (i64.const -12345678901))
    (f32.store (i32.const 0) (f32.const 3.25))
    (memory.init 1 (i32.const 0) (i32.const 0) (i32.const 1))
    (data.drop 1)
    (memory.copy (i32.const 0) (i32.const 1) (i32.const 2))
    (table.set $t2 (i32.const 0) (ref.null extern))
    (drop (i8x16.shuffle 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 (local.get 3) (local.get 3)))
    (drop (i32x4.extract_lane 2 (v128.const i32x4 1 2 3 4)))
    (try (do (throw $e (i32.const 1))) (catch $e (drop)) (catch_all))
    (drop (call_indirect (type $f) (i32.const 5) (i32.const 0)))
    (return_call $imp (local.get 0))
  )
)`;

function seedModules(): Uint8Array[] {
  const seeds: Uint8Array[] = [];
  if (spawnSync('wat2wasm', ['--version']).status === 0) {
    const dir = mkdtempSync(join(tmpdir(), 'weft-fuzz-'));
    try {
      writeFileSync(join(dir, 'rich.wat'), RICH_WAT);
      const r = spawnSync('wat2wasm', ['--enable-all', '--debug-names', join(dir, 'rich.wat'), '-o', join(dir, 'rich.wasm')]);
      if (r.status === 0) seeds.push(new Uint8Array(readFileSync(join(dir, 'rich.wasm'))));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  // Hand-written binaries from the spec testsuite that decode fine make further seeds.
  for (const f of ['binary.wast', 'binary-leb128.wast', 'custom.wast']) {
    try {
      for (const c of binaryCases(`/work/shared/testsuite/core/${f}`)) {
        if (c.command !== 'module' || c.bytes.length < 20) continue;
        try { decodeModule(c.bytes, ALL_FEATURES); seeds.push(c.bytes); } catch { /* not a seed */ }
      }
    } catch { /* testsuite absent */ }
  }
  return seeds;
}

const FEATURE_SETS = [
  ALL_FEATURES, DEFAULT_FEATURES,
  features({ gc: false, simd: false, exceptions: false, 'multi-memory': false, memory64: false }),
];

/** A CompileError must point into the module it is about (the end: a truncated module). */
function checkOffset(e: CompileError, bytes: Uint8Array, i: number): void {
  assert.ok(e.offset >= 0 && e.offset <= bytes.length,
    `variant ${i}: ${e.message} (offset ${e.offset} of ${bytes.length})\nbytes: ${Buffer.from(bytes).toString('hex')}`);
}

function mutate(src: Uint8Array, rnd: () => number): Uint8Array {
  const pick = (n: number) => Math.floor(rnd() * n);
  const interesting = [0x00, 0x01, 0x0b, 0x40, 0x7f, 0x80, 0xff];
  let b = src;
  const rounds = 1 + pick(3);
  for (let k = 0; k < rounds; k++) {
    const at = pick(b.length);
    switch (pick(5)) {
      case 0: b = b.slice(0, at); break; // truncate
      case 1: b = b.slice(); b[at] ^= 1 << pick(8); break; // flip a bit
      case 2: { // insert a byte
        const c = new Uint8Array(b.length + 1);
        c.set(b.subarray(0, at)); c[at] = pick(256); c.set(b.subarray(at), at + 1);
        b = c;
        break;
      }
      case 3: b = Uint8Array.from([...b.subarray(0, at), ...b.subarray(at + 1)]); break; // delete
      default: b = b.slice(); b[at] = interesting[pick(interesting.length)]; break;
    }
    if (b.length === 0) break;
  }
  return b;
}

test('mutated modules decode or fail with CompileError only', () => {
  const seeds = seedModules();
  assert.ok(seeds.length > 0, 'no seed modules');
  const rnd = prng(0x5eed);
  const N = 8000;
  const started = Date.now();
  const cpu0 = process.cpuUsage();
  let accepted = 0, rejected = 0, invalid = 0;
  for (let i = 0; i < N; i++) {
    // Half of the variants come from the first (richest) seed.
    const seed = i % 2 === 0 ? seeds[0] : seeds[(i >> 1) % seeds.length];
    const bytes = mutate(seed, rnd);
    // Rotate feature sets so that the gating paths are fuzzed too.
    const feats = FEATURE_SETS[i % FEATURE_SETS.length];
    let m;
    try {
      m = decodeModule(bytes, feats);
    } catch (e) {
      if (!(e instanceof CompileError)) {
        assert.fail(`variant ${i}: ${(e as Error).stack}\nbytes: ${Buffer.from(bytes).toString('hex')}`);
      }
      checkOffset(e, bytes, i);
      rejected++;
      continue;
    }
    accepted++;
    try {
      validateModule(m, feats);
    } catch (e) {
      if (!(e instanceof CompileError)) {
        assert.fail(`variant ${i}: validator: ${(e as Error).stack}\nbytes: ${Buffer.from(bytes).toString('hex')}`);
      }
      checkOffset(e, bytes, i);
      invalid++;
    }
    // Whatever decoded must encode, and the encoding must decode to the same module.
    const back = decodeModule(encodeModule(m, { names: true }), feats);
    assert.deepEqual(stripOffsets(back), stripOffsets(m), `variant ${i}: ${Buffer.from(bytes).toString('hex')}`);
    // And the dump must cope with whatever the decoder accepts.
    objdump(m, bytes);
  }
  const ms = Date.now() - started;
  const cpu = process.cpuUsage(cpu0);
  const cpuMs = Math.round((cpu.user + cpu.system) / 1000);
  console.log(`fuzz: ${N} variants of ${seeds.length} seeds, ${accepted} accepted (${invalid} invalid), ` +
    `${rejected} rejected, ${ms} ms (${cpuMs} ms CPU)`);
  // CPU time, not wall time: a busy machine must not fail the test, a slow decoder must.
  assert.ok(cpuMs < 10000, `fuzzing took ${cpuMs} ms of CPU`);
});
