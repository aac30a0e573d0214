// Every file holding the record or a piece of it is readable by its owner only: the record, its
// WAL and shared memory, its lock, the backups folder and each backup, through an encryption and a
// restore too. Checked on Linux, where the modes mean what they say.
import { chmodSync, existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lockPathOf } from '../../db/files.ts';
import { backupDirectory } from '../../electron/record/backups.ts';
import { openTestRecord, seedBasics, tempDir } from '../support/record.ts';

const mode = (path: string): string => (statSync(path).mode & 0o777).toString(8);

/** The mode of each of the record's files that exists now. */
function modes(db: string): Record<string, string> {
  const dir = backupDirectory(db);
  const files = [db, `${db}-wal`, `${db}-shm`, lockPathOf(db), dir, ...(existsSync(dir) ? readdirSync(dir).map((f) => join(dir, f)) : [])];
  return Object.fromEntries(files.filter((f) => existsSync(f)).map((f) => [f.slice(db.length - 'record.db'.length), mode(f)]));
}

let tick = Date.parse('2026-11-23T08:00:00Z');
const moving = (): Date => new Date((tick += 60_000));

describe.runIf(process.platform === 'linux')('the record’s files', () => {
  it('are created 0600 (folder 0700), and stay so through a backup, an encryption and a restore', async () => {
    const db = join(tempDir(), 'record.db');
    const { api, host } = await openTestRecord(db, { now: moving });
    await seedBasics(api);
    const first = await api('backups.create', {});
    const expected = (files: Record<string, string>): void => {
      expect(Object.values(files).length).toBeGreaterThanOrEqual(5);
      for (const [file, found] of Object.entries(files)) expect(found, file).toBe(file.endsWith('-sauvegardes') ? '700' : '600');
    };
    const created = modes(db);
    expect(Object.keys(created)).toEqual(expect.arrayContaining(['record.db', 'record.db-wal', 'record.db-shm', 'record.db.verrou', 'record-sauvegardes']));
    expected(created);

    await api('record.encrypt', { passphrase: 'une phrase de passe' });
    expected(modes(db));
    await api('backups.restore', { name: first.name });
    expected(modes(db));
    await host.close();
  });

  it('made readable by all by an older version are made private when the record is opened and backed up', async () => {
    const db = join(tempDir(), 'record.db');
    const old = await openTestRecord(db, { now: moving });
    await seedBasics(old.api);
    await old.api('backups.create', {});
    await old.host.close();
    chmodSync(db, 0o644);
    chmodSync(backupDirectory(db), 0o755);
    const { api, host } = await openTestRecord(db, { now: moving });
    expect(mode(db)).toBe('600');
    expect(mode(`${db}-wal`)).toBe('600');
    await api('backups.create', {});
    expect(mode(backupDirectory(db))).toBe('700');
    await host.close();
  });
});
