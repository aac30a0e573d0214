// "Qui peut accompagner cet élève ?": each AESH of the pupil's pôle, with what they alone could add
// for the pupil this week within the hard rules (the placer run with that AESH only, so the checks
// are the proposals' own), ranked by the hours they could cover, then continuity, then the
// timetable editor's suggestion score for their first block (shared/timetable/suggest.ts: free at
// that time, hours left, already in the school, journey, skills), whose reasons are shown too.
import type { IsoDate } from '../domain/dates.ts';
import { formatHours } from '../domain/hours.ts';
import { WEEKDAY_LABELS } from '../domain/enums.ts';
import { analyse } from '../gaps/analysis.ts';
import type { EngineRecord } from '../gaps/record.ts';
import { suggestAesh } from '../timetable/suggest.ts';
import { construct } from './placer.ts';
import { buildProblem } from './problem.ts';
import { DEFAULT_OPTIONS } from './types.ts';

export interface AeshCandidate {
  aeshId: number;
  name: string;
  matricule: string;
  /** Minutes this AESH could add for the pupil this week, within the hard rules. */
  coveredMinutes: number;
  journeyMinutesAdded: number;
  /** Already accompanies the pupil, or already works at the pupil's school. */
  continuity: boolean;
  /** Contract minutes not yet scheduled this week. */
  freeMinutes: number;
  reasons: string[];
}

export function candidatesFor(record: EngineRecord, pupilId: number, date: IsoDate): AeshCandidate[] {
  const pupil = record.pupils.find((p) => p.id === pupilId);
  const poleId = record.schools.find((s) => s.id === pupil?.schoolId)?.poleId ?? null;
  if (pupil === undefined || poleId === null) return [];
  const problem = buildProblem(record, poleId, { ...DEFAULT_OPTIONS, date });
  const unit = problem.units.find((u) => u.pupilIds.includes(pupilId));
  const analysis = analyse(problem.workspace, date);
  const accompanying = new Set(analysis.coverageByPupil.get(pupilId)?.slots.map((s) => s.aeshId) ?? []);
  const ranked = problem.aesh.map((aesh) => {
    const construction = unit === undefined ? null : construct({ ...problem, aesh: [aesh], units: [unit] });
    const blocks = construction?.placements ?? [];
    const coveredMinutes = blocks.reduce((sum, b) => sum + b.end - b.start, 0);
    const first = blocks[0];
    const suggestion = first === undefined ? undefined : suggestAesh(analysis, {
      poleId, pupilId, schoolId: first.schoolId, weekday: first.weekday, startMinute: first.start, endMinute: first.end, slotId: null,
    }, Number.POSITIVE_INFINITY).find((s) => s.aesh.id === aesh.id);
    const continuity = accompanying.has(aesh.id) || aesh.week.some((e) => e.schoolId === pupil.schoolId);
    const reasons = [
      ...(blocks.length > 0 ? [`peut ajouter ${formatHours(coveredMinutes)} : ${blocks.map((b) => `${WEEKDAY_LABELS[b.weekday]} ${formatHours(b.start)}–${formatHours(b.end)}`).join(', ')}`] : []),
      ...(accompanying.has(aesh.id) ? ['accompagne déjà l’élève'] : []),
      ...(suggestion?.reasons ?? []),
      ...(unit === undefined ? ['l’élève a déjà ses heures notifiées (ou son aide mutualisée)'] : []),
      ...(construction !== null && blocks.length === 0 ? [construction.reasons.get(0) ?? 'aucun créneau possible'] : []),
    ];
    return {
      candidate: {
        aeshId: aesh.id, name: `${analysis.aeshById.get(aesh.id)!.firstName} ${analysis.aeshById.get(aesh.id)!.lastName}`, matricule: aesh.matricule,
        coveredMinutes, journeyMinutesAdded: blocks.reduce((sum, b) => sum + b.journeyMinutes, 0), continuity,
        freeMinutes: Math.max(0, aesh.contractMinutes - aesh.workedMinutes), reasons,
      },
      score: suggestion?.score ?? Number.NEGATIVE_INFINITY,
    };
  });
  return ranked
    .sort((a, b) => b.candidate.coveredMinutes - a.candidate.coveredMinutes
      || Number(b.candidate.continuity) - Number(a.candidate.continuity)
      || b.score - a.score
      || a.candidate.journeyMinutesAdded - b.candidate.journeyMinutesAdded
      || b.candidate.freeMinutes - a.candidate.freeMinutes)
    .map((r) => r.candidate);
}
