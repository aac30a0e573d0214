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
import {
  ACTION_TYPES, BILAN_NEXT, BILAN_NEXT_LABELS, MDPH_STATUSES, PILOT_DECISION_LABELS, PILOT_DECISIONS, REORIENTATION_LABELS, REORIENTATIONS, SAISINE_CHANNEL_LABELS,
  SAISINE_CHANNELS, SAISINE_ORIGINS, SAISINE_STATUS_LABELS, SAISINE_STATUSES, SCHOOL_PLANS, STEP_NUMBERS,
  type ActionType, type BilanNext, type MdphStatus, type PilotDecision, type Reorientation, type SaisineChannel, type SaisineOrigin, type SaisineStatus,
  type SchoolPlan, type StepNumber,
} from '../domain/saisines.ts';
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

// The PAS's sheets: the words of the workbook (../shared/docs/workbook.md), and those met in the
// registers PAS kept in Excel before this app (mail, RDV, « parents », « validé en commission »…).
export const SAISINE_CHANNEL = choice<SaisineChannel>(SAISINE_CHANNELS, SAISINE_CHANNEL_LABELS, {
  mail: 'courriel', 'e-mail': 'courriel', email: 'courriel', mél: 'courriel', messagerie: 'courriel', ENT: 'courriel', 'message ENT': 'courriel',
  tél: 'telephone', tel: 'telephone', 'appel téléphonique': 'telephone', appel: 'telephone', 'par téléphone': 'telephone',
  lettre: 'courrier', 'courrier postal': 'courrier', 'par courrier': 'courrier',
  RDV: 'rendez_vous', 'rendez vous': 'rendez_vous', entretien: 'rendez_vous', 'sur place': 'rendez_vous', visite: 'rendez_vous',
});
/** The workbook's words for the origin; the forms' "parents / responsables légaux" reads too. */
export const SAISINE_ORIGIN_WORDS: Record<SaisineOrigin, string> = { famille: 'famille', equipe: 'équipe pédagogique', autre: 'autre' };
export const SAISINE_ORIGIN = choice<SaisineOrigin>(SAISINE_ORIGINS, SAISINE_ORIGIN_WORDS, {
  'parents / responsables légaux': 'famille', parents: 'famille', parent: 'famille', 'responsables légaux': 'famille', 'représentants légaux': 'famille',
  'responsable légal': 'famille', mère: 'famille', père: 'famille',
  équipe: 'equipe', 'équipe éducative': 'equipe', enseignant: 'equipe', enseignante: 'equipe', 'enseignant(e)': 'equipe', professeur: 'equipe',
  directeur: 'equipe', directrice: 'equipe', 'chef d’établissement': 'equipe', "chef d'établissement": 'equipe', école: 'equipe', établissement: 'equipe',
});
export const MDPH_STATUS_WORDS: Record<MdphStatus, string> = { aucun: 'aucun', en_cours: 'en cours', notifie: 'notifié' };
export const MDPH_STATUS = choice<MdphStatus>(MDPH_STATUSES, MDPH_STATUS_WORDS, {
  'aucun dossier': 'aucun', 'sans dossier': 'aucun', néant: 'aucun', non: 'aucun', 'pas de dossier': 'aucun',
  'dossier en cours': 'en_cours', 'demande en cours': 'en_cours', 'dossier déposé': 'en_cours', 'en attente': 'en_cours', 'en instruction': 'en_cours',
  notification: 'notifie', notifiée: 'notifie', 'notification MDPH': 'notifie', 'droits ouverts': 'notifie',
});
/** "réorientée" alone does not say where: the record keeps it, so the workbook says it in brackets. */
type ReorientedTo = `reorientee:${Reorientation}`;
export type StatusCell = SaisineStatus | ReorientedTo;
const reoriented = (to: Reorientation): ReorientedTo => `reorientee:${to}`;
export const SAISINE_STATUS_WORDS: Record<StatusCell, string> = {
  ...SAISINE_STATUS_LABELS,
  ...Object.fromEntries(REORIENTATIONS.map((to) => [reoriented(to), `réorientée (${REORIENTATION_LABELS[to]})`])) as Record<ReorientedTo, string>,
};
export const SAISINE_STATUS = choice<StatusCell>([...SAISINE_STATUSES, ...REORIENTATIONS.map(reoriented)], SAISINE_STATUS_WORDS, {
  nouvelle: 'recue', 'reçue, à traiter': 'recue', 'à traiter': 'recue', accueil: 'recue',
  'recueil d’informations': 'en_recueil', "recueil d'informations": 'en_recueil', recueil: 'en_recueil',
  analyse: 'en_analyse', observation: 'en_analyse', 'plan d’action en élaboration': 'pa_elaboration', "plan d'action en élaboration": 'pa_elaboration',
  'PA soumis aux pilotes': 'pa_soumis', 'plan d’action soumis': 'pa_soumis', "plan d'action soumis": 'pa_soumis',
  'plan d’action validé': 'pa_valide', "plan d'action validé": 'pa_valide', 'mise en œuvre': 'mise_en_oeuvre', 'mise en oeuvre': 'mise_en_oeuvre',
  'bilan envoyé': 'bilan_transmis', bilan: 'bilan_transmis',
  clôturé: 'cloturee', close: 'cloturee', clôt: 'cloturee', terminée: 'cloturee', terminé: 'cloturee', fermée: 'cloturee',
  réorienté: 'reorientee', 'réorientée MDPH': 'reorientee:mdph', 'réorientée vers la MDPH': 'reorientee:mdph', 'orientée MDPH': 'reorientee:mdph',
  'réorientée enseignant référent': 'reorientee:enseignant_referent', 'réorientée vers l’enseignant référent': 'reorientee:enseignant_referent',
  "réorientée vers l'enseignant référent": 'reorientee:enseignant_referent', 'réorientée ERSEH': 'reorientee:enseignant_referent',
  'réorientée médico-social': 'reorientee:medico_social', 'réorientée vers le médico-social': 'reorientee:medico_social',
  'classée sans suite': 'sans_suite', abandonnée: 'sans_suite', 'sans objet': 'sans_suite',
});
/** The workbook's "1 accueil … 7 bilan": a number and a word, either alone reads. */
export const STEP_WORDS: Record<StepNumber, string> = {
  1: '1 accueil', 2: '2 recueil', 3: '3 observation', 4: '4 co-construction', 5: '5 plan d’action', 6: '6 mise en œuvre', 7: '7 bilan',
};
export const STEP = choice<StepNumber>(STEP_NUMBERS, STEP_WORDS, {
  accueil: 1, 'prise de contact': 2, recueil: 2, "recueil d'informations": 2, 'recueil d’informations': 2, LPI: 2, 'prise de contact et recueil': 2,
  observation: 3, 'observation en classe': 3, 'co-construction': 4, 'co-construction avec le binôme': 4, binôme: 4,
  "5 plan d'action": 5, "plan d'action": 5, 'plan d’action': 5, PA: 5, 'plan d’action soumis aux pilotes': 5, "plan d'action soumis aux pilotes": 5,
  'mise en œuvre': 6, 'mise en oeuvre': 6, '6 mise en oeuvre': 6, bilan: 7, 'bilan et prospective': 7,
  ...Object.fromEntries(STEP_NUMBERS.map((n) => [`étape ${n}`, n])),
});
export const DECISION = choice<PilotDecision>(PILOT_DECISIONS, PILOT_DECISION_LABELS, {
  validée: 'valide', valide: 'valide', accepté: 'valide', acceptée: 'valide', 'avis favorable': 'valide', favorable: 'valide', OK: 'valide',
  'validé en commission': 'valide', 'à reprendre': 'a_revoir', 'à retravailler': 'a_revoir', 'non validé': 'a_revoir', 'non validée': 'a_revoir',
  'à compléter': 'a_revoir', ajourné: 'a_revoir', refusé: 'a_revoir',
});
export const ACTION_TYPE_WORDS: Record<ActionType, string> = {
  conseil: 'conseil à l’équipe', amenagement: 'aménagement pédagogique', mpa: 'MPA', intervention: 'intervention directe', orientation: 'orientation',
};
export const ACTION_TYPE = choice<ActionType>(ACTION_TYPES, ACTION_TYPE_WORDS, {
  "conseil à l'équipe": 'conseil', conseil: 'conseil', conseils: 'conseil', 'conseil aux enseignants': 'conseil', 'conseil à l’enseignant': 'conseil',
  "conseil à l'enseignant": 'conseil', 'appui à l’équipe': 'conseil', "appui à l'équipe": 'conseil',
  aménagement: 'amenagement', aménagements: 'amenagement', 'aménagements pédagogiques': 'amenagement', 'adaptation pédagogique': 'amenagement', adaptations: 'amenagement',
  'mesures de première attente': 'mpa', 'mesure de première attente': 'mpa',
  intervention: 'intervention', 'intervention directe de l’éducateur': 'intervention', "intervention directe de l'éducateur": 'intervention',
  "intervention de l'éducateur": 'intervention', 'intervention de l’éducateur': 'intervention', 'intervention éducateur': 'intervention',
  réorientation: 'orientation', 'orientation MDPH': 'orientation', 'orientation vers le médico-social': 'orientation',
});
/** The bilan's next step (column added by Planif AESH): the form's words, and the registers'. */
export const BILAN_NEXT_CHOICE = choice<BilanNext>(BILAN_NEXT, BILAN_NEXT_LABELS, {
  poursuite: 'poursuivre', continuer: 'poursuivre', 'à poursuivre': 'poursuivre', 'poursuite de l’accompagnement': 'poursuivre',
  "poursuite de l'accompagnement": 'poursuivre', clôturer: 'clore', clôture: 'clore', 'fin de l’accompagnement': 'clore', "fin de l'accompagnement": 'clore',
  'orienter MDPH': 'orienter_mdph', 'orientation MDPH': 'orienter_mdph', 'orientation vers la MDPH': 'orienter_mdph', MDPH: 'orienter_mdph',
  'dossier MDPH': 'orienter_mdph',
});
const PLAN_SPELLINGS = new Map<string, SchoolPlan | 'none'>([
  ...SCHOOL_PLANS.map((plan) => [valueKey(plan), plan] as const),
  ...Object.entries({
    'programme personnalisé de réussite éducative': 'PPRE', 'plan d’accompagnement personnalisé': 'PAP', "plan d'accompagnement personnalisé": 'PAP',
    'projet d’accueil individualisé': 'PAI', "projet d'accueil individualisé": 'PAI', 'projet personnalisé de scolarisation': 'PPS',
    'mesures de première attente': 'MPA', aucun: 'none', néant: 'none', non: 'none', sans: 'none',
  } satisfies Record<string, SchoolPlan | 'none'>).map(([word, plan]) => [valueKey(word), plan] as const),
]);
/** Plans: a list ("PPRE, PAP", "PPRE + PAP", "PAP et PAI"), each read like a closed value. */
export const PLANS: Choice<SchoolPlan[] | null> = {
  words: SCHOOL_PLANS,
  read: (cell) => {
    if (isBlank(cell)) return ok(null);
    const plans = new Set<SchoolPlan>();
    for (const part of shown(cell).split(/[,;+/]|\bet\b/).map((p) => p.trim()).filter((p) => p !== '')) {
      const plan = PLAN_SPELLINGS.get(valueKey(part));
      if (plan === undefined) return refuse(`« ${part} » inconnu (${SCHOOL_PLANS.join(', ')}, séparés par des virgules)`);
      if (plan !== 'none') plans.add(plan);
    }
    // In the order written: the register keeps the order the form was given, so a re-import matches it.
    return ok([...plans]);
  },
};

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
  saisines: { channel: SAISINE_CHANNEL, origin: SAISINE_ORIGIN, plans: PLANS, mdphStatus: MDPH_STATUS, status: SAISINE_STATUS, bilanNext: BILAN_NEXT_CHOICE },
  steps: { step: STEP, decision: DECISION },
  actions: { type: ACTION_TYPE },
};

export function readUai(cell: Cell): Read<string | null> {
  if (isBlank(cell)) return ok(null);
  const check = checkUai(shown(cell));
  return check.ok ? ok(check.uai) : refuse(check.message.replace(/^UAI \S+ : /, ''));
}
