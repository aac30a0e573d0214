import { beforeEach, describe, expect, it } from 'vitest';
import { openTestRecord, seedBasics, type TestRecord } from '../support/record.ts';

let record: TestRecord;
let ids: Awaited<ReturnType<typeof seedBasics>>;
beforeEach(async () => {
  record = await openTestRecord();
  ids = await seedBasics(record.api);
  await record.api('notifications.create', { pupilId: ids.pupilId, kind: 'individual', weeklyHours: 6, startDate: '2026-09-01', endDate: '2028-08-31' });
  await record.api('contracts.create', { aeshId: ids.aeshId, kind: 'CDI', startDate: '2020-09-01', weeklyHours: 24 });
});

describe('gaps and indicators through the services', () => {
  it('sees every edit at once, although the record is read once and kept', async () => {
    expect((await record.api('gaps.list', { date: '2026-11-23' })).map((g) => g.code)).toEqual(['NO_SUPPORT']);
    await record.api('slots.create', { aeshId: ids.aeshId, schoolId: ids.schoolId, weekday: 1, startMinute: '08:30', endMinute: '11:30', pupilIds: [ids.pupilId] });
    const gaps = await record.api('gaps.list', { date: '2026-11-23' });
    expect(gaps).toEqual([expect.objectContaining({ code: 'UNDER_HOURS', missingMinutes: 180, pupil: '2025-0001', poleCode: 'PIAL-T1' })]);
    await record.api('slots.create', { aeshId: ids.aeshId, schoolId: ids.schoolId, weekday: 2, startMinute: '08:30', endMinute: '11:30', pupilIds: [ids.pupilId] });
    expect(await record.api('gaps.list', { date: '2026-11-23' })).toEqual([]);
  });

  it('takes today by default and any date on request', async () => {
    const today = await record.api('indicators.get', {});
    expect(today.date).toBe('2026-11-23');
    expect(today.total.pupils).toEqual({ notified: 1, full: 0, partial: 0, none: 1 });
    expect((await record.api('indicators.get', { date: '01/09/2028' })).total.pupils.notified).toBe(0);
  });

  it('keeps a snapshot’s figures as they were, whatever the record becomes', async () => {
    const snapshot = await record.api('snapshots.create', { date: '2026-11-23', label: 'Toussaint' });
    expect(snapshot.indicators.total.pupils.none).toBe(1);
    await record.api('slots.create', { aeshId: ids.aeshId, schoolId: ids.schoolId, weekday: 1, startMinute: '08:30', endMinute: '14:30', pupilIds: [ids.pupilId] });
    expect((await record.api('indicators.get', { date: '2026-11-23' })).total.pupils.full).toBe(1);
    const kept = await record.api('snapshots.get', { id: snapshot.id });
    expect(kept.indicators.total.pupils).toEqual({ notified: 1, full: 0, partial: 0, none: 1 });
    expect(await record.api('snapshots.list', {})).toEqual([expect.objectContaining({ label: 'Toussaint', date: '2026-11-23', pupils: kept.indicators.total.pupils })]);
    const [entry] = await record.api('journal.list', { limit: 5 }).then((j) => j.filter((e) => e.entity === 'snapshots'));
    expect(entry).toMatchObject({ action: 'create', after: { label: 'Toussaint' } });
    await record.api('snapshots.delete', { id: snapshot.id });
    expect(await record.api('snapshots.list', {})).toEqual([]);
  });

  it('finds a realistic spread of gaps in the medium demonstration', async () => {
    const demo = await openTestRecord();
    await demo.api('app.seedDemo', { scale: 'medium' });
    const gaps = await demo.api('gaps.list', {});
    const codes = new Set(gaps.map((g) => g.code));
    for (const code of ['NO_SUPPORT', 'UNDER_HOURS', 'ABSENCE_UNCOVERED', 'CONTRACT_ENDS', 'NOTIFICATION_EXPIRING']) expect(codes).toContain(code);
    const { total } = await demo.api('indicators.get', {});
    expect(total.pupils.none / total.pupils.notified).toBeGreaterThan(0.01);
    expect(total.pupils.full / total.pupils.notified).toBeGreaterThan(0.8);
  });
});
