import { copyFileSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openRecord, type RecordConnection } from '../../db/connection.ts';
import { loadSqliteDriver } from '../../db/driver.ts';
import { MIGRATIONS, SCHEMA_VERSION } from '../../db/migrations/index.ts';
import { Kysely, SqliteDialect } from 'kysely';
import { tempDir } from '../support/record.ts';

const opened: RecordConnection[] = [];
afterEach(async () => {
  while (opened.length > 0) await opened.pop()!.close();
});
async function open(path: string): Promise<RecordConnection> {
  const connection = await openRecord(path);
  opened.push(connection);
  return connection;
}

describe('the record file', () => {
  it('is created from empty with every table, at the current schema version', async () => {
    const path = join(tempDir(), 'record.db');
    const { sqlite } = await open(path);
    const tables = (sqlite.prepare("select name from sqlite_master where type = 'table' order by name").all() as { name: string }[]).map((t) => t.name);
    expect(tables).toEqual([
      'absences', 'aesh', 'aesh_moves', 'contracts', 'journal', 'notifications', 'package_baselines', 'poles', 'pupils', 'record_meta', 'saisine_actions', 'saisine_natures',
      'saisine_steps', 'saisines', 'schools', 'settings', 'slot_pupils', 'slots', 'snapshots',
    ]);
    expect(sqlite.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
  });

  it('runs with WAL, foreign keys and synchronous=FULL', async () => {
    const { sqlite } = await open(join(tempDir(), 'record.db'));
    expect(sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(sqlite.pragma('synchronous', { simple: true })).toBe(2);
  });

  it('reopens an existing record without migrating it again, keeping its rows', async () => {
    const path = join(tempDir(), 'record.db');
    const first = await openRecord(path);
    first.sqlite.prepare("insert into poles (code, name, kind) values ('P1', 'Pôle', 'PAS')").run();
    await first.close();
    const second = await open(path);
    expect(second.sqlite.prepare('select code from poles').all()).toEqual([{ code: 'P1' }]);
  });

  it('migrates a record of schema 1 to the current schema, keeping its rows', async () => {
    const path = join(tempDir(), 'v1.db');
    const Driver = loadSqliteDriver();
    const old = new Driver(path);
    await MIGRATIONS[0]!.up(new Kysely<unknown>({ dialect: new SqliteDialect({ database: old }) }));
    old.pragma('user_version = 1');
    old.prepare("insert into poles (code, name, kind) values ('P1', 'Pôle ancien', 'PIAL_1D')").run();
    old.close();
    const { sqlite } = await open(path);
    expect(sqlite.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(sqlite.prepare('select name from poles').all()).toEqual([{ name: 'Pôle ancien' }]);
    expect(sqlite.prepare('select count(*) n from snapshots').get()).toEqual({ n: 0 });
  });

  it('refuses, untouched, a record written by a newer version of the app', async () => {
    const path = join(tempDir(), 'future.db');
    const Driver = loadSqliteDriver();
    const future = new Driver(path);
    future.exec('create table other (x integer)');
    future.pragma(`user_version = ${SCHEMA_VERSION + 3}`);
    future.close();
    const before = readFileSync(path);
    const mtime = statSync(path).mtimeMs;
    await expect(openRecord(path)).rejects.toThrow(
      `écrite par une version plus récente de Planif AESH (schéma ${SCHEMA_VERSION + 3}, cette version connaît le schéma ${SCHEMA_VERSION})`,
    );
    expect(readFileSync(path).equals(before)).toBe(true);
    expect(statSync(path).mtimeMs).toBe(mtime);
  });

  it('closes its file even when nothing was read through it: the WAL is folded in, a copy of the file is whole', async () => {
    const path = join(tempDir(), 'record.db');
    const created = await openRecord(path);
    await created.close();
    expect(existsSync(`${path}-wal`)).toBe(false);
    const copy = `${path}.copie`;
    copyFileSync(path, copy);
    const raw = new (loadSqliteDriver())(copy);
    expect(raw.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    raw.close();
  });

  it('refuses a file that is not a database, saying so in French', async () => {
    const path = join(tempDir(), 'notes.db');
    writeFileSync(path, 'ceci est un tableur, pas une base\n'.repeat(200));
    await expect(openRecord(path)).rejects.toThrow(/n'est pas une base Planif AESH lisible/);
  });

  it('enforces the closed lists even against direct writes', async () => {
    const { sqlite } = await open(':memory:');
    expect(() => sqlite.prepare("insert into poles (code, name, kind) values ('X', 'X', 'ULIS')").run()).toThrow(/CHECK constraint failed/);
  });
});

describe('loading the SQLite driver', () => {
  it('refuses a Node older than 22.14 with a clear message instead of crashing', () => {
    expect(() => loadSqliteDriver({ ...process.versions, node: '20.20.2' })).toThrow(/needs Node 22\.14 or later \(this is Node 20\.20\.2\)/);
    expect(() => loadSqliteDriver({ ...process.versions, node: '22.13.0' })).toThrow(/needs Node 22\.14/);
  });

  it('loads under Electron whatever Node version it reports', () => {
    expect(typeof loadSqliteDriver({ ...process.versions, node: '20.0.0', electron: '45.4.1' })).toBe('function');
  });
});
