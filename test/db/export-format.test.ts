// The workbooks as Excel shows them, read back from the file: the PIAL dashboards freeze their
// header and filter it on every sheet and show rates as percentages; the timetables name each
// sheet after its AESH with the matricule, so that namesakes are told apart.
import { beforeAll, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { openTestRecord, type TestRecord } from '../support/record.ts';
import { makeUai } from '../../shared/domain/uai.ts';

/** SheetJS reads no frozen panes: they are read from each sheet's XML in the file. */
function frozenRows(bytes: Buffer, sheetIndex: number): number | null {
  const zip = XLSX.CFB as { read(data: Buffer, options: { type: 'buffer' }): unknown; find(container: unknown, path: string): { content: Uint8Array } | null };
  const entry = zip.find(zip.read(bytes, { type: 'buffer' }), `/xl/worksheets/sheet${sheetIndex + 1}.xml`);
  const pane = /<pane [^>]*ySplit="(\d+)"[^>]*state="frozen"/.exec(Buffer.from(entry!.content).toString('utf8'));
  return pane ? Number(pane[1]) : null;
}

let demo: TestRecord;
beforeAll(async () => {
  demo = await openTestRecord();
  await demo.api('app.seedDemo', { scale: 'medium', seed: 7 });
});

describe('the PIAL dashboards workbook', () => {
  it('freezes the header of every sheet and puts an auto-filter on it', async () => {
    const bytes = Buffer.from((await demo.api('exchange.export', { kind: 'dashboards', date: '2026-11-23' })).dataBase64, 'base64');
    const book = XLSX.read(bytes);
    expect(book.SheetNames.length).toBeGreaterThan(2);
    book.SheetNames.forEach((name, i) => {
      const sheet = book.Sheets[name]!;
      const headerRow = name === 'Synthèse' ? 1 : 4;
      expect(frozenRows(bytes, i), name).toBe(headerRow);
      const filter = XLSX.utils.decode_range(sheet['!autofilter']?.ref ?? 'A1');
      expect(filter.s, name).toEqual({ r: headerRow - 1, c: 0 });
      expect(filter.e.c, name).toBeGreaterThan(5);
    });
    const pole = book.Sheets[book.SheetNames[1]!]!;
    expect((pole[XLSX.utils.encode_cell({ r: 3, c: 0 })] as XLSX.CellObject).v).toBe('Élève : identifiant');
  });

  it('stores rates as fractions shown as percentages', async () => {
    const book = XLSX.read(Buffer.from((await demo.api('exchange.export', { kind: 'dashboards', date: '2026-11-23' })).dataBase64, 'base64'), { cellNF: true });
    const summary = book.Sheets['Synthèse']!;
    const column = (XLSX.utils.sheet_to_json<string[]>(summary, { header: 1 })[0] ?? []).indexOf('Taux en totalité');
    const rates = XLSX.utils.sheet_to_json<unknown[]>(summary, { header: 1 }).slice(1).map((_, i) => summary[XLSX.utils.encode_cell({ r: i + 1, c: column })] as XLSX.CellObject);
    expect(rates.length).toBeGreaterThan(2);
    for (const rate of rates) {
      expect(rate.t).toBe('n');
      expect(rate.v as number).toBeGreaterThan(0);
      expect(rate.v as number).toBeLessThanOrEqual(1);
      expect(rate.z).toBe('0.0 %');
    }
    const pole = book.Sheets[book.SheetNames[1]!]!;
    expect((pole[XLSX.utils.encode_cell({ r: 2, c: column })] as XLSX.CellObject).z).toBe('0.0 %');
  });
});

describe('the timetables workbook', () => {
  it('names each AESH’s sheet with the matricule: namesakes apart, 31 characters at most', async () => {
    const record = await openTestRecord();
    const pole = await record.api('poles.create', { code: 'PIAL-T1', name: 'PIAL de test', kind: 'PIAL_1D' });
    const school = await record.api('schools.create', { uai: makeUai('0840001'), name: 'École Jean Moulin', kind: 'elementaire', poleId: pole.id });
    const people = [
      ['12345', 'Dumont', 'Nathalie'], ['67890', 'Dumont', 'Nathalie'], ['A84001234', 'de La Tour d’Auvergne-Montmorency', 'Éléonore'],
    ] as const;
    for (const [matricule, lastName, firstName] of people) {
      const aesh = await record.api('aesh.create', { matricule, lastName, firstName, poleId: pole.id });
      await record.api('contracts.create', { aeshId: aesh.id, kind: 'CDI', startDate: '2020-09-01', weeklyHours: 24 });
      await record.api('slots.create', { aeshId: aesh.id, schoolId: school.id, weekday: 1, startMinute: '08:30', endMinute: '11:30', nature: 'ulis' });
    }
    const book = XLSX.read(Buffer.from((await record.api('exchange.export', { kind: 'timetables', date: '2026-11-23' })).dataBase64, 'base64'));
    expect([...book.SheetNames].sort()).toEqual(['Dumont N. 12345', 'Dumont N. 67890', 'de La Tour d’Auver É. A84001234']);
    for (const name of book.SheetNames) expect(name.length).toBeLessThanOrEqual(31);
  });
});
