// A crash mid-write: the command line imports a whole département's workbook and is killed with
// SIGKILL at random points. Each time the record must open, pass integrity_check, and hold either
// the whole import or nothing of it. Every third record is encrypted.
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { integrityProblems, openRecord } from '../../db/connection.ts';
import { openTestRecord, tempDir } from '../support/record.ts';

/**
 * Runs until this many imports were killed (a run may complete before its kill point). Each run is
 * a whole command-line import up to its kill point (several seconds): twelve kills, half of them
 * aimed at the write itself, keep the file to about two minutes of the suite.
 */
const KILLS = 12;
const MAX_RUNS = 24;
const PASSPHRASE = 'phrase de passe du test de panne';
const TABLES = ['poles', 'schools', 'pupils', 'notifications', 'aesh', 'contracts', 'absences', 'slots', 'slot_pupils', 'journal'];

let dir: string;
let workbookFile: string;
const emptyRecords: Record<'plain' | 'encrypted', string> = { plain: '', encrypted: '' };

async function counts(path: string, passphrase: string | undefined): Promise<{ problems: string[]; rows: number[] }> {
  const connection = await openRecord(path, { passphrase });
  try {
    return { problems: integrityProblems(connection.sqlite), rows: TABLES.map((t) => (connection.sqlite.prepare(`select count(*) n from ${t}`).get() as { n: number }).n) };
  } finally {
    await connection.close();
  }
}

interface Run { killed: boolean; duringWrite: boolean; ms: number; writeStartMs: number | null }

/** The command line's import of the workbook into `db`, killed after `killAfterMs` unless it ended first. */
function importKilled(db: string, encrypted: boolean, killAfterMs: number): Promise<Run> {
  const started = performance.now();
  const child = spawn(process.execPath, ['electron/cli/main.ts', 'import', workbookFile, '--db', db], {
    stdio: 'ignore', env: { ...process.env, PLANIF_PASSPHRASE: encrypted ? PASSPHRASE : '' },
  });
  // A WAL file with pages in it: the import's transaction has begun writing.
  const writing = (): boolean => existsSync(`${db}-wal`) && statSync(`${db}-wal`).size > 0;
  return new Promise((resolve) => {
    let duringWrite = false;
    let writeStartMs: number | null = null;
    const watch = setInterval(() => {
      if (writeStartMs === null && writing()) writeStartMs = performance.now() - started;
    }, 20);
    const timer = setTimeout(() => {
      duringWrite = writing();
      child.kill('SIGKILL');
    }, killAfterMs);
    child.once('exit', (_code, signal) => {
      clearTimeout(timer);
      clearInterval(watch);
      resolve({ killed: signal === 'SIGKILL', duringWrite, ms: performance.now() - started, writeStartMs });
    });
  });
}

beforeAll(async () => {
  dir = tempDir();
  const source = await openTestRecord(join(dir, 'source.db'));
  await source.api('app.seedDemo', { scale: 'department', seed: 5 });
  workbookFile = join(dir, 'departement.xlsx');
  writeFileSync(workbookFile, Buffer.from((await source.api('exchange.export', { kind: 'record' })).dataBase64, 'base64'));
  await source.host.close();
  for (const kind of ['plain', 'encrypted'] as const) {
    emptyRecords[kind] = join(dir, `vide-${kind}.db`);
    const empty = await openTestRecord(emptyRecords[kind], { passphrase: kind === 'encrypted' ? PASSPHRASE : undefined });
    await empty.host.close();
  }
}, 120_000);

describe('a crash in the middle of an import', () => {
  it(`leaves, in at least ${KILLS} runs killed at random points, a sound record holding the whole import or none of it`, async () => {
    const whole = join(dir, 'entier.db');
    copyFileSync(emptyRecords.plain, whole);
    const complete = await importKilled(whole, false, 600_000);
    expect(complete.killed).toBe(false);
    const after = (await counts(whole, undefined)).rows;
    const before = (await counts(emptyRecords.plain, undefined)).rows;
    expect(after[2]).toBeGreaterThan(10_000);

    let seed = 17;
    const random = (): number => {
      seed = (seed * 48271) % 2147483647;
      return seed / 2147483647;
    };
    const outcomes: { run: number; encrypted: boolean; killed: boolean; duringWrite: boolean; holds: 'rien' | 'tout' | 'autre'; problems: string[] }[] = [];
    // When the uninterrupted import began to write: half the kill points fall in the write itself.
    const writeStart = complete.writeStartMs ?? complete.ms * 0.7;
    for (let run = 0; outcomes.filter((o) => o.killed).length < KILLS && run < MAX_RUNS; run += 1) {
      const encrypted = run % 3 === 2;
      const db = join(dir, `panne-${run}.db`);
      copyFileSync(emptyRecords[encrypted ? 'encrypted' : 'plain'], db);
      // Spread over the whole import and a little past its end (some runs complete), or within its write.
      const killAfter = Math.round(run % 2 === 0 ? 150 + random() * complete.ms * 1.1 : writeStart + random() * (complete.ms - writeStart));
      const { killed, duringWrite } = await importKilled(db, encrypted, killAfter);
      const { problems, rows } = await counts(db, encrypted ? PASSPHRASE : undefined);
      const holds = JSON.stringify(rows) === JSON.stringify(before) ? 'rien' : JSON.stringify(rows) === JSON.stringify(after) ? 'tout' : 'autre';
      outcomes.push({ run, encrypted, killed, duringWrite, holds, problems });
    }
    const killed = outcomes.filter((o) => o.killed);
    console.log(`panne : ${outcomes.length} imports (${outcomes.filter((o) => o.encrypted).length} chiffrés), ${killed.length} tués par SIGKILL `
      + `(${killed.filter((o) => o.duringWrite).length} pendant l’écriture), ${outcomes.length - killed.length} terminés ; `
      + `${outcomes.filter((o) => o.problems.length === 0).length} bases saines à la réouverture, `
      + `${outcomes.filter((o) => o.holds === 'rien').length} sans rien de l’import, ${outcomes.filter((o) => o.holds === 'tout').length} avec l’import entier, `
      + `${outcomes.filter((o) => o.holds === 'autre').length} à moitié ; import complet en ${Math.round(complete.ms)} ms, écriture à partir de ${Math.round(writeStart)} ms`);
    expect(outcomes.filter((o) => o.problems.length > 0 || o.holds === 'autre')).toEqual([]);
    expect(killed.length).toBeGreaterThanOrEqual(KILLS);
    // The runs did hit the write itself, not only the start of the process.
    expect(killed.some((o) => o.duringWrite)).toBe(true);
  }, 900_000);
});
