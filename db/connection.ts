import { CamelCasePlugin, Kysely, SqliteDialect, sql } from 'kysely';
import type BetterSqlite3 from 'better-sqlite3';
import type { Database } from './schema.ts';
import { loadSqliteDriver } from './driver.ts';
import { MIGRATIONS, SCHEMA_VERSION } from './migrations/index.ts';

export type Db = Kysely<Database>;

export interface RecordConnection {
  db: Db;
  sqlite: BetterSqlite3.Database;
  path: string;
  schemaVersion: number;
  close(): Promise<void>;
}

export class RecordOpenError extends Error {
  override name = 'RecordOpenError';
}

function readSchemaVersion(sqlite: BetterSqlite3.Database, path: string): number {
  try {
    return sqlite.pragma('user_version', { simple: true }) as number;
  } catch (error) {
    throw new RecordOpenError(`Le fichier ${path} n'est pas une base Planif AESH lisible (${(error as Error).message}).`);
  }
}

/**
 * Opens (or creates) the record at `path` (":memory:" for tests) and brings its schema up to date.
 * A file written by a newer version of the app is refused before anything is written to it.
 */
export async function openRecord(path: string): Promise<RecordConnection> {
  const Driver = loadSqliteDriver();
  const sqlite = new Driver(path);
  const version = readSchemaVersion(sqlite, path);
  if (version > SCHEMA_VERSION) {
    sqlite.close();
    throw new RecordOpenError(
      `La base ${path} a été écrite par une version plus récente de Planif AESH (schéma ${version}, ` +
        `cette version connaît le schéma ${SCHEMA_VERSION}). Mettez l'application à jour ; la base n'a pas été modifiée.`,
    );
  }
  if (path !== ':memory:') sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('busy_timeout = 5000');

  await migrate(new Kysely<unknown>({ dialect: new SqliteDialect({ database: sqlite }) }), version);
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }), plugins: [new CamelCasePlugin()] });
  return {
    db,
    sqlite,
    path,
    schemaVersion: SCHEMA_VERSION,
    close: async () => {
      await db.destroy();
    },
  };
}

/** Runs the pending migrations and sets the new version in one transaction: all of them or none. */
async function migrate(raw: Kysely<unknown>, from: number): Promise<void> {
  const pending = MIGRATIONS.slice(from);
  if (pending.length === 0) return;
  await raw.transaction().execute(async (trx) => {
    for (const migration of pending) await migration.up(trx);
    await sql.raw(`PRAGMA user_version = ${SCHEMA_VERSION}`).execute(trx);
  });
}
