import { sql } from 'kysely';
import type { JournalEntry } from '../../shared/api/entities.ts';
import type { ServiceContext, Trx } from './context.ts';
import { prepared } from './statements.ts';

export type JournalAction = JournalEntry['action'];

/** The number of the next change: every line a transaction writes carries the same one. */
export const NEXT_CHANGE_SQL = 'select coalesce(max(change_id), 0) + 1 as n from journal';

const changeOf = new WeakMap<Trx, number>();

/** Gives the transaction its change number; called by write() before any work. */
export async function beginChange(trx: Trx): Promise<number> {
  const { rows } = await sql.raw<{ n: number }>(NEXT_CHANGE_SQL).execute(trx);
  const change = rows[0]!.n;
  changeOf.set(trx, change);
  return change;
}

/** The change number of a transaction opened by write(). */
export function changeNumberOf(trx: Trx): number {
  const change = changeOf.get(trx);
  if (change === undefined) throw new Error('Écriture hors de write() : pas de numéro de modification.');
  return change;
}

const JOURNAL_SQL = 'insert into journal (at, actor, action, entity, entity_id, before_json, after_json, change_id) values (?, ?, ?, ?, ?, ?, ?, ?)';

/**
 * One line of the change journal, written inside the transaction of the change it records: the
 * only place a line is written. Rows are journaled as the services see them (camelCase columns).
 * The statement runs at once on the transaction's connection (a prepared statement, as the row
 * helpers use: an import writes tens of thousands of lines); the promise lets callers await it
 * like the transaction's other writes.
 */
export function journal(
  trx: Trx,
  ctx: ServiceContext,
  action: JournalAction,
  entity: string,
  entityId: number | null,
  before: unknown,
  after: unknown,
): Promise<void> {
  prepared(ctx.sqlite, JOURNAL_SQL).run(
    ctx.now().toISOString(), ctx.actor, action, entity, entityId,
    before === null ? null : JSON.stringify(before),
    after === null ? null : JSON.stringify(after),
    changeOf.get(trx) ?? null,
  );
  return Promise.resolve();
}

export async function listJournal(ctx: ServiceContext, limit: number): Promise<JournalEntry[]> {
  const rows = await ctx.db.selectFrom('journal').selectAll().orderBy('id', 'desc').limit(limit).execute();
  return rows.map((row) => ({
    id: row.id,
    changeId: row.changeId,
    at: row.at,
    actor: row.actor,
    action: row.action as JournalAction,
    entity: row.entity,
    entityId: row.entityId,
    before: row.beforeJson === null ? null : (JSON.parse(row.beforeJson) as unknown),
    after: row.afterJson === null ? null : (JSON.parse(row.afterJson) as unknown),
  }));
}
