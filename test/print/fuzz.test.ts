/**
 * The round trip on damaged binaries: random byte changes to well-formed modules give modules
 * that still decode but are often invalid, with name sections that no longer match. Whatever
 * decodes must print to text that reads back to the same bytes, except for the few things the
 * text format cannot say (listed in `inexpressible`).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { decodeModule } from '../../src/binary/decode.js';
import { encodeModule } from '../../src/binary/encode.js';
import { ALL_FEATURES } from '../../src/features.js';
import type { Module } from '../../src/syntax/module.js';
import { parseModule } from '../../src/text/parse-module.js';
import { printModule } from '../../src/text/print.js';

const SEED_TEXT = `(module $m
  (rec (type $node (sub (struct (field $next (mut (ref null $node))) (field i8)))))
  (type $arr (array (mut i16)))
  (type $ft (func (param i32) (result i32)))
  (import "env" "fn" (func $imp (type $ft)))
  (import "env" "mem" (memory $im i64 1))
  (table $t 2 funcref (ref.func $f))
  (memory $mm 1 2)
  (global $g (mut f32) (f32.const -0.75))
  (tag $e (param i32))
  (func $f (type $ft) (local $v v128) (local $x f64)
    (local.set $v (v128.const i64x2 1 -1))
    (block $out (result i32)
      (try_table (result i32) (catch $e $out)
        (br_table $out 0 (local.get 0) (local.get 0))))
    (i64.load8_s $im offset=7 (i64.const 0)) drop
    (memory.fill $mm (i32.const 0) (i32.const 0) (i32.const 9))
    (array.new_default $arr (i32.const 3)) drop
    (f64.const 0x1.5p-1000) (local.set $x))
  (elem $e1 (i32.const 0) func $f $imp)
  (data $d (memory $mm) (i32.const 8) "hello\\00")
  (export "f" (func $f)))`;

/** Seed binaries and how many mutations of each to try (a toolchain binary is big: fewer). */
function seeds(): [Uint8Array, number][] {
  const out: [Uint8Array, number][] = [[encodeModule(parseModule(SEED_TEXT, ALL_FEATURES), { names: true }), 2000]];
  const hello = fileURLToPath(new URL('../../../examples/hello.wasm', import.meta.url));
  if (existsSync(hello)) out.push([new Uint8Array(readFileSync(hello)), 20]);
  return out;
}

/** Things a decoded module can hold that no text reads back to. */
function inexpressible(m: Module): boolean {
  return m.tables.some(t => t.init !== null && t.init.length <= 1) // an empty initialiser
    || m.mems.some(mt => mt.pageSizeLog2 > 32); // page sizes beyond what text can write
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

test('damaged modules that decode still round-trip through text', () => {
  let state = 0x9e3779b9;
  const rnd = (n: number) => {
    state ^= state << 13; state ^= state >>> 17; state ^= state << 5;
    return (state >>> 0) % n;
  };
  let decoded = 0;
  const failures: string[] = [];
  for (const [seed, count] of seeds()) {
    for (let i = 0; i < count; i++) {
      const b = seed.slice();
      for (let k = 1 + rnd(3); k > 0; k--) b[8 + rnd(b.length - 8)] = rnd(256);
      let m: Module;
      try {
        m = decodeModule(b, ALL_FEATURES);
      } catch {
        continue;
      }
      decoded++;
      const b1 = encodeModule(m);
      const m1 = decodeModule(b1, ALL_FEATURES);
      if (inexpressible(m1)) continue;
      const text = printModule(m1);
      try {
        // The data count section is there only if code needs it, when written in text.
        const m2 = { ...parseModule(text, ALL_FEATURES), dataCount: m1.dataCount };
        if (!sameBytes(encodeModule(m2), b1)) failures.push(`mutation ${i}: bytes differ`);
      } catch (e) {
        failures.push(`mutation ${i}: ${(e as Error).message.split('\n')[0]}`);
      }
    }
  }
  assert.ok(decoded > 100, `only ${decoded} mutations decoded`);
  assert.deepEqual(failures, []);
});
