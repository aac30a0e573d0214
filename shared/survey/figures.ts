// The figures a column of the académie's survey template can be mapped to, and their value for a
// row of the template (a pôle, the département, a degree) at a date. Each is computed from the same
// analysis and the same definitions as the indicators (shared/gaps/indicators.ts): a pôle's row of
// a filled template reads what its dashboard shows.
//
// A figure's id is its measure, then optionally the kind of aid, then the degree:
//   "notifies", "en-totalite/individuelle", "sans-aesh/mutualisee/2d", "heures-notifiees/1d", "etp".
import type { Analysis } from '../gaps/analysis.ts';
import { indicatorsOf, isNotified, pupilStatuses, type Indicators, type PupilStatus } from '../gaps/indicators.ts';
import { daysBetween } from '../gaps/week.ts';
import { isFirstDegree } from '../domain/enums.ts';
import { assertNever } from '../domain/never.ts';

export const DEGREES = ['1d', '2d'] as const;
export type Degree = (typeof DEGREES)[number];
export const DEGREE_LABELS: Record<Degree, string> = { '1d': '1er degré', '2d': '2nd degré' };
export const AIDS = ['individuelle', 'mutualisee'] as const;
export type Aid = (typeof AIDS)[number];
const AID_LABELS: Record<Aid, string> = { individuelle: 'aide individuelle', mutualisee: 'aide mutualisée' };
const AID_CATEGORY = { individuelle: 'individual', mutualisee: 'shared' } as const;

/** How a value is written: a count, hours (decimal), a rate (a fraction), ETP, days. */
export type FigureUnit = 'count' | 'hours' | 'rate' | 'etp' | 'days';
export type FigureGroup = 'Élèves' | 'Heures' | 'AESH';

interface Measure {
  label: string;
  group: FigureGroup;
  unit: FigureUnit;
  /** Split by kind of aid (individual, shared). */
  aid: boolean;
  /** Split by degree; the AESH belong to pôles, not to degrees. */
  degree: boolean;
}

const PUPIL_MEASURES = {
  'notifies': { label: 'Élèves notifiés', group: 'Élèves', unit: 'count', aid: true, degree: true },
  'en-totalite': { label: 'Accompagnés en totalité', group: 'Élèves', unit: 'count', aid: true, degree: true },
  'en-partie': { label: 'Accompagnés en partie', group: 'Élèves', unit: 'count', aid: true, degree: true },
  'sans-aesh': { label: 'Sans AESH', group: 'Élèves', unit: 'count', aid: true, degree: true },
  'taux-totalite': { label: 'Taux d’élèves accompagnés en totalité', group: 'Élèves', unit: 'rate', aid: true, degree: true },
  'attente-moyenne': { label: 'Attente moyenne des élèves sans AESH (jours)', group: 'Élèves', unit: 'days', aid: true, degree: true },
  'ulis': { label: 'Élèves d’ULIS sans notification', group: 'Élèves', unit: 'count', aid: false, degree: true },
  'ulis-accompagnes': { label: 'Élèves d’ULIS sans notification, ULIS avec AESH collectif', group: 'Élèves', unit: 'count', aid: false, degree: true },
  'heures-notifiees': { label: 'Heures notifiées (aide individuelle)', group: 'Heures', unit: 'hours', aid: false, degree: true },
  'heures-planifiees': { label: 'Heures placées (aide individuelle)', group: 'Heures', unit: 'hours', aid: false, degree: true },
  'heures-realisees': { label: 'Heures réalisées (aide individuelle)', group: 'Heures', unit: 'hours', aid: false, degree: true },
  'heures-mutualisees': { label: 'Heures placées (aide mutualisée)', group: 'Heures', unit: 'hours', aid: false, degree: true },
  'heures-pause-meridienne': { label: 'Heures de pause méridienne', group: 'Heures', unit: 'hours', aid: false, degree: true },
  'moyenne-heures': { label: 'Moyenne d’heures notifiées par élève (aide individuelle)', group: 'Heures', unit: 'hours', aid: false, degree: true },
} as const satisfies Record<string, Measure>;
const AESH_MEASURES = {
  'aesh': { label: 'AESH sous contrat (personnes)', group: 'AESH', unit: 'count', aid: false, degree: false },
  'etp': { label: 'ETP des AESH', group: 'AESH', unit: 'etp', aid: false, degree: false },
  'aesh-cdd': { label: 'AESH en CDD', group: 'AESH', unit: 'count', aid: false, degree: false },
  'aesh-cdi': { label: 'AESH en CDI', group: 'AESH', unit: 'count', aid: false, degree: false },
  'aesh-referents': { label: 'AESH référents', group: 'AESH', unit: 'count', aid: false, degree: false },
  'heures-contrat': { label: 'Heures au contrat des AESH (par semaine)', group: 'AESH', unit: 'hours', aid: false, degree: false },
  'heures-aesh-planifiees': { label: 'Heures placées des AESH (par semaine)', group: 'AESH', unit: 'hours', aid: false, degree: false },
  'heures-disponibles': { label: 'Heures disponibles des AESH (par semaine)', group: 'AESH', unit: 'hours', aid: false, degree: false },
} as const satisfies Record<string, Measure>;
type PupilMeasure = keyof typeof PUPIL_MEASURES;
type AeshMeasure = keyof typeof AESH_MEASURES;
export const MEASURES: Record<PupilMeasure | AeshMeasure, Measure> = { ...PUPIL_MEASURES, ...AESH_MEASURES };
export type MeasureKey = keyof typeof MEASURES;
const isAeshMeasure = (measure: MeasureKey): measure is AeshMeasure => Object.hasOwn(AESH_MEASURES, measure);
const MEASURE_KEYS = Object.keys(MEASURES) as MeasureKey[];

export interface Figure {
  id: string;
  label: string;
  group: FigureGroup;
  unit: FigureUnit;
  measure: MeasureKey;
  aid: Aid | null;
  degree: Degree | null;
}

/** Every figure, in the order the select lists them: each measure, then its splits. */
export const FIGURES: readonly Figure[] = MEASURE_KEYS.flatMap((measure) => {
  const m = MEASURES[measure];
  const aids: (Aid | null)[] = m.aid ? [null, ...AIDS] : [null];
  const degrees: (Degree | null)[] = m.degree ? [null, ...DEGREES] : [null];
  return aids.flatMap((aid) => degrees.map((degree): Figure => ({
    id: [measure, aid, degree].filter((part) => part !== null).join('/'),
    label: [m.label, aid === null ? null : AID_LABELS[aid], degree === null ? null : DEGREE_LABELS[degree]].filter((part) => part !== null).join(' — '),
    group: m.group, unit: m.unit, measure, aid, degree,
  })));
});
const BY_ID = new Map(FIGURES.map((f) => [f.id, f]));

export function figureOf(id: string): Figure | undefined {
  return BY_ID.get(id);
}

/** The figure of a measure with its splits, if the measure has them. */
export function figureId(measure: MeasureKey, aid: Aid | null, degree: Degree | null): string {
  const m = MEASURES[measure];
  return [measure, m.aid ? aid : null, m.degree ? degree : null].filter((part) => part !== null).join('/');
}

/** What a row of the template stands for: a pôle or the département (null), all degrees or one. */
export interface Scope {
  poleId: number | null;
  degree: Degree | null;
}

/** Why a cell has no value: the figure is not split that way, or its two degrees differ. */
export type NoValue = 'not-by-degree' | 'other-degree';
export type FigureValue = { value: number | null } | { none: NoValue };

const hours = (minutes: number): number => Math.round((minutes / 60) * 100) / 100;
const sum = (items: readonly PupilStatus[], minutes: (s: PupilStatus) => number): number => items.reduce((n, s) => n + minutes(s), 0);

/** The figures of one analysis, for any scope: pupils grouped once, the AESH read from the indicators. */
export interface SurveyFigures {
  date: string;
  indicators: Indicators;
  value(figure: Figure, scope: Scope): FigureValue;
}

export function surveyFigures(analysis: Analysis): SurveyFigures {
  const indicators = indicatorsOf(analysis);
  const statuses = pupilStatuses(analysis);
  const degreeOf = (s: PupilStatus): Degree => (isFirstDegree(s.coverage.school.kind) ? '1d' : '2d');

  function pupilValue(measure: PupilMeasure, aid: Aid | null, pupils: PupilStatus[]): number | null {
    const notified = pupils.filter((s) => (aid === null ? isNotified(s) : s.category === AID_CATEGORY[aid]));
    const individual = pupils.filter((s) => s.category === 'individual');
    const ulis = pupils.filter((s) => s.category === 'ulis');
    const count = (status: PupilStatus['status']): number => notified.filter((s) => s.status === status).length;
    switch (measure) {
      case 'notifies': return notified.length;
      case 'en-totalite': return count('full');
      case 'en-partie': return count('partial');
      case 'sans-aesh': return count('none');
      case 'taux-totalite': return notified.length === 0 ? null : Math.round((count('full') / notified.length) * 1000) / 1000;
      case 'attente-moyenne': {
        const waiting = notified.filter((s) => s.status === 'none' && s.coverage.notification !== null);
        return waiting.length === 0 ? null : Math.round(sum(waiting, (s) => daysBetween(s.coverage.notification!.startDate, analysis.date)) / waiting.length);
      }
      case 'ulis': return ulis.length;
      case 'ulis-accompagnes': return ulis.filter((s) => s.status === 'full').length;
      case 'heures-notifiees': return hours(sum(individual, (s) => s.coverage.notification?.weeklyMinutes ?? 0));
      case 'heures-planifiees': return hours(sum(individual, (s) => s.coverage.plannedMinutes));
      case 'heures-realisees': return hours(sum(individual, (s) => s.coverage.deliveredMinutes));
      case 'heures-mutualisees': return hours(sum(pupils.filter((s) => s.category === 'shared'), (s) => s.coverage.plannedMinutes));
      case 'heures-pause-meridienne': return hours(sum(pupils, (s) => s.coverage.lunchMinutes));
      case 'moyenne-heures': return individual.length === 0 ? null : hours(Math.round(sum(individual, (s) => s.coverage.notification?.weeklyMinutes ?? 0) / individual.length));
      default: return assertNever(measure, 'mesure');
    }
  }

  function aeshValue(measure: AeshMeasure, poleId: number | null): number | null {
    const pole = poleId === null ? indicators.total : indicators.poles.find((p) => p.poleId === poleId);
    if (pole === undefined) return null;
    const { aesh } = pole;
    switch (measure) {
      case 'aesh': return aesh.headcount;
      case 'etp': return aesh.etp;
      case 'aesh-cdd': return aesh.cdd;
      case 'aesh-cdi': return aesh.cdi;
      case 'aesh-referents': return aesh.referents;
      case 'heures-contrat': return hours(aesh.contractMinutes);
      case 'heures-aesh-planifiees': return hours(aesh.scheduledMinutes);
      case 'heures-disponibles': return hours(aesh.spareMinutes);
      default: return assertNever(measure, 'mesure');
    }
  }

  return {
    date: analysis.date,
    indicators,
    value(figure, scope) {
      if (figure.degree !== null && scope.degree !== null && figure.degree !== scope.degree) return { none: 'other-degree' };
      const degree = figure.degree ?? scope.degree;
      const { measure } = figure;
      if (isAeshMeasure(measure)) return degree === null ? { value: aeshValue(measure, scope.poleId) } : { none: 'not-by-degree' };
      const pupils = statuses.filter((s) => (scope.poleId === null || s.coverage.school.poleId === scope.poleId) && (degree === null || degreeOf(s) === degree));
      return { value: pupilValue(measure, figure.aid, pupils) };
    },
  };
}
