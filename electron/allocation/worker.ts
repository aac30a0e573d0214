// A solver thread: takes one pôle at a time and answers with the greedy proposal first, then the
// solved one. HiGHS's WebAssembly is compiled once per thread, but each pôle gets a fresh
// instance: its linear memory (which WebAssembly never shrinks) is dropped with it after the pôle.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { getHeapStatistics } from 'node:v8';
import { parentPort } from 'node:worker_threads';
import loadHighs from 'highs';
import { solvePole } from './solve.ts';
import type { FromWorker, ToWorker } from './messages.ts';

const port = parentPort!;
const wasmModule = await WebAssembly.compile(readFileSync(fileURLToPath(import.meta.resolve('highs/runtime'))));
const post = (message: FromWorker): void => port.postMessage(message);

port.on('message', (message: ToWorker) => {
  void (async () => {
    try {
      const highs = await loadHighs({ wasmModule });
      const solution = solvePole(highs, message.problem, message.limits, (proposal) => post({ type: 'greedy', index: message.index, proposal }));
      post({ type: 'done', index: message.index, solution, wasmBytes: highs.memoryBytes, heapBytes: getHeapStatistics().used_heap_size });
    } catch (error) {
      post({ type: 'error', index: message.index, message: error instanceof Error ? error.stack ?? error.message : String(error) });
    }
  })();
});
