/**
 * Several monitors may want the same offset, but an instance holds one probe callback per offset
 * (`addProbe` replaces). The hub installs one dispatcher per offset and fans out to every callback
 * registered there, so monitors compose.
 */
import { addProbe, type ProbeContext, type ProbeFn } from '../runtime/index.js';
import type { ModuleInstance } from '../runtime/instance.js';

const hubs = new WeakMap<ModuleInstance, Map<number, ProbeFn[]>>();

/** Runs `fn` before the instruction at byte `offset` of `inst`'s module, alongside other callbacks. */
export function probeAt(inst: ModuleInstance, offset: number, fn: ProbeFn): void {
  if (offset < 0) throw new Error('monitors need a decoded binary: instructions parsed from text have no offsets');
  let byOffset = hubs.get(inst);
  if (!byOffset) hubs.set(inst, (byOffset = new Map()));
  let list = byOffset.get(offset);
  if (list) {
    list.push(fn);
    return;
  }
  list = [fn];
  // keep a callback someone installed with addProbe directly
  const previous = inst.probes?.get(offset);
  if (previous) list.unshift(previous);
  byOffset.set(offset, list);
  const fns = list;
  addProbe(inst, offset, (ctx: ProbeContext) => {
    // no snapshot (a probe runs often): a callback added here during the loop runs this time too
    if (fns.length === 1) fns[0]!(ctx);
    else for (let i = 0; i < fns.length; i++) fns[i]!(ctx);
  });
}

/** Removes one registration of `fn` at `offset` (the probe site stays, as a cheap no-op). */
export function unprobeAt(inst: ModuleInstance, offset: number, fn: ProbeFn): void {
  const list = hubs.get(inst)?.get(offset);
  if (!list) return;
  const i = list.indexOf(fn);
  if (i >= 0) list.splice(i, 1);
}
