import { describe, expect, it } from 'vitest';
import { computeIndicators } from '../../shared/gaps/indicators.ts';
import type { EngineRecord } from '../../shared/gaps/record.ts';
import { defaultGrid } from '../../shared/domain/grid.ts';
import { defaultSettings } from '../../electron/services/settings.ts';

const h = (hours: number): number => hours * 60;
const grid = defaultGrid('4j', 'elementaire');

/** Two pôles: P1 with an école (Léa 12 h in full, Hugo 12 h in part, Zoé shared without AESH) and P2 with a collège. */
function record(): EngineRecord {
  const slot = (id: number, aeshId: number, schoolId: number, weekday: 1 | 2 | 4 | 5, pupilIds: number[], nature: 'accompaniment' | 'ulis' | 'lunch' = 'accompaniment') =>
    ({ id, aeshId, schoolId, weekday, startMinute: h(8.5), endMinute: h(11.5), nature, pupilIds, validFrom: null, validTo: null });
  return {
    poles: [{ id: 1, code: 'P1', name: 'Pôle 1', kind: 'PIAL_1D' }, { id: 2, code: 'P2', name: 'Pôle 2', kind: 'PIAL_2D' }],
    schools: [
      { id: 1, uai: '0840001A', name: 'École A', kind: 'elementaire', poleId: 1, commune: 'Apt', grid, latitude: null, longitude: null },
      { id: 2, uai: '0840002B', name: 'Collège B', kind: 'college', poleId: 2, commune: 'Apt', grid, latitude: null, longitude: null },
    ],
    pupils: [
      { id: 1, identifier: 'E1', firstName: 'Léa', lastName: 'Martin', schoolId: 1, level: 'CE1', ulis: false },
      { id: 2, identifier: 'E2', firstName: 'Hugo', lastName: 'Petit', schoolId: 1, level: 'CP', ulis: false },
      { id: 3, identifier: 'E3', firstName: 'Zoé', lastName: 'Roux', schoolId: 1, level: 'CM1', ulis: false },
      { id: 4, identifier: 'E4', firstName: 'Inès', lastName: 'Faure', schoolId: 2, level: '6e', ulis: true },
      { id: 5, identifier: 'E5', firstName: 'Paul', lastName: 'Noël', schoolId: 2, level: '5e', ulis: false },
    ],
    notifications: [
      { id: 1, pupilId: 1, kind: 'individual', weeklyMinutes: h(12), startDate: '2026-09-01', endDate: '2028-08-31' },
      { id: 2, pupilId: 2, kind: 'individual', weeklyMinutes: h(12), startDate: '2026-09-01', endDate: '2028-08-31' },
      { id: 3, pupilId: 3, kind: 'shared', weeklyMinutes: null, startDate: '2026-10-24', endDate: '2028-08-31' },
    ],
    aesh: [
      { id: 1, matricule: 'A1', firstName: 'Sophie', lastName: 'Durand', poleId: 1, referent: false },
      { id: 2, matricule: 'A2', firstName: 'Karim', lastName: 'Benoît', poleId: 1, referent: true },
      { id: 3, matricule: 'A3', firstName: 'Nadia', lastName: 'Blanc', poleId: 2, referent: false },
    ],
    contracts: [
      { aeshId: 1, kind: 'CDI', startDate: '2020-09-01', endDate: null, weeklyMinutes: h(24) },
      { aeshId: 2, kind: 'CDD', startDate: '2025-09-01', endDate: '2028-08-31', weeklyMinutes: h(24) },
      { aeshId: 3, kind: 'CDD', startDate: '2025-09-01', endDate: '2028-08-31', weeklyMinutes: h(39) },
    ],
    // Karim is away on Tuesday: Hugo's Tuesday morning is not delivered.
    absences: [{ aeshId: 2, startDate: '2026-11-24', endDate: '2026-11-24', reason: null }],
    slots: [
      slot(1, 1, 1, 1, [1]), slot(2, 1, 1, 2, [1]), slot(3, 1, 1, 4, [1]), slot(4, 1, 1, 5, [1]),
      slot(5, 2, 1, 1, [2]), slot(6, 2, 1, 2, [2]),
      slot(7, 3, 2, 1, [], 'ulis'),
    ],
    moves: [],
    settings: defaultSettings(new Date(2026, 10, 23)),
  };
}

describe('indicators', () => {
  const indicators = computeIndicators(record(), '2026-11-23');
  const [p1, p2] = indicators.poles;

  it('counts pupils accompanied in full, in part and not at all, by category and degree', () => {
    expect(p1!.pupils).toEqual({ notified: 3, full: 1, partial: 1, none: 1 });
    expect(p1!.byCategory.individual).toEqual({ notified: 2, full: 1, partial: 1, none: 0 });
    expect(p1!.byCategory.shared).toEqual({ notified: 1, full: 0, partial: 0, none: 1 });
    expect(p2!.byCategory.ulis).toEqual({ notified: 1, full: 1, partial: 0, none: 0 });
    expect(indicators.total.byDegree).toEqual({ first: { notified: 3, full: 1, partial: 1, none: 1 }, second: { notified: 0, full: 0, partial: 0, none: 0 } });
    expect(indicators.total.pupils.notified).toBe(3);
  });

  it('counts as "élèves notifiés" the pupils with a notification in force and nothing else: ULIS is a figure of its own', () => {
    // Inès is in the collège's ULIS without a notification, and the ULIS has a collective slot.
    expect(p2!.pupils).toEqual({ notified: 0, full: 0, partial: 0, none: 0 });
    expect(p2!.byCategory.ulis).toEqual({ notified: 1, full: 1, partial: 0, none: 0 });
    // With a notification in force, an ULIS pupil counts once, under their notification's kind.
    const notified = record();
    const withNotification = { ...notified, notifications: [...notified.notifications, { id: 4, pupilId: 4, kind: 'shared' as const, weeklyMinutes: null, startDate: '2026-09-01', endDate: '2027-08-31' }] };
    const p2Notified = computeIndicators(withNotification, '2026-11-23').poles[1]!;
    expect(p2Notified.pupils).toEqual({ notified: 1, full: 0, partial: 0, none: 1 });
    expect(p2Notified.byCategory.ulis.notified).toBe(0);
  });

  it('says how the ETP are counted with the settings\' weeks and annual hours', () => {
    expect(indicators.etpBasis).toBe('quotité : heures × 41 semaines / 1\u202f607 h');
    const other = record();
    const settings = { ...other.settings, serviceWeeks: 39, annualReferenceHours: 1593 };
    expect(computeIndicators({ ...other, settings }, '2026-11-23').etpBasis).toBe('quotité : heures × 39 semaines / 1\u202f593 h');
  });

  it('compares notified, scheduled and delivered hours', () => {
    expect(p1!.hours).toMatchObject({ notifiedMinutes: h(24), scheduledMinutes: h(18), deliveredMinutes: h(15) });
    expect(p1!.averageIndividualMinutes).toBe(h(12));
    expect(p2!.averageIndividualMinutes).toBeNull();
  });

  it('counts AESH, ETP with the 41-week rule, CDD/CDI, référents and spare hours', () => {
    expect(p1!.aesh).toEqual({ headcount: 2, etp: 1.24, cdd: 1, cdi: 1, referents: 1, contractMinutes: h(48), scheduledMinutes: h(18), spareMinutes: h(30) });
    expect(p2!.aesh).toMatchObject({ headcount: 1, etp: 1, contractMinutes: h(39), scheduledMinutes: h(3) });
    expect(indicators.total.aesh.etp).toBe(2.24);
  });

  it('lists pupils without support with the days they have waited', () => {
    expect(p1!.waiting).toEqual([{ pupilId: 3, identifier: 'E3', name: 'Zoé Roux', category: 'shared', since: '2026-10-24', days: 30 }]);
  });

  it('gives the département the sum of its pôles', () => {
    for (const key of ['notified', 'full', 'partial', 'none'] as const) {
      expect(indicators.total.pupils[key]).toBe(indicators.poles.reduce((sum, p) => sum + p.pupils[key], 0));
    }
    expect(indicators.total.hours.notifiedMinutes).toBe(p1!.hours.notifiedMinutes + p2!.hours.notifiedMinutes);
  });
});
