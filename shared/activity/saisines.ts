// A PAS's saisines over a period: what came in (by origin, nature, school, degree and month), how
// long the protocol took (received → first contact, → action plan, plan → bilan), the plans put to
// the pilots, and where the saisines stand at the end of the period. Pure: the services read the
// register, the tests give hand-made saisines.
import { daysBetween } from '../gaps/week.ts';
import type { IsoDate } from '../domain/dates.ts';
import {
  REORIENTATIONS, SAISINE_ORIGINS, SAISINE_STATUSES, saisineStatus,
  type Closure, type Reorientation, type SaisineOrigin, type SaisineStatus, type StepFacts,
} from '../domain/saisines.ts';

/** What the figures read of a saisine. */
export interface SaisineFacts {
  poleId: number;
  receivedOn: IsoDate;
  origin: SaisineOrigin;
  natureLabel: string;
  uai: string;
  schoolName: string;
  firstDegree: boolean;
  steps: readonly StepFacts[];
  closure: Closure | null;
  reorientedTo: Reorientation | null;
  closedOn: IsoDate | null;
}

/** A delay over the saisines that reached both ends: null figures when none did. */
export interface Delay { count: number; medianDays: number | null; worstDays: number | null }

export interface Counted { label: string; count: number }

export interface SaisineFigures {
  received: number;
  byOrigin: Record<SaisineOrigin, number>;
  /** Most frequent first, then by label. */
  byNature: Counted[];
  /** Schools by UAI, most frequent first; `label` is the school's name. */
  bySchool: (Counted & { uai: string })[];
  byDegree: { first: number; second: number };
  /** Every month of the period (YYYY-MM), empty ones included, so that the chart keeps its time axis. */
  byMonth: { month: string; count: number }[];
  delays: { firstContact: Delay; plan: Delay; bilan: Delay };
  /** Plans submitted to the pilots during the period (a plan sent back and submitted again counts twice), and those validated. */
  plansSubmitted: number;
  plansValidated: number;
  /** Where the saisines received in the period stand on its last day. */
  outcomes: Record<SaisineStatus, number>;
  reoriented: Record<Reorientation, number>;
}

/** The middle value (the mean of the two middle ones for an even count), in days. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = values.toSorted((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function delayOf(days: readonly number[]): Delay {
  return { count: days.length, medianDays: median(days), worstDays: days.length === 0 ? null : Math.max(...days) };
}

/** The first date of `step` on or before `to`, if any. */
function firstOf(steps: readonly StepFacts[], step: StepFacts['step'], to: IsoDate): IsoDate | null {
  let first: IsoDate | null = null;
  for (const s of steps) if (s.step === step && s.date <= to && (first === null || s.date < first)) first = s.date;
  return first;
}

/** The months from `from` to `to`, as YYYY-MM. */
function monthsOf(from: IsoDate, to: IsoDate): string[] {
  const months: string[] = [];
  let year = Number(from.slice(0, 4));
  let month = Number(from.slice(5, 7));
  const last = to.slice(0, 7);
  for (;;) {
    const key = `${year}-${String(month).padStart(2, '0')}`;
    if (key > last) return months;
    months.push(key);
    month += 1;
    if (month === 13) [year, month] = [year + 1, 1];
  }
}

const MONTHS = ['janv.', 'févr.', 'mars', 'avr.', 'mai', 'juin', 'juil.', 'août', 'sept.', 'oct.', 'nov.', 'déc.'];
/** 2026-10 → "oct. 2026": the months of the charts and the PDF. */
export function monthLabel(month: string): string {
  return `${MONTHS[Number(month.slice(5, 7)) - 1]} ${month.slice(0, 4)}`;
}

const zeros = <K extends string>(keys: readonly K[]): Record<K, number> => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

function ranked<T extends Counted>(counts: Map<string, T>): T[] {
  return [...counts.values()].sort((a, b) => b.count - a.count || a.label.localeCompare(b.label, 'fr'));
}

/**
 * The figures of `saisines` (one PAS's, or several) over [from, to]. Received, origin, nature,
 * school, degree, month, delays and outcomes concern the saisines received in the period; the plans
 * count the submissions dated in it, whenever their saisine came. Only what was recorded by `to`
 * counts, so a report rerun later for the same period gives the same delays.
 */
export function saisineFigures(saisines: readonly SaisineFacts[], from: IsoDate, to: IsoDate): SaisineFigures {
  const byOrigin = zeros(SAISINE_ORIGINS);
  const natures = new Map<string, Counted>();
  const schools = new Map<string, Counted & { uai: string }>();
  const byDegree = { first: 0, second: 0 };
  const months = new Map(monthsOf(from, to).map((m) => [m, 0]));
  const firstContact: number[] = [];
  const plan: number[] = [];
  const bilan: number[] = [];
  const outcomes = zeros(SAISINE_STATUSES);
  const reoriented = zeros(REORIENTATIONS);
  let received = 0;
  let plansSubmitted = 0;
  let plansValidated = 0;
  for (const s of saisines) {
    for (const step of s.steps) {
      if (step.step !== 5 || step.date < from || step.date > to) continue;
      plansSubmitted += 1;
      if (step.decision === 'valide') plansValidated += 1;
    }
    if (s.receivedOn < from || s.receivedOn > to) continue;
    received += 1;
    byOrigin[s.origin] += 1;
    const nature = natures.get(s.natureLabel) ?? { label: s.natureLabel, count: 0 };
    nature.count += 1;
    natures.set(s.natureLabel, nature);
    const school = schools.get(s.uai) ?? { uai: s.uai, label: s.schoolName, count: 0 };
    school.count += 1;
    schools.set(s.uai, school);
    byDegree[s.firstDegree ? 'first' : 'second'] += 1;
    const month = s.receivedOn.slice(0, 7);
    months.set(month, (months.get(month) ?? 0) + 1);

    const contact = firstOf(s.steps, 2, to);
    const submitted = firstOf(s.steps, 5, to);
    const sent = firstOf(s.steps, 7, to);
    if (contact !== null) firstContact.push(daysBetween(s.receivedOn, contact));
    if (submitted !== null) plan.push(daysBetween(s.receivedOn, submitted));
    if (submitted !== null && sent !== null) bilan.push(daysBetween(submitted, sent));

    const closedBy = s.closure !== null && s.closedOn !== null && s.closedOn <= to ? s.closure : null;
    const status = saisineStatus(s.steps.filter((step) => step.date <= to), closedBy);
    outcomes[status] += 1;
    if (status === 'reorientee' && s.reorientedTo !== null) reoriented[s.reorientedTo] += 1;
  }
  return {
    received,
    byOrigin,
    byNature: ranked(natures),
    bySchool: ranked(schools),
    byDegree,
    byMonth: [...months].map(([month, count]) => ({ month, count })),
    delays: { firstContact: delayOf(firstContact), plan: delayOf(plan), bilan: delayOf(bilan) },
    plansSubmitted,
    plansValidated,
    outcomes,
    reoriented,
  };
}
