// Field parsers shared by every form, the API boundary and the importer: one reading of what a
// person typed, with the French message that says what is wrong.
import { z } from 'zod';
// Deep imports: the date-fns root entry loads every function (about 1.5 s under Node).
import { format } from 'date-fns/format';
import { parseDate, type IsoDate } from '../domain/dates.ts';
import { formatInteger, parseClock, parseHours } from '../domain/hours.ts';
import { checkUai } from '../domain/uai.ts';

z.config(z.locales.fr());

const shown = (value: unknown): string => (value instanceof Date ? value.toISOString().slice(0, 10) : String(value));

/**
 * Text limits, in characters as a person counts them (an emoji is one). Every text field has one:
 * the record exports as a workbook, and an Excel cell holds 32 767 characters at most.
 */
export const TEXT_LIMITS = {
  /** A person's name, a commune. */
  name: 100,
  /** The official name of a school or a pôle, longer than a person's. */
  title: 200,
  /** Free text: activities, reasons, the list of an AESH's skills. */
  text: 2000,
} as const;

/** Characters as a person counts them: code points, not UTF-16 units (an emoji takes two). */
function characterCount(text: string): number {
  let lowSurrogates = 0;
  for (let i = 0; i < text.length; i += 1) {
    const unit = text.charCodeAt(i);
    if (unit >= 0xdc00 && unit <= 0xdfff) lowSurrogates += 1;
  }
  return text.length - lowSurrogates;
}
/** Counted only when the UTF-16 length exceeds `max`: an import checks hundreds of thousands of short texts. */
export const withinLimit = (text: string, max: number): boolean => text.length <= max || characterCount(text) <= max;
export const tooLong = (max: number): string => `Texte trop long : ${formatInteger(max)} caractères au plus.`;

/**
 * The text trimmed, within `max` characters ("" when left blank and not required). One transform
 * rather than a chain of checks: an import runs it hundreds of thousands of times.
 */
function checkedText(value: string, max: number, required: boolean, ctx: z.RefinementCtx): string {
  const text = value.trim();
  if (text === '' && required) {
    ctx.addIssue({ code: 'custom', message: 'Obligatoire.' });
    return z.NEVER;
  }
  if (!withinLimit(text, max)) {
    ctx.addIssue({ code: 'custom', message: tooLong(max) });
    return z.NEVER;
  }
  return text;
}

export const requiredText = (max: number) => z.string({ error: 'Obligatoire.' }).transform((value, ctx) => checkedText(value, max, true, ctx));

const isBlank = (value: unknown): value is '' | null | undefined =>
  value === undefined || value === null || (typeof value === 'string' && value.trim() === '');

type Typed = string | number | Date;
type Reader<T> = (value: Typed) => T | null;
/**
 * What a field accepts before reading it: a text as typed, a number, a date. One check rather than a
 * union of three, whose failed branches cost an import of a département seconds.
 */
const typed = (value: unknown): value is Typed => typeof value === 'string' || typeof value === 'number' || value instanceof Date;

/** A required field read by `read`; `message` says what could not be read. */
function readField<T>(read: Reader<T>, message: (shown: string) => string) {
  return z.custom<Typed>(typed, { error: 'Obligatoire.' }).transform((value, ctx): T => {
    const result = isBlank(value) ? null : read(value);
    if (result === null) {
      ctx.addIssue({ code: 'custom', message: isBlank(value) ? 'Obligatoire.' : message(shown(value)) });
      return z.NEVER;
    }
    return result;
  });
}

/** The same field left empty: stored as null. Blank strings, null and a missing key all mean "not given". */
function optionalField<T>(read: Reader<T>, message: (shown: string) => string) {
  return z
    .custom<Typed | null>((value) => value === null || typed(value))
    .optional()
    .transform((value, ctx): T | null => {
      if (isBlank(value)) return null;
      const result = read(value);
      if (result === null) {
        ctx.addIssue({ code: 'custom', message: message(shown(value)) });
        return z.NEVER;
      }
      return result;
    });
}

/** Empty text means "not given" and is stored as null. */
export const optionalText = (max: number) =>
  z
    .custom<string | null>((value) => value === null || typeof value === 'string')
    .optional()
    .transform((value, ctx) => checkedText(value ?? '', max, false, ctx) || null);

const readDate: Reader<IsoDate> = (value) =>
  value instanceof Date ? format(value, 'yyyy-MM-dd') : typeof value === 'string' ? parseDate(value) : null;
const dateMessage = (value: string): string => `Date « ${value} » illisible : jj/mm/aaaa attendu.`;
export const isoDate = readField(readDate, dateMessage);
export const optionalIsoDate = optionalField(readDate, dateMessage);

/** A duration in hours as typed ("12 h 30", "12,5"), or a number of hours; gives whole minutes. */
const readHours: Reader<number> = (value) => (value instanceof Date ? null : parseHours(value));
const hoursMessage = (value: string): string => `Heures « ${value} » illisibles : par exemple 12, 12,5 ou 12 h 30.`;
export const hours = readField(readHours, hoursMessage);
export const optionalHours = optionalField(readHours, hoursMessage);

/** A time of day as typed ("08:30", "8 h 30") or already in minutes since midnight. */
export const clock = readField<number>(
  (value) => {
    const minutes = typeof value === 'number' ? value : value instanceof Date ? null : parseClock(value);
    return minutes !== null && Number.isInteger(minutes) && minutes >= 0 && minutes <= 24 * 60 ? minutes : null;
  },
  (value) => `Heure « ${value} » illisible : HH:MM attendu.`,
);

export const uai = z.string({ error: 'Obligatoire.' }).transform((value, ctx): string => {
  const check = checkUai(value);
  if (!check.ok) {
    ctx.addIssue({ code: 'custom', message: `${check.message}.` });
    return z.NEVER;
  }
  return check.uai;
});

export const id = z.coerce.number({ error: 'Choix obligatoire.' }).int().positive('Choix obligatoire.');

/** A reference that may be left empty (a select on "aucun"). */
export const optionalId = optionalField<number>(
  (value) => {
    const number = Number(value);
    return Number.isInteger(number) && number > 0 ? number : null;
  },
  (value) => `Référence « ${value} » invalide.`,
);

function readNumber(min: number, max: number, integer: boolean): Reader<number> {
  return (value) => {
    if (value instanceof Date) return null;
    const number = typeof value === 'number' ? value : Number(value.trim().replace(/\s/g, '').replace(',', '.'));
    return Number.isFinite(number) && number >= min && number <= max && (!integer || Number.isInteger(number)) ? number : null;
  };
}
const between = (min: number, max: number) => (): string => `Nombre entre ${formatInteger(min)} et ${formatInteger(max)} attendu.`;

/** Numbers as typed in French ("43,95", "1 607") or as numbers, within [min, max]. */
export const decimal = (min: number, max: number) => readField(readNumber(min, max, false), between(min, max));
export const integer = (min: number, max: number) => readField(readNumber(min, max, true), between(min, max));
export const optionalDecimal = (min: number, max: number) => optionalField(readNumber(min, max, false), between(min, max));

/** The same day `years` later; 29 February becomes the 28th in a common year, as date-fns' addYears does. */
function addYearsIso(start: IsoDate, years: number): IsoDate {
  const year = Number(start.slice(0, 4)) + years;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return `${String(year).padStart(4, '0')}-${start.slice(5) === '02-29' && !leap ? '02-28' : start.slice(5)}`;
}

/** Adds an issue on `path` unless `end` is on or after `start`, and within `maxYears` when given. */
export function checkDateRange(
  ctx: z.RefinementCtx,
  start: IsoDate,
  end: IsoDate | null,
  path: string,
  maxYears?: { years: number; what: string },
): void {
  if (end === null) return;
  if (end < start) {
    ctx.addIssue({ code: 'custom', path: [path], message: 'La fin est avant le début.' });
  } else if (maxYears && end > addYearsIso(start, maxYears.years)) {
    ctx.addIssue({ code: 'custom', path: [path], message: `${maxYears.what} dure au plus ${maxYears.years} ans.` });
  }
}
