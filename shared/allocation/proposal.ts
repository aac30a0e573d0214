// From placed blocks to what the user reviews and what the record receives: the proposal with its
// figures before and after (read by the gaps engine on the record with the proposal applied), the
// record with a proposal applied, and the operations of one `timetable.apply` change.
import type { SlotOperation } from '../api/contract.ts';
import { addDaysIso } from '../domain/dates.ts';
import { analyse } from '../gaps/analysis.ts';
import type { EngineRecord, EngineSlot } from '../gaps/record.ts';
import { withSlots } from '../timetable/workspace.ts';
import type { Construction } from './placer.ts';
import { summaryOf } from './problem.ts';
import type { AllocationMethod, AllocationProblem, PoleProposal, ProposedSlot, UnplacedPupil } from './types.ts';
import { construct } from './placer.ts';

/** What a proposal changes in the record: slots to create, to end the day before its date, to remove. */
export type ProposalChanges = Pick<PoleProposal, 'date' | 'slots' | 'ended' | 'removed'>;

/** The new slots as record slots, with negative ids (they have none yet). */
function newSlots(changes: ProposalChanges): EngineSlot[] {
  return changes.slots.map((s, i) => ({
    id: -1 - i, aeshId: s.aeshId, schoolId: s.schoolId, weekday: s.weekday, startMinute: s.startMinute, endMinute: s.endMinute,
    nature: 'accompaniment', pupilIds: s.pupilIds, validFrom: s.validFrom, validTo: s.validTo,
  }));
}

/** The record as it would be once the proposal is accepted. */
export function applyProposal(record: EngineRecord, changes: ProposalChanges): EngineRecord {
  const dayBefore = addDaysIso(changes.date, -1);
  const ended = new Set(changes.ended);
  const endedSlots = record.slots.filter((s) => ended.has(s.id)).map((s) => ({ ...s, validTo: dayBefore }));
  return withSlots(record, [...endedSlots, ...newSlots(changes)], new Set(changes.removed));
}

/**
 * The operations that write the proposal as one change of the journal (undone in one step).
 * Updates carry the version of the row they change, which the engine's record does not hold:
 * the service reads it with the slots it ends.
 */
export function proposalOperations(record: EngineRecord, changes: ProposalChanges, versionOf: (slotId: number) => number): SlotOperation[] {
  const dayBefore = addDaysIso(changes.date, -1);
  const ended = new Set(changes.ended);
  return [
    ...record.slots.filter((s) => ended.has(s.id)).map((s): SlotOperation => ({
      kind: 'update',
      slot: {
        id: s.id, version: versionOf(s.id), aeshId: s.aeshId, schoolId: s.schoolId, weekday: s.weekday, startMinute: s.startMinute, endMinute: s.endMinute,
        nature: s.nature, pupilIds: s.pupilIds, validFrom: s.validFrom, validTo: dayBefore,
      },
    })),
    ...changes.removed.map((id): SlotOperation => ({ kind: 'delete', id })),
    ...newSlots(changes).map(({ id: _id, ...slot }): SlotOperation => ({ kind: 'create', slot })),
  ];
}

export function proposalOf(problem: AllocationProblem, construction: Construction, method: AllocationMethod, boundMinutes: number | null, seconds: number): PoleProposal {
  const { workspace } = problem;
  const pupilById = new Map(workspace.pupils.map((p) => [p.id, p]));
  const schoolById = new Map(problem.schools.map((s) => [s.id, s]));
  const aeshById = new Map(problem.aesh.map((a) => [a.id, a]));
  const slots: ProposedSlot[] = construction.placements
    .toSorted((a, b) => a.aeshId - b.aeshId || a.weekday - b.weekday || a.start - b.start)
    .map((p) => {
      const { pupilIds, day } = problem.units[p.unit]!;
      return {
        aeshId: p.aeshId, matricule: aeshById.get(p.aeshId)!.matricule, schoolId: p.schoolId, uai: schoolById.get(p.schoolId)!.uai,
        weekday: p.weekday, startMinute: p.start, endMinute: p.end, validFrom: day ?? problem.options.date, validTo: day ?? null,
        pupilIds, pupils: pupilIds.map((id) => pupilById.get(id)!.identifier),
        reason: p.reason,
      };
    });
  const unplaced: UnplacedPupil[] = [];
  problem.units.forEach((unit, i) => {
    const missing = construction.remaining[i]!;
    // A shared-aid group with some time placed is served: one slot serves the whole class.
    if (missing === 0 || (unit.kind === 'shared' && missing < unit.needMinutes)) return;
    for (const pupilId of unit.pupilIds) {
      const pupil = pupilById.get(pupilId)!;
      unplaced.push({
        pupilId, pupil: pupil.identifier, name: `${pupil.firstName} ${pupil.lastName}`,
        missingMinutes: Math.round(missing / unit.pupilIds.length), reason: construction.reasons.get(i)!,
      });
    }
  });
  const changes: ProposalChanges = { date: problem.options.date, slots, ended: problem.ended, removed: problem.removed };
  return {
    poleId: problem.poleId, poleCode: problem.poleCode, date: problem.options.date, method,
    slots, ended: problem.ended, removed: problem.removed, unplaced,
    lackingMinutes: construction.remaining.reduce((sum, m) => sum + m, 0),
    before: problem.before,
    after: summaryOf(analyse(applyProposal(workspace, changes), problem.fullWeekDate), problem.poleId),
    boundMinutes, seconds,
  };
}

/**
 * Lexicographic order of the objectives: fewer pupils without AESH, then more individual hours
 * covered, then fewer journeys. Negative when `a` is the better proposal.
 */
export function compareProposals(a: PoleProposal, b: PoleProposal): number {
  return a.after.pupilsWithout - b.after.pupilsWithout
    || b.after.individualCoveredMinutes - a.after.individualCoveredMinutes
    || a.after.travelMinutes - b.after.travelMinutes;
}

/** The greedy construction's proposal: what the renderer can show at once, before any solver runs. */
export function greedyProposal(problem: AllocationProblem): PoleProposal {
  const started = performance.now();
  const construction = construct(problem);
  return proposalOf(problem, construction, 'greedy', null, (performance.now() - started) / 1000);
}
