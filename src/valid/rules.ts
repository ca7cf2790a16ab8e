/**
 * The typing rules of the instructions the opcode table marks `*` (no fixed signature), keyed by
 * mnemonic. Rows that share a mnemonic (e.g. `select` and typed `select`) share a rule, which
 * tells the forms apart by the row's `variant` or immediates.
 */
import type { Instr } from '../syntax/module.js';
import type { CodeChecker } from './code.js';
import { CONT_RULES } from './rules-cont.js';
import { CONTROL_RULES } from './rules-control.js';
import { DESC_RULES } from './rules-desc.js';
import { REF_RULES } from './rules-ref.js';
import { SHARED_RULES } from './rules-shared.js';
import { VARIABLE_RULES } from './rules-var.js';

export type Rule = (c: CodeChecker, ins: Instr) => void;

export const RULES: Readonly<Record<string, Rule>> = {
  ...CONTROL_RULES, ...VARIABLE_RULES, ...REF_RULES, ...CONT_RULES, ...DESC_RULES, ...SHARED_RULES,
};
