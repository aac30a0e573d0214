// The PAS's saisines (requests from families and teaching teams) and the seven-step protocol that
// answers them. Pure rules: a saisine's status follows from its steps and its closure, and a step
// is overdue when the next one has not come within the delay set in Paramètres. The closed lists
// repeat the CHECK constraints of db/migrations/0006_saisines.ts and the words of the workbook's
// `Saisines`, `Étapes` and `Actions` sheets (../shared/docs/workbook.md).
import { addDaysIso, type IsoDate } from './dates.ts';
import { assertNever } from './never.ts';

export const SAISINE_CHANNELS = ['courriel', 'telephone', 'courrier', 'rendez_vous', 'autre'] as const;
export type SaisineChannel = (typeof SAISINE_CHANNELS)[number];
export const SAISINE_CHANNEL_LABELS: Record<SaisineChannel, string> = {
  courriel: 'courriel', telephone: 'téléphone', courrier: 'courrier', rendez_vous: 'rendez-vous', autre: 'autre',
};

export const SAISINE_ORIGINS = ['famille', 'equipe', 'autre'] as const;
export type SaisineOrigin = (typeof SAISINE_ORIGINS)[number];
export const SAISINE_ORIGIN_LABELS: Record<SaisineOrigin, string> = {
  famille: 'parents / responsables légaux', equipe: 'équipe pédagogique', autre: 'autre',
};

/** The plans a pupil may already have; MPA: mesures de première attente. */
export const SCHOOL_PLANS = ['PPRE', 'PAP', 'PAI', 'PPS', 'MPA'] as const;
export type SchoolPlan = (typeof SCHOOL_PLANS)[number];

export const MDPH_STATUSES = ['aucun', 'en_cours', 'notifie'] as const;
export type MdphStatus = (typeof MDPH_STATUSES)[number];
export const MDPH_STATUS_LABELS: Record<MdphStatus, string> = { aucun: 'aucun dossier', en_cours: 'dossier en cours', notifie: 'notifié' };

export const STEP_NUMBERS = [1, 2, 3, 4, 5, 6, 7] as const;
export type StepNumber = (typeof STEP_NUMBERS)[number];
export const STEP_LABELS: Record<StepNumber, string> = {
  1: 'Accueil',
  2: 'Prise de contact et recueil d’informations (LPI)',
  3: 'Observation en classe et mesures ordinaires déjà prises',
  4: 'Co-construction avec le binôme',
  5: 'Plan d’action soumis aux pilotes',
  6: 'Mise en œuvre',
  7: 'Bilan et prospective transmis aux pilotes',
};
/** Step 5's only: what the pilots decided on the action plan. */
export const PILOT_DECISIONS = ['valide', 'a_revoir'] as const;
export type PilotDecision = (typeof PILOT_DECISIONS)[number];
export const PILOT_DECISION_LABELS: Record<PilotDecision, string> = { valide: 'validé', a_revoir: 'à revoir' };

export const ACTION_TYPES = ['conseil', 'amenagement', 'mpa', 'intervention', 'orientation'] as const;
export type ActionType = (typeof ACTION_TYPES)[number];
export const ACTION_TYPE_LABELS: Record<ActionType, string> = {
  conseil: 'conseil à l’équipe',
  amenagement: 'aménagement pédagogique',
  mpa: 'MPA',
  intervention: 'intervention directe de l’éducateur',
  orientation: 'orientation',
};

export const BILAN_NEXT = ['poursuivre', 'clore', 'orienter_mdph'] as const;
export type BilanNext = (typeof BILAN_NEXT)[number];
export const BILAN_NEXT_LABELS: Record<BilanNext, string> = { poursuivre: 'poursuivre', clore: 'clore', orienter_mdph: 'orienter vers la MDPH' };

/** How a saisine ends: answered (clôturée), sent elsewhere (réorientée), or dropped (sans suite). */
export const CLOSURES = ['cloturee', 'reorientee', 'sans_suite'] as const;
export type Closure = (typeof CLOSURES)[number];
export const REORIENTATIONS = ['mdph', 'enseignant_referent', 'medico_social'] as const;
export type Reorientation = (typeof REORIENTATIONS)[number];
export const REORIENTATION_LABELS: Record<Reorientation, string> = {
  mdph: 'MDPH', enseignant_referent: 'enseignant référent', medico_social: 'médico-social',
};

export const SAISINE_STATUSES = [
  'recue', 'en_recueil', 'en_analyse', 'pa_elaboration', 'pa_soumis', 'pa_valide', 'mise_en_oeuvre', 'bilan_transmis',
  'cloturee', 'reorientee', 'sans_suite',
] as const;
export type SaisineStatus = (typeof SAISINE_STATUSES)[number];
export const SAISINE_STATUS_LABELS: Record<SaisineStatus, string> = {
  recue: 'reçue',
  en_recueil: 'en recueil',
  en_analyse: 'en analyse',
  pa_elaboration: 'PA en élaboration',
  pa_soumis: 'PA soumis',
  pa_valide: 'PA validé',
  mise_en_oeuvre: 'en mise en œuvre',
  bilan_transmis: 'bilan transmis',
  cloturee: 'clôturée',
  reorientee: 'réorientée',
  sans_suite: 'sans suite',
};
export const isClosed = (status: SaisineStatus): boolean => (CLOSURES as readonly string[]).includes(status);

/** What the status and the reminders read of a step. */
export interface StepFacts {
  step: StepNumber;
  date: IsoDate;
  decision: PilotDecision | null;
}

/** The step the saisine has reached: the highest recorded, the latest of its entries (a plan may be submitted twice). */
export function lastStep(steps: readonly StepFacts[]): StepFacts | null {
  let last: StepFacts | null = null;
  for (const s of steps) {
    if (last === null || s.step > last.step || (s.step === last.step && s.date >= last.date)) last = s;
  }
  return last;
}

function statusOfStep(step: StepFacts): SaisineStatus {
  switch (step.step) {
    case 1: return 'recue';
    case 2: return 'en_recueil';
    case 3: return 'en_analyse';
    case 4: return 'pa_elaboration';
    // A plan sent back by the pilots is being written again.
    case 5: return step.decision === 'valide' ? 'pa_valide' : step.decision === 'a_revoir' ? 'pa_elaboration' : 'pa_soumis';
    case 6: return 'mise_en_oeuvre';
    case 7: return 'bilan_transmis';
    default: return assertNever(step.step, 'étape');
  }
}

/** The status: the closure when there is one, else what the last step says ("reçue" before any). */
export function saisineStatus(steps: readonly StepFacts[], closure: Closure | null): SaisineStatus {
  if (closure !== null) return closure;
  const last = lastStep(steps);
  return last === null ? 'recue' : statusOfStep(last);
}

/** What is awaited next: a step, or the pilots' decision on a submitted plan. */
export interface Expected {
  step: StepNumber;
  /** True when the pilots' decision on step 5 is awaited rather than a new step. */
  decision: boolean;
  /** The day it became due. */
  dueOn: IsoDate;
}

export interface ExpectedFacts {
  receivedOn: IsoDate;
  steps: readonly StepFacts[];
  closure: Closure | null;
  /** The latest end of the action plan's actions: the bilan is awaited after them. */
  actionsEndOn: IsoDate | null;
}

/**
 * The next step and the day it is due: `delayDays` after the last step (after the reception for the
 * accueil). The bilan is due `delayDays` after the later of the start of implementation and the end
 * of the last action, since the plan is carried out before it is reviewed. Nothing is awaited once
 * the saisine is closed or its bilan sent (the pilots then decide to close, go on or refer it).
 */
export function expectedStep(facts: ExpectedFacts, delayDays: number): Expected | null {
  if (facts.closure !== null) return null;
  const last = lastStep(facts.steps);
  if (last === null) return { step: 1, decision: false, dueOn: addDaysIso(facts.receivedOn, delayDays) };
  const due = addDaysIso(last.date, delayDays);
  switch (last.step) {
    case 5:
      if (last.decision === null) return { step: 5, decision: true, dueOn: due };
      return last.decision === 'valide' ? { step: 6, decision: false, dueOn: due } : { step: 5, decision: false, dueOn: due };
    case 6: {
      const from = facts.actionsEndOn !== null && facts.actionsEndOn > last.date ? facts.actionsEndOn : last.date;
      return { step: 7, decision: false, dueOn: addDaysIso(from, delayDays) };
    }
    case 7: return null;
    case 1: case 2: case 3: case 4:
      return { step: (last.step + 1) as StepNumber, decision: false, dueOn: due };
    default: return assertNever(last.step, 'étape');
  }
}

/** The expected step when it is past due on `today`, with the days late; null otherwise. */
export function overdueStep(facts: ExpectedFacts, delayDays: number, today: IsoDate): (Expected & { daysLate: number }) | null {
  const expected = expectedStep(facts, delayDays);
  if (expected === null || expected.dueOn >= today) return null;
  const daysLate = Math.round((Date.parse(today) - Date.parse(expected.dueOn)) / 86_400_000);
  return { ...expected, daysLate };
}

/** "Étape 3 (observation en classe…)" or "Décision des pilotes sur le plan d’action". */
export function expectedLabel(expected: Pick<Expected, 'step' | 'decision'>): string {
  const label = STEP_LABELS[expected.step];
  // Only the first letter: "LPI" stays in capitals.
  return expected.decision ? 'Décision des pilotes sur le plan d’action' : `Étape ${expected.step} : ${label[0]!.toLowerCase()}${label.slice(1)}`;
}

/** The first day on which a saisine closed on `closedOn` is anonymised, `months` later. */
export function anonymisedFrom(closedOn: IsoDate, months: number): IsoDate {
  const year = Number(closedOn.slice(0, 4));
  const month = Number(closedOn.slice(5, 7)) - 1 + months;
  const target = new Date(Date.UTC(year + Math.floor(month / 12), month % 12, 1));
  // The same day of the month, or the month's last day (31 January + 1 month → 28 or 29 February).
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(Number(closedOn.slice(8, 10)), lastDay));
  return target.toISOString().slice(0, 10);
}
