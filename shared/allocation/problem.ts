// From the record to one pôle's allocation problem. Everything the gaps engine already decides is
// read from it, never recomputed: the pôle's workspace (shared/timetable/workspace.ts), the AESH's
// pôle on the date and their working time (analyse, workedMinutes), the notification in force,
// journeys (indexesOf(record).journeyBetween), and the pupils' statuses for the figures.
import { addDaysIso, type IsoDate } from '../domain/dates.ts';
import { fold } from '../domain/collate.ts';
import { analyse, poleOn, workedMinutes, type AeshLoad, type Analysis, type PupilCoverage } from '../gaps/analysis.ts';
import { pupilStatuses } from '../gaps/indicators.ts';
import { indexesOf } from '../gaps/indexes.ts';
import type { EnginePupil, EngineRecord, EngineSlot } from '../gaps/record.ts';
import { daysBetween, schoolWeek, union } from '../gaps/week.ts';
import { poleWorkspace } from '../timetable/workspace.ts';
import { MIN_BLOCK, QUARTER, type AllocationOptions, type AllocationProblem, type PoleSummary, type ProblemAesh, type ProblemUnit } from './types.ts';

/** A pupil as the record's loader may give it: the class, when known, groups shared aid. */
export type AllocationPupil = EnginePupil & { className?: string | null };

/**
 * Skills that cannot be improvised: a notification whose activities name one of them is served
 * only by an AESH who holds it. Other skills (TSA, TDAH…) only rank AESH, as today's suggestions do.
 */
export const REQUIRED_SKILLS = ['LSF', 'LfPC', 'braille'] as const;
const REQUIRED_FOLDED = REQUIRED_SKILLS.map((s) => fold(s));

/** The skill as people write it, from its folded form. */
export function requiredSkillLabel(folded: string): string {
  return REQUIRED_SKILLS[REQUIRED_FOLDED.indexOf(folded)] ?? folded;
}

export function requiredSkillsOf(activities: string | null | undefined): string[] {
  const words = new Set(fold(activities ?? '').split(/[^a-z0-9]+/));
  return REQUIRED_FOLDED.filter((skill) => words.has(skill));
}

export const shortName = (person: { firstName: string; lastName: string }): string => `${person.firstName} ${person.lastName.slice(0, 1)}.`;

/** The first date on which a slot starting on `date` runs on every weekday: `date` itself on a Monday, else the next Monday. */
export function fullWeekDate(date: IsoDate): IsoDate {
  const monday = schoolWeek(date)[1];
  return monday >= date ? monday : addDaysIso(monday, 7);
}

/** The pôle's figures on a date, as the dashboards count them (pupilStatuses, workedMinutes). */
export function summaryOf(analysis: Analysis, poleId: number): PoleSummary {
  const summary: PoleSummary = {
    pupilsNotified: 0, pupilsWithout: 0, pupilsPartial: 0, pupilsFull: 0,
    individualNotifiedMinutes: 0, individualCoveredMinutes: 0, missingMinutes: 0, aesh: [], travelMinutes: 0, journeys: 0,
  };
  for (const { coverage, category, status } of pupilStatuses(analysis)) {
    if (coverage.school.poleId !== poleId || coverage.notification === null) continue;
    summary.pupilsNotified += 1;
    if (status === 'none') summary.pupilsWithout += 1;
    else if (status === 'partial') summary.pupilsPartial += 1;
    else summary.pupilsFull += 1;
    if (category !== 'individual') continue;
    const notified = coverage.notification.weeklyMinutes ?? 0;
    summary.individualNotifiedMinutes += notified;
    summary.individualCoveredMinutes += Math.min(notified, coverage.plannedMinutes);
    summary.missingMinutes += Math.max(0, notified - coverage.plannedMinutes);
  }
  for (const load of analysis.loads) {
    if (load.poleId !== poleId || load.contract === null) continue;
    summary.aesh.push({
      aeshId: load.aesh.id, matricule: load.aesh.matricule, name: `${load.aesh.firstName} ${load.aesh.lastName}`,
      workedMinutes: workedMinutes(load), contractMinutes: load.contract.weeklyMinutes, journeys: load.legs.length,
    });
    summary.travelMinutes += load.travelMinutes;
    summary.journeys += load.legs.length;
  }
  return summary;
}

/**
 * Which slots stay. Keeping (the default), every slot stays. Re-planning, the accompaniment
 * slots of the pôle's AESH in the pôle's schools go, except pinned slots and those joining a
 * pinned pair; ULIS and lunch-break slots, and slots elsewhere, always stay.
 */
function replaced(record: EngineRecord, poleId: number, options: AllocationOptions, aeshOfPole: ReadonlySet<number>): EngineSlot[] {
  if (!options.replan) return [];
  const poleSchools = new Set(record.schools.filter((s) => s.poleId === poleId).map((s) => s.id));
  const pinnedSlots = new Set(options.pinnedSlots);
  const pinnedPairs = new Set(options.pinnedPairs.map((p) => `${p.aeshId}/${p.pupilId}`));
  return record.slots.filter((slot) =>
    slot.nature === 'accompaniment' && aeshOfPole.has(slot.aeshId) && poleSchools.has(slot.schoolId)
    && (slot.validTo === null || slot.validTo >= options.date)
    && !pinnedSlots.has(slot.id) && !slot.pupilIds.some((pupilId) => pinnedPairs.has(`${slot.aeshId}/${pupilId}`)));
}

function coveredIntervals(coverages: readonly PupilCoverage[]): ProblemUnit['covered'] {
  const byDay = new Map<number, [number, number][]>();
  for (const c of coverages) for (const s of c.slots) byDay.set(s.weekday, [...byDay.get(s.weekday) ?? [], [s.startMinute, s.endMinute]]);
  return [...byDay].flatMap(([weekday, intervals]) =>
    union(intervals).map(([start, end]) => ({ weekday: weekday as ProblemUnit['covered'][number]['weekday'], start, end })));
}

/** An AESH under contract as the placer sees them: their week as it stands, their contract and skills. */
export function problemAeshOf(load: AeshLoad): ProblemAesh[] {
  if (load.contract === null) return [];
  return [{
    id: load.aesh.id, matricule: load.aesh.matricule, shortName: shortName(load.aesh),
    contractMinutes: load.contract.weeklyMinutes, workedMinutes: workedMinutes(load),
    skills: (load.aesh.skills ?? []).map((s) => fold(s.trim())),
    week: load.slots.map((s) => ({ slotId: s.id, schoolId: s.schoolId, weekday: s.weekday, start: s.startMinute, end: s.endMinute, nature: s.nature })),
  }];
}

/** Journey minutes between every two schools of a pôle's workspace, as the gaps engine counts them. */
export function travelOf(workspace: EngineRecord): Pick<AllocationProblem, 'travelSchools' | 'travelMinutes'> {
  const travelSchools = workspace.schools.map((s) => s.id);
  const { journeyBetween } = indexesOf(workspace);
  return { travelSchools, travelMinutes: travelSchools.flatMap((from) => travelSchools.map((to) => journeyBetween(from, to).minutes)) };
}

export function buildProblem(record: EngineRecord, poleId: number, options: AllocationOptions): AllocationProblem {
  const workspace = poleWorkspace(record, poleId);
  const { date } = options;
  const weekDate = fullWeekDate(date);
  const pole = workspace.poles.find((p) => p.id === poleId);
  if (pole === undefined) throw new Error(`Pôle introuvable (n° ${poleId}).`);

  const { movesOf } = indexesOf(workspace);
  const aeshOfPole = new Set(workspace.aesh.filter((a) => poleOn(a, movesOf.get(a.id), date) === poleId).map((a) => a.id));
  const leaving = replaced(workspace, poleId, options, aeshOfPole);
  const leavingIds = new Set(leaving.map((s) => s.id));
  // The week once every kept slot runs: a slot that starts later still takes its AESH's time, and
  // one that ended before the date no longer does.
  const kept: EngineRecord = {
    ...workspace,
    slots: workspace.slots
      .filter((s) => !leavingIds.has(s.id) && (s.validTo === null || s.validTo >= date))
      .map((s) => (s.validFrom === null && s.validTo === null ? s : { ...s, validFrom: null, validTo: null })),
  };
  const week = analyse(kept, date);
  const excludedAesh = new Set(options.excludedAesh);
  const excludedPupils = new Set(options.excludedPupils);

  const aesh = week.loads.filter((load) => load.poleId === poleId && !excludedAesh.has(load.aesh.id)).flatMap(problemAeshOf);

  const schools = workspace.schools.filter((s) => s.poleId === poleId);
  const schoolIds = new Set(schools.map((s) => s.id));
  const pinned = new Map<number, number[]>();
  for (const p of options.pinnedPairs) pinned.set(p.pupilId, [...pinned.get(p.pupilId) ?? [], p.aeshId]);
  const units: ProblemUnit[] = [];
  const sharedGroups = new Map<string, PupilCoverage[]>();
  let keptIndividualMinutes = 0;
  for (const c of week.pupils) {
    const n = c.notification;
    if (n === null || !schoolIds.has(c.pupil.schoolId)) continue;
    if (n.kind === 'individual') keptIndividualMinutes += Math.min(n.weeklyMinutes ?? 0, c.plannedMinutes);
    if (excludedPupils.has(c.pupil.id)) continue;
    if (n.kind === 'shared') {
      // Shared aid already given stays as it is; the pupils waiting for it are grouped by class.
      if (c.plannedMinutes > 0) continue;
      const key = `${c.pupil.schoolId}/${(c.pupil as AllocationPupil).className ?? c.pupil.level ?? ''}`;
      sharedGroups.set(key, [...sharedGroups.get(key) ?? [], c]);
      continue;
    }
    const need = Math.max(0, (n.weeklyMinutes ?? 0) - c.plannedMinutes);
    if (need === 0) continue;
    units.push({
      kind: 'individual', schoolId: c.pupil.schoolId, pupilIds: [c.pupil.id], label: shortName(c.pupil),
      needMinutes: need, targetMinutes: n.weeklyMinutes ?? 0, withNothing: c.plannedMinutes === 0 ? 1 : 0,
      requiredSkills: requiredSkillsOf(n.activities), currentAesh: [...new Set(c.slots.map((s) => s.aeshId))],
      pinnedAesh: pinned.get(c.pupil.id) ?? [], covered: coveredIntervals([c]), waitingDays: daysBetween(n.startDate, date),
    });
  }
  const perPupil = record.settings.sharedHoursPerPupil * 60;
  for (const group of sharedGroups.values()) {
    const first = group[0]!;
    const pupil = first.pupil as AllocationPupil;
    const count = group.length;
    // Placed in slots on quarter-hours of an hour or more: an estimate off the quarter, or under an
    // hour (a small setting), would leave a remainder that no slot could take.
    const estimate = Math.round((perPupil * count) / QUARTER) * QUARTER;
    const need = estimate === 0 ? 0 : Math.max(MIN_BLOCK, estimate);
    units.push({
      kind: 'shared', schoolId: pupil.schoolId, pupilIds: group.map((c) => c.pupil.id),
      label: `${pupil.className ?? pupil.level ?? 'classe'} de ${first.school.name} (${count} élève${count > 1 ? 's' : ''}, aide mutualisée)`,
      needMinutes: need, targetMinutes: need, withNothing: count,
      requiredSkills: [...new Set(group.flatMap((c) => requiredSkillsOf(c.notification!.activities)))],
      currentAesh: [], pinnedAesh: [...new Set(group.flatMap((c) => pinned.get(c.pupil.id) ?? []))], covered: [],
      waitingDays: Math.max(...group.map((c) => daysBetween(c.notification!.startDate, date))),
    });
  }

  return {
    poleId, poleCode: pole.code, poleName: pole.name, options, fullWeekDate: weekDate,
    schools: schools.map((s) => ({ id: s.id, uai: s.uai, name: s.name, grid: s.grid })),
    aesh, units, ...travelOf(kept),
    ended: leaving.filter((s) => s.validFrom === null || s.validFrom < date).map((s) => s.id),
    removed: leaving.filter((s) => s.validFrom !== null && s.validFrom >= date).map((s) => s.id),
    workspace,
    before: summaryOf(analyse(workspace, weekDate), poleId),
    keptIndividualMinutes,
  };
}

/** One problem per pôle, in the record's order of pôles. */
export function buildProblems(record: EngineRecord, poleIds: readonly number[], options: AllocationOptions): AllocationProblem[] {
  return poleIds.map((poleId) => buildProblem(record, poleId, options));
}
