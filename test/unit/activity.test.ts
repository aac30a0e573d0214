// The period figures on hand-computed cases: school weeks around the Toussaint holidays, hours
// notified / scheduled / delivered summed over them with absences nobody covered, pupils waiting and
// breaks in support, the AESH's moves, amendments, arrivals and departures, and a PAS's saisines
// (origins, natures, delays, plans, outcomes at the end of the period).
import { describe, expect, it } from 'vitest';
import {
  easterSunday, holidayProblems, nationalHolidays, publicHolidays, SCHOOL_HOLIDAYS, schoolWeeks, termsOf, type SchoolCalendar,
} from '../../shared/activity/calendar.ts';
import { settingsSchema } from '../../shared/api/inputs.ts';
import { periodFigures } from '../../shared/activity/figures.ts';
import { median, saisineFigures, type SaisineFacts } from '../../shared/activity/saisines.ts';
import type { EngineRecord } from '../../shared/gaps/record.ts';
import { defaultGrid } from '../../shared/domain/grid.ts';
import type { StepFacts } from '../../shared/domain/saisines.ts';
import { defaultSettings } from '../../electron/services/settings.ts';

const h = (hours: number): number => hours * 60;
const grid = defaultGrid('4j', 'elementaire');
const calendar: SchoolCalendar = { yearStart: '2026-09-01', yearEnd: '2027-07-03', holidays: SCHOOL_HOLIDAYS.B };

describe('the school calendar', () => {
  it('counts the weeks with class, the Toussaint and Christmas holidays left out', () => {
    const weeks = schoolWeeks(calendar, '2026-09-01', '2026-12-31');
    // Seven weeks to Toussaint (17 Oct – 1 Nov), seven more to Noël (from 19 Dec).
    expect(weeks).toHaveLength(14);
    expect(weeks[0]).toBe('2026-08-31');
    expect(weeks).not.toContain('2026-10-19');
    expect(weeks).not.toContain('2026-10-26');
    expect(weeks.at(-1)).toBe('2026-12-14');
  });

  it('splits the year into three terms at the Christmas and spring holidays of the zone', () => {
    expect(termsOf(calendar)).toEqual([
      { label: '1er trimestre', from: '2026-09-01', to: '2026-12-18' },
      { label: '2e trimestre', from: '2026-12-19', to: '2027-04-16' },
      { label: '3e trimestre', from: '2027-04-17', to: '2027-07-03' },
    ]);
  });
});

const period = (label: string, start: string, end: string) => ({ label, start, end, verified: true });

describe('Paramètres’ holiday table', () => {
  it('names the row of a period ending before it starts, of overlapping periods and of a period without a name', () => {
    expect(holidayProblems(nationalHolidays('B'))).toEqual([]);
    expect(holidayProblems([period('Toussaint', '2026-10-17', '2026-11-01'), period('Noël', '2027-01-03', '2026-12-19')])).toEqual([
      { index: 1, message: 'Période 2 (Noël) : le dernier jour sans classe (19/12/2026) précède le premier (03/01/2027).' },
    ]);
    expect(holidayProblems([period('Toussaint', '2026-10-17', '2026-11-01'), period('Noël', '2026-12-19', '2027-01-03'), period('Pont', '2026-10-31', '2026-11-02')])).toEqual([
      { index: 2, message: 'Période 3 (Pont) chevauche la période 1 (Toussaint) : une période par jour sans classe.' },
    ]);
    expect(holidayProblems([period(' ', '2026-10-17', '2026-11-01')])).toEqual([{ index: 0, message: 'Période 1 : donnez-lui un nom (Toussaint, Hiver…).' }]);
  });

  it('is checked by the settings schema with dates typed jj/mm/aaaa, each mistake on the holidays field', () => {
    const field = settingsSchema.shape.schoolHolidays;
    expect(field.parse([period('Toussaint', '17/10/2026', '01/11/2026')])).toEqual([period('Toussaint', '2026-10-17', '2026-11-01')]);
    const refused = field.safeParse([period('Hiver', '2027-02-20', '2027-03-07'), period('Printemps', '2027-03-07', '2027-03-01')]);
    expect(refused.error?.issues.map((i) => [i.path, i.message])).toEqual([
      [[1], 'Période 2 (Printemps) : le dernier jour sans classe (01/03/2027) précède le premier (07/03/2027).'],
    ]);
  });

  it('marks the 2026-27 periods of the national calendar as to be checked, and keeps 2025-26’s as checked', () => {
    const b = nationalHolidays('B');
    expect(b.filter((h) => h.start < '2026-08-01').every((h) => h.verified)).toBe(true);
    expect(b.filter((h) => h.start > '2026-08-01').map((h) => [h.label, h.verified])).toEqual([
      ['Toussaint', false], ['Noël', false], ['Hiver', false], ['Printemps', false], ['Pont de l’Ascension', false],
    ]);
  });
});

describe('the jours fériés', () => {
  it('finds Easter, and the holidays that follow it, in 2026 and 2027', () => {
    expect(easterSunday(2026)).toBe('2026-04-05');
    expect(easterSunday(2027)).toBe('2027-03-28');
    // Checked against years known by heart: 2024 (31 March), 2025 (20 April), 2038 (25 April, the latest in the century).
    expect([2024, 2025, 2038].map(easterSunday)).toEqual(['2024-03-31', '2025-04-20', '2038-04-25']);
    expect(publicHolidays(2026).map((p) => `${p.date} ${p.label}`)).toEqual([
      '2026-01-01 Jour de l’an', '2026-04-06 Lundi de Pâques', '2026-05-01 Fête du travail', '2026-05-08 Victoire 1945', '2026-05-14 Ascension',
      '2026-05-25 Lundi de Pentecôte', '2026-07-14 Fête nationale', '2026-08-15 Assomption', '2026-11-01 Toussaint', '2026-11-11 Armistice 1918', '2026-12-25 Noël',
    ]);
    expect(publicHolidays(2027).filter((p) => ['Lundi de Pâques', 'Ascension', 'Lundi de Pentecôte'].includes(p.label)).map((p) => p.date))
      .toEqual(['2027-03-29', '2027-05-06', '2027-05-17']);
  });

  it('leaves a week counted whole when it has a jour férié, and out when every class day is a holiday or férié', () => {
    // The week of 11 November 2026 keeps its four other days of class.
    expect(schoolWeeks(calendar, '2026-11-09', '2026-11-15')).toEqual(['2026-11-09']);
    // A user's bridge from Tuesday 12 to Friday 15 May 2026 (Ascension on Thursday 14) leaves only Monday 11.
    const bridge: SchoolCalendar = { yearStart: '2025-09-01', yearEnd: '2026-07-03', holidays: [period('Pont', '2026-05-12', '2026-05-17')] };
    expect(schoolWeeks(bridge, '2026-05-11', '2026-05-17')).toEqual(['2026-05-11']);
    // Off from Monday to Wednesday and from Friday: Ascension Thursday, a férié, leaves nothing of the week.
    const longBridge: SchoolCalendar = { ...bridge, holidays: [period('Pont', '2026-05-11', '2026-05-13'), period('Pont', '2026-05-15', '2026-05-17')] };
    expect(schoolWeeks(longBridge, '2026-05-11', '2026-05-17')).toEqual([]);
    // Pentecost Monday (25 May 2026) alone does not take its week away.
    expect(schoolWeeks(bridge, '2026-05-25', '2026-05-31')).toEqual(['2026-05-25']);
  });
});

describe('school weeks with a holiday the user edited', () => {
  it('follows the edited period rather than the national one', () => {
    // The user moved the winter holidays of 2027 a week earlier (zone B: 20 February – 7 March).
    const edited: SchoolCalendar = {
      ...calendar,
      holidays: calendar.holidays.map((h) => (h.label === 'Hiver' && h.start === '2027-02-20' ? { ...h, start: '2027-02-13', end: '2027-02-28', verified: true } : h)),
    };
    expect(schoolWeeks(calendar, '2027-02-08', '2027-03-14')).toEqual(['2027-02-08', '2027-02-15', '2027-03-08']);
    expect(schoolWeeks(edited, '2027-02-08', '2027-03-14')).toEqual(['2027-02-08', '2027-03-01', '2027-03-08']);
  });
});

/** One PIAL (an école) and one PAS; Sophie and Karim accompany four pupils of the PIAL. */
function record(): EngineRecord {
  const slot = (id: number, aeshId: number, weekday: 1 | 2 | 4 | 5, pupilIds: number[], hours: number, validFrom: string | null = null) =>
    ({ id, aeshId, schoolId: 1, weekday, startMinute: h(8.5), endMinute: h(8.5 + hours), nature: 'accompaniment' as const, pupilIds, validFrom, validTo: null });
  const notified = (id: number, pupilId: number, hours: number, startDate = '2026-09-01') =>
    ({ id, pupilId, kind: 'individual' as const, weeklyMinutes: h(hours), startDate, endDate: '2028-08-31' });
  return {
    poles: [{ id: 1, code: 'PIAL-1', name: 'PIAL d’Apt', kind: 'PIAL_1D' }, { id: 2, code: 'PAS-1', name: 'PAS de Cavaillon', kind: 'PAS' }],
    schools: [{ id: 1, uai: '0840001A', name: 'École A', kind: 'elementaire', poleId: 1, commune: 'Apt', grid, latitude: null, longitude: null }],
    pupils: [
      { id: 1, identifier: 'E1', firstName: 'Léa', lastName: 'Martin', schoolId: 1, level: 'CE1', ulis: false },
      { id: 2, identifier: 'E2', firstName: 'Hugo', lastName: 'Petit', schoolId: 1, level: 'CP', ulis: false },
      { id: 3, identifier: 'E3', firstName: 'Zoé', lastName: 'Roux', schoolId: 1, level: 'CM1', ulis: false },
      { id: 4, identifier: 'E4', firstName: 'Noé', lastName: 'Blanc', schoolId: 1, level: 'CM2', ulis: false },
    ],
    // Léa 6 h, Hugo 6 h (never placed), Zoé 3 h, Noé 2 h from 12 October.
    notifications: [notified(1, 1, 6), notified(2, 2, 6), notified(3, 3, 3), notified(4, 4, 2, '2026-10-12')],
    aesh: [
      { id: 1, matricule: 'A1', firstName: 'Sophie', lastName: 'Durand', poleId: 1, referent: false },
      { id: 2, matricule: 'A2', firstName: 'Karim', lastName: 'Benoît', poleId: 1, referent: false },
      { id: 3, matricule: 'A3', firstName: 'Nadia', lastName: 'Faure', poleId: 1, referent: false },
      { id: 4, matricule: 'A4', firstName: 'Paul', lastName: 'Roche', poleId: 2, referent: false },
    ],
    contracts: [
      { aeshId: 1, kind: 'CDD', startDate: '2024-09-01', endDate: '2026-11-20', weeklyMinutes: h(24) },
      // Karim's CDD is renewed the next day: neither a departure nor an arrival.
      { aeshId: 2, kind: 'CDD', startDate: '2023-09-01', endDate: '2026-10-31', weeklyMinutes: h(24) },
      { aeshId: 2, kind: 'CDD', startDate: '2026-11-01', endDate: '2029-08-31', weeklyMinutes: h(24) },
      { aeshId: 3, kind: 'CDD', startDate: '2026-10-05', endDate: '2029-08-31', weeklyMinutes: h(20) },
      { aeshId: 4, kind: 'CDI', startDate: '2020-09-01', endDate: null, weeklyMinutes: h(39) },
    ],
    absences: [
      // Sophie away on Tuesday 13 October: Léa loses 3 h that week, and keeps Monday's 3 h.
      { aeshId: 1, startDate: '2026-10-13', endDate: '2026-10-13', reason: null },
      // Karim away the week of 9 November: Zoé has nothing that week, a break in support.
      { aeshId: 2, startDate: '2026-11-09', endDate: '2026-11-13', reason: null },
    ],
    slots: [
      slot(1, 1, 1, [1], 3), slot(2, 1, 2, [1], 3),
      slot(3, 2, 4, [3], 3),
      // Noé is placed from 2 November, after three weeks (Toussaint included) of waiting.
      slot(4, 1, 5, [4], 2, '2026-11-02'),
    ],
    moves: [{ aeshId: 4, fromPoleId: 1, toPoleId: 2, date: '2026-10-12' }],
    settings: defaultSettings(new Date(2026, 10, 23)),
  };
}

describe('a PIAL’s support over a period crossing the Toussaint holidays', () => {
  const poles = record().poles;
  const figures = periodFigures(record(), {
    from: '2026-10-05', to: '2026-11-15', poles, calendar, saisines: [],
    amendments: [{ aeshId: 1, date: '2026-10-20', beforeMinutes: h(24), afterMinutes: h(20) }],
  });
  const pial = figures.poles[0]!;

  it('counts four school weeks, not the two weeks of holidays', () => {
    expect(figures.weeks).toEqual(['2026-10-05', '2026-10-12', '2026-11-02', '2026-11-09']);
    expect(pial.support.schoolWeeks).toBe(4);
  });

  it('sums the hours notified, scheduled and delivered over the school weeks', () => {
    // Notified: (6 + 6 + 3) h × 4 weeks + Noé's 2 h × 3 weeks = 66 h.
    expect(pial.support.notifiedMinutes).toBe(h(66));
    // Scheduled: Léa 6 h and Zoé 3 h × 4 weeks + Noé 2 h × 2 weeks = 40 h.
    expect(pial.support.scheduledMinutes).toBe(h(40));
    // Delivered: 40 h − Léa's Tuesday (3 h) − Zoé's week (3 h).
    expect(pial.support.deliveredMinutes).toBe(h(34));
    expect(pial.support.lostMinutes).toBe(h(6));
    expect(pial.support.weeks.map((w) => [w.week, w.notifiedMinutes / 60, w.scheduledMinutes / 60, w.deliveredMinutes / 60, w.waiting])).toEqual([
      ['2026-10-05', 15, 9, 9, 1],
      ['2026-10-12', 17, 9, 6, 2],
      ['2026-11-02', 17, 11, 11, 1],
      ['2026-11-09', 17, 11, 8, 1],
    ]);
  });

  it('lists the pupils who waited, and for how long', () => {
    expect(pial.support.waiting.map((w) => [w.name, w.since, w.days, w.waitingAtEnd])).toEqual([
      // Hugo, notified on 1 September, still waits on 15 November: 75 days.
      ['Hugo Petit', '2026-09-01', 75, true],
      // Noé waited from 12 October to the week of 2 November: 21 days.
      ['Noé Blanc', '2026-10-12', 21, false],
    ]);
    expect(pial.support.medianWaitDays).toBe(48);
    expect(pial.support.longestWaitDays).toBe(75);
  });

  it('finds the break in support of a pupil whose AESH was away a whole week, not a day', () => {
    expect(pial.support.breaks).toEqual([{ pupilId: 3, identifier: 'E3', name: 'Zoé Roux', from: '2026-11-09', weeks: 1 }]);
  });

  it('reads the AESH’s moves, amendments, arrivals and departures, a renewal being neither', () => {
    const names = (list: { name: string; date: string }[]): string[] => list.map((e) => `${e.name} ${e.date}`);
    expect(names(pial.aesh.arrivals)).toEqual(['Nadia Faure 2026-10-05']);
    expect(pial.aesh.departures).toEqual([]);
    expect(names(pial.aesh.movesOut)).toEqual(['Paul Roche 2026-10-12']);
    expect(pial.aesh.amendments.map((a) => a.detail)).toEqual(['24 h → 20 h par semaine']);
    const pas = figures.poles[1]!;
    expect(names(pas.aesh.movesIn)).toEqual(['Paul Roche 2026-10-12']);
    expect(pas.support.notifiedMinutes).toBe(0);
    // Sophie's contract ends on 20 November, after the period.
    const later = periodFigures(record(), { from: '2026-11-16', to: '2026-11-30', poles, calendar, saisines: [], amendments: [] });
    expect(names(later.poles[0]!.aesh.departures)).toEqual(['Sophie Durand 2026-11-20']);
    expect(later.total.aesh.movesIn).toEqual([]);
  });

  it('gives one pôle asked alone the figures it has among all (its part of the record suffices)', () => {
    const alone = periodFigures(record(), { from: '2026-10-05', to: '2026-11-15', poles: [poles[0]!], calendar, saisines: [], amendments: [] });
    expect(alone.poles[0]!.support).toEqual(pial.support);
  });

  it('adds the pôles asked for into the whole', () => {
    expect(figures.total.support.notifiedMinutes).toBe(h(66));
    expect(figures.total.aesh.movesIn).toHaveLength(1);
    expect(figures.total.aesh.movesOut).toEqual([]);
  });
});

describe('a PAS’s saisines over a period', () => {
  const step = (n: StepFacts['step'], date: string, decision: StepFacts['decision'] = null): StepFacts => ({ step: n, date, decision });
  const ecole = { uai: '0840001A', schoolName: 'École A', firstDegree: true };
  const college = { uai: '0840002B', schoolName: 'Collège B', firstDegree: false };
  const saisine = (over: Partial<SaisineFacts>): SaisineFacts => ({
    poleId: 2, receivedOn: '2026-09-07', origin: 'famille', natureLabel: 'TND', ...ecole, steps: [], closure: null, reorientedTo: null, closedOn: null, ...over,
  });
  const saisines: SaisineFacts[] = [
    saisine({ steps: [step(1, '2026-09-07'), step(2, '2026-09-10'), step(5, '2026-10-05', 'valide'), step(7, '2026-10-26')] }),
    // Sent back by the pilots on 19 October, validated on 2 November (after the period).
    saisine({ receivedOn: '2026-09-21', origin: 'equipe', natureLabel: 'Comportement', ...college,
      steps: [step(1, '2026-09-21'), step(2, '2026-09-28'), step(5, '2026-10-19', 'a_revoir'), step(5, '2026-11-02', 'valide')] }),
    saisine({ receivedOn: '2026-10-12', steps: [step(1, '2026-10-12'), step(2, '2026-10-22')], closure: 'reorientee', reorientedTo: 'mdph', closedOn: '2026-10-30' }),
    // Received before the period: only its plan, validated on 15 September, counts.
    saisine({ receivedOn: '2026-08-28', steps: [step(5, '2026-09-15', 'valide')] }),
    // Dropped after the period: still "reçue" on its last day.
    saisine({ receivedOn: '2026-10-20', origin: 'autre', natureLabel: 'Comportement', ...college, closure: 'sans_suite', closedOn: '2026-11-05' }),
  ];
  const figures = saisineFigures(saisines, '2026-09-01', '2026-10-31');

  it('counts the saisines received by origin, nature, school, degree and month', () => {
    expect(figures.received).toBe(4);
    expect(figures.byOrigin).toEqual({ famille: 2, equipe: 1, autre: 1 });
    expect(figures.byNature).toEqual([{ label: 'Comportement', count: 2 }, { label: 'TND', count: 2 }]);
    expect(figures.bySchool.map((s) => [s.label, s.count])).toEqual([['Collège B', 2], ['École A', 2]]);
    expect(figures.byDegree).toEqual({ first: 2, second: 2 });
    expect(figures.byMonth).toEqual([{ month: '2026-09', count: 2 }, { month: '2026-10', count: 2 }]);
  });

  it('measures the delays of the protocol in days: median and worst', () => {
    // First contact after 3, 7 and 10 days; plans after 28 and 28 days; one bilan 21 days after its plan.
    expect(figures.delays.firstContact).toEqual({ count: 3, medianDays: 7, worstDays: 10 });
    expect(figures.delays.plan).toEqual({ count: 2, medianDays: 28, worstDays: 28 });
    expect(figures.delays.bilan).toEqual({ count: 1, medianDays: 21, worstDays: 21 });
    expect(median([4, 1, 10, 3])).toBe(3.5);
  });

  it('counts the plans submitted and validated in the period, and where the saisines stand at its end', () => {
    expect(figures.plansSubmitted).toBe(3);
    expect(figures.plansValidated).toBe(2);
    expect(Object.entries(figures.outcomes).filter(([, n]) => n > 0)).toEqual([
      ['recue', 1], ['pa_elaboration', 1], ['bilan_transmis', 1], ['reorientee', 1],
    ]);
    expect(figures.reoriented).toEqual({ mdph: 1, enseignant_referent: 0, medico_social: 0 });
  });
});
