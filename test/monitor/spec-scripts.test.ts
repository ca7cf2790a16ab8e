/**
 * Monitors must not change results: spec scripts run with every monitor attached to every module
 * instance (and the debugger stepping through every instruction, reading the locals each time)
 * give the same outcome for every command as without.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runWastFile } from '../../src/script/node-files.js';
import { createEngine } from '../../src/script/engines.js';
import { scriptFeatures } from '../../src/script/feature-profiles.js';
import type { Engine } from '../../src/script/engine.js';
import type { ModuleInstance } from '../../src/runtime/instance.js';
import {
  BranchesMonitor, CallsMonitor, CoverageMonitor, Debugger, HotnessMonitor, LoopsMonitor, OpcodeMonitor, ProfileMonitor,
  type Monitor,
} from '../../src/monitor/index.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
/** As the spec tests: $WEFT_TESTSUITE, else ../shared/testsuite next to the repository. */
const SUITE = process.env['WEFT_TESTSUITE'] ? resolve(process.env['WEFT_TESTSUITE']) : resolve(ROOT, '../shared/testsuite');
const FILES = [
  'core/block.wast', 'core/loop.wast', 'core/if.wast', 'core/br_if.wast', 'core/br_table.wast', 'core/call.wast',
  'core/call_indirect.wast', 'core/return_call.wast', 'core/fac.wast', 'core/try_table.wast', 'core/local_tee.wast',
  'core/legacy/try_catch.wast', 'core/legacy/try_delegate.wast', 'core/legacy/rethrow.wast',
];

/** Scripts running millions of instructions: a probe on each (the debugger) would take too long. */
const SLOW = new Set(['core/return_call.wast']);

/** The internal engine, with monitors attached to every instance it makes. */
function monitoredEngine(features: ReturnType<typeof scriptFeatures>, attached: Monitor[], withDebugger: boolean): Engine {
  const inner = createEngine('internal', { features, tier: 'interpreter' }) as Engine<unknown, ModuleInstance>;
  const wrapped = Object.create(inner) as Engine<unknown, ModuleInstance>;
  wrapped.instantiate = (compiled, lookup) => {
    const inst = inner.instantiate(compiled, lookup);
    const hasOffsets = inst.module.module.funcs.every((f) => f.body.every((i) => i.offset >= 0));
    if (!hasOffsets) return inst;
    // step (reading the locals) through the first instructions; probes stay on every instruction
    let pauses = 0;
    const dbg = new Debugger((p) => {
      p.locals();
      return ++pauses < 20000 ? 'step' : 'continue';
    });
    dbg.step();
    const monitors: Monitor[] = [new CoverageMonitor(), new OpcodeMonitor(), new LoopsMonitor(), new BranchesMonitor(),
      new HotnessMonitor(), new ProfileMonitor(), new CallsMonitor({ maxTrace: 10 })];
    if (withDebugger) monitors.push(dbg);
    for (const m of monitors) m.attach(inst);
    attached.push(...monitors);
    return inst;
  };
  return wrapped as Engine;
}

for (const file of FILES) {
  const path = resolve(SUITE, file);
  test(`${file}: same outcomes with every monitor attached`, { skip: !existsSync(path) && 'no testsuite' }, () => {
    const features = scriptFeatures(path);
    const plain = runWastFile({ path, name: file }, createEngine('internal', { features, tier: 'interpreter' }), { features });
    const attached: Monitor[] = [];
    const monitored = runWastFile({ path, name: file }, monitoredEngine(features, attached, !SLOW.has(file)), { features });
    assert.ok(attached.length > 0);
    for (const m of attached) {
      m.finish({});
      m.format();
    }
    assert.equal(monitored.passed, plain.passed);
    assert.equal(monitored.failed, plain.failed);
    assert.deepEqual(monitored.outcomes.map((o) => [o.loc.line, o.outcome]), plain.outcomes.map((o) => [o.loc.line, o.outcome]));
  });
}
