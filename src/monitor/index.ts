/**
 * weft monitors: coverage, opcode counts, profiles, call traces and a debugger, all built on the
 * interpreter's probes and expressed in byte offsets of the module binary. Attach to a runtime
 * ModuleInstance (`Instance.instOf(instance)` from the JS API) before running, call `finish` when
 * the run is over, then read `report()` or `format()`. See docs/monitors.md.
 */
export type { Monitor, RunOutcome } from './monitor.js';
export { CoverageMonitor, type CoverageReport, type FuncCoverage, type OffsetRange } from './coverage.js';
export { OpcodeMonitor, type OpcodeReport } from './opcodes.js';
export { LoopsMonitor, type LoopsReport, type LoopStats } from './loops.js';
export { BranchesMonitor, type BranchesReport, type BranchSite } from './branches.js';
export { HotnessMonitor, type HotnessReport, type HotBlock } from './hotness.js';
export { ProfileMonitor, type ProfileReport, type FuncProfile } from './profile.js';
export { CallsMonitor, type CallsReport, type CallsOptions, type CallEntry, type CallEdge } from './calls.js';
export { Debugger, type DebugAction, type Pause, type PauseHandler, type BreakpointTarget, type DebuggerReport } from './debugger.js';
export { createMonitors, checkMonitorList, MONITOR_NAMES } from './registry.js';
export { attachMonitors, finishMonitors, finishMonitorsAsJson } from './session.js';
export { formatValue, type TypedValue } from './frame-values.js';
export { basicBlocks, type BasicBlock, type FuncBlocks } from './basic-blocks.js';
export { probeAt, unprobeAt } from './probe-hub.js';
export { definedFuncs, type FuncInfo } from './module-info.js';
