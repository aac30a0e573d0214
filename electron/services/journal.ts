import type { JournalEntry } from '../../shared/api/entities.ts';
import type { ServiceContext, Trx } from './context.ts';

export type JournalAction = JournalEntry['action'];

/** One line of the change journal, written inside the transaction of the change it records. */
export async function journal(
  trx: Trx,
  ctx: ServiceContext,
  action: JournalAction,
  entity: string,
  entityId: number | null,
  before: unknown,
  after: unknown,
): Promise<void> {
  await trx
    .insertInto('journal')
    .values({
      at: ctx.now().toISOString(),
      actor: ctx.actor,
      action,
      entity,
      entityId,
      beforeJson: before === null ? null : JSON.stringify(before),
      afterJson: after === null ? null : JSON.stringify(after),
    })
    .execute();
}

export async function listJournal(ctx: ServiceContext, limit: number): Promise<JournalEntry[]> {
  const rows = await ctx.db.selectFrom('journal').selectAll().orderBy('id', 'desc').limit(limit).execute();
  return rows.map((row) => ({
    id: row.id,
    at: row.at,
    actor: row.actor,
    action: row.action as JournalAction,
    entity: row.entity,
    entityId: row.entityId,
    before: row.beforeJson === null ? null : (JSON.parse(row.beforeJson) as unknown),
    after: row.afterJson === null ? null : (JSON.parse(row.afterJson) as unknown),
  }));
}
