import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BranchesMonitor, CoverageMonitor, HotnessMonitor, LoopsMonitor, OpcodeMonitor } from '../../src/monitor/index.js';
import { runWith } from './helpers.js';

const IF_NO_ELSE = `(module
  (func (export "f") (param i32) (result i32)
    (local i32)
    (if (local.get 0) (then (local.set 1 (i32.const 7))))
    (local.get 1)))`;

/** sum(n) = n + (n - 1) + ... + 1 in one loop. */
const SUM_LOOP = `(module
  (func (export "sum") (param i32) (result i32) (local i32)
    (loop $l
      (local.set 1 (i32.add (local.get 1) (local.get 0)))
      (local.set 0 (i32.sub (local.get 0) (i32.const 1)))
      (br_if $l (local.get 0)))
    (local.get 1)))`;

test('coverage of an if without else, condition false: the then arm is uncovered', () => {
  const cov = new CoverageMonitor();
  const { result } = runWith([cov], IF_NO_ELSE, 'f', [0]);
  assert.equal(result, 0);
  const r = cov.report();
  assert.equal(r.functions.length, 1);
  const f = r.functions[0]!;
  // local.get 0, if | i32.const 7, local.set 1, end | local.get 1, end: the `end` of the if is
  // covered as a marker (control reached its label), the then arm's code is not
  assert.equal(f.instructions, 7);
  assert.equal(f.coveredInstructions, 5);
  assert.equal(f.blocks, 3);
  assert.equal(f.coveredBlocks, 2);
  assert.equal(f.uncovered.length, 1);
  assert.equal(f.uncovered[0]!.end - f.uncovered[0]!.start, 4); // i32.const 7 (2 bytes), local.set 1 (2 bytes)
});

test('coverage of an if without else, condition true: everything runs', () => {
  const cov = new CoverageMonitor();
  const { result } = runWith([cov], IF_NO_ELSE, 'f', [1]);
  assert.equal(result, 7);
  const f = cov.report().functions[0]!;
  assert.equal(f.coveredInstructions, 7);
  assert.deepEqual(f.uncovered, []);
});

test('opcode counts of a loop', () => {
  const ops = new OpcodeMonitor();
  const { result } = runWith([ops], SUM_LOOP, 'sum', [10]);
  assert.equal(result, 55);
  const r = ops.report();
  const c = Object.fromEntries(r.counts.map((e) => [e.op, e.count]));
  assert.deepEqual(c, {
    loop: 1, 'local.get': 10 * 4 + 1, 'i32.add': 10, 'i32.sub': 10, 'i32.const': 10, 'local.set': 20, br_if: 10, end: 2,
  });
  assert.equal(r.total, 1 + 41 + 10 + 10 + 10 + 20 + 10 + 2);
});

test('blocks left only by branches: their `end`s count as covered, blocks of markers too', () => {
  const cov = new CoverageMonitor();
  const { result } = runWith([cov], `(module
    (func (export "f") (param i32) (result i32) (local i32)
      (block $done
        (loop $l
          (br_if $done (i32.eqz (local.get 0)))
          (local.set 1 (i32.add (local.get 1) (local.get 0)))
          (local.set 0 (i32.sub (local.get 0) (i32.const 1)))
          (br $l)))
      (local.get 1)))`, 'f', [3]);
  assert.equal(result, 6);
  const f = cov.report().functions[0]!;
  assert.equal(f.coveredInstructions, f.instructions);
  assert.equal(f.coveredBlocks, f.blocks);
  assert.match(cov.format(), /^coverage: 18\/18 instructions \(100\.0%\)/);
});

test('loops: entries and iterations per loop', () => {
  const loops = new LoopsMonitor();
  const { result } = runWith([loops], `(module
    (func (export "f") (param i32) (result i32) (local i32 i32)
      (loop $outer
        (local.set 2 (i32.const 3))
        (loop $inner
          (local.set 1 (i32.add (local.get 1) (i32.const 1)))
          (br_if $inner (local.tee 2 (i32.sub (local.get 2) (i32.const 1)))))
        (br_if $outer (local.tee 0 (i32.sub (local.get 0) (i32.const 1)))))
      (local.get 1)))`, 'f', [4]);
  assert.equal(result, 12);
  const r = loops.report();
  assert.equal(r.total, 2);
  assert.deepEqual(r.loops.map((l) => [l.entries, l.iterations]), [[4, 12], [1, 4]]);
  assert.match(loops.format(), /^loops: 2 of 2 loops ran/);
});

test('hotness: the loop body is the hottest block; totals agree with the opcode monitor', () => {
  const hot = new HotnessMonitor(2), ops = new OpcodeMonitor();
  runWith([hot, ops], SUM_LOOP, 'sum', [10]);
  const r = hot.report();
  assert.equal(r.total, ops.report().total);
  assert.equal(r.blocks.length, 2);
  assert.deepEqual([r.blocks[0]!.entries, r.blocks[0]!.instructions], [10, 100]);
  assert.match(hot.format(), /^hotness: 104 instructions executed/);
});

test('branches: if, br_if and br_table sites with their directions', () => {
  const br = new BranchesMonitor();
  const { result } = runWith([br], `(module
    (func (export "f") (param i32) (result i32) (local i32)
      (loop $l
        (block $b2 (block $b1 (block $b0
          (br_table $b0 $b1 $b2 (i32.rem_u (local.get 0) (i32.const 4))))
          (local.set 1 (i32.add (local.get 1) (i32.const 100))))
          (local.set 1 (i32.add (local.get 1) (i32.const 10))))
        (if (i32.and (local.get 0) (i32.const 1)) (then (local.set 1 (i32.add (local.get 1) (i32.const 1)))))
        (br_if $l (local.tee 0 (i32.sub (local.get 0) (i32.const 1)))))
      (local.get 1)))`, 'f', [9]);
  // n = 9..1: n%4 = 1 2 3 0 1 2 3 0 1 -> targets [2 3 4]; odd n: 5
  assert.equal(result, 2 * 110 + 3 * 10 + 5);
  const sites = Object.fromEntries(br.report().sites.map((s) => [s.op, [s.executions, s.taken, s.notTaken, s.targets]]));
  assert.deepEqual(sites, {
    br_table: [9, 9, 0, [2, 3, 4]], if: [9, 5, 4, undefined], br_if: [9, 8, 1, undefined],
  });
});
