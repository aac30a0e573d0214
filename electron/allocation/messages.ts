// What the solver threads and the pool say to each other (structured clone: plain data only).
import type { AllocationProblem, PoleProposal } from '../../shared/allocation/types.ts';
import type { SolverLimits } from './aggregate.ts';
import type { OnStep, PoleSolution } from './solve.ts';

/** Given to each solver thread at its start: where HiGHS's WebAssembly is (the pool knows whether it runs from the bundle). */
export interface WorkerData { wasmPath: string }

export interface ToWorker { index: number; problem: AllocationProblem; limits: SolverLimits }

export type FromWorker =
  | { type: 'step'; index: number; step: Parameters<OnStep>[0]; proposal: PoleProposal | null }
  | { type: 'done'; index: number; solution: PoleSolution; wasmBytes: number; heapBytes: number }
  | { type: 'error'; index: number; message: string };
