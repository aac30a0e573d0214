// Allocation of several pôles off the main thread: one solver thread per core (or as asked), each
// taking the next pôle as soon as it is free. Progress is reported per step of each pôle (its
// greedy proposal as soon as it exists, its bound, its MIP, then the solved one), so that it moves
// within one pôle too; aborting terminates every thread, which is also what frees their memory,
// and nothing is written: the caller applies what it receives.
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { AllocationProblem, PoleProposal } from '../../shared/allocation/types.ts';
import { DEFAULT_LIMITS, type SolverLimits } from './aggregate.ts';
import type { FromWorker, ToWorker, WorkerData } from './messages.ts';
import { POLE_STEPS, type PoleSolution, type PoleStep } from './solve.ts';
import { assertNever } from '../../shared/domain/never.ts';

export interface AllocateOptions extends Partial<SolverLimits> {
  /** Solver threads; one per core by default, never more than pôles. */
  workers?: number;
}

export interface AllocationProgress {
  /** Steps ended over every pôle, out of `total` (POLE_STEPS per pôle): never goes back, and reaches `total` at the end. */
  done: number;
  total: number;
  /** Pôles solved. */
  polesDone: number;
  /** The pôle (by its index in the problems) whose step just ended. */
  index: number;
  step: PoleStep;
  /** The pôle's proposal when the step gives one: the greedy's first, then ('placed') the one kept. */
  proposal: PoleProposal | null;
}

export interface AllocationHooks {
  onProgress?: (progress: AllocationProgress) => void;
  signal?: AbortSignal;
}

export interface AllocationResult {
  /** One per problem, in the problems' order. */
  solutions: PoleSolution[];
  seconds: number;
  workers: number;
  /** The largest WebAssembly memory and JavaScript heap a solver thread held after a pôle. */
  peakWasmBytes: number;
  peakHeapBytes: number;
}

/** Set by vite.electron.config.ts in the app's CommonJS bundle; undefined when Node runs the sources. */
declare const __SOLVER_BESIDE_BUNDLE__: boolean | undefined;

/**
 * The solver thread's entry and HiGHS's WebAssembly. In the app they are files beside the main
 * bundle (built and copied there by vite.electron.config.ts), unpacked from the asar archive, which
 * a worker thread cannot load from; under Node, the sources and the npm package.
 */
function solverFiles(): { worker: URL; wasmPath: string } {
  if (typeof __SOLVER_BESIDE_BUNDLE__ !== 'undefined') {
    const dir = __dirname.replace(/app\.asar([\\/])/, 'app.asar.unpacked$1');
    return { worker: pathToFileURL(join(dir, 'allocation-worker.cjs')), wasmPath: join(dir, 'highs.wasm') };
  }
  // import.meta.url through a variable, on purpose: Vite's transform, which Vitest applies to the
  // component tests (jsdom), rewrites the literal `new URL('…', import.meta.url)` into an http:
  // address of the test page, and a worker thread runs file: URLs only ("The URL must be of scheme
  // file"). The app's bundle never reaches this line: the constant above folds this branch away.
  const here = import.meta.url;
  return { worker: new URL('./worker.ts', here), wasmPath: fileURLToPath(import.meta.resolve('highs/runtime')) };
}

function aborted(signal: AbortSignal): Error {
  return signal.reason instanceof Error ? signal.reason : new DOMException('Répartition annulée.', 'AbortError');
}

export function allocate(problems: readonly AllocationProblem[], options: AllocateOptions = {}, hooks: AllocationHooks = {}): Promise<AllocationResult> {
  const { signal, onProgress } = hooks;
  if (signal?.aborted) return Promise.reject(aborted(signal));
  const limits: SolverLimits = {
    timeLimitSeconds: options.timeLimitSeconds ?? DEFAULT_LIMITS.timeLimitSeconds,
    relativeGap: options.relativeGap ?? DEFAULT_LIMITS.relativeGap,
    pairsPerUnit: options.pairsPerUnit ?? DEFAULT_LIMITS.pairsPerUnit,
  };
  const started = performance.now();
  const count = Math.max(1, Math.min(options.workers ?? availableParallelism(), problems.length));
  const solutions: PoleSolution[] = new Array<PoleSolution>(problems.length);
  const result: AllocationResult = { solutions, seconds: 0, workers: count, peakWasmBytes: 0, peakHeapBytes: 0 };
  if (problems.length === 0) return Promise.resolve(result);

  return new Promise<AllocationResult>((resolve, reject) => {
    const workers: Worker[] = [];
    let next = 0;
    let polesDone = 0;
    let stepsDone = 0;
    const total = problems.length * POLE_STEPS.length;
    let settled = false;
    const stop = (error: Error | null): void => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      for (const worker of workers) void worker.terminate();
      if (error !== null) reject(error);
      else resolve({ ...result, seconds: (performance.now() - started) / 1000 });
    };
    const onAbort = (): void => stop(aborted(signal!));
    signal?.addEventListener('abort', onAbort, { once: true });
    const feed = (worker: Worker): void => {
      if (next >= problems.length) return;
      const message: ToWorker = { index: next, problem: problems[next]!, limits };
      next += 1;
      worker.postMessage(message);
    };
    const files = solverFiles();
    for (let i = 0; i < count; i += 1) {
      const worker = new Worker(files.worker, { workerData: { wasmPath: files.wasmPath } satisfies WorkerData });
      workers.push(worker);
      worker.on('message', (message: FromWorker) => {
        if (settled) return;
        switch (message.type) {
          case 'step':
            stepsDone += 1;
            onProgress?.({ done: stepsDone, total, polesDone, index: message.index, step: message.step, proposal: message.proposal });
            return;
          case 'done':
            solutions[message.index] = message.solution;
            polesDone += 1;
            stepsDone += 1;
            result.peakWasmBytes = Math.max(result.peakWasmBytes, message.wasmBytes);
            result.peakHeapBytes = Math.max(result.peakHeapBytes, message.heapBytes);
            onProgress?.({ done: stepsDone, total, polesDone, index: message.index, step: 'placed', proposal: message.solution.proposal });
            if (polesDone === problems.length) stop(null);
            else feed(worker);
            return;
          case 'error':
            stop(new Error(`Pôle ${problems[message.index]!.poleCode} : ${message.message}`));
            return;
          default:
            assertNever(message, 'message');
        }
      });
      worker.on('error', (error) => stop(error));
      feed(worker);
    }
  });
}
