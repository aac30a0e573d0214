// The allocation assistant on small pôles whose best answer is known by hand, then on generated
// pôles checked by the real gaps engine. 23/11/2026 is a Monday.
import { describe, expect, it } from 'vitest';
import { construct, pairKey } from '../../shared/allocation/placer.ts';
import { buildProblem } from '../../shared/allocation/problem.ts';
import { applyProposal, greedyProposal } from '../../shared/allocation/proposal.ts';
import { DEFAULT_OPTIONS, type AllocationOptions, type PoleProposal } from '../../shared/allocation/types.ts';
import { defaultGrid, withinGrid } from '../../shared/domain/grid.ts';
import type { Weekday } from '../../shared/domain/enums.ts';
import { computeGaps } from '../../shared/gaps/gaps.ts';
import type { EngineAesh, EngineNotification, EnginePupil, EngineRecord, EngineSchool, EngineSlot } from '../../shared/gaps/record.ts';
import type { GapCode } from '../../shared/gaps/types.ts';
import { defaultSettings } from '../../electron/services/settings.ts';

const MONDAY = '2026-11-23';
const h = (hours: number, minutes = 0): number => hours * 60 + minutes;
const FOUR_DAYS = defaultGrid('4j', 'elementaire');
const FOUR_AND_HALF = defaultGrid('4.5j', 'elementaire');

function school(id: number, over: Partial<EngineSchool> = {}): EngineSchool {
  return {
    id, uai: `084000${id}A`, name: `École ${'ABCDEFG'[id - 1]}`, kind: 'elementaire', poleId: 1, commune: 'Apt',
    grid: FOUR_DAYS, latitude: 43.876, longitude: 5.396, ...over,
  };
}
function pupil(id: number, firstName: string, schoolId = 1, level = 'CE1'): EnginePupil {
  return { id, identifier: `E${id}`, firstName, lastName: 'Martin', schoolId, level, ulis: false };
}
function individual(pupilId: number, hours: number, activities: string | null = null): EngineNotification {
  return { id: pupilId, pupilId, kind: 'individual', weeklyMinutes: h(hours), startDate: '2026-09-01', endDate: '2028-08-31', activities };
}
function shared(pupilId: number): EngineNotification {
  return { id: pupilId, pupilId, kind: 'shared', weeklyMinutes: null, startDate: '2026-09-01', endDate: '2028-08-31' };
}
function aesh(id: number, firstName: string, skills: string[] = [], poleId = 1): EngineAesh {
  return { id, matricule: `A${id}`, firstName, lastName: 'Durand', poleId, referent: false, skills };
}
const contract = (aeshId: number, hours: number): EngineRecord['contracts'][number] =>
  ({ aeshId, kind: 'CDI', startDate: '2020-09-01', endDate: null, weeklyMinutes: h(hours) });
let nextSlot = 100;
function slot(aeshId: number, weekday: Weekday, start: number, end: number, pupilIds: number[], schoolId = 1): EngineSlot {
  return { id: nextSlot++, aeshId, schoolId, weekday, startMinute: start, endMinute: end, nature: 'accompaniment', pupilIds, validFrom: null, validTo: null };
}

function record(over: Partial<EngineRecord>): EngineRecord {
  return {
    poles: [{ id: 1, code: 'P1', name: 'Pôle 1', kind: 'PIAL_1D' }, { id: 2, code: 'P2', name: 'Pôle 2', kind: 'PIAL_1D' }],
    schools: [school(1)], pupils: [], notifications: [], aesh: [], contracts: [], absences: [], slots: [], moves: [],
    settings: defaultSettings(new Date(2026, 10, 23)), ...over,
  };
}

const options = (over: Partial<AllocationOptions> = {}): AllocationOptions => ({ ...DEFAULT_OPTIONS, date: MONDAY, ...over });
const propose = (rec: EngineRecord, over: Partial<AllocationOptions> = {}): PoleProposal => greedyProposal(buildProblem(rec, 1, options(over)));
const minutesOf = (p: PoleProposal, pupilId: number): number =>
  p.slots.filter((s) => s.pupilIds.includes(pupilId)).reduce((sum, s) => sum + s.endMinute - s.startMinute, 0);
const HARD: readonly GapCode[] = ['OVERLAP', 'OVER_CONTRACT', 'OUTSIDE_SCHOOL_HOURS', 'TRAVEL_TIME', 'OUT_OF_POLE'];
const hardGaps = (rec: EngineRecord, date: string): string[] =>
  computeGaps(rec, date).filter((g) => HARD.includes(g.code)).map((g) => `${g.code} ${g.aesh} ${g.code === 'OVER_CONTRACT' ? '' : g.slotIds.join(',')}`);

describe('a waiting pupil and an AESH with time', () => {
  const rec = record({ pupils: [pupil(1, 'Léa')], notifications: [individual(1, 12)], aesh: [aesh(1, 'Sophie')], contracts: [contract(1, 24)] });

  it('gives the pupil the notified hours in half-days of the school, each with its reason', () => {
    const proposal = propose(rec);
    expect(minutesOf(proposal, 1)).toBe(h(12));
    for (const s of proposal.slots) {
      expect(s.aeshId).toBe(1);
      expect(withinGrid(FOUR_DAYS, s.weekday, s.startMinute, s.endMinute)).toBe(true);
      expect(s.endMinute - s.startMinute).toBeGreaterThanOrEqual(60);
      expect(s.startMinute % 15).toBe(0);
    }
    expect(proposal.slots).toHaveLength(4);
    expect(proposal.slots[0]!.reason).toBe('Léa M. : 12 h manquantes ; Sophie D. a 3 h libres à École A le lundi matin');
    expect(proposal.before).toMatchObject({ pupilsWithout: 1, pupilsFull: 0, individualCoveredMinutes: 0 });
    expect(proposal.after).toMatchObject({ pupilsWithout: 0, pupilsFull: 1, individualCoveredMinutes: h(12), missingMinutes: 0 });
    expect(proposal.after.aesh).toEqual([expect.objectContaining({ matricule: 'A1', workedMinutes: h(12), contractMinutes: h(24) })]);
    expect(proposal.unplaced).toEqual([]);
  });

  it('writes nothing new when every pupil is already served', () => {
    const served = { ...rec, slots: [1, 2, 4, 5].map((d) => slot(1, d as Weekday, h(8, 30), h(11, 30), [1])) };
    const proposal = propose(served);
    expect(proposal.slots).toEqual([]);
    expect(proposal.after.pupilsFull).toBe(1);
  });
});

describe('slots of an hour or more', () => {
  const lengths = (p: PoleProposal, pupilId: number): number[] =>
    p.slots.filter((s) => s.pupilIds.includes(pupilId)).map((s) => s.endMinute - s.startMinute).sort((a, b) => a - b);

  it('splits 6 h 30 so that no block is left shorter than an hour', () => {
    const rec = record({ pupils: [pupil(1, 'Léa')], notifications: [individual(1, 6.5)], aesh: [aesh(1, 'Sophie')], contracts: [contract(1, 24)] });
    const proposal = propose(rec);
    // Three hours twice would leave half an hour: the second block gives an hour back to a third.
    expect(lengths(proposal, 1)).toEqual([h(1), h(2, 30), h(3)]);
    expect(proposal.after.missingMinutes).toBe(0);
  });

  it('places 3 h of shared aid in afternoons of 2 h 15 as 2 h and 1 h, never a 45-minute sliver', () => {
    // Sophie spends every morning with Hugo, whose notification is met; Léa waits for shared aid.
    const rec = record({
      schools: [school(1, { grid: FOUR_AND_HALF })],
      pupils: [pupil(1, 'Léa'), pupil(2, 'Hugo')], notifications: [shared(1), individual(2, 15)],
      aesh: [aesh(1, 'Sophie')], contracts: [contract(1, 24)],
      slots: [1, 2, 3, 4, 5].map((d) => slot(1, d as Weekday, h(8, 30), h(11, 30), [2])),
    });
    const proposal = propose(rec);
    expect(lengths(proposal, 1)).toEqual([h(1), h(2)]);
    expect(proposal.slots.map((s) => s.reason).join()).not.toMatch(/ 0 h /);
  });

  it('proposes nothing for less than an hour left to place, and says why', () => {
    const rec = record({
      pupils: [pupil(1, 'Léa')], notifications: [individual(1, 12.5)], aesh: [aesh(1, 'Sophie')], contracts: [contract(1, 24)],
      slots: [1, 2, 4, 5].map((d) => slot(1, d as Weekday, h(8, 30), h(11, 30), [1])),
    });
    const proposal = propose(rec);
    expect(proposal.slots).toEqual([]);
    expect(proposal.unplaced).toEqual([expect.objectContaining({
      pupil: 'E1', missingMinutes: 30,
      reason: 'Moins d’une heure à placer (0 h 30) : un créneau proposé dure au moins une heure, et aucun ne peut être prolongé d’autant.',
    })]);
  });

  it('lengthens the pupil’s own block rather than add a sliver when the solver’s share leaves one', () => {
    const rec = record({ pupils: [pupil(1, 'Léa')], notifications: [individual(1, 1.75)], aesh: [aesh(1, 'Sophie')], contracts: [contract(1, 24)] });
    // The solver gives Sophie one hour of Léa's 1 h 45: the 45 minutes left join that hour.
    const { placements, remaining } = construct(buildProblem(rec, 1, options()), new Map([[pairKey(1, 0), h(1)]]));
    expect(placements.map((p) => [p.weekday, p.start, p.end])).toEqual([[1, h(8, 30), h(10, 15)]]);
    expect(placements[0]!.reason).toMatch(/^Léa M\. : 1 h 45 manquantes ; /);
    expect(remaining).toEqual([0]);
  });
});

describe('shared aid', () => {
  it('serves the pupils of one class together, for the setting’s hours per pupil × the group', () => {
    const rec = record({
      pupils: [pupil(1, 'Léa'), pupil(2, 'Hugo'), pupil(3, 'Inès'), pupil(4, 'Tom', 1, 'CP')],
      notifications: [shared(1), shared(2), shared(3), shared(4)],
      aesh: [aesh(1, 'Sophie')], contracts: [contract(1, 24)],
    });
    const proposal = propose(rec);
    const ce1 = proposal.slots.filter((s) => s.pupilIds.includes(1));
    expect(ce1.every((s) => s.pupilIds.toSorted().join() === '1,2,3')).toBe(true);
    expect(minutesOf(proposal, 1)).toBe(h(9));
    expect(proposal.slots.filter((s) => s.pupilIds.includes(4)).map((s) => s.pupilIds)).toEqual([[4]]);
    expect(minutesOf(proposal, 4)).toBe(h(3));
    expect(proposal.after).toMatchObject({ pupilsWithout: 0, pupilsFull: 4 });
    expect(proposal.slots.find((s) => s.pupilIds.length === 3)!.reason).toMatch(/^CE1 de École A \(3 élèves, aide mutualisée\) : 9 h d’aide mutualisée à placer ; Sophie D\. a 3 h libres/);
  });

  it('gives a group at least an hour, on quarter-hours, whatever the setting', () => {
    // 0.3 h per pupil: 54 minutes for three, which no slot of an hour or more could hold.
    const rec = record({
      pupils: [pupil(1, 'Léa'), pupil(2, 'Hugo'), pupil(3, 'Inès')], notifications: [shared(1), shared(2), shared(3)],
      aesh: [aesh(1, 'Sophie')], contracts: [contract(1, 24)], settings: { ...defaultSettings(new Date(2026, 10, 23)), sharedHoursPerPupil: 0.3 },
    });
    const proposal = propose(rec);
    expect(proposal.slots.map((s) => [s.pupilIds, s.endMinute - s.startMinute])).toEqual([[[1, 2, 3], h(1)]]);
    expect(proposal.slots[0]!.reason).toMatch(/^CE1 de École A \(3 élèves, aide mutualisée\) : 1 h d’aide mutualisée à placer ; /);
  });
});

describe('a required skill', () => {
  const base = {
    pupils: [pupil(1, 'Léa'), pupil(2, 'Hugo')],
    notifications: [individual(1, 12, 'LSF en classe'), individual(2, 6)],
  };

  it('goes only to an AESH who holds it, and that AESH is kept for it', () => {
    const rec = record({ ...base, aesh: [aesh(1, 'Sophie'), aesh(2, 'Karim', ['LSF'])], contracts: [contract(1, 24), contract(2, 6)] });
    const proposal = propose(rec);
    expect(proposal.slots.filter((s) => s.pupilIds.includes(1)).every((s) => s.aeshId === 2)).toBe(true);
    expect(minutesOf(proposal, 1)).toBe(h(6));
    expect(proposal.slots.filter((s) => s.pupilIds.includes(2)).every((s) => s.aeshId === 1)).toBe(true);
    expect(minutesOf(proposal, 2)).toBe(h(6));
    expect(proposal.unplaced).toEqual([expect.objectContaining({
      pupil: 'E1', missingMinutes: h(6), reason: 'Compétence requise (LSF) : les AESH qui l’ont sont au maximum de leur contrat.',
    })]);
    expect(proposal.lackingMinutes).toBe(h(6));
  });

  it('leaves the pupil uncovered, saying so, when no AESH of the pôle holds it', () => {
    const rec = record({ ...base, aesh: [aesh(1, 'Sophie', ['TSA'])], contracts: [contract(1, 24)] });
    const proposal = propose(rec);
    expect(minutesOf(proposal, 1)).toBe(0);
    expect(proposal.unplaced).toEqual([expect.objectContaining({ pupil: 'E1', missingMinutes: h(12), reason: 'Compétence requise (LSF) : aucun AESH du pôle ne l’a.' })]);
  });
});

describe('school weeks', () => {
  it('places nothing on Wednesday in a 4-day school, and uses Wednesday morning in a 4.5-day one', () => {
    const rec = record({
      schools: [school(1), school(2, { grid: FOUR_AND_HALF })],
      pupils: [pupil(1, 'Léa'), pupil(2, 'Hugo', 2)],
      notifications: [individual(1, 24), individual(2, 24)],
      aesh: [aesh(1, 'Sophie'), aesh(2, 'Karim')], contracts: [contract(1, 39), contract(2, 39)],
    });
    const proposal = propose(rec);
    expect(minutesOf(proposal, 1)).toBe(h(24));
    expect(proposal.slots.filter((s) => s.pupilIds.includes(1)).some((s) => s.weekday === 3)).toBe(false);
    expect(minutesOf(proposal, 2)).toBe(h(24));
    expect(proposal.slots.filter((s) => s.pupilIds.includes(2) && s.weekday === 3).map((s) => [s.startMinute, s.endMinute])).toEqual([[h(8, 30), h(11, 30)]]);
    expect(proposal.slots.some((s) => s.weekday === 6)).toBe(false);
  });
});

describe('journeys between schools', () => {
  // Sophie works at École A every morning and until 14:30; École C, at Sault, is 24 km away (47 min).
  const busyAtA = (pupilId: number): EngineSlot[] => [1, 2, 4, 5].flatMap((d) => [
    slot(1, d as Weekday, h(8, 30), h(11, 30), [pupilId]), slot(1, d as Weekday, h(13, 30), h(14, 30), [pupilId]),
  ]);
  const rec = (latitude: number): EngineRecord => record({
    schools: [school(1), school(3, { name: 'École C', commune: 'Sault', latitude, longitude: 5.409 })],
    pupils: [pupil(1, 'Hugo'), pupil(2, 'Léa', 3)],
    notifications: [individual(1, 16), individual(2, 2)],
    aesh: [aesh(1, 'Sophie')], contracts: [contract(1, 24)], slots: busyAtA(1),
  });

  it('leaves the journey’s time between the slots and counts it in the working time', () => {
    const proposal = propose(rec(44.091));
    const lea = proposal.slots.filter((s) => s.pupilIds.includes(2));
    expect(lea.map((s) => [s.startMinute, s.endMinute])).toEqual([[h(15, 30), h(16, 30)], [h(15, 30), h(16, 30)]]);
    const sophie = proposal.after.aesh.find((a) => a.matricule === 'A1')!;
    expect(sophie.workedMinutes).toBe(h(18) + 2 * 47);
    expect(proposal.after.journeys).toBe(2);
    expect(hardGaps(applyProposal(rec(44.091), proposal), MONDAY)).toEqual([]);
  });

  it('says the journeys are too long when no AESH can get there in time', () => {
    const proposal = propose(rec(44.3));
    expect(minutesOf(proposal, 2)).toBe(0);
    expect(proposal.unplaced).toEqual([expect.objectContaining({ pupil: 'E2', reason: expect.stringMatching(/^Trajets trop longs/) })]);
  });
});

describe('kept, pinned and re-planned slots', () => {
  // Léa has Monday and Tuesday mornings with Sophie; Karim has time too.
  const [monday, tuesday] = [slot(1, 1, h(8, 30), h(11, 30), [1]), slot(1, 2, h(8, 30), h(11, 30), [1])];
  const rec = record({
    pupils: [pupil(1, 'Léa')], notifications: [individual(1, 12)],
    aesh: [aesh(1, 'Sophie'), aesh(2, 'Karim')], contracts: [contract(1, 24), contract(2, 24)], slots: [monday, tuesday],
  });

  it('keeps every existing slot by default and tops the pupil up with the AESH she already has', () => {
    const proposal = propose(rec);
    expect(proposal.ended).toEqual([]);
    expect(proposal.removed).toEqual([]);
    expect(minutesOf(proposal, 1)).toBe(h(6));
    expect(proposal.slots.every((s) => s.aeshId === 1)).toBe(true);
    expect(proposal.slots[0]!.reason).toMatch(/déjà son AESH$/);
  });

  it('re-planning ends the pôle’s slots the day before the date, except a pinned one', () => {
    const proposal = propose(rec, { replan: true, pinnedSlots: [monday.id], date: '2026-11-25' });
    expect(proposal.ended).toEqual([tuesday.id]);
    const after = applyProposal(rec, proposal);
    expect(after.slots.find((s) => s.id === monday.id)).toEqual(monday);
    expect(after.slots.find((s) => s.id === tuesday.id)!.validTo).toBe('2026-11-24');
    expect(minutesOf(proposal, 1)).toBe(h(9));
    expect(proposal.after.pupilsFull).toBe(1);
  });

  it('re-planning keeps the slots of a pinned pair', () => {
    const proposal = propose(rec, { replan: true, pinnedPairs: [{ pupilId: 1, aeshId: 1 }] });
    expect(proposal.ended).toEqual([]);
    expect(proposal.slots.every((s) => s.aeshId === 1)).toBe(true);
  });

  it('leaves out the AESH and pupils the user excludes', () => {
    expect(propose(rec, { excludedAesh: [1] }).slots.every((s) => s.aeshId === 2)).toBe(true);
    expect(propose(rec, { excludedPupils: [1] }).slots).toEqual([]);
  });
});

describe('an AESH at their contract', () => {
  it('gets nothing more, and the pupil left waiting is told why', () => {
    const rec = record({
      pupils: [pupil(1, 'Hugo'), pupil(2, 'Léa')], notifications: [individual(1, 24), individual(2, 12)],
      aesh: [aesh(1, 'Sophie')], contracts: [contract(1, 24)],
      slots: [1, 2, 4, 5].flatMap((d) => [slot(1, d as Weekday, h(8, 30), h(11, 30), [1]), slot(1, d as Weekday, h(13, 30), h(16, 30), [1])]),
    });
    const proposal = propose(rec);
    expect(proposal.slots).toEqual([]);
    expect(proposal.unplaced).toEqual([expect.objectContaining({ pupil: 'E2', missingMinutes: h(12), reason: 'Tous les AESH du pôle sont au maximum de leur contrat.' })]);
    expect(proposal.lackingMinutes).toBe(h(12));
  });

  it('never gives a pupil a third AESH when her two are full', () => {
    const rec = record({
      pupils: [pupil(1, 'Léa')], notifications: [individual(1, 12)],
      aesh: [aesh(1, 'Sophie'), aesh(2, 'Karim'), aesh(3, 'Nadia')], contracts: [contract(1, 3), contract(2, 3), contract(3, 24)],
      slots: [slot(1, 1, h(8, 30), h(11, 30), [1]), slot(2, 2, h(8, 30), h(11, 30), [1])],
    });
    const proposal = propose(rec);
    expect(proposal.slots).toEqual([]);
    expect(proposal.unplaced).toEqual([expect.objectContaining({
      pupil: 'E1', missingMinutes: h(6),
      reason: 'Déjà 2 AESH (Sophie D. et Karim D.), sans temps libre pendant ses horaires ou au maximum de leur contrat : un AESH de plus n’est pas proposé.',
    })]);
  });

  it('never uses an AESH who has left the pôle on the date', () => {
    const rec = record({
      pupils: [pupil(1, 'Léa')], notifications: [individual(1, 12)],
      aesh: [aesh(1, 'Sophie', [], 2)], contracts: [contract(1, 24)], moves: [{ aeshId: 1, fromPoleId: 1, toPoleId: 2, date: '2026-10-01' }],
    });
    const proposal = propose(rec);
    expect(proposal.slots).toEqual([]);
    expect(proposal.unplaced[0]!.reason).toBe('Aucun AESH du pôle n’a de contrat en cours à cette date.');
  });
});
