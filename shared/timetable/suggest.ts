// Who could serve a pupil at a given time: the AESH of the pôle, ranked. Each criterion adds to
// the score and to the reasons shown, so that the coordinator sees why one comes first.
import { formatHours } from '../domain/hours.ts';
import { WEEKDAY_LABELS, type Weekday } from '../domain/enums.ts';
import { absenceOn, workedMinutes, type Analysis } from '../gaps/analysis.ts';
import type { EngineAesh } from '../gaps/record.ts';
import { fold } from '../domain/collate.ts';
import { indexesOf } from '../gaps/indexes.ts';

export interface Wanted {
  poleId: number;
  pupilId: number | null;
  schoolId: number;
  weekday: Weekday;
  startMinute: number;
  endMinute: number;
  /** The slot being edited, left out of the AESH's week (it is what we are placing). */
  slotId: number | null;
}

export interface Suggestion {
  aesh: EngineAesh;
  score: number;
  /** Free at that time and within their contract: can take it without creating a conflict. */
  fits: boolean;
  reasons: string[];
}

// Weights: being free dominates, then contract hours left, then being there already, then the
// journey, then skills. Ties go to the AESH with more hours left.
const FREE = 100;
const BUSY = -200;
const HOURS_LEFT = 40;
const NO_HOURS = -60;
const SAME_SCHOOL_DAY = 25;
const SAME_SCHOOL = 10;
const JOURNEY_SHORT = -30;
const SKILL = 8;

const words = (text: string | null | undefined): string[] => fold(text ?? '').split(/[^a-z0-9]+/).filter((w) => w.length > 2);

export function suggestAesh(analysis: Analysis, wanted: Wanted, limit = 5): Suggestion[] {
  const school = analysis.schoolById.get(wanted.schoolId);
  const needed = wanted.endMinute - wanted.startMinute;
  const activities = wanted.pupilId === null ? [] : words(analysis.coverageByPupil.get(wanted.pupilId)?.notification?.activities);
  const suggestions: Suggestion[] = [];
  for (const load of analysis.loads) {
    const { aesh, contract } = load;
    if (load.poleId !== wanted.poleId) continue;
    const day = analysis.week[wanted.weekday];
    if (absenceOn(analysis.absencesOf, aesh.id, day) !== undefined || contract === null) continue;
    const slots = load.slots.filter((s) => s.id !== wanted.slotId);
    const sameDay = slots.filter((s) => s.weekday === wanted.weekday);
    const reasons: string[] = [];
    let score = 0;
    const clash = sameDay.find((s) => s.startMinute < wanted.endMinute && wanted.startMinute < s.endMinute);
    if (clash === undefined) {
      score += FREE;
      reasons.push(`libre le ${WEEKDAY_LABELS[wanted.weekday]} ${formatHours(wanted.startMinute)}–${formatHours(wanted.endMinute)}`);
    } else {
      score += BUSY;
      reasons.push(`déjà occupé(e) ${formatHours(clash.startMinute)}–${formatHours(clash.endMinute)} à ${analysis.schoolById.get(clash.schoolId)?.name ?? '?'}`);
    }
    const edited = wanted.slotId === null ? undefined : load.slots.find((s) => s.id === wanted.slotId);
    const worked = workedMinutes(load) - (edited ? edited.endMinute - edited.startMinute : 0);
    const left = contract.weeklyMinutes - worked;
    if (left >= needed) {
      score += HOURS_LEFT + left / 60;
      reasons.push(`${formatHours(left)} disponibles au contrat`);
    } else {
      score += NO_HOURS + left / 60;
      reasons.push(left > 0 ? `seulement ${formatHours(left)} disponibles au contrat` : 'contrat déjà plein');
    }
    if (sameDay.some((s) => s.schoolId === wanted.schoolId)) {
      score += SAME_SCHOOL_DAY;
      reasons.push(`déjà à ${school?.name ?? 'l’établissement'} ce jour-là`);
    } else if (slots.some((s) => s.schoolId === wanted.schoolId)) {
      score += SAME_SCHOOL;
      reasons.push(`travaille déjà à ${school?.name ?? 'l’établissement'}`);
    }
    const before = sameDay.filter((s) => s.endMinute <= wanted.startMinute).at(-1);
    if (before !== undefined && before.schoolId !== wanted.schoolId && school !== undefined) {
      const from = analysis.schoolById.get(before.schoolId)!;
      const journey = indexesOf(analysis.record).journeyBetween(from.id, school.id);
      const available = wanted.startMinute - before.endMinute;
      if (journey.minutes > available) {
        score += JOURNEY_SHORT;
        reasons.push(`trajet trop court depuis ${from.name} (${journey.minutes} min pour ${available})`);
      } else {
        reasons.push(`trajet de ${journey.minutes} min depuis ${from.name}`);
      }
    }
    const matching = (aesh.skills ?? []).filter((skill) => words(skill).some((w) => activities.includes(w)));
    if (matching.length > 0) {
      score += SKILL * matching.length;
      reasons.push(`compétences : ${matching.join(', ')}`);
    }
    suggestions.push({ aesh, score, fits: clash === undefined && left >= needed, reasons });
  }
  return suggestions.sort((a, b) => b.score - a.score).slice(0, limit);
}
