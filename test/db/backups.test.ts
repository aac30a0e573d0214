// Backups through the record's host: when they are taken, that they are consistent and encrypted
// like the record, restoring one, and a damaged record met at start.
import { closeSync, existsSync, openSync, readdirSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { fileState, openRecord } from '../../db/connection.ts';
import { loadSqliteDriver } from '../../db/driver.ts';
import { MIGRATIONS, SCHEMA_VERSION } from '../../db/migrations/index.ts';
import { backupDirectory } from '../../electron/record/backups.ts';
import { makeUai } from '../../shared/domain/uai.ts';
import { openTestRecord, seedBasics, tempDir } from '../support/record.ts';
import { workbook } from '../support/workbook.ts';

/** A clock the test moves by hand. */
function clock(start = '2026-11-23T08:00:00Z'): { now: () => Date; advance(minutes: number): void } {
  let at = new Date(start).getTime();
  return { now: () => new Date(at), advance: (minutes) => { at += minutes * 60_000; } };
}

const reasons = async (api: Awaited<ReturnType<typeof openTestRecord>>['api']): Promise<string[]> =>
  (await api('backups.list', {})).map((b) => b.reason).reverse();

describe('automatic backups', () => {
  it('are taken at start, before an import (not a dry run), and after 30 minutes of editing', async () => {
    const path = join(tempDir(), 'record.db');
    const time = clock();
    await (await openTestRecord(path, { now: time.now })).host.close();
    time.advance(1);
    const { api, host } = await openTestRecord(path, { now: time.now, backupAtStart: true });
    expect(await reasons(api)).toEqual(['demarrage']);

    const ids = await seedBasics(api);
    time.advance(10);
    await api('pupils.update', { id: ids.pupilId, version: 1, identifier: '2025-0001', lastName: 'Martin', firstName: 'Léa', schoolId: ids.schoolId, level: 'CE2' });
    expect(await reasons(api)).toEqual(['demarrage']);
    time.advance(25);
    await api('poles.create', { code: 'P2', name: 'Pôle 2', kind: 'PAS' });
    expect(await reasons(api)).toEqual(['demarrage', 'edition']);

    time.advance(1);
    const file = workbook({ Pôles: [['Code', 'Nom'], ['P3', 'Pôle 3']] });
    await api('exchange.import', { fileName: 'poles.xlsx', dataBase64: file, dryRun: true });
    expect(await reasons(api)).toEqual(['demarrage', 'edition']);
    await api('exchange.import', { fileName: 'poles.xlsx', dataBase64: file });
    expect(await reasons(api)).toEqual(['demarrage', 'edition', 'import']);
    // The import backup holds the record as it was just before: no P3 yet.
    const before = await openTestRecord(join(backupDirectory(path), (await api('backups.list', {}))[0]!.name));
    expect((await before.api('poles.list', {})).map((p) => p.code)).toEqual(['P2', 'PIAL-T1']);
    await before.host.close();
    await host.close();
  });

  it('are taken before a migration, which runs in one transaction: a failed one leaves the previous version whole', async () => {
    const path = join(tempDir(), 'old.db');
    const old = await openRecord(path, { migrations: MIGRATIONS.slice(0, 3) });
    await old.db.insertInto('poles').values({ code: 'ANCIEN', name: 'Pôle d’avant', kind: 'PAS' }).execute();
    await old.close();

    const failing = [...MIGRATIONS, { name: '9999_broken', up: async (db: Parameters<(typeof MIGRATIONS)[number]['up']>[0]) => {
      await sql`create table half_done (x integer)`.execute(db);
      throw new Error('migration interrompue');
    } }];
    await expect(openRecord(path, { migrations: failing })).rejects.toThrow('migration interrompue');
    const raw = new (loadSqliteDriver())(path);
    expect(raw.pragma('user_version', { simple: true })).toBe(3);
    expect(raw.prepare("select count(*) n from sqlite_master where name in ('half_done', 'aesh_moves')").get()).toEqual({ n: 0 });
    expect(raw.prepare('select code from poles').all()).toEqual([{ code: 'ANCIEN' }]);
    raw.close();

    const { api, host } = await openTestRecord(path, { now: () => new Date() });
    expect((await api('app.info', {})).schemaVersion).toBe(SCHEMA_VERSION);
    const [backup] = await api('backups.list', {});
    expect(backup!.reason).toBe('migration');
    const saved = new (loadSqliteDriver())(join(backupDirectory(path), backup!.name));
    expect(saved.pragma('user_version', { simple: true })).toBe(3);
    saved.close();
    await host.close();
  });

  it('of an encrypted record are encrypted with its key', async () => {
    const path = join(tempDir(), 'secret.db');
    const { api, host } = await openTestRecord(path, { passphrase: 'phrase de passe de test', now: () => new Date() });
    await seedBasics(api);
    const taken = await api('backups.create', {});
    const file = join(backupDirectory(path), taken.name);
    expect(fileState(file)).toBe('encrypted');
    await host.close();
    const reopened = await openTestRecord(file, { passphrase: 'phrase de passe de test' });
    expect((await reopened.api('pupils.list', {})).map((p) => p.lastName)).toEqual(['Martin']);
    await reopened.host.close();
  });
});

describe('restoring a backup', () => {
  it('replaces the record after keeping it as a backup, and refuses a name that is not a backup', async () => {
    const path = join(tempDir(), 'record.db');
    const time = clock();
    const { api, host } = await openTestRecord(path, { now: time.now });
    const ids = await seedBasics(api);
    const saved = await api('backups.create', {});
    time.advance(5);
    await api('pupils.create', { identifier: '2025-0002', lastName: 'Roux', firstName: 'Tom', schoolId: ids.schoolId });
    time.advance(5);
    await api('backups.restore', { name: saved.name });
    expect((await api('pupils.list', {})).map((p) => p.lastName)).toEqual(['Martin']);
    const kept = (await api('backups.list', {})).find((b) => b.reason === 'restauration')!;
    const previous = await openTestRecord(join(backupDirectory(path), kept.name));
    expect((await previous.api('pupils.list', {})).map((p) => p.lastName).sort()).toEqual(['Martin', 'Roux']);
    await previous.host.close();

    await expect(api('backups.restore', { name: '../record.db' })).rejects.toThrow('Sauvegarde « ../record.db » introuvable.');
    await host.close();
  });

  it('waits for the calls in flight (a sizeable import) and holds back those that come after it: no edit is lost', async () => {
    const source = await openTestRecord();
    await source.api('app.seedDemo', { scale: 'medium', seed: 3 });
    const file = (await source.api('exchange.export', { kind: 'record' })).dataBase64;
    const demoPupils = (await source.api('app.info', {})).counts.pupils;
    await source.host.close();

    const path = join(tempDir(), 'record.db');
    const time = clock();
    const { api, host } = await openTestRecord(path, { now: time.now });
    await seedBasics(api);
    const saved = await api('backups.create', {});
    time.advance(5);
    const importing = api('exchange.import', { fileName: 'departement.xlsx', dataBase64: file });
    const restoring = api('backups.restore', { name: saved.name });
    const after = api('pupils.list', {});
    const [imported, restored, pupils] = await Promise.all([importing, restoring, after]);
    expect(imported.written).toBe(true);
    expect(restored.status).toBe('open');
    // The call made after the restore reads the restored record.
    expect(pupils.map((p) => p.lastName)).toEqual(['Martin']);
    // The import, finished before the restore began, is in the backup the restore took first.
    const kept = (await api('backups.list', {})).find((b) => b.reason === 'restauration')!;
    const previous = await openTestRecord(join(backupDirectory(path), kept.name));
    expect((await previous.api('app.info', {})).counts.pupils).toBe(demoPupils + 1);
    await previous.host.close();
    await host.close();
  });

  it('restores the oldest backup kept, which the backup taken before restoring rotates away', async () => {
    const path = join(tempDir(), 'record.db');
    const time = clock();
    const { api, host } = await openTestRecord(path, { now: time.now });
    const ids = await seedBasics(api);
    for (let n = 2; n <= 6; n += 1) {
      await api('pupils.create', { identifier: `2025-000${n}`, lastName: `Élève ${n}`, firstName: 'Test', schoolId: ids.schoolId });
      time.advance(1);
      await api('backups.create', {});
    }
    const oldest = (await api('backups.list', {})).at(-1)!;
    time.advance(1);
    await api('backups.restore', { name: oldest.name });
    expect((await api('pupils.list', {})).length).toBe(2);
    expect((await api('backups.list', {})).some((b) => b.name === oldest.name)).toBe(false);
    await host.close();
  });
});

describe('when a backup cannot be written', () => {
  it('keeps an edit and says so in the record’s state, refuses an import, opens the record at start, and clears once a backup succeeds', async () => {
    const path = join(tempDir(), 'record.db');
    const time = clock();
    const { api, host } = await openTestRecord(path, { now: time.now });
    await seedBasics(api);
    // A file where the backup folder should be: no backup can be written.
    writeFileSync(backupDirectory(path), 'pas un dossier');
    time.advance(31);
    await api('poles.create', { code: 'P2', name: 'Pôle 2', kind: 'PAS' });
    expect((await api('poles.list', {})).map((p) => p.code)).toContain('P2');
    expect((await api('record.state', {})).backupProblem).toMatch(/^Sauvegarde automatique impossible \(/);
    const file = workbook({ Pôles: [['Code', 'Nom'], ['P3', 'Pôle 3']] });
    await expect(api('exchange.import', { fileName: 'poles.xlsx', dataBase64: file })).rejects.toThrow(/^Sauvegarde impossible avant l’import \(.*\) : rien n’a été importé\.$/);
    expect((await api('poles.list', {})).map((p) => p.code)).not.toContain('P3');

    // Nor does a failed backup at start keep the record closed.
    await host.close();
    const reopened = await openTestRecord(path, { now: time.now, backupAtStart: true });
    expect(await reopened.api('record.state', {})).toMatchObject({ status: 'open', backupProblem: expect.stringMatching(/^Sauvegarde automatique impossible/) });

    rmSync(backupDirectory(path));
    await reopened.api('backups.create', {});
    expect((await reopened.api('record.state', {})).backupProblem).toBeNull();
    await reopened.host.close();
  });
});

/** Overwrites one page in the middle of the file, as a failing disk or a killed copy would. */
function damage(path: string): void {
  const page = 4096;
  const fd = openSync(path, 'r+');
  writeSync(fd, Buffer.alloc(page, 0x5a), 0, page, Math.floor(statSync(path).size / page / 2) * page);
  closeSync(fd);
}

describe('a damaged record at start', () => {
  for (const passphrase of [undefined, 'phrase de passe de test']) {
    it(`is not opened; the newest good backup is offered and restored, the damaged file kept aside${passphrase ? ' (encrypted record)' : ''}`, async () => {
      const dir = tempDir();
      const path = join(dir, 'record.db');
      const time = clock();
      const first = await openTestRecord(path, { now: time.now, passphrase });
      const ids = await seedBasics(first.api);
      for (let i = 0; i < 300; i += 1) {
        await first.api('schools.create', { uai: makeUai(String(850_0000 + i).padStart(7, '0')), name: `École n° ${i}`, kind: 'primaire', poleId: ids.poleId });
      }
      const good = await first.api('backups.create', {});
      await first.host.close();
      damage(path);

      time.advance(60);
      const { api, host } = await openTestRecord(path, { now: time.now, passphrase, backupAtStart: true });
      const state = await api('record.state', {});
      expect(state).toMatchObject({ status: 'damaged', goodBackup: { name: good.name } });
      expect(state.message).toMatch(/est endommagée .*Restaurez la sauvegarde saine la plus récente/);
      await expect(api('pupils.list', {})).rejects.toThrow('La base est endommagée : restaurez une sauvegarde (Paramètres).');

      expect(await api('backups.restore', { name: good.name })).toMatchObject({ status: 'open' });
      expect((await api('schools.list', {})).length).toBe(301);
      expect(readdirSync(dir).some((f) => /^record\.db\.endommagee-/.test(f))).toBe(true);
      expect(existsSync(path)).toBe(true);
      await host.close();
    });
  }
});
