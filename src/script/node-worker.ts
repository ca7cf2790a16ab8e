/** Worker-thread side of node-pool.ts: runs the files it is sent, one at a time, and reports summaries. */
import { parentPort } from 'node:worker_threads';
import { runWastFile } from './node-files.js';
import { summarize } from './result.js';
import { createEngine } from './engines.js';
import type { WorkerRequest } from './node-pool.js';
import { isDeterministic } from '../features.js';

parentPort?.on('message', (req: WorkerRequest) => {
  const start = Date.now();
  const features = req.features ?? undefined;
  const engine = createEngine(req.engine, { features, profile: req.profile });
  const r = runWastFile(req.file, engine, { features, deterministic: isDeterministic(req.profile) });
  parentPort?.postMessage(summarize(req.file.name, r, req.maxFailures, Date.now() - start));
});
