// Deep imports: the date-fns root entry loads every function (about 1.5 s under Node).
import { format } from 'date-fns/format';
import { isValid } from 'date-fns/isValid';
import { parse } from 'date-fns/parse';
import { parseISO } from 'date-fns/parseISO';
import { fr } from 'date-fns/locale/fr';

/** Calendar dates travel as ISO strings (YYYY-MM-DD): sortable, comparable, free of time zones. */
export type IsoDate = string;

/** Reads dd/mm/yyyy or yyyy-mm-dd; null when it is not a real calendar date. */
export function parseDate(raw: string): IsoDate | null {
  const text = raw.trim();
  const date = /^\d{4}-\d{2}-\d{2}$/.test(text)
    ? parseISO(text)
    : /^\d{1,2}\/\d{1,2}\/\d{4}$/.test(text)
      ? parse(text, 'd/M/yyyy', new Date(2000, 0, 1))
      : null;
  return date && isValid(date) ? format(date, 'yyyy-MM-dd') : null;
}

export function formatDate(iso: IsoDate | null | undefined): string {
  if (!iso) return '';
  return format(parseISO(iso), 'dd/MM/yyyy', { locale: fr });
}

export function todayIso(now: Date = new Date()): IsoDate {
  return format(now, 'yyyy-MM-dd');
}

/** True when the closed ranges [aStart, aEnd] and [bStart, bEnd] share a day; a null end is open. */
export function rangesOverlap(aStart: IsoDate, aEnd: IsoDate | null, bStart: IsoDate, bEnd: IsoDate | null): boolean {
  return (bEnd === null || aStart <= bEnd) && (aEnd === null || bStart <= aEnd);
}
