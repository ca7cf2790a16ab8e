/**
 * Probes: host callbacks run just before the instruction at a given byte offset of a module's code
 * (debuggers, coverage, tracing). A module with probe sites is translated with a `probe` op in
 * front of each site; callbacks are looked up per instance when the op runs, so a site costs
 * one dispatch and nothing at all in modules without probes.
 */
import type { Module } from '../syntax/module.js';
import type { ModuleInstance } from '../runtime/instance.js';
import type { Thread } from './thread.js';

export interface ProbeContext {
  readonly inst: ModuleInstance;
  readonly funcIndex: number;
  /** Byte offset of the instruction about to run. */
  readonly offset: number;
  /** The stack, its frame pointer (first local's slot) and first free slot: for inspecting values. */
  readonly thread: Thread;
  readonly fp: number;
  readonly sp: number;
}

export type ProbeFn = (ctx: ProbeContext) => void;

const sites = new WeakMap<Module, Set<number>>();

export function probeSitesOf(m: Module): ReadonlySet<number> | undefined {
  return sites.get(m);
}

/** Registers a probe site for module `m`; returns whether it is new (translations must be redone). */
export function addProbeSite(m: Module, offset: number): boolean {
  let s = sites.get(m);
  if (!s) sites.set(m, (s = new Set()));
  if (s.has(offset)) return false;
  s.add(offset);
  return true;
}
