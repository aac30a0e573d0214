import { beforeAll, describe, expect, it } from 'vitest';
import type { Indicators } from '../../shared/gaps/indicators.ts';
import { openTestRecord, seedBasics, type TestRecord } from '../support/record.ts';
import { readBack } from '../support/workbook.ts';

let demo: TestRecord;
let indicators: Indicators;
beforeAll(async () => {
  demo = await openTestRecord();
  await demo.api('app.seedDemo', { scale: 'medium' });
  indicators = await demo.api('indicators.get', { date: '2026-11-23' });
});

describe('the record as the exchange workbook', () => {
  it('re-imports into an empty record as the same record: same rows, same gaps', async () => {
    const file = await demo.api('exchange.export', { kind: 'record' });
    expect(file.fileName).toBe('planif-aesh-base-2026-11-23.xlsx');
    const copy = await openTestRecord();
    const result = await copy.api('exchange.import', { fileName: file.fileName, dataBase64: file.dataBase64 });
    expect(result.reports.flatMap((r) => r.refused)).toEqual([]);
    const { journal: _a, ...original } = (await demo.api('app.info', {})).counts;
    const { journal: _b, ...copied } = (await copy.api('app.info', {})).counts;
    expect(copied).toEqual(original);
    const strip = <T extends { id: number }>(rows: T[], ...drop: string[]) =>
      rows.map((row) => Object.fromEntries(Object.entries(row).filter(([k]) => k !== 'id' && !drop.includes(k) && !k.endsWith('Id'))));
    expect(strip(await copy.api('pupils.list', {}))).toEqual(strip(await demo.api('pupils.list', {})));
    expect(strip(await copy.api('aesh.list', {}))).toEqual(strip(await demo.api('aesh.list', {})));
    expect(strip(await copy.api('schools.list', {}))).toEqual(strip(await demo.api('schools.list', {})));
    const messages = async (r: TestRecord) => (await r.api('gaps.list', { date: '2026-11-23' })).map((g) => g.message).sort();
    expect(await messages(copy)).toEqual(await messages(demo));
    const withoutIds = ({ waiting, ...figures }: Indicators['total']) => ({ ...figures, waiting: waiting.map(({ pupilId: _id, ...w }) => w) });
    expect(withoutIds((await copy.api('indicators.get', { date: '2026-11-23' })).total)).toEqual(withoutIds(indicators.total));
  });

  it('writes dates as real Excel dates and hours as numbers', async () => {
    const sheets = readBack((await demo.api('exchange.export', { kind: 'record' })).dataBase64);
    const [header, first] = sheets['Notifications']!;
    expect(header).toEqual(['Identifiant élève', 'Type', 'Heures hebdomadaires', 'Début', 'Fin', 'Pause méridienne', 'Activités']);
    expect(first![3]).toBeInstanceOf(Date);
    const hours = sheets['Notifications']!.slice(1).find((r) => r[1] === 'individuelle')![2];
    expect(typeof hours).toBe('number');
  });
});

describe('PIAL dashboards', () => {
  it('has a summary row per pôle with the figures of the indicators, and a sheet per pôle', async () => {
    const file = await demo.api('exchange.export', { kind: 'dashboards', date: '2026-11-23' });
    const sheets = readBack(file.dataBase64);
    expect(Object.keys(sheets)).toEqual(['Synthèse', ...indicators.poles.map((p) => p.poleCode)]);
    const [header, ...rows] = sheets['Synthèse']!;
    const column = (name: string) => header!.indexOf(name);
    for (const pole of indicators.poles) {
      const row = rows.find((r) => r[0] === pole.poleCode)!;
      expect(row[column('Élèves notifiés')]).toBe(pole.pupils.notified);
      expect(row[column('Sans AESH')]).toBe(pole.pupils.none);
      expect(row[column('ETP')]).toBe(pole.aesh.etp);
      expect(row[column('Heures notifiées (individuelles)')]).toBeCloseTo(pole.hours.notifiedMinutes / 60, 2);
    }
    expect(rows.at(-1)![0]).toBe('Département');
    expect(rows.at(-1)![column('Élèves notifiés')]).toBe(indicators.total.pupils.notified);
  });

  it('exports one pôle on request, and refuses an unknown one', async () => {
    const code = indicators.poles[0]!.poleCode!;
    const sheets = readBack((await demo.api('exchange.export', { kind: 'dashboards', date: '2026-11-23', pole: code })).dataBase64);
    expect(Object.keys(sheets)).toEqual(['Synthèse', code]);
    await expect(demo.api('exchange.export', { kind: 'dashboards', pole: 'PIAL-NOPE' })).rejects.toThrow('Pôle PIAL-NOPE inconnu.');
  });
});

describe('survey and timetables', () => {
  it('splits the département’s figures by type of aid and degree, and lists the pupils waiting', async () => {
    const sheets = readBack((await demo.api('exchange.export', { kind: 'survey', date: '2026-11-23' })).dataBase64);
    const rows = sheets['Enquête 23-11-2026']!;
    const total = rows.find((r) => r[0] === 'Département' && r[2] === 'Ensemble')!;
    expect(total.slice(4, 8)).toEqual([indicators.total.pupils.notified, indicators.total.pupils.full, indicators.total.pupils.partial, indicators.total.pupils.none]);
    const individual = rows.find((r) => r[0] === 'Département' && r[3] === 'individuelle')!;
    expect(individual[4]).toBe(indicators.total.byCategory.individual.notified);
    expect(sheets['Élèves en attente']!.length - 1).toBe(indicators.total.waiting.length);
  });

  it('writes one sheet per AESH with a timetable', async () => {
    const sheets = readBack((await demo.api('exchange.export', { kind: 'timetables', date: '2026-11-23' })).dataBase64);
    const withSlots = (await demo.api('aesh.list', { date: '2026-11-23' })).filter((a) => a.scheduledWeeklyMinutes > 0).length;
    expect(Object.keys(sheets)).toHaveLength(withSlots);
    const [header, first] = Object.values(sheets)[0]!;
    expect(header).toEqual(['Jour', 'Début', 'Fin', 'Nature', 'UAI', 'Établissement', 'Commune', 'Élèves']);
    expect(first![1]).toMatch(/^\d\d:\d\d$/);
  });
});

describe('formula injection', () => {
  it('neutralises in every export a text that a spreadsheet would run, and takes it back on import', async () => {
    const record = await openTestRecord();
    const ids = await seedBasics(record.api);
    await record.api('pupils.update', { id: ids.pupilId, version: 1, identifier: '2025-0001', lastName: '=HYPERLINK("http://x","clic")', firstName: '@SUM(1)', schoolId: ids.schoolId });
    await record.api('notifications.create', { pupilId: ids.pupilId, kind: 'individual', weeklyHours: 6, startDate: '2026-09-01', endDate: '2027-08-31', activities: '+33 6 12' });
    await record.api('slots.create', { aeshId: ids.aeshId, schoolId: ids.schoolId, weekday: 1, startMinute: '08:30', endMinute: '11:30', pupilIds: [ids.pupilId] });
    const texts: string[] = [];
    for (const kind of ['record', 'dashboards', 'survey', 'timetables'] as const) {
      for (const rows of Object.values(readBack((await record.api('exchange.export', { kind, date: '2026-11-23' })).dataBase64))) {
        for (const row of rows) for (const cell of row) if (typeof cell === 'string') texts.push(cell);
      }
    }
    expect(texts.filter((t) => /^[=+\-@\t\r]/.test(t))).toEqual([]);
    expect(texts).toContain('\'=HYPERLINK("http://x","clic")');
    const back = await openTestRecord();
    await back.api('exchange.import', { fileName: 'base.xlsx', dataBase64: (await record.api('exchange.export', { kind: 'record' })).dataBase64 });
    const [pupil] = await back.api('pupils.list', {});
    expect([pupil!.lastName, pupil!.firstName]).toEqual(['=HYPERLINK("http://x","clic")', '@SUM(1)']);
  });
});
