// The allocation assistant's calls. A proposal is computed as a job (electron/services/jobs.ts):
// the problems are built from the services' cached record, solved on the solver threads
// (electron/allocation/allocate.ts), and kept with the record they were built from until accepted
// or dropped. Accepting writes the chosen slots (and, when re-planning, the ends of the replaced
// slots of the AESH and pupils accepted) as one change of the journal through the timetable
// editor's write path, after checking with the gaps engine that the record, as it is now, takes
// them without a new hard-rule gap. What was not chosen stays a proposal, to accept later.
import { setImmediate as nextTurn } from 'node:timers/promises';
import { slotOperation, type ApiHandlers, type ChangeDone } from '../../shared/api/contract.ts';
import type {
  AllocationProposalView, AllocationSlotView, CoverageFigures,
} from '../../shared/api/allocation.ts';
import { ApiError } from '../../shared/api/errors.ts';
import { candidatesFor } from '../../shared/allocation/candidates.ts';
import { buildCoverProblems } from '../../shared/allocation/cover.ts';
import { buildProblem } from '../../shared/allocation/problem.ts';
import { applyProposal, greedyProposal, proposalOperations, type ProposalChanges } from '../../shared/allocation/proposal.ts';
import type { AllocationProblem, PoleProposal, PoleSummary, ProposedSlot } from '../../shared/allocation/types.ts';
import { addDaysIso, type IsoDate } from '../../shared/domain/dates.ts';
import { WEEKDAY_LABELS } from '../../shared/domain/enums.ts';
import { formatHours } from '../../shared/domain/hours.ts';
import { computeGaps } from '../../shared/gaps/gaps.ts';
import type { EngineRecord } from '../../shared/gaps/record.ts';
import { GAP_LABELS, type Gap, type GapCode } from '../../shared/gaps/types.ts';
import { allocate } from '../allocation/allocate.ts';
import { POLE_STEPS, type PoleStep } from '../allocation/solve.ts';
import type { RecordCache } from './analysis.ts';
import type { ServiceContext } from './context.ts';
import type { JobControl, JobRegistry } from './jobs.ts';
import { applySlotOperations } from './timetable.ts';

type AllocationHandlers = Pick<ApiHandlers, 'allocation.start' | 'allocation.cover' | 'allocation.result' | 'allocation.accept' | 'allocation.candidates'>;

/** The rules a proposal never breaks: accepting one adds none of these gaps. */
export const HARD_GAPS: readonly GapCode[] = ['OVERLAP', 'OVER_CONTRACT', 'OUTSIDE_SCHOOL_HOURS', 'TRAVEL_TIME', 'OUT_OF_POLE'];

/** A finished proposal, as kept by its job until accepted in whole; accepting a part leaves the rest in it. */
export interface AllocationJob {
  view: AllocationProposalView;
  /** What each slot of the view writes, by its key. */
  slots: Map<string, ProposedSlot & { poleId: number }>;
  /** AESH and pupils of each slot the proposal ends or removes: it goes with the new slots of either. */
  replaced: Map<number, { aeshId: number; pupilIds: readonly number[] }>;
  /** The weeks on which the hard rules are checked again at acceptance. */
  checkDates: IsoDate[];
}

const figures = (s: PoleSummary): CoverageFigures => ({
  pupilsWithout: s.pupilsWithout, pupilsPartial: s.pupilsPartial, pupilsFull: s.pupilsFull,
  individualMinutesCovered: s.individualCoveredMinutes, missingMinutes: s.missingMinutes,
});

/** What each step of a pôle's solving has just done, for the progress line. */
const STEP_LABELS: Record<PoleStep, string> = {
  greedy: 'première proposition',
  bound: 'borne calculée',
  mip: 'optimisation terminée',
  placed: 'résolu',
};

const fullName = (person: { firstName: string; lastName: string }): string => `${person.firstName} ${person.lastName}`;

/** The proposals of one job as the renderer reviews them, with what accepting them writes. */
export function allocationJob(record: EngineRecord, proposals: readonly { proposal: PoleProposal; checkDate: IsoDate }[], date: IsoDate): AllocationJob {
  const pupilById = new Map(record.pupils.map((p) => [p.id, p]));
  const aeshById = new Map(record.aesh.map((a) => [a.id, a]));
  const schoolById = new Map(record.schools.map((s) => [s.id, s]));
  const slotById = new Map(record.slots.map((s) => [s.id, s]));
  const poleById = new Map(record.poles.map((p) => [p.id, p]));
  const view: AllocationProposalView = { date, poles: [], slots: [], ended: [], removed: [], unplaced: [] };
  const slots = new Map<string, ProposedSlot & { poleId: number }>();
  const replaced = new Map<number, { aeshId: number; pupilIds: readonly number[] }>();
  proposals.forEach(({ proposal: p }, index) => {
    const worked = new Map(p.after.aesh.map((a) => [a.aeshId, a]));
    const pole = poleById.get(p.poleId)!;
    view.poles.push({
      poleId: p.poleId, poleCode: p.poleCode, poleName: pole.name, before: figures(p.before), after: figures(p.after),
      boundMinutes: p.boundMinutes, lackingMinutes: p.lackingMinutes, seconds: p.seconds,
      aesh: p.before.aesh.map((a) => ({
        aeshId: a.aeshId, name: a.name, matricule: a.matricule, contractMinutes: a.contractMinutes, workedBefore: a.workedMinutes,
        workedAfter: worked.get(a.aeshId)?.workedMinutes ?? a.workedMinutes, journeysAfter: worked.get(a.aeshId)?.journeys ?? a.journeys,
      })),
    });
    p.slots.forEach((s, i) => {
      const key = `${index}-${i}`;
      const school = schoolById.get(s.schoolId)!;
      slots.set(key, { ...s, poleId: p.poleId });
      view.slots.push({
        key, poleId: p.poleId, aeshId: s.aeshId, aeshName: fullName(aeshById.get(s.aeshId)!), matricule: s.matricule,
        schoolId: s.schoolId, uai: s.uai, schoolName: school.name, weekday: s.weekday, start: s.startMinute, end: s.endMinute,
        pupilIds: s.pupilIds, pupilNames: s.pupilIds.map((id) => fullName(pupilById.get(id)!)), pupilIdentifiers: s.pupils, nature: 'accompaniment',
        validFrom: s.validFrom, validTo: s.validTo, reason: s.reason,
      });
    });
    for (const id of p.ended) view.ended.push({ slotId: id, validTo: addDaysIso(p.date, -1) });
    view.removed.push(...p.removed);
    for (const id of [...p.ended, ...p.removed]) replaced.set(id, slotById.get(id)!);
    view.unplaced.push(...p.unplaced.map((u) => ({ pupilId: u.pupilId, pupilName: u.name, identifier: u.pupil, poleId: p.poleId, missingMinutes: u.missingMinutes, reason: u.reason })));
  });
  return { view, slots, replaced, checkDates: [...new Set(proposals.map((p) => p.checkDate))] };
}

const describeSlot = (s: AllocationSlotView): string =>
  `${s.aeshName}, ${WEEKDAY_LABELS[s.weekday]} ${formatHours(s.start)}–${formatHours(s.end)} à ${s.schoolName}`;

const gapKey = (g: Gap): string => `${g.code}|${g.aeshId}|${g.slotIds.toSorted((a, b) => a - b).join(',')}`;

/**
 * The first hard-rule gap that the chosen slots would add to the record as it is now, on the
 * proposal's weeks, with the slot it comes from; null when they fit. The whole record is read once
 * for all the pôles accepted (reading each pôle's workspace apart costs more at a département's
 * scale, where accepting every pôle is the common case).
 */
function firstNewHardGap(record: EngineRecord, changes: ProposalChanges, chosen: readonly AllocationSlotView[], checkDates: readonly IsoDate[]): string | null {
  const after = applyProposal(record, changes);
  const hard = (gaps: Gap[]): Gap[] => gaps.filter((g) => HARD_GAPS.includes(g.code));
  for (const date of checkDates) {
    const before = new Set(hard(computeGaps(record, date)).map(gapKey));
    const added = hard(computeGaps(after, date)).find((g) => !before.has(gapKey(g)));
    if (added === undefined) continue;
    // New slots carry ids -1, -2… in their order (applyProposal): the gap names the slot it comes from.
    const newId = added.slotIds.find((id) => id < 0);
    const slot = newId === undefined ? chosen.find((s) => s.aeshId === added.aeshId) : chosen[-1 - newId];
    return `Proposition refusée : le dossier a changé depuis le calcul. ${slot === undefined ? '' : `Le créneau proposé (${describeSlot(slot)}) créerait`}`
      + ` « ${GAP_LABELS[added.code]} » : ${added.message} Relancez la proposition.`;
  }
  return null;
}

/**
 * Whether a slot that the re-plan ends or removes goes with the slots chosen: those of an AESH
 * accepted (their week is re-planned), and those of a pupil accepted, who would otherwise keep
 * the old AESH on top of the new one (more hours than notified, a third AESH).
 */
function goesWith(chosen: readonly AllocationSlotView[]): (slot: { aeshId: number; pupilIds: readonly number[] }) => boolean {
  const aesh = new Set(chosen.map((s) => s.aeshId));
  const pupils = new Set(chosen.flatMap((s) => s.pupilIds));
  return (slot) => aesh.has(slot.aeshId) || slot.pupilIds.some((id) => pupils.has(id));
}

/** Takes out of the job what a partial acceptance wrote: the rest can be accepted later. */
function leaveOut(job: AllocationJob, changes: ProposalChanges, keys: ReadonlySet<string>): void {
  const written = new Set([...changes.ended, ...changes.removed]);
  for (const key of keys) job.slots.delete(key);
  job.view = {
    ...job.view,
    slots: job.view.slots.filter((s) => !keys.has(s.key)),
    ended: job.view.ended.filter((e) => !written.has(e.slotId)),
    removed: job.view.removed.filter((id) => !written.has(id)),
  };
}

/** Writes the slots chosen (all without keys) with the ends of the replaced slots that go with them, as one change; what was written leaves the job. */
async function acceptPart(ctx: ServiceContext, records: RecordCache, job: AllocationJob, slotKeys: readonly string[] | undefined): Promise<ChangeDone> {
  const unknown = slotKeys?.find((key) => !job.slots.has(key));
  if (unknown !== undefined) throw new ApiError('refused', `Créneau proposé inconnu : ${unknown}.`);
  const keys = new Set(slotKeys ?? job.slots.keys());
  const chosen = job.view.slots.filter((s) => keys.has(s.key));
  const withChosen = goesWith(chosen);
  const goes = (id: number): boolean => slotKeys === undefined || withChosen(job.replaced.get(id)!);
  const changes: ProposalChanges = {
    date: job.view.date,
    slots: chosen.map((s) => job.slots.get(s.key)!),
    ended: job.view.ended.map((e) => e.slotId).filter(goes),
    removed: job.view.removed.filter(goes),
  };
  if (changes.slots.length + changes.ended.length + changes.removed.length === 0) throw new ApiError('refused', 'Aucun créneau choisi : rien à enregistrer.');
  const record = await records.get();
  const present = new Set(record.slots.map((s) => s.id));
  const gone = [...changes.ended, ...changes.removed].find((id) => !present.has(id));
  if (gone !== undefined) throw new ApiError('conflict', `Proposition refusée : le créneau n° ${gone} qu’elle remplace a été supprimé depuis le calcul. Relancez la proposition.`);
  const refusal = firstNewHardGap(record, changes, chosen, job.checkDates);
  if (refusal !== null) throw new ApiError('conflict', refusal);
  const versions = new Map((await ctx.db.selectFrom('slots').select(['id', 'version']).execute()).map((r) => [r.id, r.version]));
  const operations = proposalOperations(record, changes, (id) => versions.get(id)!).map((op) => slotOperation.parse(op));
  const done = await applySlotOperations(ctx, operations);
  leaveOut(job, changes, keys);
  return done;
}

export function allocationHandlers(ctx: ServiceContext, records: RecordCache, jobs: JobRegistry): AllocationHandlers {
  /** Proposals being written: a second acceptance meanwhile is refused rather than write the same slots twice. */
  const accepting = new Set<string>();
  return {
    'allocation.start': async (input) => {
      const record = await records.get();
      const poles = input.poleIds.map((id) => {
        const pole = record.poles.find((p) => p.id === id);
        if (pole === undefined) throw new ApiError('not_found', `Pôle introuvable (n° ${id}).`);
        return pole;
      });
      const options = {
        date: input.date, replan: input.replan, excludedAesh: input.excludedAeshIds, excludedPupils: input.excludedPupilIds,
        pinnedPairs: input.pinnedPairs, pinnedSlots: input.pinnedSlotIds,
      };
      const jobId = jobs.start('allocation', 'Préparation…', async (control: JobControl) => {
        const count = poles.length;
        const total = count * POLE_STEPS.length;
        const problems: AllocationProblem[] = [];
        for (const [i, pole] of poles.entries()) {
          control.progress(0, total, `Préparation du pôle ${pole.code} (${i + 1} / ${count})`);
          problems.push(buildProblem(record, pole.id, options));
          // Building is synchronous: a turn of the event loop between pôles keeps the calls (and a cancel) answered.
          await nextTurn();
          control.signal.throwIfAborted();
        }
        // The best proposal so far: each pôle's latest (the greedy's, then the one kept), the pôles not reached yet as they are.
        const latest = problems.map((p) => p.before);
        let found = false;
        const { solutions } = await allocate(problems, input.timeLimitSeconds === undefined ? {} : { timeLimitSeconds: input.timeLimitSeconds }, {
          signal: control.signal,
          onProgress: ({ done, polesDone, index, step, proposal }) => {
            if (proposal !== null) {
              latest[index] = proposal.after;
              found = true;
            }
            const best = found ? {
              pupilsWithout: latest.reduce((sum, s) => sum + s.pupilsWithout, 0),
              missingMinutes: latest.reduce((sum, s) => sum + s.missingMinutes, 0),
            } : undefined;
            control.progress(done, total, `Pôle ${problems[index]!.poleCode} : ${STEP_LABELS[step]} (${polesDone} / ${count} ${count > 1 ? 'pôles résolus' : 'pôle résolu'})`, best);
          },
        });
        return allocationJob(record, solutions.map((s, i) => ({ proposal: s.proposal, checkDate: problems[i]!.fullWeekDate })), input.date);
      });
      return { jobId };
    },

    'allocation.cover': async ({ absenceIds }) => {
      const rows = await ctx.db.selectFrom('absences').select(['id', 'aeshId', 'startDate', 'endDate']).where('id', 'in', absenceIds).execute();
      const missing = absenceIds.find((id) => !rows.some((r) => r.id === id));
      if (missing !== undefined) throw new ApiError('not_found', `Absence introuvable (n° ${missing}).`);
      const record = await records.get();
      const jobId = jobs.start('allocation', 'Préparation…', async (control: JobControl) => {
        const problems = buildCoverProblems(record, rows);
        const proposals = [];
        for (const [i, problem] of problems.entries()) {
          proposals.push({ proposal: greedyProposal(problem), checkDate: problem.fullWeekDate });
          control.progress(i + 1, problems.length, `Pôle ${problem.poleCode}, semaine du ${problem.fullWeekDate} : ${i + 1} / ${problems.length} résolu${i > 0 ? 's' : ''}`);
          await nextTurn();
          control.signal.throwIfAborted();
        }
        const first = rows.map((r) => r.startDate).sort()[0]!;
        return allocationJob(record, proposals, first);
      });
      return { jobId };
    },

    'allocation.result': ({ jobId }) => Promise.resolve(jobs.result(jobId, 'allocation').view),

    'allocation.accept': async ({ jobId, slotKeys }) => {
      const job = jobs.result(jobId, 'allocation');
      if (accepting.has(jobId)) throw new ApiError('refused', 'Cette proposition est déjà en cours d’enregistrement.');
      accepting.add(jobId);
      try {
        const done = await acceptPart(ctx, records, job, slotKeys);
        if (slotKeys === undefined) jobs.take(jobId, 'allocation');
        return done;
      } finally {
        accepting.delete(jobId);
      }
    },

    'allocation.candidates': async ({ pupilId, date }) => {
      const record = await records.get();
      if (!record.pupils.some((p) => p.id === pupilId)) throw new ApiError('not_found', `Élève introuvable (n° ${pupilId}).`);
      return candidatesFor(record, pupilId, date);
    },
  };
}

