// Deep imports: the date-fns root entry loads every function (about 1.5 s under Node).
import { format } from 'date-fns/format';
import { isValid } from 'date-fns/isValid';
import { parse } from 'date-fns/parse';

/** Calendar dates travel as ISO strings (YYYY-MM-DD): sortable, comparable, free of time zones. */
export type IsoDate = string;

/** Reads dd/mm/yyyy or yyyy-mm-dd; null when it is not a real calendar date. */
export function parseDate(raw: string): IsoDate | null {
  const text = raw.trim();
  // An ISO date is checked without date-fns (20 µs a call): an import reads tens of thousands.
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (iso) {
    const day = new Date(Date.UTC(Number(iso[1]), Number(iso[2]) - 1, Number(iso[3])));
    return day.getUTCMonth() === Number(iso[2]) - 1 && day.getUTCDate() === Number(iso[3]) ? text : null;
  }
  const date = /^\d{1,2}\/\d{1,2}\/\d{4}$/.test(text) ? parse(text, 'd/M/yyyy', new Date(2000, 0, 1)) : null;
  return date && isValid(date) ? format(date, 'yyyy-MM-dd') : null;
}

/** 2026-11-23 → 23/11/2026. By slicing: the engine writes thousands of these per analysis. */
export function formatDate(iso: IsoDate | null | undefined): string {
  if (!iso) return '';
  return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
}

/** The day of `now` in local time. No default: the day always comes from a clock that tests can pin. */
export function todayIso(now: Date): IsoDate {
  return format(now, 'yyyy-MM-dd');
}

/** True when the closed ranges [aStart, aEnd] and [bStart, bEnd] share a day; a null end is open. */
export function rangesOverlap(aStart: IsoDate, aEnd: IsoDate | null, bStart: IsoDate, bEnd: IsoDate | null): boolean {
  return (bEnd === null || aStart <= bEnd) && (aEnd === null || bStart <= aEnd);
}

/** The ISO date `days` after `iso`, by calendar arithmetic in UTC (no time zone, no DST). */
export function addDaysIso(iso: IsoDate, days: number): IsoDate {
  const date = new Date(Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10)) + days));
  return date.toISOString().slice(0, 10);
}
