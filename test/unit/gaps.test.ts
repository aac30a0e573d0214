// 23/11/2026 is a Monday: the week read is Monday 23 to Saturday 28 November.
import { describe, expect, it } from 'vitest';
import { computeGaps } from '../../shared/gaps/gaps.ts';
import type { EngineRecord, EngineSlot } from '../../shared/gaps/record.ts';
import type { Gap, GapCode } from '../../shared/gaps/types.ts';
import { defaultGrid } from '../../shared/domain/grid.ts';
import { defaultSettings } from '../../electron/services/settings.ts';

const MONDAY = '2026-11-23';
const h = (hours: number, minutes = 0): number => hours * 60 + minutes;
let nextSlot = 1;

function base(): EngineRecord {
  const grid = defaultGrid('4j', 'elementaire');
  return {
    poles: [{ id: 1, code: 'P1', name: 'Pôle 1', kind: 'PIAL_1D' }, { id: 2, code: 'P2', name: 'Pôle 2', kind: 'PIAL_1D' }],
    schools: [
      { id: 1, uai: '0840001A', name: 'École A', kind: 'elementaire', poleId: 1, commune: 'Apt', grid, latitude: 43.876, longitude: 5.396 },
      { id: 2, uai: '0840002B', name: 'École B', kind: 'elementaire', poleId: 1, commune: 'Apt', grid, latitude: null, longitude: null },
      { id: 3, uai: '0840003C', name: 'École C', kind: 'elementaire', poleId: 1, commune: 'Sault', grid, latitude: 44.091, longitude: 5.409 },
      { id: 4, uai: '0840004D', name: 'École D', kind: 'elementaire', poleId: 2, commune: 'Gordes', grid, latitude: null, longitude: null },
    ],
    pupils: [
      { id: 1, identifier: 'E1', firstName: 'Léa', lastName: 'Martin', schoolId: 1, level: 'CE1', ulis: false },
      { id: 2, identifier: 'E2', firstName: 'Hugo', lastName: 'Petit', schoolId: 1, level: 'CP', ulis: false },
    ],
    notifications: [
      { id: 1, pupilId: 1, kind: 'individual', weeklyMinutes: h(12), startDate: '2026-09-01', endDate: '2028-08-31' },
      { id: 2, pupilId: 2, kind: 'shared', weeklyMinutes: null, startDate: '2026-09-01', endDate: '2028-08-31' },
    ],
    aesh: [
      { id: 1, matricule: 'A1', firstName: 'Sophie', lastName: 'Durand', poleId: 1, referent: false },
      { id: 2, matricule: 'A2', firstName: 'Karim', lastName: 'Benoît', poleId: 1, referent: false },
    ],
    contracts: [
      { aeshId: 1, kind: 'CDI', startDate: '2020-09-01', endDate: null, weeklyMinutes: h(24) },
      { aeshId: 2, kind: 'CDI', startDate: '2020-09-01', endDate: null, weeklyMinutes: h(24) },
    ],
    absences: [],
    slots: [],
    moves: [],
    settings: defaultSettings(new Date(2026, 10, 23)),
  };
}

function slot(over: Partial<EngineSlot> & Pick<EngineSlot, 'weekday' | 'startMinute' | 'endMinute'>): EngineSlot {
  return { id: nextSlot++, aeshId: 1, schoolId: 1, nature: 'accompaniment', pupilIds: [1], validFrom: null, validTo: null, ...over };
}

/** Léa's 12 h over Monday, Tuesday, Thursday and Friday mornings, by Sophie. */
function leaWeek(): EngineSlot[] {
  return [1, 2, 4, 5].map((weekday) => slot({ weekday: weekday as EngineSlot['weekday'], startMinute: h(8, 30), endMinute: h(11, 30) }));
}
/** Hugo's shared aid, Monday afternoon with Karim. */
const hugo = (): EngineSlot => slot({ aeshId: 2, weekday: 1, startMinute: h(13, 30), endMinute: h(16, 30), pupilIds: [2] });

function supported(over: Partial<EngineRecord> = {}): EngineRecord {
  return { ...base(), slots: [...leaWeek(), hugo()], ...over };
}

/** The engine reads records as immutable: a variation is a new record. */
function withSlots(record: EngineRecord, ...slots: EngineSlot[]): EngineRecord {
  return { ...record, slots: [...record.slots, ...slots] };
}

const codes = (gaps: Gap[], code: GapCode): Gap[] => gaps.filter((g) => g.code === code);

describe('a record where every need is met', () => {
  it('has no gap at all', () => {
    expect(computeGaps(supported(), MONDAY)).toEqual([]);
  });
});

describe('NO_SUPPORT and UNDER_HOURS', () => {
  it('flags a notified pupil no slot serves, with the notified hours missing', () => {
    const gaps = computeGaps({ ...base(), slots: [hugo()] }, MONDAY);
    expect(codes(gaps, 'NO_SUPPORT')).toEqual([expect.objectContaining({
      severity: 'critique', pupil: 'E1', poleCode: 'P1', uai: '0840001A', missingMinutes: h(12), aesh: null,
    })]);
    expect(codes(gaps, 'NO_SUPPORT')[0]!.message).toMatch(/^Léa Martin \(CE1, École A\) : notification individuelle de 12 h en cours depuis le 01\/09\/2026 \(83 jours\), aucun AESH placé/);
  });

  it('flags a shared notification without any slot, with no hours', () => {
    const gaps = computeGaps({ ...base(), slots: leaWeek() }, MONDAY);
    expect(codes(gaps, 'NO_SUPPORT')).toEqual([expect.objectContaining({ pupil: 'E2', missingMinutes: null })]);
  });

  it('still counts a notification on its last day, and no more the day after', () => {
    const ending = { ...base(), notifications: [{ id: 1, pupilId: 1, kind: 'individual' as const, weeklyMinutes: h(12), startDate: '2025-09-01', endDate: MONDAY }] };
    expect(codes(computeGaps(ending, MONDAY), 'NO_SUPPORT').map((g) => g.pupil)).toEqual(['E1']);
    expect(codes(computeGaps(ending, '2026-11-24'), 'NO_SUPPORT')).toEqual([]);
  });

  it('gives the missing hours when the timetable covers part of the notification', () => {
    const gaps = computeGaps({ ...base(), slots: [...leaWeek().slice(0, 3), hugo()] }, MONDAY);
    expect(codes(gaps, 'UNDER_HOURS')).toEqual([expect.objectContaining({ pupil: 'E1', missingMinutes: h(3), severity: 'alerte' })]);
    expect(codes(gaps, 'UNDER_HOURS')[0]!.message).toContain('9 h planifiées sur 12 h notifiées, il manque 3 h');
  });

  it('counts two AESH over the same hour once', () => {
    const slots = [...leaWeek().slice(0, 3), slot({ aeshId: 2, weekday: 1, startMinute: h(8, 30), endMinute: h(11, 30) }), hugo()];
    expect(codes(computeGaps({ ...base(), slots }, MONDAY), 'UNDER_HOURS')[0]!.missingMinutes).toBe(h(3));
  });

  it('does not count lunch-break time against the notified school hours', () => {
    const slots = [...leaWeek().slice(0, 3), slot({ weekday: 5, startMinute: h(11, 30), endMinute: h(13, 30), nature: 'lunch' }), hugo()];
    expect(codes(computeGaps({ ...base(), slots }, MONDAY), 'UNDER_HOURS')[0]!.missingMinutes).toBe(h(3));
  });

  it('reads a slot on the real date of its weekday: a slot ending Tuesday does not serve Thursday', () => {
    const slots = [...leaWeek().slice(0, 3), slot({ weekday: 5, startMinute: h(8, 30), endMinute: h(11, 30), validTo: '2026-11-24' }), hugo()];
    expect(codes(computeGaps({ ...base(), slots }, MONDAY), 'UNDER_HOURS')[0]!.missingMinutes).toBe(h(3));
  });
});

describe('ABSENCE_UNCOVERED', () => {
  const absent = (startDate: string, endDate: string) => [{ aeshId: 1, startDate, endDate, reason: 'maladie' }];

  it('counts only the days of the week the AESH is away', () => {
    const gaps = computeGaps(supported({ absences: absent('2026-11-23', '2026-11-24') }), MONDAY);
    expect(codes(gaps, 'ABSENCE_UNCOVERED')).toEqual([expect.objectContaining({ pupil: 'E1', aesh: 'A1', missingMinutes: h(6), severity: 'critique' })]);
    expect(codes(gaps, 'ABSENCE_UNCOVERED')[0]!.message).toMatch(/Sophie Durand est absent\(e\) du 23\/11\/2026 au 24\/11\/2026 \(maladie\) : Léa Martin perd 6 h/);
    expect(codes(gaps, 'UNDER_HOURS')).toEqual([]);
  });

  it('is silent when a replacement slot valid over the absence covers the time', () => {
    const replacement = [1, 2].map((weekday) => slot({ aeshId: 2, weekday: weekday as 1 | 2, startMinute: h(8, 30), endMinute: h(11, 30), validFrom: '2026-11-23', validTo: '2026-11-24' }));
    const gaps = computeGaps(supported({ absences: absent('2026-11-23', '2026-11-24'), slots: [...leaWeek(), hugo(), ...replacement] }), MONDAY);
    expect(codes(gaps, 'ABSENCE_UNCOVERED')).toEqual([]);
  });

  it('counts what a partial replacement leaves uncovered', () => {
    const replacement = slot({ aeshId: 2, weekday: 1, startMinute: h(9, 30), endMinute: h(11, 30), validFrom: '2026-11-23', validTo: '2026-11-23' });
    const gaps = computeGaps(supported({ absences: absent('2026-11-23', '2026-11-23'), slots: [...leaWeek(), hugo(), replacement] }), MONDAY);
    expect(codes(gaps, 'ABSENCE_UNCOVERED')[0]!.missingMinutes).toBe(h(1));
  });

  it('reads an absence over a weekend on the days it really covers', () => {
    const record = supported({ absences: absent('2026-11-27', '2026-11-30') });
    expect(codes(computeGaps(record, '2026-11-28'), 'ABSENCE_UNCOVERED')[0]!.message).toContain('vendredi 8 h 30–11 h 30)');
    expect(codes(computeGaps(record, '2026-11-29'), 'ABSENCE_UNCOVERED')[0]!.message).toContain('(lundi 8 h 30–11 h 30)');
    expect(codes(computeGaps(record, '2026-11-26'), 'ABSENCE_UNCOVERED')[0]!.missingMinutes).toBe(h(3));
    expect(codes(computeGaps(record, '2026-12-01'), 'ABSENCE_UNCOVERED')[0]!.missingMinutes).toBe(h(3));
    expect(codes(computeGaps(record, '2026-12-07'), 'ABSENCE_UNCOVERED')).toEqual([]);
  });
});

describe('NO_NOTIFICATION and NOTIFICATION_CONFLICT', () => {
  it('flags a slot serving a pupil whose notification has ended, not a ULIS slot', () => {
    const record = withSlots(
      supported({
        pupils: [...base().pupils, { id: 3, identifier: 'E3', firstName: 'Zoé', lastName: 'Roux', schoolId: 1, level: 'CM1', ulis: true }],
        notifications: [...base().notifications, { id: 3, pupilId: 3, kind: 'shared', weeklyMinutes: null, startDate: '2024-09-01', endDate: '2026-08-31' }],
      }),
      slot({ aeshId: 2, weekday: 2, startMinute: h(13, 30), endMinute: h(16, 30), pupilIds: [3] }),
      slot({ aeshId: 2, weekday: 4, startMinute: h(13, 30), endMinute: h(16, 30), pupilIds: [3], nature: 'ulis' }),
    );
    const gaps = codes(computeGaps(record, MONDAY), 'NO_NOTIFICATION');
    expect(gaps).toEqual([expect.objectContaining({ pupil: 'E3', aesh: 'A2', severity: 'critique' })]);
    expect(gaps[0]!.message).toContain('sa notification a pris fin le 31/08/2026');
    expect(gaps[0]!.message).toContain('mardi');
    expect(gaps[0]!.message).not.toContain('jeudi');
  });

  it('flags individual and shared notifications over the same period, not consecutive ones', () => {
    const overlapping = supported({ notifications: [...base().notifications, { id: 3, pupilId: 1, kind: 'shared', weeklyMinutes: null, startDate: '2028-08-31', endDate: '2029-08-31' }] });
    expect(codes(computeGaps(overlapping, MONDAY), 'NOTIFICATION_CONFLICT').map((g) => g.pupil)).toEqual(['E1']);
    const consecutive = supported({ notifications: [...base().notifications, { id: 3, pupilId: 1, kind: 'shared', weeklyMinutes: null, startDate: '2028-09-01', endDate: '2029-08-31' }] });
    expect(codes(computeGaps(consecutive, MONDAY), 'NOTIFICATION_CONFLICT')).toEqual([]);
  });
});

describe('the AESH’s week', () => {
  it('accepts a slot ending exactly when the next begins, and flags one that overlaps', () => {
    const touching = withSlots(supported(), slot({ weekday: 1, startMinute: h(11, 30), endMinute: h(12), nature: 'lunch' }));
    expect(codes(computeGaps(touching, MONDAY), 'OVERLAP')).toEqual([]);
    const overlapping = withSlots(supported(), slot({ schoolId: 2, weekday: 1, startMinute: h(11), endMinute: h(12), nature: 'lunch', pupilIds: [1] }));
    const gaps = codes(computeGaps(overlapping, MONDAY), 'OVERLAP');
    expect(gaps).toEqual([expect.objectContaining({ aesh: 'A1', severity: 'critique' })]);
    expect(gaps[0]!.message).toContain('lundi 8 h 30–11 h 30 (École A) et lundi 11 h–12 h (École B)');
  });

  it('counts lunch breaks and journeys in the working time against the contract', () => {
    const record = supported({ contracts: [{ aeshId: 1, kind: 'CDI', startDate: '2020-09-01', endDate: null, weeklyMinutes: h(12) }, base().contracts[1]!] });
    expect(codes(computeGaps(record, MONDAY), 'OVER_CONTRACT')).toEqual([]);
    const withLunch = withSlots(record, slot({ weekday: 1, startMinute: h(11, 30), endMinute: h(12, 30), nature: 'lunch' }));
    const gaps = codes(computeGaps(withLunch, MONDAY), 'OVER_CONTRACT');
    expect(gaps).toEqual([expect.objectContaining({ aesh: 'A1', missingMinutes: h(1), severity: 'alerte' })]);
  });

  it('measures journeys from coordinates, and never calls an unknown journey critique', () => {
    const to = (schoolId: number, start: number) => slot({ schoolId, weekday: 3, startMinute: start, endMinute: start + 60, pupilIds: [1] });
    const first = slot({ weekday: 3, startMinute: h(8), endMinute: h(9), pupilIds: [1] });
    const far = { ...supported(), slots: [first, to(3, h(9, 30))] };
    const travel = codes(computeGaps(far, MONDAY), 'TRAVEL_TIME');
    expect(travel).toEqual([expect.objectContaining({ severity: 'critique', aesh: 'A1', uai: '0840003C' })]);
    expect(travel[0]!.message).toMatch(/a 30 min pour aller de École A à École C le mercredi à 9 h 30, il en faut \d+ \(d’après les coordonnées\)/);
    expect(codes(computeGaps({ ...far, slots: [first, to(3, h(11))] }, MONDAY), 'TRAVEL_TIME')).toEqual([]);
    const sameCommune = codes(computeGaps({ ...supported(), slots: [first, to(2, h(9, 5))] }, MONDAY), 'TRAVEL_TIME');
    expect(sameCommune).toEqual([expect.objectContaining({ severity: 'alerte', missingMinutes: 5 })]);
    const unknown = codes(computeGaps({ ...supported(), slots: [slot({ schoolId: 2, weekday: 3, startMinute: h(8), endMinute: h(9) }), to(4, h(9))] }, MONDAY), 'TRAVEL_TIME');
    expect(unknown).toEqual([expect.objectContaining({ severity: 'info' })]);
  });

  it('flags a slot outside the school’s grid, but not a lunch-break slot', () => {
    const record = withSlots(
      supported(),
      slot({ aeshId: 2, weekday: 3, startMinute: h(8, 30), endMinute: h(11, 30), pupilIds: [2] }),
      slot({ aeshId: 2, weekday: 2, startMinute: h(11, 30), endMinute: h(13, 30), pupilIds: [2], nature: 'lunch' }),
    );
    const gaps = codes(computeGaps(record, MONDAY), 'OUTSIDE_SCHOOL_HOURS');
    expect(gaps).toEqual([expect.objectContaining({ aesh: 'A2', uai: '0840001A' })]);
    expect(gaps[0]!.message).toContain('mercredi 8 h 30–11 h 30');
  });

  it('flags work in a school of another pôle', () => {
    const record = withSlots(
      supported({ pupils: [...base().pupils, { id: 3, identifier: 'E3', firstName: 'Inès', lastName: 'Faure', schoolId: 4, level: 'CP', ulis: false }], notifications: [...base().notifications, { id: 3, pupilId: 3, kind: 'shared', weeklyMinutes: null, startDate: '2026-09-01', endDate: '2027-08-31' }] }),
      slot({ aeshId: 2, schoolId: 4, weekday: 2, startMinute: h(13, 30), endMinute: h(16, 30), pupilIds: [3] }),
    );
    expect(codes(computeGaps(record, MONDAY), 'OUT_OF_POLE')).toEqual([expect.objectContaining({ aesh: 'A2', poleCode: 'P2', uai: '0840004D' })]);
  });

  it('warns of a CDD ending before the school year while slots depend on it, and of slots without contract', () => {
    const ending = supported({ contracts: [{ aeshId: 1, kind: 'CDD', startDate: '2025-09-01', endDate: '2027-02-14', weeklyMinutes: h(24) }, base().contracts[1]!] });
    expect(codes(computeGaps(ending, MONDAY), 'CONTRACT_ENDS')).toEqual([expect.objectContaining({ aesh: 'A1', severity: 'alerte' })]);
    const toYearEnd = supported({ contracts: [{ aeshId: 1, kind: 'CDD', startDate: '2025-09-01', endDate: '2027-08-31', weeklyMinutes: h(24) }, base().contracts[1]!] });
    expect(codes(computeGaps(toYearEnd, MONDAY), 'CONTRACT_ENDS')).toEqual([]);
    const none = supported({ contracts: [base().contracts[1]!] });
    expect(codes(computeGaps(none, MONDAY), 'CONTRACT_ENDS')).toEqual([expect.objectContaining({ aesh: 'A1', severity: 'critique' })]);
    expect(codes(computeGaps(none, MONDAY), 'OVER_CONTRACT')).toEqual([]);
  });
});

describe('NOTIFICATION_EXPIRING', () => {
  const ending = (endDate: string) => supported({ notifications: [{ ...base().notifications[0]!, endDate }, base().notifications[1]!] });

  it('warns within the threshold, from the date itself', () => {
    expect(codes(computeGaps(ending('2027-01-22'), MONDAY), 'NOTIFICATION_EXPIRING')).toEqual([expect.objectContaining({ pupil: 'E1', severity: 'info' })]);
    expect(codes(computeGaps(ending('2027-01-23'), MONDAY), 'NOTIFICATION_EXPIRING')).toEqual([]);
    expect(codes(computeGaps(ending(MONDAY), MONDAY), 'NOTIFICATION_EXPIRING')[0]!.message).toContain('(dans 0 jours)');
  });

  it('is silent when the renewal is already recorded', () => {
    const notRenewed = ending('2027-01-10');
    const renewed = { ...notRenewed, notifications: [...notRenewed.notifications, { id: 9, pupilId: 1, kind: 'individual' as const, weeklyMinutes: h(12), startDate: '2027-01-11', endDate: '2030-01-10' }] };
    expect(codes(computeGaps(renewed, MONDAY), 'NOTIFICATION_EXPIRING')).toEqual([]);
  });

  it('follows the threshold set in Paramètres', () => {
    const defaults = ending('2027-01-10');
    const record = { ...defaults, settings: { ...defaults.settings, expiringNoticeDays: 30 } };
    expect(codes(computeGaps(record, MONDAY), 'NOTIFICATION_EXPIRING')).toEqual([]);
  });
});

describe('ordering', () => {
  it('lists critical gaps first', () => {
    const record = supported({
      absences: [{ aeshId: 2, startDate: MONDAY, endDate: MONDAY, reason: null }],
      notifications: [{ ...base().notifications[0]!, endDate: '2026-12-01' }, base().notifications[1]!],
      slots: [...leaWeek().filter((s) => s.weekday !== 5), hugo()],
    });
    const severities = computeGaps(record, MONDAY).map((g) => g.severity);
    expect(severities).toEqual(severities.toSorted((a, b) => ['critique', 'alerte', 'info'].indexOf(a) - ['critique', 'alerte', 'info'].indexOf(b)));
    expect(new Set(severities)).toEqual(new Set(['alerte', 'info']));
  });
});
