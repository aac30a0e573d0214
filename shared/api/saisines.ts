// The PAS's register over the API: the input schemas of its forms (the renderer checks a form with
// the schema the services apply) and what the services answer. Kept out of inputs.ts, which holds
// the AESH side of the record.
import { z } from 'zod';
import type { IsoDate } from '../domain/dates.ts';
import {
  ACTION_TYPES, BILAN_NEXT, CLOSURES, MDPH_STATUSES, PILOT_DECISIONS, REORIENTATIONS, SAISINE_CHANNELS, SAISINE_ORIGINS,
  SCHOOL_PLANS, STEP_NUMBERS,
  type ActionType, type BilanNext, type Closure, type Expected, type MdphStatus, type PilotDecision, type Reorientation,
  type SaisineChannel, type SaisineOrigin, type SaisineStatus, type SchoolPlan, type StepNumber,
} from '../domain/saisines.ts';
import { checkDateRange, id, isoDate, optionalId, optionalIsoDate, optionalText, requiredText, TEXT_LIMITS } from './fields.ts';

const choice = <T extends readonly [string, ...string[]]>(values: T) => z.enum(values, { error: 'Choix obligatoire.' });
/** An optional choice: a select left on "—" sends "". */
const optionalChoice = <T extends readonly [string, ...string[]]>(values: T) =>
  z.union([z.enum(values), z.literal(''), z.null()]).optional().transform((value) => (value === '' || value === undefined ? null : value));
const version = z.number({ error: 'Version de l’enregistrement manquante : rouvrez-le avant de l’enregistrer.' }).int().positive();
const withId = <T extends z.ZodRawShape>(shape: z.ZodObject<T>) => shape.extend({ id, version });

const saisineShape = z.object({
  poleId: id,
  /** Given by the services when left empty: the year received and the next number of the PAS (2026-007). */
  number: optionalText(20),
  receivedOn: isoDate,
  channel: optionalChoice(SAISINE_CHANNELS),
  origin: choice(SAISINE_ORIGINS),
  requester: optionalText(TEXT_LIMITS.name),
  requesterContact: optionalText(TEXT_LIMITS.name),
  /** A pupil of the record; without one, the pupil described below is created with the saisine. */
  pupilId: optionalId,
  // A saisine's pupil when the record does not know them yet (many have no MDPH file): flat, as
  // the workbook's Nom, Prénom, Date de naissance, UAI, Niveau and Classe columns.
  pupilLastName: optionalText(TEXT_LIMITS.name),
  pupilFirstName: optionalText(TEXT_LIMITS.name),
  pupilBirthDate: optionalIsoDate,
  pupilSchoolId: optionalId,
  pupilLevel: optionalText(10),
  pupilClassName: optionalText(40),
  plans: z.array(z.enum(SCHOOL_PLANS)).max(SCHOOL_PLANS.length).default([]),
  mdphStatus: choice(MDPH_STATUSES).default('aucun'),
  lpiConsultedOn: optionalIsoDate,
  natureId: id,
  description: optionalText(TEXT_LIMITS.text),
  coordinator: optionalText(TEXT_LIMITS.name),
  educator: optionalText(TEXT_LIMITS.name),
});
type SaisineShape = z.output<typeof saisineShape>;
function checkSaisine(value: SaisineShape, ctx: z.RefinementCtx): void {
  if (value.pupilId !== null) return;
  const missing = (['pupilLastName', 'pupilFirstName', 'pupilSchoolId'] as const).filter((key) => value[key] === null);
  for (const key of missing) ctx.addIssue({ code: 'custom', path: [key], message: 'Obligatoire pour un élève que le dossier ne connaît pas.' });
}
export const saisineFields = saisineShape.superRefine(checkSaisine);
export const saisineUpdate = withId(saisineShape).superRefine(checkSaisine);

// The file's sections: each form checks its fields with the first schema, the API the second (with
// the saisine's id and the version the form loaded).
export const planFields = z.object({ goals: optionalText(TEXT_LIMITS.text) });
export const saisinePlanInput = withId(planFields);
export const bilanFields = z.object({
  bilanActions: optionalText(TEXT_LIMITS.text),
  bilanEffects: optionalText(TEXT_LIMITS.text),
  bilanNext: optionalChoice(BILAN_NEXT),
  bilanSentOn: optionalIsoDate,
});
export const saisineBilanInput = withId(bilanFields);
const closeShape = z.object({
  /** null reopens the saisine. */
  closure: optionalChoice(CLOSURES),
  reorientedTo: optionalChoice(REORIENTATIONS),
  closedOn: optionalIsoDate,
});
function checkClose(value: z.output<typeof closeShape>, ctx: z.RefinementCtx): void {
  if (value.closure !== null && value.closedOn === null) ctx.addIssue({ code: 'custom', path: ['closedOn'], message: 'Obligatoire.' });
  if (value.closure === 'reorientee' && value.reorientedTo === null) {
    ctx.addIssue({ code: 'custom', path: ['reorientedTo'], message: 'Vers qui la saisine est-elle réorientée ?' });
  }
  if (value.closure !== 'reorientee' && value.reorientedTo !== null) {
    ctx.addIssue({ code: 'custom', path: ['reorientedTo'], message: 'Seule une saisine réorientée a un destinataire.' });
  }
}
export const closeFields = closeShape.superRefine(checkClose);
export const saisineCloseInput = withId(closeShape).superRefine(checkClose);

const stepShape = z.object({
  saisineId: id,
  step: z.coerce.number().pipe(z.union(STEP_NUMBERS.map((n) => z.literal(n)), { error: 'Étape de 1 à 7 attendue.' })),
  date: isoDate,
  author: optionalText(TEXT_LIMITS.name),
  decision: optionalChoice(PILOT_DECISIONS),
  note: optionalText(TEXT_LIMITS.text),
});
function checkStep(value: { step: number; decision: PilotDecision | null }, ctx: z.RefinementCtx): void {
  if (value.decision !== null && value.step !== 5) {
    ctx.addIssue({ code: 'custom', path: ['decision'], message: 'Seul le plan d’action (étape 5) reçoit une décision des pilotes.' });
  }
}
export const stepFields = stepShape.superRefine(checkStep);
export const stepUpdate = withId(stepShape.omit({ saisineId: true })).superRefine(checkStep);

const actionShape = z.object({
  saisineId: id,
  type: choice(ACTION_TYPES),
  description: optionalText(TEXT_LIMITS.text),
  owner: optionalText(TEXT_LIMITS.name),
  startDate: optionalIsoDate,
  endDate: optionalIsoDate,
  frequency: optionalText(TEXT_LIMITS.name),
});
function checkAction(value: { startDate: IsoDate | null; endDate: IsoDate | null }, ctx: z.RefinementCtx): void {
  if (value.startDate !== null) checkDateRange(ctx, value.startDate, value.endDate, 'endDate');
}
export const actionFields = actionShape.superRefine(checkAction);
export const actionUpdate = withId(actionShape.omit({ saisineId: true })).superRefine(checkAction);

export const natureFields = z.object({ label: requiredText(80) });
export const saisineListInput = z.object({ poleId: z.number().int().optional() }).default({});
/** One person: the pupil (and requester) of this saisine, with every other saisine about that pupil. */
export const personInput = z.object({ saisineId: id });

export interface SaisineNature { id: number; label: string }

export interface SaisineStep {
  id: number;
  saisineId: number;
  step: StepNumber;
  date: IsoDate;
  author: string | null;
  decision: PilotDecision | null;
  note: string | null;
  version: number;
}
export interface SaisineAction {
  id: number;
  saisineId: number;
  type: ActionType;
  description: string | null;
  owner: string | null;
  startDate: IsoDate | null;
  endDate: IsoDate | null;
  frequency: string | null;
  version: number;
}

export interface Saisine {
  id: number;
  poleId: number;
  number: string;
  receivedOn: IsoDate;
  channel: SaisineChannel | null;
  origin: SaisineOrigin;
  requester: string | null;
  requesterContact: string | null;
  pupilId: number | null;
  schoolId: number;
  plans: SchoolPlan[];
  mdphStatus: MdphStatus;
  lpiConsultedOn: IsoDate | null;
  natureId: number;
  description: string | null;
  coordinator: string | null;
  educator: string | null;
  goals: string | null;
  bilanActions: string | null;
  bilanEffects: string | null;
  bilanNext: BilanNext | null;
  bilanSentOn: IsoDate | null;
  closure: Closure | null;
  reorientedTo: Reorientation | null;
  closedOn: IsoDate | null;
  anonymisedOn: IsoDate | null;
  version: number;
}

/** A line of the register: the saisine with what the tableau de bord shows and filters by. */
export interface SaisineRow extends Saisine {
  poleCode: string;
  natureLabel: string;
  schoolName: string;
  uai: string;
  /** "Prénom Nom", or null once anonymised. */
  pupilName: string | null;
  level: string | null;
  status: SaisineStatus;
  /** The highest step recorded (0 before the accueil). */
  stepReached: number;
  /** The step awaited and since when it is late; null when nothing is late. */
  overdue: (Expected & { daysLate: number }) | null;
}

export interface SaisineDetail extends SaisineRow {
  steps: SaisineStep[];
  actions: SaisineAction[];
  /** The date from which it will be anonymised (closed saisines only). */
  anonymisedFrom: IsoDate | null;
}

export interface PersonErased {
  saisines: number;
  /** The pupil was known to the record only through saisines, and was deleted with them. */
  pupilDeleted: boolean;
}
