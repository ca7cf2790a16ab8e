/**
 * Boundary-call report: what one call across the JS <-> wasm boundary costs, through each engine's
 * JS API (what Emscripten and wasm-bindgen glue does all the time): JS calling an exported
 * `(i32, i32) -> i32`, and wasm calling an imported `(i32) -> i32` JS function in a loop. weft runs
 * through its `WebAssembly` namespace with each tier forced. The module is encoded by hand here,
 * like big-module.ts, so the bench does not depend on the engine it measures.
 */
import { WebAssembly as WeftWasm, configure } from '../src/api/index.js';
import { median } from './stats.js';

/**
 * (import "m" "h" (func $h (param i32) (result i32)))
 * (func (export "add") (param i32 i32) (result i32) local.get 0 local.get 1 i32.add)
 * (func (export "callh") (param i32) (result i32) (local i32 i32)
 *   loop  s += h(i); i++; br_if (i <u n)  end  s)
 */
const MODULE = new Uint8Array([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
  0x01, 0x0c, 0x02, 0x60, 0x01, 0x7f, 0x01, 0x7f, 0x60, 0x02, 0x7f, 0x7f, 0x01, 0x7f, // types: (i32)->i32, (i32 i32)->i32
  0x02, 0x07, 0x01, 0x01, 0x6d, 0x01, 0x68, 0x00, 0x00, // import m.h : type 0
  0x03, 0x03, 0x02, 0x01, 0x00, // funcs: add : type 1, callh : type 0
  0x07, 0x0f, 0x02, 0x03, 0x61, 0x64, 0x64, 0x00, 0x01, 0x05, 0x63, 0x61, 0x6c, 0x6c, 0x68, 0x00, 0x02,
  0x0a, 0x28, 0x02,
  0x07, 0x00, 0x20, 0x00, 0x20, 0x01, 0x6a, 0x0b, // add
  0x1e, 0x01, 0x02, 0x7f, // callh: 2 x i32 locals (1 = i, 2 = s)
  0x03, 0x40, // loop
  0x20, 0x02, 0x20, 0x01, 0x10, 0x00, 0x6a, 0x21, 0x02, // s = s + h(i)
  0x20, 0x01, 0x41, 0x01, 0x6a, 0x22, 0x01, // i = i + 1 (tee)
  0x20, 0x00, 0x49, 0x0d, 0x00, // br_if 0 (i <u n)
  0x0b, 0x20, 0x02, 0x0b,
]);

const CALLS = 200_000;

export interface BoundaryReport {
  /** Nanoseconds per call, median of the runs, per engine (a string when it failed). */
  jsToWasmNs: Record<string, number | string>;
  wasmToJsNs: Record<string, number | string>;
}

interface Api {
  Module: new (b: Uint8Array) => object;
  Instance: new (m: object, i: object) => { exports: Record<string, unknown> };
}

function measure(ns: Api, runs: number): { js: number; wasm: number } {
  const inst = new ns.Instance(new ns.Module(MODULE), { m: { h: (x: number) => x + 1 } });
  const add = inst.exports.add as (a: number, b: number) => number;
  const callh = inst.exports.callh as (n: number) => number;
  const js: number[] = [], wasm: number[] = [];
  // The first round warms up (and, for weft's auto tier, compiles); it is not counted.
  for (let r = 0; r <= runs; r++) {
    let t = performance.now();
    let s = 0;
    for (let i = 0; i < CALLS; i++) s = add(s, i);
    const a = performance.now() - t;
    t = performance.now();
    const got = callh(CALLS);
    const b = performance.now() - t;
    if (got !== (((CALLS * (CALLS + 1)) / 2) | 0) || s !== (((CALLS * (CALLS - 1)) / 2) | 0)) throw new Error('wrong result');
    if (r > 0) { js.push((a * 1e6) / CALLS); wasm.push((b * 1e6) / CALLS); }
  }
  return { js: median(js), wasm: median(wasm) };
}

export function boundaryReport(runs: number): BoundaryReport {
  const report: BoundaryReport = { jsToWasmNs: {}, wasmToJsNs: {} };
  const sides: [string, () => Api][] = [
    ['native', () => WebAssembly as unknown as Api],
    ...(['interpreter', 'compiled', 'auto'] as const).map((tier): [string, () => Api] =>
      [`weft ${tier}`, () => { configure({ tier }); return WeftWasm as unknown as Api; }]),
  ];
  for (const [name, api] of sides) {
    try {
      const { js, wasm } = measure(api(), runs);
      report.jsToWasmNs[name] = js;
      report.wasmToJsNs[name] = wasm;
    } catch (err) {
      report.jsToWasmNs[name] = report.wasmToJsNs[name] = `error: ${(err as Error).message}`;
    }
  }
  configure({});
  return report;
}

export function formatBoundary(r: BoundaryReport): string {
  const out = ['Boundary calls through the JS API, ns per call (median): JS -> wasm export (i32, i32) -> i32 / wasm -> JS import (i32) -> i32'];
  const show = (v: number | string) => typeof v === 'number' ? v.toFixed(1).padStart(7) : v;
  for (const name of Object.keys(r.jsToWasmNs)) out.push(`  ${name.padEnd(16)} ${show(r.jsToWasmNs[name])} / ${show(r.wasmToJsNs[name])}`);
  return out.join('\n');
}
