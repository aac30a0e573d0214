// Absence cover: for the days an AESH is away, replacement slots at the times of their slots, from
// the pôle's AESH with free time that week, each slot dated to its day (validFrom = validTo) so
// that the weeks before and after are untouched. The placer does the work: each absent slot is a
// unit whose "covered" time is everything but that slot's interval on its day, so a block can only
// land there; AESH away that day have the day taken.
import { addDaysIso, formatDate, type IsoDate } from '../domain/dates.ts';
import { WEEKDAY_LABELS, type Weekday } from '../domain/enums.ts';
import { absenceOn, analyse, poleOn } from '../gaps/analysis.ts';
import { indexesOf } from '../gaps/indexes.ts';
import type { EngineRecord, EngineSlot } from '../gaps/record.ts';
import { schoolWeek, union, uncoveredLength, type Interval } from '../gaps/week.ts';
import { poleWorkspace } from '../timetable/workspace.ts';
import { problemAeshOf, requiredSkillsOf, shortName, summaryOf, travelOf } from './problem.ts';
import { DEFAULT_OPTIONS, type AllocationProblem, type ProblemUnit } from './types.ts';

export interface AbsenceToCover { aeshId: number; startDate: IsoDate; endDate: IsoDate }

const DAY_END = 24 * 60;

/** Everything but `[start, end)` on `weekday`, and the whole of every other day. */
function onlyDuring(weekday: Weekday, start: number, end: number, alreadyCovered: readonly Interval[]): ProblemUnit['covered'] {
  const covered: ProblemUnit['covered'] = [];
  for (let day = 1 as Weekday; day <= 6; day = (day + 1) as Weekday) {
    if (day !== weekday) covered.push({ weekday: day, start: 0, end: DAY_END });
  }
  const intervals = union([[0, start], [end, DAY_END], ...alreadyCovered]);
  for (const [s, e] of intervals) if (e > s) covered.push({ weekday, start: s, end: e });
  return covered;
}

/** The absent days, grouped by pôle (of the absent AESH on that day) and school week. */
function absentDays(record: EngineRecord, absences: readonly AbsenceToCover[]): Map<string, { poleId: number; days: { aeshId: number; day: IsoDate }[] }> {
  const { movesOf } = indexesOf(record);
  const aeshById = new Map(record.aesh.map((a) => [a.id, a]));
  const groups = new Map<string, { poleId: number; days: { aeshId: number; day: IsoDate }[] }>();
  for (const absence of absences) {
    const aesh = aeshById.get(absence.aeshId);
    if (aesh === undefined) continue;
    for (let day = absence.startDate; day <= absence.endDate; day = addDaysIso(day, 1)) {
      const poleId = poleOn(aesh, movesOf.get(aesh.id), day);
      const monday = schoolWeek(day)[1];
      // A Sunday's school week is the one ahead: the day itself has no school.
      if (poleId === null || day < monday) continue;
      const key = `${poleId}/${monday}`;
      const group = groups.get(key) ?? { poleId, days: [] };
      group.days.push({ aeshId: aesh.id, day });
      groups.set(key, group);
    }
  }
  return groups;
}

/** One problem per pôle and school week touched by the absences, in date order. */
export function buildCoverProblems(record: EngineRecord, absences: readonly AbsenceToCover[]): AllocationProblem[] {
  const problems: AllocationProblem[] = [];
  const groups = [...absentDays(record, absences).values()].sort((a, b) => a.days[0]!.day.localeCompare(b.days[0]!.day) || a.poleId - b.poleId);
  for (const { poleId, days } of groups) {
    const workspace = poleWorkspace(record, poleId);
    const pole = workspace.poles.find((p) => p.id === poleId)!;
    const first = days.map((d) => d.day).sort()[0]!;
    const week = analyse(workspace, first);
    const weekdayOf = new Map(Object.entries(week.week).map(([weekday, date]) => [date, Number(weekday) as Weekday]));
    const absentAesh = new Set(days.map((d) => d.aeshId));

    const aesh = week.loads.filter((load) => load.poleId === poleId).flatMap(problemAeshOf).map((a) => {
      // A day the AESH is away (this absence or any other) is taken whole: nobody replaces from home.
      const away = Object.entries(week.week).filter(([, date]) => absenceOn(week.absencesOf, a.id, date) !== undefined);
      return away.length === 0 ? a : {
        ...a,
        week: [...a.week, ...away.map(([weekday]) => ({ slotId: null, schoolId: workspace.schools[0]!.id, weekday: Number(weekday) as Weekday, start: 0, end: DAY_END, nature: 'accompaniment' as const }))],
      };
    });

    const units: ProblemUnit[] = [];
    const slotsOf = new Map<number, EngineSlot[]>();
    for (const load of week.loads) if (absentAesh.has(load.aesh.id)) slotsOf.set(load.aesh.id, load.slots);
    for (const { aeshId, day } of days.toSorted((a, b) => a.day.localeCompare(b.day))) {
      const weekday = weekdayOf.get(day);
      if (weekday === undefined) continue;
      const absent = week.aeshById.get(aeshId)!;
      for (const slot of slotsOf.get(aeshId) ?? []) {
        if (slot.weekday !== weekday || slot.nature !== 'accompaniment' || slot.pupilIds.length === 0) continue;
        const coverages = slot.pupilIds.map((id) => week.coverageByPupil.get(id)!);
        // What another present AESH already gives the pupil at that time needs no replacement;
        // for a group, only the time covered for all of them.
        const present = coverages.length === 1 ? [...coverages[0]!.presentCover.get(weekday) ?? []] : [];
        const need = uncoveredLength([slot.startMinute, slot.endMinute], union(present));
        if (need <= 0) continue;
        const notification = coverages[0]!.notification;
        units.push({
          kind: coverages.length === 1 && notification?.kind !== 'shared' ? 'individual' : 'shared',
          schoolId: slot.schoolId, pupilIds: [...slot.pupilIds],
          label: `${coverages.map((c) => shortName(c.pupil)).join(', ')} (absence de ${shortName(absent)} le ${WEEKDAY_LABELS[weekday]} ${formatDate(day)})`,
          needMinutes: need, targetMinutes: need, withNothing: slot.pupilIds.length,
          requiredSkills: [...new Set(coverages.flatMap((c) => requiredSkillsOf(c.notification?.activities)))],
          currentAesh: [...new Set(coverages.flatMap((c) => c.slots.map((s) => s.aeshId)))].filter((id) => id !== aeshId),
          pinnedAesh: [], covered: onlyDuring(weekday, slot.startMinute, slot.endMinute, present), waitingDays: 0, day,
        });
      }
    }
    problems.push({
      poleId, poleCode: pole.code, poleName: pole.name, options: { ...DEFAULT_OPTIONS, date: first }, fullWeekDate: first,
      schools: workspace.schools.filter((s) => s.poleId === poleId).map((s) => ({ id: s.id, uai: s.uai, name: s.name, grid: s.grid })),
      aesh, units, ...travelOf(workspace), ended: [], removed: [], workspace,
      before: summaryOf(week, poleId),
      // Cover has no bound: the solver does not run on it.
      keptIndividualMinutes: 0,
    });
  }
  return problems;
}
