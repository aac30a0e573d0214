// The input schemas of every form and API call. The renderer validates a form with the same schema
// the services apply, so the message next to a field is the one the record would give.
import { z } from 'zod';
import { HOLIDAY_ZONES, holidayProblems } from '../activity/calendar.ts';
import {
  CONTRACT_KINDS, NOTIFICATION_KINDS, POLE_KINDS, SCHOOL_KINDS, SECTORS, SLOT_NATURES, WEEK_PATTERNS, WEEKDAYS,
} from '../domain/enums.ts';
import type { Settings } from '../domain/settings.ts';
import {
  checkDateRange, clock, decimal, hours, id, integer, isoDate, optionalDecimal, optionalHours, optionalId,
  optionalIsoDate, optionalText, requiredText, TEXT_LIMITS, tooLong, uai, withinLimit,
} from './fields.ts';

const choice = <T extends readonly [string, ...string[]]>(values: T) => z.enum(values, { error: 'Choix obligatoire.' });
const flag = z.union([z.boolean(), z.null()]).optional().transform((value) => value === true);
/** The version of the row as the form loaded it: the record refuses the update once the row has changed since. */
const version = z.number({ error: 'Version de l’enregistrement manquante : rouvrez-le avant de l’enregistrer.' }).int().positive();
const withId = <T extends z.ZodRawShape>(shape: z.ZodObject<T>) => shape.extend({ id, version });
/** The create and update schemas of a record whose fields are checked together by `rules`. */
function checkedPair<T extends z.ZodRawShape>(shape: z.ZodObject<T>, rules: (value: z.output<z.ZodObject<T>>, ctx: z.RefinementCtx) => void) {
  // The update's output is the create's plus `id` and `version`, which zod's generic types cannot see.
  return [shape.superRefine(rules), withId(shape).superRefine((value, ctx) => rules(value as z.output<z.ZodObject<T>>, ctx))] as const;
}

const timeRange = z.object({ start: z.number().int().min(0).max(1440), end: z.number().int().min(0).max(1440) })
  .refine((range) => range.start < range.end, 'Une plage horaire finit avant de commencer.');
export const weekGridSchema = z.partialRecord(
  z.enum(['1', '2', '3', '4', '5', '6']),
  z.array(timeRange).max(4),
);

export const poleFields = z.object({
  code: requiredText(20),
  name: requiredText(TEXT_LIMITS.title),
  kind: choice(POLE_KINDS),
  coordinator: optionalText(TEXT_LIMITS.name),
  pilot: optionalText(TEXT_LIMITS.name),
});
export const poleUpdate = withId(poleFields);

export const schoolFields = z.object({
  uai,
  name: requiredText(TEXT_LIMITS.title),
  kind: choice(SCHOOL_KINDS),
  sector: choice(SECTORS).default('public'),
  commune: optionalText(TEXT_LIMITS.name),
  poleId: optionalId,
  week: choice(WEEK_PATTERNS).default('4j'),
  grid: weekGridSchema.nullish(),
  latitude: optionalDecimal(-90, 90),
  longitude: optionalDecimal(-180, 180),
});
export const schoolUpdate = withId(schoolFields);

export const pupilFields = z.object({
  identifier: requiredText(40),
  lastName: requiredText(TEXT_LIMITS.name),
  firstName: requiredText(TEXT_LIMITS.name),
  birthDate: optionalIsoDate,
  schoolId: id,
  level: optionalText(10),
  className: optionalText(40),
  ulis: flag,
});
export const pupilUpdate = withId(pupilFields);

const notificationShape = z.object({
  pupilId: id,
  kind: choice(NOTIFICATION_KINDS),
  weeklyHours: optionalHours,
  startDate: isoDate,
  endDate: isoDate,
  lunchBreak: flag,
  activities: optionalText(TEXT_LIMITS.text),
});
type NotificationShape = z.output<typeof notificationShape>;
function checkNotification(value: NotificationShape, ctx: z.RefinementCtx): void {
  if (value.kind === 'individual' && (value.weeklyHours === null || value.weeklyHours <= 0)) {
    ctx.addIssue({ code: 'custom', path: ['weeklyHours'], message: 'Une aide individuelle est notifiée avec un nombre d’heures par semaine.' });
  }
  if (value.kind === 'individual' && value.weeklyHours !== null && value.weeklyHours > 40 * 60) {
    ctx.addIssue({ code: 'custom', path: ['weeklyHours'], message: 'Plus de 40 h par semaine : vérifiez la notification.' });
  }
  if (value.kind === 'shared' && value.weeklyHours !== null) {
    ctx.addIssue({ code: 'custom', path: ['weeklyHours'], message: 'Une aide mutualisée est notifiée sans heures : laissez ce champ vide.' });
  }
  checkDateRange(ctx, value.startDate, value.endDate, 'endDate', { years: 5, what: 'Une notification' });
}
export const [notificationFields, notificationUpdate] = checkedPair(notificationShape, checkNotification);

export const aeshFields = z.object({
  matricule: requiredText(40),
  lastName: requiredText(TEXT_LIMITS.name),
  firstName: requiredText(TEXT_LIMITS.name),
  homeCommune: optionalText(TEXT_LIMITS.name),
  poleId: optionalId,
  // Skills travel as one comma-separated cell of the workbook: a comma inside a skill given as a
  // list would split it on the way back, so a list is read as that cell would be.
  skills: z
    .union([z.array(z.string()), z.string(), z.null()])
    .optional()
    .transform((value) => (Array.isArray(value) ? value : [value ?? ''])
      .flatMap((text) => text.split(','))
      .map((skill) => skill.trim())
      .filter((skill) => skill !== ''))
    .refine((skills) => withinLimit(skills.join(', '), TEXT_LIMITS.text), tooLong(TEXT_LIMITS.text)),
  referent: flag,
});
export const aeshUpdate = withId(aeshFields);

const contractShape = z.object({
  aeshId: id,
  kind: choice(CONTRACT_KINDS),
  startDate: isoDate,
  endDate: optionalIsoDate,
  weeklyHours: hours.refine((minutes) => minutes > 0, 'Un contrat compte au moins une heure par semaine.'),
});
type ContractShape = z.output<typeof contractShape>;
function checkContract(value: ContractShape, ctx: z.RefinementCtx): void {
  if (value.kind === 'CDD' && value.endDate === null) {
    ctx.addIssue({ code: 'custom', path: ['endDate'], message: 'Un CDD a une date de fin.' });
  }
  if (value.kind === 'CDI' && value.endDate !== null) {
    ctx.addIssue({ code: 'custom', path: ['endDate'], message: 'Un CDI n’a pas de date de fin : laissez ce champ vide.' });
  }
  checkDateRange(ctx, value.startDate, value.endDate, 'endDate', value.kind === 'CDD' ? { years: 3, what: 'Un CDD d’AESH' } : undefined);
}
export const [contractFields, contractUpdate] = checkedPair(contractShape, checkContract);

const absenceShape = z.object({ aeshId: id, startDate: isoDate, endDate: isoDate, reason: optionalText(TEXT_LIMITS.text) });
export const [absenceFields, absenceUpdate] = checkedPair(absenceShape, (v, ctx) => checkDateRange(ctx, v.startDate, v.endDate, 'endDate'));

const slotShape = z.object({
  aeshId: id,
  schoolId: id,
  weekday: z.coerce.number().pipe(z.union(WEEKDAYS.map((day) => z.literal(day)), { error: 'Jour de lundi à samedi attendu.' })),
  startMinute: clock,
  endMinute: clock,
  nature: choice(SLOT_NATURES).default('accompaniment'),
  pupilIds: z.array(id).default([]),
  validFrom: optionalIsoDate,
  validTo: optionalIsoDate,
});
type SlotShape = z.output<typeof slotShape>;
function checkSlot(value: SlotShape, ctx: z.RefinementCtx): void {
  if (value.endMinute <= value.startMinute) {
    ctx.addIssue({ code: 'custom', path: ['endMinute'], message: 'Le créneau finit avant de commencer.' });
  }
  if (value.nature !== 'ulis' && value.pupilIds.length === 0) {
    ctx.addIssue({ code: 'custom', path: ['pupilIds'], message: 'Un créneau d’accompagnement sert au moins un élève.' });
  }
  if (value.validFrom !== null) checkDateRange(ctx, value.validFrom, value.validTo, 'validTo');
}
export const [slotFields, slotUpdate] = checkedPair(slotShape, checkSlot);

export const settingsSchema = z.object({
  schoolYearStart: isoDate,
  schoolYearEnd: isoDate,
  annualReferenceHours: integer(1500, 1700),
  serviceWeeks: integer(36, 45),
  expiringNoticeDays: integer(0, 365),
  roadFactor: decimal(1, 3),
  travelSpeedKmh: decimal(5, 130),
  sameCommuneTravelMinutes: integer(0, 120),
  // Répartition: what a shared notification or an ULIS unit is estimated to need a week, in hours
  // (they are notified without hours), and the contract a recruitment would offer.
  sharedHoursPerPupil: decimal(0, 40),
  ulisHoursPerUnit: decimal(0, 45),
  recruitmentContractHours: decimal(1, 39),
  /** Files to import above this size are refused before they are read. */
  importMaxMegabytes: integer(1, 60),
  /** Share of notified pupils accompanied in full aimed at by each dated snapshot's label. */
  coverageTargets: z.array(z.object({ label: requiredText(40), percent: integer(0, 100) })).max(12, '12 objectifs au plus.'),
  saisineStepDelayDays: integer(1, 180),
  // A closed saisine is kept at least a month (to answer the family) and at most ten years.
  saisineRetentionMonths: integer(1, 120),
  holidayZone: z.enum(HOLIDAY_ZONES, { error: 'Zone A, B ou C attendue.' }),
  // Each mistake names its row (holidayProblems), so that a refused table says where to look.
  schoolHolidays: z.array(z.object({ label: z.string().max(60, '60 caractères au plus.'), start: isoDate, end: isoDate, verified: z.boolean() }))
    .max(60, '60 périodes au plus.')
    .superRefine((holidays, ctx) => {
      for (const problem of holidayProblems(holidays)) ctx.addIssue({ code: 'custom', path: [problem.index], message: problem.message });
    }),
}).superRefine((v, ctx) => checkDateRange(ctx, v.schoolYearStart, v.schoolYearEnd, 'schoolYearEnd')) satisfies z.ZodType<Settings>;

export const idInput = z.object({ id });
export const noInput = z.object({}).default({});
