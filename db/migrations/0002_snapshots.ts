import type { Kysely } from 'kysely';

// Indicators saved at a date (rentrée, 1 October, Toussaint…) so that figures reported once can be
// reproduced and compared later, whatever the record becomes.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('snapshots')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('indicators_json', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('snapshots_date').on('snapshots').column('date').execute();
}
