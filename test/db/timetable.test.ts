import { beforeEach, describe, expect, it } from 'vitest';
import { makeUai } from '../../shared/domain/uai.ts';
import { computeGaps } from '../../shared/gaps/gaps.ts';
import { loadEngineRecord } from '../../electron/services/analysis.ts';
import { openTestRecord, seedBasics, type TestRecord } from '../support/record.ts';

let record: TestRecord;
let ids: Awaited<ReturnType<typeof seedBasics>>;
beforeEach(async () => {
  record = await openTestRecord();
  ids = await seedBasics(record.api);
});

const slot = (overrides: Record<string, unknown> = {}) => ({
  aeshId: ids.aeshId, schoolId: ids.schoolId, weekday: 1, startMinute: 510, endMinute: 690, nature: 'accompaniment' as const, pupilIds: [ids.pupilId], ...overrides,
});
const week = async () => (await record.api('slots.list', { aeshId: ids.aeshId })).map((s) => `${s.weekday} ${s.startMinute}-${s.endMinute} [${s.pupilIds.join(',')}]`);

describe('slot operations as one change, undone and redone through the journal', () => {
  it('undoes a two-slot change as a whole, and redoes it with the same slots', async () => {
    const done = await record.api('timetable.apply', { operations: [{ kind: 'create', slot: slot() }, { kind: 'create', slot: slot({ weekday: 2 }) }] });
    expect(done.slots).toHaveLength(2);
    expect(await week()).toEqual(['1 510-690 [1]', '2 510-690 [1]']);
    const undone = await record.api('journal.undo', { changeId: done.changeId });
    expect(await week()).toEqual([]);
    await record.api('journal.undo', { changeId: undone.changeId });
    expect(await week()).toEqual(['1 510-690 [1]', '2 510-690 [1]']);
    expect((await record.api('slots.list', { aeshId: ids.aeshId })).map((s) => s.id)).toEqual(done.slots.map((s) => s.id));
  });

  it('undoes a move and a deletion, pupils included', async () => {
    const [created] = (await record.api('timetable.apply', { operations: [{ kind: 'create', slot: slot() }] })).slots;
    const moved = await record.api('timetable.apply', { operations: [{ kind: 'update', slot: { ...slot({ weekday: 4, startMinute: 780, endMinute: 900, nature: 'ulis', pupilIds: [] }), id: created!.id, version: created!.version } }] });
    expect(await week()).toEqual(['4 780-900 []']);  // a ULIS slot serves the unit, no pupil by name
    await record.api('journal.undo', { changeId: moved.changeId });
    expect(await week()).toEqual(['1 510-690 [1]']);
    const deleted = await record.api('timetable.apply', { operations: [{ kind: 'delete', id: created!.id }] });
    expect(await week()).toEqual([]);
    await record.api('journal.undo', { changeId: deleted.changeId });
    expect(await week()).toEqual(['1 510-690 [1]']);
  });

  it('refuses to undo over a later change, and changes nothing', async () => {
    const [created] = (await record.api('timetable.apply', { operations: [{ kind: 'create', slot: slot() }] })).slots;
    const first = await record.api('timetable.apply', { operations: [{ kind: 'update', slot: { ...slot({ endMinute: 720 }), id: created!.id, version: created!.version } }] });
    await record.api('slots.update', { ...slot({ endMinute: 750 }), id: created!.id, version: first.slots[0]!.version });
    await expect(record.api('journal.undo', { changeId: first.changeId })).rejects.toThrow(/modifié depuis/);
    expect(await week()).toEqual(['1 510-750 [1]']);
  });

  it('writes nothing when one operation of the batch is refused', async () => {
    await expect(record.api('timetable.apply', { operations: [{ kind: 'create', slot: slot() }, { kind: 'delete', id: 999 }] })).rejects.toThrow(/introuvable/);
    expect(await week()).toEqual([]);
  });
});

describe('the pôle workspace', () => {
  it('after the editor’s changes, holds what a fresh read of the record holds', async () => {
    await record.api('timetable.workspace', { poleId: ids.poleId });
    const [kept, dropped] = (await record.api('timetable.apply', { operations: [{ kind: 'create', slot: slot() }, { kind: 'create', slot: slot({ weekday: 2 }) }] })).slots;
    await record.api('timetable.apply', { operations: [
      { kind: 'update', slot: { ...slot({ weekday: 4, startMinute: 800, endMinute: 900 }), id: kept!.id, version: kept!.version } },
      { kind: 'delete', id: dropped!.id },
      { kind: 'create', slot: slot({ weekday: 5 }) },
    ] });
    const normalised = (slots: readonly { id: number; pupilIds: number[] }[]) => slots.map((s) => ({ ...s, pupilIds: [...s.pupilIds].sort() })).sort((a, b) => a.id - b.id);
    const { record: patched } = await record.api('timetable.workspace', { poleId: ids.poleId });
    const fresh = await loadEngineRecord({ db: record.connection.db, now: () => new Date() });
    expect(normalised(patched.slots)).toEqual(normalised(fresh.slots));
    expect(patched.slots.map((s) => s.weekday).sort()).toEqual([4, 5]);
  });

  it('holds the pôle, the AESH of another pôle working in it, and judges slots as the whole record does', async () => {
    const other = await record.api('poles.create', { code: 'PIAL-T2', name: 'Autre', kind: 'PIAL_2D' });
    const far = await record.api('schools.create', { uai: makeUai('0840009'), name: 'Collège Giono', kind: 'college', commune: 'Manosque', poleId: other.id });
    const visitor = await record.api('aesh.create', { matricule: 'B002', lastName: 'Petit', firstName: 'Marc', poleId: other.id });
    await record.api('timetable.apply', { operations: [
      { kind: 'create', slot: slot({ aeshId: visitor.id, startMinute: 540 }) },
      { kind: 'create', slot: slot({ aeshId: visitor.id, schoolId: far.id, startMinute: 660, endMinute: 780, nature: 'ulis', pupilIds: [] }) },
      { kind: 'create', slot: slot() },
    ] });
    const { record: workspace } = await record.api('timetable.workspace', { poleId: ids.poleId });
    expect(workspace.aesh.map((a) => a.matricule).sort()).toEqual(['A001', 'B002']);
    expect(workspace.schools.map((s) => s.name).sort()).toEqual(['Collège Giono', 'École Jean Moulin']);
    const whole = await loadEngineRecord({ db: record.connection.db, now: () => new Date() });
    const bySlots = (gaps: ReturnType<typeof computeGaps>) => gaps.filter((g) => g.slotIds.length > 0).map((g) => `${g.code} ${g.slotIds.join(',')}`).sort();
    const inWorkspace = bySlots(computeGaps(workspace, '2026-11-23'));
    expect(inWorkspace).toEqual(bySlots(computeGaps(whole, '2026-11-23')));
    expect(inWorkspace).toEqual(expect.arrayContaining([expect.stringMatching(/^OVERLAP /), expect.stringMatching(/^OUT_OF_POLE /)]));
  });
});
