// The services read the record once and then patch it from the rows each write changed
// (electron/services/analysis.ts). After every kind of write, undo and import included, the
// patched record must be the one a fresh read gives, and its gaps and figures those of a fresh
// analysis. The services are composed over one context here, as createServices does, so that the
// test holds the cache they patch.
import { beforeEach, describe, expect, it } from 'vitest';
import type { ApiCall, ApiHandlers } from '../../shared/api/contract.ts';
import { dispatch, unwrap } from '../../shared/api/dispatch.ts';
import { makeUai } from '../../shared/domain/uai.ts';
import { analyse, derivationOf } from '../../shared/gaps/analysis.ts';
import { gapsOf } from '../../shared/gaps/gaps.ts';
import { indicatorsOf } from '../../shared/gaps/indicators.ts';
import type { EngineRecord } from '../../shared/gaps/record.ts';
import { seedDemo } from '../../electron/demo/seed.ts';
import { aeshHandlers } from '../../electron/services/aesh.ts';
import { analysisCache, analysisHandlers, loadEngineRecord, recordCache, type AnalysisOn, type RecordCache } from '../../electron/services/analysis.ts';
import type { ServiceContext } from '../../electron/services/context.ts';
import { exchangeHandlers } from '../../electron/services/exchange.ts';
import { JobRegistry } from '../../electron/services/jobs.ts';
import { poleHandlers } from '../../electron/services/poles.ts';
import { pupilHandlers } from '../../electron/services/pupils.ts';
import { repartitionHandlers } from '../../electron/services/repartition.ts';
import { schoolHandlers } from '../../electron/services/schools.ts';
import { getSettings, updateSettings } from '../../electron/services/settings.ts';
import { slotHandlers } from '../../electron/services/slots.ts';
import { timetableHandlers } from '../../electron/services/timetable.ts';
import { undoHandlers } from '../../electron/services/undo.ts';
import { FIXED_NOW, openTestRecord } from '../support/record.ts';
import { workbook } from '../support/workbook.ts';

const TABLES = ['poles', 'schools', 'pupils', 'notifications', 'aesh', 'contracts', 'absences', 'slots', 'moves'] as const;
type Table = (typeof TABLES)[number];
// The demo's week, a week later, and one in another term: analyses of several dates are cached.
const DATES = ['2026-11-23', '2026-11-30', '2027-03-01'];

let ctx: ServiceContext;
let records: RecordCache;
let analysisOn: AnalysisOn;
let api: ApiCall;

beforeEach(async () => {
  const { connection } = await openTestRecord();
  ctx = { db: connection.db, sqlite: connection.sqlite, actor: 'test', databasePath: connection.path, now: () => FIXED_NOW, revision: { value: 0 }, safeguard: undefined };
  records = recordCache(ctx);
  analysisOn = analysisCache(ctx, records);
  const handlers = {
    ...poleHandlers(ctx), ...schoolHandlers(ctx), ...pupilHandlers(ctx), ...aeshHandlers(ctx, analysisOn), ...slotHandlers(ctx),
    ...analysisHandlers(ctx, analysisOn), ...repartitionHandlers(ctx, records, analysisOn), ...timetableHandlers(ctx, records),
    ...undoHandlers(ctx), ...exchangeHandlers(ctx, analysisOn, new JobRegistry()),
  } as ApiHandlers;
  api = async (method, input) => unwrap(await dispatch(handlers, method, input)) as never;
  await seedDemo(ctx, 'small');
});

/** The analyses of every date, compared with those of a fresh read. */
async function expectAnalysesOf(fresh: EngineRecord): Promise<void> {
  for (const date of DATES) {
    const cached = await analysisOn(date);
    const again = analyse(fresh, date);
    expect(gapsOf(cached)).toEqual(gapsOf(again));
    expect(indicatorsOf(cached)).toEqual(indicatorsOf(again));
  }
}

/**
 * Runs `write` on a record read and analysed before, then checks the cache against a fresh read.
 * The tables `changed` does not name must be the very arrays the record had: the write patched
 * the record rather than having it read again.
 */
async function expectPatched<T>(write: () => Promise<T>, changed: readonly Table[]): Promise<T> {
  const before = await records.get();
  await expectAnalysesOf(before);
  const done = await write();
  const patched = await records.get();
  const fresh = await loadEngineRecord(ctx);
  expect(patched).toEqual(fresh);
  for (const table of TABLES) {
    if (changed.includes(table)) expect(patched[table]).not.toBe(before[table]);
    else expect(patched[table], table).toBe(before[table]);
  }
  await expectAnalysesOf(fresh);
  return done;
}

/** A demo pupil with a notification and a place in a slot, and that slot. */
async function servedPupil() {
  const record = await records.get();
  const slot = record.slots.find((s) => s.nature === 'accompaniment' && s.pupilIds.length > 0 && record.notifications.some((n) => n.pupilId === s.pupilIds[0]))!;
  return { record, slot, pupil: record.pupils.find((p) => p.id === slot.pupilIds[0])! };
}

describe('the cached record after a write', () => {
  it('follows a pupil created, changed and deleted (their notifications and places in slots with them)', async () => {
    const { record, pupil } = await servedPupil();
    const other = record.schools.find((s) => s.id !== pupil.schoolId)!;
    const created = await expectPatched(() => api('pupils.create', { identifier: 'T-0001', lastName: 'Roux', firstName: 'Tom', schoolId: other.id, ulis: true }), ['pupils']);
    await expectPatched(() => api('pupils.update', { id: created.id, version: created.version, identifier: 'T-0001', lastName: 'Roux', firstName: 'Tom', schoolId: pupil.schoolId, level: 'CM1' }), ['pupils']);
    await expectPatched(() => api('pupils.delete', { id: pupil.id }), ['pupils', 'notifications', 'slots']);
  });

  it('follows notifications, contracts and absences created, changed and deleted', async () => {
    const { record, pupil } = await servedPupil();
    const notification = await expectPatched(() => api('notifications.create', { pupilId: pupil.id, kind: 'individual', weeklyHours: 9, startDate: '2030-09-01', endDate: '2031-07-04' }), ['notifications']);
    await expectPatched(() => api('notifications.update', { ...notification, weeklyHours: 15, lunchBreak: false }), ['notifications']);
    await expectPatched(() => api('notifications.delete', { id: notification.id }), ['notifications']);

    const aesh = record.aesh[0]!;
    const contract = await expectPatched(() => api('contracts.create', { aeshId: aesh.id, kind: 'CDD', startDate: '2030-09-01', endDate: '2031-08-31', weeklyHours: 20 }), ['contracts']);
    await expectPatched(() => api('contracts.update', { id: contract.id, version: contract.version, aeshId: aesh.id, kind: 'CDD', startDate: '2030-09-01', endDate: '2031-08-31', weeklyHours: 30 }), ['contracts']);
    await expectPatched(() => api('contracts.delete', { id: contract.id }), ['contracts']);

    const absence = await expectPatched(() => api('absences.create', { aeshId: aesh.id, startDate: '2026-11-23', endDate: '2026-11-27', reason: 'Maladie' }), ['absences']);
    await expectPatched(() => api('absences.update', { id: absence.id, version: absence.version, aeshId: aesh.id, startDate: '2026-11-24', endDate: '2026-12-04', reason: null }), ['absences']);
    await expectPatched(() => api('absences.delete', { id: absence.id }), ['absences']);
  });

  it('follows schools, AESH and pôles (an AESH deleted takes their contracts, absences and slots with them)', async () => {
    const second = await api('poles.create', { code: 'PIAL-Y', name: 'Second PIAL', kind: 'PIAL_1D' });
    const record = await records.get();
    const first = record.poles[0];
    const school = await expectPatched(() => api('schools.create', { uai: makeUai('0840999'), name: 'École du Test', kind: 'primaire', commune: 'Apt', poleId: first!.id }), ['schools']);
    await expectPatched(() => api('schools.update', { id: school.id, version: school.version, uai: school.uai, name: 'École du Test', kind: 'primaire', commune: 'Gordes', poleId: second.id, week: '4.5j' }), ['schools']);
    await expectPatched(() => api('schools.delete', { id: school.id }), ['schools']);

    const busy = record.aesh.find((a) => record.slots.some((s) => s.aeshId === a.id) && record.absences.some((x) => x.aeshId === a.id))
      ?? record.aesh.find((a) => record.slots.some((s) => s.aeshId === a.id))!;
    const detail = await api('aesh.get', { id: busy.id });
    await expectPatched(() => api('aesh.update', { ...detail, poleId: busy.poleId === first!.id ? second.id : first!.id, skills: ['LSF'] }), ['aesh']);
    const changed: Table[] = ['aesh', 'contracts', 'slots'];
    if (record.absences.some((x) => x.aeshId === busy.id)) changed.push('absences');
    await expectPatched(() => api('aesh.delete', { id: busy.id }), changed);

    const pole = await expectPatched(() => api('poles.create', { code: 'PIAL-X', name: 'PIAL ajouté', kind: 'PAS' }), ['poles']);
    await expectPatched(() => api('poles.delete', { id: pole.id }), ['poles']);
    // The demo's pôle, with its schools and AESH: they are detached in the pôle's own change.
    await expectPatched(() => api('poles.delete', { id: first!.id, confirmed: true }), ['poles', 'schools', 'aesh']);
  });

  it('follows the editor’s slot changes, a move between pôles, and their undoing', async () => {
    const { record, slot } = await servedPupil();
    const applied = await expectPatched(() => api('timetable.apply', { operations: [
      { kind: 'update', slot: { ...slot, version: slot.version!, startMinute: slot.startMinute + 15, endMinute: slot.endMinute + 15 } },
      { kind: 'create', slot: { ...slot, weekday: 6, startMinute: 540, endMinute: 600, validFrom: null, validTo: null } },
    ] }), ['slots']);
    await expectPatched(() => api('slots.delete', { id: slot.id }), ['slots']);
    // The deleted slot comes back with its id and its pupils.
    const deletion = ctx.sqlite.prepare('select max(change_id) from journal').pluck().get() as number;
    await expectPatched(() => api('journal.undo', { changeId: deletion }), ['slots']);
    await expectPatched(() => api('journal.undo', { changeId: applied.changeId }), ['slots']);

    const mover = record.aesh.find((a) => a.poleId !== null && record.slots.some((s) => s.aeshId === a.id))!;
    const to = await api('poles.create', { code: 'PIAL-Y', name: 'Second PIAL', kind: 'PIAL_1D' });
    const move = { moves: [{ aeshId: mover.id, toPoleId: to.id, date: '2026-11-30' }] };
    const moved = await expectPatched(() => api('repartition.move', move), ['aesh', 'slots', 'moves']);
    await expectPatched(() => api('journal.undo', { changeId: moved.changeId }), ['aesh', 'slots', 'moves']);
    await expectPatched(() => api('repartition.move', move), ['aesh', 'slots', 'moves']);
    const pending = (await api('repartition.get', { date: '2026-11-30', moves: [] })).pendingAmendments[0]!;
    await expectPatched(() => api('moves.amendmentDone', { id: pending.id }), ['moves']);
  });

  it('follows an import, which writes through the same row helpers', async () => {
    const record = await records.get();
    const [school, other] = record.schools;
    const known = record.pupils.find((p) => p.schoolId === school!.id)!;
    const file = workbook({
      'Élèves': [['Identifiant', 'Nom', 'Prénom', 'UAI'], ['T-0101', 'Blanc', 'Rose', school!.uai], ['T-0102', 'Noir', 'Lou', other!.uai], [known.identifier, known.lastName, 'Changé', school!.uai]],
    });
    const done = await expectPatched(() => api('exchange.import', { fileName: 'eleves.xlsx', dataBase64: file, strict: false, dryRun: false }), ['pupils']);
    expect(done.written).toBe(true);
  });

  it('computes again only what an ordinary write touched, with the analysis of the record read from scratch', async () => {
    const { record, pupil, slot } = await servedPupil();
    const aesh = record.aesh.find((a) => a.id === slot.aeshId)!;
    let created = 0;
    const writes: [string, () => Promise<unknown>][] = [
      ['a pupil', async () => { created = (await api('pupils.create', { identifier: 'T-0201', lastName: 'Vidal', firstName: 'Inès', schoolId: pupil.schoolId })).id; }],
      ['a notification', () => api('notifications.create', { pupilId: created, kind: 'individual', weeklyHours: 6, startDate: '2026-11-02', endDate: '2027-07-04' })],
      ['an absence', () => api('absences.create', { aeshId: aesh.id, startDate: '2026-11-24', endDate: '2026-12-01', reason: 'Formation' })],
      ['a contract', () => api('contracts.create', { aeshId: aesh.id, kind: 'CDI', startDate: '2030-09-01', endDate: null, weeklyHours: 30 })],
      ['a slot', () => api('slots.create', { aeshId: aesh.id, schoolId: pupil.schoolId, weekday: 3, startMinute: 540, endMinute: 600, pupilIds: [created] })],
    ];
    for (const [what, write] of writes) {
      for (const date of DATES) await analysisOn(date);
      await write();
      const fresh = await loadEngineRecord(ctx);
      for (const date of DATES) {
        const derived = await analysisOn(date);
        // Derived from the analysis before the write, not computed again from the whole record.
        expect(derivationOf(derived), what).toBeDefined();
        const again = analyse(fresh, date);
        expect(gapsOf(derived), `${what}, ${date}`).toEqual(gapsOf(again));
        expect(indicatorsOf(derived), `${what}, ${date}`).toEqual(indicatorsOf(again));
        expect(derived.pupils.map((c) => [c.pupil.id, c.plannedMinutes, c.deliveredMinutes, c.lunchMinutes])).toEqual(again.pupils.map((c) => [c.pupil.id, c.plannedMinutes, c.deliveredMinutes, c.lunchMinutes]));
      }
    }
  });

  it('is read again after a write of other rows (the settings), and stays as it is after a snapshot', async () => {
    const before = await records.get();
    await api('snapshots.create', { date: '2026-11-23', label: 'Relevé de test' });
    expect(await records.get()).toBe(before);

    const settings = await getSettings(ctx);
    await updateSettings(ctx, { ...settings, travelSpeedKmh: settings.travelSpeedKmh + 10 });
    const fresh = await loadEngineRecord(ctx);
    const reread = await records.get();
    expect(reread).not.toBe(before);
    expect(reread).toEqual(fresh);
    await expectAnalysesOf(fresh);
  });
});
