import { sql, type Kysely } from 'kysely';

// The journal lines written by one transaction share a change number, so that a change (a slot
// moved, a week copied) can be undone as a whole. Older lines each count as their own change.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('journal').addColumn('change_id', 'integer').execute();
  await sql`UPDATE journal SET change_id = id`.execute(db);
  await db.schema.createIndex('journal_change').on('journal').column('change_id').execute();
}
