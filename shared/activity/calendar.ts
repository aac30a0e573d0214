// The school calendar the period figures count in: the weeks of a date range that have class, the
// holidays excepted, and the terms a report is usually asked for. Hours are summed over school
// weeks only, so that a range crossing Toussaint or Noël does not count two weeks of "missing" hours.
import { addDaysIso, type IsoDate } from '../domain/dates.ts';
import { schoolWeek } from '../gaps/week.ts';

/** The three zones of the French school holidays (winter and spring holidays differ by zone). */
export const HOLIDAY_ZONES = ['A', 'B', 'C'] as const;
export type HolidayZone = (typeof HOLIDAY_ZONES)[number];

/** Days without class, both ends included (from the Saturday the holidays start to the Sunday before class resumes). */
export interface Holiday { label: string; start: IsoDate; end: IsoDate }

const common = (year: 2025 | 2026): Holiday[] =>
  year === 2025
    ? [
      { label: 'Toussaint', start: '2025-10-18', end: '2025-11-02' },
      { label: 'Noël', start: '2025-12-20', end: '2026-01-04' },
      // Ascension bridge: no class on Friday 15 May 2026 in every zone.
      { label: 'Pont de l’Ascension', start: '2026-05-14', end: '2026-05-17' },
    ]
    : [
      { label: 'Toussaint', start: '2026-10-17', end: '2026-11-01' },
      { label: 'Noël', start: '2026-12-19', end: '2027-01-03' },
    ];

/**
 * The national calendar (arrêtés of the ministry) for the school years the app serves now; the
 * summer is outside the school year of Paramètres and needs no entry. A later year is added here.
 */
export const SCHOOL_HOLIDAYS: Record<HolidayZone, readonly Holiday[]> = {
  A: [
    ...common(2025),
    { label: 'Hiver', start: '2026-02-07', end: '2026-02-22' },
    { label: 'Printemps', start: '2026-04-04', end: '2026-04-19' },
    ...common(2026),
    { label: 'Hiver', start: '2027-02-13', end: '2027-02-28' },
    { label: 'Printemps', start: '2027-04-10', end: '2027-04-25' },
  ],
  B: [
    ...common(2025),
    { label: 'Hiver', start: '2026-02-14', end: '2026-03-01' },
    { label: 'Printemps', start: '2026-04-11', end: '2026-04-26' },
    ...common(2026),
    { label: 'Hiver', start: '2027-02-20', end: '2027-03-07' },
    { label: 'Printemps', start: '2027-04-17', end: '2027-05-02' },
  ],
  C: [
    ...common(2025),
    { label: 'Hiver', start: '2026-02-21', end: '2026-03-08' },
    { label: 'Printemps', start: '2026-04-18', end: '2026-05-03' },
    ...common(2026),
    { label: 'Hiver', start: '2027-02-06', end: '2027-02-21' },
    { label: 'Printemps', start: '2027-04-03', end: '2027-04-18' },
  ],
};

export interface SchoolCalendar {
  yearStart: IsoDate;
  yearEnd: IsoDate;
  holidays: readonly Holiday[];
}

/** True when `day` (Monday to Friday) has class: inside the school year and no holiday. */
function hasClass(calendar: SchoolCalendar, day: IsoDate): boolean {
  return calendar.yearStart <= day && day <= calendar.yearEnd && !calendar.holidays.some((h) => h.start <= day && day <= h.end);
}

/**
 * The Mondays of the school weeks the range touches: weeks with at least one day of class, Monday
 * to Friday, inside the range. A week counts whole (its notified hours are weekly), so a range
 * should start and end on week boundaries for exact sums; holidays start on a Saturday and end on
 * a Sunday, so they remove whole weeks.
 */
export function schoolWeeks(calendar: SchoolCalendar, from: IsoDate, to: IsoDate): IsoDate[] {
  const weeks: IsoDate[] = [];
  for (let monday = schoolWeek(from)[1]; monday <= to; monday = addDaysIso(monday, 7)) {
    for (let d = 0; d < 5; d += 1) {
      const day = addDaysIso(monday, d);
      if (day >= from && day <= to && hasClass(calendar, day)) {
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
