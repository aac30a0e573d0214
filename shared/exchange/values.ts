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
import { normaliseHeader, type SheetKey } from './sheets.ts';

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

/**
 * A value of a closed list as files write it: accents, case, spaces and punctuation ignored
 * ("AESH-i", "AESH i" and "aeshi" are one spelling).
 */
export function valueKey(text: string): string {
  return normaliseHeader(text).replace(/\s+/g, '');
}

/** A closed column of the workbook: the words it knows, and its reader. */
export interface Choice<T> {
  /** The workbook's words for its values, offered in the preview for a value still unknown. */
  readonly words: readonly string[];
  read: (cell: Cell) => Read<T>;
}

/** A closed list read from its French words, its codes and the spellings found in the field's files. */
function choice<T extends string | number>(values: readonly T[], labels: Record<T, string>, spellings: Record<string, T> = {}): Choice<T | null> {
  const known = new Map<string, T>();
  for (const value of values) {
    known.set(valueKey(String(value)), value);
    known.set(valueKey(labels[value]), value);
  }
  for (const [word, value] of Object.entries(spellings)) known.set(valueKey(word), value);
  const words = values.map((v) => labels[v]);
  return {
    words,
    read: (cell) => {
      if (isBlank(cell)) return ok(null);
      const value = known.get(valueKey(shown(cell)));
      return value === undefined ? refuse(`« ${shown(cell)} » inconnu (${words.join(', ')})`) : ok(value);
    },
  };
}

/** oui/non, as ticked or typed; an empty cell is non. */
const YES = new Set(['oui', 'o', 'x', '1', 'vrai', 'true', 'yes', 'y', 'ok'].map(valueKey));
const NO = new Set(['non', 'n', '0', 'faux', 'false', 'no', ''].map(valueKey));
export const YES_NO: Choice<boolean> = {
  words: ['oui', 'non'],
  read: (cell) => {
    if (cell === null) return ok(false);
    if (typeof cell === 'boolean') return ok(cell);
    const text = valueKey(shown(cell));
    if (YES.has(text)) return ok(true);
    if (NO.has(text)) return ok(false);
    return refuse(`« ${shown(cell)} » : oui ou non attendu`);
  },
};

// The spellings below were met in MDPH decisions exports, HR (AESH) lists and school directories
// (codes of the Éducation nationale's directory: EEPU, CLG, LP…).
export const POLE_KIND = choice<PoleKind>(POLE_KINDS, POLE_KIND_LABELS, {
  'PIAL inter degré': 'PIAL_INTER', 'PIAL interdegré': 'PIAL_INTER', 'inter-degré': 'PIAL_INTER', 'interdegré': 'PIAL_INTER', 'PIAL mixte': 'PIAL_INTER',
  'PIAL 1er degré': 'PIAL_1D', 'PIAL premier degré': 'PIAL_1D', '1D': 'PIAL_1D', '1er degré': 'PIAL_1D', 'premier degré': 'PIAL_1D',
  'PIAL 2nd degré': 'PIAL_2D', 'PIAL second degré': 'PIAL_2D', '2D': 'PIAL_2D', '2nd degré': 'PIAL_2D', 'second degré': 'PIAL_2D',
  'pôle d’appui à la scolarité': 'PAS', "pôle d'appui à la scolarité": 'PAS',
});
export const SCHOOL_KIND = choice<SchoolKind>(SCHOOL_KINDS, SCHOOL_KIND_LABELS, {
  école: 'primaire', maternelle: 'maternelle', élémentaire: 'elementaire', primaire: 'primaire',
  EMPU: 'maternelle', EMPR: 'maternelle', EEPU: 'elementaire', EEPR: 'elementaire', EPPU: 'primaire', EPPR: 'primaire',
  'école élém.': 'elementaire', 'école mat.': 'maternelle', CLG: 'college', 'collège public': 'college', 'collège privé': 'college',
  LYC: 'lycee', LGT: 'lycee', LPO: 'lycee', 'lycée général et technologique': 'lycee', 'lycée polyvalent': 'lycee',
  LP: 'lycee_pro', SEP: 'lycee_pro', 'lycée pro': 'lycee_pro',
});
export const SECTOR = choice<Sector>(SECTORS, SECTOR_LABELS, { pu: 'public', pr: 'prive', 'privé sous contrat': 'prive', 'privé SC': 'prive', publique: 'public', privée: 'prive' });
export const WEEK = choice<WeekPattern>(WEEK_PATTERNS, WEEK_PATTERN_LABELS, {
  '4.5 jours': '4.5j', '4 jours et demi': '4.5j', '4': '4j', '4,5': '4.5j', '4.5': '4.5j', 'semaine de 4 jours': '4j', 'semaine de 4,5 jours': '4.5j',
  '9 demi-journées': '4.5j', '8 demi-journées': '4j',
});
export const NOTIFICATION_KIND = choice<NotificationKind>(NOTIFICATION_KINDS, { individual: 'individuelle', shared: 'mutualisée' }, {
  'aide individuelle': 'individual', 'AESH-i': 'individual', i: 'individual', 'AESH individuelle': 'individual', 'aide humaine individuelle': 'individual',
  AHI: 'individual', 'AVS-i': 'individual', 'AESH individuel': 'individual', 'accompagnement individuel': 'individual', individuel: 'individual',
  'aide mutualisée': 'shared', 'AESH-m': 'shared', m: 'shared', 'AESH mutualisée': 'shared', 'aide humaine mutualisée': 'shared',
  AHM: 'shared', 'AVS-m': 'shared', 'AESH mutualisé': 'shared', 'accompagnement mutualisé': 'shared', mutualisé: 'shared',
});
export const CONTRACT_KIND = choice<ContractKind>(CONTRACT_KINDS, { CDD: 'CDD', CDI: 'CDI' }, {
  'contrat à durée déterminée': 'CDD', 'durée déterminée': 'CDD', 'contrat à durée indéterminée': 'CDI', 'durée indéterminée': 'CDI',
});
export const WEEKDAY = choice<Weekday>(WEEKDAYS, WEEKDAY_LABELS, { lun: 1, mar: 2, mer: 3, jeu: 4, ven: 5, sam: 6, lu: 1, ma: 2, me: 3, je: 4, ve: 5, sa: 6 });
export const NATURE = choice<SlotNature>(SLOT_NATURES, SLOT_NATURE_LABELS, {
  accompagnement: 'accompaniment', 'AESH-i': 'accompaniment', 'AESH-m': 'accompaniment', individuel: 'accompaniment', mutualisé: 'accompaniment',
  'AESH-co': 'ulis', 'AESH collective': 'ulis', 'aide collective': 'ulis', collectif: 'ulis', collective: 'ulis', co: 'ulis',
  méridienne: 'lunch', 'pause meridienne': 'lunch', 'temps méridien': 'lunch', repas: 'lunch', cantine: 'lunch',
});

export const readYesNo = YES_NO.read;
export const readPoleKind = POLE_KIND.read;
export const readSchoolKind = SCHOOL_KIND.read;
export const readSector = SECTOR.read;
export const readWeek = WEEK.read;
export const readNotificationKind = NOTIFICATION_KIND.read;
export const readContractKind = CONTRACT_KIND.read;
export const readWeekday = WEEKDAY.read;
export const readNature = NATURE.read;

/** The closed columns of each workbook sheet: their values are mapped like headers. */
export const CHOICE_COLUMNS: Partial<Record<SheetKey, Record<string, Choice<unknown>>>> = {
  poles: { kind: POLE_KIND },
  schools: { kind: SCHOOL_KIND, sector: SECTOR, week: WEEK },
  pupils: { ulis: YES_NO },
  notifications: { kind: NOTIFICATION_KIND, lunchBreak: YES_NO },
  aesh: { contractKind: CONTRACT_KIND, referent: YES_NO },
  slots: { weekday: WEEKDAY, nature: NATURE },
};

export function readUai(cell: Cell): Read<string | null> {
  if (isBlank(cell)) return ok(null);
  const check = checkUai(shown(cell));
  return check.ok ? ok(check.uai) : refuse(check.message.replace(/^UAI \S+ : /, ''));
}
