// A solver thread: takes one pôle at a time and answers with each step as it ends (the greedy
// proposal first), then the solved one. HiGHS's WebAssembly is compiled once per thread, but each pôle gets a fresh
// instance: its linear memory (which WebAssembly never shrinks) is dropped with it after the pôle.
// No top-level await: the app bundles this file as CommonJS (vite.electron.config.ts).
import { readFileSync } from 'node:fs';
import { getHeapStatistics } from 'node:v8';
import { parentPort, workerData } from 'node:worker_threads';
import loadHighs from 'highs';
import { solvePole } from './solve.ts';
import type { FromWorker, ToWorker, WorkerData } from './messages.ts';

const port = parentPort!;
const { wasmPath } = workerData as WorkerData;
let compiled: Promise<WebAssembly.Module> | null = null;
const post = (message: FromWorker): void => port.postMessage(message);

port.on('message', (message: ToWorker) => {
  void (async () => {
    try {
      compiled ??= WebAssembly.compile(readFileSync(wasmPath));
      const highs = await loadHighs({ wasmModule: await compiled });
      const solution = solvePole(highs, message.problem, message.limits, (step, proposal) => post({ type: 'step', index: message.index, step, proposal }));
      post({ type: 'done', index: message.index, solution, wasmBytes: highs.memoryBytes, heapBytes: getHeapStatistics().used_heap_size });
    } catch (error) {
      post({ type: 'error', index: message.index, message: error instanceof Error ? error.stack ?? error.message : String(error) });
    }
  })();
});
