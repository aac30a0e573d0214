// The figures the dashboards and surveys count, for a date, per pôle and for the département.
// Definitions (also in the README):
// - "élèves notifiés" (the headline, the degrees) counts the pupils with a notification in force
//   on the date (individual or shared), and nothing else; ULIS pupils without one (collective aid,
//   AESH-co) are a figure of their own (byCategory.ulis), never added to it;
// - individual: accompanied in full when the week's timetable covers the notified hours, partly
//   when it covers some, not at all when none; shared: accompanied when at least one slot serves
//   them; ULIS without notification: accompanied when their school's ULIS has a collective slot;
// - hours (individual notifications): notified, scheduled in the week's timetable, delivered
//   after the week's absences (replacements count);
// - AESH: those attached to the pôle with a contract in force; ETP from the quotité; scheduled
//   time includes lunch breaks and journeys, so spare = contract − scheduled can be negative.
import { etp } from '../domain/contract.ts';
import type { IsoDate } from '../domain/dates.ts';
import { isFirstDegree } from '../domain/enums.ts';
import { analyse, derivationOf, workedMinutes, type AeshLoad, type Analysis, type Derivation, type PupilCoverage } from './analysis.ts';
import type { EngineRecord } from './record.ts';
import { daysBetween } from './week.ts';

export const SUPPORT_STATUSES = ['full', 'partial', 'none'] as const;
export type SupportStatus = (typeof SUPPORT_STATUSES)[number];
export const SUPPORT_CATEGORIES = ['individual', 'shared', 'ulis'] as const;
export type SupportCategory = (typeof SUPPORT_CATEGORIES)[number];
/** The kind of aid as the field names it: individuelle (AESH-i), mutualisée (AESH-m), ULIS (AESH-co). */
export const SUPPORT_CATEGORY_LABELS: Record<SupportCategory, string> = { individual: 'individuelle', shared: 'mutualisée', ulis: 'ULIS' };

export interface StatusCounts {
  notified: number;
  full: number;
  partial: number;
  none: number;
}

export interface WaitingPupil {
  pupilId: number;
  identifier: string;
  name: string;
  category: SupportCategory;
  since: IsoDate;
  days: number;
}

export interface PoleIndicators {
  poleId: number | null;
  poleCode: string | null;
  poleName: string;
  pupils: StatusCounts;
  byCategory: Record<SupportCategory, StatusCounts>;
  byDegree: Record<'first' | 'second', StatusCounts>;
  hours: { notifiedMinutes: number; scheduledMinutes: number; deliveredMinutes: number; sharedScheduledMinutes: number; lunchMinutes: number };
  aesh: {
    headcount: number; etp: number; cdd: number; cdi: number; referents: number;
    contractMinutes: number; scheduledMinutes: number; spareMinutes: number;
  };
  /** Notified hours per individually notified pupil, in minutes; null when there is none. */
  averageIndividualMinutes: number | null;
  /** Pupils without any support, longest wait first. */
  waiting: WaitingPupil[];
}

export interface Indicators {
  date: IsoDate;
  /** How the ETP are counted, with the settings' weeks and annual hours: "quotité : heures × 41 semaines / 1 607 h". */
  etpBasis: string;
  total: PoleIndicators;
  poles: PoleIndicators[];
}

export interface PupilStatus {
  coverage: PupilCoverage;
  category: SupportCategory;
  status: SupportStatus;
}

/** A pupil of the headline "élèves notifiés": a notification in force, whatever their ULIS. */
export function isNotified(status: PupilStatus): boolean {
  return status.coverage.notification !== null;
}

/** Where each counted pupil stands on the date; pupils with no notification and no ULIS are left out. */
export function pupilStatuses(analysis: Analysis): PupilStatus[] {
  const statuses: PupilStatus[] = [];
  for (const coverage of analysis.pupils) {
    const n = coverage.notification;
    if (n === null) {
      if (coverage.pupil.ulis) statuses.push({ coverage, category: 'ulis', status: analysis.ulisSchools.has(coverage.pupil.schoolId) ? 'full' : 'none' });
      continue;
    }
    const planned = coverage.plannedMinutes;
    const status: SupportStatus = planned === 0 ? 'none' : n.kind === 'individual' && planned < (n.weeklyMinutes ?? 0) ? 'partial' : 'full';
    statuses.push({ coverage, category: n.kind, status });
  }
  return statuses;
}

const emptyCounts = (): StatusCounts => ({ notified: 0, full: 0, partial: 0, none: 0 });
const count = (counts: StatusCounts, status: SupportStatus): void => {
  counts.notified += 1;
  counts[status] += 1;
};

function summarise(analysis: Analysis, statuses: PupilStatus[], loads: AeshLoad[], pole: { id: number | null; code: string | null; name: string }): PoleIndicators {
  const result: PoleIndicators = {
    poleId: pole.id, poleCode: pole.code, poleName: pole.name,
    pupils: emptyCounts(),
    byCategory: { individual: emptyCounts(), shared: emptyCounts(), ulis: emptyCounts() },
    byDegree: { first: emptyCounts(), second: emptyCounts() },
    hours: { notifiedMinutes: 0, scheduledMinutes: 0, deliveredMinutes: 0, sharedScheduledMinutes: 0, lunchMinutes: 0 },
    aesh: { headcount: 0, etp: 0, cdd: 0, cdi: 0, referents: 0, contractMinutes: 0, scheduledMinutes: 0, spareMinutes: 0 },
    averageIndividualMinutes: null,
    waiting: [],
  };
  for (const counted of statuses) {
    const { coverage, category, status } = counted;
    count(result.byCategory[category], status);
    result.hours.lunchMinutes += coverage.lunchMinutes;
    if (!isNotified(counted)) continue;
    count(result.pupils, status);
    count(result.byDegree[isFirstDegree(coverage.school.kind) ? 'first' : 'second'], status);
    if (category === 'individual') {
      result.hours.notifiedMinutes += coverage.notification!.weeklyMinutes ?? 0;
      result.hours.scheduledMinutes += coverage.plannedMinutes;
      result.hours.deliveredMinutes += coverage.deliveredMinutes;
    } else if (category === 'shared') {
      result.hours.sharedScheduledMinutes += coverage.plannedMinutes;
    }
    if (status === 'none' && coverage.notification !== null) {
      const since = coverage.notification.startDate;
      result.waiting.push({
        pupilId: coverage.pupil.id, identifier: coverage.pupil.identifier,
        name: `${coverage.pupil.firstName} ${coverage.pupil.lastName}`, category, since, days: daysBetween(since, analysis.date),
      });
    }
  }
  result.waiting.sort((a, b) => b.days - a.days || a.identifier.localeCompare(b.identifier));
  const individual = result.byCategory.individual.notified;
  result.averageIndividualMinutes = individual === 0 ? null : Math.round(result.hours.notifiedMinutes / individual);

  for (const load of loads) {
    if (load.contract === null) continue;
    const scheduled = workedMinutes(load);
    result.aesh.headcount += 1;
    result.aesh.etp += etp(load.contract.weeklyMinutes, analysis.record.settings);
    result.aesh[load.contract.kind === 'CDD' ? 'cdd' : 'cdi'] += 1;
    result.aesh.referents += load.aesh.referent ? 1 : 0;
    result.aesh.contractMinutes += load.contract.weeklyMinutes;
    result.aesh.scheduledMinutes += scheduled;
  }
  result.aesh.etp = Math.round(result.aesh.etp * 100) / 100;
  result.aesh.spareMinutes = result.aesh.contractMinutes - result.aesh.scheduledMinutes;
  return result;
}

function groupByPole<T>(items: readonly T[], poleOf: (item: T) => number | null): Map<number | null, T[]> {
  const groups = new Map<number | null, T[]>();
  for (const item of items) {
    const group = groups.get(poleOf(item));
    if (group === undefined) groups.set(poleOf(item), [item]);
    else group.push(item);
  }
  return groups;
}

const indicatorsMemo = new WeakMap<Analysis, Indicators>();

/**
 * The pôles whose figures an analysis derived from `previous` may have changed: those of the
 * pupils and AESH it computed again (before and after), and of the schools whose ULIS changed.
 */
function polesTouched(analysis: Analysis, previous: Analysis, derivation: Derivation): Set<number | null> {
  const poles = new Set<number | null>();
  for (const id of derivation.pupils) {
    for (const coverage of [previous.coverageByPupil.get(id), analysis.coverageByPupil.get(id)]) if (coverage !== undefined) poles.add(coverage.school.poleId);
  }
  const touchedLoads = (a: Analysis): void => {
    for (const load of a.loads) if (derivation.aesh.has(load.aesh.id)) poles.add(load.poleId);
  };
  touchedLoads(previous);
  touchedLoads(analysis);
  for (const id of derivation.ulisSchools) poles.add(analysis.schoolById.get(id)?.poleId ?? null);
  return poles;
}

/**
 * The figures of every pôle and of the département. For an analysis derived from another whose
 * figures are known (after a write), the pôles it did not touch keep theirs.
 */
export function indicatorsOf(analysis: Analysis): Indicators {
  const known = indicatorsMemo.get(analysis);
  if (known !== undefined) return known;
  const derivation = derivationOf(analysis);
  const previous = derivation?.previous.deref();
  const before = previous === undefined ? undefined : indicatorsMemo.get(previous);
  const touched = before === undefined ? null : polesTouched(analysis, previous!, derivation!);
  const statuses = pupilStatuses(analysis);
  const statusesOf = groupByPole(statuses, (s) => s.coverage.school.poleId);
  const loadsOf = groupByPole(analysis.loads, (l) => l.poleId);
  const poles = analysis.record.poles.map((pole, i) =>
    (touched !== null && !touched.has(pole.id) && before!.poles[i]?.poleId === pole.id
      ? before!.poles[i]
      : summarise(analysis, statusesOf.get(pole.id) ?? [], loadsOf.get(pole.id) ?? [], { id: pole.id, code: pole.code, name: pole.name })));
  const { serviceWeeks, annualReferenceHours } = analysis.record.settings;
  const etpBasis = `quotité : heures × ${serviceWeeks} semaines / ${annualReferenceHours.toLocaleString('fr-FR')} h`;
  const indicators = { date: analysis.date, etpBasis, total: summarise(analysis, statuses, analysis.loads, { id: null, code: null, name: 'Département' }), poles };
  indicatorsMemo.set(analysis, indicators);
  return indicators;
}

export function computeIndicators(record: EngineRecord, date: IsoDate): Indicators {
  return indicatorsOf(analyse(record, date));
}
