import type { Transaction } from 'kysely';
import type { Db } from '../../db/connection.ts';
import type { Database } from '../../db/schema.ts';

/** What every service needs: the record, who is acting (written in the journal) and the clock. */
export interface ServiceContext {
  db: Db;
  actor: string;
  databasePath: string;
  now(): Date;
}

export type Trx = Transaction<Database>;

/** Runs `work` in one transaction: every multi-row write of the app goes through here. */
export function write<T>(ctx: ServiceContext, work: (trx: Trx) => Promise<T>): Promise<T> {
  return ctx.db.transaction().execute(work);
}
