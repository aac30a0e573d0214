import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import type { Transaction } from 'kysely';
import type { Db } from '../../db/connection.ts';
import type { Database } from '../../db/schema.ts';
import { beginChange } from './journal.ts';
import { changesOf, type RowChanges } from './rows.ts';

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

/** Told of each committed write, with what it changed and the revision it made. */
export type CommitListener = (changes: RowChanges, revision: number) => void;

const listenersOf = new WeakMap<ServiceContext, CommitListener[]>();

/** Calls `listener` after every write committed on `ctx` (the record cache patches itself so). */
export function onCommit(ctx: ServiceContext, listener: CommitListener): void {
  listenersOf.set(ctx, [...(listenersOf.get(ctx) ?? []), listener]);
}

/** Runs `work` in one transaction: every multi-row write of the app goes through here. */
export async function write<T>(ctx: ServiceContext, work: (trx: Trx) => Promise<T>): Promise<T> {
  let changes: RowChanges | undefined;
  const result = await ctx.db.transaction().execute(async (trx) => {
    await beginChange(trx);
    const done = await work(trx);
    changes = changesOf(trx, ctx);
    return done;
  });
  ctx.revision.value += 1;
  // In the same turn as the revision: a listener sees the record as this write left it.
  for (const listener of listenersOf.get(ctx) ?? []) listener(changes!, ctx.revision.value);
  await ctx.safeguard?.afterWrite();
  return result;
}
