// One pôle from start to finish: the greedy proposal at once (shown while the solver works), the
// aggregate model's bound and MIP, the placement of the MIP's pairs, and the better of the two
// proposals by the objectives' order. Runs in a worker thread, or in-process in tests. Each step
// is reported as it ends, so that a progress bar moves within one pôle too.
import type { Highs } from 'highs';
import { construct } from '../../shared/allocation/placer.ts';
import { compareProposals, proposalOf } from '../../shared/allocation/proposal.ts';
import type { AllocationProblem, PoleProposal } from '../../shared/allocation/types.ts';
import { solveAggregate, type SolverLimits } from './aggregate.ts';

export interface SolverReport {
  status: string;
  mipGap: number | null;
  lpSeconds: number;
  mipSeconds: number;
  columns: number;
  rows: number;
  /** Individual minutes covered after the greedy and after placing the MIP's pairs. */
  greedyCoveredMinutes: number;
  mipCoveredMinutes: number;
  /** Seconds until the greedy proposal was ready. */
  firstProposalSeconds: number;
}

/** The steps of one pôle, in order; the last ends with the solution itself. */
export const POLE_STEPS = ['greedy', 'bound', 'mip', 'placed'] as const;
export type PoleStep = (typeof POLE_STEPS)[number];
/** Called as each step before the last ends, with the greedy's proposal after the first. */
export type OnStep = (step: Exclude<PoleStep, 'placed'>, proposal: PoleProposal | null) => void;

export interface PoleSolution {
  proposal: PoleProposal;
  solver: SolverReport;
}

export function solvePole(highs: Highs, problem: AllocationProblem, limits: SolverLimits, onStep?: OnStep): PoleSolution {
  const started = performance.now();
  const seconds = (): number => (performance.now() - started) / 1000;
  const greedy = construct(problem);
  const first = proposalOf(problem, greedy, 'greedy', null, seconds());
  onStep?.('greedy', first);
  const aggregate = solveAggregate(highs, problem, greedy, limits, () => onStep?.('bound', null));
  onStep?.('mip', null);
  const bound = problem.keptIndividualMinutes + aggregate.boundAddedMinutes;
  const guided = proposalOf(problem, construct(problem, aggregate.guide), 'mip', bound, 0);
  const best = compareProposals(guided, first) < 0 ? guided : first;
  return {
    proposal: { ...best, boundMinutes: bound, seconds: seconds() },
    solver: {
      status: aggregate.status, mipGap: aggregate.mipGap, lpSeconds: aggregate.lpSeconds, mipSeconds: aggregate.mipSeconds,
      columns: aggregate.columns, rows: aggregate.rows,
      greedyCoveredMinutes: first.after.individualCoveredMinutes, mipCoveredMinutes: guided.after.individualCoveredMinutes,
      firstProposalSeconds: first.seconds,
    },
  };
}
