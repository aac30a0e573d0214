import { sql, type Kysely } from 'kysely';

// An AESH moved from one pôle to another from a date, decided in the Répartition view. The record
// keeps each move so that the engine knows the AESH's pôle at any date, and so that the contract
// amendment (avenant) the move requires stays visible until it is marked as done.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('aesh_moves')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('aesh_id', 'integer', (c) => c.notNull().references('aesh.id').onDelete('cascade'))
    .addColumn('from_pole_id', 'integer', (c) => c.references('poles.id').onDelete('set null'))
    .addColumn('to_pole_id', 'integer', (c) => c.references('poles.id').onDelete('set null'))
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('amendment_done', 'integer', (c) => c.notNull().defaultTo(0).check(sql`amendment_done in (0, 1)`))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('aesh_moves_aesh').on('aesh_moves').columns(['aesh_id', 'date']).execute();
}
