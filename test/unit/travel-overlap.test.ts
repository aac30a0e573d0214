// Two slots of one AESH at the same time are an overlap, not a journey: no "-180 min pour aller
// de…", no travel time added to the week. 23/11/2026 is a Monday.
import { describe, expect, it } from 'vitest';
import { analyse, workedMinutes } from '../../shared/gaps/analysis.ts';
import { gapsOf } from '../../shared/gaps/gaps.ts';
import type { EngineRecord, EngineSlot } from '../../shared/gaps/record.ts';
import { defaultGrid } from '../../shared/domain/grid.ts';
import { defaultSettings } from '../../electron/services/settings.ts';

const MONDAY = '2026-11-23';
const h = (hours: number, minutes = 0): number => hours * 60 + minutes;

/** Sophie (24 h) works at two schools of Apt, 20 min apart as the settings say for one commune. */
function week(slots: Array<Pick<EngineSlot, 'schoolId' | 'startMinute' | 'endMinute'>>): EngineRecord {
  const grid = defaultGrid('4j', 'elementaire');
  return {
    poles: [{ id: 1, code: 'P1', name: 'Pôle 1', kind: 'PIAL_1D' }],
    schools: [1, 2].map((id) => ({ id, uai: `084000${id}X`, name: `École ${id === 1 ? 'A' : 'B'}`, kind: 'elementaire' as const, poleId: 1, commune: 'Apt', grid, latitude: null, longitude: null })),
    pupils: [{ id: 1, identifier: 'E1', firstName: 'Léa', lastName: 'Martin', schoolId: 1, level: 'CE1', ulis: false }],
    notifications: [{ id: 1, pupilId: 1, kind: 'individual', weeklyMinutes: h(12), startDate: '2026-09-01', endDate: '2028-08-31' }],
    aesh: [{ id: 1, matricule: 'A1', firstName: 'Sophie', lastName: 'Durand', poleId: 1, referent: false }],
    contracts: [{ aeshId: 1, kind: 'CDI', startDate: '2020-09-01', endDate: null, weeklyMinutes: h(24) }],
    absences: [],
    slots: slots.map((s, i) => ({ id: i + 1, aeshId: 1, weekday: 1, nature: 'accompaniment', pupilIds: [1], validFrom: null, validTo: null, ...s })),
    moves: [],
    settings: { ...defaultSettings(new Date(2026, 10, 23)), sameCommuneTravelMinutes: 20 },
  };
}

describe('journeys between overlapping slots', () => {
  it('reports the overlap and no journey, and counts no travel in the working time', () => {
    const analysis = analyse(week([{ schoolId: 1, startMinute: h(8, 30), endMinute: h(11, 30) }, { schoolId: 2, startMinute: h(8, 30), endMinute: h(11, 30) }]), MONDAY);
    const gaps = gapsOf(analysis);
    expect(gaps.filter((g) => g.code === 'OVERLAP')).toHaveLength(1);
    expect(gaps.filter((g) => g.code === 'TRAVEL_TIME')).toEqual([]);
    expect(gaps.map((g) => g.message).join('\n')).not.toMatch(/pour aller de/);
    const load = analysis.loads[0]!;
    expect(load.travelMinutes).toBe(0);
    expect(workedMinutes(load)).toBe(h(6));
  });

  it('leaves from the slot that ends last: a slot inside another one starts no journey', () => {
    // 8 h 30–11 h 30 at A, 9 h–10 h at B inside it, then 11 h 40 at B: the AESH leaves A at 11 h 30.
    const analysis = analyse(week([
      { schoolId: 1, startMinute: h(8, 30), endMinute: h(11, 30) },
      { schoolId: 2, startMinute: h(9), endMinute: h(10) },
      { schoolId: 2, startMinute: h(11, 40), endMinute: h(12) },
    ]), MONDAY);
    const travel = gapsOf(analysis).filter((g) => g.code === 'TRAVEL_TIME');
    expect(travel.map((g) => g.message)).toEqual([expect.stringMatching(/Sophie Durand a 10 min pour aller de École A à École B le lundi à 11 h 40, il en faut 20 /)]);
    expect(analysis.loads[0]!.travelMinutes).toBe(20);
  });

  it('still counts the journey between two slots that follow each other', () => {
    const analysis = analyse(week([{ schoolId: 1, startMinute: h(8, 30), endMinute: h(10) }, { schoolId: 2, startMinute: h(10, 30), endMinute: h(11, 30) }]), MONDAY);
    expect(gapsOf(analysis).filter((g) => g.code === 'TRAVEL_TIME' || g.code === 'OVERLAP')).toEqual([]);
    expect(analysis.loads[0]!.travelMinutes).toBe(20);
  });
});
