// Cell values as a spreadsheet holds them (text, numbers, booleans, Excel dates) read into the
// record's values, each with a French reason when it cannot be. Formats: ../shared/docs/workbook.md.
import { format } from 'date-fns/format';
import { parseDate, type IsoDate } from '../domain/dates.ts';
import {
  CONTRACT_KINDS, NOTIFICATION_KINDS, POLE_KIND_LABELS, POLE_KINDS, SCHOOL_KIND_LABELS, SCHOOL_KINDS, SECTOR_LABELS, SECTORS,
  SLOT_NATURE_LABELS, SLOT_NATURES, WEEK_PATTERN_LABELS, WEEK_PATTERNS, WEEKDAY_LABELS, WEEKDAYS,
  type ContractKind, type NotificationKind, type PoleKind, type SchoolKind, type Sector, type SlotNature, type WeekPattern, type Weekday,
} from '../domain/enums.ts';
import { parseClock } from '../domain/hours.ts';
import { checkUai } from '../domain/uai.ts';
import { normaliseHeader } from './sheets.ts';

export type Cell = string | number | boolean | Date | null;
export type Read<T> = { ok: true; value: T } | { ok: false; reason: string };

const ok = <T>(value: T): Read<T> => ({ ok: true, value });
const refuse = (reason: string): Read<never> => ({ ok: false, reason });

export function isBlank(cell: Cell): boolean {
  return cell === null || (typeof cell === 'string' && cell.trim() === '');
}

/** The cell as text; an apostrophe our exports put before a formula-like text is taken off again. */
export function shown(cell: Cell): string {
  if (cell instanceof Date) return cell.toISOString().slice(0, 10);
  const text = String(cell).trim();
  return /^'[=+\-@\t\r]/.test(text) ? text.slice(1) : text;
}

/** The cell as text; its length is the field's rule, checked with the forms' schema. */
export function readText(cell: Cell): Read<string | null> {
  return ok(isBlank(cell) ? null : shown(cell));
}

/**
 * A number or a text as typed, for the fields the forms read themselves from either (hours,
 * coordinates): the form's schema reads it, so a cell means what the same words typed mean.
 */
export function readAsTyped(cell: Cell): Read<string | number | null> {
  return ok(isBlank(cell) ? null : typeof cell === 'number' ? cell : shown(cell));
}

/**
 * An Excel date cell arrives as a Date at midnight, UTC or local depending on the reader; a text
 * date as jj/mm/aaaa or aaaa-mm-jj; a bare number as an Excel serial day.
 */
export function readDate(cell: Cell): Read<IsoDate | null> {
  if (isBlank(cell)) return ok(null);
  if (cell instanceof Date) {
    if (Number.isNaN(cell.getTime())) return refuse('date invalide');
    const utcMidnight = cell.getUTCHours() === 0 && cell.getUTCMinutes() === 0;
    return ok(utcMidnight ? cell.toISOString().slice(0, 10) : format(cell, 'yyyy-MM-dd'));
  }
  if (typeof cell === 'number' && Number.isInteger(cell) && cell > 20_000 && cell < 80_000) {
    return ok(new Date(Date.UTC(1899, 11, 30) + cell * 86_400_000).toISOString().slice(0, 10));
  }
  const iso = parseDate(String(cell));
  return iso === null ? refuse(`date « ${shown(cell)} » illisible (jj/mm/aaaa attendu)`) : ok(iso);
}

/** A time of day: 08:30, 8h30, an Excel time cell (a fraction of a day, or a Date in 1899). */
export function readClock(cell: Cell): Read<number | null> {
  if (isBlank(cell)) return ok(null);
  if (cell instanceof Date) return ok(cell.getUTCHours() * 60 + cell.getUTCMinutes() + Math.round(cell.getUTCSeconds() / 60));
  if (typeof cell === 'number' && cell >= 0 && cell < 1) return ok(Math.round(cell * 24 * 60));
  const minutes = parseClock(String(cell));
  return minutes === null ? refuse(`heure « ${shown(cell)} » illisible (HH:MM attendu)`) : ok(minutes);
}

const YES = new Set(['oui', 'o', 'x', '1', 'vrai', 'true', 'yes', 'y']);
const NO = new Set(['non', 'n', '0', 'faux', 'false', 'no', '']);

export function readYesNo(cell: Cell): Read<boolean> {
  if (cell === null) return ok(false);
  if (typeof cell === 'boolean') return ok(cell);
  const text = normaliseHeader(String(cell));
  if (YES.has(text)) return ok(true);
  if (NO.has(text)) return ok(false);
  return refuse(`« ${shown(cell)} » : oui ou non attendu`);
}

/** A closed list read from its French words (accents and case ignored) or from its code. */
function readChoice<T extends string | number>(values: readonly T[], labels: Record<T, string>, extra: Record<string, T> = {}) {
  const known = new Map<string, T>();
  for (const value of values) {
    known.set(normaliseHeader(String(value)), value);
    known.set(normaliseHeader(labels[value]), value);
  }
  for (const [word, value] of Object.entries(extra)) known.set(normaliseHeader(word), value);
  const expected = values.map((v) => labels[v]).join(', ');
  return (cell: Cell): Read<T | null> => {
    if (isBlank(cell)) return ok(null);
    const value = known.get(normaliseHeader(shown(cell)));
    return value === undefined ? refuse(`« ${shown(cell)} » inconnu (${expected})`) : ok(value);
  };
}

export const readPoleKind = readChoice<PoleKind>(POLE_KINDS, POLE_KIND_LABELS, { 'PIAL inter degre': 'PIAL_INTER', 'PIAL interdegré': 'PIAL_INTER', 'PIAL 1er degré': 'PIAL_1D', 'PIAL 2nd degré': 'PIAL_2D' });
export const readSchoolKind = readChoice<SchoolKind>(SCHOOL_KINDS, SCHOOL_KIND_LABELS, { école: 'primaire', maternelle: 'maternelle', élémentaire: 'elementaire', primaire: 'primaire', LP: 'lycee_pro', LGT: 'lycee' });
export const readSector = readChoice<Sector>(SECTORS, SECTOR_LABELS, { pu: 'public', pr: 'prive', 'privé sous contrat': 'prive' });
export const readWeek = readChoice<WeekPattern>(WEEK_PATTERNS, WEEK_PATTERN_LABELS, { '4.5 jours': '4.5j', '4 jours et demi': '4.5j', '4': '4j', '4,5': '4.5j' });
export const readNotificationKind = readChoice<NotificationKind>(
  NOTIFICATION_KINDS,
  { individual: 'individuelle', shared: 'mutualisée' },
  { 'aide individuelle': 'individual', 'AESH-i': 'individual', i: 'individual', 'aide mutualisée': 'shared', 'AESH-m': 'shared', m: 'shared' },
);
export const readContractKind = readChoice<ContractKind>(CONTRACT_KINDS, { CDD: 'CDD', CDI: 'CDI' });
export const readWeekday = readChoice<Weekday>(WEEKDAYS, WEEKDAY_LABELS, { lun: 1, mar: 2, mer: 3, jeu: 4, ven: 5, sam: 6 });
export const readNature = readChoice<SlotNature>(SLOT_NATURES, SLOT_NATURE_LABELS, { accompagnement: 'accompaniment', méridienne: 'lunch', 'pause meridienne': 'lunch' });

export function readUai(cell: Cell): Read<string | null> {
  if (isBlank(cell)) return ok(null);
  const check = checkUai(shown(cell));
  return check.ok ? ok(check.uai) : refuse(check.message.replace(/^UAI \S+ : /, ''));
}
