import type { SchoolKind, WeekPattern, Weekday } from './enums.ts';

/** The hours a school teaches, per weekday, as minute-of-day ranges. A weekday absent from it is closed. */
export interface TimeRange {
  start: number;
  end: number;
}
export type WeekGrid = Partial<Record<Weekday, TimeRange[]>>;

const h = (hours: number, minutes = 0): number => hours * 60 + minutes;

// Primary schools teach 24 h a week, at most 6 h a day and 3 h 30 a half-day.
const FOUR_DAY_DAY: TimeRange[] = [{ start: h(8, 30), end: h(11, 30) }, { start: h(13, 30), end: h(16, 30) }];
const FOUR_AND_HALF_DAY: TimeRange[] = [{ start: h(8, 30), end: h(11, 30) }, { start: h(13, 30), end: h(15, 45) }];
const WEDNESDAY_MORNING: TimeRange[] = [{ start: h(8, 30), end: h(11, 30) }];
// Collèges and lycées set their own timetables: this is only the starting point the user edits.
const SECONDARY_DAY: TimeRange[] = [{ start: h(8), end: h(12) }, { start: h(13, 30), end: h(17, 30) }];
const SECONDARY_WEDNESDAY: TimeRange[] = [{ start: h(8), end: h(12) }];

export function defaultGrid(pattern: WeekPattern, kind: SchoolKind): WeekGrid {
  if (pattern === '4j') return { 1: FOUR_DAY_DAY, 2: FOUR_DAY_DAY, 4: FOUR_DAY_DAY, 5: FOUR_DAY_DAY };
  if (pattern === '4.5j') {
    return { 1: FOUR_AND_HALF_DAY, 2: FOUR_AND_HALF_DAY, 3: WEDNESDAY_MORNING, 4: FOUR_AND_HALF_DAY, 5: FOUR_AND_HALF_DAY };
  }
  if (kind === 'maternelle' || kind === 'elementaire' || kind === 'primaire') return defaultGrid('4j', kind);
  return { 1: SECONDARY_DAY, 2: SECONDARY_DAY, 3: SECONDARY_WEDNESDAY, 4: SECONDARY_DAY, 5: SECONDARY_DAY };
}

export function weeklyTeachingMinutes(grid: WeekGrid): number {
  return Object.values(grid).reduce((sum, ranges) => sum + ranges.reduce((s, r) => s + r.end - r.start, 0), 0);
}

/** True when [start, end) lies wholly inside one of the day's ranges. */
export function withinGrid(grid: WeekGrid, weekday: Weekday, start: number, end: number): boolean {
  for (const range of grid[weekday] ?? []) if (range.start <= start && end <= range.end) return true;
  return false;
}
