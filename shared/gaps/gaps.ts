// Every gap in support for a date, from one analysis of the record (see analysis.ts for how the
// week is read). Each code has its own small function; computeGaps runs them all and sorts.
import { addDaysIso, formatDate, rangesOverlap, type IsoDate } from '../domain/dates.ts';
import { NOTIFICATION_KIND_LABELS, WEEKDAY_LABELS } from '../domain/enums.ts';
import { withinGrid } from '../domain/grid.ts';
import { countOf, deName } from '../domain/french.ts';
import { formatHours } from '../domain/hours.ts';
import { absenceOn, analyse, derivationOf, poleCodeOf, workedMinutes, type AeshLoad, type Analysis, type PupilCoverage, type WeekSlot } from './analysis.ts';
import type { EngineAesh, EnginePupil, EngineRecord, EngineSchool } from './record.ts';
import { SEVERITIES, type Gap, type GapCode, type Severity } from './types.ts';
import { daysBetween, uncoveredLength } from './week.ts';

const pupilName = (p: EnginePupil): string => `${p.firstName} ${p.lastName}`;
const aeshName = (a: EngineAesh): string => `${a.firstName} ${a.lastName}`;
const when = (s: WeekSlot): string => `${WEEKDAY_LABELS[s.weekday]} ${formatHours(s.startMinute)}–${formatHours(s.endMinute)}`;

interface GapFacts {
  severity: Severity;
  school?: EngineSchool | null;
  pupil?: EnginePupil | null;
  aesh?: EngineAesh | null;
  /** The pôle the gap belongs to; by default the school's, else the AESH's. */
  poleId?: number | null;
  missingMinutes?: number | null;
  slots?: readonly WeekSlot[];
  notificationId?: number | null;
  message: string;
}

function makeGap(analysis: Analysis, code: GapCode, facts: GapFacts): Gap {
  const school = facts.school ?? (facts.pupil ? analysis.schoolById.get(facts.pupil.schoolId) ?? null : null);
  const poleId = facts.poleId !== undefined ? facts.poleId : school?.poleId ?? facts.aesh?.poleId ?? null;
  return {
    code,
    severity: facts.severity,
    poleId,
    poleCode: poleCodeOf(analysis, poleId),
    schoolId: school?.id ?? null,
    uai: school?.uai ?? null,
    pupilId: facts.pupil?.id ?? null,
    pupil: facts.pupil?.identifier ?? null,
    pupilName: facts.pupil ? pupilName(facts.pupil) : null,
    aeshId: facts.aesh?.id ?? null,
    aesh: facts.aesh?.matricule ?? null,
    aeshName: facts.aesh ? aeshName(facts.aesh) : null,
    missingMinutes: facts.missingMinutes ?? null,
    slotIds: facts.slots?.map((s) => s.id) ?? [],
    notificationId: facts.notificationId ?? null,
    message: facts.message,
  };
}

const NONE: Gap[] = [];

function pupilSupportGaps(analysis: Analysis, c: PupilCoverage): Gap[] {
  const n = c.notification;
  if (n === null) return NONE;
  const missingHours = n.kind === 'individual' && n.weeklyMinutes !== null && c.plannedMinutes < n.weeklyMinutes;
  if (c.plannedMinutes > 0 && !missingHours) return NONE;
  // The phrases are built only for pupils with a gap: most notified pupils have none.
  const who = `${pupilName(c.pupil)} (${c.pupil.level ?? 'niveau ?'}, ${c.school.name})`;
  const pole = c.school.poleId === null ? 'du pôle' : `du pôle ${analysis.poleById.get(c.school.poleId)?.code ?? ''}`;
  if (c.plannedMinutes === 0) {
    const what = n.kind === 'individual' ? `notification individuelle de ${formatHours(n.weeklyMinutes ?? 0)}` : 'notification mutualisée';
    return [makeGap(analysis, 'NO_SUPPORT', {
      severity: 'critique', pupil: c.pupil, missingMinutes: n.kind === 'individual' ? n.weeklyMinutes : null,
      message: `${who} : ${what} en cours depuis le ${formatDate(n.startDate)} (${daysBetween(n.startDate, analysis.date)} jours), aucun AESH placé. Placer un AESH ${pole} ou signaler un besoin de recrutement.`,
    })];
  }
  const notified = n.weeklyMinutes ?? 0;
  const missing = notified - c.plannedMinutes;
  return [makeGap(analysis, 'UNDER_HOURS', {
    severity: 'alerte', pupil: c.pupil, missingMinutes: missing,
    message: `${who} : ${formatHours(c.plannedMinutes)} planifiées sur ${formatHours(notified)} notifiées, il manque ${formatHours(missing)} par semaine. Compléter l’emploi du temps avec un AESH ${pole}.`,
  })];
}

function absenceGaps(analysis: Analysis, c: PupilCoverage): Gap[] {
  let lost: Map<number, { minutes: number; slots: WeekSlot[] }> | null = null;
  for (const slot of c.slots) {
    if (!analysis.absentSlots.has(slot.id)) continue;
    const missing = uncoveredLength([slot.startMinute, slot.endMinute], c.presentCover.get(slot.weekday) ?? []);
    if (missing <= 0) continue;
    lost ??= new Map();
    const entry = lost.get(slot.aeshId) ?? { minutes: 0, slots: [] };
    entry.minutes += missing;
    entry.slots.push(slot);
    lost.set(slot.aeshId, entry);
  }
  if (lost === null) return NONE;
  return [...lost].map(([aeshId, { minutes, slots }]) => {
    const aesh = analysis.aeshById.get(aeshId)!;
    const day = analysis.week[slots[0]!.weekday];
    const absence = absenceOn(analysis.absencesOf, aeshId, day);
    const period = absence ? ` du ${formatDate(absence.startDate)} au ${formatDate(absence.endDate)}${absence.reason ? ` (${absence.reason})` : ''}` : '';
    return makeGap(analysis, 'ABSENCE_UNCOVERED', {
      severity: c.notification?.kind === 'individual' ? 'critique' : 'alerte', pupil: c.pupil, aesh, missingMinutes: minutes, slots,
      message: `${aeshName(aesh)} est absent(e)${period} : ${pupilName(c.pupil)} perd ${formatHours(minutes)} cette semaine (${slots.map(when).join(', ')}) sans remplaçant. Placer un créneau de remplacement valable sur la période d’absence.`,
    });
  });
}

/**
 * An AESH placed on a pupil without a CDAPH decision in force. Only AESH time counts: a pupil
 * without notification is no gap in itself (a PAS follows many, through its saisines, with the
 * first-level help of its binôme and the teaching team), nor is the collective time of an ULIS.
 */
function noNotificationGaps(analysis: Analysis): Gap[] {
  const seen = new Map<string, { pupil: EnginePupil; aesh: EngineAesh; slots: WeekSlot[] }>();
  for (const slot of analysis.weekSlots) {
    if (slot.nature === 'ulis') continue;
    for (const pupilId of slot.pupilIds) {
      if (analysis.coverageByPupil.get(pupilId)?.notification !== null) continue;
      const key = `${pupilId}/${slot.aeshId}`;
      const entry = seen.get(key) ?? { pupil: analysis.pupilById.get(pupilId)!, aesh: analysis.aeshById.get(slot.aeshId)!, slots: [] };
      entry.slots.push(slot);
      seen.set(key, entry);
    }
  }
  return [...seen.values()].map(({ pupil, aesh, slots }) => {
    const last = (analysis.notificationsOf.get(pupil.id) ?? []).filter((n) => n.endDate < analysis.date).map((n) => n.endDate).sort().at(-1);
    const why = last ? `sa notification a pris fin le ${formatDate(last)}` : 'aucune notification n’est enregistrée';
    return makeGap(analysis, 'NO_NOTIFICATION', {
      severity: 'critique', pupil, aesh, slots,
      message: `L’AESH ${aeshName(aesh)} est placé(e) auprès de ${pupilName(pupil)} (${slots.map(when).join(', ')}) sans décision de la CDAPH en cours : ${why}. Un AESH n’accompagne un élève que sur notification : demander la décision à la MDPH ou retirer l’élève du créneau (l’appui du PAS, lui, n’en demande pas).`,
    });
  });
}

function notificationConflictGaps(analysis: Analysis): Gap[] {
  const gaps: Gap[] = [];
  for (const [pupilId, list] of analysis.notificationsOf) {
    if (list.length < 2) continue;
    const individual = list.filter((n) => n.kind === 'individual');
    const shared = list.filter((n) => n.kind === 'shared');
    const clash = individual.flatMap((i) => shared.filter((s) => rangesOverlap(i.startDate, i.endDate, s.startDate, s.endDate)).map((s) => [i, s] as const))[0];
    if (clash === undefined) continue;
    const pupil = analysis.pupilById.get(pupilId)!;
    const [i, s] = clash;
    // The usual case is a new decision replacing the previous one: its fix closes the previous one
    // the day before. Two decisions starting the same day have no previous one to close.
    const later = i.startDate === s.startDate ? null : i.startDate > s.startDate ? i : s;
    gaps.push(makeGap(analysis, 'NOTIFICATION_CONFLICT', {
      severity: 'alerte', pupil, notificationId: later?.id ?? null,
      message: `${pupilName(pupil)} a une notification ${NOTIFICATION_KIND_LABELS.individual} (${formatDate(i.startDate)}–${formatDate(i.endDate)}) et une notification ${NOTIFICATION_KIND_LABELS.shared} (${formatDate(s.startDate)}–${formatDate(s.endDate)}) sur la même période, ce que l’article D.351-16-1 interdit. Vérifier la décision de la CDAPH : ${later === null
        ? 'les deux commencent le même jour, corriger les dates à la main.'
        : `d’ordinaire la nouvelle (${NOTIFICATION_KIND_LABELS[later.kind]}, du ${formatDate(later.startDate)}) remplace la précédente, à clore la veille.`}`,
    }));
  }
  return gaps;
}

function aeshGaps(analysis: Analysis, load: AeshLoad): Gap[] {
  const { settings } = analysis.record;
  const gaps: Gap[] = [];
  const { aesh, contract, slots, poleId } = load;
  if (slots.length === 0) return NONE;
  for (let i = 0; i < slots.length; i += 1) {
    for (let j = i + 1; j < slots.length && slots[j]!.weekday === slots[i]!.weekday && slots[j]!.startMinute < slots[i]!.endMinute; j += 1) {
      const [a, b] = [slots[i]!, slots[j]!];
      gaps.push(makeGap(analysis, 'OVERLAP', {
        severity: 'critique', aesh, school: analysis.schoolById.get(b.schoolId)!, poleId, slots: [a, b],
        message: `${aeshName(aesh)} est placé(e) deux fois à la fois : ${when(a)} (${analysis.schoolById.get(a.schoolId)!.name}) et ${when(b)} (${analysis.schoolById.get(b.schoolId)!.name}). Déplacer ou raccourcir l’un des deux créneaux.`,
      }));
    }
  }
  for (const leg of load.legs) {
    if (leg.available >= leg.journey.minutes) continue;
    const from = analysis.schoolById.get(leg.from.schoolId)!;
    const to = analysis.schoolById.get(leg.to.schoolId)!;
    const basis = leg.journey.known === 'measured' ? 'd’après les coordonnées' : leg.journey.known === 'commune' ? 'dans la même commune' : 'trajet inconnu : renseigner les coordonnées des établissements';
    gaps.push(makeGap(analysis, 'TRAVEL_TIME', {
      severity: leg.journey.known === 'measured' ? 'critique' : leg.journey.known === 'commune' ? 'alerte' : 'info',
      aesh, school: to, poleId, missingMinutes: leg.journey.minutes - leg.available, slots: [leg.from, leg.to],
      message: `${aeshName(aesh)} a ${leg.available} min pour aller de ${from.name} à ${to.name} le ${WEEKDAY_LABELS[leg.to.weekday]} à ${formatHours(leg.to.startMinute)}, il en faut ${leg.journey.minutes} (${basis}). Décaler le créneau suivant.`,
    }));
  }
  for (const slot of slots) {
    const school = analysis.schoolById.get(slot.schoolId)!;
    if (slot.nature !== 'lunch' && !withinGrid(school.grid, slot.weekday, slot.startMinute, slot.endMinute)) {
      gaps.push(makeGap(analysis, 'OUTSIDE_SCHOOL_HOURS', {
        severity: 'alerte', aesh, school, slots: [slot],
        message: `Le créneau ${deName(aeshName(aesh))} ${when(slot)} sort des horaires de ${school.name}. Ajuster le créneau ou les horaires de l’établissement.`,
      }));
    }
  }
  let outside: Map<EngineSchool, WeekSlot[]> | null = null;
  for (const slot of slots) {
    const school = analysis.schoolById.get(slot.schoolId)!;
    if (poleId !== null && school.poleId !== null && school.poleId !== poleId) {
      outside ??= new Map();
      outside.set(school, [...outside.get(school) ?? [], slot]);
    }
  }
  for (const [school, there] of outside ?? []) {
    gaps.push(makeGap(analysis, 'OUT_OF_POLE', {
      severity: 'alerte', aesh, school, slots: there,
      message: `${aeshName(aesh)} (pôle ${analysis.poleById.get(poleId!)?.code}) travaille à ${school.name}, dans le pôle ${analysis.poleById.get(school.poleId!)?.code}. Rattacher l’AESH au bon pôle (avenant) ou confier ces créneaux à un AESH du pôle.`,
    }));
  }
  const served = (): number => new Set(slots.flatMap((s) => s.pupilIds)).size;
  if (contract === null) {
    gaps.push(makeGap(analysis, 'CONTRACT_ENDS', {
      severity: 'critique', aesh, poleId, slots,
      message: `${aeshName(aesh)} n’a pas de contrat en cours le ${formatDate(analysis.date)} mais a ${countOf(slots.length, 'créneau', 'créneaux')} et ${countOf(served(), 'élève')}. Enregistrer le contrat ou réaffecter les créneaux.`,
    }));
    return gaps;
  }
  if (contract.endDate !== null && contract.endDate < settings.schoolYearEnd) {
    gaps.push(makeGap(analysis, 'CONTRACT_ENDS', {
      severity: 'alerte', aesh, poleId,
      message: `Le ${contract.kind} ${deName(aeshName(aesh))} prend fin le ${formatDate(contract.endDate)}, avant la fin de l’année scolaire (${formatDate(settings.schoolYearEnd)}) ; ${countOf(served(), 'élève en dépend', 'élèves en dépendent')}. Renouveler le contrat ou préparer la reprise des créneaux.`,
    }));
  }
  const worked = workedMinutes(load);
  if (worked > contract.weeklyMinutes) {
    gaps.push(makeGap(analysis, 'OVER_CONTRACT', {
      severity: 'alerte', aesh, poleId, missingMinutes: worked - contract.weeklyMinutes, slots,
      message: `${aeshName(aesh)} est planifié(e) ${formatHours(worked)} par semaine (accompagnement ${formatHours(load.schoolMinutes)}, pause méridienne ${formatHours(load.lunchMinutes)}, trajets ${formatHours(load.travelMinutes)}) pour ${formatHours(contract.weeklyMinutes)} au contrat : ${formatHours(worked - contract.weeklyMinutes)} de trop. Retirer des créneaux ou établir un avenant.`,
    }));
  }
  return gaps;
}

const expiryLimits = new WeakMap<Analysis, IsoDate>();

/** The last day of end of a notification that is flagged as expiring: computed once per analysis, the pupils are many. */
function expiryLimit(analysis: Analysis): IsoDate {
  let limit = expiryLimits.get(analysis);
  if (limit === undefined) {
    limit = addDaysIso(analysis.date, analysis.record.settings.expiringNoticeDays);
    expiryLimits.set(analysis, limit);
  }
  return limit;
}

function expiringGaps(analysis: Analysis, c: PupilCoverage): Gap[] {
  const n = c.notification;
  if (n === null || n.endDate > expiryLimit(analysis)) return NONE;
  // A renewal already recorded (starting by the day after) means nothing will break.
  const next = addDaysIso(n.endDate, 1);
  if (analysis.notificationsOf.get(n.pupilId)!.some((o) => o !== n && o.startDate <= next && o.endDate > n.endDate)) return NONE;
  return [makeGap(analysis, 'NOTIFICATION_EXPIRING', {
    severity: 'info', pupil: c.pupil,
    message: `La notification ${NOTIFICATION_KIND_LABELS[n.kind]} ${deName(pupilName(c.pupil))} prend fin le ${formatDate(n.endDate)} (dans ${daysBetween(analysis.date, n.endDate)} jours). Vérifier avec la famille que le renouvellement a été demandé à la MDPH.`,
  })];
}

/**
 * The gaps of each pupil and AESH that has some, kept with the analysis: an analysis derived from
 * another (analysis.ts) takes those of the pupils and AESH no write touched from it, since their
 * gaps are the same, and computes only the others.
 */
interface GapsByEntity { pupils: Map<number, Gap[]>; aesh: Map<number, Gap[]>; all: Gap[] }
const gapsByAnalysis = new WeakMap<Analysis, GapsByEntity>();

function pupilGaps(analysis: Analysis, coverage: PupilCoverage): Gap[] {
  const support = coverage.notification === null ? NONE : pupilSupportGaps(analysis, coverage);
  const expiring = coverage.notification === null ? NONE : expiringGaps(analysis, coverage);
  const absence = coverage.slots.length > 0 && analysis.absentSlots.size > 0 ? absenceGaps(analysis, coverage) : NONE;
  // Most pupils have no gap: nothing is allocated for them.
  return support.length + expiring.length + absence.length === 0 ? NONE : [...support, ...expiring, ...absence];
}

const SEVERITY_ORDER = new Map(SEVERITIES.map((s, i) => [s, i]));
// Codes, pôle codes, identifiers and matricules are plain ASCII: a byte comparison sorts them, and
// is much cheaper than localeCompare over thousands of gaps.
const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Every gap of the record on `date`, most severe first, then by pôle; computed once per analysis.
 * Gaps that tie in that order are of one pupil or one AESH and one code, and keep the order in
 * which they are found.
 */
export function gapsOf(analysis: Analysis): Gap[] {
  const known = gapsByAnalysis.get(analysis);
  if (known !== undefined) return known.all;
  const derivation = derivationOf(analysis);
  const previous = derivation?.previous.deref();
  const before = previous === undefined ? undefined : gapsByAnalysis.get(previous);
  const gaps: Gap[] = [];
  const mine: GapsByEntity = { pupils: new Map(), aesh: new Map(), all: gaps };
  const keep = (byId: Map<number, Gap[]>, id: number, found: Gap[]): void => {
    if (found.length === 0) return;
    byId.set(id, found);
    for (const gap of found) gaps.push(gap);
  };
  for (const coverage of analysis.pupils) {
    const id = coverage.pupil.id;
    keep(mine.pupils, id, before === undefined || derivation!.pupils.has(id) ? pupilGaps(analysis, coverage) : before.pupils.get(id) ?? NONE);
  }
  for (const load of analysis.loads) {
    const id = load.aesh.id;
    keep(mine.aesh, id, before === undefined || derivation!.aesh.has(id) ? aeshGaps(analysis, load) : before.aesh.get(id) ?? NONE);
  }
  gaps.push(...noNotificationGaps(analysis), ...notificationConflictGaps(analysis));
  gapsByAnalysis.set(analysis, mine);
  return gaps.sort((a, b) =>
    SEVERITY_ORDER.get(a.severity)! - SEVERITY_ORDER.get(b.severity)!
    || compare(a.poleCode ?? '~', b.poleCode ?? '~')
    || compare(a.code, b.code)
    || compare(a.pupil ?? a.aesh ?? '', b.pupil ?? b.aesh ?? ''));
}

export function computeGaps(record: EngineRecord, date: IsoDate): Gap[] {
  return gapsOf(analyse(record, date));
}
