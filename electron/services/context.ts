import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import type { Transaction } from 'kysely';
import type { Db } from '../../db/connection.ts';
import type { Database } from '../../db/schema.ts';
import { beginChange } from './journal.ts';

/** What the record's host does around writes: the backups before an import and while editing. */
export interface Safeguard {
  beforeImport(): Promise<void>;
  afterWrite(): Promise<void>;
}

/** What every service needs: the record, who is acting (written in the journal) and the clock. */
export interface ServiceContext {
  db: Db;
  /** The driver itself, for bulk work (imports, exports) that Kysely would slow down. */
  sqlite: BetterSqlite3.Database;
  actor: string;
  databasePath: string;
  now(): Date;
  /** Bumped by every committed write: what was computed from an older revision is stale. */
  revision: { value: number };
  safeguard: Safeguard | undefined;
}

export type Trx = Transaction<Database>;

/** Runs `work` in one transaction: every multi-row write of the app goes through here. */
export async function write<T>(ctx: ServiceContext, work: (trx: Trx) => Promise<T>): Promise<T> {
  const result = await ctx.db.transaction().execute(async (trx) => {
    await beginChange(trx);
    return work(trx);
  });
  ctx.revision.value += 1;
  await ctx.safeguard?.afterWrite();
  return result;
}
