// Two tabs (or two windows) on the same row: an update carries the version its form loaded, and a
// stale one is refused instead of silently reverting the other tab's change.
import { beforeEach, describe, expect, it } from 'vitest';
import { openTestRecord, seedBasics, type TestRecord } from '../support/record.ts';

let record: TestRecord;
let ids: Awaited<ReturnType<typeof seedBasics>>;
beforeEach(async () => {
  record = await openTestRecord();
  ids = await seedBasics(record.api);
});

describe('updates from a stale form', () => {
  it('refuses the second of two tabs that loaded the same pupil, and keeps the first one’s change', async () => {
    const loaded = await record.api('pupils.get', { id: ids.pupilId });
    const { notifications: _, ...form } = loaded;
    const first = await record.api('pupils.update', { ...form, level: 'CE2' });
    expect(first.version).toBe(loaded.version + 1);
    await expect(record.api('pupils.update', { ...form, className: 'CE1 B' })).rejects.toThrow(/modifié depuis/);
    expect(await record.api('pupils.get', { id: ids.pupilId })).toMatchObject({ level: 'CE2', className: null, version: first.version });
    // The tab that saved goes on with the version its save returned.
    expect(await record.api('pupils.update', { ...form, level: 'CE2', className: 'CE2 A', version: first.version })).toMatchObject({ className: 'CE2 A' });
  });

  it('refuses a form loaded before an undo, after which another tab saved the row', async () => {
    const pole = (await record.api('poles.list', {}))[0]!;
    const renamed = await record.api('poles.update', { ...pole, name: 'PIAL Apt centre' });
    const [line] = await record.api('journal.list', { limit: 1 });
    await record.api('journal.undo', { changeId: line!.changeId! });
    const afterUndo = (await record.api('poles.list', {}))[0]!;
    await record.api('poles.update', { ...afterUndo, coordinator: 'Mme Roux' });
    // Had the undo written back the old version, this tab (opened on the rename) would hold the
    // current one again and silently erase the coordinator.
    await expect(record.api('poles.update', { ...pole, name: 'PIAL Apt centre', version: renamed.version })).rejects.toThrow(/modifié depuis/);
    expect((await record.api('poles.list', {}))[0]).toMatchObject({ name: 'PIAL de test', coordinator: 'Mme Roux' });
  });

  it('refuses a timetable change from a stale week, and writes nothing of its batch', async () => {
    const slot = { aeshId: ids.aeshId, schoolId: ids.schoolId, weekday: 1, startMinute: 510, endMinute: 690, nature: 'accompaniment' as const, pupilIds: [ids.pupilId] };
    const [created] = (await record.api('timetable.apply', { operations: [{ kind: 'create', slot }] })).slots;
    await record.api('timetable.apply', { operations: [{ kind: 'update', slot: { ...slot, endMinute: 720, id: created!.id, version: created!.version } }] });
    await expect(record.api('timetable.apply', { operations: [
      { kind: 'create', slot: { ...slot, weekday: 2 } },
      { kind: 'update', slot: { ...slot, startMinute: 480, id: created!.id, version: created!.version } },
    ] })).rejects.toThrow(/modifié depuis/);
    expect((await record.api('slots.list', {})).map((s) => [s.weekday, s.startMinute, s.endMinute])).toEqual([[1, 510, 720]]);
  });

  it('refuses an AESH form loaded before the AESH was moved to another pôle', async () => {
    const other = await record.api('poles.create', { code: 'PIAL-T2', name: 'Autre PIAL', kind: 'PIAL_1D' });
    const { contracts: _c, absences: _a, ...form } = await record.api('aesh.get', { id: ids.aeshId });
    await record.api('repartition.move', { moves: [{ aeshId: ids.aeshId, toPoleId: other.id, date: '2026-11-30' }] });
    await expect(record.api('aesh.update', { ...form, referent: true })).rejects.toThrow(/modifié depuis/);
    expect(await record.api('aesh.get', { id: ids.aeshId })).toMatchObject({ poleId: other.id, referent: false });
  });
});
