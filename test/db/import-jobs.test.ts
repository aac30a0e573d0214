// The import as a job (import.start, jobs.status, jobs.cancel, import.result): a determinate
// progress that never goes back and reaches its total, and a cancel, at the preview or during the
// write, that leaves the record exactly as it was.
import { describe, expect, it } from 'vitest';
import type { ApiOutput } from '../../shared/api/contract.ts';
import { todayIso } from '../../shared/domain/dates.ts';
import { makeUai } from '../../shared/domain/uai.ts';
import { planImport } from '../../electron/exchange/import.ts';
import { readWorkbook } from '../../electron/exchange/read.ts';
import { proposeMapping } from '../../shared/exchange/mapping.ts';
import { FIXED_NOW, openTestRecord, type TestRecord } from '../support/record.ts';
import { workbook } from '../support/workbook.ts';

const UAI1 = makeUai('0840001');
const PUPILS = 3000;
const big = workbook({
  'Établissements': [['UAI', 'Nom', 'Type'], [UAI1, 'École Jean Moulin', 'école élémentaire']],
  'Élèves': [['Identifiant', 'Nom', 'Prénom', 'UAI'], ...Array.from({ length: PUPILS }, (_, i) => [`E-${i}`, `Nom ${i}`, 'Léa', UAI1])],
});
const TABLES = ['poles', 'schools', 'pupils', 'notifications', 'journal'];
const dump = (record: TestRecord): unknown => Object.fromEntries(TABLES.map((t) => [t, record.connection.sqlite.prepare(`select * from ${t} order by id`).all()]));

type Status = ApiOutput<'jobs.status'>;
/** Reads the job's status until `until` holds (or it ended), every status read kept. */
async function follow(record: TestRecord, jobId: string, until: (s: Status) => boolean = () => false): Promise<Status[]> {
  const seen: Status[] = [];
  for (;;) {
    const status = await record.api('jobs.status', { jobId });
    seen.push(status);
    if (status.state !== 'running' || until(status)) return seen;
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

describe('the import as a job', () => {
  it('reports the lines checked then written, never going back, up to its total', async () => {
    const record = await openTestRecord();
    const reported: [number, number, string][] = [];
    const sheets = readWorkbook(Buffer.from(big, 'base64'), 'big.xlsx', 60);
    await planImport(record.connection.sqlite, sheets, proposeMapping(sheets), {}, (await record.api('settings.get', {})), todayIso(FIXED_NOW), {
      signal: new AbortController().signal, progress: (done, total, step) => reported.push([done, total, step]),
    });
    expect(reported.at(-1)).toEqual([PUPILS + 1, PUPILS + 1, 'Lignes vérifiées']);
    expect(reported.some(([, , step]) => step === 'Vérification des lignes : feuille « Élèves »')).toBe(true);
    for (let i = 1; i < reported.length; i += 1) expect(reported[i]![0]).toBeGreaterThanOrEqual(reported[i - 1]![0]);

    const { jobId } = await record.api('import.start', { fileName: 'big.xlsx', dataBase64: big, mode: 'write' });
    const seen = await follow(record, jobId);
    expect(seen.at(-1)).toMatchObject({ state: 'done', kind: 'import' });
    const last = seen.at(-1)!;
    // Checked once each (3 001 lines), then written once each (3 001 rows).
    expect([last.done, last.total]).toEqual([2 * (PUPILS + 1), 2 * (PUPILS + 1)]);
    for (let i = 1; i < seen.length; i += 1) expect(seen[i]!.done).toBeGreaterThanOrEqual(seen[i - 1]!.done);
    expect(seen.some((s) => s.step.startsWith('Écriture'))).toBe(true);
    expect((await record.api('import.result', { jobId })).reports.map((r) => [r.sheet, r.created])).toEqual([['Établissements', 1], ['Élèves', PUPILS]]);
  });

  it('cancelled at the preview, gives no result and writes nothing', async () => {
    const record = await openTestRecord();
    const before = dump(record);
    const { jobId } = await record.api('import.start', { fileName: 'big.xlsx', dataBase64: big, mode: 'preview' });
    await follow(record, jobId, (s) => s.done > 0 && s.done < s.total);
    expect(await record.api('jobs.cancel', { jobId })).toEqual({ cancelled: true });
    expect(await record.api('jobs.status', { jobId })).toMatchObject({ state: 'cancelled' });
    await expect(record.api('import.result', { jobId })).rejects.toThrow(/annulé/);
    expect(dump(record)).toEqual(before);
  });

  it('cancelled during the write, rolls its transaction back: the record is as before', async () => {
    const record = await openTestRecord();
    await record.api('schools.create', { uai: makeUai('0840002'), name: 'Collège Giono', kind: 'college' });
    const before = dump(record);
    const { jobId } = await record.api('import.start', { fileName: 'big.xlsx', dataBase64: big, mode: 'write' });
    const seen = await follow(record, jobId, (s) => s.step.startsWith('Écriture') && s.done > PUPILS + 1);
    expect(seen.at(-1)!.state).toBe('running');
    // Rows were written in the transaction when the cancel came.
    expect(record.connection.sqlite.prepare('select count(*) from pupils').pluck().get()).toBeGreaterThan(0);
    expect(await record.api('jobs.cancel', { jobId })).toEqual({ cancelled: true });
    // A read through the services waits for the transaction to end, rolled back.
    await record.api('app.info', {});
    expect(dump(record)).toEqual(before);
    expect(await record.api('jobs.status', { jobId })).toMatchObject({ state: 'cancelled' });
  });
});
