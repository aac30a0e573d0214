// The school calendar the period figures count in: the weeks of a date range that have class, the
// holidays excepted, and the terms a report is usually asked for. Hours are summed over school
// weeks only, so that a range crossing Toussaint or Noël does not count two weeks of "missing" hours.
import { addDaysIso, formatDate, type IsoDate } from '../domain/dates.ts';
import { schoolWeek } from '../gaps/week.ts';

/** The three zones of the French school holidays (winter and spring holidays differ by zone). */
export const HOLIDAY_ZONES = ['A', 'B', 'C'] as const;
export type HolidayZone = (typeof HOLIDAY_ZONES)[number];

/**
 * Days without class, both ends included (from the Saturday the holidays start to the Sunday before
 * class resumes). `verified` is false for a period copied from a calendar nobody has checked
 * against the ministry's arrêté yet: Paramètres says so until the user confirms or edits it.
 */
export interface Holiday { label: string; start: IsoDate; end: IsoDate; verified: boolean }

const common = (year: 2025 | 2026): Holiday[] =>
  year === 2025
    ? [
      { label: 'Toussaint', start: '2025-10-18', end: '2025-11-02', verified: true },
      { label: 'Noël', start: '2025-12-20', end: '2026-01-04', verified: true },
      // Ascension bridge: no class on Friday 15 May 2026 in every zone.
      { label: 'Pont de l’Ascension', start: '2026-05-14', end: '2026-05-17', verified: true },
    ]
    : [
      { label: 'Toussaint', start: '2026-10-17', end: '2026-11-01', verified: false },
      { label: 'Noël', start: '2026-12-19', end: '2027-01-03', verified: false },
      { label: 'Pont de l’Ascension', start: '2027-05-06', end: '2027-05-09', verified: false },
    ];

/** A period of 2026-27: written before its arrêté was checked here, so shown "à vérifier". */
const toVerify = (label: string, start: IsoDate, end: IsoDate): Holiday => ({ label, start, end, verified: false });

/**
 * The national calendar (arrêtés of the ministry), the default of Paramètres' holidays for the
 * zone chosen there: 2025-26 checked against the published arrêté; 2026-27 agrees with the
 * openholidaysapi.org data but was not checked against the arrêté, hence `verified: false`. The
 * summer is outside the school year of Paramètres and needs no entry.
 */
export const SCHOOL_HOLIDAYS: Record<HolidayZone, readonly Holiday[]> = {
  A: [
    ...common(2025),
    { label: 'Hiver', start: '2026-02-07', end: '2026-02-22', verified: true },
    { label: 'Printemps', start: '2026-04-04', end: '2026-04-19', verified: true },
    ...common(2026),
    toVerify('Hiver', '2027-02-13', '2027-02-28'),
    toVerify('Printemps', '2027-04-10', '2027-04-25'),
  ],
  B: [
    ...common(2025),
    { label: 'Hiver', start: '2026-02-14', end: '2026-03-01', verified: true },
    { label: 'Printemps', start: '2026-04-11', end: '2026-04-26', verified: true },
    ...common(2026),
    toVerify('Hiver', '2027-02-20', '2027-03-07'),
    toVerify('Printemps', '2027-04-17', '2027-05-02'),
  ],
  C: [
    ...common(2025),
    { label: 'Hiver', start: '2026-02-21', end: '2026-03-08', verified: true },
    { label: 'Printemps', start: '2026-04-18', end: '2026-05-03', verified: true },
    ...common(2026),
    toVerify('Hiver', '2027-02-06', '2027-02-21'),
    toVerify('Printemps', '2027-04-03', '2027-04-18'),
  ],
};

/** The national calendar of a zone in date order (the order of Paramètres' table). */
export function nationalHolidays(zone: HolidayZone): Holiday[] {
  return SCHOOL_HOLIDAYS[zone].toSorted((a, b) => a.start.localeCompare(b.start));
}

/** What is wrong with one period of a holiday table: its row (from 0) and why, in French. */
export interface HolidayProblem { index: number; message: string }

/**
 * The mistakes of a holiday table as typed in Paramètres, each naming its row: a period without a
 * name, one ending before it starts, two overlapping (a day counted twice would hide a mistake).
 */
export function holidayProblems(holidays: readonly Pick<Holiday, 'label' | 'start' | 'end'>[]): HolidayProblem[] {
  const name = (i: number): string => `Période ${i + 1}${holidays[i]!.label.trim() === '' ? '' : ` (${holidays[i]!.label.trim()})`}`;
  const problems: HolidayProblem[] = [];
  holidays.forEach((h, i) => {
    if (h.label.trim() === '') problems.push({ index: i, message: `${name(i)} : donnez-lui un nom (Toussaint, Hiver…).` });
    if (h.end < h.start) {
      problems.push({ index: i, message: `${name(i)} : le dernier jour sans classe (${formatDate(h.end)}) précède le premier (${formatDate(h.start)}).` });
    }
  });
  holidays.forEach((h, i) => {
    const other = holidays.findIndex((o, j) => j < i && o.start <= o.end && h.start <= h.end && o.start <= h.end && h.start <= o.end);
    if (other >= 0) problems.push({ index: i, message: `${name(i)} chevauche la période ${other + 1} (${holidays[other]!.label.trim()}) : une période par jour sans classe.` });
  });
  return problems.sort((a, b) => a.index - b.index);
}

/** Easter Sunday of `year` (Gregorian calendar: the anonymous algorithm of Meeus, Jones and Butcher). */
export function easterSunday(year: number): IsoDate {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export interface PublicHoliday { date: IsoDate; label: string }

/** The public holidays (jours fériés) of metropolitan France in `year`, in date order. */
export function publicHolidays(year: number): PublicHoliday[] {
  const easter = easterSunday(year);
  const fixed = (monthDay: string, label: string): PublicHoliday => ({ date: `${year}-${monthDay}`, label });
  return [
    fixed('01-01', 'Jour de l’an'),
    { date: addDaysIso(easter, 1), label: 'Lundi de Pâques' },
    fixed('05-01', 'Fête du travail'),
    fixed('05-08', 'Victoire 1945'),
    { date: addDaysIso(easter, 39), label: 'Ascension' },
    { date: addDaysIso(easter, 50), label: 'Lundi de Pentecôte' },
    fixed('07-14', 'Fête nationale'),
    fixed('08-15', 'Assomption'),
    fixed('11-01', 'Toussaint'),
    fixed('11-11', 'Armistice 1918'),
    fixed('12-25', 'Noël'),
  ].sort((a, b) => a.date.localeCompare(b.date));
}

/** The public holidays from `from` to `to`, both included. */
export function publicHolidaysBetween(from: IsoDate, to: IsoDate): PublicHoliday[] {
  const years = Array.from({ length: Number(to.slice(0, 4)) - Number(from.slice(0, 4)) + 1 }, (_, i) => Number(from.slice(0, 4)) + i);
  return years.flatMap(publicHolidays).filter((p) => from <= p.date && p.date <= to);
}

export interface SchoolCalendar {
  yearStart: IsoDate;
  yearEnd: IsoDate;
  holidays: readonly Holiday[];
}

/** True when `day` (Monday to Friday) has class: inside the school year, no holiday, not a jour férié. */
function hasClass(calendar: SchoolCalendar, day: IsoDate, feries: ReadonlySet<IsoDate>): boolean {
  return calendar.yearStart <= day && day <= calendar.yearEnd && !feries.has(day) && !calendar.holidays.some((h) => h.start <= day && day <= h.end);
}

/**
 * The Mondays of the school weeks the range touches: weeks with at least one day of class, Monday
 * to Friday, inside the range. A week counts whole (its notified hours are weekly), so a range
 * should start and end on week boundaries for exact sums; holidays start on a Saturday and end on
 * a Sunday, so they remove whole weeks. A jour férié is not a day of class, but the week of one
 * still counts whole: the hours are weekly and the gaps engine reads a week, not a day.
 */
export function schoolWeeks(calendar: SchoolCalendar, from: IsoDate, to: IsoDate): IsoDate[] {
  const weeks: IsoDate[] = [];
  const feries = new Set(publicHolidaysBetween(from, to).map((p) => p.date));
  for (let monday = schoolWeek(from)[1]; monday <= to; monday = addDaysIso(monday, 7)) {
    for (let d = 0; d < 5; d += 1) {
      const day = addDaysIso(monday, d);
      if (day >= from && day <= to && hasClass(calendar, day, feries)) {
        weeks.push(monday);
        break;
      }
    }
  }
  return weeks;
}

export interface Term { label: string; from: IsoDate; to: IsoDate }

/**
 * The three terms of the school year: to the Christmas holidays, to the spring holidays, to the
 * end of the year (each ends the day before the holidays that close it). Without those holidays
 * in the calendar, the year is one term.
 */
export function termsOf(calendar: SchoolCalendar): Term[] {
  const within = calendar.holidays.filter((h) => h.start > calendar.yearStart && h.start <= calendar.yearEnd);
  const christmas = within.find((h) => h.label === 'Noël');
  const spring = within.find((h) => h.label === 'Printemps');
  if (christmas === undefined || spring === undefined) return [{ label: 'Année scolaire', from: calendar.yearStart, to: calendar.yearEnd }];
  return [
    { label: '1er trimestre', from: calendar.yearStart, to: addDaysIso(christmas.start, -1) },
    { label: '2e trimestre', from: christmas.start, to: addDaysIso(spring.start, -1) },
    { label: '3e trimestre', from: spring.start, to: calendar.yearEnd },
  ];
}
