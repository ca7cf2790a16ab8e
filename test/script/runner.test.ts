/**
 * The runner's logic against a scripted fake engine (no decoder, validator or interpreter needed):
 * which outcome each directive gets for each engine behaviour.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runScript } from '../../src/script/run.js';
import type { Command, Script, ScriptModule, Const } from '../../src/script/ast.js';
import type { ClassifiedError, Engine, ScriptValue } from '../../src/script/engine.js';
import { CompileError, LinkError, RuntimeError } from '../../src/errors.js';

/** What an engine throws for something it cannot express (classified 'unsupported'). */
class Unsupported extends Error {}
/** A compile error without a phase, as the JS API reports them. */
class PhaselessCompileError extends Error {}

/** A fake module is its first byte: 0 fine, 1 malformed, 2 invalid, 3 unlinkable, 4 traps in start. */
interface FakeInstance { readonly id: number; readonly imports: string[] }

class FakeEngine implements Engine<number, FakeInstance> {
  readonly name = 'fake';
  canExecute = true;
  private next = 0;
  compile(bytes: Uint8Array): number {
    if (bytes[0] === 1) throw new CompileError('malformed', 'unexpected end', 3);
    if (bytes[0] === 2) throw new CompileError('invalid', 'type mismatch', 9, 0);
    if (bytes[0] === 5) throw new PhaselessCompileError('bad module');
    return bytes[0];
  }
  instantiate(kind: number, lookup: (m: string) => FakeInstance | undefined): FakeInstance {
    if (kind === 3 && !lookup('needed')) throw new LinkError('unknown import');
    if (kind === 4) throw new RuntimeError('unreachable', 'unreachable executed');
    return { id: this.next++, imports: [] };
  }
  invoke(inst: FakeInstance, name: string, args: readonly Const[]): ScriptValue[] {
    switch (name) {
      case 'id': return [{ kind: 'i32', value: inst.id }];
      case 'echo': return args.map(a => a as ScriptValue);
      case 'trap': throw new RuntimeError('div-by-zero', 'integer divide by zero');
      case 'deep': throw new RuntimeError('exhaustion', 'call stack exhausted');
      case 'crash': throw new TypeError('oops');
      case 'v128': throw new Unsupported('v128 not representable');
      default: throw new Error(`no export ${name}`);
    }
  }
  get(): ScriptValue { return { kind: 'i64', value: 7n }; }
  spectest(): FakeInstance { return { id: -1, imports: [] }; }
  classify(e: unknown): ClassifiedError | null {
    if (e instanceof CompileError) return { class: e.phase, message: e.reason };
    if (e instanceof LinkError) return { class: 'unlinkable', message: e.reason };
    if (e instanceof RuntimeError) return { class: e.kind === 'exhaustion' ? 'exhaustion' : 'trap', message: e.reason };
    if (e instanceof Unsupported) return { class: 'unsupported', message: e.message };
    if (e instanceof PhaselessCompileError) return { class: 'compile', message: e.message };
    return null;
  }
}

let line = 0;
const loc = () => ({ line: ++line, column: 1 });
const mod = (b: number): ScriptModule => ({ kind: 'binary', bytes: new Uint8Array([b]), loc: loc() });
const invoke = (name: string, args: Const[] = [], module: string | null = null) => ({ kind: 'invoke' as const, module, name, args, loc: loc() });
const i32 = (value: number) => ({ kind: 'i32' as const, value });

function run(commands: Command[], engine = new FakeEngine()) {
  const script: Script = { commands, source: 'fake.wast' };
  return runScript(script, engine);
}

test('each directive passes when the engine behaves as asserted', () => {
  const r = run([
    { kind: 'module', id: '$m', module: mod(0), definition: false, loc: loc() },
    { kind: 'assert_return', action: invoke('id'), expected: [i32(0)], loc: loc() },
    { kind: 'module', id: null, module: mod(0), definition: false, loc: loc() },
    { kind: 'assert_return', action: invoke('id'), expected: [i32(1)], loc: loc() },
    { kind: 'assert_return', action: invoke('id', [], '$m'), expected: [i32(0)], loc: loc() },
    { kind: 'assert_return', action: invoke('echo', [i32(5), i32(6)]), expected: [i32(5), i32(6)], loc: loc() },
    { kind: 'assert_return', action: { kind: 'get', module: null, name: 'g', loc: loc() }, expected: [{ kind: 'i64', value: 7n }], loc: loc() },
    { kind: 'action', action: invoke('id'), loc: loc() },
    { kind: 'assert_trap', action: invoke('trap'), message: 'integer divide', loc: loc() },
    { kind: 'assert_exhaustion', action: invoke('deep'), message: 'call stack exhausted', loc: loc() },
    { kind: 'assert_malformed', module: mod(1), message: 'unexpected end', loc: loc() },
    { kind: 'assert_invalid', module: mod(2), message: 'type mismatch', loc: loc() },
    { kind: 'assert_unlinkable', module: mod(3), message: 'unknown import', loc: loc() },
    { kind: 'register', name: 'needed', id: '$m', loc: loc() },
    { kind: 'module', id: null, module: mod(3), definition: false, loc: loc() },
    { kind: 'assert_uninstantiable', module: mod(4), message: 'unreachable', loc: loc() },
    { kind: 'assert_trap_module', module: mod(4), message: 'unreachable', loc: loc() },
    { kind: 'module', id: '$def', module: mod(0), definition: true, loc: loc() },
    { kind: 'instance', id: '$i', module: '$def', loc: loc() },
    { kind: 'assert_return', action: invoke('id', [], '$i'), expected: [i32(3)], loc: loc() },
  ]);
  assert.deepEqual(r.outcomes.filter(o => o.outcome !== 'passed'), []);
  assert.equal(r.passed, 20);
  assert.equal(r.messageMismatches.length, 0);
});

test('each directive fails when the engine does not behave as asserted', () => {
  const r = run([
    { kind: 'module', id: null, module: mod(0), definition: false, loc: loc() },
    { kind: 'assert_return', action: invoke('id'), expected: [i32(1)], loc: loc() },
    { kind: 'assert_return', action: invoke('id'), expected: [], loc: loc() },
    { kind: 'assert_return', action: invoke('trap'), expected: [], loc: loc() },
    { kind: 'assert_trap', action: invoke('id'), message: 'x', loc: loc() },
    { kind: 'assert_trap', action: invoke('deep'), message: 'call stack exhausted', loc: loc() },
    { kind: 'assert_trap', action: invoke('crash'), message: 'oops', loc: loc() },
    { kind: 'assert_exhaustion', action: invoke('trap'), message: 'x', loc: loc() },
    { kind: 'assert_malformed', module: mod(2), message: 'x', loc: loc() },
    { kind: 'assert_invalid', module: mod(1), message: 'x', loc: loc() },
    { kind: 'assert_invalid', module: mod(0), message: 'x', loc: loc() },
    { kind: 'assert_unlinkable', module: mod(0), message: 'x', loc: loc() },
    { kind: 'assert_unlinkable', module: mod(1), message: 'x', loc: loc() },
    { kind: 'assert_uninstantiable', module: mod(3), message: 'x', loc: loc() },
    { kind: 'assert_return', action: invoke('id', [], '$nope'), expected: [], loc: loc() },
    { kind: 'register', name: 'x', id: '$nope', loc: loc() },
  ]);
  assert.equal(r.passed, 1);
  assert.equal(r.failed, 15);
  const msgs = r.outcomes.filter(o => o.outcome === 'failed').map(o => o.message ?? '');
  assert.match(msgs[0], /expected \(i32\.const 1\), got \(i32\.const 0\)/);
  assert.match(msgs[4], /expected trap error.*got exhaustion/);
  assert.match(msgs[5], /crashed: TypeError: oops/);
});

test('a module that fails to instantiate fails the commands that use it', () => {
  const r = run([
    { kind: 'module', id: null, module: mod(4), definition: false, loc: loc() },
    { kind: 'assert_return', action: invoke('id'), expected: [i32(0)], loc: loc() },
    { kind: 'assert_trap', action: invoke('trap'), message: 'integer divide', loc: loc() },
  ]);
  assert.equal(r.failed, 3);
  assert.match(r.outcomes[2].message ?? '', /module not available/);
});

test('message mismatches pass but are counted', () => {
  const r = run([
    { kind: 'module', id: null, module: mod(0), definition: false, loc: loc() },
    { kind: 'assert_trap', action: invoke('trap'), message: 'integer overflow', loc: loc() },
  ]);
  assert.equal(r.passed, 2);
  assert.equal(r.messageMismatches.length, 1);
  assert.equal(r.messageMismatches[0].actual, 'integer divide by zero');
});

test('without an interpreter, execution is skipped but compile checks still run', () => {
  const engine = new FakeEngine();
  engine.canExecute = false;
  const r = run([
    { kind: 'module', id: null, module: mod(0), definition: false, loc: loc() },
    { kind: 'assert_return', action: invoke('id'), expected: [i32(0)], loc: loc() },
    { kind: 'assert_invalid', module: mod(2), message: 'type mismatch', loc: loc() },
    { kind: 'assert_unlinkable', module: mod(3), message: 'unknown import', loc: loc() },
  ], engine);
  assert.equal(r.passed, 1);
  assert.equal(r.skipped, 3);
  assert.deepEqual([...r.skipReasons], [['no interpreter yet', 3]]);
});

test('a phaseless compile error satisfies malformed and invalid; unsupported commands are skipped', () => {
  const r = run([
    { kind: 'assert_malformed', module: mod(5), message: 'x', loc: loc() },
    { kind: 'assert_invalid', module: mod(5), message: 'x', loc: loc() },
    { kind: 'assert_unlinkable', module: mod(5), message: 'x', loc: loc() },
    { kind: 'module', id: null, module: mod(0), definition: false, loc: loc() },
    { kind: 'assert_return', action: invoke('v128'), expected: [], loc: loc() },
    { kind: 'assert_trap', action: invoke('v128'), message: 'x', loc: loc() },
  ]);
  assert.deepEqual(r.outcomes.map(o => o.outcome), ['passed', 'passed', 'failed', 'passed', 'skipped', 'skipped']);
  assert.deepEqual([...r.skipReasons], [['v128 not representable', 2]]);
});
