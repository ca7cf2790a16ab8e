/** Breakpoints and stepping: the pause handler runs before the instruction and reads typed locals. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Debugger, definedFuncs, type Pause } from '../../src/monitor/index.js';
import { instantiate, runWith, wasm } from './helpers.js';

const PROG = `(module
  (func $add (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
  (func (export "f") (param i32) (result i32) (local f64 i64)
    (local.set 1 (f64.const 2.5))
    (local.set 2 (i64.const -7))
    (call $add (local.get 0) (i32.const 10))))`;

test('a function breakpoint pauses at entry with the arguments as typed locals', () => {
  const seen: unknown[] = [];
  const dbg = new Debugger((p) => { seen.push([p.reason, p.funcIndex, p.funcName, p.instruction, p.depth, p.locals()]); });
  dbg.setBreakpoint({ func: 0 });
  const { result } = runWith([dbg], PROG, 'f', [3]);
  assert.equal(result, 13);
  assert.deepEqual(seen, [['breakpoint', 0, 'add', 'local.get', 1, [{ type: 'i32', value: 3 }, { type: 'i32', value: 10 }]]]);
});

test('stepping into a call, then over the rest; locals change as instructions run', () => {
  const steps: string[] = [];
  let f64AfterSet: unknown;
  const dbg = new Debugger((p: Pause) => {
    steps.push(`${p.funcIndex}:${p.instruction}`);
    if (p.instruction === 'local.get' && p.funcIndex === 1 && f64AfterSet === undefined) f64AfterSet = [p.local(1), p.local(2)];
    return 'step';
  });
  dbg.setBreakpoint({ func: 1 });
  const { result } = runWith([dbg], PROG, 'f', [3]);
  assert.equal(result, 13);
  assert.deepEqual(steps, [
    '1:f64.const', '1:local.set', '1:i64.const', '1:local.set', '1:local.get', '1:i32.const', '1:call',
    '0:local.get', '0:local.get', '0:i32.add', '0:end', '1:end',
  ]);
  assert.deepEqual(f64AfterSet, [{ type: 'f64', value: 2.5 }, { type: 'i64', value: -7n }]);
  assert.equal(dbg.report().pauses, 12);
});

test("'over' steps over calls, 'out' runs to the caller, breakpoints by offset, clearing", () => {
  const bytes = wasm(PROG);
  const { inst } = instantiate(bytes);
  const body = definedFuncs(inst.module.module)[1]!.body;
  const callOffset = body.find((i) => i.offset > 0 && i.op === body[body.length - 2]!.op)!.offset; // the `call`
  const over: string[] = [];
  const dbg = new Debugger((p) => {
    over.push(`${p.funcIndex}:${p.instruction}`);
    return 'over';
  });
  dbg.setBreakpoint({ offset: callOffset });
  assert.equal(runWith([dbg], bytes, 'f', [1]).result, 11);
  assert.deepEqual(over, ['1:call', '1:end']);

  const out: string[] = [];
  const dbg2 = new Debugger((p) => {
    out.push(`${p.funcIndex}:${p.instruction}`);
    return p.funcIndex === 0 ? 'out' : 'continue';
  });
  dbg2.setBreakpoint({ func: 0 });
  const id = dbg2.setBreakpoint({ offset: callOffset });
  dbg2.clearBreakpoint(id);
  assert.equal(runWith([dbg2], bytes, 'f', [1]).result, 11);
  assert.deepEqual(out, ['0:local.get', '1:end']);
});

test('step() before the run pauses at the first instruction; breakpoints set while paused take effect', () => {
  const log: string[] = [];
  const dbg = new Debugger((p) => {
    log.push(`${p.funcIndex}:${p.instruction}`);
    if (log.length === 1) dbg.setBreakpoint({ func: 0 });
  });
  dbg.step();
  assert.equal(runWith([dbg], PROG, 'f', [1]).result, 11);
  assert.deepEqual(log, ['1:f64.const', '0:local.get']);
});

test('operands: the stack above the locals, read with the type the caller expects', () => {
  const seen: unknown[] = [];
  const dbg = new Debugger((p) => {
    if (p.instruction === 'i32.add') seen.push([p.stackHeight, p.operand(0, 'i32'), p.operand(1, 'i32')]);
    if (p.instruction === 'end' && p.funcIndex === 0) seen.push([p.stackHeight, p.operand(0, 'i32')]);
    return 'step';
  });
  dbg.setBreakpoint({ func: 0 });
  assert.equal(runWith([dbg], PROG, 'f', [3]).result, 13);
  assert.deepEqual(seen, [[2, { type: 'i32', value: 3 }, { type: 'i32', value: 10 }], [1, { type: 'i32', value: 13 }]]);
});

test('step() and continue() called in the handler decide when it returns nothing', () => {
  const log: string[] = [];
  const dbg = new Debugger((p) => {
    log.push(p.instruction);
    if (log.length < 3) dbg.step();
  });
  dbg.step();
  assert.equal(runWith([dbg], PROG, 'f', [1]).result, 11);
  assert.deepEqual(log, ['f64.const', 'local.set', 'i64.const']);
});
