import type { Kysely } from 'kysely';

/** The tables whose rows the app updates in place. */
const VERSIONED_TABLES = ['poles', 'schools', 'pupils', 'notifications', 'aesh', 'contracts', 'absences', 'slots', 'aesh_moves'] as const;

// Each row counts its updates. A form sends back the version it loaded, and the update is refused
// when the row has changed since (another tab, another window): otherwise a stale form would
// silently revert the other change, since an update writes the whole row.
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const table of VERSIONED_TABLES) {
    await db.schema.alterTable(table).addColumn('version', 'integer', (c) => c.notNull().defaultTo(1)).execute();
  }
}
