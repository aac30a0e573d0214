import { addDays } from 'date-fns/addDays';
import { format } from 'date-fns/format';
import { getISODay } from 'date-fns/getISODay';
import { parseISO } from 'date-fns/parseISO';
import type { IsoDate } from '../domain/dates.ts';
import { WEEKDAYS, type Weekday } from '../domain/enums.ts';

/**
 * The school week the engine looks at for a date: Monday to Saturday of the week holding it (a
 * Sunday looks at the week ahead). Each weekday of a timetable is read on its real date in that
 * week, so an absence from Friday to Monday costs Friday's and Monday's slots, not the whole week.
 */
export function schoolWeek(date: IsoDate): Record<Weekday, IsoDate> {
  const day = parseISO(date);
  const isoDay = getISODay(day);
  const monday = isoDay === 7 ? addDays(day, 1) : addDays(day, 1 - isoDay);
  return Object.fromEntries(WEEKDAYS.map((w) => [w, format(addDays(monday, w - 1), 'yyyy-MM-dd')])) as Record<Weekday, IsoDate>;
}

export function validOn(slot: { validFrom: IsoDate | null; validTo: IsoDate | null }, date: IsoDate): boolean {
  return (slot.validFrom === null || slot.validFrom <= date) && (slot.validTo === null || date <= slot.validTo);
}

const utcDay = (iso: IsoDate): number => Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10)));

export function daysBetween(from: IsoDate, to: IsoDate): number {
  return Math.round((utcDay(to) - utcDay(from)) / 86_400_000);
}

export type Interval = readonly [number, number];

/** Merges overlapping or touching intervals; the result is sorted and disjoint. */
export function union(intervals: readonly Interval[]): Interval[] {
  if (intervals.length === 1) return [intervals[0]!];
  let ordered = true;
  for (let i = 1; i < intervals.length && ordered; i += 1) ordered = intervals[i - 1]![0] <= intervals[i]![0];
  const sorted = ordered ? intervals : intervals.toSorted((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const [start, end] of sorted) {
    const last = merged[merged.length - 1];
    if (last !== undefined && start <= last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  return merged;
}

export function totalLength(intervals: readonly Interval[]): number {
  return intervals.reduce((sum, [start, end]) => sum + end - start, 0);
}

/** The part of `interval` that no interval of `cover` (sorted, disjoint) overlaps, in minutes. */
export function uncoveredLength(interval: Interval, cover: readonly Interval[]): number {
  let covered = 0;
  for (const [start, end] of cover) covered += Math.max(0, Math.min(end, interval[1]) - Math.max(start, interval[0]));
  return interval[1] - interval[0] - covered;
}
