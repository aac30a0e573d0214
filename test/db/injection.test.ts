// Export injection: a text a spreadsheet would run (=, +, -, @, tab, carriage return at the start)
// is neutralised in every export. The names are written straight into SQLite, as another tool or
// an older version could have: the forms trim a leading tab or carriage return away.
import { describe, expect, it } from 'vitest';
import { EXPORT_KINDS } from '../../shared/api/contract.ts';
import { openTestRecord, seedBasics } from '../support/record.ts';
import { readBack, workbook } from '../support/workbook.ts';

const PREFIXES = ['=', '+', '-', '@', '\t', '\r'] as const;
const shown = (prefix: string): string => JSON.stringify(prefix);

describe('every export neutralises a text a spreadsheet would run', () => {
  for (const prefix of PREFIXES) {
    for (const kind of EXPORT_KINDS) {
      it(`${kind}, text starting with ${shown(prefix)}`, async () => {
        const { api, connection } = await openTestRecord();
        const ids = await seedBasics(api);
        await api('notifications.create', { pupilId: ids.pupilId, kind: 'individual', weeklyHours: 6, startDate: '2026-09-01', endDate: '2027-08-31' });
        await api('contracts.create', { aeshId: ids.aeshId, kind: 'CDI', startDate: '2020-09-01', weeklyHours: 24 });
        await api('slots.create', { aeshId: ids.aeshId, schoolId: ids.schoolId, weekday: 1, startMinute: '08:30', endMinute: '11:30', pupilIds: [ids.pupilId] });
        // A second pupil waits for an AESH: the survey lists the pupils waiting.
        const waiting = await api('pupils.create', { identifier: '2025-0009', lastName: 'Roux', firstName: 'Tom', schoolId: ids.schoolId });
        await api('notifications.create', { pupilId: waiting.id, kind: 'individual', weeklyHours: 6, startDate: '2026-09-01', endDate: '2027-08-31' });
        const payload = `${prefix}cmd|' /C calc'!A0`;
        connection.sqlite.prepare('update pupils set first_name = ?, last_name = ?').run(payload, payload);
        connection.sqlite.prepare('update aesh set first_name = ?, last_name = ?').run(payload, payload);
        connection.sqlite.prepare('update schools set name = ?, commune = ?').run(payload, payload);
        connection.sqlite.prepare('update poles set name = ?').run(payload);

        const cells = Object.values(readBack((await api('exchange.export', { kind, date: '2026-11-23' })).dataBase64)).flat(2);
        const texts = cells.filter((c): c is string => typeof c === 'string');
        expect(texts.filter((t) => /^[=+\-@\t\r]/.test(t))).toEqual([]);
        // The text is there, kept whole behind the apostrophe, not dropped.
        expect(texts.some((t) => t.startsWith(`'${payload}`))).toBe(true);
      });
    }
  }
});

describe('the cells made of names or of a user’s headers are neutralised too', () => {
  const dangerous = (base64: string): string[] =>
    Object.values(readBack(base64)).flat(2).filter((c): c is string => typeof c === 'string' && /^[=+\-@\t\r]/.test(c));

  it('the title of a pôle’s sheet in the dashboards, which starts with the pôle’s code', async () => {
    const { api, connection } = await openTestRecord();
    await seedBasics(api);
    connection.sqlite.prepare('update poles set code = ?').run('=HYPERLINK("http://x")');
    const exported = (await api('exchange.export', { kind: 'dashboards', date: '2026-11-23' })).dataBase64;
    const title = Object.values(readBack(exported))[1]![0]![0];
    expect(title).toMatch(/^'=HYPERLINK\("http:\/\/x"\) — /);
    expect(dangerous(exported)).toEqual([]);
  });

  it('the header row of the refused rows, taken from the imported file', async () => {
    const { api } = await openTestRecord();
    const file = workbook({ Élèves: [['Identifiant', 'Nom', 'Prénom', 'UAI', '=cmd|\' /C calc\'!A0'], ['2026-1', 'Roux', 'Zoé', '0840001Q', 'x']] });
    const refused = await api('exchange.refused', { fileName: 'eleves.xlsx', dataBase64: file });
    expect(refused.rows).toBe(1);
    const [header] = Object.values(readBack(refused.dataBase64))[0]!;
    expect(header).toContain('\'=cmd|\' /C calc\'!A0');
    expect(dangerous(refused.dataBase64)).toEqual([]);
  });
});
