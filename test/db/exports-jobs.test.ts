// Every export and the snapshot of all pôles as jobs (export.start, snapshots.start, jobs.status,
// jobs.cancel, *.result): a determinate progress in French steps that never goes back and reaches
// its total, the same file as the direct export, and a cancel at each step that gives no file and
// writes nothing.
import * as XLSX from 'xlsx';
import { describe, expect, it } from 'vitest';
import { EXPORT_KINDS, type ApiOutput } from '../../shared/api/contract.ts';
import { seedDemo } from '../../electron/demo/seed.ts';
import { analysisCache, recordCache, saveSnapshot } from '../../electron/services/analysis.ts';
import type { ServiceContext } from '../../electron/services/context.ts';
import { exportFile } from '../../electron/services/exports.ts';
import type { JobControl } from '../../electron/services/jobs.ts';
import { FIXED_NOW, openTestRecord, type TestRecord } from '../support/record.ts';

type Status = ApiOutput<'jobs.status'>;
const DATE = '2026-11-23';

/** Reads the job's status until it ends, every status read kept. */
async function follow(record: TestRecord, jobId: string): Promise<Status[]> {
  const seen: Status[] = [];
  for (;;) {
    const status = await record.api('jobs.status', { jobId });
    seen.push(status);
    if (status.state !== 'running') return seen;
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
}

/** The sheets of a workbook and their cells, as a spreadsheet reads them. */
function sheetsOf(dataBase64: string): Record<string, unknown[][]> {
  const book = XLSX.read(Buffer.from(dataBase64, 'base64'), { type: 'buffer' });
  return Object.fromEntries(book.SheetNames.map((name) => [name, XLSX.utils.sheet_to_json(book.Sheets[name]!, { header: 1 })]));
}

/** The services' context over the test record, to run an export or a snapshot with a control of the test's own. */
function contextOf(record: TestRecord): ServiceContext {
  const { connection } = record;
  return { db: connection.db, sqlite: connection.sqlite, actor: 'test', databasePath: connection.path, now: () => FIXED_NOW, revision: { value: 0 }, safeguard: undefined };
}

/** A control that records each step reported and cancels when the step numbered `cancelAt` begins. */
function controlCancellingAt(cancelAt: number | null): { control: JobControl; steps: [number, number, string][]; committed: () => boolean } {
  const controller = new AbortController();
  const steps: [number, number, string][] = [];
  let committed = false;
  return {
    control: {
      signal: controller.signal,
      progress: (done, total, step) => {
        steps.push([done, total, step]);
        if (done === cancelAt) controller.abort(new DOMException('Tâche annulée.', 'AbortError'));
      },
      committed: () => {
        committed = true;
      },
    },
    steps,
    committed: () => committed,
  };
}

const snapshotRows = (record: TestRecord): unknown => record.connection.sqlite.prepare('select * from snapshots order by id').all();
const journalRows = (record: TestRecord): unknown => record.connection.sqlite.prepare('select * from journal order by id').all();

describe('exports as jobs', () => {
  it('report each step in French up to their total, and give the file of the direct export', async () => {
    const record = await openTestRecord();
    await record.api('app.seedDemo', { scale: 'small' });
    for (const kind of EXPORT_KINDS) {
      const { jobId } = await record.api('export.start', { kind, date: DATE });
      const seen = await follow(record, jobId);
      const last = seen.at(-1)!;
      expect(last).toMatchObject({ kind: 'export', state: 'done', step: 'Terminé.' });
      expect(last.total).toBe(kind === 'record' ? 2 : 4);
      expect(last.done).toBe(last.total);
      for (let i = 1; i < seen.length; i += 1) expect(seen[i]!.done).toBeGreaterThanOrEqual(seen[i - 1]!.done);
      const file = await record.api('export.result', { jobId });
      const direct = await record.api('exchange.export', { kind, date: DATE });
      expect(file.fileName).toBe(direct.fileName);
      expect(sheetsOf(file.dataBase64)).toEqual(sheetsOf(direct.dataBase64));
      // The file is handed over once: a department's workbook is not kept in memory.
      await expect(record.api('export.result', { jobId })).rejects.toThrow(/inconnue ou expirée/);
    }
  });

  it('names its steps, and stops at whichever one it is cancelled: no file', async () => {
    const record = await openTestRecord();
    const ctx = contextOf(record);
    await seedDemo(ctx, 'small');
    const analysisOn = analysisCache(ctx, recordCache(ctx));
    const full = controlCancellingAt(null);
    await exportFile(ctx, analysisOn, { kind: 'dashboards', date: DATE }, full.control);
    expect(full.steps.map(([done, total, step]) => `${done}/${total} ${step}`)).toEqual([
      '0/4 Analyse de la situation au 23/11/2026', '1/4 Chiffres et alertes des pôles', '2/4 Mise en forme et écriture du classeur',
      '3/4 Préparation du fichier', '4/4 Fichier prêt',
    ]);
    for (const at of [0, 1, 2, 3]) {
      const { control, steps } = controlCancellingAt(at);
      await expect(exportFile(ctx, analysisOn, { kind: 'dashboards', date: DATE }, control)).rejects.toThrow(/annulée/);
      expect(steps.at(-1)![0]).toBe(at);
    }
  });

  it('cancelled through the API, says so and gives no file', async () => {
    const record = await openTestRecord();
    await record.api('app.seedDemo', { scale: 'small' });
    const { jobId } = await record.api('export.start', { kind: 'timetables', date: DATE });
    expect(await record.api('jobs.cancel', { jobId })).toEqual({ cancelled: true });
    expect(await record.api('jobs.status', { jobId })).toMatchObject({ state: 'cancelled', step: 'Tâche annulée.' });
    await expect(record.api('export.result', { jobId })).rejects.toThrow(/annulé/);
  });
});

describe('the snapshot of all pôles as a job', () => {
  it('reports the analysis, the pôles’ figures and the write, and saves the figures of the direct analysis', async () => {
    const record = await openTestRecord();
    await record.api('app.seedDemo', { scale: 'small' });
    const { jobId } = await record.api('snapshots.start', { date: DATE, label: 'Toussaint' });
    const seen = await follow(record, jobId);
    expect(seen.at(-1)).toMatchObject({ kind: 'snapshot', state: 'done', done: 3, total: 3 });
    const saved = await record.api('snapshots.result', { jobId });
    expect(saved).toMatchObject({ date: DATE, label: 'Toussaint' });
    expect(saved.indicators).toEqual(await record.api('indicators.get', { date: DATE }));
    expect((await record.api('snapshots.list', {})).map((s) => s.label)).toEqual(['Toussaint']);
  });

  it('cancelled at any step before its write is committed, writes nothing', async () => {
    const record = await openTestRecord();
    const ctx = contextOf(record);
    await seedDemo(ctx, 'small');
    const analysisOn = analysisCache(ctx, recordCache(ctx));
    const [snapshots, lines] = [snapshotRows(record), journalRows(record)];
    for (const at of [0, 1, 2]) {
      const { control, steps, committed } = controlCancellingAt(at);
      await expect(saveSnapshot(ctx, analysisOn, { date: DATE, label: 'Noël' }, control)).rejects.toThrow(/annulée/);
      expect(steps.map(([done, total, step]) => `${done}/${total} ${step}`)).toEqual([
        '0/3 Analyse de la situation au 23/11/2026', '1/3 Chiffres de 1 pôle', '2/3 Enregistrement du relevé',
      ].slice(0, at + 1));
      expect(committed()).toBe(false);
      expect(snapshotRows(record)).toEqual(snapshots);
      expect(journalRows(record)).toEqual(lines);
    }
  });
});
