/**
 * A front-end-only engine (`weft wast --engine validate`): decodes and validates with weft's own
 * decoder and validator but runs nothing, so `assert_malformed`/`assert_invalid` and module
 * compilation are checked while every command that needs execution is skipped. Handy to test the
 * text parser, encoder, decoder and validator in isolation, quickly.
 */
import type { Const } from './ast.js';
import type { ClassifiedError, Engine, ScriptValue } from './engine.js';
import type { EngineOptions } from './engines.js';
import type { Module } from '../syntax/module.js';
import { applyProfile, DEFAULT_FEATURES, type FeatureSet } from '../features.js';
import { CompileError } from '../errors.js';
import { decodeModule } from '../binary/decode.js';
import { validateModule, type ValidModule } from '../valid/index.js';

function noExecution(): never {
  throw new Error('the validate engine does not execute');
}

export class ValidateEngine implements Engine<ValidModule, never> {
  readonly name = 'validate';
  readonly canExecute = false;
  private readonly features: FeatureSet;

  constructor(opts: EngineOptions = {}) {
    this.features = applyProfile(opts.features ?? DEFAULT_FEATURES, opts.profile);
  }

  compile(bytes: Uint8Array): ValidModule {
    return validateModule(decodeModule(bytes, this.features), this.features);
  }

  compileModule(module: Module): ValidModule {
    return validateModule(module, this.features);
  }

  instantiate(): never { return noExecution(); }
  invoke(_i: never, _n: string, _a: readonly Const[]): ScriptValue[] { return noExecution(); }
  get(): ScriptValue { return noExecution(); }
  spectest(): never { return noExecution(); }

  classify(e: unknown): ClassifiedError | null {
    return e instanceof CompileError ? { class: e.phase, message: e.reason } : null;
  }
}
