// The répartition of AESH across pôles, and moves between pôles, on hand-made records.
// 23/11/2026 is a Monday.
import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../electron/services/settings.ts';
import { defaultGrid } from '../../shared/domain/grid.ts';
import { analyse } from '../../shared/gaps/analysis.ts';
import { computeGaps } from '../../shared/gaps/gaps.ts';
import { computeIndicators, indicatorsOf } from '../../shared/gaps/indicators.ts';
import { poleOn } from '../../shared/gaps/analysis.ts';
import type { EngineRecord, EngineSlot } from '../../shared/gaps/record.ts';
import { addDaysIso } from '../../shared/domain/dates.ts';
import { gapsOf } from '../../shared/gaps/gaps.ts';
import { repartitionOf } from '../../shared/repartition/balance.ts';
import { planMoves } from '../../shared/repartition/moves.ts';

const MONDAY = '2026-11-23';
const h = (hours: number): number => hours * 60;
const grid = defaultGrid('4j', 'elementaire');

function slot(id: number, over: Partial<EngineSlot> = {}): EngineSlot {
  return { id, aeshId: 1, schoolId: 1, weekday: 1, startMinute: h(9), endMinute: h(12), nature: 'accompaniment', pupilIds: [1], validFrom: null, validTo: null, ...over };
}

/**
 * P1: Léa (12 h individual, 6 h served by Sophie), Hugo (shared, served by Sophie), an ULIS unit
 * (two ULIS pupils at school 1); Sophie 24 h. P2: Tom (30 h individual, nobody), Karim 10 h.
 */
function record(): EngineRecord {
  return {
    poles: [{ id: 1, code: 'P1', name: 'Pôle 1', kind: 'PIAL_1D' }, { id: 2, code: 'P2', name: 'Pôle 2', kind: 'PIAL_1D' }],
    schools: [
      { id: 1, uai: '0840001A', name: 'École A', kind: 'elementaire', poleId: 1, commune: 'Apt', grid, latitude: null, longitude: null },
      { id: 2, uai: '0840002B', name: 'École B', kind: 'elementaire', poleId: 2, commune: 'Gordes', grid, latitude: null, longitude: null },
    ],
    pupils: [
      { id: 1, identifier: 'E1', firstName: 'Léa', lastName: 'Martin', schoolId: 1, level: 'CE1', ulis: false },
      { id: 2, identifier: 'E2', firstName: 'Hugo', lastName: 'Petit', schoolId: 1, level: 'CP', ulis: false },
      { id: 3, identifier: 'E3', firstName: 'Tom', lastName: 'Roux', schoolId: 2, level: 'CM1', ulis: false },
      { id: 4, identifier: 'E4', firstName: 'Inès', lastName: 'Blanc', schoolId: 1, level: 'CM2', ulis: true },
      { id: 5, identifier: 'E5', firstName: 'Noé', lastName: 'Vidal', schoolId: 1, level: 'CM2', ulis: true },
    ],
    notifications: [
      { id: 1, pupilId: 1, kind: 'individual', weeklyMinutes: h(12), startDate: '2026-09-01', endDate: '2028-08-31' },
      { id: 2, pupilId: 2, kind: 'shared', weeklyMinutes: null, startDate: '2026-09-01', endDate: '2028-08-31' },
      { id: 3, pupilId: 3, kind: 'individual', weeklyMinutes: h(30), startDate: '2026-09-01', endDate: '2028-08-31' },
    ],
    aesh: [
      { id: 1, matricule: 'A1', firstName: 'Sophie', lastName: 'Durand', poleId: 1, referent: false },
      { id: 2, matricule: 'A2', firstName: 'Karim', lastName: 'Benoît', poleId: 2, referent: false },
    ],
    contracts: [
      { aeshId: 1, kind: 'CDI', startDate: '2020-09-01', endDate: null, weeklyMinutes: h(24) },
      { aeshId: 2, kind: 'CDD', startDate: '2025-09-01', endDate: '2028-08-31', weeklyMinutes: h(10) },
    ],
    absences: [],
    slots: [
      slot(1), slot(2, { weekday: 2 }),
      slot(3, { weekday: 4, startMinute: h(14), endMinute: h(16), pupilIds: [2] }),
      // A replacement period that starts after the move below.
      slot(4, { weekday: 5, validFrom: '2026-12-07' }),
    ],
    moves: [],
    settings: defaultSettings(new Date(2026, 10, 23)),
  };
}

describe('répartition', () => {
  it('adds the estimates for shared aid and ULIS units to the notified hours, and balances them against contracts', () => {
    const analysis = analyse(record(), MONDAY);
    const { poles, total } = repartitionOf(analysis, indicatorsOf(analysis));
    const p1 = poles.find((p) => p.poleCode === 'P1')!;
    // 12 h individual + 1 shared pupil × 3 h + 1 ULIS unit × 24 h = 39 h; Sophie 24 h.
    expect(p1).toMatchObject({
      individualMinutes: h(12), sharedPupils: 1, sharedEstimateMinutes: h(3), ulisUnits: 1, ulisEstimateMinutes: h(24),
      needMinutes: h(39), contractMinutes: h(24), balanceMinutes: -h(15), aeshHeadcount: 1,
    });
    // −15 h × 41 / 1 607 h = −0,38 ETP; one 24 h contract (62 %) covers it.
    expect(p1.balanceEtp).toBe(-0.38);
    expect(p1).toMatchObject({ recruitContracts: 1, recruitEtp: 0.62 });
    const p2 = poles.find((p) => p.poleCode === 'P2')!;
    // 30 h needed, 10 h: two 24 h contracts for the 20 h missing.
    expect(p2).toMatchObject({ needMinutes: h(30), contractMinutes: h(10), balanceMinutes: -h(20), recruitContracts: 1, pupilsWithoutSupport: 1 });
    expect(total).toMatchObject({ needMinutes: h(69), contractMinutes: h(34), ulisUnits: 1, recruitContracts: 2, recruitEtp: 1.24 });
  });

  it('follows the settings for the estimates and the typical contract', () => {
    const base = record();
    const changed = { ...base, settings: { ...base.settings, sharedHoursPerPupil: 6, ulisHoursPerUnit: 12, recruitmentContractHours: 10 } };
    const analysis = analyse(changed, MONDAY);
    const p1 = repartitionOf(analysis, indicatorsOf(analysis)).poles[0]!;
    expect(p1).toMatchObject({ needMinutes: h(12 + 6 + 12), balanceMinutes: -h(6), recruitContracts: 1 });
    // A 10 h contract: 10 × 41 / 1 607 = 25,5 % → 26 %.
    expect(p1.recruitEtp).toBe(0.26);
  });

  it('nets no surplus of one pôle against another pôle’s recruitment', () => {
    const base = record();
    const rich = { ...base, contracts: [...base.contracts.filter((c) => c.aeshId !== 1), { aeshId: 1, kind: 'CDI' as const, startDate: '2020-09-01', endDate: null, weeklyMinutes: h(39) }] };
    const analysis = analyse(rich, MONDAY);
    const { poles, total } = repartitionOf(analysis, indicatorsOf(analysis));
    expect(poles[0]!.balanceMinutes).toBe(0);
    expect(total.balanceMinutes).toBe(-h(20));
    expect(total.recruitContracts).toBe(poles[1]!.recruitContracts);
  });
});

describe('moving an AESH between pôles', () => {
  it('ends the AESH’s slots in the pôle left the day before, removes those that start later, and moves the capacity', () => {
    const { record: moved, effects } = planMoves(record(), [{ aeshId: 1, toPoleId: 2, date: '2026-11-30' }]);
    expect(effects[0]!.move).toEqual({ aeshId: 1, fromPoleId: 1, toPoleId: 2, date: '2026-11-30' });
    expect(effects[0]!.endedSlots.map((s) => [s.id, s.validTo])).toEqual([[1, '2026-11-29'], [2, '2026-11-29'], [3, '2026-11-29']]);
    expect(effects[0]!.removedSlots.map((s) => s.id)).toEqual([4]);
    expect(moved.aesh.find((a) => a.id === 1)!.poleId).toBe(2);

    // The week of the move: Sophie counts in P2; Léa and Hugo have lost her (the ULIS pupils, not
    // notified, are not counted among the notified pupils).
    const after = computeIndicators(moved, '2026-11-30');
    expect(after.poles.map((p) => [p.poleCode, p.aesh.contractMinutes, p.pupils.none])).toEqual([['P1', 0, 2], ['P2', h(34), 1]]);
  });

  it('keeps the AESH in the pôle left until the move’s date: no out-of-pôle alert, no capacity moved early', () => {
    const { record: moved } = planMoves(record(), [{ aeshId: 1, toPoleId: 2, date: '2026-11-30' }]);
    const before = computeIndicators(moved, MONDAY);
    expect(before.poles.map((p) => [p.poleCode, p.aesh.contractMinutes])).toEqual([['P1', h(24)], ['P2', h(10)]]);
    expect(computeGaps(moved, MONDAY).filter((g) => g.code === 'OUT_OF_POLE')).toEqual([]);
    expect(before.poles[0]!.pupils).toMatchObject({ full: 1, partial: 1, none: 0 });
  });

  it('refuses a move to the pôle the AESH is already in, and a move dated before the last one', () => {
    expect(() => planMoves(record(), [{ aeshId: 1, toPoleId: 1, date: MONDAY }])).toThrow(/Sophie Durand est déjà rattaché\(e\) à ce pôle au 23\/11\/2026/);
    expect(() => planMoves(record(), [
      { aeshId: 1, toPoleId: 2, date: '2026-12-01' },
      { aeshId: 1, toPoleId: 1, date: '2026-11-30' },
    ])).toThrow(/déjà un déplacement au 01\/12\/2026/);
  });

  it('chains moves of one batch: there and back again', () => {
    const { record: moved, effects } = planMoves(record(), [
      { aeshId: 2, toPoleId: 1, date: '2026-11-30' },
      { aeshId: 2, toPoleId: 2, date: '2027-01-04' },
    ]);
    expect(effects.map((e) => [e.move.fromPoleId, e.move.toPoleId])).toEqual([[2, 1], [1, 2]]);
    const poleOfKarim = (date: string): number | null => analyse(moved, date).loads.find((l) => l.aesh.id === 2)!.poleId;
    expect([poleOfKarim(MONDAY), poleOfKarim('2026-12-07'), poleOfKarim('2027-01-04')]).toEqual([2, 1, 2]);
  });

  // The former planMoves, kept here as the reference: it copied the whole record for each move.
  // planMoves now changes the moved AESH only and patches the indexes; both must give the same.
  function copyingPlan(base: EngineRecord, moves: { aeshId: number; toPoleId: number; date: string }[]): EngineRecord {
    let current = base;
    for (const planned of moves) {
      const aesh = current.aesh.find((a) => a.id === planned.aeshId)!;
      const fromPoleId = poleOn(aesh, current.moves.filter((m) => m.aeshId === aesh.id).sort((a, b) => a.date.localeCompare(b.date)), planned.date);
      const left = (s: EngineSlot): boolean => s.aeshId === aesh.id && current.schools.find((x) => x.id === s.schoolId)!.poleId === fromPoleId
        && (s.validTo === null || s.validTo >= planned.date);
      current = {
        ...current,
        aesh: current.aesh.map((a) => (a.id === aesh.id ? { ...a, poleId: planned.toPoleId } : a)),
        slots: current.slots
          .filter((s) => !(left(s) && s.validFrom !== null && s.validFrom >= planned.date))
          .map((s) => (left(s) ? { ...s, validTo: addDaysIso(planned.date, -1) } : s)),
        moves: [...current.moves, { aeshId: aesh.id, fromPoleId, toPoleId: planned.toPoleId, date: planned.date }],
      };
    }
    return current;
  }

  it.each([
    ['one move', [{ aeshId: 1, toPoleId: 2, date: '2026-11-30' }]],
    ['two AESH crossing', [{ aeshId: 1, toPoleId: 2, date: '2026-11-30' }, { aeshId: 2, toPoleId: 1, date: MONDAY }]],
    ['there and back again', [{ aeshId: 1, toPoleId: 2, date: MONDAY }, { aeshId: 1, toPoleId: 1, date: '2026-12-14' }]],
    ['a move before a dated slot starts', [{ aeshId: 1, toPoleId: 2, date: '2026-12-14' }]],
  ])('gives the record, gaps and figures of a copy of the record per move: %s', (_, moves) => {
    const base = record();
    // Karim has a slot too, so that the second case moves slots out of both pôles.
    const withKarim = { ...base, slots: [...base.slots, slot(5, { aeshId: 2, schoolId: 2, weekday: 3, pupilIds: [3] })] };
    const planned = planMoves(withKarim, moves).record;
    const copied = copyingPlan(withKarim, moves);
    expect(planned).toEqual(copied);
    for (const date of [MONDAY, '2026-11-30', '2026-12-14', '2027-01-04']) {
      // The copy has no indexes yet: the engine builds them afresh, where the plan's were patched.
      const [fromPlan, fromCopy] = [analyse(planned, date), analyse({ ...copied }, date)];
      expect(gapsOf(fromPlan)).toEqual(gapsOf(fromCopy));
      expect(indicatorsOf(fromPlan)).toEqual(indicatorsOf(fromCopy));
      expect(fromPlan.loads.map((l) => [l.aesh.id, l.poleId, l.slots.map((s) => s.id)])).toEqual(fromCopy.loads.map((l) => [l.aesh.id, l.poleId, l.slots.map((s) => s.id)]));
    }
  });
});
