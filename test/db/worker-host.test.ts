// The record in a worker thread, as the browser mode and the command line run it (the window's
// utility process speaks the same protocol): the main thread keeps its timers ticking through a
// whole département's import, a restore asked during an import waits for it and loses nothing,
// and a worker that dies answers every waiting call with a French message instead of a hang.
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openRecord } from '../../db/connection.ts';
import { backupDirectory } from '../../electron/record/backups.ts';
import { connectHost, newHostThread, startHostThread, threadLink, workerStoppedMessage, type RemoteHost, type RemoteHostOptions } from '../../electron/record/remote.ts';
import type { ApiInput, ApiOutput, MethodName } from '../../shared/api/contract.ts';
import type { RecordCounts } from '../../shared/api/entities.ts';
import { unwrap } from '../../shared/api/dispatch.ts';
import { makeUai } from '../../shared/domain/uai.ts';
import { FIXED_NOW, openTestRecord, tempDir } from '../support/record.ts';
import { tickGaps } from '../support/ticks.ts';
import { workbook } from '../support/workbook.ts';

const options = (path: string): RemoteHostOptions =>
  ({ path, actor: 'test', interactive: false, backupAtStart: false, stoppedClock: FIXED_NOW.toISOString() });

async function api<M extends MethodName>(host: RemoteHost, method: M, input: ApiInput<M>): Promise<ApiOutput<M>> {
  return unwrap(await host.call(method, input)) as ApiOutput<M>;
}

/** Polls the job until it ends, as the renderer and the command line do. */
async function finished(host: RemoteHost, jobId: string): Promise<ApiOutput<'jobs.status'>> {
  for (;;) {
    const status = await api(host, 'jobs.status', { jobId });
    if (status.state !== 'running') return status;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Rows of `table` in the record file at `path`, read directly. */
async function rowsIn(path: string, table: string): Promise<number> {
  const connection = await openRecord(path);
  try {
    return (connection.sqlite.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
  } finally {
    await connection.close();
  }
}

describe('the record in a worker thread', () => {
  // The département demo's whole record as the exchange workbook: made once, in a worker too, so
  // that this thread holds the file and nothing else while the import runs.
  let department: { dataBase64: string; counts: RecordCounts };
  beforeAll(async () => {
    const maker = await startHostThread(options(join(tempDir(), 'departement.db')));
    try {
      const counts = await api(maker, 'app.seedDemo', { scale: 'department' });
      department = { dataBase64: (await api(maker, 'exchange.export', { kind: 'record' })).dataBase64, counts };
    } finally {
      await maker.close();
    }
  }, 120_000);

  it('keeps the main thread’s timers ticking, every gap 50 ms or less, while a whole département is imported', async () => {
    const host = await startHostThread(options(join(tempDir(), 'import.db')));
    try {
      const { result: status, gaps } = await tickGaps(async () => {
        const { jobId } = await api(host, 'import.start', { fileName: 'departement.xlsx', dataBase64: department.dataBase64, mode: 'write' });
        return finished(host, jobId);
      });
      expect(status).toMatchObject({ state: 'done', kind: 'import' });
      expect(status.done).toBe(status.total);
      const { counts } = await api(host, 'app.info', {});
      expect({ ...counts, journal: 0 }).toEqual({ ...department.counts, journal: 0 });
      // The import took seconds: a few ticks would prove nothing.
      expect(gaps.length).toBeGreaterThan(100);
      expect(Math.max(...gaps)).toBeLessThanOrEqual(50);
    } finally {
      await host.close();
    }
  }, 120_000);
});

describe('one queue in the worker', () => {
  it('runs a restore asked during an import after it: the import’s rows are in the backup the restore takes first, and the record is the backup chosen', async () => {
    const path = join(tempDir(), 'serial.db');
    const host = await startHostThread(options(path));
    try {
      const empty = await api(host, 'backups.create', {});
      const uai = makeUai('0840001');
      const file = workbook({
        'Établissements': [['UAI', 'Nom', 'Type'], [uai, 'École Jean Moulin', 'école élémentaire']],
        'Élèves': [['Identifiant', 'Nom', 'Prénom', 'UAI'], ...Array.from({ length: 3000 }, (_, i) => [`E-${i}`, `Nom ${i}`, 'Léa', uai])],
      });
      // Sent one after the other: the restore reaches the worker while the import job runs.
      const started = api(host, 'import.start', { fileName: 'eleves.xlsx', dataBase64: file, mode: 'write' });
      const restored = api(host, 'backups.restore', { name: empty.name });
      await started;
      expect(await restored).toMatchObject({ status: 'open' });
      expect((await api(host, 'app.info', {})).counts).toMatchObject({ schools: 0, pupils: 0 });
      // The record as it was just before the restore, kept as a backup: the whole import is in it.
      const kept = (await api(host, 'backups.list', {})).filter((b) => b.reason === 'restauration');
      expect(kept).toHaveLength(1);
      expect(await rowsIn(join(backupDirectory(path), kept[0]!.name), 'pupils')).toBe(3000);
    } finally {
      await host.close();
    }
  }, 60_000);
});

describe('a worker that stops', () => {
  it('answers the calls waiting and those after with a French message', async () => {
    const worker = newHostThread();
    const host = await connectHost(threadLink(worker), options(join(tempDir(), 'stopped.db')));
    const waiting = host.call('app.seedDemo', { scale: 'medium' });
    const code = await worker.terminate();
    const answer = { ok: false, error: { kind: 'internal', message: workerStoppedMessage(code), issues: [] } };
    expect(await waiting).toEqual(answer);
    expect(await host.call('app.info', {})).toEqual(answer);
    expect(workerStoppedMessage(code)).toMatch(/^Le processus qui tient la base s’est arrêté de façon inattendue \(code 1\) : l’opération n’a pas abouti\./);
    await host.close();
  });

  it('refuses to start with a wrong passphrase, in French, and lets the record go', async () => {
    const path = join(tempDir(), 'encrypted.db');
    await (await openTestRecord(path, { passphrase: 'la bonne phrase' })).host.close();
    await expect(startHostThread({ ...options(path), passphrase: 'une autre phrase' })).rejects.toThrow(/^Phrase de passe incorrecte pour la base .* : elle n'a été ni ouverte ni modifiée\.$/);
    // Let go: opened right after, in this thread, with the right one.
    const again = await openTestRecord(path, { passphrase: 'la bonne phrase' });
    expect(await again.api('record.state', {})).toMatchObject({ status: 'open', encrypted: true });
    await again.host.close();
  });
});
