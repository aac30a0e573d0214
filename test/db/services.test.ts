import { beforeEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../shared/api/errors.ts';
import { makeUai } from '../../shared/domain/uai.ts';
import { write } from '../../electron/services/context.ts';
import { openTestRecord, seedBasics, type TestRecord } from '../support/record.ts';

let record: TestRecord;
let ids: Awaited<ReturnType<typeof seedBasics>>;
beforeEach(async () => {
  record = await openTestRecord();
  ids = await seedBasics(record.api);
});

async function refusal(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  if (!(error instanceof ApiError)) throw new Error(`refus attendu, obtenu ${String(error)}`);
  return error;
}

describe('pôles, schools, pupils and AESH', () => {
  it('lists what was created, with the links resolved', async () => {
    const [pole] = await record.api('poles.list', {});
    expect(pole).toMatchObject({ code: 'PIAL-T1', schoolCount: 1, aeshCount: 1 });
    const [school] = await record.api('schools.list', {});
    expect(school).toMatchObject({ uai: makeUai('0840001'), poleCode: 'PIAL-T1', pupilCount: 1, week: '4j' });
    const [aesh] = await record.api('aesh.list', {});
    expect(aesh).toMatchObject({ matricule: 'A001', skills: ['LSF', 'TSA'], poleCode: 'PIAL-T1', contractKind: null, scheduledWeeklyMinutes: 0 });
  });

  it('gives a 4.5-day school its Wednesday morning and a 4-day school none', async () => {
    const school = await record.api('schools.create', { uai: makeUai('0840002'), name: 'École des Lavandes', kind: 'primaire', week: '4.5j' });
    expect(Object.keys(school.grid)).toEqual(['1', '2', '3', '4', '5']);
    const existing = (await record.api('schools.list', {})).find((s) => s.uai === makeUai('0840001'));
    expect(Object.keys(existing!.grid)).toEqual(['1', '2', '4', '5']);
  });

  it('lists in French order: accents and case ignored, not SQLite’s byte order', async () => {
    await record.api('schools.create', { uai: makeUai('0840003'), name: 'Lycée Frédéric Mistral', kind: 'lycee' });
    await record.api('schools.create', { uai: makeUai('0840004'), name: 'collège Albert Camus', kind: 'college' });
    expect((await record.api('schools.list', {})).map((s) => s.name)).toEqual(['collège Albert Camus', 'École Jean Moulin', 'Lycée Frédéric Mistral']);
    await record.api('pupils.create', { identifier: '2025-0002', lastName: 'Étienne', firstName: 'Zoé', schoolId: ids.schoolId });
    await record.api('pupils.create', { identifier: '2025-0003', lastName: 'Zidane', firstName: 'Adam', schoolId: ids.schoolId });
    expect((await record.api('pupils.list', {})).map((p) => p.lastName)).toEqual(['Étienne', 'Martin', 'Zidane']);
  });

  it('refuses a second school with the same UAI, on the uai field', async () => {
    const error = await refusal(record.api('schools.create', { uai: makeUai('0840001'), name: 'Doublon', kind: 'college' }));
    expect(error.kind).toBe('conflict');
    expect(error.issues).toEqual([{ path: 'uai', message: 'Déjà utilisé par un autre enregistrement.' }]);
  });

  it('refuses to delete a school that pupils attend, and says how many', async () => {
    const error = await refusal(record.api('schools.delete', { id: ids.schoolId }));
    expect(error.message).toMatch(/1 élève et 0 créneau dépendent de cet établissement/);
    expect(await record.api('schools.list', {})).toHaveLength(1);
  });

  it('keeps schools and AESH when their pôle is deleted', async () => {
    await record.api('poles.delete', { id: ids.poleId, confirmed: true });
    const [school] = await record.api('schools.list', {});
    expect(school).toMatchObject({ poleId: null, poleCode: null });
  });

  it('answers a missing record with a French not-found', async () => {
    const error = await refusal(record.api('pupils.update', { id: 999, version: 1, identifier: 'X', lastName: 'X', firstName: 'X', schoolId: ids.schoolId }));
    expect(error.kind).toBe('not_found');
    expect(error.message).toMatch(/Élève introuvable \(n° 999\)/);
  });

  it('turns a schema failure into field issues before any service runs', async () => {
    const error = await refusal(record.api('pupils.create', { identifier: '', lastName: 'X', firstName: 'Y', schoolId: '' }));
    expect(error.message).toBe('Saisie refusée : 2 champs à corriger.');
    expect(error.issues.map((i) => i.path).sort()).toEqual(['identifier', 'schoolId']);
  });
});

describe('notifications', () => {
  const individual = (over: object = {}) => ({ pupilId: 0, kind: 'individual' as const, weeklyHours: '12', startDate: '01/09/2025', endDate: '31/08/2027', ...over });

  it('shows the notification in force in the pupil list', async () => {
    await record.api('notifications.create', individual({ pupilId: ids.pupilId, weeklyHours: '12 h 30' }));
    const [pupil] = await record.api('pupils.list', {});
    expect(pupil).toMatchObject({ currentKind: 'individual', currentWeeklyMinutes: 750, currentEndDate: '2027-08-31', schoolName: 'École Jean Moulin' });
    expect((await record.api('pupils.list', { date: '2027-09-01' }))[0]!.currentKind).toBeNull();
  });

  it('keeps a shared notification overlapping an individual one as the CDAPH decided it, and flags it (D.351-16-1)', async () => {
    await record.api('notifications.create', individual({ pupilId: ids.pupilId }));
    await record.api('notifications.create', { pupilId: ids.pupilId, kind: 'shared', startDate: '01/01/2026', endDate: '31/12/2026' });
    expect((await record.api('pupils.get', { id: ids.pupilId })).notifications).toHaveLength(2);
    expect((await record.api('gaps.list', { date: '2026-02-02' })).filter((g) => g.code === 'NOTIFICATION_CONFLICT')).toEqual([
      expect.objectContaining({ pupilId: ids.pupilId, message: expect.stringContaining('D.351-16-1') }),
    ]);
  });

  it('accepts the renewal that starts the day after', async () => {
    await record.api('notifications.create', individual({ pupilId: ids.pupilId }));
    await record.api('notifications.create', { pupilId: ids.pupilId, kind: 'shared', startDate: '2027-09-01', endDate: '2028-08-31' });
    expect((await record.api('pupils.get', { id: ids.pupilId })).notifications.map((n) => n.kind)).toEqual(['shared', 'individual']);
  });

  it('reads the same notification in force in the pupil list and in the dashboard when an old record holds two', async () => {
    // Overlaps are refused on entry: these two come from a record written before that rule.
    const insert = record.connection.sqlite.prepare(
      "insert into notifications (pupil_id, kind, weekly_minutes, start_date, end_date, lunch_break) values (?, 'individual', ?, ?, '2027-08-31', 0)",
    );
    insert.run(ids.pupilId, 720, '2026-01-05');
    insert.run(ids.pupilId, 360, '2025-09-01');
    const [listed] = await record.api('pupils.list', {});
    const [counted] = await record.api('indicators.pupils', {});
    expect(listed!.currentWeeklyMinutes).toBe(720);
    expect(counted!.notifiedMinutes).toBe(720);
    expect(counted!.since).toBe('2026-01-05');
  });

  it('lets a notification be edited without clashing with itself', async () => {
    const n = await record.api('notifications.create', individual({ pupilId: ids.pupilId }));
    const updated = await record.api('notifications.update', { ...individual({ pupilId: ids.pupilId, weeklyHours: '15' }), id: n.id, version: n.version });
    expect(updated.weeklyMinutes).toBe(900);
  });
});

describe('contracts and absences', () => {
  it('derives annual hours and quotité with the 41-week rule', async () => {
    const contract = await record.api('contracts.create', { aeshId: ids.aeshId, kind: 'CDD', startDate: '01/09/2025', endDate: '31/08/2028', weeklyHours: '24' });
    expect(contract).toMatchObject({ weeklyMinutes: 1440, annualMinutes: 984 * 60, quotitePercent: 62 });
  });

  it('follows the académie reference hours set in Paramètres', async () => {
    const settings = await record.api('settings.get', {});
    await record.api('settings.update', { ...settings, annualReferenceHours: 1593 });
    const contract = await record.api('contracts.create', { aeshId: ids.aeshId, kind: 'CDI', startDate: '01/09/2025', weeklyHours: '30' });
    expect(contract.quotitePercent).toBe(78); // 1 230 h / 1 593 h = 77.2 %
  });

  it('refuses more weekly hours than a full time allows, and explains the sum', async () => {
    const error = await refusal(record.api('contracts.create', { aeshId: ids.aeshId, kind: 'CDI', startDate: '01/09/2025', weeklyHours: '40' }));
    expect(error.issues).toEqual([{ path: 'weeklyHours', message: '40 h × 41 semaines = 1\u202f640 h : au-delà des 1\u202f607 h d\'un temps plein.' }]);
  });

  it('refuses two contracts of one AESH over the same days', async () => {
    await record.api('contracts.create', { aeshId: ids.aeshId, kind: 'CDI', startDate: '01/09/2025', weeklyHours: '24' });
    const error = await refusal(record.api('contracts.create', { aeshId: ids.aeshId, kind: 'CDD', startDate: '01/09/2026', endDate: '31/08/2027', weeklyHours: '24' }));
    expect(error.issues[0]!.message).toBe('Chevauche le contrat du 01/09/2025 sans date de fin.');
  });

  it('shows the contract in force in the AESH list', async () => {
    await record.api('contracts.create', { aeshId: ids.aeshId, kind: 'CDD', startDate: '01/09/2025', endDate: '31/08/2027', weeklyHours: '24' });
    expect((await record.api('aesh.list', {}))[0]).toMatchObject({ contractKind: 'CDD', contractWeeklyMinutes: 1440, contractEndDate: '2027-08-31' });
  });

  it('refuses overlapping absences of one AESH', async () => {
    await record.api('absences.create', { aeshId: ids.aeshId, startDate: '16/11/2026', endDate: '20/11/2026', reason: 'maladie' });
    const error = await refusal(record.api('absences.create', { aeshId: ids.aeshId, startDate: '20/11/2026', endDate: '27/11/2026' }));
    expect(error.issues[0]!.message).toBe('Chevauche l’absence du 16/11/2026 au 20/11/2026.');
  });
});

describe('timetable slots', () => {
  it('serves several pupils and counts only the slots valid on the date', async () => {
    const second = await record.api('pupils.create', { identifier: '2025-0002', lastName: 'Petit', firstName: 'Hugo', schoolId: ids.schoolId });
    const slot = await record.api('slots.create', { aeshId: ids.aeshId, schoolId: ids.schoolId, weekday: 1, startMinute: '08:30', endMinute: '11:30', pupilIds: [second.id, ids.pupilId] });
    expect(slot.pupilIds).toEqual([ids.pupilId, second.id].sort((a, b) => a - b));
    await record.api('slots.create', { aeshId: ids.aeshId, schoolId: ids.schoolId, weekday: 2, startMinute: '13:30', endMinute: '16:30', pupilIds: [ids.pupilId], validTo: '01/09/2026' });
    expect((await record.api('aesh.list', {}))[0]!.scheduledWeeklyMinutes).toBe(180);
    expect((await record.api('aesh.list', { date: '2026-06-01' }))[0]!.scheduledWeeklyMinutes).toBe(360);
    expect(await record.api('slots.list', { aeshId: ids.aeshId })).toHaveLength(2);
  });

  it('shows an AESH working in two schools on one day with the hours the dashboard counts, journey included', async () => {
    const other = await record.api('schools.create', { uai: makeUai('0840002'), name: 'École des Lavandes', kind: 'elementaire', commune: 'Apt', poleId: ids.poleId });
    await record.api('contracts.create', { aeshId: ids.aeshId, kind: 'CDI', startDate: '01/09/2025', weeklyHours: '24' });
    const slot = { aeshId: ids.aeshId, weekday: 1, pupilIds: [ids.pupilId] };
    await record.api('slots.create', { ...slot, schoolId: ids.schoolId, startMinute: '08:30', endMinute: '11:30' });
    await record.api('slots.create', { ...slot, schoolId: other.id, startMinute: '13:30', endMinute: '16:30' });
    const [listed] = await record.api('aesh.list', {});
    const [counted] = await record.api('indicators.aesh', {});
    // 6 h in class and the 10 minutes of a journey within one commune (Paramètres).
    expect(counted!.scheduledMinutes).toBe(370);
    expect(listed!.scheduledWeeklyMinutes).toBe(counted!.scheduledMinutes);
  });

  it('lists the slots of a whole département, beyond SQLite’s limit of bound variables', async () => {
    const count = 33_500;
    const { sqlite } = record.connection;
    const slot = sqlite.prepare("insert into slots (aesh_id, school_id, weekday, start_minute, end_minute, nature) values (?, ?, ?, ?, ?, 'accompaniment')");
    const link = sqlite.prepare('insert into slot_pupils (slot_id, pupil_id) values (?, ?)');
    sqlite.transaction(() => {
      for (let i = 0; i < count; i += 1) {
        const { lastInsertRowid } = slot.run(ids.aeshId, ids.schoolId, 1 + (i % 5), i % 600, (i % 600) + 30);
        link.run(lastInsertRowid, ids.pupilId);
      }
    })();
    const slots = await record.api('slots.list', {});
    expect(slots).toHaveLength(count);
    expect(slots.every((s) => s.pupilIds.length === 1 && s.pupilIds[0] === ids.pupilId)).toBe(true);
  });

  it('refuses a pupil that does not exist', async () => {
    const error = await refusal(record.api('slots.create', { aeshId: ids.aeshId, schoolId: ids.schoolId, weekday: 1, startMinute: '08:30', endMinute: '11:30', pupilIds: [4242] }));
    expect(error.issues[0]).toMatchObject({ path: 'pupilIds' });
    expect(await record.api('slots.list', {})).toHaveLength(0);
  });

  it('takes a deleted pupil out of the slots that served them, and journals what went with them', async () => {
    await record.api('notifications.create', { pupilId: ids.pupilId, kind: 'shared', startDate: '01/09/2025', endDate: '31/08/2026' });
    const slot = await record.api('slots.create', { aeshId: ids.aeshId, schoolId: ids.schoolId, weekday: 1, startMinute: '08:30', endMinute: '11:30', pupilIds: [ids.pupilId] });
    await record.api('pupils.delete', { id: ids.pupilId });
    expect((await record.api('slots.list', {}))[0]!.pupilIds).toEqual([]);
    const [entry] = await record.api('journal.list', { limit: 1 });
    expect(entry).toMatchObject({ action: 'delete', entity: 'pupils', entityId: ids.pupilId });
    expect(entry!.before).toMatchObject({ row: { identifier: '2025-0001' }, dependants: { slotIds: [slot.id], notifications: [{ kind: 'shared' }] } });
  });
});

describe('the change journal', () => {
  it('records who changed what, before and after', async () => {
    const pole = (await record.api('poles.list', {}))[0]!;
    await record.api('poles.update', { id: pole.id, version: pole.version, code: pole.code, name: 'PIAL Apt centre', kind: 'PIAL_1D' });
    const [entry] = await record.api('journal.list', { limit: 1 });
    expect(entry).toMatchObject({
      actor: 'test', action: 'update', entity: 'poles', entityId: pole.id,
      before: { name: 'PIAL de test' }, after: { name: 'PIAL Apt centre' },
    });
  });

  it('journals every creation of the fixture', async () => {
    const entries = await record.api('journal.list', { limit: 100 });
    expect(entries.map((e) => e.entity).sort()).toEqual(['aesh', 'poles', 'pupils', 'schools']);
  });

  it('leaves nothing, journal included, when a multi-row write fails half-way', async () => {
    const ctx = { db: record.connection.db, sqlite: record.connection.sqlite, actor: 'test', databasePath: ':memory:', now: () => new Date(), revision: { value: 0 }, safeguard: undefined };
    await expect(write(ctx, async (trx) => {
      await trx.insertInto('poles').values({ code: 'HALF', name: 'Moitié', kind: 'PAS' }).execute();
      await trx.insertInto('journal').values({ at: 'x', actor: 'test', action: 'create', entity: 'poles', entityId: null, beforeJson: null, afterJson: null }).execute();
      await trx.insertInto('poles').values({ code: 'HALF', name: 'Doublon', kind: 'PAS' }).execute();
    })).rejects.toThrow(/UNIQUE/);
    expect((await record.api('poles.list', {})).map((p) => p.code)).toEqual(['PIAL-T1']);
    expect(await record.api('journal.list', { limit: 100 })).toHaveLength(4);
  });
});

describe('settings and demo', () => {
  it('defaults to the school year running and the national working time', async () => {
    expect(await record.api('settings.get', {})).toMatchObject({
      schoolYearStart: '2026-09-01', schoolYearEnd: '2027-07-04', annualReferenceHours: 1607, serviceWeeks: 41, expiringNoticeDays: 60,
    });
  });

  it('keeps a stored setting that no longer passes its rule, and the others, instead of the defaults', async () => {
    const stored = (): Record<string, unknown> =>
      JSON.parse((record.connection.sqlite.prepare("select value_json from settings where key = 'general'").get() as { value_json: string }).value_json) as Record<string, unknown>;
    const settings = await record.api('settings.get', {});
    await record.api('settings.update', { ...settings, annualReferenceHours: 1593 });
    // Written by hand, or under a rule since tightened: 46 weeks is beyond today's 45.
    record.connection.sqlite.prepare("update settings set value_json = json_set(value_json, '$.serviceWeeks', 46) where key = 'general'").run();
    expect(await record.api('settings.get', {})).toMatchObject({ annualReferenceHours: 1593, serviceWeeks: 41 });
    expect((await record.api('app.info', {})).staleSettings).toEqual([{ field: 'serviceWeeks', message: expect.stringContaining('Valeur enregistrée « 46 » refusée') }]);

    const refused = await refusal(record.api('settings.update', { ...settings, roadFactor: 9 }));
    expect(refused.issues[0]).toMatchObject({ path: 'roadFactor', message: expect.stringMatching(/entre/) });
    expect(stored()).toMatchObject({ annualReferenceHours: 1593, serviceWeeks: 46, roadFactor: 1.3 });

    // Another field saved: the stored 46 stays, read as 41 until the user types another value.
    await record.api('settings.update', { ...(await record.api('settings.get', {})), roadFactor: 1.45 });
    expect(stored()).toMatchObject({ annualReferenceHours: 1593, serviceWeeks: 46, roadFactor: 1.45 });
    await record.api('settings.update', { ...(await record.api('settings.get', {})), serviceWeeks: 43 });
    expect(stored()).toMatchObject({ serviceWeeks: 43 });
    expect((await record.api('app.info', {})).staleSettings).toEqual([]);
  });

  it('loads the demonstration only into an empty record', async () => {
    const error = await refusal(record.api('app.seedDemo', { scale: 'small' }));
    expect(error.message).toMatch(/ne se charge que dans une base vide/);
    const empty = await openTestRecord();
    const counts = await empty.api('app.seedDemo', { scale: 'small' });
    expect(counts).toMatchObject({ poles: 1, pupils: 40, journal: 1 });
    expect(counts.slots).toBeGreaterThan(40);
  });
});
