// The solver path on the medium demo: HiGHS in worker threads, the LP bound against the greedy
// and the proposal, progress, cancellation, and a proposal written through the real service.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allocate, type AllocationProgress } from '../../electron/allocation/allocate.ts';
import { loadEngineRecord } from '../../electron/services/analysis.ts';
import { buildProblem } from '../../shared/allocation/problem.ts';
import { proposalOperations } from '../../shared/allocation/proposal.ts';
import { DEFAULT_OPTIONS, type AllocationProblem } from '../../shared/allocation/types.ts';
import { todayIso } from '../../shared/domain/dates.ts';
import type { EngineRecord } from '../../shared/gaps/record.ts';
import type { GapCode } from '../../shared/gaps/types.ts';
import { FIXED_NOW, openTestRecord, type TestRecord } from '../support/record.ts';

const HARD: readonly GapCode[] = ['OVERLAP', 'OVER_CONTRACT', 'OUTSIDE_SCHOOL_HOURS', 'TRAVEL_TIME', 'OUT_OF_POLE'];
const date = todayIso(FIXED_NOW);
let demo: TestRecord;
let record: EngineRecord;
let problems: AllocationProblem[];

beforeAll(async () => {
  demo = await openTestRecord();
  await demo.api('app.seedDemo', { scale: 'medium' });
  record = await loadEngineRecord({ db: demo.connection.db, now: () => FIXED_NOW });
  problems = record.poles.map((p) => buildProblem(record, p.id, { ...DEFAULT_OPTIONS, date }));
}, 60_000);
afterAll(async () => demo.host.close());

describe('allocating the medium demo on solver threads', () => {
  it('reports every step of every pôle, proposals within the LP bound and no worse than the greedy', async () => {
    const progress: AllocationProgress[] = [];
    const result = await allocate(problems, { workers: 2, timeLimitSeconds: 0.5 }, { onProgress: (p) => progress.push(p) });
    expect(result.solutions).toHaveLength(problems.length);
    // Four steps per pôle, each counted as it ends: the bar moves within a pôle, never back, up to the total.
    const total = 4 * problems.length;
    expect(progress.map((p) => [p.done, p.total])).toEqual(Array.from({ length: total }, (_, i) => [i + 1, total]));
    problems.forEach((_, index) => {
      const steps = progress.filter((p) => p.index === index);
      expect(steps.map((p) => p.step)).toEqual(['greedy', 'bound', 'mip', 'placed']);
      expect(steps.map((p) => p.proposal === null)).toEqual([false, true, true, false]);
    });
    expect(progress.filter((p) => p.step === 'placed').map((p) => p.polesDone)).toEqual(problems.map((_, i) => i + 1));
    let before = 0;
    let after = 0;
    for (const { proposal, solver } of result.solutions) {
      const bound = proposal.boundMinutes!;
      expect(solver.greedyCoveredMinutes, proposal.poleCode).toBeLessThanOrEqual(bound);
      expect(proposal.after.individualCoveredMinutes, proposal.poleCode).toBeLessThanOrEqual(bound);
      expect(proposal.after.individualCoveredMinutes, proposal.poleCode).toBeGreaterThanOrEqual(solver.greedyCoveredMinutes);
      expect(proposal.after.pupilsWithout, proposal.poleCode).toBeLessThanOrEqual(proposal.before.pupilsWithout);
      before += proposal.before.pupilsWithout;
      after += proposal.after.pupilsWithout;
    }
    // The demo's pôles have spare contract hours: nearly every waiting pupil gets an AESH.
    expect(before).toBeGreaterThan(20);
    expect(after).toBeLessThan(before / 4);
  });

  it('stops when cancelled, and leaves the record as it was', async () => {
    const controller = new AbortController();
    const slotsBefore = (await demo.api('slots.list', {})).length;
    const run = allocate(problems, { workers: 2 }, { signal: controller.signal, onProgress: () => controller.abort() });
    await expect(run).rejects.toThrow(expect.objectContaining({ name: 'AbortError' }));
    expect((await demo.api('slots.list', {})).length).toBe(slotsBefore);
  });

  it('writes one pôle’s proposal as one change that the gaps engine finds clean', async () => {
    const problem = problems.find((p) => p.before.pupilsWithout > 0)!;
    const { solutions: [solution] } = await allocate([problem], { workers: 1, timeLimitSeconds: 0.5 });
    const proposal = solution!.proposal;
    const hard = async (): Promise<Set<string>> => new Set((await demo.api('gaps.list', { date: problem.fullWeekDate }))
      .filter((g) => HARD.includes(g.code)).map((g) => `${g.code} ${g.aesh}`));
    const hardBefore = await hard();
    // Keeping every slot, the proposal ends none: no row version is asked for.
    const done = await demo.api('timetable.apply', { operations: proposalOperations(record, proposal, (id) => { throw new Error(`créneau ${id} terminé`); }) });
    expect(done.slots).toHaveLength(proposal.slots.length);
    expect([...await hard()].filter((g) => !hardBefore.has(g))).toEqual([]);
    const coverage = (await demo.api('indicators.get', { date: problem.fullWeekDate })).poles.find((p) => p.poleId === problem.poleId)!;
    expect(coverage.pupils.none).toBe(proposal.after.pupilsWithout);
  });
});
