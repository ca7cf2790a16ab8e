/**
 * The script runner: executes the commands of a `.wast` script against an `Engine` and records an
 * outcome per command. Semantics follow the reference interpreter's runner:
 *
 * - text modules are encoded to binary and compiled from the bytes, so every text module also
 *   exercises the encoder, decoder and validator; quote modules are parsed when the command runs;
 * - `assert_malformed` wants a parse or decode error, `assert_invalid` a validation error,
 *   `assert_unlinkable` a link error, `assert_uninstantiable`/`assert_trap` on a module a trap during
 *   instantiation; `assert_trap`/`assert_exhaustion`/`assert_exception`/`assert_suspension` the
 *   matching failure of an action;
 * - messages are compared leniently: the expected text must start our message, and a mismatch
 *   still passes but is counted (the wordings of engines legitimately differ).
 *
 * A failed command never stops the script: later commands that need a module which failed to
 * load fail too, saying so.
 */
import type { Action, Command, Expected, Loc, Script, ScriptModule } from './ast.js';
import type { ClassifiedError, Engine, ErrorClass, ScriptValue } from './engine.js';
import { formatExpected, formatValue, matches } from './expect.js';
import { emptyResult, record, type RunResult, type Outcome } from './result.js';
import type { Module } from '../syntax/module.js';
import type { FeatureSet } from '../features.js';
import { ParseError } from '../errors.js';
import { parseModule } from '../text/parse-module.js';
import { encodeModule } from '../binary/encode.js';

export interface RunOptions {
  /** Features for parsing quote modules (the engine has its own for decoding). */
  readonly features?: FeatureSet;
  /**
   * The engine runs the deterministic profile: an `assert_return` that fails only because it
   * expects a NaN payload or sign other than the positive canonical NaN (which is all the profile
   * generates) is skipped with DETERMINISTIC_NAN, not failed. `nan:canonical`/`nan:arithmetic`
   * expectations are unaffected: the positive canonical NaN meets both.
   */
  readonly deterministic?: boolean;
}

/** Skip reason of assertions the deterministic profile cannot meet (see RunOptions). */
export const DETERMINISTIC_NAN = 'expects a NaN other than the deterministic profile\'s canonical one';

export const NO_INTERPRETER = 'no interpreter yet';

/** Thrown inside the runner to fail the current command with a message. */
class Failure extends Error {}

/** Thrown inside the runner to skip the current command (the engine cannot express it). */
class Skip extends Error {}

/** Whether a classified error is what an assertion wants. */
function satisfies(got: ErrorClass, want: ErrorClass): boolean {
  return got === want || (got === 'compile' && (want === 'malformed' || want === 'invalid'));
}

/** What a module name in a command refers to. */
type Slot<I> = { readonly instance: I } | { readonly error: string };

class Runner<C, I> {
  private readonly instances = new Map<string, Slot<I>>();
  private readonly definitions = new Map<string, C>();
  private lastDefinition: C | undefined;
  private current: Slot<I> | undefined;
  private readonly registered = new Map<string, I>();

  constructor(
    private readonly engine: Engine<C, I>,
    private readonly result: RunResult,
    private readonly opts: RunOptions,
  ) {}

  run(script: Script): void {
    if (this.engine.canExecute) {
      try {
        this.registered.set('spectest', this.engine.spectest());
      } catch (e) {
        record(this.result, { kind: 'script', loc: { line: 1, column: 1 }, outcome: 'failed', message: `spectest: ${describe(e)}` });
      }
    }
    for (const cmd of script.commands) this.runCommand(cmd);
  }

  private runCommand(cmd: Command): void {
    let outcome: Outcome = 'passed';
    let message: string | undefined;
    try {
      const skip = this.execute(cmd);
      if (skip !== undefined) { outcome = 'skipped'; message = skip; }
    } catch (e) {
      if (e instanceof Skip) {
        outcome = 'skipped';
        message = e.message;
      } else {
        outcome = 'failed';
        message = `${cmd.kind}: ${e instanceof Failure ? e.message : `runner crashed: ${describe(e)}`}`;
      }
    }
    record(this.result, { kind: cmd.kind, loc: cmd.loc, outcome, message });
  }

  /** Runs one command; returns a skip reason, or undefined when it passed. Throws Failure. */
  private execute(cmd: Command): string | undefined {
    const exec = this.engine.canExecute;
    switch (cmd.kind) {
      case 'module': {
        let compiled: C;
        try {
          compiled = this.expectOk(() => this.compile(cmd.module), 'compiling module');
        } catch (e) {
          // Later commands must not silently use the previous module instead.
          if (!cmd.definition) this.setSlot(cmd.id, { error: e instanceof Error ? e.message : String(e) });
          throw e;
        }
        if (cmd.definition) {
          if (cmd.id !== null) this.definitions.set(cmd.id, compiled);
          this.lastDefinition = compiled;
          return undefined;
        }
        if (!exec) { this.setSlot(cmd.id, { error: NO_INTERPRETER }); return NO_INTERPRETER; }
        this.instantiateInto(cmd.id, compiled);
        return undefined;
      }
      case 'instance': {
        const compiled = cmd.module !== null ? this.definitions.get(cmd.module) : this.lastDefinition;
        if (compiled === undefined) throw new Failure(`unknown module definition ${cmd.module ?? '(last)'}`);
        if (!exec) return NO_INTERPRETER;
        this.instantiateInto(cmd.id, compiled);
        return undefined;
      }
      case 'register': {
        if (!exec) return NO_INTERPRETER;
        this.registered.set(cmd.name, this.instance(cmd.id));
        return undefined;
      }
      case 'action':
        if (!exec) return NO_INTERPRETER;
        this.expectOk(() => this.act(cmd.action), 'action');
        return undefined;
      case 'assert_return': {
        if (!exec) return NO_INTERPRETER;
        const got = this.expectOk(() => this.act(cmd.action), 'action');
        this.checkResults(got, cmd.expected);
        return undefined;
      }
      case 'assert_trap': return exec ? this.expectActionError(cmd.action, 'trap', cmd.message, cmd.loc) : NO_INTERPRETER;
      case 'assert_exhaustion': return exec ? this.expectActionError(cmd.action, 'exhaustion', cmd.message, cmd.loc) : NO_INTERPRETER;
      case 'assert_exception': return exec ? this.expectActionError(cmd.action, 'exception', null, cmd.loc) : NO_INTERPRETER;
      case 'assert_suspension': return exec ? this.expectActionError(cmd.action, 'suspension', cmd.message, cmd.loc) : NO_INTERPRETER;
      case 'assert_malformed':
        if (cmd.module.kind === 'quote') this.expectSyntaxError(cmd.module.text, cmd.message, cmd.loc);
        else this.expectError(() => this.compile(cmd.module), 'malformed', cmd.message, cmd.loc);
        return undefined;
      case 'assert_invalid':
        this.expectError(() => this.compile(cmd.module), 'invalid', cmd.message, cmd.loc);
        return undefined;
      case 'assert_unlinkable': {
        const compiled = this.expectOk(() => this.compile(cmd.module), 'compiling module');
        if (!exec) return NO_INTERPRETER;
        this.expectError(() => this.instantiate(compiled), 'unlinkable', cmd.message, cmd.loc);
        return undefined;
      }
      case 'assert_uninstantiable': case 'assert_trap_module': {
        const compiled = this.expectOk(() => this.compile(cmd.module), 'compiling module');
        if (!exec) return NO_INTERPRETER;
        this.expectError(() => this.instantiate(compiled), 'trap', cmd.message, cmd.loc);
        return undefined;
      }
    }
  }

  // ---- modules ---------------------------------------------------------------------------------

  private compile(sm: ScriptModule): C {
    switch (sm.kind) {
      case 'binary': return this.engine.compile(sm.bytes);
      case 'quote': return this.compileAst(parseModule(sm.text, this.opts.features));
      case 'text': return this.compileAst(sm.module);
    }
  }

  /** Text modules go through bytes; if the encoder cannot cope, validate the AST directly. */
  private compileAst(m: Module): C {
    let bytes: Uint8Array;
    try {
      bytes = encodeModule(m);
    } catch (e) {
      if (!this.engine.compileModule) throw e;
      this.result.encoderFallbacks++;
      return this.engine.compileModule(m);
    }
    return this.engine.compile(bytes);
  }

  private instantiate(compiled: C): I {
    return this.engine.instantiate(compiled, name => this.registered.get(name));
  }

  private instantiateInto(id: string | null, compiled: C): void {
    let slot: Slot<I>;
    try {
      slot = { instance: this.instantiate(compiled) };
    } catch (e) {
      slot = { error: `instantiation failed: ${this.describeError(e)}` };
      const c = this.classify(e);
      if (c?.class === 'unsupported') {
        this.setSlot(id, slot);
        throw new Skip(c.message);
      }
    }
    this.setSlot(id, slot);
    if ('error' in slot) throw new Failure(slot.error);
  }

  private setSlot(id: string | null, slot: Slot<I>): void {
    this.current = slot;
    if (id !== null) this.instances.set(id, slot);
  }

  private instance(id: string | null): I {
    const slot = id === null ? this.current : this.instances.get(id);
    if (slot === undefined) throw new Failure(id === null ? 'no module instantiated yet' : `unknown module ${id}`);
    if ('error' in slot) throw new Failure(`module not available (${slot.error})`);
    return slot.instance;
  }

  // ---- actions and expectations ----------------------------------------------------------------

  private act(a: Action): ScriptValue[] {
    const inst = this.instance(a.module);
    return a.kind === 'invoke' ? this.engine.invoke(inst, a.name, a.args) : [this.engine.get(inst, a.name)];
  }

  private checkResults(got: ScriptValue[], expected: readonly Expected[]): void {
    const ok = got.length === expected.length && got.every((v, i) => matches(v, expected[i]));
    if (!ok && this.opts.deterministic && got.length === expected.length && got.every((v, i) => matches(v, expected[i], true))) {
      throw new Skip(DETERMINISTIC_NAN);
    }
    if (!ok) {
      throw new Failure(`expected ${expected.map(formatExpected).join(' ') || '()'}, got ${got.map(formatValue).join(' ') || '()'}`);
    }
  }

  /** Runs `f`, failing the command (with `what`) if it throws. */
  private expectOk<T>(f: () => T, what: string): T {
    try {
      return f();
    } catch (e) {
      if (e instanceof Failure || e instanceof Skip) throw e;
      const c = this.classify(e);
      if (c?.class === 'unsupported') throw new Skip(c.message);
      throw new Failure(`${what} failed: ${this.describeError(e)}`);
    }
  }

  private expectActionError(a: Action, want: ErrorClass, message: string | null, loc: Loc): undefined {
    this.instance(a.module); // a missing module is a failure of its own, not a missing error
    this.expectError(() => this.act(a), want, message, loc);
    return undefined;
  }

  private expectError(f: () => unknown, want: ErrorClass, message: string | null, loc: Loc): void {
    try {
      f();
    } catch (e) {
      if (e instanceof Failure || e instanceof Skip) throw e;
      const c = this.classify(e);
      if (c === null) throw new Failure(`expected ${want} error, crashed: ${describe(e)}`);
      if (c.class === 'unsupported') throw new Skip(c.message);
      if (!satisfies(c.class, want)) throw new Failure(`expected ${want} error "${message ?? ''}", got ${c.class} error: ${c.message}`);
      if (message !== null && !c.message.startsWith(message)) {
        this.result.messageMismatches.push({ loc, expected: message, actual: c.message });
      }
      return;
    }
    throw new Failure(`expected ${want} error "${message ?? ''}", but it succeeded`);
  }

  /**
   * Malformed text is a parse error, as in the reference runner: a quote module that parses but
   * is rejected later (by the decoder, after encoding) means the text parser missed the problem.
   */
  private expectSyntaxError(text: string, message: string, loc: Loc): void {
    let m: Module;
    try {
      m = parseModule(text, this.opts.features);
    } catch (e) {
      const c = this.classify(e);
      if (c === null) throw new Failure(`expected malformed error, crashed: ${describe(e)}`);
      if (!satisfies(c.class, 'malformed')) throw new Failure(`expected malformed error "${message}", got ${c.class} error: ${c.message}`);
      if (!c.message.startsWith(message)) this.result.messageMismatches.push({ loc, expected: message, actual: c.message });
      return;
    }
    let later = 'it compiled';
    try {
      this.compileAst(m);
    } catch (e) {
      later = `compiling it gave ${this.describeError(e)}`;
    }
    throw new Failure(`expected a text syntax error "${message}", but the text parsed (${later})`);
  }

  private classify(e: unknown): ClassifiedError | null {
    if (e instanceof ParseError) return { class: 'malformed', message: e.reason };
    return this.engine.classify(e);
  }

  private describeError(e: unknown): string {
    const c = this.classify(e);
    return c ? `${c.class}: ${c.message}` : describe(e);
  }
}

/** A thrown value as one line (crash messages keep the error's name). */
function describe(e: unknown): string {
  if (e instanceof Error) {
    const where = e.stack?.split('\n').find(l => l.includes(' at '))?.trim();
    return `${e.name}: ${e.message}${where ? ` (${where})` : ''}`;
  }
  return String(e);
}

/** Runs a parsed script. Never throws: every problem is an outcome of some command. */
export function runScript<C, I>(script: Script, engine: Engine<C, I>, opts: RunOptions = {}): RunResult {
  const result = emptyResult(script.source);
  new Runner(engine, result, opts).run(script);
  return result;
}
