// Moves of AESH between pôles through the services: one change of the journal per batch, the
// amendment to make, undo, and the what-if that writes nothing.
import { describe, expect, it } from 'vitest';
import { makeUai } from '../../shared/domain/uai.ts';
import { openTestRecord, seedBasics } from '../support/record.ts';

async function twoPoles() {
  const record = await openTestRecord();
  const { api } = record;
  const ids = await seedBasics(api);
  await api('notifications.create', { pupilId: ids.pupilId, kind: 'individual', weeklyHours: 12, startDate: '2026-09-01', endDate: '2028-08-31' });
  await api('contracts.create', { aeshId: ids.aeshId, kind: 'CDI', startDate: '2020-09-01', weeklyHours: 24 });
  for (const weekday of [1, 2, 4, 5]) {
    await api('slots.create', { aeshId: ids.aeshId, schoolId: ids.schoolId, weekday, startMinute: '08:30', endMinute: '11:30', pupilIds: [ids.pupilId] });
  }
  const other = await api('poles.create', { code: 'PIAL-T2', name: 'PIAL de Gordes', kind: 'PIAL_1D' });
  const school = await api('schools.create', { uai: makeUai('0840002'), name: 'École de Gordes', kind: 'primaire', commune: 'Gordes', poleId: other.id });
  return { ...record, ids, other, school };
}

describe('repartition.move', () => {
  it('moves the AESH, ends their slots in the pôle left, records the amendment to make, as one change', async () => {
    const { api, ids, other } = await twoPoles();
    const done = await api('repartition.move', { moves: [{ aeshId: ids.aeshId, toPoleId: other.id, date: '2026-11-30' }] });
    expect(done.moved).toBe(1);
    expect((await api('aesh.get', { id: ids.aeshId })).poleId).toBe(other.id);
    expect((await api('slots.list', { aeshId: ids.aeshId })).map((s) => s.validTo)).toEqual(['2026-11-29', '2026-11-29', '2026-11-29', '2026-11-29']);
    const lines = (await api('journal.list', { limit: 20 })).filter((l) => l.changeId === done.changeId);
    expect(lines.map((l) => l.entity).sort()).toEqual(['aesh', 'aeshMoves', 'slots', 'slots', 'slots', 'slots']);

    const view = await api('repartition.get', { date: '2026-11-30' });
    expect(view.pendingAmendments).toEqual([expect.objectContaining({ aeshName: 'Sophie Durand', fromPoleCode: 'PIAL-T1', toPoleCode: 'PIAL-T2', date: '2026-11-30', amendmentDone: false })]);
    expect(view.poles.map((p) => [p.poleCode, p.contractMinutes, p.pupilsWithoutSupport])).toEqual([['PIAL-T1', 0, 1], ['PIAL-T2', 24 * 60, 0]]);
    // Until the move, the AESH still counts in the pôle left.
    expect((await api('repartition.get', { date: '2026-11-23' })).poles.map((p) => p.contractMinutes)).toEqual([24 * 60, 0]);

    await api('moves.amendmentDone', { id: view.pendingAmendments[0]!.id });
    expect((await api('repartition.get', {})).pendingAmendments).toEqual([]);
  });

  it('is undone as a whole', async () => {
    const { api, ids, other } = await twoPoles();
    const done = await api('repartition.move', { moves: [{ aeshId: ids.aeshId, toPoleId: other.id, date: '2026-11-30' }] });
    await api('journal.undo', { changeId: done.changeId });
    expect((await api('aesh.get', { id: ids.aeshId })).poleId).toBe(ids.poleId);
    expect((await api('slots.list', { aeshId: ids.aeshId })).map((s) => s.validTo)).toEqual([null, null, null, null]);
    expect((await api('repartition.get', {})).pendingAmendments).toEqual([]);
  });

  it('previews moves without writing anything, and refuses a batch with a bad move before writing any', async () => {
    const { api, ids, other, connection } = await twoPoles();
    const journalBefore = (await api('app.info', {})).counts.journal;
    const preview = await api('repartition.get', { date: '2026-11-30', moves: [{ aeshId: ids.aeshId, toPoleId: other.id, date: '2026-11-30' }] });
    expect(preview.preview).toEqual([{ aeshId: ids.aeshId, aeshName: 'Sophie Durand', fromPoleCode: 'PIAL-T1', toPoleCode: 'PIAL-T2', date: '2026-11-30', slotsEnded: 4, pupilsLeft: 1 }]);
    expect(preview.poles[0]!.pupilsWithoutSupport).toBe(1);
    expect((await api('repartition.get', { date: '2026-11-30' })).poles[0]!.pupilsWithoutSupport).toBe(0);

    await expect(api('repartition.move', { moves: [
      { aeshId: ids.aeshId, toPoleId: other.id, date: '2026-11-30' },
      { aeshId: ids.aeshId, toPoleId: other.id, date: '2026-12-07' },
    ] })).rejects.toThrow(/déjà rattaché\(e\) à ce pôle/);
    expect((await api('app.info', {})).counts.journal).toBe(journalBefore);
    expect(connection.sqlite.prepare('select count(*) n from aesh_moves').get()).toEqual({ n: 0 });
  });
});
