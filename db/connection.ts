import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { CamelCasePlugin, Kysely, SqliteDialect, sql } from 'kysely';
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import type { Database } from './schema.ts';
import { loadSqliteDriver } from './driver.ts';
import { lockRecord, makePrivate, preparePrivateFile } from './files.ts';
import { MIGRATIONS, type Migration } from './migrations/index.ts';

export type Db = Kysely<Database>;

export interface RecordConnection {
  db: Db;
  sqlite: BetterSqlite3.Database;
  path: string;
  schemaVersion: number;
  /** Encrypted with SQLCipher: its backups must be encrypted too. */
  encrypted: boolean;
  close(): Promise<void>;
}

/** Why a record could not be opened; `kind` lets the caller offer the right way out. */
export type RecordOpenFailure = 'encrypted' | 'wrong-passphrase' | 'not-encrypted' | 'damaged' | 'newer';

export class RecordOpenError extends Error {
  override name = 'RecordOpenError';
  readonly kind: RecordOpenFailure;
  constructor(message: string, kind: RecordOpenFailure) {
    super(message);
    this.kind = kind;
  }
}

export type FileState = 'new' | 'plain' | 'encrypted';

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/** A plain SQLite file starts with its magic header; an encrypted one with random bytes. */
export function fileState(path: string): FileState {
  if (path === ':memory:') return 'new';
  let size: number;
  try {
    size = statSync(path).size;
  } catch {
    return 'new';
  }
  if (size === 0) return 'new';
  const head = Buffer.alloc(SQLITE_HEADER.length);
  const fd = openSync(path, 'r');
  try {
    readSync(fd, head, 0, head.length, 0);
  } finally {
    closeSync(fd);
  }
  return head.equals(SQLITE_HEADER) ? 'plain' : 'encrypted';
}

/** SQLCipher 4 (SQLite3MultipleCiphers' "sqlcipher" scheme, legacy 4): the key is derived from the passphrase. */
export function applyKey(sqlite: BetterSqlite3.Database, passphrase: string): void {
  sqlite.pragma("cipher = 'sqlcipher'");
  sqlite.pragma('legacy = 4');
  sqlite.key(Buffer.from(passphrase, 'utf8'));
}

function readSchemaVersion(sqlite: BetterSqlite3.Database, path: string, encrypted: boolean): number {
  try {
    return sqlite.pragma('user_version', { simple: true }) as number;
  } catch (error) {
    if (encrypted && (error as { code?: string }).code === 'SQLITE_NOTADB') {
      throw new RecordOpenError(
        `Phrase de passe incorrecte pour la base ${path} (ou fichier qui n'est pas une base Planif AESH) : elle n'a été ni ouverte ni modifiée.`,
        'wrong-passphrase');
    }
    throw new RecordOpenError(`Le fichier ${path} n'est pas une base Planif AESH lisible (${(error as Error).message}).`, 'damaged');
  }
}

export interface OpenOptions {
  /** The passphrase of an encrypted record; a new record is created encrypted when one is given. */
  passphrase?: string;
  /** Runs before pending migrations change an existing record (the backup taken then). */
  beforeMigrate?: (sqlite: BetterSqlite3.Database, encrypted: boolean) => Promise<void>;
  /** The migrations to run; the app's own unless a test gives others. */
  migrations?: readonly Migration[];
  /** Who opens the record, as a second opener is told: "Planif AESH — ligne de commande". */
  program?: string;
}

/** The side files SQLite keeps beside a record in WAL mode. */
export const SIDE_FILES = ['-wal', '-shm'] as const;

/**
 * Opens (or creates) the record at `path` (":memory:" for tests) and brings its schema up to date.
 * A file written by a newer version of the app, an encrypted file without its passphrase or with
 * a wrong one, are refused before anything is written to them. The record is held by this process
 * until closed: another process opening it is refused (see lockRecord). Its file and side files
 * are readable by their owner only.
 */
export async function openRecord(path: string, options: OpenOptions = {}): Promise<RecordConnection> {
  if (path === ':memory:') return openLocked(path, options, null);
  // Before the file is even read: another process may be converting or replacing it.
  const lock = lockRecord(path, options.program ?? 'Planif AESH');
  try {
    return await openLocked(path, options, () => lock.release());
  } catch (error) {
    lock.release();
    throw error;
  }
}

async function openLocked(path: string, options: OpenOptions, unlock: (() => void) | null): Promise<RecordConnection> {
  const state = fileState(path);
  const { passphrase } = options;
  if (state === 'encrypted' && passphrase === undefined) {
    throw new RecordOpenError(
      // Without a key, random bytes cannot be told from a file of another kind: both are said.
      `La base ${path} est chiffrée, ou n'est pas une base Planif AESH lisible : si elle est chiffrée, donnez sa phrase de passe ` +
        '(variable PLANIF_PASSPHRASE ou --passphrase-file FICHIER).', 'encrypted');
  }
  if (state === 'plain' && passphrase !== undefined) {
    throw new RecordOpenError(
      `La base ${path} n'est pas chiffrée, alors qu'une phrase de passe est donnée. Chiffrez-la : npm run -s cli -- encrypt --db ${path} ` +
        '(avec la phrase de passe), ou ouvrez-la sans phrase de passe.', 'not-encrypted');
  }
  const encrypted = passphrase !== undefined && path !== ':memory:';
  if (path !== ':memory:') {
    preparePrivateFile(path);
    for (const suffix of SIDE_FILES) makePrivate(path + suffix);
  }
  const Driver = loadSqliteDriver();
  const sqlite = new Driver(path);
  if (encrypted) applyKey(sqlite, passphrase);
  let version: number;
  try {
    version = readSchemaVersion(sqlite, path, encrypted);
  } catch (error) {
    sqlite.close();
    throw error;
  }
  const migrations = options.migrations ?? MIGRATIONS;
  if (version > migrations.length) {
    sqlite.close();
    throw new RecordOpenError(
      `La base ${path} a été écrite par une version plus récente de Planif AESH (schéma ${version}, ` +
        `cette version connaît le schéma ${migrations.length}). Mettez l'application à jour ; la base n'a pas été modifiée.`,
      'newer',
    );
  }
  if (path !== ':memory:') sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('busy_timeout = 5000');

  try {
    if (version < migrations.length && version > 0) await options.beforeMigrate?.(sqlite, encrypted);
    await migrate(new Kysely<unknown>({ dialect: new SqliteDialect({ database: sqlite }) }), version, migrations);
  } catch (error) {
    sqlite.close();
    throw error;
  }
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }), plugins: [new CamelCasePlugin()] });
  return {
    db,
    sqlite,
    path,
    schemaVersion: migrations.length,
    encrypted,
    // Kysely opens its driver on the first query and closes only what it opened: the handle is
    // closed here too, so that a record opened and closed untouched still checkpoints its WAL.
    close: async () => {
      await db.destroy();
      if (sqlite.open) sqlite.close();
      unlock?.();
    },
  };
}

/** Runs the pending migrations and sets the new version in one transaction: all of them or none. */
async function migrate(raw: Kysely<unknown>, from: number, migrations: readonly Migration[]): Promise<void> {
  const pending = migrations.slice(from);
  if (pending.length === 0) return;
  await raw.transaction().execute(async (trx) => {
    for (const migration of pending) await migration.up(trx);
    await sql.raw(`PRAGMA user_version = ${migrations.length}`).execute(trx);
  });
}

/** What `PRAGMA integrity_check` finds wrong; empty when the record is sound. */
export function integrityProblems(sqlite: BetterSqlite3.Database): string[] {
  try {
    const rows = sqlite.pragma('integrity_check') as { integrity_check: string }[];
    return rows.map((r) => r.integrity_check).filter((line) => line !== 'ok');
  } catch (error) {
    return [(error as Error).message];
  }
}
