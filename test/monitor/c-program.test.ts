/** A compiled C program (examples/primes.wasm) under every monitor: totals agree, output unchanged. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { WASI } from '../../src/wasi/index.js';
import { CallsMonitor, CoverageMonitor, OpcodeMonitor, ProfileMonitor, type Monitor } from '../../src/monitor/index.js';
import { instantiate } from './helpers.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const PRIMES = fs.readFileSync(path.join(ROOT, 'examples/primes.wasm'));

/** Runs primes.wasm with `monitors`; returns its exit code and what it wrote to stdout. */
function runPrimes(monitors: readonly Monitor[]): { code: number; stdout: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'weft-monitor-'));
  const out = path.join(dir, 'out.txt');
  const fd = fs.openSync(out, 'w');
  try {
    const wasi = new WASI({ args: ['primes', '20000'], stdout: fd, returnOnExit: true });
    const { exports, inst } = instantiate(new Uint8Array(PRIMES), wasi.getImportObject());
    for (const m of monitors) m.attach(inst);
    let code: number;
    try {
      code = wasi.start({ exports });
    } catch (error) {
      for (const m of monitors) m.finish({ error });
      throw error;
    }
    for (const m of monitors) m.finish({});
    return { code, stdout: fs.readFileSync(out, 'utf8') };
  } finally {
    fs.closeSync(fd);
    fs.rmSync(dir, { recursive: true });
  }
}

test('primes.wasm: monitors do not change the output; opcode, coverage and call totals agree', () => {
  const plain = runPrimes([]);
  const ops = new OpcodeMonitor(), cov = new CoverageMonitor(), calls = new CallsMonitor({ maxTrace: 0 }), prof = new ProfileMonitor();
  const monitored = runPrimes([ops, cov, calls, prof]);
  assert.deepEqual(monitored, plain);
  assert.match(plain.stdout, /primes below 20000/);

  const o = ops.report();
  assert.ok(o.total > 100000);
  assert.equal(o.counts.reduce((n, e) => n + e.count, 0), o.total);
  assert.equal(o.functions.reduce((n, f) => n + f.total, 0), o.total);

  const c = cov.report();
  const main = c.functions.find((f) => f.name === 'main')!;
  assert.ok(main.coveredInstructions > 0 && main.coveredInstructions <= main.instructions);
  assert.equal(c.functions.reduce((n, f) => n + f.coveredInstructions, 0), c.coveredInstructions);
  // a function ran iff the opcode monitor saw it execute something
  const ran = new Set(o.functions.filter((f) => f.total > 0).map((f) => f.funcIndex));
  assert.deepEqual(new Set(c.functions.filter((f) => f.coveredInstructions > 0).map((f) => f.funcIndex)), ran);

  // every entry of a defined function is a call instruction executed, or the host calling _start
  const r = calls.report();
  const callOps = o.counts.filter((e) => e.op.includes('call')).reduce((n, e) => n + e.count, 0);
  const hostEdges = r.graph.filter((e) => e.caller === -1).reduce((n, e) => n + e.count, 0);
  assert.equal(hostEdges, 1);
  assert.ok(r.calls - hostEdges <= callOps);
  assert.equal(r.graph.reduce((n, e) => n + e.count, 0), r.calls);

  const p = prof.report();
  assert.equal(p.functions.reduce((n, f) => n + f.calls, 0), r.calls);
  assert.equal(new Set(p.functions.map((f) => f.funcIndex)).size, new Set(r.graph.map((e) => e.callee)).size);
});
