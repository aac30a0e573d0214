// The PAS's rules on hand-computed cases: a saisine's status from its steps and closure, the step
// awaited and when it is overdue, the day a closed saisine is anonymised; and NO_NOTIFICATION,
// which concerns an AESH placed without a decision, not a pupil a PAS follows without one.
import { describe, expect, it } from 'vitest';
import { computeGaps } from '../../shared/gaps/gaps.ts';
import type { EngineRecord } from '../../shared/gaps/record.ts';
import { defaultGrid } from '../../shared/domain/grid.ts';
import {
  anonymisedFrom, expectedLabel, expectedStep, overdueStep, saisineStatus, type StepFacts,
} from '../../shared/domain/saisines.ts';
import { defaultSettings } from '../../electron/services/settings.ts';

const step = (n: StepFacts['step'], date: string, decision: StepFacts['decision'] = null): StepFacts => ({ step: n, date, decision });
const facts = (steps: StepFacts[], over: { closure?: 'cloturee' | 'reorientee' | 'sans_suite' | null; actionsEndOn?: string | null } = {}) => ({
  receivedOn: '2026-09-14', steps, closure: over.closure ?? null, actionsEndOn: over.actionsEndOn ?? null,
});

describe('a saisine’s status', () => {
  it('follows the highest step reached, whatever the order the steps were typed in', () => {
    expect(saisineStatus([], null)).toBe('recue');
    expect(saisineStatus([step(1, '2026-09-15')], null)).toBe('recue');
    expect(saisineStatus([step(3, '2026-10-01'), step(1, '2026-09-15'), step(2, '2026-09-20')], null)).toBe('en_analyse');
    expect(saisineStatus([step(4, '2026-10-10')], null)).toBe('pa_elaboration');
    expect(saisineStatus([step(6, '2026-11-01')], null)).toBe('mise_en_oeuvre');
    expect(saisineStatus([step(7, '2026-11-01')], null)).toBe('bilan_transmis');
  });

  it('reads the pilots’ decision on the plan: submitted, validated, or back to elaboration', () => {
    expect(saisineStatus([step(5, '2026-10-15')], null)).toBe('pa_soumis');
    expect(saisineStatus([step(5, '2026-10-15', 'valide')], null)).toBe('pa_valide');
    expect(saisineStatus([step(5, '2026-10-15', 'a_revoir')], null)).toBe('pa_elaboration');
    // Submitted again after a "à revoir": the latest submission counts.
    expect(saisineStatus([step(5, '2026-10-15', 'a_revoir'), step(5, '2026-10-29', 'valide')], null)).toBe('pa_valide');
  });

  it('is the closure once there is one, whatever the steps', () => {
    expect(saisineStatus([step(2, '2026-09-20')], 'reorientee')).toBe('reorientee');
    expect(saisineStatus([], 'sans_suite')).toBe('sans_suite');
    expect(saisineStatus([step(7, '2026-11-01')], 'cloturee')).toBe('cloturee');
  });
});

describe('the step awaited and its delay', () => {
  it('awaits the accueil from the reception, then each step from the previous one', () => {
    expect(expectedStep(facts([]), 21)).toEqual({ step: 1, decision: false, dueOn: '2026-10-05' });
    expect(expectedStep(facts([step(1, '2026-09-15'), step(2, '2026-09-22')]), 21)).toEqual({ step: 3, decision: false, dueOn: '2026-10-13' });
  });

  it('awaits the pilots’ decision, a new plan after "à revoir", and implementation after "validé"', () => {
    expect(expectedStep(facts([step(5, '2026-10-15')]), 10)).toEqual({ step: 5, decision: true, dueOn: '2026-10-25' });
    expect(expectedStep(facts([step(5, '2026-10-15', 'a_revoir')]), 10)).toEqual({ step: 5, decision: false, dueOn: '2026-10-25' });
    expect(expectedStep(facts([step(5, '2026-10-15', 'valide')]), 10)).toEqual({ step: 6, decision: false, dueOn: '2026-10-25' });
    expect(expectedLabel({ step: 5, decision: true })).toBe('Décision des pilotes sur le plan d’action');
    expect(expectedLabel({ step: 3, decision: false })).toBe('Étape 3 : observation en classe et mesures ordinaires déjà prises');
  });

  it('awaits the bilan after the plan’s last action, and nothing once it is sent or the saisine closed', () => {
    const implemented = [step(6, '2026-11-02')];
    expect(expectedStep(facts(implemented), 21)!.dueOn).toBe('2026-11-23');
    expect(expectedStep(facts(implemented, { actionsEndOn: '2027-02-05' }), 21)).toEqual({ step: 7, decision: false, dueOn: '2027-02-26' });
    expect(expectedStep(facts([step(7, '2027-03-01')]), 21)).toBeNull();
    expect(expectedStep(facts([step(2, '2026-09-20')], { closure: 'sans_suite' }), 21)).toBeNull();
  });

  it('is overdue only the day after it was due, with the days late counted across month ends', () => {
    const received = facts([]);
    expect(overdueStep(received, 21, '2026-10-05')).toBeNull();
    expect(overdueStep(received, 21, '2026-10-06')).toMatchObject({ step: 1, daysLate: 1 });
    // Across the change to winter time (25 October): still whole days.
    expect(overdueStep(received, 21, '2026-11-23')).toMatchObject({ step: 1, daysLate: 49 });
  });
});

describe('the retention period', () => {
  it('counts whole months from the closure, the last day of a shorter month standing for a missing one', () => {
    expect(anonymisedFrom('2026-07-03', 24)).toBe('2028-07-03');
    expect(anonymisedFrom('2026-01-31', 1)).toBe('2026-02-28');
    expect(anonymisedFrom('2027-01-31', 13)).toBe('2028-02-29');
    expect(anonymisedFrom('2026-11-15', 2)).toBe('2027-01-15');
  });
});

describe('NO_NOTIFICATION', () => {
  const grid = defaultGrid('4j', 'elementaire');
  const record = (slots: EngineRecord['slots']): EngineRecord => ({
    poles: [{ id: 1, code: 'PAS-1', name: 'PAS du Luberon', kind: 'PAS' }],
    schools: [{ id: 1, uai: '0840001A', name: 'École A', kind: 'elementaire', poleId: 1, commune: 'Apt', grid, latitude: null, longitude: null }],
    // Followed by the PAS through a saisine, without any MDPH file.
    pupils: [{ id: 1, identifier: 'E1', firstName: 'Jade', lastName: 'Roux', schoolId: 1, level: 'CE2', ulis: false }],
    notifications: [],
    aesh: [{ id: 1, matricule: 'A1', firstName: 'Sophie', lastName: 'Durand', poleId: 1, referent: false }],
    contracts: [{ aeshId: 1, kind: 'CDI', startDate: '2020-09-01', endDate: null, weeklyMinutes: 24 * 60 }],
    absences: [],
    slots,
    moves: [],
    settings: defaultSettings(new Date(2026, 10, 23)),
  });

  it('is no gap for a pupil a PAS follows without notification and without AESH', () => {
    expect(computeGaps(record([]), '2026-11-23')).toEqual([]);
  });

  it('is a gap for an AESH placed on that pupil, and says a notification is what an AESH needs', () => {
    const gaps = computeGaps(record([
      { id: 1, aeshId: 1, schoolId: 1, weekday: 2, startMinute: 510, endMinute: 690, nature: 'accompaniment', pupilIds: [1], validFrom: null, validTo: null },
    ]), '2026-11-23').filter((g) => g.code === 'NO_NOTIFICATION');
    expect(gaps).toEqual([expect.objectContaining({ pupil: 'E1', aesh: 'A1', severity: 'critique', poleCode: 'PAS-1' })]);
    expect(gaps[0]!.message).toBe(
      'L’AESH Sophie Durand est placé(e) auprès de Jade Roux (mardi 8 h 30–11 h 30) sans décision de la CDAPH en cours : aucune notification n’est enregistrée. '
      + 'Un AESH n’accompagne un élève que sur notification : demander la décision à la MDPH ou retirer l’élève du créneau (l’appui du PAS, lui, n’en demande pas).',
    );
  });
});
